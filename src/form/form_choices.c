/*
 * form_choices.c - the choices sheet: choice lists, in order of first
 * appearance, each choice with its labels and its other columns (which
 * choice_filter expressions read by name).
 *
 * A choice needs a list_name and a name; names are unique within their
 * list unless settings allow_choice_duplicates says yes (pyxform's
 * rule).  Cells have smart quotes straightened, as pyxform does.
 */
#include <stdlib.h>
#include <string.h>

#include "form/form_int.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static const char *
list_key(const void *ctx, int i)
{
	return ((const form *)ctx)->lists[i].name;
}

static const char *
choice_key(const void *ctx, int i)
{
	return ((const struct form_list *)ctx)->choices[i].name;
}

/* Whether any label cell of row r is filled. */
static bool
has_label(const struct form_cols *c, const struct sheet_row *r)
{
	int i;

	for (i = 0; i < c->ncols; i++)
		if (c->key[i] == FCOL_LABEL && sheet_cell(r, i)[0] != '\0')
			return true;
	return false;
}

/* The list of row r, created when new; -1 when the row is not a choice. */
static int
row_list(struct form_load *l, const struct sheet_row *r, int cl, int cn)
{
	form *f = l->f;
	const char *list = sheet_cell(r, cl), *name = sheet_cell(r, cn);
	int i, had;

	if (list[0] == '\0') {
		if (name[0] != '\0' || has_label(&l->ccols, r))
			form_problem(l, l->choices_at, r->row, cl,
			    _("choice has no list_name"));
		return -1;
	}
	if (name[0] == '\0') {
		form_problem(l, l->choices_at, r->row, cn,
		    _("choice in list '%s' has no name"), list);
		return -1;
	}
	i = f->nlists;
	memset(&f->lists[i], 0, sizeof f->lists[i]);
	f->lists[i].name = list;
	if ((had = nameidx_add(&f->list_names, i, list_key, f)) >= 0)
		return had;
	f->lists[i].name = arena_strdup(&f->arena, list);
	f->lists[i].row = r->row;
	f->nlists++;
	return i;
}

static void
add_choice(struct form_load *l, struct form_list *fl,
    const struct sheet_row *r, int cn, const char *const *col_name,
    int ncols)
{
	form *f = l->f;
	const struct form_cols *c = &l->ccols;
	struct form_choice *ch = &fl->choices[fl->n];
	const char **label, **value;
	int i, k = 0, first;

	ch->name = form_clean_text(&f->arena, sheet_cell(r, cn), false);
	ch->row = r->row;
	label = arena_alloc(&f->arena, (size_t)f->nlangs * sizeof *label);
	value = arena_alloc(&f->arena, (size_t)ncols * sizeof *value);
	for (i = 0; i < c->ncols; i++) {
		const char *v = sheet_cell(r, i);

		if (c->key[i] == FCOL_EXTRA)
			value[k++] = form_clean_text(&f->arena, v, false);
		else if (c->key[i] == FCOL_LABEL && v[0] != '\0' &&
		    c->lang[i] >= 0)
			label[c->lang[i]] = form_clean_shown(&f->arena, v,
			    false);
	}
	ch->label = label;
	ch->ncols = ncols;
	ch->col_name = col_name;
	ch->col_value = value;
	first = nameidx_add(&fl->index, fl->n, choice_key, fl);
	if (first >= 0 && !l->allow_duplicates)
		form_problem(l, l->choices_at, r->row, cn,
		    _("duplicate choice '%s' in list '%s' (first defined at "
		    "row %d)"), ch->name, fl->name, fl->choices[first].row);
	fl->n++;
}

void
form_load_choices(struct form_load *l)
{
	const struct sheet *s = l->choices;
	const struct form_cols *c = &l->ccols;
	form *f = l->f;
	const char **col_name;
	int *which, i, ncols = 0, cl, cn;

	nameidx_init(&f->list_names, s != NULL ? s->nrows : 0);
	if (s == NULL || s->nrows == 0)
		return;
	cl = c->first[FCOL_LIST_NAME];
	cn = c->first[FCOL_NAME];
	if (cl < 0)
		form_problem(l, l->choices_at, s->rows[0].row, c->ncols,
		    _("missing column 'list_name'"));
	if (cn < 0)
		form_problem(l, l->choices_at, s->rows[0].row, c->ncols,
		    _("missing column 'name'"));
	if (cl < 0 || cn < 0 || s->nrows < 2)
		return;

	f->lists = xcalloc((size_t)s->nrows, sizeof *f->lists);
	which = xcalloc((size_t)s->nrows, sizeof *which);
	for (i = 1; i < s->nrows; i++)
		if ((which[i] = row_list(l, &s->rows[i], cl, cn)) >= 0)
			f->lists[which[i]].cap++;
	for (i = 0; i < f->nlists; i++) {
		struct form_list *fl = &f->lists[i];

		fl->choices = arena_alloc(&f->arena,
		    (size_t)fl->cap * sizeof *fl->choices);
		nameidx_init(&fl->index, fl->cap);
	}

	for (i = 0; i < c->ncols; i++)
		if (c->key[i] == FCOL_EXTRA)
			ncols++;
	col_name = arena_alloc(&f->arena, (size_t)ncols * sizeof *col_name);
	ncols = 0;
	for (i = 0; i < c->ncols; i++)
		if (c->key[i] == FCOL_EXTRA)
			col_name[ncols++] = arena_strdup(&f->arena,
			    c->header[i]);

	for (i = 1; i < s->nrows; i++)
		if (which[i] >= 0)
			add_choice(l, &f->lists[which[i]], &s->rows[i], cn,
			    col_name, ncols);
	free(which);
}
