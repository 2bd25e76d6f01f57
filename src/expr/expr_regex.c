/*
 * expr_regex.c - regex(s, re): Java's Pattern.matches() on PCRE2.
 *
 * Collect evaluates regex() with java.util.regex.Pattern.matches(re, s):
 * the pattern must match the whole string.  kesu compiles the pattern
 * with PCRE2 in UTF mode, anchored at both ends (PCRE2_ANCHORED and
 * PCRE2_ENDANCHORED, so an alternative that stops early backtracks as
 * Java's matches() does), with '.' stopping at line ends as Java's does.
 * PCRE2 reads Java's syntax nearly as it is (classes, \d \s \w in ASCII,
 * \Q...\E, look-around, back-references, possessive and lazy
 * quantifiers, inline flags); a short pass first rewrites what Java
 * spells differently:
 *   \uXXXX (and a UTF-16 surrogate pair of them) becomes \x{...};
 *   Java's ASCII classes \p{Lower} \p{Upper} \p{ASCII} \p{Alpha}
 *   \p{Digit} \p{Alnum} \p{Punct} \p{Graph} \p{Print} \p{Blank}
 *   \p{Cntrl} \p{XDigit} \p{Space} (also spelt \p{IsLower} ...) become
 *   POSIX classes, which PCRE2 keeps ASCII; \p{IsHan}, \p{sc=Han} and
 *   \p{script=Han} become \p{Han}; \p{InCJKUnifiedIdeographs} becomes
 *   the block's range.  Class intersection (&&) and nested classes,
 *   which PCRE2 would read as literal characters, are refused by name.
 *
 * Limits: a pattern of at most 4096 bytes; each match is bounded by a
 * match limit, a depth limit and a heap limit, so a catastrophic pattern
 * fails with a message instead of hanging the interview.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "expr/expr_int.h"
#include "util/i18n.h"
#include "util/buf.h"
#include "util/xalloc.h"

#define RE_MAX_PATTERN 4096
#define RE_MATCH_LIMIT 1000000
#define RE_DEPTH_LIMIT 10000
#define RE_HEAP_LIMIT 16384 /* KiB */

struct expr_regex {
	char *pat;          /* the Java pattern compiled below; NULL before */
	pcre2_code *code;   /* NULL when the pattern is invalid */
	pcre2_match_data *md;
	char *err;
};

/* Java's ASCII-only named classes and their POSIX names. */
static const struct {
	const char *java, *posix;
} ascii_props[] = {
	{ "Lower", "lower" }, { "Upper", "upper" }, { "ASCII", "ascii" },
	{ "Alpha", "alpha" }, { "Digit", "digit" }, { "Alnum", "alnum" },
	{ "Punct", "punct" }, { "Graph", "graph" }, { "Print", "print" },
	{ "Blank", "blank" }, { "Cntrl", "cntrl" }, { "XDigit", "xdigit" },
	{ "Space", "space" },
};

/* The translation pass: Java pattern p (n bytes) into out. */
struct tr {
	const char *p;
	size_t i, n;
	int in_class; /* inside [...]: 1 */
	struct buf *out;
	const char *err;
};

