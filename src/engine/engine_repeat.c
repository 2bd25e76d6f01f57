/*
 * engine_repeat.c - the instances of repeats: the tree that holds them,
 * their counts, and keys that name a field in one instance.
 *
 * The root instance holds the fields outside repeats; an instance of a
 * repeat holds its span and, at the slot of each repeat nested in it,
 * that repeat's instances (engine_int.h).  A repeat with a repeat_count
 * holds as many instances as the count says, made or dropped at the end
 * whenever the count changes (as ODK does); one without is the
 * interviewer's: it starts with one instance, as pyxform's XForm has one,
 * and grows or shrinks at the prompt.  Instances coming or going changes
 * position(), count() and everything reading them, so the whole interview
 * is evaluated again then (engine_restructure()); a plain answer costs
 * what depends on it, in every instance that holds a dependant.
 *
 * A key names a field in one instance, the way answers files and drafts
 * write it: "age" outside repeats, "member[2]/age" in the second member,
 * "member[2]/child[1]/name" nested; a repeat's own key ("member",
 * "member[2]/child") holds its count of instances.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine_int.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* No repeat_count makes more instances than this. */
#define ENGINE_MAX_INSTANCES 10000

struct rinst *
engine_owner(const engine *e, const struct rinst *from, int i)
{
	int rep;

	if (!e->repeats)
		return (struct rinst *)(uintptr_t)&e->root;
	rep = form_field(e->f, i)->in_repeat;
	for (; from != NULL; from = from->up)
		if (from->rep == rep)
			return (struct rinst *)(uintptr_t)from;
	return NULL;
}

struct rlist *
engine_rlist(struct rinst *r, int rep)
{
	if (r->kids == NULL)
		r->kids = xcalloc((size_t)r->span + 1, sizeof *r->kids);
	return &r->kids[rep - r->base];
}

static void
rlist_push(struct rlist *l, struct rinst *r)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 4;
		l->v = xreallocarray(l->v, (size_t)l->cap, sizeof *l->v);
	}
	l->v[l->n++] = r;
}

void
engine_instances(const engine *e, struct rinst *r, int rep,
    struct rinst ***out, int *n)
{
	struct rlist acc = { *out, *n, *n };
	struct rlist *l;
	int k = rep, j;

	if (r->rep == rep) {
		rlist_push(&acc, r);
		goto out;
	}
	/* The repeat just inside r on the way down to rep. */
	while (k >= 0 && form_field(e->f, k)->in_repeat != r->rep)
		k = form_field(e->f, k)->in_repeat;
	if (k < 0 || r->kids == NULL)
		goto out;
	l = &r->kids[k - r->base];
	for (j = 0; j < l->n; j++)
		engine_instances(e, l->v[j], rep, &acc.v, &acc.n);
out:
	*out = acc.v;
	*n = acc.n;
}

static struct rinst *
rinst_new(const engine *e, int rep, struct rinst *up)
{
	struct rinst *r = xcalloc(1, sizeof *r);
	int k;

	r->rep = rep;
	r->base = rep + 1;
	r->span = rep < 0 ? e->nf : form_field(e->f, rep)->end - (rep + 1);
	r->up = up;
	r->val = xcalloc((size_t)r->span + 1, sizeof *r->val);
	r->type = xcalloc((size_t)r->span + 1, sizeof *r->type);
	r->rel = xcalloc((size_t)r->span + 1, sizeof *r->rel);
	for (k = 0; k < r->span; k++)
		r->rel[k] = true;
	return r;
}

void
engine_rinst_free(struct rinst *r)
{
	int k, j;

	if (r == NULL)
		return;
	for (k = 0; k < r->span; k++) {
		free(r->val[k]);
		if (r->kids == NULL)
			continue;
		for (j = 0; j < r->kids[k].n; j++)
			engine_rinst_free(r->kids[k].v[j]);
		free(r->kids[k].v);
	}
	free(r->val);
	free(r->type);
	free(r->rel);
	free(r->kids);
	if (r->rep >= 0)
		free(r);
}

