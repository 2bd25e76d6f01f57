/*
 * test_width.c - display widths that do not depend on the locale, and
 * padding and cutting at character boundaries with a visible "…".
 *
 * Runs in the "C" locale on purpose: a Chinese character must still take
 * two columns there.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/width.h"

static void
test_decode(void **state)
{
	size_t len;

	(void)state;
	assert_int_equal(width_decode("a", &len), 'a');
	assert_int_equal(len, 1);
	assert_int_equal(width_decode("\xe8\xb0\x83", &len), 0x8c03);
	assert_int_equal(len, 3);
	assert_int_equal(width_decode("\xf0\x9f\x98\x80", &len), 0x1f600);
	assert_int_equal(len, 4);
	/* Overlong, surrogate, cut short, stray continuation byte. */
	assert_int_equal(width_decode("\xc0\xaf", &len), -1);
	assert_int_equal(len, 1);
	assert_int_equal(width_decode("\xed\xa0\x80", &len), -1);
	assert_int_equal(len, 1);
	assert_int_equal(width_decode("\xe8\xb0", &len), -1);
	assert_int_equal(len, 1);
	assert_int_equal(width_decode("\x80", &len), -1);
}

static void
test_widths(void **state)
{
	(void)state;
	assert_int_equal(width_of(""), 0);
	assert_int_equal(width_of("abc"), 3);
	assert_int_equal(width_of("调查员"), 6);
	assert_int_equal(width_of("新街口街道 A"), 12);
	/* Fullwidth forms and punctuation: two; curly quotes, "…", "–":
	 * one. */
	assert_int_equal(width_of("（１）。，"), 10);
	assert_int_equal(width_of("\xe2\x80\x9cq\xe2\x80\x9d\xe2\x80\xa6\xe2\x80\x93"), 5);
	/* A combining acute accent takes no column. */
	assert_int_equal(width_of("e\xcc\x81"), 1);
	/* Controls, DEL, C1, a right-to-left override and bad bytes: '?'. */
	assert_int_equal(width_of("a\tb\x7f\xc2\x9b\xe2\x80\xae\xff"), 7);
	assert_int_equal(width_cp(0x4e2d), 2);
	assert_int_equal(width_cp(0x1f600), 2);
	assert_int_equal(width_cp(0xac00), 2);
	assert_int_equal(width_cp('\x1b'), -1);
	assert_int_equal(width_cp(-1), -1);
}

static void
test_next(void **state)
{
	int32_t c;
	int w;

	(void)state;
	assert_int_equal(width_next("\x1b[", &c, &w), 1);
	assert_int_equal(c, '?');
	assert_int_equal(w, 1);
	assert_int_equal(width_next("\n", &c, &w), 1);
	assert_int_equal(c, '\n');
	assert_int_equal(width_next("街", &c, &w), 3);
	assert_int_equal(c, 0x8857);
	assert_int_equal(w, 2);
}

static void
test_fit(void **state)
{
	int cols;

	(void)state;
	/* A wide character that would cross the edge stays out whole. */
	assert_int_equal(width_fit("新街口", 5, &cols), 6);
	assert_int_equal(cols, 4);
	assert_int_equal(width_fit("新街口", 6, &cols), 9);
	assert_int_equal(cols, 6);
	assert_int_equal(width_fit("abc", 0, &cols), 0);
	/* The accent goes with its letter. */
	assert_int_equal(width_fit("e\xcc\x81x", 1, &cols), 3);
}

static void
check_cut(const char *s, int w, const char *want)
{
	char *got = width_cut(s, w);

	assert_string_equal(got, want);
	assert_true(width_of(got) <= (w > 0 ? w : 0));
	free(got);
}

static void
test_cut(void **state)
{
	(void)state;
	check_cut("Xinjiekou Subdistrict", 12, "Xinjiekou S…");
	check_cut("Xinjiekou", 12, "Xinjiekou");
	check_cut("新街口街道", 10, "新街口街道");
	/* 9 columns: four characters and the mark; 8: three, a space's
	 * worth left over, and the mark. */
	check_cut("新街口街道", 9, "新街口街…");
	check_cut("新街口街道", 8, "新街口…");
	check_cut("新街口街道", 1, "…");
	check_cut("新街口街道", 0, "");
	check_cut("abc", -3, "");
}

static void
check_pad(const char *s, int w, bool right, const char *want)
{
	char *got = width_pad(s, w, right);

	assert_string_equal(got, want);
	assert_int_equal(width_of(got), w);
	free(got);
}

static void
test_pad(void **state)
{
	(void)state;
	check_pad("调查员", 8, false, "调查员  ");
	check_pad("用时", 6, true, "  用时");
	check_pad("新街口街道", 8, false, "新街口… ");
	check_pad("score_knowledge", 8, true, "score_k…");
	check_pad("", 3, false, "   ");
}

/* A label joined to kesu's own punctuation: its closing marks go;
 * quotes, brackets and the rest stay as written. */
static void
test_clause(void **state)
{
	(void)state;
	assert_int_equal(width_clause("请先读出“调查说明”。"),
	    strlen("请先读出“调查说明”"));
	assert_int_equal(width_clause("您几岁了？"), strlen("您几岁了"));
	assert_int_equal(width_clause("Your age? "), strlen("Your age"));
	assert_int_equal(width_clause("出生年份（公历）"),
	    strlen("出生年份（公历）"));
	assert_int_equal(width_clause("‘quoted’"), strlen("‘quoted’"));
	assert_int_equal(width_clause("。，"), 0);
	assert_int_equal(width_clause(""), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_widths),
		cmocka_unit_test(test_next),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_pad),
		cmocka_unit_test(test_clause),
	};

	/* The locale of a shell with LANG unset. */
	setlocale(LC_ALL, "C");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
