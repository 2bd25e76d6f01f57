/*
 * engine_value.c - typed answers: from what a person typed to the text
 * the instance holds, as ODK Collect stores it.
 *
 * integer          optional sign and digits within a 32-bit int (as
 *                  Collect's IntegerData), printed without '+' or leading
 *                  zeros ("+007" -> "7", "-0" -> "0"); "1.5" is refused
 * decimal          digits with an optional point (no exponent, no
 *                  comma, at most 15 significant digits), printed as
 *                  Java's Double.toString ("2" -> "2.0", "12000000" ->
 *                  "1.2E7"); expressions read it back as the same number
 * date             YYYY-MM-DD, a real calendar date
 * select_one       a choice name of the list that passes choice_filter
 * select_multiple  such names separated by white space; duplicates
 *                  dropped, written in choice-list order
 * rank             every choice name that passes choice_filter, once
 *                  each, in the order ranked (as ODK stores odk:rank)
 * acknowledge      "OK", "1" or "yes" (any case) -> "OK"
 * text             as typed, minus the C0 control characters other than
 *                  tab and newline, DEL and the C1 controls, so that no
 *                  escape sequence reaches a terminal or the XML
 * White space around numbers, dates, choices and acknowledgements is
 * ignored; text keeps it.
 *
 * Numbers are parsed and printed in the C locale whatever the process
 * locale is: a decimal point is '.', always.
 */
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>

#include "engine/engine_int.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static locale_t
value_c_locale(void)
{
	static locale_t c;

	if (c == (locale_t)0) {
		c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
		if (c == (locale_t)0)
			xalloc_die();
	}
	return c;
}

static bool
value_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\f' || c == '\v';
}

static bool
value_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* s without surrounding ASCII white space; caller frees. */
static char *
value_trim(const char *s)
{
	const char *end;

	while (value_space(*s))
		s++;
	end = s + strlen(s);
	while (end > s && value_space(end[-1]))
		end--;
	return xstrndup(s, (size_t)(end - s));
}

bool
engine_utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p != '\0') {
		unsigned int c = *p, cp;
		int n, i;

		if (c < 0x80) {
			p++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
		} else
			return false;
		for (i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (p[i] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		p += n + 1;
	}
	return true;
}

char *
engine_clean_text(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	struct buf b = BUF_INIT;

	for (; *p != '\0'; p++) {
		if ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7f)
			continue;
		/* C1 controls, U+0080..U+009F: C2 80..C2 9F in UTF-8. */
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			p++;
			continue;
		}
		buf_addch(&b, (char)*p);
	}
	return buf_detach(&b);
}

char *
engine_quote(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	struct buf b = BUF_INIT;
	int chars = 0;

	for (; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			continue;
		if ((*p & 0xc0) != 0x80 && ++chars > 40) {
			buf_addstr(&b, "...");
			break;
		}
		buf_addch(&b, (char)*p);
	}
	return buf_detach(&b);
}

char *
engine_java_double(double d)
{
	return expr_java_double(d);
}

char *
engine_edit_text(const engine *e, int field)
{
	const char *v = engine_seen(e, field), *p, *x;
	struct buf b = BUF_INIT;
	char dig[40];
	int n = 0, point = 0, exp, i;

	if (form_field(e->f, field)->type != FORM_DECIMAL ||
	    (x = strchr(v, 'E')) == NULL)
		return xstrdup(v);
	/* d.dddE<n>, as Java writes it: the digits and where the point is. */
	p = v;
	if (*p == '-')
		buf_addch(&b, *p++);
	for (; p < x && n < (int)sizeof dig - 1; p++) {
		if (*p == '.')
			point = n;
		else if (value_digit(*p))
			dig[n++] = *p;
	}
	while (n > 1 && dig[n - 1] == '0')
		n--;
	dig[n] = '\0';
	exp = (int)strtol(x + 1, NULL, 10);
	if (exp < -400 || exp > 400) {
		buf_free(&b);
		return xstrdup(v);
	}
	point += exp;
	if (point <= 0) {
		buf_addstr(&b, "0.");
		for (i = point; i < 0; i++)
			buf_addch(&b, '0');
		buf_addstr(&b, dig);
	} else {
		for (i = 0; i < point || i < n; i++) {
			if (i == point)
				buf_addch(&b, '.');
			buf_addch(&b, i < n ? dig[i] : '0');
		}
	}
	return buf_detach(&b);
}

