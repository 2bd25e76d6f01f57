/*
 * test_clock.c - the one date parser: a time or date names a day that
 * exists (2026-02-31 does not, 2028-02-29 does), for KESU_NOW, records'
 * times and the export's date columns alike.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "util/clock.h"

static void
test_parse_days(void **state)
{
	double t;
	int tz;

	(void)state;
	assert_int_equal(clock_parse("2026-11-28T10:00:00+08:00", &t, &tz), 0);
	assert_int_equal(tz, 8 * 3600);
	assert_int_equal(clock_parse("2026-02-28T10:00:00Z", &t, &tz), 0);
	assert_int_equal(clock_parse("2028-02-29T10:00:00Z", &t, &tz), 0);
	assert_int_equal(clock_parse("2026-02-29T10:00:00Z", &t, &tz), -1);
	assert_int_equal(clock_parse("2026-02-31T10:00:00+08:00", &t, &tz), -1);
	assert_int_equal(clock_parse("2026-04-31T10:00:00Z", &t, &tz), -1);
	assert_int_equal(clock_parse("1900-02-29T10:00:00Z", &t, &tz), -1);
	assert_int_equal(clock_parse("2000-02-29T10:00:00Z", &t, &tz), 0);
}

static void
test_parse_date(void **state)
{
	long days;

	(void)state;
	assert_int_equal(clock_parse_date("1970-01-02", &days), 0);
	assert_int_equal(days, 1);
	assert_int_equal(clock_parse_date("2026-12-31", &days), 0);
	assert_int_equal(clock_parse_date("2026-02-31", &days), -1);
	assert_int_equal(clock_parse_date("2026-13-01", &days), -1);
	assert_int_equal(clock_parse_date("2026-1-01", &days), -1);
	assert_int_equal(clock_parse_date("2026-01-01x", &days), -1);
	assert_int_equal(clock_parse_date("+026-01-01", &days), -1);
	assert_true(clock_valid_date(2028, 2, 29));
	assert_false(clock_valid_date(2026, 2, 29));
	assert_false(clock_valid_date(2026, 6, 31));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_days),
		cmocka_unit_test(test_parse_date),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
