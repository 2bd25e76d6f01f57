/*
 * engine_types.c - answers of the types a laptop types in rather than
 * picks: time, dateTime, range and geopoint, read from what a person
 * types and written as ODK Collect writes them.
 *
 *   time      "9:05", "09:05:30" (or with an offset) ->
 *             "09:05:30.000+08:00", in the interview's time zone
 *   dateTime  "2026-11-28 09:05", "2026-11-28T09:05:30[.sss][offset]" ->
 *             "2026-11-28T09:05:30.000+08:00"
 *   range     a number from start to end on the step's grid; written as
 *             an integer when start, end and step are whole, else as a
 *             decimal (Collect's int or decimal range)
 *   geopoint  "latitude longitude" (or "lat, lon", or all four parts) ->
 *             "39.9042 116.4074 0.0 0.0": Collect's manual location,
 *             altitude and accuracy 0
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine_int.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static bool
digit(char c)
{
	return c >= '0' && c <= '9';
}

/* n digits (between min and max of them) at s[*i] into *v. */
static bool
num(const char *s, size_t *i, int min, int max, long *v)
{
	int n = 0;

	*v = 0;
	while (digit(s[*i]) && n < max) {
		*v = *v * 10 + (s[*i] - '0');
		(*i)++;
		n++;
	}
	return n >= min;
}

/*
 * "H:MM[:SS[.fff]]" then nothing or an offset ("Z", "+HH", "+HH:MM"):
 * milliseconds of the day, and the offset in seconds when given.
 */
static bool
clock_time(const char *s, long *ms, bool *has_off, long *off)
{
	size_t i = 0;
	long h, m, sec = 0, frac = 0, oh, om = 0, scale = 100;
	int sign;

	if (!num(s, &i, 1, 2, &h) || s[i++] != ':' || !num(s, &i, 2, 2, &m))
		return false;
	if (s[i] == ':') {
		i++;
		if (!num(s, &i, 2, 2, &sec))
			return false;
		if (s[i] == '.') {
			i++;
			if (!digit(s[i]))
				return false;
			for (; digit(s[i]); i++, scale /= 10)
				frac += (s[i] - '0') * scale;
		}
	}
	if (h > 23 || m > 59 || sec > 59)
		return false;
	*ms = ((h * 60 + m) * 60 + sec) * 1000 + frac;
	*has_off = s[i] != '\0';
	*off = 0;
	if (s[i] == '\0')
		return true;
	if (s[i] == 'Z')
		return s[i + 1] == '\0';
	if (s[i] != '+' && s[i] != '-')
		return false;
	sign = s[i++] == '-' ? -1 : 1;
	if (!num(s, &i, 2, 2, &oh))
		return false;
	if (s[i] == ':')
		i++;
	if (s[i] != '\0' && !num(s, &i, 2, 2, &om))
		return false;
	if (s[i] != '\0' || oh > 23 || om > 59)
		return false;
	*off = sign * (oh * 3600 + om * 60);
	return true;
}

/* "YYYY-MM-DD" at s: days since 1970-01-01. */
static bool
civil_date(const char *s, long *days)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };
	size_t i = 0;
	long y, m, d, len;

	if (!num(s, &i, 4, 4, &y) || s[i++] != '-' || !num(s, &i, 2, 2, &m) ||
	    s[i++] != '-' || !num(s, &i, 2, 2, &d) || i != 10)
		return false;
	if (y < 1 || m < 1 || m > 12 || d < 1)
		return false;
	len = mdays[m - 1];
	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		len = 29;
	if (d > len)
		return false;
	*days = clock_days_from_civil(y, m, d);
	return true;
}

/* Refuse typed text s with msg, which has one %s for the quoted text. */
#define REFUSE(s, msg, cause) do {					\
		char *q_ = engine_quote(s);				\
		int rc_ = kesu_fail(cause, KESU_EDATA, msg, q_);	\
		free(q_);						\
		return rc_;						\
	} while (0)

