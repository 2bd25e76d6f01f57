/*
 * sheet_geojson.c - a GeoJSON attachment as a plain table, read as ODK
 * reads it (select_one_from_file places.geojson).
 *
 * The file is a FeatureCollection; each Feature is a row whose columns
 * are, as ODK's secondary instance has them: `geometry` (a Point,
 * LineString or Polygon's outer ring as ODK's geo text: "lat lon 0 0"
 * points joined by "; "), `id` (the feature's id, else its properties'
 * id), then every other property, in the order first met.  Property
 * values are written as JavaScript's String() writes them (numbers in
 * the shortest form that reads back, true, false, null); a nested
 * object or array is left empty; a property a feature lacks holds
 * SHEET_ABSENT (U+0001 in a string becomes U+FFFD, so it cannot be
 * mistaken for it).  pyxform's itemset takes the value from
 * `id` and the label from `title`.  A file from a USB stick or a server:
 * nesting is capped and the book limits of sheet_int.h hold.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sheet/sheet_int.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define GJ_MAX_DEPTH 64

enum jtype { J_NULL, J_FALSE, J_TRUE, J_NUM, J_STR, J_ARR, J_OBJ };

struct jval {
	enum jtype t;
	char *s;              /* J_STR: UTF-8 text; J_NUM: as written */
	double n;             /* J_NUM */
	int nkids;
	struct jval *kids;    /* J_ARR, J_OBJ */
	char **keys;          /* J_OBJ: the key of each kid */
};

struct jparse {
	const char *p, *end;
	int line;
	const char *why;
};

static void
jval_free(struct jval *v)
{
	int k;

	for (k = 0; k < v->nkids; k++) {
		jval_free(&v->kids[k]);
		if (v->keys != NULL)
			free(v->keys[k]);
	}
	free(v->kids);
	free(v->keys);
	free(v->s);
}

static void
jp_space(struct jparse *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' ||
	    *j->p == '\n' || *j->p == '\r')) {
		if (*j->p == '\n')
			j->line++;
		j->p++;
	}
}

static int
jp_fail(struct jparse *j, const char *why)
{
	if (j->why == NULL)
		j->why = why;
	return -1;
}

static void
put_utf8(struct buf *b, unsigned long c)
{
	char u[4];

	if (c < 0x80) {
		buf_addch(b, (char)c);
		return;
	}
	if (c < 0x800) {
		u[0] = (char)(0xc0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3f));
		buf_add(b, u, 2);
	} else if (c < 0x10000) {
		u[0] = (char)(0xe0 | (c >> 12));
		u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[2] = (char)(0x80 | (c & 0x3f));
		buf_add(b, u, 3);
	} else {
		u[0] = (char)(0xf0 | (c >> 18));
		u[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[3] = (char)(0x80 | (c & 0x3f));
		buf_add(b, u, 4);
	}
}

