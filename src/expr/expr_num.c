/*
 * expr_num.c - numbers as ODK Collect reads, prints and rounds them.
 *
 * Reading text follows XPath (a trimmed decimal, no exponent, no '+'), with
 * Collect's leniency for a decimal comma; a date reads as its day number.
 * A typed value (an integer or decimal answer, a numeric calculation) is
 * read as Collect holds it, a Java double, so the exponent form that
 * Double.toString writes ("1.2E7") reads back as the same number.
 * Printing gives whole numbers without a point and other numbers as
 * Java's Double.toString does (the shortest decimal that reads back to
 * the same double, in exponent form outside 1e-3 .. 1e7: 1.5E-4), as
 * Collect prints them.  All of it is independent of the process locale.
 */
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr/expr_int.h"
#include "util/xalloc.h"

locale_t
expr_c_locale(void)
{
	static locale_t c;

	if (c == (locale_t)0)
		c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	if (c == (locale_t)0)
		xalloc_die();
	return c;
}

static double
c_strtod(const char *s)
{
	return strtod_l(s, NULL, expr_c_locale());
}

double
expr_num_literal(const char *s, size_t len)
{
	char tmp[64], *heap = NULL;
	double d;

	if (len < sizeof tmp) {
		memcpy(tmp, s, len);
		tmp[len] = '\0';
		return c_strtod(tmp);
	}
	heap = xstrndup(s, len);
	d = c_strtod(heap);
	free(heap);
	return d;
}

double
expr_str_to_num(const char *s, size_t len, int tz_offset)
{
	char tmp[64], *p = tmp;
	size_t i, ndigit = 0, npoint = 0;
	double d = NAN, days;
	bool has_time;

	/* Java's trim(): every character up to and including space. */
	while (len > 0 && (unsigned char)s[0] <= ' ') {
		s++;
		len--;
	}
	while (len > 0 && (unsigned char)s[len - 1] <= ' ')
		len--;
	for (i = 0; i < len; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			ndigit++;
		else if (s[i] == '.' || s[i] == ',')
			npoint++;
		else if (s[i] != '-' || i != 0)
			goto date;
	}
	if (ndigit == 0 || npoint > 1)
		goto date;
	if (len >= sizeof tmp)
		p = xmalloc(len + 1);
	for (i = 0; i < len; i++)
		p[i] = s[i] == ',' ? '.' : s[i];
	p[len] = '\0';
	d = c_strtod(p);
	if (p != tmp)
		free(p);
	return d;
date:
	if (len >= 10 && s[4] == '-' &&
	    expr_date_parse(s, len, true, tz_offset, &days, &has_time))
		return floor(days);
	return NAN;
}

