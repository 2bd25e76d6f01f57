/*
 * test_text.c - terminal text: control characters never pass, widths
 * count terminal columns.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/text.h"

/* What fn writes for s, as a heap string. */
static char *
capture(void (*fn)(FILE *, const char *, int), const char *s, int w)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	assert_non_null(f);
	fn(f, s, w);
	fclose(f);
	return out;
}

static void
put_any(FILE *f, const char *s, int w)
{
	(void)w;
	text_put(f, s);
}

static void
test_controls_never_pass(void **state)
{
	char *out;

	(void)state;
	/* ESC ] 0 ; retitles a terminal; CSI (0x9b) is its C1 twin. */
	out = capture(put_any, "a\x1b]0;x\x07" "b\r\n\xc2\x9b" "c\x7f", 0);
	assert_string_equal(out, "a?]0;x?b???c?");
	free(out);
	out = capture(put_any, "bad \xff\xfe utf-8 \xe4\xb8", 0);
	assert_string_equal(out, "bad ?? utf-8 ??");
	free(out);
}

static void
put_csv(FILE *f, const char *s, int w)
{
	(void)w;
	text_csv_cell(f, s);
}

/* The bidirectional overrides and isolates reorder what follows them on a
 * terminal and in a spreadsheet: inert everywhere, as controls are, and
 * in a CSV cell too (where tab, CR and LF stay data). */
static void
test_bidi_inert(void **state)
{
	char *out;

	(void)state;
	out = capture(put_any, "a\u202eb\u202ac\u2066d\u2069e\u200ff\u061cg"
	    "\u200dh", 0);
	assert_string_equal(out, "a?b?c?d?e?f?g\u200dh");
	free(out);
	out = capture(put_csv, "x\u202ey\xc2\x9bz\xff", 0);
	assert_string_equal(out, "x?y?z?");
	free(out);
	out = capture(put_csv, "l1\r\nl2\t\u202e\"", 0);
	assert_string_equal(out, "\"l1\r\nl2\t?\"\"\"");
	free(out);
	out = capture(put_csv, "王小明", 0);
	assert_string_equal(out, "王小明");
	free(out);
	assert_int_equal(text_width("a\u202eb"), 3);
	assert_true(text_inert(0x202e));
	assert_true(text_inert(-1));
	assert_false(text_inert(0x738b));
}

static void
put_lines(FILE *f, const char *s, int w)
{
	(void)w;
	text_put_lines(f, s);
}

/* Messages of several lines (form check) keep their newlines, nothing
 * else. */
static void
test_lines_keep_newlines(void **state)
{
	char *out;

	(void)state;
	out = capture(put_lines, "f.csv:survey:2: 'a\x1b[2J'\r\n"
	    "f.csv:survey:3: \x07\xc2\x9b\xe8\xb0\x83", 0);
	assert_string_equal(out, "f.csv:survey:2: 'a?[2J'?\n"
	    "f.csv:survey:3: ??\xe8\xb0\x83");
	free(out);
}

static void
test_widths(void **state)
{
	(void)state;
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("调查员"), 6);
	assert_int_equal(text_width("a\tb"), 3);
	assert_int_equal(text_width(""), 0);
}

static void
test_padding(void **state)
{
	char *out;

	(void)state;
	out = capture(text_pad, "调查员", 8);
	assert_string_equal(out, "调查员  ");
	free(out);
	out = capture(text_rpad, "用时", 6);
	assert_string_equal(out, "  用时");
	free(out);
	/* A cell never runs into the next column: cut, and marked. */
	out = capture(text_pad, "too long", 3);
	assert_string_equal(out, "to\xe2\x80\xa6");
	free(out);
	out = capture(text_pad, "新街口街道", 7);
	assert_string_equal(out, "新街口\xe2\x80\xa6");
	free(out);
	out = capture(text_rpad, "新街口街道", 6);
	assert_string_equal(out, " 新街\xe2\x80\xa6");
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_controls_never_pass),
		cmocka_unit_test(test_bidi_inert),
		cmocka_unit_test(test_lines_keep_newlines),
		cmocka_unit_test(test_widths),
		cmocka_unit_test(test_padding),
	};

	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
