/*
 * expr_cset.c - sets of Unicode code points, written as POSIX regex atoms
 * over UTF-8 bytes, for the translation of regex() patterns.
 *
 * A set is a list of ranges; once normalised it is sorted, merged, and free
 * of NUL and the surrogates (which UTF-8 cannot hold).  Written out, its
 * ASCII part becomes one bracket expression and the rest an alternation of
 * byte-range sequences, split as RE2 splits them, so the "C" locale's byte
 * matching gives character semantics: [\u4e00-\u9fa5] becomes
 * (\xe4[\xb8-\xbf][\x80-\xbf]|[\xe5-\xe9][\x80-\xbf][\x80-\xbf]).
 */
#include <stdlib.h>
#include <string.h>

#include "expr/expr_int.h"
#include "util/xalloc.h"

static const struct expr_range r_digit[] = { { '0', '9' } };
static const struct expr_range r_space[] = { { '\t', '\r' }, { ' ', ' ' } };
static const struct expr_range r_word[] = {
	{ '0', '9' }, { 'A', 'Z' }, { '_', '_' }, { 'a', 'z' },
};
static const struct expr_range r_lower[] = { { 'a', 'z' } };
static const struct expr_range r_upper[] = { { 'A', 'Z' } };
static const struct expr_range r_ascii[] = { { 1, 0x7f } };
static const struct expr_range r_alpha[] = { { 'A', 'Z' }, { 'a', 'z' } };
static const struct expr_range r_alnum[] = {
	{ '0', '9' }, { 'A', 'Z' }, { 'a', 'z' },
};
static const struct expr_range r_punct[] = {
	{ '!', '/' }, { ':', '@' }, { '[', '`' }, { '{', '~' },
};
static const struct expr_range r_graph[] = { { '!', '~' } };
static const struct expr_range r_print[] = { { ' ', '~' } };
static const struct expr_range r_blank[] = { { '\t', '\t' }, { ' ', ' ' } };
static const struct expr_range r_cntrl[] = { { 1, 0x1f }, { 0x7f, 0x7f } };
static const struct expr_range r_xdigit[] = {
	{ '0', '9' }, { 'A', 'F' }, { 'a', 'f' },
};
/* Unicode's Han script. */
static const struct expr_range r_han[] = {
	{ 0x2e80, 0x2e99 }, { 0x2e9b, 0x2ef3 }, { 0x2f00, 0x2fd5 },
	{ 0x3005, 0x3005 }, { 0x3007, 0x3007 }, { 0x3021, 0x3029 },
	{ 0x3038, 0x303b }, { 0x3400, 0x4dbf }, { 0x4e00, 0x9fff },
	{ 0xf900, 0xfa6d }, { 0xfa70, 0xfad9 }, { 0x20000, 0x2a6df },
	{ 0x2a700, 0x2ebe0 }, { 0x2f800, 0x2fa1d }, { 0x30000, 0x3134a },
};
static const struct expr_range r_cjk[] = { { 0x4e00, 0x9fff } };
/* What Java's '.' does not match: line terminators. */
static const struct expr_range r_eol[] = {
	{ '\n', '\n' }, { '\r', '\r' }, { 0x85, 0x85 }, { 0x2028, 0x2029 },
};

#define NR(a) (sizeof a / sizeof a[0])

static const struct {
	const char *name;
	const struct expr_range *r;
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
	{ "Han", r_han, NR(r_han) },
	{ "script=Han", r_han, NR(r_han) },
	{ "sc=Han", r_han, NR(r_han) },
	{ "InCJKUnifiedIdeographs", r_cjk, NR(r_cjk) },
	{ "InCJK_Unified_Ideographs", r_cjk, NR(r_cjk) },
};

void
expr_cset_add(struct expr_cset *c, uint32_t lo, uint32_t hi)
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
cs_addv(struct expr_cset *c, const struct expr_range *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		expr_cset_add(c, r[i].lo, r[i].hi);
}

static int
cs_cmp(const void *a, const void *b)
{
	const struct expr_range *x = a, *y = b;

	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

void
expr_cset_norm(struct expr_cset *c)
{
	struct expr_cset o = { NULL, 0, 0 };
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
			expr_cset_add(&o, lo, hi);
	}
	free(c->r);
	*c = o;
	memset(&o, 0, sizeof o);
	for (i = 0; i < c->n; i++) {
		uint32_t lo = c->r[i].lo, hi = c->r[i].hi;

		if (hi < 0xd800 || lo > 0xdfff)
			expr_cset_add(&o, lo, hi);
		else {
			if (lo < 0xd800)
				expr_cset_add(&o, lo, 0xd7ff);
			if (hi > 0xdfff)
				expr_cset_add(&o, 0xe000, hi);
		}
	}
	free(c->r);
	*c = o;
}

void
expr_cset_negate(struct expr_cset *c)
{
	struct expr_cset o = { NULL, 0, 0 };
	uint32_t next = 1;
	size_t i;

	expr_cset_norm(c);
	for (i = 0; i < c->n; i++) {
		if (c->r[i].lo > next)
			expr_cset_add(&o, next, c->r[i].lo - 1);
		next = c->r[i].hi + 1;
	}
	if (next <= 0x10ffff)
		expr_cset_add(&o, next, 0x10ffff);
	free(c->r);
	*c = o;
	expr_cset_norm(c);
}

size_t
expr_utf8_enc(uint32_t c, unsigned char *b)
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
	n = expr_utf8_enc(lo, x);
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
	expr_utf8_enc(hi, y);
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

void
expr_cset_emit(struct buf *b, const struct expr_cset *c)
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

void
expr_cset_free(struct expr_cset *c)
{
	free(c->r);
	memset(c, 0, sizeof *c);
}

/* Add set tmp (negated if neg) to c, and empty tmp. */
static void
add_set(struct expr_cset *c, struct expr_cset *tmp, bool neg)
{
	size_t i;

	if (neg)
		expr_cset_negate(tmp);
	for (i = 0; i < tmp->n; i++)
		expr_cset_add(c, tmp->r[i].lo, tmp->r[i].hi);
	expr_cset_free(tmp);
}

bool
expr_cset_class(struct expr_cset *c, char e)
{
	struct expr_cset tmp = { NULL, 0, 0 };

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
	add_set(c, &tmp, e == 'D' || e == 'S' || e == 'W');
	return true;
}

static const struct expr_range *
prop_lookup(const char *name, size_t len, size_t *n)
{
	size_t i;

	for (i = 0; i < NR(props); i++) {
		if (strlen(props[i].name) == len &&
		    memcmp(props[i].name, name, len) == 0) {
			*n = props[i].n;
			return props[i].r;
		}
	}
	return NULL;
}

bool
expr_cset_prop(struct expr_cset *c, const char *name, size_t len, bool neg)
{
	struct expr_cset tmp = { NULL, 0, 0 };
	const struct expr_range *r;
	size_t n;

	/* Java spells a class both "Alpha" and "IsAlpha", "Han" and
	 * "IsHan". */
	r = prop_lookup(name, len, &n);
	if (r == NULL && len > 2 && strncmp(name, "Is", 2) == 0)
		r = prop_lookup(name + 2, len - 2, &n);
	if (r == NULL)
		return false;
	cs_addv(&tmp, r, n);
	add_set(c, &tmp, neg);
	return true;
}

void
expr_cset_any(struct expr_cset *c)
{
	struct expr_cset tmp = { NULL, 0, 0 };

	cs_addv(&tmp, r_eol, NR(r_eol));
	add_set(c, &tmp, true);
}