struct rinst *
engine_rinst_add(engine *e, struct rinst *parent, int rep)
{
	struct rlist *l = engine_rlist(parent, rep);
	struct rinst *r = rinst_new(e, rep, parent), *was = e->fresh;

	rlist_push(l, r);
	r->pos = l->n;
	e->fresh = r;
	engine_rinst_defaults(e, r);
	e->fresh = was;
	return r;
}

/* Drop the last instance of rep in parent. */
static void
rinst_drop_last(engine *e, struct rinst *parent, int rep)
{
	struct rlist *l = engine_rlist(parent, rep);
	struct rinst *r = l->v[--l->n], *k;

	for (k = e->at; k != NULL; k = k->up)
		if (k == r) {
			e->at = parent;
			break;
		}
	engine_rinst_free(r);
}

/* The count a repeat_count gives in instance p: NaN and less than 0 are
 * none; a fraction is cut. */
static int
rinst_want(engine *e, struct rinst *p, int rep)
{
	const struct form_field *fld = form_field(e->f, rep);
	struct rinst *was = e->at;
	char *v;
	double d;

	e->at = p;
	v = engine_eval_text(e, fld->repeat_count, rep, NULL, NULL);
	e->at = was;
	d = v != NULL ? expr_read_number(v) : NAN;
	if (isnan(d) && v != NULL)
		d = strtod(v, NULL);
	free(v);
	if (isnan(d) || d < 1)
		return 0;
	return d > ENGINE_MAX_INSTANCES ? ENGINE_MAX_INSTANCES : (int)d;
}

bool
engine_sync_counts(engine *e)
{
	struct rinst **in = NULL;
	bool changed = false;
	int i, k, n;

	for (i = 0; i < e->nf; i++) {
		const struct form_field *fld = form_field(e->f, i);

		if (!fld->repeat || fld->repeat_count == NULL)
			continue;
		n = 0;
		engine_instances(e, &e->root, fld->in_repeat, &in, &n);
		for (k = 0; k < n; k++) {
			struct rlist *l = engine_rlist(in[k], i);
			int want = RREL(in[k], i) ? rinst_want(e, in[k], i) :
			    l->n;

			while (l->n < want) {
				engine_rinst_add(e, in[k], i);
				changed = true;
			}
			while (l->n > want) {
				rinst_drop_last(e, in[k], i);
				changed = true;
			}
		}
	}
	free(in);
	return changed;
}

void
engine_restructure(engine *e)
{
	struct rinst **in = NULL, *was = e->at;
	const int *order;
	int pass, n, k, j, m;

	order = form_eval_order(e->f, &n);
	for (pass = 0; pass < 16; pass++) {
		for (k = 0; k < n; k++) {
			m = 0;
			engine_instances(e, &e->root,
			    form_field(e->f, order[k])->in_repeat, &in, &m);
			for (j = 0; j < m; j++)
				engine_eval_one(e, in[j], order[k]);
		}
		if (!e->counted || !engine_sync_counts(e))
			break;
	}
	free(in);
	e->at = was;
}

bool
engine_user_repeat(const engine *e, int rep)
{
	const struct form_field *fld;

	if (rep < 0 || rep >= e->nf)
		return false;
	fld = form_field(e->f, rep);
	return fld->repeat && fld->repeat_count == NULL;
}

/* The instance of repeat rep that the current question is in; NULL. */
static struct rinst *
rinst_of(const engine *e, int rep)
{
	struct rinst *r;

	for (r = e->at; r != NULL; r = r->up)
		if (r->rep == rep)
			return r;
	return NULL;
}

int
engine_repeat_count(const engine *e, int rep)
{
	struct rinst *p;

	if (rep < 0 || rep >= e->nf || !form_field(e->f, rep)->repeat ||
	    (p = engine_owner(e, e->at, rep)) == NULL || p->kids == NULL)
		return 0;
	return p->kids[rep - p->base].n;
}

