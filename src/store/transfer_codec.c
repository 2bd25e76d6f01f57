/*
 * transfer_codec.c - the batch inside a transfer file: writing its items
 * and reading them back with every check the merge relies on (see
 * transfer.h for the layout).
 *
 * The reader trusts nothing: lengths are checked against what is left,
 * numbers must parse whole, every reference must point back to an item
 * already read, and an error names the item by its position.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"
#include "store/transfer.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define FIELD_NULL 0xffffffffu

static void
codec_put32(struct buf *b, uint32_t v)
{
	unsigned char c[4] = { (unsigned char)(v >> 24),
		(unsigned char)(v >> 16), (unsigned char)(v >> 8),
		(unsigned char)v };

	buf_add(b, c, 4);
}

static uint32_t
codec_get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

void
transfer_item_begin(struct buf *b, char tag, size_t *mark)
{
	buf_addch(b, tag);
	*mark = b->len;
	codec_put32(b, 0);
}

void
transfer_item_field(struct buf *b, const void *p, size_t len)
{
	if (len >= FIELD_NULL)
		xalloc_die();
	codec_put32(b, (uint32_t)len);
	buf_add(b, p, len);
}

void
transfer_item_null(struct buf *b)
{
	codec_put32(b, FIELD_NULL);
}

void
transfer_item_str(struct buf *b, const char *s)
{
	if (s == NULL)
		transfer_item_null(b);
	else
		transfer_item_field(b, s, strlen(s));
}

void
transfer_item_double(struct buf *b, double v)
{
	char n[40];

	snprintf(n, sizeof n, "%.17g", v);
	transfer_item_str(b, n);
}

void
transfer_item_int(struct buf *b, int64_t v)
{
	char n[24];

	snprintf(n, sizeof n, "%lld", (long long)v);
	transfer_item_str(b, n);
}

void
transfer_item_end(struct buf *b, size_t mark)
{
	size_t len = b->len - mark - 4;
	unsigned char *p = (unsigned char *)b->data + mark;

	if (len > UINT32_MAX)
		xalloc_die();
	p[0] = (unsigned char)(len >> 24);
	p[1] = (unsigned char)(len >> 16);
	p[2] = (unsigned char)(len >> 8);
	p[3] = (unsigned char)len;
}

/* ---- reading ----------------------------------------------------------- */

struct tagspec {
	char tag;
	size_t nf;
	unsigned text;          /* bit i: field i is text (no NUL byte) */
	unsigned nullable;      /* bit i: field i may be NULL */
	unsigned number;        /* bit i: field i is a number */
	unsigned integer;       /* bit i: that number is a whole one */
};

static const struct tagspec specs[] = {
	{ 'H', 4, 0xf, 0, 0x2 | 0x8, 0x8 },
	{ 'F', 7, 0x1f, 0, 0x10, 0 },
	{ 'f', 5, 0x1f, 0, 0x2 | 0x10, 0x2 | 0x10 },
	{ 'M', 3, 0x3, 0, 0, 0 },
	{ 'R', 14, 0x3fff, 0x40 | 0x80 | 0x2000, 0x10 | 0x20 | 0x40 | 0x80 | 0x400 |
	    0x800, 0x20 | 0x400 },
	{ 'V', 3, 0x7, 0, 0, 0 },
	{ 'E', 9, 0x1ff, 0x10 | 0x20 | 0x40, 0x2 | 0x4 | 0x80 | 0x100,
	    0x2 | 0x4 },
	{ 'A', 6, 0x3f, 0x20, 0x2 | 0x4, 0x4 },
	{ 'Z', 1, 0x1, 0, 0x1, 0x1 },
};

static const struct tagspec *
codec_spec(char tag)
{
	size_t i;

	for (i = 0; i < sizeof specs / sizeof specs[0]; i++)
		if (specs[i].tag == tag)
			return &specs[i];
	return NULL;
}

