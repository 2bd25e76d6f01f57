/*
 * form_deps.c - which fields must be re-evaluated when one changes.
 *
 * The graph has an edge A -> B when B's value as expressions see it
 * depends on A: B's relevant or calculation refers to A, or A is the
 * group B is directly in (a field of a non-relevant group is itself not
 * relevant).  Constraints, required, read_only, choice filters and
 * defaults are left out: they change no value that others read, and the
 * engine evaluates them when it needs them (defaults once, on a new
 * instance, as ODK does).
 *
 * Built once at load: a topological order of all fields (form order
 * wherever the dependencies leave a choice), and for every field the
 * fields reachable from it, in that order, so the engine pays nothing
 * but the re-evaluations themselves per answer.  A cycle makes the form
 * invalid ("calculation cycle: a -> b -> a", each field followed by one
 * it uses).
 *
 * Those lists can be quadratic in the form (a chain of n calculations
 * holds n(n-1)/2 entries), so their total is bounded by DEPS_MAX: a form
 * past it is refused, found after at most DEPS_MAX steps, instead of
 * taking minutes and gigabytes to load.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "form/form_int.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* Re-evaluations listed for all fields together, at most: 8 million
 * (32 MB), some thousand times what a large questionnaire needs. */
#define DEPS_MAX (8 * 1024 * 1024)

struct graph {
	int n;
	int *start;   /* n + 1 */
	int *to;
};

static void
add_refs(const form *f, const expr *e, int b, int *count, int *to,
    int *start)
{
	int k, a;

	if (e == NULL)
		return;
	for (k = 0; k < expr_nrefs(e); k++) {
		if ((a = form_find(f, expr_ref(e, k))) < 0)
			continue;
		if (to != NULL)
			to[start[a] + count[a]] = b;
		count[a]++;
	}
}

/* Two passes over the fields: count the edges, then place them. */
static void
graph_build(const form *f, struct graph *g)
{
	int n = f->nfields, *count = xcalloc((size_t)n + 1, sizeof *count);
	int pass, i;

	g->n = n;
	g->start = xcalloc((size_t)n + 1, sizeof *g->start);
	g->to = NULL;
	for (pass = 0; pass < 2; pass++) {
		memset(count, 0, ((size_t)n + 1) * sizeof *count);
		for (i = 0; i < n; i++) {
			const struct form_field *fl = &f->fields[i];

			add_refs(f, fl->relevant, i, count, g->to, g->start);
			add_refs(f, fl->calculation, i, count, g->to,
			    g->start);
			if (fl->parent >= 0) {
				if (g->to != NULL)
					g->to[g->start[fl->parent] +
					    count[fl->parent]] = i;
				count[fl->parent]++;
			}
		}
		if (pass == 0) {
			for (i = 0; i < n; i++)
				g->start[i + 1] = g->start[i] + count[i];
			g->to = xmalloc(((size_t)g->start[n] + 1) *
			    sizeof *g->to);
		}
	}
	free(count);
}

/* A binary min-heap of field indexes. */
static void
heap_push(int *h, int *n, int v)
{
	int i = (*n)++, p;

	h[i] = v;
	while (i > 0 && h[p = (i - 1) / 2] > h[i]) {
		int t = h[p];

		h[p] = h[i];
		h[i] = t;
		i = p;
	}
}

static int
heap_pop(int *h, int *n)
{
	int top = h[0], i = 0, c;

	h[0] = h[--*n];
	while ((c = 2 * i + 1) < *n) {
		if (c + 1 < *n && h[c + 1] < h[c])
			c++;
		if (h[i] <= h[c])
			break;
		int t = h[c];

		h[c] = h[i];
		h[i] = t;
		i = c;
	}
	return top;
}

/* Kahn's algorithm taking the lowest ready index first; returns how
 * many fields were ordered (fewer than n when there is a cycle). */