int
engine_repeat_pos(const engine *e, int rep)
{
	struct rinst *r = rinst_of(e, rep);

	return r != NULL ? r->pos : 0;
}

int
engine_repeat_resize(engine *e, int rep, int n, char **cause)
{
	struct rinst *p;
	struct rlist *l;

	if (!engine_user_repeat(e, rep))
		return kesu_fail(cause, KESU_EDATA, "%s",
		    _("The number of these is set by the form."));
	if ((p = engine_owner(e, e->at, rep)) == NULL || n < 0 ||
	    n > ENGINE_MAX_INSTANCES)
		return kesu_fail(cause, KESU_EDATA, "%s",
		    _("No such instance."));
	l = engine_rlist(p, rep);
	if (l->n == n)
		return 0;
	while (l->n < n)
		engine_rinst_add(e, p, rep);
	while (l->n > n)
		rinst_drop_last(e, p, rep);
	engine_restructure(e);
	return 0;
}

int
engine_repeat_delete(engine *e, char **cause)
{
	struct rinst *r = NULL, *p;
	struct rlist *l;
	int k, pos, rep = -1;

	if (e->cur >= 0 && !form_field(e->f, e->cur)->repeat) {
		rep = form_field(e->f, e->cur)->in_repeat;
		r = rinst_of(e, rep);
	}
	if (r == NULL || !engine_user_repeat(e, rep))
		return kesu_fail(cause, KESU_EDATA, "%s",
		    _("This question is not in a repeat that can lose an "
		    "instance."));
	p = r->up;
	pos = r->pos;
	l = engine_rlist(p, rep);
	for (k = pos; k < l->n; k++) {
		l->v[k - 1] = l->v[k];
		l->v[k - 1]->pos = k;
	}
	l->n--;
	e->at = p;
	engine_rinst_free(r);
	engine_restructure(e);
	/* The next instance takes its place, or the prompt after the last. */
	if (pos <= l->n)
		engine_nav_from(e, l->v[pos - 1], rep + 1);
	else {
		e->cur = rep;
		e->at = p;
	}
	return 0;
}

int
engine_repeat_add(engine *e, char **cause)
{
	struct rinst *r;
	int rep = e->cur;

	if (!engine_user_repeat(e, rep) || e->at == NULL ||
	    engine_owner(e, e->at, rep) != e->at)
		return kesu_fail(cause, KESU_EDATA, "%s",
		    _("This is not where an instance can be added."));
	if (engine_rlist(e->at, rep)->n >= ENGINE_MAX_INSTANCES)
		return kesu_fail(cause, KESU_EDATA, "%s",
		    _("No more instances can be added."));
	r = engine_rinst_add(e, e->at, rep);
	engine_restructure(e);
	engine_nav_from(e, r, rep + 1);
	return 0;
}

/* Append the key of instance r ("a[1]/b[2]/"), outermost first. */
static void
rkey_prefix(const engine *e, const struct rinst *r, struct buf *b)
{
	if (r == NULL || r->rep < 0)
		return;
	rkey_prefix(e, r->up, b);
	buf_printf(b, "%s[%d]/", form_field(e->f, r->rep)->name, r->pos);
}

char *
engine_rkey(const engine *e, const struct rinst *r, int i)
{
	struct buf b = BUF_INIT;

	rkey_prefix(e, r, &b);
	buf_addstr(&b, form_field(e->f, i)->name);
	return buf_detach(&b);
}

char *
engine_key(const engine *e, int field)
{
	struct rinst *r;

	if (field < 0 || field >= e->nf)
		return xstrdup("");
	r = engine_owner(e, e->at, field);
	return engine_rkey(e, r != NULL ? r : &e->root, field);
}

/* One segment "name" or "name[k]" of a key: the name and k (0: none). */
static int
seek_segment(const char *s, size_t len, char **name, long *k)
{
	const char *br = memchr(s, '[', len);
	char *end;

	*k = 0;
	if (br == NULL) {
		*name = xstrndup(s, len);
		return 0;
	}
	if (s[len - 1] != ']' || br == s)
		return -1;
	errno = 0;
	*k = strtol(br + 1, &end, 10);
	if (end != s + len - 1 || end == br + 1 || errno != 0 || *k < 1)
		return -1;
	*name = xstrndup(s, (size_t)(br - s));
	return 0;
}

