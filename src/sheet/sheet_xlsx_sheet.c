/*
 * sheet_xlsx_sheet.c - one .xlsx worksheet, read as pyxform reads it.
 *
 * pyxform (through openpyxl in read-only mode) takes the sheet's row 1 as
 * the header and rows 2 on as data, so here:
 * - the header is row 1; when row 1 is empty the sheet reads as empty;
 *   header cells end after a run of 21 empty ones, are trimmed and have
 *   runs of spaces made single, and must be text;
 * - in data rows only cells under a non-empty header cell count, trimmed,
 *   with no-break spaces made plain spaces; after 61 empty rows in a row
 *   (missing rows count) the sheet ends;
 * - the <dimension> element, when present, bounds the rows and (for the
 *   header) the columns that are read, and rows whose number does not
 *   rise are skipped, as openpyxl does;
 * - a cell's column comes from its r attribute ("B7"), else it follows
 *   the previous cell, so gaps read as empty cells.
 * Row numbers are the sheet's.  Errors read "FILE:SHEET:ROW: cell B7: ...".
 */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sheet/sheet.h"
#include "sheet/sheet_int.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define WS_MAX_EMPTY_COLS 20 /* pyxform: header ends after a longer run */
#define WS_MAX_EMPTY_ROWS 60 /* pyxform: data ends after a longer run */
#define WS_NO_LIMIT (-1)
#define WS_LETTERS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

enum ws_type { WS_NUM, WS_SST, WS_BOOL, WS_STR, WS_INLINE, WS_DATE };

struct ws {
	struct sheet_xlsx *x;
	const char *sheet, *part;
	char **cause;
	int depth, data_depth;
	long long dim_rows; /* last row read, WS_NO_LIMIT when unbounded */
	int dim_cols;       /* last header column read, 0 when unbounded */
	/* the row being read */
	int row_depth;
	long long row, row_counter;
	int col_counter, last_col, nontext_col;
	size_t row_text; /* bytes in its cells: shared strings multiply */
	struct sheet_cells cells;
	/* the cell being read */
	int cell_depth, col;
	enum ws_type type;
	long style;
	char ref[32];
	int v_depth, v_seen, is_depth, is_seen;
	struct buf v;
	struct sheet_rt rt;
	char *is_text;
	/* pyxform's view of the sheet */
	long long next_row; /* rows before this one are done */
	int header_done;
	unsigned char *hdr; /* 1 where the header cell is not empty */
	int nhdr, adjacent;
};

/* "AB" -> 28; 0 when not a column of A..XFD. */
static int
ws_col_letters(const char *s, size_t n)
{
	int col = 0;
	size_t i;

	if (n == 0 || n > 3)
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] >= 'a' && s[i] <= 'z')
			col = col * 26 + (s[i] - 'a' + 1);
		else if (s[i] >= 'A' && s[i] <= 'Z')
			col = col * 26 + (s[i] - 'A' + 1);
		else
			return 0;
	}
	return col <= SHEET_MAX_COLS ? col : 0;
}

/* A cell reference: letters then digits.  Returns the column or 0. */
static int
ws_cellref(const char *s)
{
	size_t n = strspn(s, WS_LETTERS);
	size_t d = strspn(s + n, "0123456789");

	if (d == 0 || s[n + d] != '\0')
		return 0;
	return ws_col_letters(s, n);
}

static void
ws_refname(struct ws *w)
{
	char letters[4];
	int c = w->col, n = 0, i;

	while (c > 0 && n < 3) {
		letters[n++] = (char)('A' + (c - 1) % 26);
		c = (c - 1) / 26;
	}
	for (i = 0; i < n / 2; i++) {
		char t = letters[i];

		letters[i] = letters[n - 1 - i];
		letters[n - 1 - i] = t;
	}
	letters[n] = '\0';
	snprintf(w->ref, sizeof w->ref, "%s%lld", letters,
	    w->row_counter < 0 ? 0 : w->row_counter);
}

