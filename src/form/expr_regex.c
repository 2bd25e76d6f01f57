/*
 * expr_regex.c - regex(s, re): Java's Pattern.matches() on POSIX regcomp.
 *
 * ODK forms write Java regular expressions ("^1[3-9]\d{9}$",
 * "[\u4e00-\u9fa5]{2,4}") and Collect matches them against the whole
 * string.  kesu translates such a pattern into a POSIX extended regex over
 * UTF-8 bytes, compiled and run in the "C" locale whatever the process's:
 * a character class becomes an alternation of byte sequences (so a range
 * of Chinese characters works without a UTF-8 locale), '.' matches one
 * whole character, a non-ASCII literal is grouped so that a quantifier
 * applies to all its bytes, \d \s \w and the ASCII \p{...} classes and
 * \p{IsHan} are expanded, and the result is anchored as ^(...)$.
 * Constructs POSIX cannot express (look-around, back-references, flags,
 * possessive quantifiers) are refused with a message naming them; lazy
 * quantifiers are accepted since they cannot change a whole-string match.
 * Bounded repetition is limited so that a pattern cannot make regcomp
 * build an enormous automaton.
 */
#include <regex.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "form/expr_int.h"
#include "util/buf.h"
#include "util/xalloc.h"

#define RE_MAX_REPEAT 1000
#define RE_MAX_COST 100000.0
#define RE_MAX_NEST 64

struct expr_regex {
	char *pat; /* the Java pattern compiled below; NULL before any */
	bool ok;
	regex_t re;
	char *err;
};

struct range {
	uint32_t lo, hi;
};

struct cset {
	struct range *r;
	size_t n, cap;
};

struct frame {
	double cost; /* bytes the group expands to */
	double last; /* the cost of the last atom, for a quantifier */
};

struct tr {
	const char *p; /* the Java pattern */
	size_t i, n;
	struct buf out;
	struct frame fr[RE_MAX_NEST + 1];
	int depth;
	bool atom; /* a quantifier may follow */
	char *err;
};

static const struct range r_digit[] = { { '0', '9' } };
static const struct range r_space[] = { { '\t', '\r' }, { ' ', ' ' } };
static const struct range r_word[] = {
	{ '0', '9' }, { 'A', 'Z' }, { '_', '_' }, { 'a', 'z' },
};
static const struct range r_lower[] = { { 'a', 'z' } };
static const struct range r_upper[] = { { 'A', 'Z' } };
static const struct range r_ascii[] = { { 1, 0x7f } };
static const struct range r_alpha[] = { { 'A', 'Z' }, { 'a', 'z' } };
static const struct range r_alnum[] = {
	{ '0', '9' }, { 'A', 'Z' }, { 'a', 'z' },
};
static const struct range r_punct[] = {
	{ '!', '/' }, { ':', '@' }, { '[', '`' }, { '{', '~' },
};
static const struct range r_graph[] = { { '!', '~' } };
static const struct range r_print[] = { { ' ', '~' } };
static const struct range r_blank[] = { { '\t', '\t' }, { ' ', ' ' } };
static const struct range r_cntrl[] = { { 1, 0x1f }, { 0x7f, 0x7f } };
static const struct range r_xdigit[] = {
	{ '0', '9' }, { 'A', 'F' }, { 'a', 'f' },
};
/* Unicode's Han script. */
static const struct range r_han[] = {
	{ 0x2e80, 0x2e99 }, { 0x2e9b, 0x2ef3 }, { 0x2f00, 0x2fd5 },
	{ 0x3005, 0x3005 }, { 0x3007, 0x3007 }, { 0x3021, 0x3029 },
	{ 0x3038, 0x303b }, { 0x3400, 0x4dbf }, { 0x4e00, 0x9fff },
	{ 0xf900, 0xfa6d }, { 0xfa70, 0xfad9 }, { 0x20000, 0x2a6df },
	{ 0x2a700, 0x2ebe0 }, { 0x2f800, 0x2fa1d }, { 0x30000, 0x3134a },
};
static const struct range r_cjk[] = { { 0x4e00, 0x9fff } };
/* What Java's '.' does not match: line terminators. */
static const struct range r_eol[] = {
	{ '\n', '\n' }, { '\r', '\r' }, { 0x85, 0x85 }, { 0x2028, 0x2029 },
};