static int
value_integer(const char *s, char **out, char **cause)
{
	const char *p = s, *digits;
	char *q = NULL;
	long long v = 0;
	bool neg = false;
	int rc;

	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	while (*p == '0' && value_digit(p[1]))
		p++;
	digits = p;
	while (value_digit(*p))
		p++;
	if (p == digits || *p != '\0') {
		q = engine_quote(s);
		rc = kesu_fail(cause, KESU_EDATA,
		    _("'%s' is not a whole number"), q);
		free(q);
		return rc;
	}
	if (p - digits > 10)
		v = 1LL << 40;
	else
		for (p = digits; *p != '\0'; p++)
			v = v * 10 + (*p - '0');
	if (neg)
		v = -v;
	if (v < -2147483648LL || v > 2147483647LL) {
		q = engine_quote(s);
		rc = kesu_fail(cause, KESU_EDATA,
		    _("%s is out of range: a whole number goes from "
		    "-2147483648 to 2147483647"), q);
		free(q);
		return rc;
	}
	*out = xasprintf("%lld", v);
	return 0;
}

/*
 * A decimal as a person types it: optional sign, digits, optional point.
 * As on Collect's decimal widget (which offers digits, '-' and '.'),
 * there is no exponent; and at most 15 significant digits, so that the
 * double holds exactly the number typed and reads back as it: a 30-digit
 * number is refused, not rounded.
 */
static int
value_decimal(const char *s, char **out, char **cause)
{
	const char *p = s, *first = NULL, *last = NULL;
	char *q;
	double d;
	int digits = 0, sig = 0, rc;

	if (*p == '+' || *p == '-')
		p++;
	for (; value_digit(*p); p++, digits++)
		if (*p != '0')
			last = first != NULL ? p : (first = p);
	if (*p == '.')
		for (p++; value_digit(*p); p++, digits++)
			if (*p != '0')
				last = first != NULL ? p : (first = p);
	if (digits == 0)
		goto bad;
	if (*p == 'e' || *p == 'E') {
		q = engine_quote(s);
		rc = kesu_fail(cause, KESU_EDATA,
		    _("'%s' is not a number as kesu takes it: write it in "
		    "digits with an optional decimal point and no exponent "
		    "(12000000, not 1.2e7)"), q);
		free(q);
		return rc;
	}
	if (*p != '\0')
		goto bad;
	/* Significant digits: from the first to the last non-zero one. */
	for (p = first; p != NULL && p <= last; p++)
		if (value_digit(*p))
			sig++;
	if (sig > 15) {
		q = engine_quote(s);
		rc = kesu_fail(cause, KESU_EDATA,
		    _("%s has more than 15 significant digits, more than a "
		    "decimal answer keeps; round it"), q);
		free(q);
		return rc;
	}
	errno = 0;
	d = strtod_l(s, NULL, value_c_locale());
	if (!isfinite(d) || errno == ERANGE)
		goto bad;
	*out = engine_java_double(d);
	return 0;
bad:
	q = engine_quote(s);
	rc = kesu_fail(cause, KESU_EDATA, _("'%s' is not a number"), q);
	free(q);
	return rc;
}

static int
value_date(const char *s, char **out, char **cause)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };
	int y, m, d, i, rc, len;
	char *q;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		goto bad;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !value_digit(s[i]))
			goto bad;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1 || m < 1 || m > 12 || d < 1)
		goto bad;
	len = mdays[m - 1];
	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		len = 29;
	if (d > len)
		goto bad;
	*out = xstrdup(s);
	return 0;
bad:
	q = engine_quote(s);
	rc = kesu_fail(cause, KESU_EDATA,
	    _("'%s' is not a date; write it as YYYY-MM-DD"), q);
	free(q);
	return rc;
}

static int
value_not_choice(const char *name, char **cause)
{
	char *q = engine_quote(name);
	int rc;

	rc = kesu_fail(cause, KESU_EDATA, _("'%s' is not one of the choices"),
	    q);
	free(q);
	return rc;
}

static int
value_select_one(const engine *e, int i, const char *s, char **out,
    char **cause)
{
	int list = form_field(e->f, i)->list, c;

	if (form_field(e->f, i)->source >= 0) {
		/* select_one ${q}: an answer of q the question offers now */
		if (!engine_offers(e, i, s))
			return value_not_choice(s, cause);
		*out = xstrdup(s);
		return 0;
	}
	c = form_choice_find(e->f, list, s);
	if (c < 0 || !engine_choice_passes(e, i, c))
		return value_not_choice(s, cause);
	*out = xstrdup(s);
	return 0;
}

/*
 * The next space-separated choice name at *p of select field i: *more
 * false at the end, else its name (caller frees) and index *c; an error
 * when it is no choice the field offers now.
 */
static int
value_word(const engine *e, int i, const char **p, bool *more, char **name,
    int *c, char **cause)
{
	const char *w, *s = *p;

	while (value_space(*s))
		s++;
	if ((*more = *s != '\0') == false)
		return 0;
	for (w = s; *s != '\0' && !value_space(*s); s++)
		;
	*p = s;
	*name = xstrndup(w, (size_t)(s - w));
	*c = form_choice_find(e->f, form_field(e->f, i)->list, *name);
	if (*c < 0 || !engine_choice_passes(e, i, *c)) {
		int rc = value_not_choice(*name, cause);

		free(*name);
		*name = NULL;
		return rc;
	}
	return 0;
}