/* Fail with "FILE:SHEET:ROW: message"; returns -1 for the callbacks. */
static int KESU_PRINTF(2, 3)
ws_fail(struct ws *w, const char *fmt, ...)
{
	va_list ap;
	char *what;

	va_start(ap, fmt);
	what = kesu_vmsg(fmt, ap);
	va_end(ap);
	kesu_fail(w->cause, KESU_EDATA, "%s:%s:%lld: %s", w->x->name, w->sheet,
	    w->row_counter, what);
	free(what);
	return -1;
}

/* The same, naming the cell: "FILE:SHEET:ROW: cell B7: message". */
static int KESU_PRINTF(2, 3)
ws_cellfail(struct ws *w, const char *fmt, ...)
{
	va_list ap;
	char *what;

	va_start(ap, fmt);
	what = kesu_vmsg(fmt, ap);
	va_end(ap);
	kesu_fail(w->cause, KESU_EDATA, _("%s:%s:%lld: cell %s: %s"),
	    w->x->name,
	    w->sheet, w->row_counter, w->ref, what);
	free(what);
	return -1;
}

/* openpyxl's <dimension ref="A1:D20">: where the sheet ends. */
static int
ws_dimension(struct ws *w, const char *ref)
{
	const char *p = ref, *sep;
	int cols[2] = { 0, 0 }, ncol[2] = { 0, 0 }, nrow[2] = { 0, 0 };
	long long rows[2] = { 0, 0 };
	size_t n;
	int i;

	sep = strchr(ref, ':');
	for (i = 0; i < (sep != NULL ? 2 : 1); i++) {
		if (*p == '$')
			p++;
		n = strspn(p, WS_LETTERS);
		if (n > 0) {
			if ((cols[i] = ws_col_letters(p, n)) == 0)
				goto bad;
			ncol[i] = 1;
		}
		p += n;
		if (*p == '$')
			p++;
		n = strspn(p, "0123456789");
		if (n > 0) {
			nrow[i] = 1;
			rows[i] = n > 12 ? 999999999999LL :
			    strtoll(p, NULL, 10);
		}
		p += n;
		if (i == 0 && sep != NULL) {
			if (*p != ':')
				goto bad;
			p++;
		}
	}
	if (*p != '\0')
		goto bad;
	if (sep != NULL && !((ncol[0] && ncol[1] && nrow[0] && nrow[1]) ||
	    (ncol[0] && ncol[1] && !nrow[0] && !nrow[1]) ||
	    (nrow[0] && nrow[1] && !ncol[0] && !ncol[1])))
		goto bad;
	if (sep == NULL) {
		cols[1] = cols[0];
		rows[1] = rows[0];
		ncol[1] = ncol[0];
		nrow[1] = nrow[0];
	}
	w->dim_cols = ncol[1] ? cols[1] : 0;
	w->dim_rows = nrow[1] ? rows[1] : WS_NO_LIMIT;
	return 0;
bad:
	kesu_fail(w->cause, KESU_EDATA,
	    _("%s:%s: %s: dimension '%.40s' is not valid"), w->x->name,
	    w->sheet,
	    w->part, ref);
	return -1;
}

static int
ws_row_start(struct ws *w, const char **atts)
{
	const char *r = sheet_xml_attr(atts, "r", 0);
	long long n;
	char *end;
	double d;

	if (r == NULL)
		w->row_counter++;
	else if (sheet_xval_int(r, strlen(r), &n) == 0)
		w->row_counter = n;
	else {
		/* openpyxl accepts a whole float too ("3.0"). */
		d = strtod(r, &end);
		if (end == r || *end != '\0' ||
		    r[strspn(r, "+-.0123456789eE")] != '\0' ||
		    !(d <= 1e15 && d >= -1e15) || d != floor(d)) {
			w->row_counter = 0;
			kesu_fail(w->cause, KESU_EDATA,
			    _("%s:%s: %s: row number '%.40s' is not valid"),
			    w->x->name, w->sheet, w->part, r);
			return -1;
		}
		w->row_counter = (long long)d;
	}
	w->row_depth = w->depth;
	w->row = w->row_counter;
	w->col_counter = 0;
	w->last_col = 0;
	w->nontext_col = 0;
	w->row_text = 0;
	sheet_cells_reset(&w->cells);
	return 0;
}

