/*
 * form_attach.c - CSV, XML and GeoJSON files beside the form (ODK "form
 * attachments").
 *
 * select_one_from_file FILE.csv and select_multiple_from_file FILE.csv
 * take their choices from FILE.csv in the form's folder: one choice per
 * row, its `name` and `label` columns as pyxform's itemset reads them
 * (`id` and `title` in GeoJSON), or the columns the parameters value=
 * and label= name (a list per file and pair of columns), every column
 * kept for choice_filter.  pulldata('FILE', 'col', 'keycol', key) reads
 * FILE.csv too.  instance('FILE')/root/item[pred]/col reads FILE.csv (or
 * FILE.xml, ODK's <root><item>.. layout, or FILE.geojson, read as a
 * table by sheet_table_read()) where the form declares that secondary
 * instance as ODK needs it (a csv-external or xml-external row named
 * FILE, or a select from the file), and otherwise the choices-sheet list
 * FILE (pyxform makes each list an instance: its name, label and other
 * columns).  Each file is read once, when the form is loaded; a missing
 * file, a file without the columns a form uses, or an attachment of
 * another kind is a problem of the form, reported once, at the row that
 * uses it, so `kesu form check` finds it before a field team does.
 */
#include <stdlib.h>
#include <string.h>

#include "form/form_int.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* A table's cell, NULL where an XML item or GeoJSON feature has no such
 * child (SHEET_ABSENT). */
static const char *
tcell(const struct sheet_row *r, int col)
{
	const char *v = sheet_cell(r, col);

	return strcmp(v, SHEET_ABSENT) == 0 ? NULL : v;
}

/* Column col of the table's header, -1 when absent. */
static int
table_col(const struct form_table *t, const char *col)
{
	const struct sheet *s = &t->book->sheets[0];
	int k;

	if (s->nrows == 0)
		return -1;
	for (k = 0; k < s->rows[0].ncells; k++)
		if (strcmp(s->rows[0].cells[k], col) == 0)
			return k;
	return -1;
}

/* Attachment file read as a table: from the form's media source when it
 * has the file, else from path beside the form. */
static int
table_source(struct form_load *l, const char *file, const char *path,
    struct sheet_book **out, char **cause)
{
	void *data = NULL;
	size_t len = 0;
	char *err = NULL;
	int rc;

	*out = NULL;
	if (l->media == NULL)
		return sheet_table_read(path, out, cause);
	rc = l->media->get(l->media->ctx, file, &data, &len, &err);
	if (rc == KESU_ENOINPUT) {
		free(err);
		return sheet_table_read(path, out, cause);
	}
	if (rc == 0)
		rc = sheet_table_parse(file, data, len, out, cause);
	else if (cause != NULL) {
		free(*cause);
		*cause = err;
		err = NULL;
	}
	free(err);
	free(data);
	return rc;
}

/* The table of attachment file (as written, "x.csv"), read on first
 * use; NULL when it cannot be read (reported at row/col). */
static const struct form_table *
table_get(struct form_load *l, int row, int col, const char *file)
{
	form *f = l->f;
	struct form_table *t;
	const char *slash = strrchr(l->path, '/');
	char *path, *cause = NULL;
	size_t n = strlen(file);
	int k, rc;

	for (k = 0; k < f->ntables; k++)
		if (strcmp(f->tables[k].name, file) == 0)
			return f->tables[k].book != NULL ? &f->tables[k] : NULL;
	f->tables = xreallocarray(f->tables, (size_t)f->ntables + 1,
	    sizeof *f->tables);
	t = &f->tables[f->ntables++];
	memset(t, 0, sizeof *t);
	t->name = arena_strdup(&f->arena, file);
	if (n < 5 || (strcmp(file + n - 4, ".csv") != 0 &&
	    strcmp(file + n - 4, ".xml") != 0 && (n < 9 ||
	    strcmp(file + n - 8, ".geojson") != 0)) ||
	    strchr(file, '/') != NULL) {
		form_problem(l, l->survey_at, row, col, _("attachment '%s': "
		    "kesu reads NAME.csv, NAME.xml and NAME.geojson files "
		    "beside the form"), file);
		return NULL;
	}
	path = slash != NULL ? xasprintf("%.*s/%s", (int)(slash - l->path),
	    l->path, file) : xstrdup(file);
	if ((rc = table_source(l, file, path, &t->book, &cause)) != 0) {
		form_problem(l, l->survey_at, row, col, _("attachment '%s' "
		    "cannot be read: %s"), file, cause != NULL ? cause : "?");
		t->book = NULL;
	} else if (t->book->nsheets < 1 || t->book->sheets[0].nrows < 1) {
		form_problem(l, l->survey_at, row, col, _("attachment '%s' has "
		    "no header row"), file);
		sheet_book_free(&t->book);
	}
	free(cause);
	free(path);
	return t->book != NULL ? t : NULL;
}