/* Is field f a number (a whole one when whole)? */
static bool
codec_number(const struct transfer_field *f, bool whole, double *v)
{
	char n[48], *end;

	if (f->p == NULL || f->len == 0 || f->len >= sizeof n)
		return false;
	memcpy(n, f->p, f->len);
	n[f->len] = '\0';
	if (n[0] == ' ' || n[0] == '\t' || n[0] == '\n')
		return false;
	errno = 0;
	if (whole) {
		long long ll = strtoll(n, &end, 10);

		*v = (double)ll;
	} else
		*v = strtod(n, &end);
	return *end == '\0' && errno == 0 && isfinite(*v);
}

static bool
codec_is(const struct transfer_field *f, const char *s)
{
	return f->p != NULL && f->len == strlen(s) &&
	    memcmp(f->p, s, f->len) == 0;
}

static bool
codec_same(const struct transfer_field *a, const struct transfer_field *b)
{
	return a->len == b->len && memcmp(a->p, b->p, a->len) == 0;
}

/* Read one item at *pos into it. */
static int
codec_item(const unsigned char *d, size_t len, size_t *pos, size_t no,
    const char *what, struct transfer_item *it, char **cause)
{
	const struct tagspec *sp;
	size_t p = *pos, end, i;
	uint32_t ilen, flen;
	double v;

	memset(it, 0, sizeof *it);
	if (len - p < 5)
		return kesu_fail(cause, KESU_EDATA,
		    _("%s: item %zu is cut short"), what, no);
	it->tag = (char)d[p];
	if ((sp = codec_spec(it->tag)) == NULL)
		return kesu_fail(cause, KESU_EDATA,
		    _("%s: item %zu is of an unknown kind"), what, no);
	ilen = codec_get32(d + p + 1);
	p += 5;
	if (ilen > len - p)
		return kesu_fail(cause, KESU_EDATA,
		    _("%s: item %zu is cut short"), what, no);
	end = p + ilen;
	for (i = 0; p < end; i++) {
		if (i == sp->nf || end - p < 4)
			return kesu_fail(cause, KESU_EDATA,
			    _("%s: item %zu is malformed"), what, no);
		flen = codec_get32(d + p);
		p += 4;
		if (flen == FIELD_NULL) {
			if (!(sp->nullable & 1u << i))
				return kesu_fail(cause, KESU_EDATA,
				    _("%s: item %zu is malformed"), what, no);
			it->f[i].p = NULL;
			it->f[i].len = 0;
			continue;
		}
		if (flen > end - p)
			return kesu_fail(cause, KESU_EDATA,
			    _("%s: item %zu is malformed"), what, no);
		it->f[i].p = (const char *)d + p;
		it->f[i].len = flen;
		p += flen;
		if ((sp->text & 1u << i) && memchr(it->f[i].p, '\0', flen))
			return kesu_fail(cause, KESU_EDATA,
			    _("%s: item %zu is malformed"), what, no);
		if ((sp->number & 1u << i) && !codec_number(&it->f[i],
		    (sp->integer & 1u << i) != 0, &v))
			return kesu_fail(cause, KESU_EDATA,
			    _("%s: item %zu holds a malformed number"), what,
			    no);
	}
	if (i != sp->nf)
		return kesu_fail(cause, KESU_EDATA,
		    _("%s: item %zu is malformed"), what, no);
	it->nf = i;
	*pos = end;
	return 0;
}

static bool
codec_uuid(const struct transfer_field *f)
{
	char u[37];

	if (f->len != 36)
		return false;
	memcpy(u, f->p, 36);
	u[36] = '\0';
	return store_bare_uuid(u) == u;
}

static bool
codec_sha(const struct transfer_field *f)
{
	size_t i;

	if (f->len != 64)
		return false;
	for (i = 0; i < 64; i++)
		if (!((f->p[i] >= '0' && f->p[i] <= '9') ||
		    (f->p[i] >= 'a' && f->p[i] <= 'f')))
			return false;
	return true;
}

static int
codec_cmp_field(const void *a, const void *b)
{
	const struct transfer_field *x = *(const struct transfer_field *const *)a;
	const struct transfer_field *y = *(const struct transfer_field *const *)b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->p, y->p, n);

	return c != 0 ? c : (x->len > y->len) - (x->len < y->len);
}