static int
ws_cell_start(struct ws *w, const char **atts)
{
	const char *r = sheet_xml_attr(atts, "r", 0);
	const char *t = sheet_xml_attr(atts, "t", 0);
	const char *s = sheet_xml_attr(atts, "s", 0);
	long long n;

	if (r != NULL) {
		if ((w->col = ws_cellref(r)) == 0)
			return ws_fail(w,
			    _("cell reference '%.40s' is not valid"),
			    r);
		snprintf(w->ref, sizeof w->ref, "%s", r);
	} else {
		w->col = w->col_counter + 1;
		if (w->col > SHEET_MAX_COLS)
			return ws_fail(w, _("more than %d columns"),
			    SHEET_MAX_COLS);
		ws_refname(w);
	}
	w->col_counter = w->col;
	w->style = 0;
	if (s != NULL && *s != '\0') {
		/* Any integer: one outside the cell formats is no date. */
		if (sheet_xval_int(s, strlen(s), &n) != 0)
			return ws_cellfail(w,
			    _("style '%.40s' is not a number"), s);
		w->style = n > LONG_MAX ? LONG_MAX : n < -1 ? -1 : (long)n;
	}
	if (t == NULL || strcmp(t, "n") == 0)
		w->type = WS_NUM;
	else if (strcmp(t, "s") == 0)
		w->type = WS_SST;
	else if (strcmp(t, "b") == 0)
		w->type = WS_BOOL;
	else if (strcmp(t, "inlineStr") == 0)
		w->type = WS_INLINE;
	else if (strcmp(t, "d") == 0)
		w->type = WS_DATE;
	else
		w->type = WS_STR; /* "str", "e" and anything else: text */
	w->cell_depth = w->depth;
	w->v_seen = w->is_seen = 0;
	w->v_depth = w->is_depth = 0;
	buf_reset(&w->v);
	free(w->is_text);
	w->is_text = NULL;
	return 0;
}

/* The cell's value as pyxform prints it; NULL when empty. */
static int
ws_cell_value(struct ws *w, char **out, int *text)
{
	struct buf b = BUF_INIT;
	const char *v = w->v.data;
	size_t len = w->v.len;
	long long i;
	int date;

	*out = NULL;
	*text = 1;
	if (w->type == WS_INLINE) {
		*out = w->is_text;
		w->is_text = NULL;
		return 0;
	}
	if (!w->v_seen || len == 0)
		return 0;
	switch (w->type) {
	case WS_NUM:
		date = w->style >= 0 && (size_t)w->style < w->x->nxf &&
		    w->x->datexf[w->style];
		if (sheet_xval_number(v, len, date, w->x->date1904, &b) != 0) {
			buf_free(&b);
			return ws_cellfail(w, _("'%.40s' is not a number"), v);
		}
		*text = 0;
		break;
	case WS_SST:
		if (sheet_xval_int(v, len, &i) != 0)
			return ws_cellfail(w,
			    _("shared string '%.40s' does not exist"), v);
		if (i < 0)
			i += (long long)w->x->nsst; /* Python's list[-1] */
		if (i < 0 || (unsigned long long)i >= w->x->nsst)
			return ws_cellfail(w,
			    _("shared string '%.40s' does not exist"), v);
		*out = xstrdup(w->x->sst[i]);
		return 0;
	case WS_BOOL:
		if (sheet_xval_bool(v, len, &b) != 0) {
			buf_free(&b);
			return ws_cellfail(w, _("'%.40s' is not a boolean"), v);
		}
		*text = 0;
		break;
	case WS_DATE:
		if (sheet_xval_isodate(v, len, &b) != 0) {
			buf_free(&b);
			return ws_cellfail(w,
			    _("'%.40s' is not a date or time"), v);
		}
		*text = 0;
		break;
	case WS_STR:
	case WS_INLINE:
		*out = xstrndup(v, len);
		return 0;
	}
	*out = buf_detach(&b);
	return 0;
}

