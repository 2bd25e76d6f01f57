/*
 * sheet_md.c - XLSForm workbooks written as Markdown tables (.md).
 *
 * Lines are read as pyxform's md_to_dict reads them:
 * - a line whose first non-space character is '#' is a comment;
 * - otherwise a trailing "# ..." after the last '|' is a comment;
 * - a table row is a line whose first non-space character is '|'; its
 *   cells lie between that pipe and the last pipe of the line;
 * - a row made only of '|' and '-' (no spaces) separates the header;
 * - cells split at '|' not preceded by '\', are trimmed, then "\|"
 *   becomes '|';
 * - the first cell names a sheet (see sheet.h).
 * Other lines are free text and ignored.  Rows are numbered by line.
 *
 * Where pyxform fails on an input (a table row before the first sheet
 * name, an XLSForm sheet with no rows, a cell beyond the header's columns
 * in such a sheet) kesu reports an error naming the line, so that what
 * kesu accepts pyxform converts too.
 */
#include <stdlib.h>
#include <string.h>

#include "sheet/sheet.h"
#include "sheet/sheet_int.h"
#include "util/i18n.h"
#include "util/xalloc.h"

struct md {
	const char *name; /* for messages */
	int line;         /* of the line being read, 1-based */
	int sheet_line;   /* where the last sheet was named */
	int hdr_line;     /* the last sheet's header row */
	int hdr_width;    /* its cells, empty ones included */
	int wide_line;    /* first row of the first sheet wider than that, */
	int wide_hdr;     /* its header row */
	int wide_width;   /* and that header's width */
	struct sheet_cells cells;
	struct sheet_bld bld;
};

static const char *
md_skip_space(const char *p, const char *e)
{
	size_t n;

	while (p < e && (n = sheet_space_at(p, e)) != 0)
		p += n;
	return p;
}

/* A trimmed heap copy of a cell with "\|" turned into '|', NULL if empty. */
static char *
md_cell(const char *s, const char *e)
{
	size_t len = (size_t)(e - s), i, j;
	char *c;

	sheet_trim(&s, &len);
	if (len == 0)
		return NULL;
	c = xmalloc(len + 1);
	for (i = j = 0; i < len; i++) {
		if (s[i] == '\\' && i + 1 < len && s[i + 1] == '|')
			continue;
		c[j++] = s[i];
	}
	c[j] = '\0';
	return c;
}

/* pyxform cannot read an XLSForm sheet (or a lone sheet) with no rows. */
static int
md_check_last(struct md *x, int only, char **cause)
{
	const struct sheet *s = sheet_bld_last(&x->bld);

	if (s == NULL || s->nrows > 0 ||
	    !(only || sheet_pyxform_reads(s->name)))
		return KESU_OK;
	return kesu_fail(cause, KESU_EDATA, _("%s:%d: sheet '%s' has no rows"),
	    x->name, x->sheet_line, s->name);
}

/*
 * pyxform pairs each cell with the header cell above it and fails on a
 * non-empty cell past the header's last column (empty cells count) in a
 * sheet it reads; ncol is the row's cell count after the name column.
 */
static int
md_width(struct md *x, int ncol, char **cause)
{
	const struct sheet *s = sheet_bld_last(&x->bld);
	int i;

	if (s->nrows == 0) {
		x->hdr_line = x->line;
		x->hdr_width = ncol;
		return KESU_OK;
	}
	for (i = 1 + x->hdr_width; i < x->cells.n; i++) {
		if (x->cells.v[i] == NULL)
			continue;
		if (sheet_pyxform_reads(s->name))
			return kesu_fail(cause, KESU_EDATA,
			    _("%s:%d: a cell lies beyond the %d columns of the "
			    "header (line %d)"), x->name, x->line,
			    x->hdr_width, x->hdr_line);
		if (x->bld.book->nsheets == 1 && x->wide_line == 0) {
			/* Fatal only if this turns out to be the only sheet. */
			x->wide_line = x->line;
			x->wide_hdr = x->hdr_line;
			x->wide_width = x->hdr_width;
		}
		break;
	}
	return KESU_OK;
}

