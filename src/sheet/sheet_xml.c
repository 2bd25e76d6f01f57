/*
 * sheet_xml.c - an XML form attachment as a plain table (expat).
 *
 * ODK reads an .xml attachment (select_one_from_file x.xml, xml-external)
 * as a secondary instance <root><item><name>a</name><label>A</label>
 * ...</item>...</root>: each <item> is a row, each child element a
 * column named by it.  The table's header is the children's names in
 * the order first met; a row lacking a column holds SHEET_ABSENT there
 * (no node, which an empty element would be).  Text is
 * kept as written; deeper elements and attributes are ignored, as an
 * itemset reads only the item's children.  Row numbers are the lines the
 * items start on.  An attachment comes from a USB stick or a server: a
 * DOCTYPE (and with it every entity trick) is refused, and the book
 * limits of sheet_int.h hold.
 */
#include <stdlib.h>
#include <string.h>

#include <expat.h>

#include "sheet/sheet_int.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"
#include "util/xml.h"

struct xitem {
	int line;
	struct sheet_cells cells;
};

struct xtable {
	XML_Parser p;
	int depth;
	char **cols;          /* header names */
	int ncols;
	struct xitem *items;
	int nitems, capitems;
	int col;              /* the child being read, -1 none */
	struct buf text;
	const char *why;      /* set when the parse was stopped */
};

static void
xt_stop(struct xtable *x, const char *why)
{
	if (x->why == NULL)
		x->why = why;
	XML_StopParser(x->p, XML_FALSE);
}

/* The column named name, added when new; -1 past the limit. */
static int
xt_col(struct xtable *x, const char *name)
{
	int k;

	for (k = 0; k < x->ncols; k++)
		if (strcmp(x->cols[k], name) == 0)
			return k;
	if (x->ncols >= SHEET_MAX_COLS)
		return -1;
	x->cols = xreallocarray(x->cols, (size_t)x->ncols + 1,
	    sizeof *x->cols);
	x->cols[x->ncols] = xstrdup(name);
	return x->ncols++;
}

static void XMLCALL
xt_start(void *ud, const XML_Char *name, const XML_Char **attr)
{
	struct xtable *x = ud;
	struct xitem *it;

	(void)attr;
	if (x->why != NULL)
		return;
	x->depth++;
	if (x->depth == 1 && strcmp(name, "root") != 0)
		xt_stop(x, N_("the document element is not <root>"));
	else if (x->depth == 2 && strcmp(name, "item") != 0)
		xt_stop(x, N_("an element in <root> is not <item>"));
	else if (x->depth == 2) {
		if (x->nitems >= SHEET_MAX_ROWS - 1) {
			xt_stop(x, N_("too many items"));
			return;
		}
		if (x->nitems == x->capitems) {
			x->capitems = x->capitems ? 2 * x->capitems : 16;
			x->items = xreallocarray(x->items,
			    (size_t)x->capitems, sizeof *x->items);
		}
		it = &x->items[x->nitems++];
		memset(it, 0, sizeof *it);
		it->line = (int)XML_GetCurrentLineNumber(x->p);
	} else if (x->depth == 3) {
		if ((x->col = xt_col(x, name)) < 0)
			xt_stop(x, N_("too many columns"));
		buf_reset(&x->text);
	}
}

static void XMLCALL
xt_end(void *ud, const XML_Char *name)
{
	struct xtable *x = ud;
	struct xitem *it;

	(void)name;
	if (x->why != NULL)
		return;
	if (x->depth == 3 && x->col >= 0) {
		it = &x->items[x->nitems - 1];
		if (sheet_cells_set(&it->cells, x->col,
		    buf_detach(&x->text)) != 0)
			xt_stop(x, N_("too many columns"));
		x->col = -1;
	}
	x->depth--;
}

static void XMLCALL
xt_text(void *ud, const XML_Char *s, int len)
{
	struct xtable *x = ud;

	if (x->why != NULL || x->depth != 3 || x->col < 0)
		return;
	if (x->text.len + (size_t)len > SHEET_MAX_CELL_CHARS * 4) {
		xt_stop(x, N_("a value is too long"));
		return;
	}
	buf_add(&x->text, s, (size_t)len);
}

static void XMLCALL
xt_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
    const XML_Char *pubid, int has_internal)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal;
	xt_stop(ud, N_("a DOCTYPE is not allowed in an attachment"));
}

/* The items as a book: the header row, then one row per item. */
static int
xt_book(struct xtable *x, const char *name, struct sheet_book **out,
    char **cause)
{
	struct sheet_bld b;
	struct sheet_cells c = { NULL, 0, 0 };
	const char *why = NULL;
	int k, rc = KESU_OK;

	sheet_bld_init(&b, name);
	if (sheet_bld_sheet(&b, "data", 4, &why) != 0)
		goto bad;
	for (k = 0; k < x->ncols; k++)
		if (sheet_cells_set(&c, k, xstrdup(x->cols[k])) != 0) {
			why = N_("too many columns");
			goto bad;
		}
	if (sheet_bld_row(&b, 1, &c, 0, &why) != 0)
		goto bad;
	for (k = 0; k < x->nitems; k++) {
		int i;

		for (i = 0; i < x->ncols; i++)
			if ((i >= x->items[k].cells.n ||
			    x->items[k].cells.v[i] == NULL) &&
			    sheet_cells_set(&x->items[k].cells, i,
			    xstrdup(SHEET_ABSENT)) != 0) {
				why = N_("too many columns");
				goto bad;
			}
		if (sheet_bld_row(&b, x->items[k].line, &x->items[k].cells, 0,
		    &why) != 0)
			goto bad;
	}
	*out = sheet_bld_finish(&b);
	goto out;
bad:
	rc = kesu_fail(cause, KESU_EDATA, _("%s: %s"), name, _(why));
	sheet_bld_abort(&b);
out:
	sheet_cells_free(&c);
	return rc;
}

int
sheet_xml_table_parse(const char *name, const char *data, size_t len,
    struct sheet_book **out, char **cause)
{
	struct xtable x;
	int k, rc;

	*out = NULL;
	memset(&x, 0, sizeof x);
	x.col = -1;
	x.p = xml_parser_new(&x, xt_start, xt_end, xt_text, xt_doctype);
	rc = xml_parse_all(x.p, name, data, len, &x.why, cause);
	if (rc == 0 && x.ncols == 0)
		rc = kesu_fail(cause, KESU_EDATA, _("%s: no <item> in <root> "
		    "has a value"), name);
	else if (rc == 0)
		rc = xt_book(&x, name, out, cause);
	XML_ParserFree(x.p);
	for (k = 0; k < x.nitems; k++)
		sheet_cells_free(&x.items[k].cells);
	free(x.items);
	for (k = 0; k < x.ncols; k++)
		free(x.cols[k]);
	free(x.cols);
	buf_free(&x.text);
	return rc;
}
