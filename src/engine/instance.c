/*
 * instance.c - the instance XML, byte for byte as ODK Collect submits it
 * for the XForm pyxform makes from the same XLSForm.
 *
 * Collect serialises its instance with JavaRosa's XFormSerializingVisitor
 * through kXML's KXmlSerializer as Android's libcore ships it (on a
 * device that class is loaded ahead of the copy JavaRosa bundles), set up
 * for UTF-8 output (XFormSerializer.getUtfBytes).  That gives:
 * - the declaration <?xml version='1.0' encoding='UTF-8' ?> and no other
 *   white space anywhere (no newline, no indentation);
 * - the root element named as the form's instance root (settings `name`,
 *   else "data") with the attributes of pyxform's instance root, `id`
 *   then `version` (absent when the form has no version), followed by the
 *   namespace prefixes declared on the XForm's <h:html> element.  JavaRosa
 *   keeps those in a HashMap, so for pyxform's declarations (h, ev, xsd,
 *   jr, orx, odk; the default namespace is not copied) they come out in
 *   Java's hash order: ev, orx, odk, h, xsd, jr.  No element uses them;
 *   they are there because Collect writes them;
 * - fields as elements in form order, groups nested, each instance of a
 *   repeat as one element named as the repeat, in order (a repeat with
 *   no instance writes nothing: Collect leaves out the jr:template
 *   element the XForm carries); a field without a
 *   value (a note has none) as an empty element written "<name />" (with
 *   the space, as kXML writes it); non-relevant fields and groups left
 *   out with everything inside them;
 * - <meta><instanceID>uuid:...</instanceID></meta> last, with
 *   <instanceName> after instanceID when the form's settings have an
 *   instance_name (its expression evaluated now);
 * - text escaped as that serializer escapes it: & < > as entities, quotes
 *   left alone, characters outside the Basic Multilingual Plane (emoji)
 *   as numeric references ("&#128077;"), everything else as UTF-8;
 *   attribute values in double quotes (single quotes when the value holds
 *   a double quote) with that quote escaped too.  Control characters
 *   other than tab, newline and carriage return cannot occur (answers are
 *   cleaned of them) and are dropped if a calculation made one.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine_int.h"
#include "util/buf.h"

static const char instance_namespaces[] =
    " xmlns:ev=\"http://www.w3.org/2001/xml-events\""
    " xmlns:orx=\"http://openrosa.org/xforms\""
    " xmlns:odk=\"http://www.opendatakit.org/xforms\""
    " xmlns:h=\"http://www.w3.org/1999/xhtml\""
    " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""
    " xmlns:jr=\"http://openrosa.org/javarosa\"";

/* Append s escaped as text (quote 0) or as an attribute value between
 * quote characters. */
static void
instance_escape(struct buf *b, const char *s, char quote)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++) {
		if (*p >= 0xf0 && (p[1] & 0xc0) == 0x80 &&
		    (p[2] & 0xc0) == 0x80 && (p[3] & 0xc0) == 0x80) {
			unsigned long cp = (unsigned long)(*p & 0x07) << 18 |
			    (unsigned long)(p[1] & 0x3f) << 12 |
			    (unsigned long)(p[2] & 0x3f) << 6 |
			    (unsigned long)(p[3] & 0x3f);

			buf_printf(b, "&#%lu;", cp);
			p += 3;
			continue;
		}
		switch (*p) {
		case '&':
			buf_addstr(b, "&amp;");
			break;
		case '<':
			buf_addstr(b, "&lt;");
			break;
		case '>':
			buf_addstr(b, "&gt;");
			break;
		case '\t':
		case '\n':
		case '\r':
			if (quote != 0)
				buf_printf(b, "&#%d;", *p);
			else
				buf_addch(b, (char)*p);
			break;
		default:
			if (quote != 0 && *p == (unsigned char)quote)
				buf_addstr(b,
				    quote == '"' ? "&quot;" : "&apos;");
			else if (*p >= 0x20)
				buf_addch(b, (char)*p);
			break;
		}
	}
}

