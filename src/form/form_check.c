/*
 * form_check.c - references between fields, checked once every name is
 * known.
 *
 * Every ${name} must name a field of the form: in expressions (relevant,
 * constraint, required, calculation, choice_filter, read_only, dynamic
 * defaults, settings instance_name) and in texts, where ${name} shows
 * the field's value (labels, hints, messages, choice labels), and, as
 * pyxform checks them, in every other survey and settings column.  A group
 * has no value of its own here, so ${group} is refused.  Choices of a
 * list that a select_multiple uses must not contain spaces, since the
 * answer stores them space-separated.  The q of select_one ${q} must be
 * a question inside a repeat: its answers there are the choices.
 */
#include <stdlib.h>
#include <string.h>

#include "form/form_int.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* Why `name` is not a field to refer to: NULL when it is one. */
static char *
ref_problem(const form *f, const char *name)
{
	const char *best = NULL;
	int i = form_find(f, name), d, bestd = 99;

	if (i >= 0) {
		if (f->fields[i].type == FORM_GROUP && !f->fields[i].repeat)
			return kesu_msg(_("${%s} is a group, not a field"),
			    name);
		return NULL;
	}
	for (i = 0; i < f->nfields; i++) {
		const char *other = f->fields[i].name;

		if (f->fields[i].type == FORM_GROUP || !form_near(name, other))
			continue;
		d = form_distance(name, other, 2);
		if (d < bestd) {
			bestd = d;
			best = other;
		}
	}
	if (best != NULL)
		return kesu_msg(_("no field named '%s' (did you mean '%s'?)"),
		    name, best);
	return kesu_msg(_("no field named '%s'"), name);
}

static void
check_expr(struct form_load *l, const expr *e, int sheet, int row, int col,
    const char *what)
{
	char *why;
	int k;

	if (e == NULL)
		return;
	/* Outside choice_filter a bare name reads as empty in ODK too:
	 * almost always a forgotten ${}. */
	if (expr_column(e) != NULL && strcmp(what, "choice_filter") != 0)
		form_problem(l, sheet, row, col, _("%s: '%s' is not a field "
		    "reference; write ${%s}"), what, expr_column(e),
		    expr_column(e));
	for (k = 0; k < expr_nrefs(e); k++)
		if ((why = ref_problem(l->f, expr_ref(e, k))) != NULL) {
			form_problem(l, sheet, row, col, "%s: %s", what, why);
			free(why);
		}
}

/* The innermost repeat holding both fields a and b, -1 when none. */
static int
common_repeat(const form *f, int a, int b)
{
	int ra, rb;

	for (ra = f->fields[a].in_repeat; ra >= 0;
	    ra = f->fields[ra].in_repeat)
		for (rb = f->fields[b].in_repeat; rb >= 0;
		    rb = f->fields[rb].in_repeat)
			if (ra == rb)
				return ra;
	return -1;
}

/*
 * ${q} inside a repeat's brackets, in an expression of field i: when q
 * and i share a repeat pyxform writes q as a path relative to i (../q),
 * which ODK reads from the node tested, where there is no q; kesu would
 * read i's q, so the form says which it means with current()/../q.
 */
static void
check_predrefs(struct form_load *l, const expr *e, int i, int col,
    const char *what)
{
	const form *f = l->f;
	const char *q;
	int k, j;

	for (k = 0; k < expr_npredrefs(e); k++) {
		q = expr_predref(e, k);
		if ((j = form_find(f, q)) < 0 || common_repeat(f, i, j) < 0)
			continue;
		form_problem(l, l->survey_at, f->fields[i].row, col,
		    _("%s: ${%s} inside brackets: pyxform writes it as a path "
		    "from the instance tested, which ODK reads as empty; write "
		    "current()/../%s for this instance's %s"), what, q, q, q);
	}
}

/* ${name} references in a text cell. */
static void
check_text(struct form_load *l, const char *s, int sheet, int row, int col,
    const char *what)
{
	const char *p = s, *close;
	char *name, *why;

	while ((p = strstr(p, "${")) != NULL) {
		close = strchr(p + 2, '}');
		name = close != NULL ? xstrndup(p + 2, (size_t)(close - p - 2)) :
		    NULL;
		if (name == NULL || !form_is_name(name)) {
			form_problem(l, sheet, row, col, _("%s: '${' must be "
			    "followed by a field name and '}'"), what);
			free(name);
			return;
		}
		if ((why = ref_problem(l->f, name)) != NULL) {
			form_problem(l, sheet, row, col, "%s: %s", what, why);
			free(why);
		}
		free(name);
		p = close + 1;
	}
}

/* Columns whose ${name} references are checked as text: all but the
 * type, the name and the expressions (checked through their parse). */
static bool
is_text_col(enum form_col key)
{
	switch (key) {
	case FCOL_TYPE:
	case FCOL_NAME:
	case FCOL_RELEVANT:
	case FCOL_CONSTRAINT:
	case FCOL_REQUIRED:
	case FCOL_CALCULATION:
	case FCOL_CHOICE_FILTER:
	case FCOL_READ_ONLY:
	case FCOL_DEFAULT:
	case FCOL_INSTANCE_NAME:
		return false;
	default:
		return true;
	}
}

/* How a message names column k: kesu's name for it, else the header. */
static const char *
col_label(const struct form_cols *c, int k)
{
	if (c->key[k] > FCOL_IGNORED)
		return form_col_name(c->key[k]);
	return c->header[k];
}