static const char *
choice_key(const void *ctx, int i)
{
	return ((const struct form_list *)ctx)->choices[i].name;
}

int
form_attach_list(struct form_load *l, int row, int col, const char *file,
    const char *vparam, const char *lparam, int pcol)
{
	form *f = l->f;
	const struct form_table *t = table_get(l, row, col, file);
	const struct sheet *s;
	struct form_list *fl;
	const char **names;
	const char *vc, *lc;
	bool geo;
	int cn, cl, i, k, lang;

	if (t == NULL) {
		/* Reported here; an instance() of it is not undeclared. */
		for (i = 0; i < f->ntables; i++)
			if (strcmp(f->tables[i].name, file) == 0)
				f->tables[i].declared = true;
		return -1;
	}
	/* pyxform's itemset: name and label, id and title in GeoJSON,
	 * unless the parameters name other columns. */
	geo = strlen(file) > 8 &&
	    strcmp(file + strlen(file) - 8, ".geojson") == 0;
	vc = vparam != NULL ? vparam : geo ? "id" : "name";
	lc = lparam != NULL ? lparam : geo ? "title" : "label";
	for (i = 0; i < f->nlists; i++)
		if (f->lists[i].from_file && strcmp(f->lists[i].name, file) == 0 &&
		    strcmp(f->lists[i].value_col, vc) == 0 &&
		    strcmp(f->lists[i].label_col, lc) == 0)
			return i;
	cn = table_col(t, vc);
	cl = table_col(t, lc);
	if (cn < 0 || cl < 0) {
		/* L10N: an attachment file, then one of its columns. */
		form_problem(l, l->survey_at, row, (cn < 0 ? vparam : lparam) !=
		    NULL && pcol >= 0 ? pcol : col, _("attachment '%s' has no "
		    "column '%s'"), file, cn < 0 ? vc : lc);
		return -1;
	}
	s = &t->book->sheets[0];
	f->lists = xreallocarray(f->lists, (size_t)f->nlists + 1,
	    sizeof *f->lists);
	fl = &f->lists[f->nlists];
	memset(fl, 0, sizeof *fl);
	fl->name = t->name;
	fl->row = row;
	fl->from_file = true;
	fl->value_col = arena_strdup(&f->arena, vc);
	fl->label_col = arena_strdup(&f->arena, lc);
	f->tables[t - f->tables].declared = true;
	fl->cap = s->nrows;
	fl->choices = arena_alloc(&f->arena, (size_t)s->nrows *
	    sizeof *fl->choices);
	nameidx_init(&fl->index, s->nrows);
	names = arena_alloc(&f->arena, (size_t)s->rows[0].ncells *
	    sizeof *names);
	for (k = 0; k < s->rows[0].ncells; k++)
		names[k] = s->rows[0].cells[k];
	for (i = 1; i < s->nrows; i++) {
		const struct sheet_row *r = &s->rows[i];
		struct form_choice *ch = &fl->choices[fl->n];
		const char **label, **value;

		if (tcell(r, cn) == NULL || tcell(r, cn)[0] == '\0')
			continue;
		ch->name = tcell(r, cn);
		ch->row = r->row;
		label = arena_alloc(&f->arena, (size_t)f->nlangs *
		    sizeof *label);
		for (lang = 0; lang < f->nlangs; lang++)
			label[lang] = tcell(r, cl) != NULL ? tcell(r, cl) : "";
		value = arena_alloc(&f->arena, (size_t)s->rows[0].ncells *
		    sizeof *value);
		for (k = 0; k < s->rows[0].ncells; k++)
			value[k] = tcell(r, k) != NULL ? tcell(r, k) : "";
		ch->label = label;
		ch->ncols = s->rows[0].ncells;
		ch->col_name = names;
		ch->col_value = value;
		if (nameidx_add(&fl->index, fl->n, choice_key, fl) >= 0)
			continue; /* a repeated name: the first one counts */
		fl->n++;
	}
	return f->nlists++;
}

