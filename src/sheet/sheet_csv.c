/*
 * sheet_csv.c - XLSForm workbooks written as one .csv file.
 *
 * Records are split the way Python's csv module (excel dialect, not
 * strict) splits them, because that is what pyxform reads with:
 * '"' quotes a cell, '""' inside quotes is a literal quote, line breaks
 * (LF, CRLF or a lone CR) inside quotes belong to the cell, a quote in
 * the middle of an unquoted cell is an ordinary character, and text after
 * a closing quote is added to the cell.  Unlike Python, a quoted cell that
 * is still open at the end of the file is an error rather than silently
 * running to the end.
 *
 * The first cell of each record holds the sheet name (see sheet.h); a row
 * is numbered by the line its record starts on.  A plain table (a sample
 * of households, an attached data file) has no sheet-name column: every
 * record is a row of one sheet named "table", the first being the header.
 */
#include <stdlib.h>
#include <string.h>

#include "sheet/sheet.h"
#include "sheet/sheet_int.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

struct csv {
	const char *name; /* for messages */
	const char *p, *end;
	int line;         /* physical line of p, 1-based */
	struct buf field;
	struct sheet_cells cells;
	struct sheet_bld bld;
	int table;        /* a plain table: no sheet-name column */
};

/* Line breaks in [s, e), counting CRLF once. */
static int
csv_breaks(const char *s, const char *e)
{
	const char *s0 = s;
	int n = 0;

	for (; s < e; s++) {
		if (*s == '\r')
			n++;
		else if (*s == '\n' && (s == s0 || s[-1] != '\r'))
			n++;
	}
	return n;
}

/* Step over the line break at x->p. */
static void
csv_skip_break(struct csv *x)
{
	if (*x->p == '\r' && x->p + 1 < x->end && x->p[1] == '\n')
		x->p += 2;
	else
		x->p++;
	x->line++;
}

/*
 * Read one cell at x->p into x->field, leaving x->p on the ',', the line
 * break or the end that follows it.
 */
static int
csv_cell(struct csv *x, char **cause)
{
	const char *q;
	int start = x->line;

	buf_reset(&x->field);
	buf_addstr(&x->field, "");
	if (x->p < x->end && *x->p == '"') {
		x->p++;
		for (;;) {
			q = memchr(x->p, '"', (size_t)(x->end - x->p));
			if (q == NULL)
				return kesu_fail(cause, KESU_EDATA,
				    _("%s:%d: unterminated quoted cell"),
				    x->name,
				    start);
			buf_add(&x->field, x->p, (size_t)(q - x->p));
			x->line += csv_breaks(x->p, q);
			x->p = q + 1;
			if (x->p < x->end && *x->p == '"') {
				buf_addch(&x->field, '"');
				x->p++;
				continue;
			}
			break;
		}
	}
	/* An unquoted cell, or what follows a closing quote. */
	q = x->p;
	while (q < x->end && *q != ',' && *q != '\r' && *q != '\n')
		q++;
	buf_add(&x->field, x->p, (size_t)(q - x->p));
	x->p = q;
	if (sheet_utf8_chars(x->field.data, x->field.len) >
	    SHEET_MAX_CELL_CHARS)
		return kesu_fail(cause, KESU_EDATA,
		    _("%s:%d: cell longer than %d characters"), x->name, start,
		    SHEET_MAX_CELL_CHARS);
	return KESU_OK;
}

static int sheet_csv_any(const char *name, const char *data, size_t len,
    int table, struct sheet_book **out, char **cause);

/* Drop column 0 (the sheet-name column) from x->cells. */
static void
csv_shift(struct sheet_cells *c)
{
	if (c->n == 0)
		return;
	free(c->v[0]);
	memmove(c->v, c->v + 1, (size_t)(c->n - 1) * sizeof *c->v);
	c->v[--c->n] = NULL;
}

