/*
 * expr_date.c - dates and date-times for today(), now(), date() and
 * format-date().
 *
 * Inside the evaluator a date is a number of local days since 1970-01-01
 * (with a fraction for the time of day) in the environment's time zone,
 * which is how Collect turns a date into a number.  Calendar arithmetic is
 * proleptic Gregorian and needs no TZ variable or libc time zone.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr/expr_int.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* Beyond this many days from 1970 a number is not taken for a date. */
#define DATE_MAX_DAYS 1e8

static const char *const wdays[] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
};
static const char *const months[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

/* Digits s[*i..] into *v: at least min and at most max of them. */
static bool
digits(const char *s, size_t len, size_t *i, int min, int max, long *v)
{
	int n = 0;

	*v = 0;
	while (*i < len && s[*i] >= '0' && s[*i] <= '9' && n < max) {
		*v = *v * 10 + (s[*i] - '0');
		(*i)++;
		n++;
	}
	return n >= min;
}

/* "HH:MM[:SS[.fff]]" then an optional "Z", "+HH", "+HH:MM" or "+HHMM":
 * seconds of the day into *secs and the offset (if any) into *off. */
static bool
parse_time(const char *s, size_t len, double *secs, bool *has_off,
    long *off)
{
	size_t i = 0, start;
	long h, mi, sec = 0, oh, om = 0;
	double frac = 0, scale = 0.1;
	int sign;

	if (!digits(s, len, &i, 1, 2, &h) || i >= len || s[i++] != ':' ||
	    !digits(s, len, &i, 1, 2, &mi))
		return false;
	if (i < len && s[i] == ':') {
		i++;
		if (!digits(s, len, &i, 1, 2, &sec))
			return false;
		if (i < len && s[i] == '.') {
			start = ++i;
			while (i < len && s[i] >= '0' && s[i] <= '9') {
				frac += (s[i] - '0') * scale;
				scale /= 10;
				i++;
			}
			if (i == start)
				return false;
		}
	}
	if (h > 23 || mi > 59 || sec > 59)
		return false;
	*secs = (double)(h * 3600 + mi * 60 + sec) + frac;
	*has_off = false;
	if (i == len)
		return true;
	*has_off = true;
	if (s[i] == 'Z' && i + 1 == len) {
		*off = 0;
		return true;
	}
	if (s[i] != '+' && s[i] != '-')
		return false;
	sign = s[i++] == '-' ? -1 : 1;
	if (!digits(s, len, &i, 2, 2, &oh))
		return false;
	if (i < len && s[i] == ':')
		i++;
	if (i < len && !digits(s, len, &i, 2, 2, &om))
		return false;
	if (i != len || oh > 23 || om > 59)
		return false;
	*off = sign * (oh * 3600 + om * 60);
	return true;
}

bool
expr_date_parse(const char *s, size_t len, bool strict, int tz_offset,
    double *days, bool *has_time)
{
	const char *t = memchr(s, 'T', len);
	size_t dlen = t != NULL ? (size_t)(t - s) : len, i = 0;
	long y, m, d, off;
	double secs = 0, local;
	bool has_off = false;

	if (!digits(s, dlen, &i, strict ? 4 : 1, strict ? 4 : 9, &y) ||
	    i >= dlen || s[i++] != '-' ||
	    !digits(s, dlen, &i, strict ? 2 : 1, strict ? 2 : 9, &m) ||
	    i >= dlen || s[i++] != '-' ||
	    !digits(s, dlen, &i, strict ? 2 : 1, strict ? 2 : 9, &d) ||
	    i != dlen)
		return false;
	if (!clock_valid_date(y, m, d))
		return false;
	if (t != NULL && !parse_time(t + 1, len - dlen - 1, &secs, &has_off,
	    &off))
		return false;
	local = (double)clock_days_from_civil(y, m, d) * 86400.0 + secs;
	if (has_off)
		local += tz_offset - off;
	*days = local / 86400.0;
	*has_time = t != NULL;
	return true;
}

bool
expr_time_parse(const char *s, size_t len, int tz_offset, double *frac)
{
	double secs;
	bool has_off;
	long off = 0;

	if (!parse_time(s, len, &secs, &has_off, &off))
		return false;
	if (has_off)
		secs += tz_offset - off;
	secs = fmod(secs, 86400.0);
	if (secs < 0)
		secs += 86400.0;
	*frac = secs / 86400.0;
	return true;
}

bool
expr_parse_date(const char *s, double *days)
{
	bool has_time;

	if (strlen(s) != 10 ||
	    !expr_date_parse(s, 10, true, 0, days, &has_time))
		return false;
	return true;
}

char *
expr_date_text(double d, bool with_time, int tz_offset)
{
	char out[64];
	long y;
	int m, dd;

	if (!isfinite(d) || fabs(d) > DATE_MAX_DAYS)
		return xstrdup("");
	if (with_time) {
		clock_format(d * 86400.0 - tz_offset, tz_offset, out,
		    sizeof out);
		return xstrdup(out);
	}
	clock_civil_from_days((long)floor(d), &y, &m, &dd);
	return xasprintf("%04ld-%02d-%02d", y, m, dd);
}

int
expr_date_format(double d, const char *fmt, struct buf *out, char **cause)
{
	long long ms;
	long day, y;
	int mo, dd, h, mi, s, msec, wd, n;
	const char *p;

	if (!isfinite(d) || fabs(d) > DATE_MAX_DAYS)
		d = 0;
	ms = llround(d * 86400000.0);
	day = (long)(ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000));
	ms -= (long long)day * 86400000;
	clock_civil_from_days(day, &y, &mo, &dd);
	h = (int)(ms / 3600000);
	mi = (int)(ms / 60000 % 60);
	s = (int)(ms / 1000 % 60);
	msec = (int)(ms % 1000);
	wd = (int)(((day + 4) % 7 + 7) % 7);
	for (p = fmt; *p != '\0'; p++) {
		if (*p != '%') {
			buf_addch(out, *p);
			continue;
		}
		switch (*++p) {
		case '%': buf_addch(out, '%'); break;
		case 'Y': buf_printf(out, "%04ld", y); break;
		case 'y': buf_printf(out, "%02ld", labs(y) % 100); break;
		case 'm': buf_printf(out, "%02d", mo); break;
		case 'n': buf_printf(out, "%d", mo); break;
		case 'b': buf_addstr(out, months[mo - 1]); break;
		case 'd': buf_printf(out, "%02d", dd); break;
		case 'e': buf_printf(out, "%d", dd); break;
		case 'H': buf_printf(out, "%02d", h); break;
		case 'h': buf_printf(out, "%d", h); break;
		case 'M': buf_printf(out, "%02d", mi); break;
		case 'S': buf_printf(out, "%02d", s); break;
		case '3': buf_printf(out, "%03d", msec); break;
		case 'a': buf_addstr(out, wdays[wd]); break;
		case '\0':
			return kesu_fail(cause, KESU_EDATA,
			    _("format-date: the format '%s' ends with '%%'"),
			    fmt);
		default:
			/* Quote the whole (UTF-8) character after '%'. */
			for (n = 1; ((unsigned char)p[n] & 0xc0) == 0x80; n++)
				;
			return kesu_fail(cause, KESU_EDATA,
			    _("format-date: unknown format '%%%.*s' in '%s'"),
			    n,
			    p, fmt);
		}
	}
	return 0;
}