void
form_attach_declare(struct form_load *l, int row, int col, const char *name,
    const char *ext)
{
	char *file = xasprintf("%s%s", name, ext);
	int k;

	table_get(l, row, col, file);
	for (k = 0; k < l->f->ntables; k++)
		if (strcmp(l->f->tables[k].name, file) == 0)
			l->f->tables[k].declared = true;
	free(file);
}

/* The declared table instance('name') reads, or NULL (*known: declared
 * but unreadable, reported where it was declared). */
static const struct form_table *
instance_table(const form *f, const char *name, bool *known)
{
	size_t n = strlen(name);
	int k;

	*known = false;
	for (k = 0; k < f->ntables; k++)
		if (f->tables[k].declared &&
		    strncmp(f->tables[k].name, name, n) == 0 &&
		    (strcmp(f->tables[k].name + n, ".csv") == 0 ||
		    strcmp(f->tables[k].name + n, ".xml") == 0 ||
		    strcmp(f->tables[k].name + n, ".geojson") == 0)) {
			*known = true;
			return f->tables[k].book != NULL ? &f->tables[k] : NULL;
		}
	return NULL;
}

/* The choices-sheet list instance('name') reads, or NULL. */
static const struct form_list *
instance_list(const form *f, const char *name)
{
	int k;

	for (k = 0; k < f->nlists; k++)
		if (!f->lists[k].from_file && strcmp(f->lists[k].name, name) == 0)
			return &f->lists[k];
	return NULL;
}

/* Does a choice list have column col (name, label or another)? */
static bool
list_has_col(const struct form_list *fl, const char *col)
{
	int k;

	if (strcmp(col, "name") == 0 || strcmp(col, "label") == 0)
		return true;
	if (fl->n == 0)
		return false;
	for (k = 0; k < fl->choices[0].ncols; k++)
		if (strcmp(fl->choices[0].col_name[k], col) == 0)
			return true;
	return false;
}

/* pulldata() calls and instance() paths of e at row/col: their files
 * and columns exist. */
static void
check_pulldata(struct form_load *l, const expr *e, int row, int col)
{
	const char *file, *c, *key;
	int k;

	if (e == NULL)
		return;
	for (k = 0; k < expr_npulldata(e); k++) {
		const struct form_table *t;
		char *name;

		expr_pulldata(e, k, &file, &c, &key);
		name = xasprintf("%s.csv", file);
		t = table_get(l, row, col, name);
		if (t != NULL && table_col(t, c) < 0)
			form_problem(l, l->survey_at, row, col, _("pulldata: "
			    "attachment '%s' has no column '%s'"), name, c);
		if (t != NULL && table_col(t, key) < 0)
			form_problem(l, l->survey_at, row, col, _("pulldata: "
			    "attachment '%s' has no column '%s'"), name, key);
		free(name);
	}
	for (k = 0; k < expr_ninstances(e); k++) {
		const struct form_table *t;
		const struct form_list *fl;
		bool known;

		expr_instance(e, k, &file, &c);
		t = instance_table(l->f, file, &known);
		if (known) {
			if (t != NULL && c[0] != '\0' && table_col(t, c) < 0)
				form_problem(l, l->survey_at, row, col,
				    _("instance('%s'): attachment '%s' has no "
				    "column '%s'"), file, t->name, c);
		} else if ((fl = instance_list(l->f, file)) != NULL) {
			if (c[0] != '\0' && !list_has_col(fl, c))
				form_problem(l, l->survey_at, row, col,
				    _("instance('%s'): choice list '%s' has no "
				    "column '%s'"), file, file, c);
		} else
			form_problem(l, l->survey_at, row, col,
			    _("instance('%s') is not declared: add a row of "
			    "type csv-external named '%s' for %s.csv (as ODK "
			    "needs), or a choice list of that name"), file,
			    file, file);
	}
}

