/*
 * values.c - instance XML -> (leaf name, text) pairs, with expat.
 *
 * The pairs are sorted by name once parsed, so that a look-up is a binary
 * search: the record view asks for every field of the form.
 */
#include <expat.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "review/values.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

struct pair {
	char *name;
	char *value;
};

struct review_values {
	struct pair *pairs;
	size_t n, cap;
};

struct parse {
	review_values *v;
	struct buf text;
	int depth;
	int meta_depth;   /* depth of <meta>, 0 outside it */
	bool leaf;        /* no child element since the last start tag */
};

static const char *
values_local(const char *name)
{
	const char *c = strchr(name, ':');

	return c != NULL ? c + 1 : name;
}

static void XMLCALL
values_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct parse *p = ud;

	(void)atts;
	p->depth++;
	if (p->meta_depth == 0 && p->depth == 2 &&
	    strcmp(values_local(name), "meta") == 0)
		p->meta_depth = p->depth;
	p->leaf = true;
	buf_reset(&p->text);
}

static void XMLCALL
values_end(void *ud, const XML_Char *name)
{
	struct parse *p = ud;
	review_values *v = p->v;

	if (p->leaf && p->meta_depth == 0 && p->depth > 1) {
		if (v->n == v->cap) {
			v->cap = v->cap ? 2 * v->cap : 64;
			v->pairs = xreallocarray(v->pairs, v->cap,
			    sizeof *v->pairs);
		}
		v->pairs[v->n].name = xstrdup(values_local(name));
		v->pairs[v->n].value = xstrndup(p->text.data != NULL ?
		    p->text.data : "", p->text.len);
		v->n++;
	}
	if (p->meta_depth == p->depth)
		p->meta_depth = 0;
	p->leaf = false;
	p->depth--;
	buf_reset(&p->text);
}

static void XMLCALL
values_text(void *ud, const XML_Char *s, int len)
{
	struct parse *p = ud;

	if (p->leaf)
		buf_add(&p->text, s, (size_t)len);
}

static int
values_cmp(const void *a, const void *b)
{
	return strcmp(((const struct pair *)a)->name,
	    ((const struct pair *)b)->name);
}

int
review_values_parse(const char *xml, size_t len, review_values **out,
    char **cause)
{
	struct parse p;
	XML_Parser xp;
	int rc = 0;

	*out = NULL;
	memset(&p, 0, sizeof p);
	p.v = xcalloc(1, sizeof *p.v);
	if ((xp = XML_ParserCreate("UTF-8")) == NULL)
		xalloc_die();
	XML_SetUserData(xp, &p);
	XML_SetElementHandler(xp, values_start, values_end);
	XML_SetCharacterDataHandler(xp, values_text);
	if (len > (size_t)INT32_MAX ||
	    XML_Parse(xp, xml, (int)len, 1) != XML_STATUS_OK) {
		rc = kesu_fail(cause, KESU_EDATA, _("instance XML, line %lu: "
		    "%s"), (unsigned long)XML_GetCurrentLineNumber(xp),
		    XML_ErrorString(XML_GetErrorCode(xp)));
		review_values_free(&p.v);
	} else {
		qsort(p.v->pairs, p.v->n, sizeof *p.v->pairs, values_cmp);
		*out = p.v;
	}
	XML_ParserFree(xp);
	buf_free(&p.text);
	return rc;
}

review_values *
review_values_from(const struct store_value *sv, size_t n)
{
	review_values *v = xcalloc(1, sizeof *v);
	size_t i;

	v->pairs = xcalloc(n + 1, sizeof *v->pairs);
	v->cap = n + 1;
	for (i = 0; i < n; i++) {
		v->pairs[i].name = xstrdup(sv[i].name);
		v->pairs[i].value = xstrdup(sv[i].value);
	}
	v->n = n;
	qsort(v->pairs, v->n, sizeof *v->pairs, values_cmp);
	return v;
}

const char *
review_values_get(const review_values *v, const char *name)
{
	struct pair key, *hit;

	if (v == NULL || v->n == 0)
		return NULL;
	key.name = (char *)name;
	hit = bsearch(&key, v->pairs, v->n, sizeof *v->pairs, values_cmp);
	return hit != NULL ? hit->value : NULL;
}

void
review_values_free(review_values **vp)
{
	review_values *v = *vp;
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < v->n; i++) {
		free(v->pairs[i].name);
		free(v->pairs[i].value);
	}
	free(v->pairs);
	free(v);
	*vp = NULL;
}