int
engine_seek(engine *e, const char *key, bool create, char **cause)
{
	struct rinst *r = &e->root;
	const char *p = key;
	bool made = false;
	int rc = -1;

	for (;;) {
		const char *slash = strchr(p, '/');
		size_t len = slash != NULL ? (size_t)(slash - p) : strlen(p);
		char *name = NULL;
		long k;
		int i;

		if (len == 0 || seek_segment(p, len, &name, &k) != 0) {
			kesu_fail(cause, KESU_EDATA, _("'%s' is not a field or "
			    "a repeat instance such as member[2]/age"), key);
			break;
		}
		i = form_find(e->f, name);
		if (i < 0) {
			kesu_fail(cause, KESU_EDATA, _("no field named '%s'"),
			    name);
			free(name);
			break;
		}
		if (form_field(e->f, i)->in_repeat != r->rep) {
			const struct form_field *in =
			    form_field(e->f, form_field(e->f, i)->in_repeat >= 0 ?
			    form_field(e->f, i)->in_repeat : i);

			if (form_field(e->f, i)->in_repeat >= 0)
				kesu_fail(cause, KESU_EDATA, _("'%s' is in "
				    "repeat '%s': name its instance, as in "
				    "%s[1]/%s"), name, in->name, in->name,
				    name);
			else
				kesu_fail(cause, KESU_EDATA, _("'%s' is not in "
				    "a repeat"), name);
			free(name);
			break;
		}
		free(name);
		if (slash == NULL) {
			if (k != 0) {
				kesu_fail(cause, KESU_EDATA, _("'%s' names an "
				    "instance but no field in it"), key);
				break;
			}
			e->at = r;
			e->cur = i;
			rc = i;
			break;
		}
		if (k == 0 || !form_field(e->f, i)->repeat) {
			kesu_fail(cause, KESU_EDATA, _("'%s' is not a field or "
			    "a repeat instance such as member[2]/age"), key);
			break;
		}
		if (k > engine_rlist(r, i)->n) {
			if (!create || !engine_user_repeat(e, i) ||
			    k > ENGINE_MAX_INSTANCES) {
				kesu_fail(cause, KESU_EDATA, _("%s: there are "
				    "only %d of '%s'"), key,
				    engine_rlist(r, i)->n,
				    form_field(e->f, i)->name);
				break;
			}
			while (engine_rlist(r, i)->n < k)
				engine_rinst_add(e, r, i);
			made = true;
		}
		r = engine_rlist(r, i)->v[k - 1];
		p = slash + 1;
	}
	if (made) {
		struct rinst *at = e->at;
		int cur = e->cur;

		engine_restructure(e);
		e->at = at;
		e->cur = cur;
	}
	return rc;
}

static void
each_in(const engine *e, struct rinst *r,
    void (*fn)(void *, int, const char *, const char *), void *arg)
{
	int i, k;

	for (i = r->base; i < r->base + r->span; i++) {
		const struct form_field *fld = form_field(e->f, i);
		char *key;

		if (fld->in_repeat != r->rep || !RREL(r, i))
			continue;
		if (fld->repeat) {
			struct rlist *l = engine_rlist(r, i);

			if (engine_user_repeat(e, i)) {
				char n[16];

				snprintf(n, sizeof n, "%d", l->n);
				key = engine_rkey(e, r, i);
				fn(arg, i, key, n);
				free(key);
			}
			for (k = 0; k < l->n; k++)
				each_in(e, l->v[k], fn, arg);
			continue;
		}
		if (RVAL(r, i) == NULL)
			continue;
		key = engine_rkey(e, r, i);
		fn(arg, i, key, RVAL(r, i));
		free(key);
	}
}