static int
hex4(const struct tr *t, size_t at, uint32_t *v)
{
	size_t k;
	int c;

	*v = 0;
	if (at + 4 > t->n)
		return -1;
	for (k = 0; k < 4; k++) {
		c = (unsigned char)t->p[at + k];
		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*v |= (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*v |= (uint32_t)(c - 'A' + 10);
		else
			return -1;
	}
	return 0;
}

/* \uXXXX at t->i (the backslash), with a following low surrogate. */
static void
tr_unicode(struct tr *t)
{
	uint32_t c, lo;

	if (hex4(t, t->i + 2, &c) != 0) {
		t->err = "\\u needs four hexadecimal digits";
		return;
	}
	t->i += 6;
	if (c >= 0xd800 && c <= 0xdbff) {
		if (t->i + 1 < t->n && t->p[t->i] == '\\' &&
		    t->p[t->i + 1] == 'u' && hex4(t, t->i + 2, &lo) == 0 &&
		    lo >= 0xdc00 && lo <= 0xdfff) {
			c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
			t->i += 6;
		} else {
			t->err = "a lone UTF-16 surrogate in \\u";
			return;
		}
	} else if (c >= 0xdc00 && c <= 0xdfff) {
		t->err = "a lone UTF-16 surrogate in \\u";
		return;
	}
	buf_printf(t->out, "\\x{%x}", (unsigned)c);
}

/* \p{Name} or \P{Name} at t->i (the backslash). */
static void
tr_prop(struct tr *t)
{
	const char *name = t->p + t->i + 3, *end;
	int neg = t->p[t->i + 1] == 'P';
	size_t len, k;

	if (t->i + 2 >= t->n || t->p[t->i + 2] != '{' ||
	    (end = memchr(name, '}', t->n - t->i - 3)) == NULL) {
		/* \pL: a one-letter category, as PCRE2 reads it */
		buf_add(t->out, t->p + t->i, 2);
		t->i += 2;
		return;
	}
	len = (size_t)(end - name);
	t->i = (size_t)(end - t->p) + 1;
	if (len > 2 && strncmp(name, "Is", 2) == 0) {
		name += 2;
		len -= 2;
	}
	for (k = 0; k < sizeof ascii_props / sizeof ascii_props[0]; k++) {
		if (strlen(ascii_props[k].java) == len &&
		    memcmp(ascii_props[k].java, name, len) == 0) {
			buf_printf(t->out, "%s[:%s%s:]%s",
			    t->in_class ? "" : "[", neg ? "^" : "",
			    ascii_props[k].posix, t->in_class ? "" : "]");
			return;
		}
	}
	if ((len == 6 && memcmp(name, "sc=Han", 6) == 0) ||
	    (len == 10 && memcmp(name, "script=Han", 10) == 0)) {
		name = "Han";
		len = 3;
	}
	if ((len == 22 && memcmp(name, "InCJKUnifiedIdeographs", 22) == 0) ||
	    (len == 24 && memcmp(name, "InCJK_Unified_Ideographs", 24) == 0)) {
		if (neg && t->in_class) {
			t->err = "\\P{InCJKUnifiedIdeographs} inside a class is "
			    "not supported";
			return;
		}
		buf_printf(t->out, "%s\\x{4e00}-\\x{9fff}%s",
		    t->in_class ? "" : (neg ? "[^" : "["),
		    t->in_class ? "" : "]");
		return;
	}
	buf_printf(t->out, "\\%c{%.*s}", neg ? 'P' : 'p', (int)len, name);
}

/* Rewrite the Java pattern into PCRE2 syntax; t->err on a refusal. */
static void
translate(struct tr *t)
{
	const char *q;
	char c;

	while (t->i < t->n && t->err == NULL) {
		c = t->p[t->i];
		if (c == '\\' && t->i + 1 < t->n) {
			switch (t->p[t->i + 1]) {
			case 'u':
				tr_unicode(t);
				continue;
			case 'p':
			case 'P':
				tr_prop(t);
				continue;
			case 'Q':
				/* literal up to \E, copied as it is */
				q = strstr(t->p + t->i + 2, "\\E");
				if (q == NULL)
					q = t->p + t->n;
				else
					q += 2;
				buf_add(t->out, t->p + t->i,
				    (size_t)(q - (t->p + t->i)));
				t->i = (size_t)(q - t->p);
				continue;
			default:
				buf_add(t->out, t->p + t->i, 2);
				t->i += 2;
				continue;
			}
		}
		if (t->in_class) {
			if (c == '[') {
				t->err = "nested character classes are not "
				    "supported";
				return;
			}
			if (c == '&' && t->i + 1 < t->n &&
			    t->p[t->i + 1] == '&') {
				t->err = "class intersection (&&) is not "
				    "supported";
				return;
			}
			if (c == ']')
				t->in_class = 0;
		} else if (c == '[') {
			t->in_class = 1;
			buf_add(t->out, "[", 1);
			t->i++;
			/* a leading ^ and then a leading ] stay literal */
			if (t->i < t->n && t->p[t->i] == '^') {
				buf_add(t->out, "^", 1);
				t->i++;
			}
			if (t->i < t->n && t->p[t->i] == ']') {
				buf_add(t->out, "\\]", 2);
				t->i++;
			}
			continue;
		}
		buf_add(t->out, &c, 1);
		t->i++;
	}
}

/*
 * PCRE2 allocates through xmalloc (which restores the terminal and exits
 * when memory runs out); the contexts are made once for the process.
 */
static void *
re_malloc(size_t n, void *ud)
{
	(void)ud;
	return xmalloc(n);
}

static void
re_free(void *p, void *ud)
{
	(void)ud;
	free(p);
}

static pcre2_general_context *
re_general(void)
{
	static pcre2_general_context *gc;

	if (gc == NULL)
		gc = pcre2_general_context_create(re_malloc, re_free, NULL);
	return gc;
}

static pcre2_compile_context *
re_compile_context(void)
{
	static pcre2_compile_context *cc;

	if (cc == NULL) {
		cc = pcre2_compile_context_create(re_general());
		pcre2_set_newline(cc, PCRE2_NEWLINE_ANY);
		pcre2_set_max_pattern_length(cc, RE_MAX_PATTERN * 4);
	}
	return cc;
}

static pcre2_match_context *
re_match_context(void)
{
	static pcre2_match_context *mc;

	if (mc == NULL) {
		mc = pcre2_match_context_create(re_general());
		pcre2_set_match_limit(mc, RE_MATCH_LIMIT);
		pcre2_set_depth_limit(mc, RE_DEPTH_LIMIT);
		pcre2_set_heap_limit(mc, RE_HEAP_LIMIT);
	}
	return mc;
}

struct expr_regex *
expr_regex_new(void)
{
	return xcalloc(1, sizeof(struct expr_regex));
}

static void
regex_reset(struct expr_regex *r)
{
	pcre2_match_data_free(r->md);
	pcre2_code_free(r->code);
	free(r->pat);
	free(r->err);
	memset(r, 0, sizeof *r);
}

void
expr_regex_free(struct expr_regex *r)
{
	if (r == NULL)
		return;
	regex_reset(r);
	free(r);
}

static void
regex_compile(struct expr_regex *r, const char *pat)
{
	PCRE2_UCHAR msg[160];
	PCRE2_SIZE off;
	struct buf out = BUF_INIT;
	struct tr t;
	int code;

	memset(&t, 0, sizeof t);
	t.p = pat;
	t.n = strlen(pat);
	t.out = &out;
	r->pat = xstrdup(pat);
	if (t.n > RE_MAX_PATTERN) {
		r->err = kesu_msg("regex: invalid pattern '%.40s...': longer "
		    "than %d bytes", pat, RE_MAX_PATTERN);
		goto out;
	}
	translate(&t);
	if (t.err != NULL) {
		r->err = kesu_msg("regex: invalid pattern '%s': %s", pat,
		    t.err);
		goto out;
	}
	r->code = pcre2_compile((PCRE2_SPTR)(out.data != NULL ? out.data :
	    ""), out.len, PCRE2_UTF | PCRE2_ANCHORED | PCRE2_ENDANCHORED,
	    &code, &off, re_compile_context());
	if (r->code == NULL) {
		if (pcre2_get_error_message(code, msg, sizeof msg) < 0)
			msg[0] = '\0';
		r->err = kesu_msg("regex: invalid pattern '%s': %s", pat,
		    (const char *)msg);
		goto out;
	}
	r->md = pcre2_match_data_create(1, re_general());
out:
	buf_free(&out);
}

int
expr_regex_match(struct expr_regex *r, const char *re, const char *s,
    bool *match, char **cause)
{
	int rc;

	*match = false;
	if (r->pat == NULL || strcmp(r->pat, re) != 0) {
		regex_reset(r);
		regex_compile(r, re);
	}
	if (r->code == NULL)
		return kesu_fail(cause, KESU_EDATA, "%s", r->err);
	rc = pcre2_match(r->code, (PCRE2_SPTR)s, strlen(s), 0, 0, r->md,
	    re_match_context());
	if (rc >= 0) {
		*match = true;
		return 0;
	}
	/* No match; text that is not valid UTF-8 matches nothing. */
	if (rc == PCRE2_ERROR_NOMATCH || (rc <= PCRE2_ERROR_UTF8_ERR1 &&
	    rc >= PCRE2_ERROR_UTF8_ERR21))
		return 0;
	return kesu_fail(cause, KESU_EDATA,
	    _("regex: pattern '%s' takes too long on this text"), re);
}
