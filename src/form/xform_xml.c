/*
 * xform_xml.c - XML into a small tree (xform.h) with expat, for the XForm
 * reader: elements with their attributes, text runs kept in order among
 * them (a label mixes text and <output/>), and the line each began on.
 *
 * A form file is data from a server or a USB stick: a DOCTYPE (and with
 * it every entity trick) is refused, nesting is capped, and expat's own
 * limits hold the rest.
 */
#include <stdlib.h>
#include <string.h>

#include <expat.h>

#include "form/xform.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"
#include "util/xml.h"

struct xparse {
	XML_Parser p;
	struct xnode *root, *cur;
	int depth;
	const char *why;          /* set when the parse was stopped */
};

static const char *
xnode_local(const char *q)
{
	const char *c = strrchr(q, ':');

	return c != NULL ? c + 1 : q;
}

static struct xnode *
xnode_new(struct xparse *x, struct xnode *parent)
{
	struct xnode *n = xcalloc(1, sizeof *n);

	n->parent = parent;
	n->line = (int)XML_GetCurrentLineNumber(x->p);
	if (parent != NULL) {
		if (parent->nkid == parent->capkid) {
			parent->capkid = parent->capkid ? 2 * parent->capkid : 4;
			parent->kid = xreallocarray(parent->kid,
			    parent->capkid, sizeof *parent->kid);
		}
		parent->kid[parent->nkid++] = n;
	}
	return n;
}

static void XMLCALL
xp_start(void *ud, const XML_Char *name, const XML_Char **attr)
{
	struct xparse *x = ud;
	struct xnode *n;
	size_t i, na = 0;

	if (x->why != NULL)
		return;
	if (++x->depth > XFORM_MAX_DEPTH || (x->cur == NULL &&
	    x->root != NULL)) {
		x->why = N_("nested too deep");
		XML_StopParser(x->p, XML_FALSE);
		return;
	}
	n = xnode_new(x, x->cur);
	if (x->root == NULL)
		x->root = n;
	n->qname = xstrdup(name);
	n->name = xnode_local(n->qname);
	while (attr[na] != NULL)
		na++;
	n->attr = xcalloc(na + 1, sizeof *n->attr);
	for (i = 0; i < na; i++)
		n->attr[i] = xstrdup(attr[i]);
	n->nattr = na / 2;
	x->cur = n;
}

static void XMLCALL
xp_end(void *ud, const XML_Char *name)
{
	struct xparse *x = ud;

	(void)name;
	if (x->why != NULL || x->cur == NULL)
		return;
	x->depth--;
	x->cur = x->cur->parent;
}

static void XMLCALL
xp_text(void *ud, const XML_Char *s, int len)
{
	struct xparse *x = ud;
	struct xnode *last;
	size_t old;

	if (x->why != NULL || x->cur == NULL || len <= 0)
		return;
	last = x->cur->nkid > 0 ? x->cur->kid[x->cur->nkid - 1] : NULL;
	if (last == NULL || last->name != NULL)
		last = xnode_new(x, x->cur);
	old = last->text != NULL ? strlen(last->text) : 0;
	last->text = xrealloc(last->text, old + (size_t)len + 1);
	memcpy(last->text + old, s, (size_t)len);
	last->text[old + (size_t)len] = '\0';
}

static void XMLCALL
xp_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
    const XML_Char *pubid, int internal)
{
	struct xparse *x = ud;

	(void)name, (void)sysid, (void)pubid, (void)internal;
	x->why = N_("a DOCTYPE is not allowed in a form");
	XML_StopParser(x->p, XML_FALSE);
}

int
xnode_parse(const char *name, const void *data, size_t len,
    struct xnode **out, char **cause)
{
	struct xparse x;
	int rc = 0;

	*out = NULL;
	memset(&x, 0, sizeof x);
	if (len > XFORM_MAX_INPUT)
		return kesu_fail(cause, KESU_EDATA, _("%s: too large for a "
		    "form"), name);
	x.p = xml_parser_new(&x, xp_start, xp_end, xp_text, xp_doctype);
	if ((rc = xml_parse_all(x.p, name, data, len, &x.why, cause)) != 0)
		xnode_free(&x.root);
	else if (x.root == NULL)
		rc = kesu_fail(cause, KESU_EDATA, _("%s: empty"), name);
	XML_ParserFree(x.p);
	*out = x.root;
	return rc;
}

void
xnode_free(struct xnode **np)
{
	struct xnode *n = *np;
	size_t i;

	if (n == NULL)
		return;
	for (i = 0; i < n->nkid; i++)
		xnode_free(&n->kid[i]);
	free(n->kid);
	for (i = 0; i < 2 * n->nattr; i++)
		free(n->attr[i]);
	free(n->attr);
	free(n->text);
	free((char *)n->qname);
	free(n);
	*np = NULL;
}

const char *
xnode_attr(const struct xnode *n, const char *a)
{
	size_t i;

	for (i = 0; i < n->nattr; i++)
		if (strcmp(xnode_local(n->attr[2 * i]), a) == 0)
			return n->attr[2 * i + 1];
	return NULL;
}

struct xnode *
xnode_child(const struct xnode *n, const char *name)
{
	size_t i;

	for (i = 0; i < n->nkid; i++)
		if (n->kid[i]->name != NULL &&
		    strcmp(n->kid[i]->name, name) == 0)
			return n->kid[i];
	return NULL;
}

static void
xnode_text_add(const struct xnode *n, struct buf *b)
{
	size_t i;

	if (n->name == NULL) {
		buf_addstr(b, n->text);
		return;
	}
	for (i = 0; i < n->nkid; i++)
		xnode_text_add(n->kid[i], b);
}

char *
xnode_text(const struct xnode *n)
{
	struct buf b = BUF_INIT;

	xnode_text_add(n, &b);
	return buf_detach(&b);
}