void
engine_each(const engine *e,
    void (*fn)(void *arg, int field, const char *key, const char *value),
    void *arg)
{
	each_in(e, (struct rinst *)(uintptr_t)&e->root, fn, arg);
}

/* The instance from which field i's nodes are all seen from r: r or the
 * nearest enclosing instance whose repeat encloses i. */
static struct rinst *
nodes_base(const engine *e, struct rinst *r, int i)
{
	for (; r != NULL; r = r->up) {
		int k = form_field(e->f, i)->repeat ? i :
		    form_field(e->f, i)->in_repeat;

		while (k >= 0 && k != r->rep)
			k = form_field(e->f, k)->in_repeat;
		if (k == r->rep)
			return r;
	}
	return (struct rinst *)(uintptr_t)&e->root;
}

/* The instances holding the nodes of field or repeat i seen from e->at,
 * relevant ones only, into *in (the caller's); their count. */
static int
node_insts(const engine *e, int i, struct rinst ***in)
{
	const struct form_field *fld = form_field(e->f, i);
	struct rinst *base;
	int n = 0, m = 0, k, rep;

	*in = NULL;
	base = nodes_base(e, e->at, i);
	rep = fld->repeat ? i : fld->in_repeat;
	if (fld->repeat && base->rep == i)
		base = base->up; /* count(${member}) inside a member */
	engine_instances(e, base, rep, in, &n);
	/* Non-relevant nodes are not in the set (as ODK's engine counts). */
	for (k = 0; k < n; k++)
		if (fld->repeat ? RREL((*in)[k]->up, i) : RREL((*in)[k], i))
			(*in)[m++] = (*in)[k];
	return m;
}

int
engine_nodes(const engine *ce, int i, const char *const **vals)
{
	engine *e = (engine *)(uintptr_t)ce; /* its scratch array only */
	const struct form_field *fld = form_field(e->f, i);
	struct rinst **in;
	int n, k;

	n = node_insts(e, i, &in);
	if (n > e->nnodes) {
		e->nodes = xreallocarray(e->nodes, (size_t)n, sizeof *e->nodes);
		e->nnodes = n;
	}
	for (k = 0; k < n; k++)
		e->nodes[k] = fld->repeat || RVAL(in[k], i) == NULL ? "" :
		    RVAL(in[k], i);
	free(in);
	*vals = (const char *const *)e->nodes;
	return n;
}

struct rinst *
engine_node_inst(const engine *e, int i, int k)
{
	struct rinst **in, *r = NULL;
	int n = node_insts(e, i, &in);

	if (k >= 0 && k < n)
		r = in[k];
	free(in);
	return r;
}

bool
engine_inside(const engine *e, int i, int rep)
{
	for (i = form_field(e->f, i)->in_repeat; i >= 0;
	    i = form_field(e->f, i)->in_repeat)
		if (i == rep)
			return true;
	return false;
}

const char *
engine_indexed(const engine *e, int x, const int *reps, const int *idx,
    int n)
{
	struct rinst *r;
	int k;

	r = engine_owner(e, e->at, reps[0]);
	if (r == NULL)
		r = (struct rinst *)(uintptr_t)&e->root;
	for (k = 0; k < n; k++) {
		struct rlist *l;

		if (form_field(e->f, reps[k])->in_repeat != r->rep)
			return NULL;
		l = engine_rlist(r, reps[k]);
		if (idx[k] < 1 || idx[k] > l->n)
			return NULL;
		r = l->v[idx[k] - 1];
	}
	if ((r = engine_owner(e, r, x)) == NULL || !RREL(r, x) ||
	    RVAL(r, x) == NULL)
		return "";
	return RVAL(r, x);
}

int
engine_position(const engine *e, int i, int up)
{
	struct rinst *r;

	while (up-- > 0 && i >= 0)
		i = form_field(e->f, i)->parent;
	if (i < 0 || !form_field(e->f, i)->repeat)
		return 1;
	for (r = e->at; r != NULL; r = r->up)
		if (r->rep == i)
			return r->pos;
	return 1;
}
