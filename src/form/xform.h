/*
 * xform.h - the XForm reader: ODK XForm XML (what pyxform writes and ODK
 * Central serves) read back into the XLSForm workbook it stands for, so
 * that form_load_book() builds the same form model from it as from the
 * spreadsheet, with the same checks and messages.
 *
 * What is read: the primary instance (field order, groups, static
 * defaults, the root's id and version), binds (type, relevant,
 * constraint, required, calculate, readonly, their messages, preloads),
 * the body (input, select1, select, trigger, group, repeat; labels, hints,
 * appearance; inline items and itemsets with their filters), itext
 * translations (one label::LANG column per language), secondary
 * instances (the choice lists, with their extra columns) and
 * odk-instance-first-load setvalues (dynamic defaults), pyxform's
 * NAME_count calculate of a repeat_count, randomize() itemsets and range
 * attributes (parameters), itemsets over external instances
 * (select_one_from_file).  Paths, absolute and relative, are turned back
 * into ${name} references.  A repeat becomes begin_repeat/end_repeat
 * rows, which the form model accepts or refuses as it does from a
 * spreadsheet.  Anything else a form needs (a type kesu lacks) reaches
 * the model as its XLSForm name and is refused there by name.
 *
 * Row numbers in the workbook are the XML lines of the binds and controls
 * they come from, so a message reads "form.xml:survey:LINE: ...".
 */
#ifndef KESU_FORM_XFORM_H
#define KESU_FORM_XFORM_H

#include <stdbool.h>
#include <stddef.h>

#include "sheet/sheet.h"
#include "util/err.h"

/* XML nesting deeper than this is refused (no form needs it). */
#define XFORM_MAX_DEPTH 64
/* A form file larger than this is refused. */
#define XFORM_MAX_INPUT (64u << 20)

/* A node of the XML tree: an element (name is its local name, without
 * a prefix) or a run of text (name NULL, text set). */
struct xnode {
	const char *name;
	const char *qname;        /* the name as written, with its prefix */
	char *text;               /* text runs only */
	char **attr;              /* name, value pairs; names as written */
	size_t nattr;
	struct xnode **kid;
	size_t nkid, capkid;
	struct xnode *parent;
	int line;
};

/*
 * Parse XML (len bytes; need not be NUL-terminated) into a tree: *out is
 * the caller's (xnode_free()).  A DOCTYPE, an entity declaration, nesting
 * past XFORM_MAX_DEPTH or malformed XML is KESU_EDATA naming name and the
 * line.
 */
int xnode_parse(const char *name, const void *data, size_t len,
    struct xnode **out, char **cause) KESU_WUR;
void xnode_free(struct xnode **n);

/* Attribute a of n by local name (prefix ignored), or NULL. */
const char *xnode_attr(const struct xnode *n, const char *a);
/* The first child element of n named name (local), or NULL. */
struct xnode *xnode_child(const struct xnode *n, const char *name);
/* The text of n and every descendant, concatenated; caller frees. */
char *xnode_text(const struct xnode *n);

/*
 * Read the XForm at data into the workbook it stands for (survey, choices
 * and settings sheets); name is for messages and the book's path.  *out
 * is the caller's (sheet_book_free()).  KESU_EDATA when it is not an
 * XForm (no h:html/h:head/model/instance), naming what is missing.
 */
int xform_book(const char *name, const void *data, size_t len,
    struct sheet_book **out, char **cause) KESU_WUR;

/* The same from the file at path (KESU_ENOINPUT when unreadable). */
int xform_book_read(const char *path, struct sheet_book **out, char **cause)
    KESU_WUR;
/* Does path name an XForm (.xml)? */
bool xform_is_xml(const char *path);

#endif
