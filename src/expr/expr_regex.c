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

#include "expr/expr_int.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define RE_MAX_REPEAT 1000
#define RE_MAX_COST 20000.0
#define RE_MAX_REPNEST 2
#define RE_MAX_NEST 64

struct expr_regex {
	char *pat; /* the Java pattern compiled below; NULL before any */
	bool ok;
	regex_t re;
	char *err;
};

struct frame {
	double cost; /* bytes the group expands to */
	double last; /* the cost of the last atom, for a quantifier */
	int reps;    /* nesting of counted repetitions inside the group */
	int lastreps; /* the same for the last atom */
	double prod;  /* the largest product of nested repetition counts */
	double lastprod;
	/* Whether the group can match the empty string: some finished
	 * alternative can, the current one can up to its last atom, and
	 * the last atom can. */
	bool any_null, seq_null, last_null;
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

static void
fail(struct tr *t, const char *what)
{
	if (t->err == NULL)
		t->err = xstrdup(what);
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

/* \uHHHH, joining a surrogate pair as Java does. */
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
static void
prop_escape(struct tr *t, bool neg, struct expr_cset *c)
{
	const char *name = t->p + t->i + 1, *end;

	if (t->i >= t->n || t->p[t->i] != '{' ||
	    (end = memchr(name, '}', t->n - t->i - 1)) == NULL) {
		fail(t, _("\\p needs a name in braces"));
		return;
	}
	if (!expr_cset_prop(c, name, (size_t)(end - name), neg)) {
		fail(t, _("unsupported character property in \\p{...}"));
		return;
	}
	t->i = (size_t)(end - t->p) + 1;
}

enum esc { ESC_CHAR, ESC_SET, ESC_OTHER };

/*
 * The escape after a backslash (t->i is past it): a single character
 * (*c), a set added to *set, or ESC_OTHER for the caller to handle
 * (anchors and back-references are only meaningful outside classes).
 */
static enum esc
escape(struct tr *t, uint32_t *c, struct expr_cset *set)
{
	char e;
	int k;

	*c = 0;
	if (t->i >= t->n) {
		fail(t, _("pattern ends with a backslash"));
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
			fail(t, _("invalid \\x escape"));
		return ESC_CHAR;
	case 'u':
		if (!u_escape(t, c))
			fail(t, _("invalid \\u escape"));
		return ESC_CHAR;
	case '0':
		*c = 0;
		for (k = 0; k < 3 && t->i < t->n && t->p[t->i] >= '0' &&
		    t->p[t->i] <= '7' && *c * 8 + (uint32_t)(t->p[t->i] - '0')
		    <= 0377; k++)
			*c = *c * 8 + (uint32_t)(t->p[t->i++] - '0');
		if (k == 0)
			fail(t, _("invalid octal escape \\0"));
		return ESC_CHAR;
	case 'p':
	case 'P':
		prop_escape(t, e == 'P', set);
		return ESC_SET;
	default:
		break;
	}
	if (expr_cset_class(set, e))
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
class_item(struct tr *t, struct expr_cset *c, uint32_t *ch)
{
	if (t->p[t->i] == '[') {
		fail(t, _("nested character classes are not supported"));
		return false;
	}
	if (t->p[t->i] == '&' && t->i + 1 < t->n && t->p[t->i + 1] == '&') {
		fail(t, _("class intersection (&&) is not supported"));
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
		fail(t, _("unsupported escape in a character class"));
		return false;
	}
}

/* [...] with t->i past the '['. */
static void
char_class(struct tr *t, struct expr_cset *c)
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
			fail(t, _("unclosed character class"));
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
				fail(t,
				    _("invalid range in a character class"));
				return;
			}
			if (lo > hi) {
				fail(t,
				    _("invalid range in a character class"));
				return;
			}
			expr_cset_add(c, lo, hi);
		} else
			expr_cset_add(c, lo, lo);
	}
	if (neg)
		expr_cset_negate(c);
	else
		expr_cset_norm(c);
}

static void
frame_init(struct frame *f)
{
	memset(f, 0, sizeof *f);
	f->cost = 1;
	f->prod = 1;
	f->seq_null = true;
	f->last_null = true;
}

/* An atom was just emitted from byte `mark` of the output. */
static void
atom_done(struct tr *t, size_t mark, bool nullable)
{
	struct frame *f = &t->fr[t->depth];

	f->seq_null = f->seq_null && f->last_null;
	f->last_null = nullable;
	f->last = (double)(t->out.len - mark);
	f->cost += f->last;
	f->lastreps = 0;
	f->lastprod = 1;
	t->atom = true;
}

static void
emit_set(struct tr *t, struct expr_cset *c)
{
	size_t mark = t->out.len;

	expr_cset_emit(&t->out, c);
	atom_done(t, mark, false);
}