/* File the record in x->cells, which started on line rec. */
static int
csv_record(struct csv *x, int rec, char **cause)
{
	struct sheet_cells *c = &x->cells;
	const char *why;
	int i, content = 0;

	for (i = x->table ? 0 : 1; i < c->n; i++) {
		if (c->v[i] != NULL)
			content = 1;
	}
	if (x->table) {
		if (!content) {
			sheet_cells_reset(c);
			return KESU_OK;
		}
		if (sheet_bld_row(&x->bld, rec, c, 0, &why) != 0)
			return kesu_fail(cause, KESU_EDATA, "%s:%d: %s",
			    x->name, rec, why);
		return KESU_OK;
	}
	if (c->n > 0 && c->v[0] != NULL) {
		if (sheet_bld_sheet(&x->bld, c->v[0], strlen(c->v[0]),
		    &why) != 0)
			return kesu_fail(cause, KESU_EDATA,
			    _("%s:%d: sheet '%s' %s"), x->name, rec, c->v[0],
			    _(why));
	} else if (content && sheet_bld_last(&x->bld) == NULL)
		return kesu_fail(cause, KESU_EDATA,
		    _("%s:%d: cells before the first sheet name"), x->name,
		    rec);
	if (!content) {
		sheet_cells_reset(c);
		return KESU_OK;
	}
	if (!x->table)
		csv_shift(c);
	if (sheet_bld_row(&x->bld, rec, c, 0, &why) != 0)
		return kesu_fail(cause, KESU_EDATA, "%s:%d: %s", x->name, rec,
		    _(why));
	return KESU_OK;
}

static int
csv_run(struct csv *x, char **cause)
{
	int rc, rec, col;

	while (x->p < x->end) {
		if (*x->p == '\r' || *x->p == '\n') {
			/* An empty line: Python's csv gives an empty record. */
			csv_skip_break(x);
			continue;
		}
		rec = x->line;
		for (col = 0;; col++) {
			if ((rc = csv_cell(x, cause)) != KESU_OK)
				return rc;
			if (sheet_cells_set(&x->cells, col, sheet_trimdup(
			    x->field.data, x->field.len)) != 0)
				return kesu_fail(cause, KESU_EDATA,
				    _("%s:%d: more than %d columns"), x->name,
				    rec, SHEET_MAX_COLS);
			if (x->p < x->end && *x->p == ',') {
				x->p++;
				continue;
			}
			if (x->p < x->end)
				csv_skip_break(x);
			break;
		}
		if ((rc = csv_record(x, rec, cause)) != KESU_OK)
			return rc;
	}
	return KESU_OK;
}

/* A plain CSV table (a form attachment): one sheet, named "data", whose
 * first non-empty record is its header. */
int
sheet_csv_table_parse(const char *name, const char *data, size_t len,
    struct sheet_book **out, char **cause)
{
	return sheet_csv_any(name, data, len, 1, out, cause);
}

int
sheet_csv_parse(const char *name, const char *data, size_t len,
    struct sheet_book **out, char **cause)
{
	return sheet_csv_any(name, data, len, 0, out, cause);
}

static int
sheet_csv_any(const char *name, const char *data, size_t len, int table,
    struct sheet_book **out, char **cause)
{
	struct csv x;
	const char *why;
	size_t bom, bad;
	int rc;

	*out = NULL;
	bom = sheet_bom_len(data, len);
	if (sheet_text_check(data + bom, len - bom, &bad, &why) != 0)
		return kesu_fail(cause, KESU_EDATA, "%s:%d: %s", name,
		    1 + csv_breaks(data + bom, data + bom + bad), _(why));
	memset(&x, 0, sizeof x);
	x.name = name;
	x.p = data + bom;
	x.end = data + len;
	x.line = 1;
	x.table = table;
	sheet_bld_init(&x.bld, name);
	rc = table && sheet_bld_sheet(&x.bld, "data", 4, &why) != 0 ?
	    kesu_fail(cause, KESU_EDATA, "%s: %s", name, why) :
	    csv_run(&x, cause);
	if (rc == KESU_OK)
		*out = sheet_bld_finish(&x.bld);
	else
		sheet_bld_abort(&x.bld);
	sheet_cells_free(&x.cells);
	buf_free(&x.field);
	return rc;
}
