/*
 * sheet_xlsx_value.c - .xlsx cell values as the text pyxform makes of them.
 *
 * pyxform reads .xlsx through openpyxl and turns each value into text with
 * Python's str(): integers print as integers, a float that holds a whole
 * number prints without ".0" (3.0 -> "3"), other floats print as Python's
 * repr (shortest round-trip digits: 0.1 -> "0.1", 1e-05), booleans print
 * "TRUE"/"FALSE", and a number in a cell whose style shows a date becomes
 * a datetime ("2026-11-28 00:00:00") or, below 1, a time ("12:00:00").
 * These functions reproduce that, including openpyxl's test of which
 * number formats are dates.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sheet/sheet_int.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* Python's int(): optional sign, digits, surrounding spaces.  Sets the
 * digits span and sign; returns -1 when it is not an integer. */
static int
xval_int_span(const char *s, size_t len, int *neg, const char **dig,
    size_t *ndig)
{
	size_t i = 0;

	sheet_trim(&s, &len);
	*neg = 0;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		*neg = s[i++] == '-';
	if (i == len)
		return -1;
	*dig = s + i;
	*ndig = len - i;
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
	}
	return 0;
}

int
sheet_xval_int(const char *s, size_t len, long long *out)
{
	const char *dig;
	size_t ndig, i;
	long long v = 0;
	int neg;

	if (xval_int_span(s, len, &neg, &dig, &ndig) != 0)
		return -1;
	for (i = 0; i < ndig; i++) {
		if (v > (999999999999999999LL - (dig[i] - '0')) / 10)
			return -1;
		v = v * 10 + (dig[i] - '0');
	}
	*out = neg ? -v : v;
	return 0;
}

int
sheet_xval_bool(const char *s, size_t len, struct buf *out)
{
	const char *dig;
	size_t ndig, i;
	int neg, set = 0;

	if (xval_int_span(s, len, &neg, &dig, &ndig) != 0)
		return -1;
	for (i = 0; i < ndig; i++)
		set |= dig[i] != '0';
	buf_addstr(out, set ? "TRUE" : "FALSE");
	return 0;
}

/* Python's float() on what openpyxl hands it (text with '.', 'e' or 'E'):
 * [sign] digits [. digits] [e [sign] digits], at least one digit before
 * the exponent. */
static int
xval_float(const char *s, size_t len, double *out)
{
	char *tmp;
	size_t i = 0, mant = 0;

	sheet_trim(&s, &len);
	if (len == 0)
		return -1;
	if (s[i] == '+' || s[i] == '-')
		i++;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		mant++;
	if (i < len && s[i] == '.') {
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			mant++;
	}
	if (mant == 0)
		return -1;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i == len)
			return -1;
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			;
	}
	if (i != len)
		return -1;
	tmp = xstrndup(s, len);
	*out = strtod(tmp, NULL);
	free(tmp);
	return 0;
}

/* Python's repr() of a finite double that is not a whole number. */
static void
xval_repr(double d, struct buf *out)
{
	char e[40], dig[20];
	int prec, exp, n, decpt, i;
	char *p;

	for (prec = 1; prec <= 17; prec++) {
		snprintf(e, sizeof e, "%.*e", prec - 1, d);
		if (strtod(e, NULL) == d)
			break;
	}
	/* e is "-d.ddde+XX": collect the digits and the exponent. */
	p = e;
	if (*p == '-') {
		buf_addch(out, '-');
		p++;
	}
	for (n = 0; *p != 'e'; p++) {
		if (*p != '.' && n < (int)sizeof dig - 1)
			dig[n++] = *p;
	}
	while (n > 1 && dig[n - 1] == '0')
		n--;
	dig[n] = '\0';
	exp = (int)strtol(p + 1, NULL, 10);
	decpt = exp + 1;
	if (decpt <= -4 || decpt > 16) {
		buf_addch(out, dig[0]);
		if (n > 1) {
			buf_addch(out, '.');
			buf_addstr(out, dig + 1);
		}
		buf_printf(out, "e%c%02d", exp < 0 ? '-' : '+', abs(exp));
	} else if (decpt <= 0) {
		buf_addstr(out, "0.");
		for (i = decpt; i < 0; i++)
			buf_addch(out, '0');
		buf_addstr(out, dig);
	} else if (decpt >= n) {
		buf_addstr(out, dig);
		for (i = n; i < decpt; i++)
			buf_addch(out, '0');
		buf_addstr(out, ".0");
	} else {
		buf_add(out, dig, (size_t)decpt);
		buf_addch(out, '.');
		buf_addstr(out, dig + decpt);
	}
}

