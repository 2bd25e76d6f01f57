/*
 * expr_string.c - text and list functions of ODK XPath, as JavaRosa
 * (ODK Collect) evaluates them: translate normalize-space substring-before
 * substring-after join boolean-from-string checklist weighted-checklist
 * digest base64-decode depend.
 *
 * An argument is one value, not a node-set, so join(), checklist() and
 * weighted-checklist() take their items as arguments; join(sep, ${name})
 * over a repeat's field and count-non-empty() are node-set functions
 * (expr_nodeset.c).
 * translate() maps characters (code points), as Java does for text in
 * the Basic Multilingual Plane.  digest() hashes the UTF-8 bytes with
 * libcrypto: MD5, SHA-1, SHA-256, SHA-384 or SHA-512 (any case, dashes
 * optional), written as base64 (the default) or hex.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/evp.h>

#include "expr/expr_int.h"
#include "util/i18n.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* Decode the UTF-8 character at s[*i] (one byte for a bad one). */
static uint32_t
utf8_next(const char *s, size_t len, size_t *i)
{
	const unsigned char *p = (const unsigned char *)s + *i;
	size_t left = len - *i, n, k;
	uint32_t c;

	if (p[0] < 0x80 || left < 2) {
		(*i)++;
		return p[0];
	}
	n = p[0] >= 0xf0 ? 4 : p[0] >= 0xe0 ? 3 : p[0] >= 0xc0 ? 2 : 1;
	if (n == 1 || n > left) {
		(*i)++;
		return p[0];
	}
	c = p[0] & (0x7f >> n);
	for (k = 1; k < n; k++) {
		if ((p[k] & 0xc0) != 0x80) {
			(*i)++;
			return p[0];
		}
		c = c << 6 | (p[k] & 0x3f);
	}
	*i += n;
	return c;
}

/* The place (0-based, in characters) of c's first occurrence in s, or
 * -1. */
static long
char_index(const char *s, size_t len, uint32_t c)
{
	size_t i = 0;
	long k;

	for (k = 0; i < len; k++)
		if (utf8_next(s, len, &i) == c)
			return k;
	return -1;
}

/* translate(s, from, to): each character of s found in from becomes the
 * character at the same place in to, or is dropped when to is shorter. */
static void
translate(struct val *v, const struct val *a)
{
	struct buf b = BUF_INIT;
	size_t i = 0, j, start, len;
	long k;

	while (i < a[0].len) {
		start = i;
		k = char_index(a[1].s, a[1].len, utf8_next(a[0].s, a[0].len,
		    &i));
		if (k < 0) {
			buf_add(&b, a[0].s + start, i - start);
			continue;
		}
		for (j = 0; j < a[2].len && k > 0; k--)
			(void)utf8_next(a[2].s, a[2].len, &j);
		if (j < a[2].len) {
			start = j;
			(void)utf8_next(a[2].s, a[2].len, &j);
			buf_add(&b, a[2].s + start, j - start);
		}
	}
	len = b.len;
	val_strown(v, buf_detach(&b), len);
}

/* Java's s.trim().replaceAll("\\s+", " "). */
static void
normalize_space(struct val *v, const struct val *a)
{
	const char *s = a->s;
	size_t len = a->len, i, out = 0;
	char *r;
	bool gap = false;

	while (len > 0 && (unsigned char)*s <= ' ') {
		s++;
		len--;
	}
	while (len > 0 && (unsigned char)s[len - 1] <= ' ')
		len--;
	r = xmalloc(len + 1);
	for (i = 0; i < len; i++) {
		if (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r')) {
			gap = true;
			continue;
		}
		if (gap)
			r[out++] = ' ';
		gap = false;
		r[out++] = s[i];
	}
	r[out] = '\0';
	val_strown(v, r, out);
}

static void
substring_around(struct val *v, const struct val *a, bool before)
{
	const char *p;
	size_t off;

	p = a[1].len == 0 ? a[0].s : memmem(a[0].s, a[0].len, a[1].s,
	    a[1].len);
	if (p == NULL) {
		val_strref(v, "", 0);
		return;
	}
	off = (size_t)(p - a[0].s);
	if (before)
		val_strown(v, xstrndup(a[0].s, off), off);
	else
		val_strown(v, xstrdup(p + a[1].len), a[0].len - off - a[1].len);
}

