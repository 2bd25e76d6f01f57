/*
 * formlist.c - reading an OpenRosa form list and a form manifest
 * (formlist.h).  Only the elements named there are read, by local name,
 * so Central's namespace and any extra element (descriptionText,
 * majorMinorVersion) pass; a hash that is not md5 or a file name that
 * could leave the form's folder is refused.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>

#include "sync/formlist.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

enum fl_field { FL_ID, FL_NAME, FL_VERSION, FL_HASH, FL_DOWNLOAD,
	FL_MANIFEST, FL_NFIELDS, FL_NONE = -1 };

struct fl {
	XML_Parser p;
	bool media;
	int depth, entry_depth;
	enum fl_field cur;
	struct buf text;
	char *field[FL_NFIELDS];
	struct formlist_entry *e;
	size_t n, cap;
	bool too_many;
};

static const char *
fl_local(const char *q)
{
	const char *c = strrchr(q, ':');

	return c != NULL ? c + 1 : q;
}

static enum fl_field
fl_which(const struct fl *x, const char *name)
{
	if (strcmp(name, x->media ? "filename" : "formID") == 0)
		return FL_ID;
	if (!x->media && strcmp(name, "name") == 0)
		return FL_NAME;
	if (!x->media && strcmp(name, "version") == 0)
		return FL_VERSION;
	if (strcmp(name, "hash") == 0)
		return FL_HASH;
	if (strcmp(name, "downloadUrl") == 0)
		return FL_DOWNLOAD;
	if (!x->media && strcmp(name, "manifestUrl") == 0)
		return FL_MANIFEST;
	return FL_NONE;
}

static void XMLCALL
fl_start(void *ud, const XML_Char *qname, const XML_Char **attr)
{
	struct fl *x = ud;
	const char *name = fl_local(qname);

	(void)attr;
	x->depth++;
	if (x->entry_depth == 0 &&
	    strcmp(name, x->media ? "mediaFile" : "xform") == 0) {
		x->entry_depth = x->depth;
		return;
	}
	if (x->entry_depth != 0 && x->depth == x->entry_depth + 1) {
		x->cur = fl_which(x, name);
		buf_reset(&x->text);
	}
}

static void
fl_entry_end(struct fl *x)
{
	struct formlist_entry *e;
	int i;

	if (x->n == 100000) {
		x->too_many = true;
		XML_StopParser(x->p, XML_FALSE);
		return;
	}
	if (x->n == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 16;
		x->e = xreallocarray(x->e, x->cap, sizeof *x->e);
	}
	e = &x->e[x->n++];
	e->id = x->field[FL_ID] != NULL ? x->field[FL_ID] : xstrdup("");
	e->name = x->field[FL_NAME] != NULL ? x->field[FL_NAME] : xstrdup("");
	e->version = x->field[FL_VERSION] != NULL ? x->field[FL_VERSION] :
	    xstrdup("");
	e->md5 = x->field[FL_HASH] != NULL ? x->field[FL_HASH] : xstrdup("");
	e->download = x->field[FL_DOWNLOAD] != NULL ?
	    x->field[FL_DOWNLOAD] : xstrdup("");
	e->manifest = x->field[FL_MANIFEST] != NULL ?
	    x->field[FL_MANIFEST] : xstrdup("");
	for (i = 0; i < FL_NFIELDS; i++)
		x->field[i] = NULL;
}

static void XMLCALL
fl_end(void *ud, const XML_Char *qname)
{
	struct fl *x = ud;

	(void)qname;
	if (x->entry_depth != 0 && x->depth == x->entry_depth + 1 &&
	    x->cur != FL_NONE) {
		const char *s = x->text.data != NULL ? x->text.data : "";
		size_t len = x->text.len;

		while (len > 0 && strchr(" \t\r\n", *s) != NULL)
			s++, len--;
		while (len > 0 && strchr(" \t\r\n", s[len - 1]) != NULL)
			len--;
		free(x->field[x->cur]);
		x->field[x->cur] = xstrndup(s, len);
		x->cur = FL_NONE;
	} else if (x->entry_depth != 0 && x->depth == x->entry_depth) {
		fl_entry_end(x);
		x->entry_depth = 0;
	}
	x->depth--;
}

static void XMLCALL
fl_text(void *ud, const XML_Char *s, int len)
{
	struct fl *x = ud;

	if (x->cur != FL_NONE && len > 0 && x->text.len < 65536)
		buf_add(&x->text, s, (size_t)len);
}

static void XMLCALL
fl_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
    const XML_Char *pubid, int internal)
{
	struct fl *x = ud;

	(void)name, (void)sysid, (void)pubid, (void)internal;
	XML_StopParser(x->p, XML_FALSE);
}

/* "md5:HEX" -> "hex" in place; false when it is not an md5 hash. */
static bool
fl_md5(char *h)
{
	size_t i;

	if (strncmp(h, "md5:", 4) != 0 || strlen(h) != 36)
		return false;
	memmove(h, h + 4, 33);
	for (i = 0; i < 32; i++) {
		if (h[i] >= 'A' && h[i] <= 'F')
			h[i] = (char)(h[i] - 'A' + 'a');
		if (!((h[i] >= '0' && h[i] <= '9') ||
		    (h[i] >= 'a' && h[i] <= 'f')))
			return false;
	}
	return true;
}