/* Days from 0001-01-01 (day 0) to y-m-d, proleptic Gregorian. */
static long
xval_days(long y, int m, int d)
{
	static const int before[] = { 0, 31, 59, 90, 120, 151, 181, 212,
		243, 273, 304, 334 };
	long yy = y - 1;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return yy * 365 + yy / 4 - yy / 100 + yy / 400 + before[m - 1] +
	    (m > 2 && leap) + d - 1;
}

static int
xval_mdays(long y, int m)
{
	static const int n[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return n[m - 1] + (m == 2 && leap);
}

/* The date of day number n (see xval_days). */
static void
xval_ymd(long n, long *y, int *m, int *d)
{
	long yy = 1 + n / 366;

	while (xval_days(yy + 1, 1, 1) <= n)
		yy++;
	*y = yy;
	*m = 1;
	n -= xval_days(yy, 1, 1);
	while (n >= xval_mdays(yy, *m)) {
		n -= xval_mdays(yy, *m);
		(*m)++;
	}
	*d = (int)n + 1;
}

/* Python's str() of a time: HH:MM:SS, then .ffffff when not zero. */
static void
xval_time(long secs, long usec, struct buf *out)
{
	buf_printf(out, "%02ld:%02ld:%02ld", secs / 3600, secs / 60 % 60,
	    secs % 60);
	if (usec != 0)
		buf_printf(out, ".%06ld", usec);
}

/* openpyxl's from_excel(): a serial day number to a datetime, or a time
 * below 1.  Out of range values become "#VALUE!", as openpyxl makes them. */
static void
xval_serial(double v, int date1904, struct buf *out)
{
	double mod, day;
	long long ms;
	long n, y, secs;
	int m, d;

	if (!isfinite(v) || fabs(v) > 4e6) {
		buf_addstr(out, "#VALUE!");
		return;
	}
	/* Python's divmod(v, 1). */
	mod = fmod(v, 1.0);
	day = v - mod;
	if (mod != 0 && mod < 0) {
		mod += 1.0;
		day -= 1.0;
	}
	ms = (long long)nearbyint(mod * 86400 * 1000);
	if (v >= 0 && v < 1 && ms < 86400000LL) {
		xval_time((long)(ms / 1000), (long)(ms % 1000) * 1000, out);
		return;
	}
	if (v > 0 && v < 60 && !date1904)
		day += 1;
	n = (date1904 ? xval_days(1904, 1, 1) : xval_days(1899, 12, 30)) +
	    (long)day + (long)(ms / 86400000LL);
	ms %= 86400000LL;
	if (n < 0 || n > xval_days(9999, 12, 31)) {
		buf_addstr(out, "#VALUE!");
		return;
	}
	xval_ymd(n, &y, &m, &d);
	secs = (long)(ms / 1000);
	buf_printf(out, "%04ld-%02d-%02d ", y, m, d);
	xval_time(secs, (long)(ms % 1000) * 1000, out);
}

int
sheet_xval_number(const char *s, size_t len, int is_date, int date1904,
    struct buf *out)
{
	const char *dig;
	size_t ndig, i;
	double d;
	char tmp[400];
	int neg;

	if (memchr(s, '.', len) == NULL && memchr(s, 'e', len) == NULL &&
	    memchr(s, 'E', len) == NULL) {
		/* openpyxl makes a Python int of it. */
		if (xval_int_span(s, len, &neg, &dig, &ndig) != 0)
			return -1;
		while (ndig > 1 && *dig == '0') {
			dig++;
			ndig--;
		}
		if (is_date) {
			d = 0;
			for (i = 0; i < ndig && d < 1e9; i++)
				d = d * 10 + (dig[i] - '0');
			xval_serial(neg ? -d : d, date1904, out);
			return 0;
		}
		if (neg && !(ndig == 1 && *dig == '0'))
			buf_addch(out, '-');
		buf_add(out, dig, ndig);
		return 0;
	}
	if (xval_float(s, len, &d) != 0)
		return -1;
	if (is_date)
		xval_serial(d, date1904, out);
	else if (isinf(d))
		buf_addstr(out, d < 0 ? "-inf" : "inf");
	else if (d == floor(d)) {
		/* Python's str(int(d)): every digit of the whole number. */
		snprintf(tmp, sizeof tmp, "%.0f", d);
		buf_addstr(out, strcmp(tmp, "-0") == 0 ? "0" : tmp);
	} else
		xval_repr(d, out);
	return 0;
}

/* Two digits at s, as a number, or -1. */
static int
xval_2(const char *s)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

int
sheet_xval_isodate(const char *s, size_t len, struct buf *out)
{
	char tmp[64], frac[8] = "";
	int have_date = 0, have_time = 0, mo = 0, d = 0, h = 0, mi = 0;
	int sec = 0, y = 0, i;
	long usec = 0;
	size_t p = 0, nf;

	if (len >= sizeof tmp)
		return -1;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	/* openpyxl's ISO_REGEX, anchored at the start only:
	 * [YYYY-MM-DD][T][HH:MM[:SS[.f{1,3}]]][Z] */
	if (len >= 10 && tmp[4] == '-' && tmp[7] == '-' && xval_2(tmp) >= 0 &&
	    xval_2(tmp + 2) >= 0 && (mo = xval_2(tmp + 5)) >= 0 &&
	    (d = xval_2(tmp + 8)) >= 0) {
		y = xval_2(tmp) * 100 + xval_2(tmp + 2);
		have_date = 1;
		p = 10;
	}
	if (p < len && tmp[p] == 'T')
		p++;
	if (p + 5 <= len && tmp[p + 2] == ':' && (h = xval_2(tmp + p)) >= 0 &&
	    (mi = xval_2(tmp + p + 3)) >= 0) {
		have_time = 1;
		p += 5;
		if (p + 3 <= len && tmp[p] == ':' &&
		    (sec = xval_2(tmp + p + 1)) >= 0) {
			p += 3;
			if (p + 1 < len && tmp[p] == '.' && tmp[p + 1] >= '0' &&
			    tmp[p + 1] <= '9') {
				frac[0] = '.';
				for (nf = 1; nf <= 3 && p + nf < len &&
				    tmp[p + nf] >= '0' && tmp[p + nf] <= '9';
				    nf++)
					frac[nf] = tmp[p + nf];
				frac[nf] = '\0';
				/* int(float(".123") * 1_000_000) */
				usec = (long)(strtod(frac, NULL) * 1000000);
			}
		} else
			sec = 0;
	} else {
		h = mi = 0;
	}
	if (!have_date && !have_time)
		return -1;
	if (have_date && (mo < 1 || mo > 12 || y < 1 || d < 1 ||
	    d > xval_mdays(y, mo)))
		return -1;
	if (have_time && (h > 23 || mi > 59 || sec > 59))
		return -1;
	if (have_date) {
		buf_printf(out, "%04d-%02d-%02d", y, mo, d);
		if (!have_time)
			return 0;
		buf_addch(out, ' ');
	}
	i = h * 3600 + mi * 60 + sec;
	xval_time(i, usec, out);
	return 0;
}

int
sheet_xval_date_format(const char *fmt)
{
	size_t i, j, n;
	char *f;
	int date = 0;

	/* Only the first section counts; drop "quoted literals" and
	 * [locale] groups other than [h], [hh], [m], [mm], [s], [ss]. */
	n = strcspn(fmt, ";");
	f = xmalloc(n + 1);
	for (i = j = 0; i < n;) {
		if (fmt[i] == '"') {
			size_t k = i + 1;

			while (k < n && fmt[k] != '"' && fmt[k] != '\n')
				k++;
			if (k < n && fmt[k] == '"') {
				i = k + 1;
				continue;
			}
		}
		if (fmt[i] == '[') {
			const char *in = fmt + i + 1;
			size_t w = strcspn(in, "]");

			if (i + 1 + w < n && !(w >= 1 && w <= 2 &&
			    (in[0] == 'h' || in[0] == 'm' || in[0] == 's') &&
			    (w == 1 || in[1] == in[0]))) {
				i += w + 2;
				continue;
			}
		}
		f[j++] = fmt[i++];
	}
	for (i = 1; i < j; i++) {
		if (strchr("dmhysDMHYS", f[i]) != NULL && f[i - 1] != '\\')
			date = 1;
	}
	free(f);
	return date;
}

int
sheet_xval_builtin_date(long id)
{
	return (id >= 14 && id <= 22) || (id >= 45 && id <= 47);
}