static int
ws_cell_end(struct ws *w)
{
	char *val, *t;
	int text;

	if (ws_cell_value(w, &val, &text) != 0)
		return -1;
	if (val != NULL) {
		t = sheet_trimdup(val, strlen(val));
		free(val);
		val = t;
	}
	if (val != NULL && (w->row_text += strlen(val)) > SHEET_MAX_TEXT) {
		free(val);
		return ws_fail(w, _("more than %u MiB of text in one row"),
		    SHEET_MAX_TEXT >> 20);
	}
	if (val != NULL && !text && (w->nontext_col == 0 ||
	    w->col < w->nontext_col))
		w->nontext_col = w->col;
	if (sheet_cells_set(&w->cells, w->col - 1, val) != 0)
		return ws_fail(w, _("more than %d columns"), SHEET_MAX_COLS);
	w->last_col = w->col;
	w->cell_depth = 0;
	return 0;
}

/* Make runs of U+0020 single, as pyxform does to header cells. */
static void
ws_squeeze(char *s)
{
	char *d = s, *start = s;

	for (; *s != '\0'; s++) {
		if (*s == ' ' && d > start && d[-1] == ' ')
			continue;
		*d++ = *s;
	}
	*d = '\0';
}

/* No-break spaces inside a data cell become spaces (pyxform issue 83). */
static void
ws_nbsp(char *s)
{
	char *d = s;

	for (; *s != '\0'; s++) {
		if ((unsigned char)s[0] == 0xc2 &&
		    (unsigned char)s[1] == 0xa0) {
			*d++ = ' ';
			s++;
		} else
			*d++ = *s;
	}
	*d = '\0';
}

/* Row 1: the header.  Returns 1 when the sheet reads as empty. */
static int
ws_header(struct ws *w)
{
	struct sheet_cells *c = &w->cells;
	const char *why;
	int width, i, adj = 0, n = 0;

	width = w->dim_cols > 0 ? w->dim_cols : w->last_col;
	for (i = 0; i < width; i++) {
		if (i >= c->n || c->v[i] == NULL) {
			if (adj == WS_MAX_EMPTY_COLS)
				break;
			adj++;
		} else {
			adj = 0;
			n = i + 1;
		}
	}
	for (i = n; i < c->n; i++) {
		free(c->v[i]);
		c->v[i] = NULL;
	}
	if (c->n > n)
		c->n = n;
	if (n == 0)
		return 1;
	if (w->nontext_col != 0 && w->nontext_col <= n) {
		w->col = w->nontext_col;
		ws_refname(w);
		return ws_cellfail(w, _("a column header must be text"));
	}
	w->hdr = xcalloc((size_t)n, 1);
	w->nhdr = n;
	for (i = 0; i < n; i++) {
		if (c->v[i] != NULL) {
			ws_squeeze(c->v[i]);
			w->hdr[i] = 1;
		}
	}
	if (sheet_bld_row(&w->x->bld, 1, c, 0, &why) != 0)
		return ws_fail(w, "%s", _(why));
	return 0;
}

/* The row just read, as pyxform sees it.  Returns 1 where pyxform stops
 * reading the sheet. */
static int
ws_row_end(struct ws *w)
{
	struct sheet_cells *c = &w->cells;
	long long gap;
	const char *why;
	int i, rc;

	w->row_depth = 0;
	if (w->dim_rows != WS_NO_LIMIT && w->row > w->dim_rows)
		return 1;
	if (w->row < w->next_row) {
		sheet_cells_reset(c);
		return 0;
	}
	if (!w->header_done) {
		w->header_done = 1;
		if (w->row != 1)
			return 1; /* row 1 is empty: no columns */
		w->next_row = 2;
		if ((rc = ws_header(w)) != 0)
			return rc;
		return 0;
	}
	gap = w->row - w->next_row;
	if (w->adjacent + gap > WS_MAX_EMPTY_ROWS)
		return 1;
	w->adjacent += (int)gap;
	w->next_row = w->row + 1;
	for (i = 0; i < c->n; i++) {
		if (c->v[i] == NULL)
			continue;
		if (i >= w->nhdr || !w->hdr[i]) {
			free(c->v[i]);
			c->v[i] = NULL;
		} else
			ws_nbsp(c->v[i]);
	}
	if (sheet_cells_empty(c)) {
		sheet_cells_reset(c);
		if (w->adjacent == WS_MAX_EMPTY_ROWS)
			return 1;
		w->adjacent++;
		return 0;
	}
	w->adjacent = 0;
	if (sheet_bld_row(&w->x->bld, (int)w->row, c, 0, &why) != 0)
		return ws_fail(w, "%s", _(why));
	return 0;
}

