/*
 * values.c - instance XML -> leaves (path, name, text), with expat.
 *
 * Every string of a parse lies in one buffer (offsets, not pointers, as
 * it grows), so reading 100,000 records for an export allocates nothing
 * per value; the parser and the buffer are reused by
 * store_values_reparse().  The leaves are indexed by name once parsed,
 * so that a look-up is a binary search: the record view asks for every
 * field of the form.
  *
 * Each leaf also keeps, for itself and each of its ancestors below the
 * root, its position among the adjacent siblings of the same name (the
 * instances of a repeat are such siblings), so that an export can tell
 * the instances of a repeat apart.
 */
#include <expat.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/values.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

struct leaf {
	size_t path;    /* offsets into text */
	size_t name;
	size_t value;
	size_t ord;     /* offset into ords */
	size_t nord;    /* its depth below the root + 1 */
};

struct store_values {
	struct buf text;        /* every string, NUL-terminated */
	struct leaf *leaf;      /* in document order */
	size_t *byname;         /* leaf indexes sorted by name */
	size_t n, cap;
	size_t *ords;           /* each leaf's positions, by depth */
	size_t nords, ords_cap;
	XML_Parser xp;

	/* While parsing. */
	struct buf path;        /* the open elements below the root */
	size_t *path_at;        /* path length before each open element */
	size_t path_cap;
	struct buf chars;       /* the current element's text */
	int depth;
	int meta_depth;         /* depth of <meta>, 0 outside it */
	bool leafy;             /* no child element since the last start */
	/* By depth below the root (path_cap of each): the open element's
	 * position, and the name and position of the last child closed
	 * there. */
	size_t *pos, *prev_pos;
	struct buf *prev;
};

static const char *
values_local(const char *name)
{
	const char *c = strchr(name, ':');

	return c != NULL ? c + 1 : name;
}

/* Room for two more levels of open elements. */
static void
values_grow(store_values *v)
{
	size_t old = v->path_cap, i;

	v->path_cap = old != 0 ? 2 * old : 16;
	v->path_at = xreallocarray(v->path_at, v->path_cap,
	    sizeof *v->path_at);
	v->pos = xreallocarray(v->pos, v->path_cap, sizeof *v->pos);
	v->prev_pos = xreallocarray(v->prev_pos, v->path_cap,
	    sizeof *v->prev_pos);
	v->prev = xreallocarray(v->prev, v->path_cap, sizeof *v->prev);
	for (i = old; i < v->path_cap; i++) {
		memset(&v->prev[i], 0, sizeof v->prev[i]);
		v->pos[i] = v->prev_pos[i] = 0;
	}
}

static void XMLCALL
values_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	store_values *v = ud;

	(void)atts;
	if ((size_t)v->depth + 2 >= v->path_cap)
		values_grow(v);
	v->path_at[v->depth] = v->path.len;
	v->depth++;
	/* Its position among the same-named siblings before it, and no
	 * child closed below it yet. */
	if (v->depth > 1) {
		size_t d = (size_t)v->depth - 2;

		v->pos[d] = v->prev[d].len > 0 && strcmp(v->prev[d].data,
		    values_local(name)) == 0 ? v->prev_pos[d] + 1 : 1;
		buf_reset(&v->prev[d + 1]);
	} else
		buf_reset(&v->prev[0]);
	if (v->depth > 1) {
		if (v->path.len > 0)
			buf_addch(&v->path, '/');
		buf_addstr(&v->path, values_local(name));
	}
	if (v->meta_depth == 0 && v->depth == 2 &&
	    strcmp(values_local(name), "meta") == 0)
		v->meta_depth = v->depth;
	v->leafy = true;
	buf_reset(&v->chars);
}

static void XMLCALL
values_end(void *ud, const XML_Char *name)
{
	store_values *v = ud;
	struct leaf *l;

	if (v->leafy && v->meta_depth == 0 && v->depth > 1) {
		if (v->n == v->cap) {
			v->cap = v->cap ? 2 * v->cap : 64;
			v->leaf = xreallocarray(v->leaf, v->cap,
			    sizeof *v->leaf);
		}
		l = &v->leaf[v->n++];
		l->path = v->text.len;
		buf_add(&v->text, v->path.data, v->path.len);
		buf_addch(&v->text, '\0');
		l->name = v->text.len;
		buf_addstr(&v->text, values_local(name));
		buf_addch(&v->text, '\0');
		l->value = v->text.len;
		buf_add(&v->text, v->chars.data != NULL ? v->chars.data : "",
		    v->chars.len);
		buf_addch(&v->text, '\0');
		l->nord = (size_t)v->depth - 1;
		if (v->nords + l->nord > v->ords_cap) {
			v->ords_cap = 2 * (v->nords + l->nord) + 64;
			v->ords = xreallocarray(v->ords, v->ords_cap,
			    sizeof *v->ords);
		}
		l->ord = v->nords;
		memcpy(v->ords + v->nords, v->pos, l->nord * sizeof *v->ords);
		v->nords += l->nord;
	}
	if (v->depth > 1) {
		size_t d = (size_t)v->depth - 2;

		buf_reset(&v->prev[d]);
		buf_addstr(&v->prev[d], values_local(name));
		v->prev_pos[d] = v->pos[d];
	}
	if (v->meta_depth == v->depth)
		v->meta_depth = 0;
	v->leafy = false;
	v->depth--;
	v->path.len = v->path_at[v->depth];
	if (v->path.data != NULL)
		v->path.data[v->path.len] = '\0';
	buf_reset(&v->chars);
}

