/*
 * export_xlsx.c - an export as an Excel workbook, the file Excel users
 * (Chinese Windows included, where a CSV without a BOM opens garbled)
 * open with a double click.  Written with libxlsxwriter.
 *
 * Sheets: "data" (a header row of names, then one row per record), one
 * per repeat (named as the repeat: one row per instance, after the keys
 * that place it), "variables" (name, label, type and the sheet of every
 * column) and "choices" (list_name, code, name, label of every list a
 * column uses).  In the data sheet numbers are
 * numbers, 0/1 columns 0 and 1, dates and date-times Excel dates (the
 * wall-clock time as recorded, as in Stata and SPSS), a select_one its
 * choice's label (or with codes its code, as Stata and SPSS have it) and
 * a select_multiple its choices' labels joined by "; " (or their names),
 * a rank its labels numbered in order (or its names) and each of its
 * place columns the label (or code) of the choice ranked there.
 * Text is always written as a string, so Excel never runs it as a
 * formula; an empty value is an empty cell.  Rows are written in order
 * with libxlsxwriter's constant-memory mode, so 100,000 records do not
 * sit in memory; its temporary files go next to the output.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "report/export_int.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* Excel's serial day of 1970-01-01. */
#define XLSX_EPOCH 25569.0

struct xlsx {
	lxw_workbook *wb;
	lxw_worksheet *data, *vars, *choices;  /* data: the table's sheet */
	lxw_format *date, *datetime;
	const struct export_table *t;   /* the table being written */
	const struct export_table *all; /* every table, and its sheet */
	size_t nall;
	lxw_worksheet **sheets;
	struct buf b;
};

