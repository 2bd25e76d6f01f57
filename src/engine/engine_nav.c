/*
 * engine_nav.c - moving between the questions a person sees.
 *
 * A question is shown when it is relevant and is not a group, a calculate
 * or metadata; notes, acknowledgements and read-only questions are shown.
 * A stop is a shown question in one instance, or the prompt of a repeat
 * the interviewer controls ("add another?"), which comes after its last
 * instance (and in place of its instances when it has none); its field
 * is the repeat's and its instance the one holding the repeat.  Stops
 * come in document order: each instance of a repeat in turn, each with
 * its own questions.  Walking forward or back is linear in the fields
 * skipped, which is what a screen pays anyway.
 */
#include <stdint.h>
#include <stdlib.h>

#include "engine/engine_int.h"
#include "util/xalloc.h"

static bool
nav_shown(const engine *e, const struct rinst *r, int i)
{
	if (r == NULL || i < 0 || i >= e->nf || !RREL(r, i))
		return false;
	return form_is_question(form_field(e->f, i));
}

bool
engine_shown(const engine *e, int i)
{
	if (i < 0 || i >= e->nf)
		return false;
	if (form_field(e->f, i)->repeat)
		return e->cur == i && engine_user_repeat(e, i);
	return nav_shown(e, engine_owner(e, e->at, i), i);
}

/*
 * The first stop at or after field i of instance r, in document order:
 * *oi and *or set, false at the end of the form.
 */
static bool
nav_scan(const engine *e, struct rinst *r, int i, int *oi,
    struct rinst **or)
{
	for (;;) {
		int limit = r->rep < 0 ? e->nf : form_field(e->f, r->rep)->end;
		struct rlist *l;
		int rep;

		while (i < limit) {
			const struct form_field *fld = form_field(e->f, i);

			if (!RREL(r, i)) {
				i = fld->end; /* a whole non-relevant group */
				continue;
			}
			if (fld->repeat) {
				l = engine_rlist(r, i);
				if (l->n > 0) {
					r = l->v[0];
					i++;
					continue;
				}
				if (engine_user_repeat(e, i)) {
					*oi = i;
					*or = r;
					return true;
				}
				i = fld->end;
				continue;
			}
			if (nav_shown(e, r, i)) {
				*oi = i;
				*or = r;
				return true;
			}
			i++;
		}
		if (r->up == NULL)
			return false;
		/* The end of an instance: the next one, the prompt, or on. */
		rep = r->rep;
		l = engine_rlist(r->up, rep);
		if (r->pos < l->n) {
			r = l->v[r->pos];
			i = rep + 1;
			continue;
		}
		r = r->up;
		if (engine_user_repeat(e, rep)) {
			*oi = rep;
			*or = r;
			return true;
		}
		i = form_field(e->f, rep)->end;
	}
}

/* The stop after stop (i, r). */
static bool
nav_after(const engine *e, int i, struct rinst *r, int *oi,
    struct rinst **or)
{
	const struct form_field *fld = form_field(e->f, i);

	return nav_scan(e, r, fld->repeat ? fld->end : i + 1, oi, or);
}

void
engine_nav_from(engine *e, struct rinst *r, int i)
{
	int oi;
	struct rinst *or;

	if (nav_scan(e, r, i, &oi, &or)) {
		e->cur = oi;
		e->at = or;
	} else {
		e->cur = -1;
		e->at = &e->root;
	}
}

int
engine_first(const engine *e)
{
	struct rinst *or;
	int oi;

	return nav_scan(e, (struct rinst *)(uintptr_t)&e->root, 0, &oi,
	    &or) ? oi : -1;
}

int
engine_current(const engine *e)
{
	return e->cur;
}

int
engine_next(engine *e, char **cause)
{
	int rc, oi;
	struct rinst *or;

	if (e->cur < 0)
		return 0;
	if (!form_field(e->f, e->cur)->repeat &&
	    (rc = engine_check(e, e->cur, cause)) != 0)
		return rc;
	if (nav_after(e, e->cur, e->at, &oi, &or)) {
		e->cur = oi;
		e->at = or;
	} else {
		e->cur = -1;
		e->at = &e->root;
	}
	return 0;
}

void
engine_skip(engine *e)
{
	int oi;
	struct rinst *or;

	if (e->cur < 0)
		return;
	if (nav_after(e, e->cur, e->at, &oi, &or)) {
		e->cur = oi;
		e->at = or;
	} else {
		e->cur = -1;
		e->at = &e->root;
	}
}

void
engine_prev(engine *e)
{
	struct rinst *r, *pr = NULL;
	int i, pi = -1;

	if (!nav_scan(e, &e->root, 0, &i, &r))
		return;
	while (!(i == e->cur && r == e->at)) {
		pi = i;
		pr = r;
		if (!nav_after(e, i, r, &i, &r))
			break;
	}
	if (pi >= 0) {
		e->cur = pi;
		e->at = pr;
	}
}