static void
emit_char(struct tr *t, uint32_t c)
{
	static const char special[] = ".[]()*+?{}|^$\\";
	unsigned char b[4];
	size_t mark = t->out.len, n;

	if (c < 0x80) {
		if (c == 0)
			fail(t, _("a NUL character cannot be matched"));
		else if (strchr(special, (int)c) != NULL)
			buf_printf(&t->out, "\\%c", (char)c);
		else
			buf_addch(&t->out, (char)c);
	} else {
		n = expr_utf8_enc(c, b);
		buf_addch(&t->out, '(');
		buf_add(&t->out, b, n);
		buf_addch(&t->out, ')');
	}
	atom_done(t, mark, false);
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
		fail(t, _("a quantifier with nothing to repeat"));
		return;
	}
	if (q == '{') {
		if (!read_int(t, &lo)) {
			fail(t, _("invalid repetition {...}"));
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
			fail(t, _("invalid repetition {...}"));
			return;
		}
		t->i++;
		if (lo > RE_MAX_REPEAT || hi > RE_MAX_REPEAT) {
			fail(t, _("repetition count over 1000"));
			return;
		}
		/* An atom that matches "" repeated n to m times is the same
		 * as m times (or any number for {n,}), and regcomp takes time
		 * cubic in m for the first form. */
		if (f->last_null && hi < 0)
			buf_addch(&t->out, '*');
		else if (f->last_null)
			buf_printf(&t->out, "{%ld}", hi);
		else if (hi < 0)
			buf_printf(&t->out, "{%ld,}", lo);
		else
			buf_printf(&t->out, "{%ld,%ld}", lo, hi);
		hi = hi > lo ? hi : lo;
		if (hi > 1) {
			f->cost += f->last * (double)(hi - 1);
			f->last *= (double)hi;
			/* regcomp copies the atom per count, and its work grows
			 * much faster than the copies when they nest. */
			f->lastprod *= (double)hi;
			if (++f->lastreps > RE_MAX_REPNEST ||
			    f->lastprod > RE_MAX_REPEAT) {
				fail(t,
				    _("counted repetitions nested too deeply"));
				return;
			}
			if (f->lastreps > f->reps)
				f->reps = f->lastreps;
			if (f->lastprod > f->prod)
				f->prod = f->lastprod;
		}
	} else
		buf_addch(&t->out, q);
	if (q != '+' && lo == 0)
		f->last_null = true;
	t->atom = false;
	if (t->i < t->n && t->p[t->i] == '?')
		t->i++;
	else if (t->i < t->n && t->p[t->i] == '+')
		fail(t, _("possessive quantifiers are not supported"));
}

static void
group_open(struct tr *t)
{
	if (t->i < t->n && t->p[t->i] == '?') {
		if (t->i + 1 < t->n && t->p[t->i + 1] == ':')
			t->i += 2;
		else {
			fail(t,
			    _("(?...) groups (look-around, flags, names) are "
			    "not supported"));
			return;
		}
	}
	if (t->depth == RE_MAX_NEST) {
		fail(t, _("groups nested too deeply"));
		return;
	}
	buf_addch(&t->out, '(');
	t->depth++;
	frame_init(&t->fr[t->depth]);
	t->atom = false;
}

static void
group_close(struct tr *t)
{
	struct frame *f;
	double cost, prod;
	int reps;
	bool nullable;

	if (t->depth == 0) {
		fail(t, _("unbalanced ')'"));
		return;
	}
	buf_addch(&t->out, ')');
	f = &t->fr[t->depth];
	cost = f->cost + 1;
	reps = f->reps;
	prod = f->prod;
	nullable = f->any_null || (f->seq_null && f->last_null);
	t->depth--;
	f = &t->fr[t->depth];
	f->seq_null = f->seq_null && f->last_null;
	f->last_null = nullable;
	t->fr[t->depth].last = cost;
	t->fr[t->depth].cost += cost;
	t->fr[t->depth].lastreps = reps;
	t->fr[t->depth].lastprod = prod;
	if (reps > t->fr[t->depth].reps)
		t->fr[t->depth].reps = reps;
	if (prod > t->fr[t->depth].prod)
		t->fr[t->depth].prod = prod;
	t->atom = true;
}

static void
backslash(struct tr *t)
{
	struct expr_cset c = { NULL, 0, 0 };
	uint32_t ch;
	char e;

	switch (escape(t, &ch, &c)) {
	case ESC_CHAR:
		emit_char(t, ch);
		break;
	case ESC_SET:
		expr_cset_norm(&c);
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
			fail(t, _("back-references are not supported"));
		else
			fail(t, _("unsupported escape"));
	}
	expr_cset_free(&c);
}

static void
translate(struct tr *t)
{
	struct expr_cset c;
	struct frame *f;
	char ch;

	frame_init(&t->fr[0]);
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
			expr_cset_free(&c);
			break;
		case '.':
			t->i++;
			memset(&c, 0, sizeof c);
			expr_cset_any(&c);
			expr_cset_norm(&c);
			emit_set(t, &c);
			expr_cset_free(&c);
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
			f = &t->fr[t->depth];
			f->any_null = f->any_null || (f->seq_null &&
			    f->last_null);
			f->seq_null = true;
			f->last_null = true;
			/* FALLTHROUGH */
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
			fail(t, _("pattern too large"));
	}
	if (t->err == NULL && t->depth > 0)
		fail(t, _("unclosed group '('"));
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
		r->err = kesu_msg(_("regex: invalid pattern '%s': %s"), pat,
		    t.err);
		goto out;
	}
	old = uselocale(expr_c_locale());
	rc = regcomp(&r->re, t.out.data, REG_EXTENDED | REG_NOSUB);
	uselocale(old);
	if (rc != 0) {
		regerror(rc, &r->re, msg, sizeof msg);
		r->err = kesu_msg(_("regex: invalid pattern '%s': %s"), pat,
		    msg);
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