static void XMLCALL
values_text(void *ud, const XML_Char *s, int len)
{
	store_values *v = ud;

	if (v->leafy && len > 0)
		buf_add(&v->chars, s, (size_t)len);
}

/* qsort_r is not in C11: the text being sorted is passed this way. */
static const char *values_sorting;

static int
values_cmp(const void *a, const void *b)
{
	const struct leaf *p = a, *q = b;
	int c = strcmp(values_sorting + p->name, values_sorting + q->name);

	/* Equal names keep document order (path holds the index here). */
	return c != 0 ? c : p->path < q->path ? -1 : p->path > q->path;
}

/* Index the leaves by name (stable for equal names: the first wins). */
static void
values_index(store_values *v)
{
	struct leaf *sorted;
	size_t i;

	free(v->byname);
	v->byname = xcalloc(v->n + 1, sizeof *v->byname);
	sorted = xcalloc(v->n + 1, sizeof *sorted);
	for (i = 0; i < v->n; i++) {
		sorted[i] = v->leaf[i];
		/* The index rides in path, which the sort does not read. */
		sorted[i].path = i;
	}
	values_sorting = v->text.data != NULL ? v->text.data : "";
	qsort(sorted, v->n, sizeof *sorted, values_cmp);
	for (i = 0; i < v->n; i++)
		v->byname[i] = sorted[i].path;
	free(sorted);
}

int
store_values_reparse(store_values *v, const char *xml, size_t len,
    char **cause)
{
	v->n = 0;
	v->nords = 0;
	v->depth = 0;
	v->meta_depth = 0;
	v->leafy = false;
	buf_reset(&v->text);
	buf_reset(&v->path);
	buf_addstr(&v->path, "");
	buf_reset(&v->chars);
	if (v->xp == NULL) {
		if ((v->xp = XML_ParserCreate("UTF-8")) == NULL)
			xalloc_die();
	} else
		XML_ParserReset(v->xp, "UTF-8");
	XML_SetUserData(v->xp, v);
	XML_SetElementHandler(v->xp, values_start, values_end);
	XML_SetCharacterDataHandler(v->xp, values_text);
	if (len > (size_t)INT32_MAX ||
	    XML_Parse(v->xp, xml, (int)len, 1) != XML_STATUS_OK) {
		v->n = 0;
		return kesu_fail(cause, KESU_EDATA, _("instance XML, line %lu: "
		    "%s"), (unsigned long)XML_GetCurrentLineNumber(v->xp),
		    XML_ErrorString(XML_GetErrorCode(v->xp)));
	}
	values_index(v);
	return 0;
}

int
store_values_parse(const char *xml, size_t len, store_values **out,
    char **cause)
{
	store_values *v = xcalloc(1, sizeof *v);
	int rc;

	*out = NULL;
	if ((rc = store_values_reparse(v, xml, len, cause)) != 0) {
		store_values_free(&v);
		return rc;
	}
	*out = v;
	return 0;
}

store_values *
store_values_from(const struct store_value *sv, size_t n)
{
	store_values *v = xcalloc(1, sizeof *v);
	size_t i;

	v->leaf = xcalloc(n + 1, sizeof *v->leaf);
	v->cap = n + 1;
	for (i = 0; i < n; i++) {
		v->leaf[i].path = v->leaf[i].name = v->text.len;
		buf_addstr(&v->text, sv[i].name);
		buf_addch(&v->text, '\0');
		v->leaf[i].value = v->text.len;
		buf_addstr(&v->text, sv[i].value);
		buf_addch(&v->text, '\0');
	}
	v->n = n;
	values_index(v);
	return v;
}

const char *
store_values_get(const store_values *v, const char *name)
{
	size_t lo = 0, hi, mid;
	int c;

	if (v == NULL || v->n == 0)
		return NULL;
	/* The first leaf of that name, as a lower bound. */
	hi = v->n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(v->text.data + v->leaf[v->byname[mid]].name, name);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == v->n ||
	    strcmp(v->text.data + v->leaf[v->byname[lo]].name, name) != 0)
		return NULL;
	return v->text.data + v->leaf[v->byname[lo]].value;
}

size_t
store_values_count(const store_values *v)
{
	return v->n;
}

const char *
store_values_path(const store_values *v, size_t i)
{
	return v->text.data + v->leaf[i].path;
}

const char *
store_values_value(const store_values *v, size_t i)
{
	return v->text.data + v->leaf[i].value;
}

size_t
store_values_position(const store_values *v, size_t i, int depth)
{
	const struct leaf *l = &v->leaf[i];

	return depth >= 0 && (size_t)depth < l->nord ?
	    v->ords[l->ord + (size_t)depth] : 0;
}

void
store_values_free(store_values **vp)
{
	store_values *v = *vp;
	size_t i;

	if (v == NULL)
		return;
	if (v->xp != NULL)
		XML_ParserFree(v->xp);
	buf_free(&v->text);
	buf_free(&v->path);
	buf_free(&v->chars);
	free(v->path_at);
	for (i = 0; i < v->path_cap; i++)
		buf_free(&v->prev[i]);
	free(v->prev);
	free(v->pos);
	free(v->prev_pos);
	free(v->ords);
	free(v->leaf);
	free(v->byname);
	free(v);
	*vp = NULL;
}