static int
topo_order(const struct graph *g, int *order)
{
	int *indeg = xcalloc((size_t)g->n + 1, sizeof *indeg);
	int *heap = xmalloc(((size_t)g->n + 1) * sizeof *heap);
	int nheap = 0, done = 0, i, k;

	for (i = 0; i < g->start[g->n]; i++)
		indeg[g->to[i]]++;
	for (i = 0; i < g->n; i++)
		if (indeg[i] == 0)
			heap_push(heap, &nheap, i);
	while (nheap > 0) {
		i = heap_pop(heap, &nheap);
		order[done++] = i;
		for (k = g->start[i]; k < g->start[i + 1]; k++)
			if (--indeg[g->to[k]] == 0)
				heap_push(heap, &nheap, g->to[k]);
	}
	free(heap);
	free(indeg);
	return done;
}

/* ---- cycles ---- */

struct tarjan {
	const struct graph *g;
	const bool *ordered;
	int *idx, *low, *stack, *comp;
	bool *on;
	int next, sp, ncomp;
};

static void
strongconnect(struct tarjan *t, int v)
{
	const struct graph *g = t->g;
	int k, w;

	t->idx[v] = t->low[v] = t->next++;
	t->stack[t->sp++] = v;
	t->on[v] = true;
	for (k = g->start[v]; k < g->start[v + 1]; k++) {
		w = g->to[k];
		if (t->ordered[w])
			continue;
		if (t->idx[w] < 0) {
			strongconnect(t, w);
			if (t->low[w] < t->low[v])
				t->low[v] = t->low[w];
		} else if (t->on[w] && t->idx[w] < t->low[v])
			t->low[v] = t->idx[w];
	}
	if (t->low[v] != t->idx[v])
		return;
	do {
		w = t->stack[--t->sp];
		t->on[w] = false;
		t->comp[w] = t->ncomp;
	} while (w != v);
	t->ncomp++;
}

/* Report the shortest cycle through s, within its component. */
static void
report_cycle(struct form_load *l, const struct graph *g, const int *comp,
    int s)
{
	const form *f = l->f;
	int *prev = xmalloc((size_t)g->n * sizeof *prev);
	int *queue = xmalloc((size_t)g->n * sizeof *queue);
	int head = 0, tail = 0, last = -1, v, k, w, col;
	struct buf b = BUF_INIT;

	for (v = 0; v < g->n; v++)
		prev[v] = -2;
	queue[tail++] = s;
	prev[s] = -1;
	while (head < tail && last < 0) {
		v = queue[head++];
		for (k = g->start[v]; k < g->start[v + 1]; k++) {
			w = g->to[k];
			if (w == s) {
				last = v;
				break;
			}
			if (comp[w] == comp[s] && prev[w] == -2) {
				prev[w] = v;
				queue[tail++] = w;
			}
		}
	}
	/* s -> last -> prev(last) -> ... -> s: each uses the next. */
	buf_addstr(&b, f->fields[s].name);
	for (v = last; v >= 0 && v != s; v = prev[v])
		buf_printf(&b, " -> %s", f->fields[v].name);
	buf_printf(&b, " -> %s", f->fields[s].name);
	col = l->field_col[s * FLD_NEXPR + FLD_CALCULATION];
	if (col < 0)
		col = l->field_col[s * FLD_NEXPR + FLD_RELEVANT];
	form_problem(l, l->survey_at, f->fields[s].row, col < 0 ? INT_MAX : col,
	    _("calculation cycle: %s"), b.data);
	buf_free(&b);
	free(queue);
	free(prev);
}