static int
value_select_multiple(const engine *e, int i, const char *s, char **out,
    char **cause)
{
	int list = form_field(e->f, i)->list, n, c, k, j, rc = 0;
	int *ord;
	bool *on;
	struct buf b = BUF_INIT;
	const char *p = s;

	n = form_list_size(e->f, list);
	on = xcalloc((size_t)n + 1, sizeof *on);
	for (;;) {
		char *name = NULL;
		bool more;

		if ((rc = value_word(e, i, &p, &more, &name, &c, cause)) != 0)
			goto out;
		if (!more)
			break;
		on[c] = true;
		free(name);
	}
	/* In the order the choices are shown, as Collect writes them: the
	 * list's order, or the randomized one. */
	ord = xcalloc((size_t)n + 1, sizeof *ord);
	for (c = 0, k = 0; c < n; c++)
		if (on[c])
			ord[k++] = c;
	if (form_field(e->f, i)->randomize) {
		for (c = 0, k = 0; c < n; c++)
			if (engine_choice_passes(e, i, c))
				ord[k++] = c;
		engine_order(e, i, ord, k);
	}
	for (j = 0; j < k; j++) {
		if (!on[ord[j]])
			continue;
		if (b.len > 0)
			buf_addch(&b, ' ');
		buf_addstr(&b, form_choice(e->f, list, ord[j])->name);
	}
	free(ord);
	*out = buf_detach(&b);
out:
	buf_free(&b);
	free(on);
	return rc;
}

static int
value_rank(const engine *e, int i, const char *s, char **out, char **cause)
{
	int list = form_field(e->f, i)->list, n, c, rc = 0;
	bool *on;
	char *q = NULL;
	struct buf b = BUF_INIT;
	const char *p = s;

	n = form_list_size(e->f, list);
	on = xcalloc((size_t)n + 1, sizeof *on);
	while (rc == 0) {
		char *name = NULL;
		bool more;

		if ((rc = value_word(e, i, &p, &more, &name, &c, cause)) != 0 ||
		    !more)
			break;
		if (on[c]) {
			q = engine_quote(name);
			rc = kesu_fail(cause, KESU_EDATA,
			    _("'%s' is ranked twice; rank each choice once"), q);
		} else {
			on[c] = true;
			if (b.len > 0)
				buf_addch(&b, ' ');
			buf_addstr(&b, name);
		}
		free(name);
	}
	/* ODK stores a ranking of every choice shown. */
	for (c = 0; c < n && rc == 0; c++)
		if (!on[c] && engine_choice_passes(e, i, c)) {
			q = engine_quote(form_choice(e->f, list, c)->name);
			rc = kesu_fail(cause, KESU_EDATA,
			    _("'%s' is not ranked; rank every choice"), q);
		}
	if (rc == 0)
		*out = buf_detach(&b);
	buf_free(&b);
	free(q);
	free(on);
	return rc;
}

static int
value_acknowledge(const char *s, char **out, char **cause)
{
	char *q;
	int rc;

	if (strcasecmp(s, "OK") == 0 || strcmp(s, "1") == 0 ||
	    strcasecmp(s, "yes") == 0) {
		*out = xstrdup("OK");
		return 0;
	}
	q = engine_quote(s);
	rc = kesu_fail(cause, KESU_EDATA,
	    _("'%s' does not acknowledge; answer OK or leave it empty"), q);
	free(q);
	return rc;
}

int
engine_parse(const engine *e, int i, const char *text, char **out,
    char **cause)
{
	const struct form_field *fld = form_field(e->f, i);
	char *s = NULL;
	int rc = 0;

	*out = NULL;
	if (!engine_utf8_valid(text))
		return kesu_fail(cause, KESU_EDATA,
		    _("The answer is not valid UTF-8 text."));
	if (fld->type == FORM_TEXT) {
		*out = engine_clean_text(text);
		return 0;
	}
	s = value_trim(text);
	if (*s == '\0') {
		*out = s;
		return 0;
	}
	switch (fld->type) {
	case FORM_INTEGER:
		rc = value_integer(s, out, cause);
		break;
	case FORM_DECIMAL:
		rc = value_decimal(s, out, cause);
		break;
	case FORM_DATE:
		rc = value_date(s, out, cause);
		break;
	case FORM_SELECT_ONE:
		rc = value_select_one(e, i, s, out, cause);
		break;
	case FORM_SELECT_MULTIPLE:
		rc = value_select_multiple(e, i, s, out, cause);
		break;
	case FORM_RANK:
		rc = value_rank(e, i, s, out, cause);
		break;
	case FORM_ACKNOWLEDGE:
		rc = value_acknowledge(s, out, cause);
		break;
	case FORM_TIME:
	case FORM_DATETIME:
	case FORM_RANGE:
	case FORM_GEOPOINT:
		rc = engine_parse_typed(e, i, s, out, cause);
		break;
	default:
		*out = engine_clean_text(s);
		break;
	}
	free(s);
	return rc;
}