void
form_attach_check(struct form_load *l)
{
	form *f = l->f;
	int i, k;

	for (i = 0; i < f->nfields; i++) {
		const struct form_field *fl = &f->fields[i];
		const expr *e[FLD_NEXPR] = { fl->relevant, fl->constraint,
		    fl->required, fl->calculation, fl->choice_filter,
		    fl->read_only, fl->default_expr, fl->repeat_count };
		const int *cols = &l->field_col[i * FLD_NEXPR];

		for (k = 0; k < FLD_NEXPR; k++)
			check_pulldata(l, e[k], fl->row, cols[k] >= 0 ? cols[k] :
			    0);
	}
}

const char *
form_pulldata(const form *f, const char *file, const char *col,
    const char *keycol, const char *key)
{
	const struct form_table *t = NULL;
	const struct sheet *s;
	size_t n = strlen(file);
	int k, i, c, kc;

	for (k = 0; k < f->ntables; k++)
		if (strncmp(f->tables[k].name, file, n) == 0 &&
		    strcmp(f->tables[k].name + n, ".csv") == 0)
			t = &f->tables[k];
	if (t == NULL || t->book == NULL || (c = table_col(t, col)) < 0 ||
	    (kc = table_col(t, keycol)) < 0)
		return NULL;
	s = &t->book->sheets[0];
	for (i = 1; i < s->nrows; i++)
		if (strcmp(sheet_cell(&s->rows[i], kc), key) == 0)
			return sheet_cell(&s->rows[i], c);
	return NULL;
}

/* Row `row` of the choices-sheet list fl as instance() reads it. */
static int
list_cell(const form *f, const struct form_list *fl, int row,
    const char *col, const char **value)
{
	const struct form_choice *ch;
	int k;

	if (row < 0 || row >= fl->n)
		return -1;
	ch = &fl->choices[row];
	if (strcmp(col, "name") == 0)
		*value = ch->name;
	else if (strcmp(col, "label") == 0)
		*value = form_text(f, ch->label, f->deflang);
	else
		for (k = 0; k < ch->ncols; k++)
			if (strcmp(ch->col_name[k], col) == 0)
				*value = ch->col_value[k];
	return 0;
}

int
form_table_cell(const form *f, const char *file, int row, const char *col,
    const char **value)
{
	const struct form_table *t;
	const struct form_list *fl;
	const struct sheet *s;
	bool known;
	int c;

	*value = NULL;
	t = instance_table(f, file, &known);
	if (!known && (fl = instance_list(f, file)) != NULL)
		return list_cell(f, fl, row, col, value);
	if (t == NULL)
		return -1;
	s = &t->book->sheets[0];
	if (row < 0 || row + 1 >= s->nrows)
		return -1;
	if ((c = table_col(t, col)) >= 0)
		*value = tcell(&s->rows[row + 1], c);
	return 0;
}

int
form_nattachments(const form *f)
{
	return f->ntables;
}

const char *
form_attachment(const form *f, int i)
{
	return f->tables[i].name;
}

void
form_attach_free(form *f)
{
	int k;

	for (k = 0; k < f->ntables; k++)
		sheet_book_free(&f->tables[k].book);
	free(f->tables);
}