void
engine_goto(engine *e, int field)
{
	struct rinst *r;
	int i;

	if (field == -1) {
		e->cur = -1;
		e->at = &e->root;
		return;
	}
	if (field < -1 || field >= e->nf)
		return;
	r = engine_owner(e, e->at, field);
	if (!form_field(e->f, field)->repeat && nav_shown(e, r, field)) {
		e->cur = field;
		e->at = r;
		return;
	}
	/* Elsewhere: its first stop. */
	if (!nav_scan(e, &e->root, 0, &i, &r))
		return;
	for (;;) {
		if (i == field) {
			e->cur = i;
			e->at = r;
			return;
		}
		if (!nav_after(e, i, r, &i, &r))
			return;
	}
}

int
engine_stops(const engine *e, struct engine_stop **out)
{
	struct engine_stop *v = NULL;
	struct rinst *r;
	int i, n = 0, cap = 0;

	*out = NULL;
	if (!nav_scan(e, (struct rinst *)(uintptr_t)&e->root, 0, &i, &r))
		return 0;
	do {
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			v = xreallocarray(v, (size_t)cap, sizeof *v);
		}
		v[n].field = i;
		v[n].key = engine_rkey(e, r, i);
		v[n].current = i == e->cur && r == e->at;
		n++;
	} while (nav_after(e, i, r, &i, &r));
	*out = v;
	return n;
}

void
engine_stops_free(struct engine_stop *v, int n)
{
	int k;

	for (k = 0; k < n; k++)
		free(v[k].key);
	free(v);
}

/*
 * Pages.  The outermost group holding field i with the appearance
 * field-list or table-list (a repeat with it: one page per instance), or
 * -1.  The walk stops at a repeat: a page never spans instances.
 */
int
engine_page_group(const engine *e, int i)
{
	const struct form_field *fl;
	int g = -1;

	if (i < 0 || i >= e->nf || form_field(e->f, i)->repeat)
		return -1;
	for (i = form_field(e->f, i)->parent; i >= 0; i = fl->parent) {
		fl = form_field(e->f, i);
		if (form_appears(fl, "field-list") ||
		    form_appears(fl, "table-list"))
			g = i;
		if (fl->repeat)
			break;
	}
	return g;
}

int
engine_page(const engine *e, int *group, int **fields)
{
	const struct rinst *r = e->at;
	int g, i, n = 0, *v;

	*group = -1;
	*fields = NULL;
	if (e->cur < 0)
		return 0;
	if ((g = engine_page_group(e, e->cur)) < 0) {
		*fields = xmalloc(sizeof **fields);
		(*fields)[0] = e->cur;
		return 1;
	}
	v = xreallocarray(NULL, (size_t)(form_field(e->f, g)->end - g),
	    sizeof *v);
	for (i = g + 1; i < form_field(e->f, g)->end; ) {
		const struct form_field *fl = form_field(e->f, i);

		if (!RREL(r, i) || fl->repeat) {
			i = fl->end; /* a group that does not apply */
			continue;
		}
		if (nav_shown(e, r, i))
			v[n++] = i;
		i++;
	}
	*group = g;
	*fields = v;
	return n;
}

/* The first stop after the page of the current question. */
static void
nav_page_after(engine *e)
{
	int g = engine_page_group(e, e->cur), oi;
	struct rinst *or;

	if (g < 0) {
		engine_skip(e);
		return;
	}
	if (nav_scan(e, e->at, form_field(e->f, g)->end, &oi, &or)) {
		e->cur = oi;
		e->at = or;
	} else {
		e->cur = -1;
		e->at = &e->root;
	}
}

int
engine_page_next(engine *e, char **cause)
{
	int g, n, k, rc = 0, *v;

	if (e->cur < 0 || (g = engine_page_group(e, e->cur)) < 0)
		return engine_next(e, cause);
	n = engine_page(e, &g, &v);
	for (k = 0; k < n; k++)
		if ((rc = engine_check(e, v[k], cause)) != 0) {
			e->cur = v[k];
			goto out;
		}
	nav_page_after(e);
out:
	free(v);
	return rc;
}

/* Make the first question of the current question's page current. */
static void
nav_page_start(engine *e)
{
	int g, *v;

	if (e->cur < 0 || engine_page_group(e, e->cur) < 0)
		return;
	if (engine_page(e, &g, &v) > 0)
		e->cur = v[0];
	free(v);
}

void
engine_page_prev(engine *e)
{
	nav_page_start(e);
	engine_prev(e);
	nav_page_start(e);
}