/* Does form sha appear among the F items before item k? */
static bool
codec_form_before(const struct transfer_batch *b, size_t k,
    const struct transfer_field *sha)
{
	size_t i;

	for (i = 0; i < k; i++)
		if (b->items[i].tag == 'F' &&
		    codec_same(&b->items[i].f[0], sha))
			return true;
	return false;
}

/* Check the order and references of the items read. */
static int
codec_check(struct transfer_batch *b, const char *what, char **cause)
{
	const struct transfer_item *it, *rec = NULL, *fm = NULL;
	const struct transfer_field **ids = NULL;
	size_t i, nids = 0;
	double v = -1;
	int rc = 0;

	if (b->n < 2 || b->items[0].tag != 'H' ||
	    b->items[b->n - 1].tag != 'Z')
		return kesu_fail(cause, KESU_EDATA,
		    _("%s: not a complete batch of records"), what);
	if (!codec_is(&b->items[0].f[0], "1"))
		return kesu_fail(cause, KESU_EDATA,
		    _("%s: written by a newer kesu (format %.*s)"), what,
		    (int)(b->items[0].f[0].len > 8 ? 8 :
		    b->items[0].f[0].len), b->items[0].f[0].p);
	ids = xcalloc(b->n, sizeof *ids);
	for (i = 1; i + 1 < b->n; i++) {
		it = &b->items[i];
		switch (it->tag) {
		case 'F':
			if (!codec_sha(&it->f[0]) || rec != NULL ||
			    codec_form_before(b, i, &it->f[0]))
				goto bad;
			fm = it;
			b->forms++;
			break;
		case 'f':
		case 'M':
			if (fm == NULL || rec != NULL ||
			    !codec_same(&it->f[0], &fm->f[0]))
				goto bad;
			break;
		case 'R':
			if (!codec_uuid(&it->f[0]) ||
			    !codec_form_before(b, i, &it->f[1]) ||
			    !(codec_is(&it->f[2], "completed") ||
			    codec_is(&it->f[2], "approved")))
				goto bad;
			ids[nids++] = &it->f[0];
			rec = it;
			b->records++;
			break;
		case 'V':
		case 'E':
		case 'A':
			if (rec == NULL || !codec_same(&it->f[0], &rec->f[0]))
				goto bad;
			break;
		default:
			goto bad;
		}
	}
	(void)codec_number(&b->items[0].f[3], true, &v);
	if (v != (double)b->records)
		goto bad;
	(void)codec_number(&b->items[b->n - 1].f[0], true, &v);
	if (v != (double)b->records)
		goto bad;
	qsort(ids, nids, sizeof *ids, codec_cmp_field);
	for (i = 1; i < nids; i++)
		if (codec_same(ids[i - 1], ids[i])) {
			rc = kesu_fail(cause, KESU_EDATA,
			    _("%s: record uuid:%.36s is in it twice"), what,
			    ids[i]->p);
			goto out;
		}
	goto out;
bad:
	rc = kesu_fail(cause, KESU_EDATA,
	    _("%s: item %zu is out of place or names what is not there"),
	    what, i + 1);
out:
	free(ids);
	return rc;
}

int
transfer_decode(const void *data, size_t len, const char *what,
    struct transfer_batch *out, char **cause)
{
	const unsigned char *d = data;
	size_t pos = 0, cap = 0;
	int rc;

	memset(out, 0, sizeof *out);
	while (pos < len) {
		if (out->n == cap) {
			cap = cap ? 2 * cap : 64;
			out->items = xreallocarray(out->items, cap,
			    sizeof *out->items);
		}
		if ((rc = codec_item(d, len, &pos, out->n + 1, what,
		    &out->items[out->n], cause)) != 0)
			goto fail;
		out->n++;
		if (out->items[out->n - 1].tag == 'Z' && pos != len) {
			rc = kesu_fail(cause, KESU_EDATA,
			    _("%s: data after the end of the batch"), what);
			goto fail;
		}
	}
	if ((rc = codec_check(out, what, cause)) != 0)
		goto fail;
	return 0;
fail:
	transfer_batch_clear(out);
	return rc;
}

void
transfer_batch_clear(struct transfer_batch *b)
{
	free(b->items);
	memset(b, 0, sizeof *b);
}