/* Append ` name="value"` as the serializer writes an attribute. */
static void
instance_attr(struct buf *b, const char *name, const char *value)
{
	char q = strchr(value, '"') == NULL ? '"' : '\'';

	buf_addch(b, ' ');
	buf_addstr(b, name);
	buf_addch(b, '=');
	buf_addch(b, q);
	instance_escape(b, value, q);
	buf_addch(b, q);
}

static void
instance_leaf(struct buf *b, const char *name, const char *value)
{
	buf_addch(b, '<');
	buf_addstr(b, name);
	if (value == NULL || *value == '\0') {
		buf_addstr(b, " />");
		return;
	}
	buf_addch(b, '>');
	instance_escape(b, value, 0);
	buf_addstr(b, "</");
	buf_addstr(b, name);
	buf_addch(b, '>');
}

static void instance_fields(const engine *e, struct rinst *r,
    struct buf *b, int from, int to);

static void
instance_open(struct buf *b, const char *name)
{
	buf_addch(b, '<');
	buf_addstr(b, name);
	buf_addch(b, '>');
}

static void
instance_close(struct buf *b, const char *name)
{
	buf_addstr(b, "</");
	buf_addstr(b, name);
	buf_addch(b, '>');
}

/* Fields from..to-1 of instance r (one level: siblings and their
 * subtrees). */
static void
instance_fields(const engine *e, struct rinst *r, struct buf *b, int from,
    int to)
{
	int i = from, k;

	while (i < to) {
		const struct form_field *fld = form_field(e->f, i);

		if (!RREL(r, i)) {
			i = fld->end;
			continue;
		}
		if (fld->repeat) {
			struct rlist *l = engine_rlist(r, i);

			for (k = 0; k < l->n; k++) {
				if (fld->end == i + 1) {
					instance_leaf(b, fld->name, NULL);
					continue;
				}
				instance_open(b, fld->name);
				instance_fields(e, l->v[k], b, i + 1, fld->end);
				instance_close(b, fld->name);
			}
			i = fld->end;
			continue;
		}
		if (fld->type != FORM_GROUP) {
			instance_leaf(b, fld->name, RVAL(r, i));
			i++;
			continue;
		}
		if (fld->end == i + 1) {
			instance_leaf(b, fld->name, NULL);
			i++;
			continue;
		}
		instance_open(b, fld->name);
		instance_fields(e, r, b, i + 1, fld->end);
		instance_close(b, fld->name);
		i = fld->end;
	}
}

char *
engine_instance_xml(const engine *e)
{
	const char *root = form_root(e->f), *version = form_version(e->f);
	const expr *name = form_instance_name(e->f);
	struct buf b = BUF_INIT;

	buf_addstr(&b, "<?xml version='1.0' encoding='UTF-8' ?><");
	buf_addstr(&b, root);
	instance_attr(&b, "id", form_id(e->f));
	if (version != NULL)
		instance_attr(&b, "version", version);
	buf_addstr(&b, instance_namespaces);
	buf_addch(&b, '>');
	instance_fields(e, (struct rinst *)(uintptr_t)&e->root, &b, 0, e->nf);
	buf_addstr(&b, "<meta>");
	instance_leaf(&b, "instanceID", e->instance_id);
	/* An edit of what the server holds, as ODK Collect sends one. */
	if (e->deprecated_id != NULL)
		instance_leaf(&b, "deprecatedID", e->deprecated_id);
	if (name != NULL) {
		/* Evaluated at the root, wherever the interview stands. */
		engine *m = (engine *)(uintptr_t)e;
		struct rinst *was = m->at;
		char *v;

		m->at = &m->root;
		v = engine_eval_text(e, name, -1, NULL, NULL);
		m->at = was;

		instance_leaf(&b, "instanceName", v);
		free(v);
	}
	buf_addstr(&b, "</meta></");
	buf_addstr(&b, root);
	buf_addch(&b, '>');
	return buf_detach(&b);
}