/* Four hex digits at j->p; -1 when they are not. */
static long
jp_hex4(struct jparse *j)
{
	long v = 0;
	int k;

	if (j->end - j->p < 4)
		return -1;
	for (k = 0; k < 4; k++) {
		char c = j->p[k];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	j->p += 4;
	return v;
}

/* A string, after its opening quote: its UTF-8 text in *out. */
static int
jp_string(struct jparse *j, char **out)
{
	struct buf b = BUF_INIT;
	long c, lo;

	while (j->p < j->end && *j->p != '"') {
		if ((unsigned char)*j->p < 0x20)
			goto bad;
		if (*j->p != '\\') {
			buf_addch(&b, *j->p++);
			continue;
		}
		if (++j->p == j->end)
			goto bad;
		switch (*j->p++) {
		case '"': buf_addch(&b, '"'); break;
		case '\\': buf_addch(&b, '\\'); break;
		case '/': buf_addch(&b, '/'); break;
		case 'b': buf_addch(&b, '\b'); break;
		case 'f': buf_addch(&b, '\f'); break;
		case 'n': buf_addch(&b, '\n'); break;
		case 'r': buf_addch(&b, '\r'); break;
		case 't': buf_addch(&b, '\t'); break;
		case 'u':
			if ((c = jp_hex4(j)) < 0)
				goto bad;
			if (c >= 0xd800 && c <= 0xdbff && j->end - j->p >= 6 &&
			    j->p[0] == '\\' && j->p[1] == 'u') {
				j->p += 2;
				if ((lo = jp_hex4(j)) < 0xdc00 || lo > 0xdfff)
					goto bad;
				c = 0x10000 + ((c - 0xd800) << 10) +
				    (lo - 0xdc00);
			} else if ((c >= 0xd800 && c <= 0xdfff) || c == 1)
				c = 0xfffd;
			put_utf8(&b, (unsigned long)c);
			break;
		default:
			goto bad;
		}
	}
	if (j->p == j->end)
		goto bad;
	j->p++;
	*out = buf_detach(&b);
	return 0;
bad:
	buf_free(&b);
	return jp_fail(j, N_("a string is not valid JSON"));
}

static int jp_value(struct jparse *j, struct jval *v, int depth);

/* An array or object, after its opening bracket. */
static int
jp_items(struct jparse *j, struct jval *v, int depth, char close)
{
	int cap = 0;

	for (;;) {
		jp_space(j);
		if (j->p < j->end && *j->p == close && v->nkids == 0) {
			j->p++;
			return 0;
		}
		if (v->nkids == cap) {
			cap = cap ? 2 * cap : 4;
			v->kids = xreallocarray(v->kids, (size_t)cap,
			    sizeof *v->kids);
			if (close == '}')
				v->keys = xreallocarray(v->keys, (size_t)cap,
				    sizeof *v->keys);
		}
		memset(&v->kids[v->nkids], 0, sizeof v->kids[0]);
		if (close == '}') {
			v->keys[v->nkids] = NULL;
			if (j->p == j->end || *j->p != '"')
				return jp_fail(j, N_("expected a key in quotes"));
			j->p++;
			if (jp_string(j, &v->keys[v->nkids]) != 0) {
				v->nkids++;
				return -1;
			}
			jp_space(j);
			if (j->p == j->end || *j->p != ':') {
				v->nkids++;
				return jp_fail(j, N_("expected ':'"));
			}
			j->p++;
		}
		v->nkids++;
		if (jp_value(j, &v->kids[v->nkids - 1], depth + 1) != 0)
			return -1;
		jp_space(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->end && *j->p == close) {
			j->p++;
			return 0;
		}
		return jp_fail(j, close == '}' ? N_("expected ',' or '}'") :
		    N_("expected ',' or ']'"));
	}
}

static int
jp_word(struct jparse *j, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(j->end - j->p) < n || memcmp(j->p, w, n) != 0)
		return jp_fail(j, N_("not valid JSON"));
	j->p += n;
	return 0;
}

static int
jp_value(struct jparse *j, struct jval *v, int depth)
{
	const char *s;
	char *end;

	if (depth > GJ_MAX_DEPTH)
		return jp_fail(j, N_("nested too deep"));
	jp_space(j);
	if (j->p == j->end)
		return jp_fail(j, N_("unexpected end of the file"));
	switch (*j->p) {
	case '{':
		j->p++;
		v->t = J_OBJ;
		return jp_items(j, v, depth, '}');
	case '[':
		j->p++;
		v->t = J_ARR;
		return jp_items(j, v, depth, ']');
	case '"':
		j->p++;
		v->t = J_STR;
		return jp_string(j, &v->s);
	case 't':
		v->t = J_TRUE;
		return jp_word(j, "true");
	case 'f':
		v->t = J_FALSE;
		return jp_word(j, "false");
	case 'n':
		v->t = J_NULL;
		return jp_word(j, "null");
	default:
		s = j->p;
		if (*s == '-')
			s++;
		if (s == j->end || *s < '0' || *s > '9')
			return jp_fail(j, N_("not valid JSON"));
		while (s < j->end && strchr("0123456789+-.eE", *s) != NULL)
			s++;
		v->t = J_NUM;
		v->s = xstrndup(j->p, (size_t)(s - j->p));
		v->n = strtod(v->s, &end);
		if (*end != '\0' || !isfinite(v->n))
			return jp_fail(j, N_("a number is not valid JSON"));
		j->p = s;
		return 0;
	}
}

