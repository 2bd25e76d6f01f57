/*
 * test_review.c - the review's quality signals and the answers read back
 * from instance XML: each flag at its threshold and just past it, the
 * options moving the thresholds, leaf names, <meta> skipped, text kept
 * as written.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "form/form.h"
#include "sheet/sheet.h"
#include "review/quality.h"
#include "store/values.h"
#include "util/clock.h"

/* Six select_one questions (two lists, both with "dk"), a text and an
 * integer between them. */
static const char md[] =
    "| survey |               |    |       |\n"
    "|        | type          | name | label |\n"
    "|        | select_one tf | q1 | Q1    |\n"
    "|        | select_one tf | q2 | Q2    |\n"
    "|        | text          | tx | T     |\n"
    "|        | select_one tf | q3 | Q3    |\n"
    "|        | integer       | n  | N     |\n"
    "|        | select_one ab | q4 | Q4    |\n"
    "|        | select_one tf | q5 | Q5    |\n"
    "|        | select_one ab | q6 | Q6    |\n"
    "| choices |   |     |     |\n"
    "|         | list_name | name | label |\n"
    "|         | tf | true  | True  |\n"
    "|         | tf | false | False |\n"
    "|         | tf | dk    | Don't know |\n"
    "|         | ab | a     | A |\n"
    "|         | ab | b     | B |\n"
    "|         | ab | dk    | Don't know |\n";

static form *
load(void)
{
	struct sheet_book *book = NULL;
	form *f = NULL;
	char *cause = NULL;

	if (sheet_book_parse("t.md", SHEET_MD, md, strlen(md), &book,
	    &cause) != 0 || form_load_book(book, "t.md", &f, &cause) != 0)
		fail_msg("form: %s", cause);
	sheet_book_free(&book);
	return f;
}

static const char *
get(const void *ud, const char *name)
{
	return store_values_get(ud, name);
}

static void
scan(const char *xml, const struct quality_opts *o, struct quality_facts *q)
{
	store_values *v = NULL;
	form *f = load();
	char *cause = NULL;

	memset(q, 0, sizeof *q);
	if (store_values_parse(xml, strlen(xml), &v, &cause) != 0)
		fail_msg("xml: %s", cause);
	quality_scan(f, get, v, o, q);
	store_values_free(&v);
	form_free(&f);
}

static void
test_values(void **state)
{
	const char xml[] = "<?xml version='1.0' ?><data id=\"t\"><q1>true</q1>"
	    "<g><tx>a &amp; b\tc</tx><e /></g><meta><instanceID>uuid:1"
	    "</instanceID></meta></data>";
	store_values *v = NULL;
	char *cause = NULL;

	(void)state;
	assert_int_equal(store_values_parse(xml, strlen(xml), &v, &cause), 0);
	assert_string_equal(store_values_get(v, "q1"), "true");
	assert_string_equal(store_values_get(v, "tx"), "a & b\tc");
	assert_string_equal(store_values_get(v, "e"), "");
	assert_null(store_values_get(v, "g"));
	assert_null(store_values_get(v, "instanceID"));
	assert_null(store_values_get(v, "data"));
	store_values_free(&v);
	assert_int_equal(store_values_parse("<data><a>", 9, &v, &cause),
	    KESU_EDATA);
	assert_null(v);
	assert_non_null(strstr(cause, "line 1"));
	free(cause);
}

/* Repeat instances told apart: each leaf's position among same-named
 * siblings at each depth, an empty instance included. */
static void
test_values_positions(void **state)
{
	const char xml[] = "<data><m><a>1</a></m><m><a>2</a><c><x>3</x></c>"
	    "<c><x>4</x></c></m><m/><z>9</z><meta><instanceID>u</instanceID>"
	    "</meta></data>";
	static const struct { const char *path; size_t m, c; } want[] = {
		{ "m/a", 1, 0 }, { "m/a", 2, 0 }, { "m/c/x", 2, 1 },
		{ "m/c/x", 2, 2 }, { "m", 3, 0 }, { "z", 1, 0 },
	};
	store_values *v = NULL;
	char *cause = NULL;
	size_t i;

	(void)state;
	assert_int_equal(store_values_parse(xml, strlen(xml), &v, &cause), 0);
	assert_int_equal(store_values_count(v), 6);
	for (i = 0; i < 6; i++) {
		assert_string_equal(store_values_path(v, i), want[i].path);
		assert_int_equal(store_values_position(v, i, 0), want[i].m);
		if (strcmp(want[i].path, "m/c/x") == 0) {
			assert_int_equal(store_values_position(v, i, 1),
			    want[i].c);
			assert_int_equal(store_values_position(v, i, 2), 1);
		}
		assert_int_equal(store_values_position(v, i, 3), 0);
	}
	/* Parsed again into the same memory: positions start over. */
	assert_int_equal(store_values_reparse(v, "<data><m><a>5</a></m></data>",
	    28, &cause), 0);
	assert_int_equal(store_values_position(v, 0, 0), 1);
	store_values_free(&v);
}

