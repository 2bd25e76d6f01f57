/*
 * clock.h - the one clock of kesu, fixed by KESU_NOW for tests and replays.
 *
 * KESU_NOW is ISO 8601 with an offset ("2026-11-28T10:00:00+08:00", "Z" for
 * UTC); without it the system clock and the local time zone are used.
 * It sets the times of records and forms only, never PIN throttling.
 */
#ifndef KESU_CLOCK_H
#define KESU_CLOCK_H

#include <stddef.h>

#include "util/err.h"

/* Seconds since the epoch and the offset east of UTC in seconds: the
 * time of records and forms.  KESU_ECONFIG when KESU_NOW is set but
 * malformed. */
int clock_now(double *now, int *tz_offset, char **cause) KESU_WUR;

/* The system's wall clock and local offset, whatever KESU_NOW says: for
 * what guards access (PIN waits and locks), which a variable in the
 * environment must not move. */
void clock_real(double *now, int *tz_offset);

/* Parse ISO 8601 "YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM|-HH:MM)". 0 or -1
 * (also for a day that does not exist, 2026-02-31). */
int clock_parse(const char *s, double *t, int *tz_offset);

/* Format t in the given offset as "YYYY-MM-DDTHH:MM:SS.mmm+HH:MM" (the
 * form ODK uses for start/end) into out (at least 32 bytes). */
void clock_format(double t, int tz_offset, char *out, size_t len);

/* Proleptic Gregorian calendar arithmetic without time zones (Hinnant's
 * days_from_civil / civil_from_days): days since 1970-01-01 of a date,
 * and back.  m is 1-12, d 1-31. */
long clock_days_from_civil(long y, long m, long d);
void clock_civil_from_days(long z, long *y, int *m, int *d);

/* 1 when y-m-d is a day of the proleptic Gregorian calendar (2028-02-29
 * is, 2026-02-29 and 2026-04-31 are not). */
int clock_valid_date(long y, long m, long d);
/* "YYYY-MM-DD" exactly: days since 1970-01-01 into *days; 0, or -1 when s
 * is not that form or no such day.  The one date parser of kesu. */
int clock_parse_date(const char *s, long *days);

/* A monotonic clock in seconds, for durations. */
double clock_mono(void);

#endif
