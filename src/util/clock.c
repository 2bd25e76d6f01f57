/*
 * clock.c - wall clock (or KESU_NOW) and monotonic clock; see clock.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/clock.h"

long
clock_days_from_civil(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
clock_civil_from_days(long z, long *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

int
clock_valid_date(long y, long m, long d)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };
	int last;

	if (m < 1 || m > 12 || d < 1)
		return 0;
	last = dm[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		last = 29;
	return d <= last;
}

int
clock_parse_date(const char *s, long *days)
{
	long y, m, d;
	int i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	y = strtol(s, NULL, 10);
	m = strtol(s + 5, NULL, 10);
	d = strtol(s + 8, NULL, 10);
	if (!clock_valid_date(y, m, d))
		return -1;
	*days = clock_days_from_civil(y, m, d);
	return 0;
}

int
clock_parse(const char *s, double *t, int *tz_offset)
{
	int y, mo, d, h, mi, n = 0, oh, om;
	double sec;
	const char *p;

	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%lf%n", &y, &mo, &d, &h, &mi, &sec,
	    &n) != 6 || n == 0)
		return -1;
	if (!clock_valid_date(y, mo, d) || h > 23 || mi > 59 ||
	    sec < 0 || sec >= 61)
		return -1;
	p = s + n;
	if (strcmp(p, "Z") == 0)
		*tz_offset = 0;
	else if ((p[0] == '+' || p[0] == '-') &&
	    sscanf(p + 1, "%2d:%2d", &oh, &om) == 2 && strlen(p) == 6 &&
	    oh <= 14 && om <= 59)
		*tz_offset = (p[0] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
	else
		return -1;
	*t = (double)clock_days_from_civil(y, mo, d) * 86400.0 + h * 3600.0 +
	    mi * 60.0 + sec - *tz_offset;
	return 0;
}

void
clock_real(double *now, int *tz_offset)
{
	struct timespec ts;
	struct tm tm;
	time_t secs;

	clock_gettime(CLOCK_REALTIME, &ts);
	*now = (double)ts.tv_sec + ts.tv_nsec / 1e9;
	secs = ts.tv_sec;
	localtime_r(&secs, &tm);
	*tz_offset = (int)tm.tm_gmtoff;
}

int
clock_now(double *now, int *tz_offset, char **cause)
{
	const char *fixed = getenv("KESU_NOW");

	if (fixed != NULL && *fixed != '\0') {
		if (clock_parse(fixed, now, tz_offset) != 0)
			return kesu_fail(cause, KESU_ECONFIG,
			    "KESU_NOW: '%s' is not an ISO 8601 time such as "
			    "2026-11-28T10:00:00+08:00", fixed);
		return 0;
	}
	clock_real(now, tz_offset);
	return 0;
}

void
clock_format(double t, int tz_offset, char *out, size_t len)
{
	double local = t + tz_offset;
	double day = floor(local / 86400.0);
	long ms = lround((local - day * 86400.0) * 1000.0);
	long y;
	int m, d, off = tz_offset < 0 ? -tz_offset : tz_offset;

	if (ms >= 86400000L) {
		day += 1;
		ms -= 86400000L;
	}
	clock_civil_from_days((long)day, &y, &m, &d);
	snprintf(out, len, "%04ld-%02d-%02dT%02ld:%02ld:%02ld.%03ld%c%02d:%02d",
	    y, m, d, ms / 3600000, ms / 60000 % 60, ms / 1000 % 60, ms % 1000,
	    tz_offset < 0 ? '-' : '+', off / 3600, off / 60 % 60);
}

double
clock_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}