static void
test_straight_and_dk(void **state)
{
	struct quality_opts o;
	struct quality_facts q;

	(void)state;
	quality_defaults(&o);
	/* Position 0 on q1 q2 q3 q4 (a text and an integer between do not
	 * break the run), then position 1 on q5, 0 on q6. */
	scan("<data><q1>true</q1><q2>true</q2><tx>x</tx><q3>true</q3><n>1</n>"
	    "<q4>a</q4><q5>false</q5><q6>a</q6></data>", &o, &q);
	assert_int_equal(q.longest_run, 4);
	assert_int_equal(q.dk_offered, 6);
	assert_int_equal(q.dk, 0);
	o.straight_run = 4;
	assert_true(quality_flags(&q, &o) & QUALITY_STRAIGHT);
	o.straight_run = 5;
	assert_false(quality_flags(&q, &o) & QUALITY_STRAIGHT);
	/* Two don't-knows of five answered: 0.4. */
	quality_defaults(&o);
	scan("<data><q1>dk</q1><q2>true</q2><q3>dk</q3><q4>a</q4>"
	    "<q5>false</q5></data>", &o, &q);
	assert_int_equal(q.dk_offered, 5);
	assert_int_equal(q.dk, 2);
	assert_true(quality_flags(&q, &o) & QUALITY_DK);
	o.dk_share = 0.41;
	assert_false(quality_flags(&q, &o) & QUALITY_DK);
	/* Another name for don't know: none offered, no flag. */
	o.dk_name = "unknown";
	o.dk_share = 0;
	scan("<data><q1>dk</q1></data>", &o, &q);
	assert_int_equal(q.dk_offered, 0);
	assert_false(quality_flags(&q, &o) & QUALITY_DK);
}

static void
test_speeding_and_hours(void **state)
{
	struct quality_opts o;
	struct quality_facts q;
	double t;
	int tz;

	(void)state;
	quality_defaults(&o);
	memset(&q, 0, sizeof q);
	assert_int_equal(clock_parse("2026-11-28T10:00:00+08:00", &t, &tz), 0);
	q.started = t;
	q.tz = tz;
	q.median = 1200;
	q.duration = 599;
	assert_int_equal(quality_flags(&q, &o), QUALITY_SPEEDING);
	q.duration = 600;
	assert_int_equal(quality_flags(&q, &o), 0);
	o.speed_share = 0.6;
	assert_int_equal(quality_flags(&q, &o), QUALITY_SPEEDING);
	q.duration = 0; /* unknown: never speeding */
	assert_int_equal(quality_flags(&q, &o), 0);
	/* 06:59 and 22:00 local are odd; 07:00 and 21:59 are not. */
	assert_int_equal(clock_parse("2026-11-28T06:59:00+08:00", &q.started,
	    &q.tz), 0);
	assert_int_equal(quality_flags(&q, &o), QUALITY_HOURS);
	assert_int_equal(clock_parse("2026-11-28T07:00:00+08:00", &q.started,
	    &q.tz), 0);
	assert_int_equal(quality_flags(&q, &o), 0);
	assert_int_equal(clock_parse("2026-11-28T21:59:00+08:00", &q.started,
	    &q.tz), 0);
	assert_int_equal(quality_flags(&q, &o), 0);
	assert_int_equal(clock_parse("2026-11-28T22:00:00+08:00", &q.started,
	    &q.tz), 0);
	assert_int_equal(quality_flags(&q, &o), QUALITY_HOURS);
	/* The same instant is 14:00 in UTC: the interview's own zone. */
	assert_int_equal(quality_local_hour(q.started, 0), 14);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_values_positions),
		cmocka_unit_test(test_straight_and_dk),
		cmocka_unit_test(test_speeding_and_hours),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
