/*
 * test_engine_value.c - decimal answers over a sweep of magnitudes: the
 * text the instance holds is what ODK Collect writes (Java's
 * Double.toString), and kesu reads that text back as the same number in
 * constraints and calculations.
 *
 * The expected text is built here from the decimal digits alone, by the
 * rule Java's Double.toString states: plain notation with at least one
 * fraction digit for 1e-3 <= |d| < 1e7, else d.dddE<n>; the digits are
 * the shortest that identify the double (for at most 15 significant
 * digits typed, the digits typed).
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include "engine/engine.h"
#include "form/form.h"
#include "sheet/sheet.h"
#include "util/clock.h"

static const char md[] =
    "| survey |           |      |       |            |                  |\n"
    "|        | type      | name | label | constraint | calculation      |\n"
    "|        | text      | t    | T     |            |                  |\n"
    "|        | decimal   | x    | X     | . >= 0 or . < 0 |             |\n"
    "|        | integer   | i    | I     |            |                  |\n"
    "|        | calculate | ten  |       |            | ${x} * 10        |\n"
    "|        | calculate | pos  |       |            | ${x} > 0         |\n"
    "|        | calculate | diff |       |            | "
    "(${x} div number(${t}) - 1) * pow(10, 20) |\n";

struct t {
	form *f;
	engine *e;
};

static void
t_open(struct t *t)
{
	struct sheet_book *book = NULL;
	struct engine_opts o = { NULL, "", "", 0, 0, -1 };
	char *cause = NULL;

	if (sheet_book_parse("t.md", SHEET_MD, md, strlen(md), &book,
	    &cause) != 0)
		fail_msg("sheet: %s", cause);
	if (form_load_book(book, "t.md", &t->f, &cause) != 0)
		fail_msg("form: %s", cause);
	sheet_book_free(&book);
	assert_int_equal(clock_parse("2026-11-28T10:00:00+08:00", &o.now,
	    &o.tz_offset), 0);
	if (engine_new(t->f, &o, &t->e, &cause) != 0)
		fail_msg("engine: %s", cause);
}

static void
t_close(struct t *t)
{
	engine_free(&t->e);
	form_free(&t->f);
}

static const char *
val(struct t *t, const char *name)
{
	return engine_value(t->e, form_find(t->f, name));
}

/*
 * m (one digit, a point, more digits) times 10^k: its plain decimal text
 * into plain (what a person types) and Java's Double.toString text into
 * java.
 */
static void
build(const char *m, int k, bool neg, char *plain, char *java, size_t len)
{
	char dig[32];
	int n = 0, i, e = k;
	size_t p = 0;
	const char *c;

	for (c = m; *c != '\0'; c++)
		if (*c >= '0' && *c <= '9')
			dig[n++] = *c;
	while (n > 1 && dig[n - 1] == '0')
		n--;
	dig[n] = '\0';
	/* Plain: digits with the point after digit e (e may be < 0). */
	if (neg)
		plain[p++] = '-';
	if (e < 0) {
		plain[p++] = '0';
		plain[p++] = '.';
		for (i = 0; i < -e - 1; i++)
			plain[p++] = '0';
		for (i = 0; i < n; i++)
			plain[p++] = dig[i];
	} else {
		for (i = 0; i <= e || i < n; i++) {
			if (i == e + 1)
				plain[p++] = '.';
			plain[p++] = i < n ? dig[i] : '0';
		}
	}
	plain[p] = '\0';
	assert_true(p < len);
	if (e >= -3 && e < 7) {
		/* Java: plain, at least one fraction digit. */
		snprintf(java, len, "%s%s", plain,
		    strchr(plain, '.') == NULL ? ".0" : "");
	} else {
		snprintf(java, len, "%s%c.%sE%d", neg ? "-" : "", dig[0],
		    n > 1 ? dig + 1 : "0", e);
	}
}