static int
xlsx_fail(lxw_error e, const char *what, char **cause)
{
	if (e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
		return kesu_fail(cause, KESU_EDATA, _("column %s holds a value "
		    "longer than the 32767 characters an Excel cell takes"),
		    what);
	return kesu_fail(cause, KESU_EIO, _("cannot write the export: %s"),
	    lxw_strerror(e));
}

/* s as a number, all of it. */
static bool
xlsx_number(const char *s, double *d)
{
	char *end;

	if (*s == '\0')
		return false;
	errno = 0;
	*d = strtod(s, &end);
	return *end == '\0' && errno == 0 && isfinite(*d);
}


/* One cell of the data sheet. */
static lxw_error
xlsx_cell(struct xlsx *x, lxw_row_t row, lxw_col_t col,
    const struct export_column *c, const char *v)
{
	const form *f = x->t->f;
	const struct form_field *fl = c->field >= 0 ? form_field(f, c->field) :
	    NULL;
	double d;
	long days;
	int i;

	if (*v == '\0')
		return LXW_NO_ERROR;
	switch (c->kind) {
	case EXPORT_NUMBER:
	case EXPORT_FLAG:
		if (xlsx_number(v, &d))
			return worksheet_write_number(x->data, row, col, d,
			    NULL);
		break;
	case EXPORT_DATE:
		if (export_date(v, &days))
			return worksheet_write_number(x->data, row, col,
			    (double)days + XLSX_EPOCH, x->date);
		break;
	case EXPORT_DATETIME:
		if (export_datetime(v, &d))
			return worksheet_write_number(x->data, row, col,
			    d / 86400000.0 + XLSX_EPOCH, x->datetime);
		break;
	case EXPORT_CODED:
		if ((i = form_choice_find(f, c->list, v)) < 0)
			break;
		if (x->t->codes)
			return worksheet_write_number(x->data, row, col,
			    (double)export_choice_code(f, c->list, i), NULL);
		if (form_text(f, form_choice(f, c->list, i)->label,
		    x->t->lang) != NULL)
			v = form_text(f, form_choice(f, c->list, i)->label,
			    x->t->lang);
		break;
	case EXPORT_STRING:
		if (!x->t->codes && fl != NULL &&
		    (fl->type == FORM_SELECT_MULTIPLE ||
		    fl->type == FORM_RANK)) {
			buf_reset(&x->b);
			buf_addstr(&x->b, "");
			form_value_label(&x->b, f, c->field, v, x->t->lang);
			v = x->b.data;
		}
		break;
	}
	return worksheet_write_string(x->data, row, col, v, NULL);
}

static int
xlsx_data(struct xlsx *x, store *s, char **cause)
{
	const struct export_table *t = x->t;
	export_rows *rows = NULL;
	const char *const *v;
	lxw_row_t row = 0;
	lxw_error e;
	size_t i;
	bool end;
	int rc = 0;

	for (i = 0; i < t->ncols; i++)
		if ((e = worksheet_write_string(x->data, 0, (lxw_col_t)i,
		    t->cols[i].name, NULL)) != LXW_NO_ERROR)
			return xlsx_fail(e, t->cols[i].name, cause);
	if ((rc = export_rows_open(s, t, &rows, cause)) != 0)
		return rc;
	for (;;) {
		if ((rc = export_rows_next(rows, &v, &end, cause)) != 0 || end)
			break;
		if (++row >= LXW_ROW_MAX) {
			rc = kesu_fail(cause, KESU_EDATA, _("more records than "
			    "the %u rows an Excel sheet takes"),
			    (unsigned)LXW_ROW_MAX - 1);
			break;
		}
		for (i = 0; i < t->ncols && rc == 0; i++)
			if ((e = xlsx_cell(x, row, (lxw_col_t)i, &t->cols[i],
			    v[i])) != LXW_NO_ERROR)
				rc = xlsx_fail(e, t->cols[i].name, cause);
		if (rc != 0)
			break;
	}
	export_rows_close(&rows);
	return rc;
}

/* A column's type as the variables sheet names it: the form's type
 * ("select_one sex"), or for a record column what it holds. */
static const char *
xlsx_type(struct xlsx *x, const struct export_column *c)
{
	const form *f = x->t->f;
	const struct form_field *fl;

	if (c->field < 0)
		return c->kind == EXPORT_NUMBER ? "integer" :
		    c->kind == EXPORT_DATETIME ? "dateTime" : "text";
	if (c->kind == EXPORT_FLAG)
		return "0/1";
	fl = form_field(f, c->field);
	buf_reset(&x->b);
	buf_addstr(&x->b, form_type_name(fl->type));
	if ((fl->type == FORM_SELECT_ONE || fl->type == FORM_SELECT_MULTIPLE ||
	    fl->type == FORM_RANK) && fl->list >= 0)
		buf_printf(&x->b, " %s", form_list_name(f, fl->list));
	return x->b.data;
}

static lxw_error
xlsx_variables(struct xlsx *x)
{
	const struct export_table *t;
	static const char *const head[] = { "name", "label", "type",
	    "sheet" };
	lxw_error e = LXW_NO_ERROR;
	lxw_row_t row = 0;
	lxw_col_t k;
	size_t i, j;

	for (k = 0; k < 4 && e == LXW_NO_ERROR; k++)
		e = worksheet_write_string(x->vars, 0, k, head[k], NULL);
	for (j = 0; j < x->nall; j++) {
		t = x->t = &x->all[j];
		for (i = 0; i < t->ncols && e == LXW_NO_ERROR; i++) {
			row++;
			e = worksheet_write_string(x->vars, row, 0,
			    t->cols[i].name, NULL);
			if (e == LXW_NO_ERROR && *t->cols[i].label != '\0')
				e = worksheet_write_string(x->vars, row, 1,
				    t->cols[i].label, NULL);
			if (e == LXW_NO_ERROR)
				e = worksheet_write_string(x->vars, row, 2,
				    xlsx_type(x, &t->cols[i]), NULL);
			if (e == LXW_NO_ERROR)
				e = worksheet_write_string(x->vars, row, 3,
				    t->sheet, NULL);
		}
	}
	return e;
}

/* The rows of one choice list. */
static lxw_error
xlsx_list(struct xlsx *x, int list, lxw_row_t *row)
{
	const struct export_table *t = x->all;
	lxw_error e = LXW_NO_ERROR;
	int j;

	for (j = 0; j < form_list_size(t->f, list) && e == LXW_NO_ERROR;
	    j++) {
		const struct form_choice *ch = form_choice(t->f, list, j);
		const char *label = form_text(t->f, ch->label, t->lang);

		++*row;
		e = worksheet_write_string(x->choices, *row, 0,
		    form_list_name(t->f, list), NULL);
		if (e == LXW_NO_ERROR)
			e = worksheet_write_number(x->choices, *row, 1,
			    (double)export_choice_code(t->f, list, j), NULL);
		if (e == LXW_NO_ERROR)
			e = worksheet_write_string(x->choices, *row, 2,
			    ch->name, NULL);
		if (e == LXW_NO_ERROR && label != NULL)
			e = worksheet_write_string(x->choices, *row, 3,
			    label, NULL);
	}
	return e;
}

/* Every list a column of any sheet uses, once, in the order the columns
 * use them. */
static lxw_error
xlsx_choices(struct xlsx *x)
{
	const struct export_table *t = x->all;
	static const char *const head[] = { "list_name", "code", "name",
	    "label" };
	lxw_error e = LXW_NO_ERROR;
	lxw_row_t row = 0;
	bool *done;
	size_t i, m;
	int list, k;

	for (k = 0; k < 4 && e == LXW_NO_ERROR; k++)
		e = worksheet_write_string(x->choices, 0, (lxw_col_t)k,
		    head[k], NULL);
	if (t->f == NULL)
		return e;
	done = xcalloc((size_t)form_nlists(t->f) + 1, sizeof *done);
	for (m = 0; m < x->nall; m++)
		for (i = 0; i < x->all[m].ncols && e == LXW_NO_ERROR; i++) {
			if ((list = x->all[m].cols[i].list) < 0 || done[list])
				continue;
			done[list] = true;
			e = xlsx_list(x, list, &row);
		}
	free(done);
	return e;
}

int
export_xlsx_write(store *s, const struct export_table *t, size_t nt,
    const char *path, char **cause)
{
	lxw_workbook_options opt;
	struct xlsx x;
	const char *slash = strrchr(path, '/');
	char *dir;
	lxw_error e;
	size_t k;
	int rc = 0;

	memset(&x, 0, sizeof x);
	memset(&opt, 0, sizeof opt);
	x.t = x.all = t;
	x.nall = nt;
	x.sheets = xcalloc(nt + 1, sizeof *x.sheets);
	dir = slash == NULL ? xstrdup(".") : slash == path ? xstrdup("/") :
	    xstrndup(path, (size_t)(slash - path));
	opt.constant_memory = LXW_TRUE;
	opt.tmpdir = dir;
	opt.use_zip64 = LXW_TRUE;
	if ((x.wb = workbook_new_opt(path, &opt)) == NULL) {
		rc = kesu_fail(cause, KESU_ECANTCREAT, _("%s: cannot create "
		    "the workbook"), path);
		goto out;
	}
	for (k = 0; k < nt; k++)
		if ((x.sheets[k] = workbook_add_worksheet(x.wb,
		    t[k].sheet)) == NULL)
			xalloc_die();
	x.vars = workbook_add_worksheet(x.wb, "variables");
	x.choices = workbook_add_worksheet(x.wb, "choices");
	x.date = workbook_add_format(x.wb);
	x.datetime = workbook_add_format(x.wb);
	if (x.vars == NULL || x.choices == NULL ||
	    x.date == NULL || x.datetime == NULL)
		xalloc_die();
	format_set_num_format(x.date, "yyyy-mm-dd");
	format_set_num_format(x.datetime, "yyyy-mm-dd hh:mm:ss.000");
	for (k = 0; k < nt && rc == 0; k++) {
		x.t = &t[k];
		x.data = x.sheets[k];
		rc = xlsx_data(&x, s, cause);
	}
	if (rc == 0 && (e = xlsx_variables(&x)) != LXW_NO_ERROR)
		rc = xlsx_fail(e, "label", cause);
	if (rc == 0 && (e = xlsx_choices(&x)) != LXW_NO_ERROR)
		rc = xlsx_fail(e, "label", cause);
	/* Closing writes the file (and frees the workbook). */
	e = workbook_close(x.wb);
	if (rc == 0 && e != LXW_NO_ERROR)
		rc = kesu_fail(cause, KESU_EIO, _("%s: cannot write the "
		    "workbook: %s"), path, lxw_strerror(e));
out:
	buf_free(&x.b);
	free(x.sheets);
	free(dir);
	return rc;
}