/* Does s hold a control character (C0 or DEL)? */
static bool
fl_control(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

static int
fl_check(const char *what, bool media, struct formlist_entry *e, size_t n,
    char **cause)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (fl_control(e[i].id) || fl_control(e[i].version) ||
		    fl_control(e[i].name))
			return kesu_fail(cause, KESU_EDATA, _("%s: entry %zu "
			    "holds a control character"), what, i + 1);
		if (e[i].id[0] == '\0' || e[i].download[0] == '\0')
			return kesu_fail(cause, KESU_EDATA, _("%s: entry %zu "
			    "has no %s or no downloadUrl"), what, i + 1,
			    media ? "filename" : "formID");
		if (!fl_md5(e[i].md5))
			return kesu_fail(cause, KESU_EDATA, _("%s: entry %zu "
			    "has no md5 hash"), what, i + 1);
		if (media && (strchr(e[i].id, '/') != NULL ||
		    strchr(e[i].id, '\\') != NULL ||
		    strcmp(e[i].id, ".") == 0 || strcmp(e[i].id, "..") == 0))
			return kesu_fail(cause, KESU_EDATA, _("%s: entry %zu: "
			    "a media file name must be a plain name"), what,
			    i + 1);
	}
	return 0;
}

int
formlist_parse(const char *what, const void *data, size_t len, int media,
    struct formlist_entry **out, size_t *n, char **cause)
{
	struct fl x;
	int rc = 0, i;

	*out = NULL;
	*n = 0;
	memset(&x, 0, sizeof x);
	x.media = media != 0;
	x.cur = FL_NONE;
	if (len > INT32_MAX)
		return kesu_fail(cause, KESU_EDATA, _("%s: too large"), what);
	if ((x.p = XML_ParserCreate("UTF-8")) == NULL)
		xalloc_die();
	XML_SetUserData(x.p, &x);
	XML_SetElementHandler(x.p, fl_start, fl_end);
	XML_SetCharacterDataHandler(x.p, fl_text);
	XML_SetStartDoctypeDeclHandler(x.p, fl_doctype);
	if (XML_Parse(x.p, data, (int)len, XML_TRUE) != XML_STATUS_OK) {
		rc = kesu_fail(cause, KESU_EDATA, _("%s:%lu: %s"), what,
		    (unsigned long)XML_GetCurrentLineNumber(x.p),
		    x.too_many ? _("too many entries") :
		    XML_GetErrorCode(x.p) == XML_ERROR_ABORTED ?
		    _("a DOCTYPE is not allowed") :
		    XML_ErrorString(XML_GetErrorCode(x.p)));
	} else
		rc = fl_check(what, x.media, x.e, x.n, cause);
	XML_ParserFree(x.p);
	buf_free(&x.text);
	for (i = 0; i < FL_NFIELDS; i++)
		free(x.field[i]);
	if (rc != 0) {
		formlist_free(x.e, x.n);
		return rc;
	}
	*out = x.e;
	*n = x.n;
	return 0;
}

void
formlist_free(struct formlist_entry *e, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(e[i].id);
		free(e[i].name);
		free(e[i].version);
		free(e[i].md5);
		free(e[i].download);
		free(e[i].manifest);
	}
	free(e);
}