static void
check_fields(struct form_load *l)
{
	const struct form_cols *c = &l->scols;
	form *f = l->f;
	int i, k;

	for (i = 0; i < f->nfields; i++) {
		const struct form_field *fl = &f->fields[i];
		const expr *e[FLD_NEXPR] = { fl->relevant, fl->constraint,
		    fl->required, fl->calculation, fl->choice_filter,
		    fl->read_only, fl->default_expr, fl->repeat_count };
		const int *cols = &l->field_col[i * FLD_NEXPR];

		for (k = 0; k < FLD_NEXPR; k++)
			if (e[k] != NULL && cols[k] >= 0) {
				check_expr(l, e[k], l->survey_at, fl->row,
				    cols[k], form_col_name(c->key[cols[k]]));
				check_predrefs(l, e[k], i, cols[k],
				    form_col_name(c->key[cols[k]]));
			}
		/* A generated NAME_count shares its repeat's row: the texts
		 * of that row are checked once, with the repeat. */
		if (i + 1 < f->nfields && f->fields[i + 1].row == fl->row)
			continue;
		for (k = 0; k < c->ncols; k++) {
			const char *v = sheet_cell(l->field_row[i], k);

			if (is_text_col(c->key[k]) && strstr(v, "${") != NULL)
				check_text(l, v, l->survey_at, fl->row, k,
				    col_label(c, k));
		}
	}
}

static void
check_choice_labels(struct form_load *l)
{
	const struct sheet *s = l->choices;
	const struct form_cols *c = &l->ccols;
	int i, k;

	if (s == NULL)
		return;
	for (i = 1; i < s->nrows; i++)
		for (k = 0; k < c->ncols; k++) {
			const char *v = sheet_cell(&s->rows[i], k);

			if (c->key[k] == FCOL_LABEL && strstr(v, "${") != NULL)
				check_text(l, v, l->choices_at, s->rows[i].row,
				    k, "label");
		}
}

/* select_multiple answers are space-separated choice names. */
static void
check_multiple(struct form_load *l)
{
	form *f = l->f;
	int i, k;

	for (i = 0; i < f->nfields; i++) {
		const struct form_field *fl = &f->fields[i];
		struct form_list *list;

		if (fl->type != FORM_SELECT_MULTIPLE || fl->list < 0)
			continue;
		list = &f->lists[fl->list];
		if (list->used_by_multiple)
			continue;
		list->used_by_multiple = true;
		for (k = 0; k < list->n; k++)
			if (strchr(list->choices[k].name, ' ') != NULL)
				form_problem(l, l->choices_at,
				    list->choices[k].row,
				    l->ccols.first[FCOL_NAME], _("choice name "
				    "'%s' has a space, which select_multiple "
				    "'%s' cannot store"), list->choices[k].name,
				    fl->name);
	}
}

/* Settings cells may show field values too ("${name}"). */
static void
check_settings(struct form_load *l)
{
	const struct form_cols *c = &l->tcols;
	int k;

	if (l->settings == NULL || l->settings->nrows < 2)
		return;
	for (k = 0; k < c->ncols; k++) {
		const char *v = sheet_cell(&l->settings->rows[1], k);

		if (is_text_col(c->key[k]) && strstr(v, "${") != NULL)
			check_text(l, v, l->settings_at, l->settings_row, k,
			    col_label(c, k));
	}
}

static void
check_instance_name(struct form_load *l)
{
	int col = l->tcols.first[FCOL_INSTANCE_NAME];
	const char *v;
	char *cause = NULL;

	if (l->settings == NULL || l->settings->nrows < 2 || col < 0)
		return;
	v = sheet_cell(&l->settings->rows[1], col);
	if (v[0] == '\0')
		return;
	v = form_clean_text(&l->f->arena, v, false);
	if (expr_parse(v, &l->f->instance_name, &cause) != 0) {
		form_problem(l, l->settings_at, l->settings_row, col,
		    _("instance_name: %s"), cause != NULL ? cause :
		    _("invalid expression"));
		free(cause);
		return;
	}
	check_expr(l, l->f->instance_name, l->settings_at, l->settings_row,
	    col, "instance_name");
}

/* select_one ${q}: q names a question inside a repeat. */
static void
check_sources(struct form_load *l)
{
	form *f = l->f;
	int tcol = l->scols.first[FCOL_TYPE], i, q;
	char *why;

	for (i = 0; i < f->nfields; i++) {
		const char *name = l->source_name[i];

		if (name == NULL)
			continue;
		if ((q = form_find(f, name)) < 0) {
			why = ref_problem(f, name);
			form_problem(l, l->survey_at, f->fields[i].row, tcol,
			    "type: %s", why);
			free(why);
			continue;
		}
		if (f->fields[q].type == FORM_GROUP ||
		    f->fields[q].in_repeat < 0) {
			form_problem(l, l->survey_at, f->fields[i].row, tcol,
			    _("type: select_one ${%s} takes its choices from "
			    "the answers of a question inside a repeat, and "
			    "'%s' is not one"), name, name);
			continue;
		}
		f->fields[i].source = q;
	}
}

void
form_check_refs(struct form_load *l)
{
	if (l->field_col != NULL)
		check_fields(l);
	if (l->source_name != NULL)
		check_sources(l);
	check_choice_labels(l);
	check_multiple(l);
	check_settings(l);
	check_instance_name(l);
}