#define NR(a) (sizeof a / sizeof a[0])

static const struct {
	const char *name;
	const struct range *r;
	size_t n;
} props[] = {
	{ "Lower", r_lower, NR(r_lower) },
	{ "Upper", r_upper, NR(r_upper) },
	{ "ASCII", r_ascii, NR(r_ascii) },
	{ "Alpha", r_alpha, NR(r_alpha) },
	{ "Digit", r_digit, NR(r_digit) },
	{ "Alnum", r_alnum, NR(r_alnum) },
	{ "Punct", r_punct, NR(r_punct) },
	{ "Graph", r_graph, NR(r_graph) },
	{ "Print", r_print, NR(r_print) },
	{ "Blank", r_blank, NR(r_blank) },
	{ "Cntrl", r_cntrl, NR(r_cntrl) },
	{ "XDigit", r_xdigit, NR(r_xdigit) },
	{ "Space", r_space, NR(r_space) },
	{ "IsHan", r_han, NR(r_han) },
	{ "Han", r_han, NR(r_han) },
	{ "script=Han", r_han, NR(r_han) },
	{ "sc=Han", r_han, NR(r_han) },
	{ "InCJKUnifiedIdeographs", r_cjk, NR(r_cjk) },
	{ "InCJK_Unified_Ideographs", r_cjk, NR(r_cjk) },
};

static void
fail(struct tr *t, const char *what)
{
	if (t->err == NULL)
		t->err = xstrdup(what);
}

/* --- character sets --- */

static void
cs_add(struct cset *c, uint32_t lo, uint32_t hi)
{
	if (c->n == c->cap) {
		c->cap = c->cap == 0 ? 8 : c->cap * 2;
		c->r = xreallocarray(c->r, c->cap, sizeof *c->r);
	}
	c->r[c->n].lo = lo;
	c->r[c->n].hi = hi;
	c->n++;
}

static void
cs_addv(struct cset *c, const struct range *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		cs_add(c, r[i].lo, r[i].hi);
}