static int
parse_time(const engine *e, const char *s, char **out, char **cause)
{
	char stamp[64];
	bool has_off;
	long ms, off;
	double t;

	if (!clock_time(s, &ms, &has_off, &off))
		/* L10N: %s is what was typed. */
		REFUSE(s, _("'%s' is not a time; write it as HH:MM or "
		    "HH:MM:SS"), cause);
	/* the day is arbitrary: only the clock time and offset are kept */
	t = ms / 1000.0 - (has_off ? off : e->tz);
	clock_format(t, e->tz, stamp, sizeof stamp);
	*out = xstrdup(stamp + 11);
	return 0;
}

static int
parse_datetime(const engine *e, const char *s, char **out, char **cause)
{
	char stamp[64];
	bool has_off;
	long days, ms, off;

	if (strlen(s) < 16 || (s[10] != ' ' && s[10] != 'T') ||
	    !civil_date(s, &days) || !clock_time(s + 11, &ms, &has_off, &off))
		/* L10N: %s is what was typed. */
		REFUSE(s, _("'%s' is not a date and time; write it as "
		    "YYYY-MM-DD HH:MM"), cause);
	clock_format(days * 86400.0 + ms / 1000.0 - (has_off ? off : e->tz),
	    e->tz, stamp, sizeof stamp);
	*out = xstrdup(stamp);
	return 0;
}

static int
parse_range(const engine *e, int i, const char *s, char **out,
    char **cause)
{
	const struct form_field *fld = form_field(e->f, i);
	double v = expr_read_number(s), k;
	char *end, *a, *b, *c;
	int rc;

	(void)strtod(s, &end);
	if (isnan(v) || *end != '\0')
		/* L10N: %s is what was typed. */
		REFUSE(s, _("'%s' is not a number"), cause);
	k = (v - fld->range_start) / fld->range_step;
	if (v < fld->range_start || v > fld->range_end ||
	    fabs(k - round(k)) > 1e-9) {
		a = expr_format_number(fld->range_start);
		b = expr_format_number(fld->range_end);
		c = expr_format_number(fld->range_step);
		rc = kesu_fail(cause, KESU_EDATA,
		    /* L10N: from START to END in steps of STEP */
		    _("Answer a number from %s to %s in steps of %s."), a, b,
		    c);
		free(a);
		free(b);
		free(c);
		return rc;
	}
	if (fld->range_whole)
		*out = expr_format_number(v);
	else
		*out = expr_java_double(v);
	return 0;
}

static int
parse_geopoint(const char *s, char **out, char **cause)
{
	double part[4] = { 0, 0, 0, 0 };
	const char *p = s;
	char *end, *t[4];
	struct buf b = BUF_INIT;
	int n = 0, k;

	while (*p != '\0') {
		while (*p == ' ' || *p == ',' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		if (n == 4)
			goto bad;
		part[n] = strtod(p, &end);
		if (end == p || !isfinite(part[n]))
			goto bad;
		n++;
		p = end;
	}
	if ((n != 2 && n != 4) || fabs(part[0]) > 90 || fabs(part[1]) > 180 ||
	    part[3] < 0)
		goto bad;
	for (k = 0; k < 4; k++) {
		t[k] = expr_java_double(part[k]);
		if (k > 0)
			buf_addch(&b, ' ');
		buf_addstr(&b, t[k]);
		free(t[k]);
	}
	*out = buf_detach(&b);
	return 0;
bad:
	/* L10N: %s is what was typed. */
	REFUSE(s, _("'%s' is not a location; write the latitude and "
	    "longitude in degrees, as 39.9042 116.4074"), cause);
}

int
engine_parse_typed(const engine *e, int i, const char *s, char **out,
    char **cause)
{
	switch (form_field(e->f, i)->type) {
	case FORM_TIME:
		return parse_time(e, s, out, cause);
	case FORM_DATETIME:
		return parse_datetime(e, s, out, cause);
	case FORM_RANGE:
		return parse_range(e, i, s, out, cause);
	case FORM_GEOPOINT:
		return parse_geopoint(s, out, cause);
	default:
		*out = xstrdup(s);
		return 0;
	}
}