static void
report_cycles(struct form_load *l, const struct graph *g, const int *order,
    int done)
{
	struct tarjan t;
	bool *ordered = xcalloc((size_t)g->n + 1, sizeof *ordered);
	bool *reported;
	int i, k;

	for (i = 0; i < done; i++)
		ordered[order[i]] = true;
	memset(&t, 0, sizeof t);
	t.g = g;
	t.ordered = ordered;
	t.idx = xmalloc((size_t)g->n * sizeof *t.idx);
	t.low = xmalloc((size_t)g->n * sizeof *t.low);
	t.stack = xmalloc((size_t)g->n * sizeof *t.stack);
	t.comp = xmalloc((size_t)g->n * sizeof *t.comp);
	t.on = xcalloc((size_t)g->n, sizeof *t.on);
	for (i = 0; i < g->n; i++)
		t.idx[i] = t.comp[i] = -1;
	for (i = 0; i < g->n; i++)
		if (!ordered[i] && t.idx[i] < 0)
			strongconnect(&t, i);

	/* The lowest field of each cyclic component starts its report. */
	reported = xcalloc((size_t)t.ncomp + 1, sizeof *reported);
	for (i = 0; i < g->n; i++) {
		bool cyclic = false;

		if (ordered[i] || reported[t.comp[i]])
			continue;
		for (k = g->start[i]; k < g->start[i + 1]; k++)
			if (t.comp[g->to[k]] == t.comp[i])
				cyclic = true;
		if (!cyclic)
			continue;
		reported[t.comp[i]] = true;
		report_cycle(l, g, t.comp, i);
	}
	free(reported);
	free(t.idx);
	free(t.low);
	free(t.stack);
	free(t.comp);
	free(t.on);
	free(ordered);
}

/* ---- reachability ---- */

static int
int_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* The lists of form_affected(); a problem (and lists left empty) past
 * DEPS_MAX entries in all. */
static void
affected_build(struct form_load *l, const struct graph *g)
{
	form *f = l->f;
	int n = g->n, *pos = xmalloc(((size_t)n + 1) * sizeof *pos);
	int *seen = xmalloc(((size_t)n + 1) * sizeof *seen);
	int *stack = xmalloc(((size_t)n + 1) * sizeof *stack);
	int *found = xmalloc(((size_t)n + 1) * sizeof *found);
	size_t len = 0, cap = 0;
	int i, k, sp, nfound, v, w;

	for (i = 0; i < n; i++) {
		pos[f->order[i]] = i;
		seen[i] = -1;
	}
	f->aff_start = xcalloc((size_t)n + 1, sizeof *f->aff_start);
	for (i = 0; i < n; i++) {
		f->aff_start[i] = (int)len;
		if (g->start[i] == g->start[i + 1])
			continue;
		nfound = sp = 0;
		stack[sp++] = i;
		seen[i] = i;
		while (sp > 0) {
			v = stack[--sp];
			for (k = g->start[v]; k < g->start[v + 1]; k++) {
				w = g->to[k];
				if (seen[w] == i)
					continue;
				seen[w] = i;
				found[nfound++] = pos[w];
				stack[sp++] = w;
			}
		}
		if (len + (size_t)nfound > DEPS_MAX) {
			form_problem(l, l->survey_at, f->fields[i].row, INT_MAX,
			    _("too many calculations depend on each other: an "
			    "answer here re-evaluates %d fields, past the %d "
			    "re-evaluations a form may hold in all; shorten "
			    "the chain"), nfound, DEPS_MAX);
			len = 0;
			memset(f->aff_start, 0, ((size_t)n + 1) *
			    sizeof *f->aff_start);
			break;
		}
		qsort(found, (size_t)nfound, sizeof *found, int_cmp);
		if (len + (size_t)nfound > cap) {
			while (len + (size_t)nfound > cap)
				cap = cap ? cap * 2 : 256;
			f->aff = xreallocarray(f->aff, cap, sizeof *f->aff);
		}
		for (k = 0; k < nfound; k++)
			f->aff[len++] = f->order[found[k]];
	}
	f->aff_start[n] = (int)len;
	if (f->aff == NULL)
		f->aff = xmalloc(sizeof *f->aff);
	else
		f->aff = xreallocarray(f->aff, len + 1, sizeof *f->aff);
	free(found);
	free(stack);
	free(seen);
	free(pos);
}

void
form_deps_build(struct form_load *l)
{
	form *f = l->f;
	struct graph g;
	int done;

	graph_build(f, &g);
	f->order = xmalloc(((size_t)f->nfields + 1) * sizeof *f->order);
	done = topo_order(&g, f->order);
	if (done < f->nfields)
		report_cycles(l, &g, f->order, done);
	else
		affected_build(l, &g);
	free(g.start);
	free(g.to);
}