static void
join(struct val *v, struct val *a, int nargs)
{
	struct buf b = BUF_INIT;
	size_t len;
	int i;

	for (i = 1; i < nargs; i++) {
		val_to_str(&a[i]);
		buf_add(&b, a[i].s, a[i].len);
		if (i < nargs - 1)
			buf_add(&b, a[0].s, a[0].len);
	}
	len = b.len;
	val_strown(v, buf_detach(&b), len);
}

/* checklist(min, max, f...): the number of true factors is within
 * [min, max], where -1 (any negative) means no bound. */
static bool
checklist(struct val *a, int nargs, int tz)
{
	int min = expr_num_jint(val_to_num(&a[0], tz));
	int max = expr_num_jint(val_to_num(&a[1], tz));
	int i, count = 0;

	for (i = 2; i < nargs; i++)
		if (val_to_bool(&a[i]))
			count++;
	return (min < 0 || count >= min) && (max < 0 || count <= max);
}

/* weighted-checklist(min, max, f1, w1, f2, w2, ...): the weights of the
 * true factors sum to within [min, max]. */
static bool
weighted(struct val *a, int nargs, int tz)
{
	double min = val_to_num(&a[0], tz), max = val_to_num(&a[1], tz);
	double sum = 0;
	int i;

	for (i = 2; i + 1 < nargs; i += 2)
		if (val_to_bool(&a[i]))
			sum += val_to_num(&a[i + 1], tz);
	return sum >= min && sum <= max;
}

/* The digest named as JavaRosa reads it: upper case, dashes dropped. */
static const EVP_MD *
digest_md(const char *name)
{
	static const struct {
		const char *name;
		const EVP_MD *(*md)(void);
	} mds[] = {
		{ "MD5", EVP_md5 }, { "SHA1", EVP_sha1 },
		{ "SHA256", EVP_sha256 }, { "SHA384", EVP_sha384 },
		{ "SHA512", EVP_sha512 },
	};
	char norm[16];
	size_t i, n = 0;

	for (i = 0; name[i] != '\0'; i++) {
		if (name[i] == '-')
			continue;
		if (n + 1 >= sizeof norm)
			return NULL;
		norm[n++] = name[i] >= 'a' && name[i] <= 'z' ?
		    (char)(name[i] - 'a' + 'A') : name[i];
	}
	norm[n] = '\0';
	for (i = 0; i < sizeof mds / sizeof mds[0]; i++)
		if (strcmp(mds[i].name, norm) == 0)
			return mds[i].md();
	return NULL;
}

/* 0 base64, 1 hex, -1 neither. */
static int
digest_enc(const char *name)
{
	if (strcasecmp(name, "base64") == 0)
		return 0;
	if (strcasecmp(name, "hex") == 0)
		return 1;
	return -1;
}

static int
digest(struct val *v, struct val *a, int nargs, char **cause)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;
	const EVP_MD *alg;
	struct buf b = BUF_INIT;
	size_t len;
	int enc = 0;

	val_to_str(&a[1]);
	if ((alg = digest_md(a[1].s)) == NULL)
		return kesu_fail(cause, KESU_EDATA,
		    _("digest: unknown algorithm '%s' (MD5, SHA-1, SHA-256, "
		    "SHA-384 or SHA-512)"), a[1].s);
	if (nargs == 3) {
		val_to_str(&a[2]);
		if ((enc = digest_enc(a[2].s)) < 0)
			return kesu_fail(cause, KESU_EDATA,
			    _("digest: unknown encoding '%s' (base64 or hex)"),
			    a[2].s);
	}
	val_to_str(&a[0]);
	if (EVP_Digest(a[0].s, a[0].len, md, &mdlen, alg, NULL) != 1)
		return kesu_fail(cause, KESU_ESOFTWARE,
		    _("digest: libcrypto failed"));
	if (enc == 1) {
		for (i = 0; i < mdlen; i++)
			buf_printf(&b, "%02x", md[i]);
	} else {
		buf_grow(&b, 4 * ((mdlen + 2) / 3) + 1);
		b.len = (size_t)EVP_EncodeBlock((unsigned char *)b.data, md,
		    (int)mdlen);
		b.data[b.len] = '\0';
	}
	len = b.len;
	val_strown(v, buf_detach(&b), len);
	return 0;
}