static int
ws_start(void *ud, const char *name, const char **atts)
{
	struct ws *w = ud;
	const char *ref;

	w->depth++;
	if (w->data_depth == 0) {
		if (strcmp(name, "sheetData") == 0)
			w->data_depth = w->depth;
		else if (strcmp(name, "dimension") == 0 &&
		    (ref = sheet_xml_attr(atts, "ref", 0)) != NULL)
			return ws_dimension(w, ref);
		return 0;
	}
	if (w->row_depth == 0) {
		if (w->depth == w->data_depth + 1 && strcmp(name, "row") == 0)
			return ws_row_start(w, atts);
		return 0;
	}
	if (w->cell_depth == 0) {
		if (w->depth == w->row_depth + 1 && strcmp(name, "c") == 0)
			return ws_cell_start(w, atts);
		return 0;
	}
	if (w->is_depth != 0)
		sheet_rt_start(&w->rt, w->depth, name);
	else if (w->depth == w->cell_depth + 1 && strcmp(name, "v") == 0 &&
	    !w->v_seen) {
		w->v_seen = 1;
		w->v_depth = w->depth;
	} else if (w->depth == w->cell_depth + 1 && strcmp(name, "is") == 0 &&
	    !w->is_seen) {
		w->is_seen = 1;
		w->is_depth = w->depth;
		sheet_rt_begin(&w->rt, w->depth);
	}
	return 0;
}

static int
ws_end(void *ud, const char *name)
{
	struct ws *w = ud;
	int d = w->depth--;

	if (w->data_depth == 0)
		return 0;
	if (d == w->data_depth) {
		w->data_depth = 0;
		return 1; /* nothing after sheetData matters */
	}
	if (d == w->v_depth)
		w->v_depth = 0;
	if (w->is_depth != 0) {
		if (d == w->is_depth) {
			w->is_text = sheet_rt_done(&w->rt);
			w->is_depth = 0;
		} else
			sheet_rt_end(&w->rt, d, name);
		return 0;
	}
	if (d == w->cell_depth)
		return ws_cell_end(w);
	if (d == w->row_depth)
		return ws_row_end(w);
	return 0;
}

static int
ws_text(void *ud, const char *s, int len)
{
	struct ws *w = ud;

	if (w->v_depth != 0 && w->depth == w->v_depth)
		buf_add(&w->v, s, (size_t)len);
	else if (w->is_depth != 0)
		sheet_rt_text(&w->rt, w->depth, s, len);
	return 0;
}

int
sheet_xlsx_sheet(struct sheet_xlsx *x, const char *part, const char *data,
    size_t len, char **cause)
{
	static const struct sheet_xml_cb cb = { ws_start, ws_end, ws_text };
	struct ws w;
	char *label;
	int rc;

	memset(&w, 0, sizeof w);
	w.x = x;
	w.sheet = sheet_bld_last(&x->bld)->name;
	w.part = part;
	w.cause = cause;
	w.dim_rows = WS_NO_LIMIT;
	w.next_row = 1;
	label = kesu_msg("%s:%s", x->name, w.sheet);
	rc = sheet_xml_parse(label, part, data, len, &cb, &w, cause);
	free(label);
	sheet_cells_free(&w.cells);
	sheet_rt_free(&w.rt);
	buf_free(&w.v);
	free(w.is_text);
	free(w.hdr);
	return rc;
}