static int
cs_cmp(const void *a, const void *b)
{
	const struct range *x = a, *y = b;

	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* Sort and merge; drop NUL and the surrogates, which UTF-8 lacks. */
static void
cs_norm(struct cset *c)
{
	struct cset o = { NULL, 0, 0 };
	size_t i;

	if (c->n > 1)
		qsort(c->r, c->n, sizeof *c->r, cs_cmp);
	for (i = 0; i < c->n; i++) {
		uint32_t lo = c->r[i].lo < 1 ? 1 : c->r[i].lo, hi = c->r[i].hi;

		if (hi > 0x10ffff)
			hi = 0x10ffff;
		if (lo > hi)
			continue;
		if (o.n > 0 && lo <= o.r[o.n - 1].hi + 1) {
			if (hi > o.r[o.n - 1].hi)
				o.r[o.n - 1].hi = hi;
		} else
			cs_add(&o, lo, hi);
	}
	free(c->r);
	*c = o;
	memset(&o, 0, sizeof o);
	for (i = 0; i < c->n; i++) {
		uint32_t lo = c->r[i].lo, hi = c->r[i].hi;

		if (hi < 0xd800 || lo > 0xdfff)
			cs_add(&o, lo, hi);
		else {
			if (lo < 0xd800)
				cs_add(&o, lo, 0xd7ff);
			if (hi > 0xdfff)
				cs_add(&o, 0xe000, hi);
		}
	}
	free(c->r);
	*c = o;
}

static void
cs_negate(struct cset *c)
{
	struct cset o = { NULL, 0, 0 };
	uint32_t next = 1;
	size_t i;

	cs_norm(c);
	for (i = 0; i < c->n; i++) {
		if (c->r[i].lo > next)
			cs_add(&o, next, c->r[i].lo - 1);
		next = c->r[i].hi + 1;
	}
	if (next <= 0x10ffff)
		cs_add(&o, next, 0x10ffff);
	free(c->r);
	*c = o;
	cs_norm(c);
}

static size_t
utf8_enc(uint32_t c, unsigned char *b)
{
	if (c < 0x80) {
		b[0] = (unsigned char)c;
		return 1;
	}
	if (c < 0x800) {
		b[0] = (unsigned char)(0xc0 | c >> 6);
		b[1] = (unsigned char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		b[0] = (unsigned char)(0xe0 | c >> 12);
		b[1] = (unsigned char)(0x80 | (c >> 6 & 0x3f));
		b[2] = (unsigned char)(0x80 | (c & 0x3f));
		return 3;
	}
	b[0] = (unsigned char)(0xf0 | c >> 18);
	b[1] = (unsigned char)(0x80 | (c >> 12 & 0x3f));
	b[2] = (unsigned char)(0x80 | (c >> 6 & 0x3f));
	b[3] = (unsigned char)(0x80 | (c & 0x3f));
	return 4;
}

/* One ASCII character inside a bracket expression. */
static void
bracket_char(struct buf *b, uint32_t c)
{
	if (c == ']' || c == '^' || c == '-' || c == '[')
		buf_printf(b, "[.%c.]", (char)c);
	else
		buf_addch(b, (char)c);
}

/* Non-ASCII [lo, hi] as alternatives of byte-range sequences, splitting
 * until each byte position is a plain range (as RE2 does). */
static void
utf8_alts(struct buf *b, uint32_t lo, uint32_t hi, bool *first)
{
	static const uint32_t max[] = { 0x7f, 0x7ff, 0xffff };
	unsigned char x[4], y[4];
	size_t i, n;
	uint32_t m;

	for (i = 0; i < NR(max); i++) {
		if (lo <= max[i] && hi > max[i]) {
			utf8_alts(b, lo, max[i], first);
			utf8_alts(b, max[i] + 1, hi, first);
			return;
		}
	}
	n = utf8_enc(lo, x);
	for (i = 1; i < n; i++) {
		m = (1u << (6 * i)) - 1;
		if ((lo & ~m) == (hi & ~m))
			continue;
		if ((lo & m) != 0) {
			utf8_alts(b, lo, lo | m, first);
			utf8_alts(b, (lo | m) + 1, hi, first);
			return;
		}
		if ((hi & m) != m) {
			utf8_alts(b, lo, (hi & ~m) - 1, first);
			utf8_alts(b, hi & ~m, hi, first);
			return;
		}
	}
	utf8_enc(hi, y);
	if (!*first)
		buf_addch(b, '|');
	*first = false;
	for (i = 0; i < n; i++) {
		if (x[i] == y[i])
			buf_addch(b, (char)x[i]);
		else
			buf_printf(b, "[%c-%c]", (char)x[i], (char)y[i]);
	}
}

/* Emit set c (normalised) as one atom. */
static void
cs_emit(struct buf *b, const struct cset *c)
{
	size_t i, nascii = 0;
	bool first = true, multi;

	for (i = 0; i < c->n; i++)
		if (c->r[i].lo < 0x80)
			nascii++;
	multi = c->n > nascii || (c->n > 0 && c->r[c->n - 1].hi >= 0x80);
	if (c->n == 0) {
		buf_addstr(b, "[^\x01-\xff]"); /* matches nothing */
		return;
	}
	if (multi)
		buf_addch(b, '(');
	if (nascii > 0) {
		buf_addch(b, '[');
		for (i = 0; i < nascii; i++) {
			uint32_t hi = c->r[i].hi > 0x7f ? 0x7f : c->r[i].hi;

			bracket_char(b, c->r[i].lo);
			if (hi != c->r[i].lo) {
				buf_addch(b, '-');
				bracket_char(b, hi);
			}
		}
		buf_addch(b, ']');
		first = false;
	}
	for (i = 0; i < c->n; i++) {
		uint32_t lo = c->r[i].lo < 0x80 ? 0x80 : c->r[i].lo;

		if (c->r[i].hi >= 0x80)
			utf8_alts(b, lo, c->r[i].hi, &first);
	}
	if (multi)
		buf_addch(b, ')');
}

/* --- the pattern --- */

/* Decode one UTF-8 character of the pattern (U+FFFD for a bad byte). */
static uint32_t
next_char(struct tr *t)
{
	const unsigned char *s = (const unsigned char *)t->p + t->i;
	size_t left = t->n - t->i, len, k;
	uint32_t c;

	if (s[0] < 0x80) {
		t->i++;
		return s[0];
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		c = s[0] & 0x07;
	} else
		goto bad;
	if (len > left)
		goto bad;
	for (k = 1; k < len; k++) {
		if ((s[k] & 0xc0) != 0x80)
			goto bad;
		c = c << 6 | (s[k] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 ||
	    c > 0x10ffff)) || (c >= 0xd800 && c <= 0xdfff))
		goto bad;
	t->i += len;
	return c;
bad:
	t->i++;
	return 0xfffd;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* ndigits hex digits at t->i (ndigits 0: "{h...}"). */
static bool
hex_escape(struct tr *t, int ndigits, uint32_t *c)
{
	int k, h;

	*c = 0;
	if (ndigits == 0) {
		if (t->i >= t->n || t->p[t->i] != '{')
			return false;
		t->i++;
		for (k = 0; t->i < t->n && (h = hexval(t->p[t->i])) >= 0; k++) {
			*c = *c * 16 + (uint32_t)h;
			if (*c > 0x10ffff)
				return false;
			t->i++;
		}
		if (k == 0 || t->i >= t->n || t->p[t->i] != '}')
			return false;
		t->i++;
		return true;
	}
	for (k = 0; k < ndigits; k++) {
		if (t->i >= t->n || (h = hexval(t->p[t->i])) < 0)
			return false;
		*c = *c * 16 + (uint32_t)h;
		t->i++;
	}
	return true;
}

/* \uXXXX, joining a surrogate pair as Java does. */
static bool
u_escape(struct tr *t, uint32_t *c)
{
	uint32_t lo;

	if (!hex_escape(t, 4, c))
		return false;
	if (*c >= 0xdc00 && *c <= 0xdfff)
		return false;
	if (*c < 0xd800 || *c > 0xdbff)
		return true;
	if (t->i + 1 >= t->n || t->p[t->i] != '\\' || t->p[t->i + 1] != 'u')
		return false;
	t->i += 2;
	if (!hex_escape(t, 4, &lo) || lo < 0xdc00 || lo > 0xdfff)
		return false;
	*c = 0x10000 + ((*c - 0xd800) << 10) + (lo - 0xdc00);
	return true;
}

/* \p{Name} or \P{Name} into set c. */
static bool
prop_escape(struct tr *t, bool neg, struct cset *c)
{
	const char *name = t->p + t->i + 1, *end;
	struct cset tmp = { NULL, 0, 0 };
	size_t i, len;

	if (t->i >= t->n || t->p[t->i] != '{' ||
	    (end = memchr(name, '}', t->n - t->i - 1)) == NULL) {
		fail(t, "\\p needs a name in braces");
		return false;
	}
	len = (size_t)(end - name);
	if (len > 2 && strncmp(name, "Is", 2) == 0 && len != 5) {
		/* \p{IsAlpha} is \p{Alpha}; \p{IsHan} is listed as is. */
		name += 2;
		len -= 2;
	}
	for (i = 0; i < NR(props); i++)
		if (strlen(props[i].name) == len &&
		    memcmp(props[i].name, name, len) == 0)
			break;
	if (i == NR(props)) {
		fail(t, "unsupported character property in \\p{...}");
		return false;
	}
	t->i = (size_t)(end - t->p) + 1;
	cs_addv(&tmp, props[i].r, props[i].n);
	if (neg)
		cs_negate(&tmp);
	for (i = 0; i < tmp.n; i++)
		cs_add(c, tmp.r[i].lo, tmp.r[i].hi);
	free(tmp.r);
	return true;
}

/* A predefined class escape (\d \D \s \S \w \W) into c. */
static bool
class_escape(char e, struct cset *c)
{
	struct cset tmp = { NULL, 0, 0 };
	size_t i;

	switch (e) {
	case 'd': case 'D':
		cs_addv(&tmp, r_digit, NR(r_digit));
		break;
	case 's': case 'S':
		cs_addv(&tmp, r_space, NR(r_space));
		break;
	case 'w': case 'W':
		cs_addv(&tmp, r_word, NR(r_word));
		break;
	default:
		return false;
	}
	if (e == 'D' || e == 'S' || e == 'W')
		cs_negate(&tmp);
	for (i = 0; i < tmp.n; i++)
		cs_add(c, tmp.r[i].lo, tmp.r[i].hi);
	free(tmp.r);
	return true;
}

enum esc { ESC_CHAR, ESC_SET, ESC_OTHER };

/*
 * The escape after a backslash (t->i is past it): a single character
 * (*c), a set added to *set, or ESC_OTHER for the caller to handle
 * (anchors and back-references are only meaningful outside classes).
 */
static enum esc
escape(struct tr *t, uint32_t *c, struct cset *set)
{
	char e;
	int k;

	*c = 0;
	if (t->i >= t->n) {
		fail(t, "pattern ends with a backslash");
		return ESC_CHAR;
	}
	e = t->p[t->i++];
	switch (e) {
	case 't': *c = '\t'; return ESC_CHAR;
	case 'n': *c = '\n'; return ESC_CHAR;
	case 'r': *c = '\r'; return ESC_CHAR;
	case 'f': *c = '\f'; return ESC_CHAR;
	case 'a': *c = 7; return ESC_CHAR;
	case 'e': *c = 27; return ESC_CHAR;
	case 'x':
		if (!(t->i < t->n && t->p[t->i] == '{' ? hex_escape(t, 0, c) :
		    hex_escape(t, 2, c)))
			fail(t, "invalid \\x escape");
		return ESC_CHAR;
	case 'u':
		if (!u_escape(t, c))
			fail(t, "invalid \\u escape");
		return ESC_CHAR;
	case '0':
		*c = 0;
		for (k = 0; k < 3 && t->i < t->n && t->p[t->i] >= '0' &&
		    t->p[t->i] <= '7' && *c * 8 + (uint32_t)(t->p[t->i] - '0')
		    <= 0377; k++)
			*c = *c * 8 + (uint32_t)(t->p[t->i++] - '0');
		if (k == 0)
			fail(t, "invalid octal escape \\0");
		return ESC_CHAR;
	case 'p':
	case 'P':
		prop_escape(t, e == 'P', set);
		return ESC_SET;
	default:
		break;
	}
	if (class_escape(e, set))
		return ESC_SET;
	if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') ||
	    (e >= '0' && e <= '9')) {
		t->i--;
		return ESC_OTHER;
	}
	t->i--;
	*c = next_char(t);
	return ESC_CHAR;
}

/* One item of a class: a character (true) or a set added to c (false). */
static bool
class_item(struct tr *t, struct cset *c, uint32_t *ch)
{
	if (t->p[t->i] == '[') {
		fail(t, "nested character classes are not supported");
		return false;
	}
	if (t->p[t->i] == '&' && t->i + 1 < t->n && t->p[t->i + 1] == '&') {
		fail(t, "class intersection (&&) is not supported");
		return false;
	}
	if (t->p[t->i] != '\\') {
		*ch = next_char(t);
		return true;
	}
	t->i++;
	switch (escape(t, ch, c)) {
	case ESC_CHAR:
		return true;
	case ESC_SET:
		return false;
	default:
		fail(t, "unsupported escape in a character class");
		return false;
	}
}

/* [...] with t->i past the '['. */
static void
char_class(struct tr *t, struct cset *c)
{
	bool neg = false;
	uint32_t lo, hi;
	size_t start;

	if (t->i < t->n && t->p[t->i] == '^') {
		neg = true;
		t->i++;
	}
	start = t->i;
	while (t->err == NULL) {
		if (t->i >= t->n) {
			fail(t, "unclosed character class");
			return;
		}
		if (t->p[t->i] == ']' && t->i > start) {
			t->i++;
			break;
		}
		if (!class_item(t, c, &lo))
			continue;
		if (t->i + 1 < t->n && t->p[t->i] == '-' &&
		    t->p[t->i + 1] != ']') {
			t->i++;
			if (!class_item(t, c, &hi)) {
				fail(t, "invalid range in a character class");
				return;
			}
			if (lo > hi) {
				fail(t, "invalid range in a character class");
				return;
			}
			cs_add(c, lo, hi);
		} else
			cs_add(c, lo, lo);
	}
	if (neg)
		cs_negate(c);
	else
		cs_norm(c);
}

/* An atom was just emitted from byte `mark` of the output. */
static void
atom_done(struct tr *t, size_t mark)
{
	struct frame *f = &t->fr[t->depth];

	f->last = (double)(t->out.len - mark);
	f->cost += f->last;
	t->atom = true;
}

static void
emit_set(struct tr *t, struct cset *c)
{
	size_t mark = t->out.len;

	cs_emit(&t->out, c);
	atom_done(t, mark);
}

static void
emit_char(struct tr *t, uint32_t c)
{
	static const char special[] = ".[]()*+?{}|^$\\";
	unsigned char b[4];
	size_t mark = t->out.len, n;

	if (c < 0x80) {
		if (c == 0)
			fail(t, "a NUL character cannot be matched");
		else if (strchr(special, (int)c) != NULL)
			buf_printf(&t->out, "\\%c", (char)c);
		else
			buf_addch(&t->out, (char)c);
	} else {
		n = utf8_enc(c, b);
		buf_addch(&t->out, '(');
		buf_add(&t->out, b, n);
		buf_addch(&t->out, ')');
	}
	atom_done(t, mark);
}

static bool
read_int(struct tr *t, long *v)
{
	size_t start = t->i;

	*v = 0;
	while (t->i < t->n && t->p[t->i] >= '0' && t->p[t->i] <= '9') {
		if (*v <= RE_MAX_REPEAT)
			*v = *v * 10 + (t->p[t->i] - '0');
		t->i++;
	}
	return t->i > start;
}

/* A quantifier at t->p[t->i]; lazy '?' dropped, possessive '+' refused. */
static void
quantifier(struct tr *t)
{
	struct frame *f = &t->fr[t->depth];
	char q = t->p[t->i++];
	long lo = 0, hi = 0;

	if (!t->atom) {
		fail(t, "a quantifier with nothing to repeat");
		return;
	}
	if (q == '{') {
		if (!read_int(t, &lo)) {
			fail(t, "invalid repetition {...}");
			return;
		}
		hi = lo;
		if (t->i < t->n && t->p[t->i] == ',') {
			t->i++;
			if (!read_int(t, &hi))
				hi = -1;
		}
		if (t->i >= t->n || t->p[t->i] != '}' ||
		    (hi >= 0 && hi < lo)) {
			fail(t, "invalid repetition {...}");
			return;
		}
		t->i++;
		if (lo > RE_MAX_REPEAT || hi > RE_MAX_REPEAT) {
			fail(t, "repetition count over 1000");
			return;
		}
		if (hi < 0)
			buf_printf(&t->out, "{%ld,}", lo);
		else
			buf_printf(&t->out, "{%ld,%ld}", lo, hi);
		hi = hi > lo ? hi : lo;
		if (hi > 1) {
			f->cost += f->last * (double)(hi - 1);
			f->last *= (double)hi;
		}
	} else
		buf_addch(&t->out, q);
	t->atom = false;
	if (t->i < t->n && t->p[t->i] == '?')
		t->i++;
	else if (t->i < t->n && t->p[t->i] == '+')
		fail(t, "possessive quantifiers are not supported");
}

static void
group_open(struct tr *t)
{
	if (t->i < t->n && t->p[t->i] == '?') {
		if (t->i + 1 < t->n && t->p[t->i + 1] == ':')
			t->i += 2;
		else {
			fail(t, "(?...) groups (look-around, flags, names) are "
			    "not supported");
			return;
		}
	}
	if (t->depth == RE_MAX_NEST) {
		fail(t, "groups nested too deeply");
		return;
	}
	buf_addch(&t->out, '(');
	t->depth++;
	t->fr[t->depth].cost = 1;
	t->fr[t->depth].last = 0;
	t->atom = false;
}

static void
group_close(struct tr *t)
{
	double cost;

	if (t->depth == 0) {
		fail(t, "unbalanced ')'");
		return;
	}
	buf_addch(&t->out, ')');
	cost = t->fr[t->depth].cost + 1;
	t->depth--;
	t->fr[t->depth].last = cost;
	t->fr[t->depth].cost += cost;
	t->atom = true;
}

static void
backslash(struct tr *t)
{
	struct cset c = { NULL, 0, 0 };
	uint32_t ch;
	char e;

	switch (escape(t, &ch, &c)) {
	case ESC_CHAR:
		emit_char(t, ch);
		break;
	case ESC_SET:
		cs_norm(&c);
		emit_set(t, &c);
		break;
	default:
		e = t->p[t->i++];
		if (e == 'b' || e == 'B') {
			buf_printf(&t->out, "\\%c", e);
			t->atom = false;
		} else if (e == 'A') {
			buf_addch(&t->out, '^');
			t->atom = false;
		} else if (e == 'z' || e == 'Z') {
			buf_addch(&t->out, '$');
			t->atom = false;
		} else if (e == 'Q') {
			while (t->i < t->n && strncmp(t->p + t->i, "\\E", 2))
				emit_char(t, next_char(t));
			if (t->i < t->n)
				t->i += 2;
		} else if (e >= '1' && e <= '9')
			fail(t, "back-references are not supported");
		else
			fail(t, "unsupported escape");
	}
	free(c.r);
}

static void
translate(struct tr *t)
{
	struct cset c;
	char ch;

	buf_addstr(&t->out, "^(");
	while (t->err == NULL && t->i < t->n) {
		ch = t->p[t->i];
		switch (ch) {
		case '\\':
			t->i++;
			backslash(t);
			break;
		case '[':
			t->i++;
			memset(&c, 0, sizeof c);
			char_class(t, &c);
			if (t->err == NULL)
				emit_set(t, &c);
			free(c.r);
			break;
		case '.':
			t->i++;
			memset(&c, 0, sizeof c);
			cs_addv(&c, r_eol, NR(r_eol));
			cs_negate(&c);
			emit_set(t, &c);
			free(c.r);
			break;
		case '(':
			t->i++;
			group_open(t);
			break;
		case ')':
			t->i++;
			group_close(t);
			break;
		case '|':
		case '^':
		case '$':
			t->i++;
			buf_addch(&t->out, ch);
			t->atom = false;
			break;
		case '*':
		case '+':
		case '?':
		case '{':
			quantifier(t);
			break;
		default:
			emit_char(t, next_char(t));
			break;
		}
		if (t->fr[0].cost > RE_MAX_COST || t->fr[t->depth].cost >
		    RE_MAX_COST)
			fail(t, "pattern too large");
	}
	if (t->err == NULL && t->depth > 0)
		fail(t, "unclosed group '('");
	buf_addstr(&t->out, ")$");
}

struct expr_regex *
expr_regex_new(void)
{
	return xcalloc(1, sizeof(struct expr_regex));
}

static void
regex_reset(struct expr_regex *r)
{
	if (r->ok)
		regfree(&r->re);
	r->ok = false;
	free(r->pat);
	free(r->err);
	r->pat = NULL;
	r->err = NULL;
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
	struct tr t;
	char msg[128];
	locale_t old;
	int rc;

	memset(&t, 0, sizeof t);
	t.p = pat;
	t.n = strlen(pat);
	r->pat = xstrdup(pat);
	translate(&t);
	if (t.err != NULL) {
		r->err = kesu_msg("regex: invalid pattern '%s': %s", pat,
		    t.err);
		goto out;
	}
	old = uselocale(expr_c_locale());
	rc = regcomp(&r->re, t.out.data, REG_EXTENDED | REG_NOSUB);
	uselocale(old);
	if (rc != 0) {
		regerror(rc, &r->re, msg, sizeof msg);
		r->err = kesu_msg("regex: invalid pattern '%s': %s", pat, msg);
		goto out;
	}
	r->ok = true;
out:
	free(t.err);
	buf_free(&t.out);
}

int
expr_regex_match(struct expr_regex *r, const char *re, const char *s,
    bool *match, char **cause)
{
	locale_t old;

	if (r->pat == NULL || strcmp(r->pat, re) != 0) {
		regex_reset(r);
		regex_compile(r, re);
	}
	if (!r->ok)
		return kesu_fail(cause, KESU_EDATA, "%s", r->err);
	old = uselocale(expr_c_locale());
	*match = regexec(&r->re, s, 0, NULL, 0) == 0;
	uselocale(old);
	return 0;
}