/* base64-decode(s): the text the base64 s encodes; "" when s is not
 * base64 or not UTF-8 text. */
static void
base64_decode(struct val *v, const struct val *a)
{
	unsigned char *out;
	size_t pad = 0;
	int n;

	if (a->len == 0 || a->len % 4 != 0 || a->len > 1u << 24) {
		val_strref(v, "", 0);
		return;
	}
	out = xmalloc(a->len / 4 * 3 + 1);
	n = EVP_DecodeBlock(out, (const unsigned char *)a->s, (int)a->len);
	if (n < 0) {
		free(out);
		val_strref(v, "", 0);
		return;
	}
	if (a->s[a->len - 1] == '=')
		pad++;
	if (a->s[a->len - 2] == '=')
		pad++;
	n -= (int)pad;
	out[n] = '\0';
	if (memchr(out, '\0', (size_t)n) != NULL) {
		free(out);
		val_strref(v, "", 0);
		return;
	}
	val_strown(v, (char *)out, (size_t)n);
}

int
expr_fn_string(const struct node *n, struct ectx *cx, struct val *v,
    struct val *a)
{
	int tz = cx->env->tz_offset, i;

	switch (n->fn) {
	case F_TRANSLATE:
		for (i = 0; i < 3; i++)
			val_to_str(&a[i]);
		translate(v, a);
		return 0;
	case F_NORMALIZE_SPACE:
		val_to_str(&a[0]);
		normalize_space(v, &a[0]);
		return 0;
	case F_SUBSTRING_BEFORE:
	case F_SUBSTRING_AFTER:
		val_to_str(&a[0]);
		val_to_str(&a[1]);
		substring_around(v, a, n->fn == F_SUBSTRING_BEFORE);
		return 0;
	case F_JOIN:
		val_to_str(&a[0]);
		join(v, a, n->nkids);
		return 0;
	case F_BOOLEAN_FROM_STRING:
		val_to_str(&a[0]);
		val_bool(v, strcasecmp(a[0].s, "true") == 0 ||
		    strcmp(a[0].s, "1") == 0);
		return 0;
	case F_CHECKLIST:
		val_bool(v, checklist(a, n->nkids, tz));
		return 0;
	case F_WEIGHTED_CHECKLIST:
		val_bool(v, weighted(a, n->nkids, tz));
		return 0;
	case F_DIGEST:
		return digest(v, a, n->nkids, cx->cause);
	case F_BASE64_DECODE:
		val_to_str(&a[0]);
		base64_decode(v, &a[0]);
		return 0;
	case F_DEPEND:
		*v = a[0];
		a[0].own = false;
		return 0;
	default:
		return kesu_fail(cx->cause, KESU_ESOFTWARE,
		    _("function '%s' is not a string function"),
		    expr_func_name(n->fn));
	}
}

int
expr_fn_check(const struct node *n, char **cause)
{
	const struct node *k;

	switch (n->fn) {
	case F_DIGEST:
		k = n->kids[1];
		if (k->op == N_STR && digest_md(k->str) == NULL)
			return kesu_fail(cause, KESU_EDATA,
			    _("digest: unknown algorithm '%s' (MD5, SHA-1, "
			    "SHA-256, SHA-384 or SHA-512)"), k->str);
		if (n->nkids == 3 && n->kids[2]->op == N_STR &&
		    digest_enc(n->kids[2]->str) < 0)
			return kesu_fail(cause, KESU_EDATA,
			    _("digest: unknown encoding '%s' (base64 or hex)"),
			    n->kids[2]->str);
		return 0;
	case F_WEIGHTED_CHECKLIST:
		if (n->nkids % 2 != 0)
			return kesu_fail(cause, KESU_EDATA,
			    _("function 'weighted-checklist' needs a weight "
			    "after each factor (an even number of arguments)"));
		return 0;
	default:
		return 0;
	}
}