/* The cells between the outer pipes, [s, e), of a table row. */
static int
md_row(struct md *x, const char *s, const char *e, char **cause)
{
	struct sheet_cells *c = &x->cells;
	const char *p, *start, *why;
	int col, content = 0, rc;

	for (p = s; p < e && (*p == '|' || *p == '-'); p++)
		;
	if (p == e && e > s) {
		/* A separator row. */
		if (sheet_bld_last(&x->bld) == NULL)
			goto early;
		return KESU_OK;
	}
	for (col = 0, start = p = s;; p++) {
		if (p < e && (*p != '|' || (p > s && p[-1] == '\\')))
			continue;
		if (sheet_cells_set(c, col, md_cell(start, p)) != 0)
			return kesu_fail(cause, KESU_EDATA,
			    _("%s:%d: more than %d columns"), x->name, x->line,
			    SHEET_MAX_COLS);
		if (col > 0 && c->v[col] != NULL)
			content = 1;
		col++;
		if (p == e)
			break;
		start = p + 1;
	}
	if (c->v[0] != NULL) {
		if ((rc = md_check_last(x, 0, cause)) != KESU_OK)
			return rc;
		if (sheet_bld_sheet(&x->bld, c->v[0], strlen(c->v[0]),
		    &why) != 0)
			return kesu_fail(cause, KESU_EDATA,
			    _("%s:%d: sheet '%s' %s"), x->name, x->line,
			    c->v[0], _(why));
		x->sheet_line = x->line;
	} else if (sheet_bld_last(&x->bld) == NULL)
		goto early;
	if (!content) {
		sheet_cells_reset(c);
		return KESU_OK;
	}
	if ((rc = md_width(x, col - 1, cause)) != KESU_OK)
		return rc;
	free(c->v[0]);
	memmove(c->v, c->v + 1, (size_t)(c->n - 1) * sizeof *c->v);
	c->v[--c->n] = NULL;
	if (sheet_bld_row(&x->bld, x->line, c, 0, &why) != 0)
		return kesu_fail(cause, KESU_EDATA, "%s:%d: %s", x->name,
		    x->line, _(why));
	return KESU_OK;
early:
	return kesu_fail(cause, KESU_EDATA,
	    _("%s:%d: table row before the first sheet name"), x->name,
	    x->line);
}

static int
md_line(struct md *x, const char *s, const char *e, char **cause)
{
	const char *p, *last;
	size_t i, from, len = (size_t)(e - s);

	p = md_skip_space(s, e);
	if (p < e && *p == '#')
		return KESU_OK;
	/* A trailing comment: the last '#' after the last pipe that has
	 * something after it. */
	last = memrchr(s, '|', len);
	from = last != NULL ? (size_t)(last - s) + 1 : 0;
	for (i = len; i > from; i--) {
		if (s[i - 1] == '#' && i < len) {
			e = s + i - 1;
			break;
		}
	}
	p = md_skip_space(s, e);
	if (p == e || *p != '|')
		return KESU_OK;
	last = memrchr(p + 1, '|', (size_t)(e - p - 1));
	if (last == NULL)
		return KESU_OK;
	return md_row(x, p + 1, last, cause);
}

int
sheet_md_parse(const char *name, const char *data, size_t len,
    struct sheet_book **out, char **cause)
{
	struct md x;
	const char *p, *end = data + len, *nl, *why;
	size_t bom, bad, i;
	int rc = KESU_OK, line;

	*out = NULL;
	bom = sheet_bom_len(data, len);
	if (sheet_text_check(data + bom, len - bom, &bad, &why) != 0) {
		line = 1;
		for (i = bom; i < bom + bad; i++)
			line += data[i] == '\n';
		return kesu_fail(cause, KESU_EDATA, "%s:%d: %s", name, line,
		    _(why));
	}
	memset(&x, 0, sizeof x);
	x.name = name;
	sheet_bld_init(&x.bld, name);
	for (p = data + bom;; p = nl + 1) {
		x.line++;
		nl = memchr(p, '\n', (size_t)(end - p));
		if ((rc = md_line(&x, p, nl != NULL ? nl : end, cause)) !=
		    KESU_OK)
			goto out;
		if (nl == NULL)
			break;
	}
	rc = md_check_last(&x, x.bld.book->nsheets == 1, cause);
	if (rc == KESU_OK && x.bld.book->nsheets == 1 && x.wide_line != 0)
		rc = kesu_fail(cause, KESU_EDATA,
		    _("%s:%d: a cell lies beyond the %d columns of the header "
		    "(line %d)"), name, x.wide_line, x.wide_width, x.wide_hdr);
out:
	if (rc == KESU_OK)
		*out = sheet_bld_finish(&x.bld);
	else
		sheet_bld_abort(&x.bld);
	sheet_cells_free(&x.cells);
	return rc;
}