/* Member key of object v, NULL when absent. */
static const struct jval *
jget(const struct jval *v, const char *key)
{
	int k;

	if (v == NULL || v->t != J_OBJ)
		return NULL;
	for (k = 0; k < v->nkids; k++)
		if (strcmp(v->keys[k], key) == 0)
			return &v->kids[k];
	return NULL;
}

/* A number as JavaScript's String() writes it: the shortest digits that
 * read back as the same double. */
static char *
js_number(double d)
{
	char s[40];
	int p;

	if (d == 0)
		return xstrdup("0");
	for (p = 1; p <= 17; p++) {
		snprintf(s, sizeof s, "%.*g", p, d);
		if (strtod(s, NULL) == d)
			break;
	}
	return xstrdup(s);
}

/* A property value as String() writes it; nested values are "". */
static char *
js_string(const struct jval *v)
{
	switch (v->t) {
	case J_STR:
		return xstrdup(v->s);
	case J_NUM:
		return js_number(v->n);
	case J_TRUE:
		return xstrdup("true");
	case J_FALSE:
		return xstrdup("false");
	case J_NULL:
		return xstrdup("null");
	default:
		return xstrdup("");
	}
}

/* One [lon, lat] position as "lat lon 0 0". */
static int
geo_point(const struct jval *c, struct buf *b)
{
	char *lat, *lon;

	if (c == NULL || c->t != J_ARR || c->nkids < 2 ||
	    c->kids[0].t != J_NUM || c->kids[1].t != J_NUM)
		return -1;
	lon = js_number(c->kids[0].n);
	lat = js_number(c->kids[1].n);
	if (b->len > 0)
		buf_addstr(b, "; ");
	buf_printf(b, "%s %s 0 0", lat, lon);
	free(lat);
	free(lon);
	return 0;
}

/* A feature's geometry as ODK's geo text; NULL when not supported. */
static char *
geo_text(const struct jval *g, const char **why)
{
	const struct jval *type = jget(g, "type"), *c = jget(g, "coordinates");
	struct buf b = BUF_INIT;
	int k;

	*why = N_("a feature's geometry is not a Point, LineString or "
	    "Polygon");
	if (type == NULL || type->t != J_STR || c == NULL || c->t != J_ARR)
		return NULL;
	if (strcmp(type->s, "Polygon") == 0) {
		if (c->nkids < 1)
			return NULL;
		c = &c->kids[0];
		if (c->t != J_ARR)
			return NULL;
	} else if (strcmp(type->s, "Point") == 0) {
		if (geo_point(c, &b) != 0)
			goto bad;
		return buf_detach(&b);
	} else if (strcmp(type->s, "LineString") != 0)
		return NULL;
	for (k = 0; k < c->nkids; k++)
		if (geo_point(&c->kids[k], &b) != 0)
			goto bad;
	return buf_detach(&b);
bad:
	*why = N_("a feature's coordinates are not [longitude, latitude]");
	buf_free(&b);
	return NULL;
}

/* Column name in the header (cols), added when new; -1 past the limit. */
static int
gj_col(char ***cols, int *ncols, const char *name)
{
	int k;

	for (k = 0; k < *ncols; k++)
		if (strcmp((*cols)[k], name) == 0)
			return k;
	if (*ncols >= SHEET_MAX_COLS)
		return -1;
	*cols = xreallocarray(*cols, (size_t)*ncols + 1, sizeof **cols);
	(*cols)[*ncols] = xstrdup(name);
	return (*ncols)++;
}