static void
test_decimal_sweep(void **state)
{
	static const char *const mant[] = {
		"1", "1.5", "2.5", "3.14159", "9.99", "1.2345678",
		"7.000001", "9.99999999999999", "1.00000000000001",
	};
	struct t t;
	char plain[64], java[64], *cause = NULL, *edit;
	size_t m;
	int k, checked = 0;

	(void)state;
	t_open(&t);
	for (k = -9; k <= 15; k++) {
		for (m = 0; m < sizeof mant / sizeof mant[0]; m++) {
			bool neg = (k + (int)m) % 4 == 0;

			build(mant[m], k, neg, plain, java, sizeof plain);
			if (engine_set(t.e, form_find(t.f, "t"), plain,
			    &cause) != 0)
				fail_msg("t=%s: %s", plain, cause);
			if (engine_set(t.e, form_find(t.f, "x"), plain,
			    &cause) != 0)
				fail_msg("x=%s refused: %s", plain, cause);
			/* Written as Collect writes it. */
			if (strcmp(val(&t, "x"), java) != 0)
				fail_msg("x=%s written %s, Java writes %s",
				    plain, val(&t, "x"), java);
			/* The text denotes the same double. */
			assert_true(strtod(val(&t, "x"), NULL) ==
			    strtod(plain, NULL));
			/* And kesu reads it back as that number. */
			if (strcmp(val(&t, "diff"), "0") != 0)
				fail_msg("x=%s (%s) reads back off by %s",
				    plain, java, val(&t, "diff"));
			/* On the screen it is shown as digits a person can
			 * edit, which give the same answer back. */
			edit = engine_edit_text(t.e, form_find(t.f, "x"));
			assert_null(strchr(edit, 'E'));
			assert_true(strtod(edit, NULL) == strtod(plain, NULL));
			if (engine_set(t.e, form_find(t.f, "x"), edit,
			    &cause) != 0)
				fail_msg("x=%s refused: %s", edit, cause);
			assert_string_equal(val(&t, "x"), java);
			free(edit);
			if (strcmp(val(&t, "pos"), neg ? "0" : "1") != 0 ||
			    *val(&t, "ten") == '\0')
				fail_msg("x=%s (%s): x > 0 is %s, x * 10 is "
				    "'%s'", plain, java, val(&t, "pos"),
				    val(&t, "ten"));
			checked++;
		}
	}
	assert_int_equal(checked, 25 * 9);
	t_close(&t);
}

/* What a person may not type, and why. */
static void
test_decimal_refused(void **state)
{
	static const struct {
		const char *in, *msg;
	} cases[] = {
		{ "1.5e10", "'1.5e10' is not a number as kesu takes it: write "
		    "it in digits with an optional decimal point and no "
		    "exponent (12000000, not 1.2e7)" },
		{ "2E-3", "'2E-3' is not a number as kesu takes it: write "
		    "it in digits with an optional decimal point and no "
		    "exponent (12000000, not 1.2e7)" },
		{ "123456789012345678901234567890", "1234567890123456789012"
		    "34567890 has more than 15 significant digits, more than "
		    "a decimal answer keeps; round it" },
		{ "0.1234567890123456", "0.1234567890123456 has more than 15 "
		    "significant digits, more than a decimal answer keeps; "
		    "round it" },
		{ "abc", "'abc' is not a number" },
	};
	struct t t;
	char *cause = NULL;
	size_t k;

	(void)state;
	t_open(&t);
	for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		assert_int_equal(engine_set(t.e, form_find(t.f, "x"),
		    cases[k].in, &cause), KESU_EDATA);
		assert_string_equal(cause, cases[k].msg);
		free(cause);
		cause = NULL;
	}
	/* Zeros are not significant: 1e29 written out is exact. */
	if (engine_set(t.e, form_find(t.f, "x"),
	    "100000000000000000000000000000", &cause) != 0)
		fail_msg("%s", cause);
	assert_string_equal(val(&t, "x"), "1.0E29");
	if (engine_set(t.e, form_find(t.f, "x"), "0.000000000000000000123",
	    &cause) != 0)
		fail_msg("%s", cause);
	assert_string_equal(val(&t, "x"), "1.23E-19");
	t_close(&t);
}

/* Collect's integer is 32 bits: a longer one is refused, not rounded. */
static void
test_integer_range(void **state)
{
	struct t t;
	char *cause = NULL;

	(void)state;
	t_open(&t);
	assert_int_equal(engine_set(t.e, form_find(t.f, "i"),
	    "123456789012345678901234567890", &cause), KESU_EDATA);
	assert_string_equal(cause, "123456789012345678901234567890 is out of "
	    "range: a whole number goes from -2147483648 to 2147483647");
	free(cause);
	if (engine_set(t.e, form_find(t.f, "i"), "2147483647", &cause) != 0)
		fail_msg("%s", cause);
	assert_string_equal(val(&t, "i"), "2147483647");
	t_close(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decimal_sweep),
		cmocka_unit_test(test_decimal_refused),
		cmocka_unit_test(test_integer_range),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