double
expr_read_number(const char *s)
{
	const char *p = s;
	size_t digits = 0;

	while ((unsigned char)*p <= ' ' && *p != '\0')
		p++;
	s = p;
	if (*p == '-' || *p == '+')
		p++;
	if (strcmp(p, "Infinity") == 0)
		return *s == '-' ? -INFINITY : INFINITY;
	for (; *p >= '0' && *p <= '9'; p++)
		digits++;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			digits++;
	if (digits == 0)
		return NAN;
	if (*p == 'E' || *p == 'e') {
		p++;
		if (*p == '-' || *p == '+')
			p++;
		if (*p < '0' || *p > '9')
			return NAN;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	while ((unsigned char)*p <= ' ' && *p != '\0')
		p++;
	if (*p != '\0')
		return NAN;
	return c_strtod(s);
}

int
expr_num_jint(double d)
{
	if (isnan(d))
		return 0;
	if (d >= (double)INT_MAX)
		return INT_MAX;
	if (d <= (double)INT_MIN)
		return INT_MIN;
	return (int)d;
}

/*
 * The decimal digits of finite, non-zero |d| as Java's Double.toString
 * chooses them: the fewest that read back as d (at least two, and where
 * one would do, the closest two: 4.9E-324), digits[] without a point or
 * trailing zeros, and *point, the position of the decimal point counted
 * from the first digit (0.0123 -> "123", -1; 120 -> "12", 3).
 */
static void
shortest_digits(double d, char digits[24], int *point)
{
	char tmp[40], *p, *e;
	locale_t old;
	int prec, exp, n = 0;

	old = uselocale(expr_c_locale());
	for (prec = 2; prec <= 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*e", prec - 1, fabs(d));
		if (c_strtod(tmp) == fabs(d))
			break;
	}
	uselocale(old);
	e = strchr(tmp, 'e');
	exp = (int)strtol(e + 1, NULL, 10);
	for (p = tmp; p < e; p++)
		if (*p >= '0' && *p <= '9')
			digits[n++] = *p;
	while (n > 1 && digits[n - 1] == '0')
		n--;
	digits[n] = '\0';
	*point = exp + 1;
}

char *
expr_java_double(double d)
{
	struct buf b = BUF_INIT;
	char dig[24];
	int point, n, i;

	if (isnan(d))
		return xstrdup("NaN");
	if (isinf(d))
		return xstrdup(d < 0 ? "-Infinity" : "Infinity");
	if (d == 0)
		return xstrdup(signbit(d) ? "-0.0" : "0.0");
	shortest_digits(d, dig, &point);
	n = (int)strlen(dig);
	if (d < 0)
		buf_addch(&b, '-');
	if (fabs(d) >= 1e-3 && fabs(d) < 1e7) {
		if (point > 0) {
			for (i = 0; i < point; i++)
				buf_addch(&b, i < n ? dig[i] : '0');
			buf_addch(&b, '.');
			buf_addstr(&b, point < n ? dig + point : "0");
		} else {
			buf_addstr(&b, "0.");
			for (i = point; i < 0; i++)
				buf_addch(&b, '0');
			buf_addstr(&b, dig);
		}
	} else {
		buf_addch(&b, dig[0]);
		buf_addch(&b, '.');
		buf_addstr(&b, n > 1 ? dig + 1 : "0");
		buf_printf(&b, "E%d", point - 1);
	}
	return buf_detach(&b);
}

char *
expr_num_text(double d, double tol, double max, const char *nan)
{
	double whole;

	if (isnan(d))
		return xstrdup(nan);
	if (fabs(d) < 1e-12)
		return xstrdup("0");
	whole = trunc(d);
	if (whole <= max && whole >= -max - 1 && fabs(d - whole) < tol)
		return xasprintf("%lld", (long long)whole);
	return expr_java_double(d);
}

char *
expr_format_number(double d)
{
	/* Collect stores a whole result as an int or a long, any other as
	 * a double. */
	return expr_num_text(d, 1e-9, 9.2233720368547748e18, "");
}

/*
 * Collect rounds the decimal text of the number (Java's Double.toString)
 * with BigDecimal: half up for positive numbers, half down (ties toward
 * zero) for negative ones.  So round(1.005, 2) is 1.01 although the
 * double 1.005 lies below 1.005.
 */
double
expr_num_round(double d, double places_d)
{
	char digits[24], tmp[48];
	int point, n, keep, p, i;
	bool up;

	if (isnan(d) || isinf(d))
		return d;
	p = expr_num_jint(places_d);
	if (p > 30 || p < -30)
		return NAN;
	if (d == 0)
		return 0;
	shortest_digits(d, digits, &point);
	n = (int)strlen(digits);
	keep = point + p; /* digits that stay */
	if (keep >= n)
		return d;
	if (keep < 0)
		return 0;
	if (d > 0)
		up = digits[keep] >= '5';
	else {
		up = digits[keep] > '5';
		for (i = keep + 1; !up && digits[keep] == '5' && i < n; i++)
			up = digits[i] != '0';
	}
	/* tmp holds a leading '0' so a carry out of the first digit fits. */
	tmp[0] = '0';
	memcpy(tmp + 1, digits, (size_t)keep);
	keep++;
	if (up) {
		for (i = keep - 1; i >= 0; i--) {
			if (tmp[i] != '9') {
				tmp[i]++;
				break;
			}
			tmp[i] = '0';
		}
	}
	snprintf(tmp + keep, sizeof tmp - (size_t)keep, "e%d", -p);
	return (d < 0 ? -1 : 1) * c_strtod(tmp);
}