/* The features of collection fc as a book. */
static int
gj_book(const struct jval *fc, const char *name, struct sheet_book **out,
    const char **why)
{
	const struct jval *feats = jget(fc, "features"), *type;
	struct sheet_bld b;
	struct sheet_cells *rows = NULL, c = { NULL, 0, 0 };
	char **cols = NULL;
	int ncols = 0, k, i, rc = -1;

	type = jget(fc, "type");
	if (fc->t != J_OBJ || type == NULL || type->t != J_STR ||
	    strcmp(type->s, "FeatureCollection") != 0 || feats == NULL ||
	    feats->t != J_ARR) {
		*why = N_("not a GeoJSON FeatureCollection");
		return -1;
	}
	gj_col(&cols, &ncols, "geometry");
	gj_col(&cols, &ncols, "id");
	rows = xcalloc((size_t)feats->nkids + 1, sizeof *rows);
	for (i = 0; i < feats->nkids; i++) {
		const struct jval *f = &feats->kids[i], *props, *id;
		char *geo;

		type = jget(f, "type");
		if (type == NULL || type->t != J_STR ||
		    strcmp(type->s, "Feature") != 0) {
			*why = N_("an element of features is not a Feature");
			goto out;
		}
		if ((geo = geo_text(jget(f, "geometry"), why)) == NULL)
			goto out;
		if (sheet_cells_set(&rows[i], 0, geo) != 0)
			goto toomany;
		props = jget(f, "properties");
		if ((id = jget(f, "id")) == NULL)
			id = jget(props, "id");
		if (id != NULL && sheet_cells_set(&rows[i], 1,
		    js_string(id)) != 0)
			goto toomany;
		for (k = 0; props != NULL && props->t == J_OBJ &&
		    k < props->nkids; k++) {
			int col;

			if (strcmp(props->keys[k], "id") == 0)
				continue;
			if ((col = gj_col(&cols, &ncols, props->keys[k])) < 0 ||
			    sheet_cells_set(&rows[i], col,
			    js_string(&props->kids[k])) != 0)
				goto toomany;
		}
	}
	sheet_bld_init(&b, name);
	if (sheet_bld_sheet(&b, "data", 4, why) != 0)
		goto abort;
	for (k = 0; k < ncols; k++)
		if (sheet_cells_set(&c, k, xstrdup(cols[k])) != 0)
			goto abort;
	if (sheet_bld_row(&b, 1, &c, 0, why) != 0)
		goto abort;
	for (i = 0; i < feats->nkids; i++) {
		for (k = 0; k < ncols; k++)
			if ((k >= rows[i].n || rows[i].v[k] == NULL) &&
			    sheet_cells_set(&rows[i], k,
			    xstrdup(SHEET_ABSENT)) != 0)
				goto abort;
		if (sheet_bld_row(&b, i + 2, &rows[i], 0, why) != 0)
			goto abort;
	}
	*out = sheet_bld_finish(&b);
	rc = 0;
	goto out;
abort:
	sheet_bld_abort(&b);
	goto out;
toomany:
	*why = N_("too many columns");
out:
	for (i = 0; i < feats->nkids; i++)
		sheet_cells_free(&rows[i]);
	free(rows);
	sheet_cells_free(&c);
	for (k = 0; k < ncols; k++)
		free(cols[k]);
	free(cols);
	return rc;
}

int
sheet_geojson_table_parse(const char *name, const char *data, size_t len,
    struct sheet_book **out, char **cause)
{
	struct jparse j = { data, data + len, 1, NULL };
	struct jval v;
	const char *why = NULL;
	int rc;

	*out = NULL;
	memset(&v, 0, sizeof v);
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		j.p += 3;
	if (jp_value(&j, &v, 0) == 0) {
		jp_space(&j);
		if (j.p != j.end)
			jp_fail(&j, N_("text after the JSON value"));
	}
	if (j.why != NULL)
		rc = kesu_fail(cause, KESU_EDATA, _("%s:%d: %s"), name, j.line,
		    _(j.why));
	else if (gj_book(&v, name, out, &why) != 0)
		rc = kesu_fail(cause, KESU_EDATA, _("%s: %s"), name,
		    _(why != NULL ? why : N_("too many rows")));
	else
		rc = KESU_OK;
	jval_free(&v);
	return rc;
}
