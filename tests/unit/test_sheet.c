/*
 * test_sheet.c - the sheet readers as a form author's file reaches them:
 * the .csv and .md layouts pyxform accepts, .xlsx workbooks as Excel and
 * openpyxl write them, and the messages a broken file gets.
 *
 * The .xlsx fixtures come from tests/fixtures/make-xlsx.py; twin.csv,
 * twin.md and twin.xlsx hold the same form, which pyxform converts to the
 * same XForm, so kesu must read the same cells from all three.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <setjmp.h>
#include <cmocka.h>

#include "sheet/sheet.h"

#define NOT_ZIP "x.xlsx: not a zip file (or a truncated one)"

/* tests/fixtures/NAME, found from this file's place in the tree. */
static char *
fixture(const char *name)
{
	const char *file = __FILE__, *slash = strrchr(file, '/');
	size_t n = slash != NULL ? (size_t)(slash - file) : 0;
	char *dir, *path, *up;
	int len;

	dir = calloc(1, n + 1);
	assert_non_null(dir);
	memcpy(dir, file, n);
	up = strrchr(dir, '/');
	if (up != NULL)
		*up = '\0';
	else
		dir[0] = '\0';
	len = snprintf(NULL, 0, "%s%sfixtures/%s", dir, *dir ? "/" : "",
	    name);
	path = malloc((size_t)len + 1);
	assert_non_null(path);
	snprintf(path, (size_t)len + 1, "%s%sfixtures/%s", dir, *dir ? "/" : "",
	    name);
	if (*dir == '\0' || access(path, R_OK) != 0)
		snprintf(path, (size_t)len + 1, "tests/fixtures/%s", name);
	free(dir);
	return path;
}

static struct sheet_book *
parse_ok(enum sheet_format fmt, const char *name, const char *text)
{
	struct sheet_book *b = NULL;
	char *cause = NULL;

	if (sheet_book_parse(name, fmt, text, strlen(text), &b, &cause) != 0)
		fail_msg("%s: unexpected error: %s", name, cause);
	assert_non_null(b);
	return b;
}

/* The error message for text, which must fail with code rc. */
static char *
parse_fail(enum sheet_format fmt, const char *name, const void *data,
    size_t len, int rc)
{
	struct sheet_book *b = NULL;
	char *cause = NULL;

	assert_int_equal(sheet_book_parse(name, fmt, data, len, &b, &cause),
	    rc);
	assert_null(b);
	assert_non_null(cause);
	return cause;
}

static void
expect_fail(enum sheet_format fmt, const char *name, const char *text,
    const char *msg)
{
	char *cause = parse_fail(fmt, name, text, strlen(text), 65);

	assert_string_equal(cause, msg);
	free(cause);
}

/* Assert a row: its number and its cells, NULL-terminated. */
static void
expect_row(const struct sheet *s, int i, int rownum, ...)
{
	const struct sheet_row *r;
	const char *want;
	va_list ap;
	int col = 0;

	assert_non_null(s);
	assert_true(i < s->nrows);
	r = &s->rows[i];
	assert_int_equal(r->row, rownum);
	va_start(ap, rownum);
	while ((want = va_arg(ap, const char *)) != NULL) {
		assert_string_equal(sheet_cell(r, col), want);
		col++;
	}
	va_end(ap);
	assert_int_equal(r->ncells, col);
}

static void
csv_layouts(void **state)
{
	struct sheet_book *b;
	const struct sheet *s;

	(void)state;
	b = parse_ok(SHEET_CSV, "x.csv",
	    "\xef\xbb\xbfsurvey\n"          /* BOM; name alone on its row */
	    ",type,name,label\n"
	    ",integer, age ,\xe3\x80\x80How old?\xc2\xa0\n" /* U+3000, NBSP */
	    "\n"
	    ",,,\n"                           /* blank: skipped */
	    ",text,  ,\n"
	    "choices,list_name,name\n"        /* name and header together */
	    ",yn,yes,extra\n"
	    "  ,yn,no\n");
	assert_int_equal(b->nsheets, 2);
	s = sheet_book_get(b, "SURVEY");
	assert_ptr_equal(s, &b->sheets[0]);
	assert_string_equal(s->name, "survey");
	assert_int_equal(s->nrows, 3);
	expect_row(s, 0, 2, "type", "name", "label", NULL);
	expect_row(s, 1, 3, "integer", "age", "How old?", NULL);
	expect_row(s, 2, 6, "text", NULL);
	s = sheet_book_get(b, "choices");
	assert_int_equal(s->nrows, 3);
	expect_row(s, 0, 7, "list_name", "name", NULL);
	expect_row(s, 1, 8, "yn", "yes", "extra", NULL);
	expect_row(s, 2, 9, "yn", "no", NULL);
	assert_string_equal(sheet_cell(&s->rows[2], 7), "");
	assert_string_equal(sheet_cell(&s->rows[2], -1), "");
	assert_null(sheet_book_get(b, "settings"));
	sheet_book_free(&b);
	assert_null(b);
	sheet_book_free(&b);
}

static void
csv_quotes(void **state)
{
	struct sheet_book *b;
	const struct sheet *s;

	(void)state;
	b = parse_ok(SHEET_CSV, "x.csv",
	    "survey,type,name,label\r\n"
	    ",note,a,\"Hello, \"\"world\"\"\"\r\n"
	    ",note,b,\"two\r\nlines\nand three\"\r\n"
	    ",note,c,say \"hi\" now\r\n"      /* quotes inside: literal */
	    ",note,d,\"quoted\" then\r"       /* text after the quote; CR */
	    ",\"note\",\"e\",\"\"\n");
	s = sheet_book_get(b, "survey");
	assert_int_equal(s->nrows, 6);
	expect_row(s, 1, 2, "note", "a", "Hello, \"world\"", NULL);
	expect_row(s, 2, 3, "note", "b", "two\r\nlines\nand three", NULL);
	expect_row(s, 3, 6, "note", "c", "say \"hi\" now", NULL);
	expect_row(s, 4, 7, "note", "d", "quoted then", NULL);
	expect_row(s, 5, 8, "note", "e", NULL);
	sheet_book_free(&b);
}

static void
csv_errors(void **state)
{
	struct sheet_book *b = NULL;
	char *cause = NULL, *wide;
	size_t i, n = 20000;

	(void)state;
	expect_fail(SHEET_CSV, "x.csv",
	    "survey,type,name\n\n,note,\"open\n,x,y\n",
	    "x.csv:3: unterminated quoted cell");
	expect_fail(SHEET_CSV, "x.csv", "survey,type\n,ok\n,bad \xff\n",
	    "x.csv:3: invalid UTF-8");
	expect_fail(SHEET_CSV, "x.csv", "survey,type\n,a\xed\xa0\x80\n",
	    "x.csv:2: invalid UTF-8");
	expect_fail(SHEET_CSV, "x.csv", "\n,type,name\nsurvey\n",
	    "x.csv:2: cells before the first sheet name");
	expect_fail(SHEET_CSV, "x.csv", "survey,type\n,a\nSurvey,type\n",
	    "x.csv:3: sheet 'Survey' appears twice "
	    "(sheet names ignore case)");
	/* A NUL byte, which no cell can hold. */
	cause = parse_fail(SHEET_CSV, "x.csv", "survey,t\n,a\0b\n", 14, 65);
	assert_string_equal(cause, "x.csv:2: NUL byte in text");
	free(cause);
	cause = NULL;
	wide = malloc(n + 16);
	assert_non_null(wide);
	memcpy(wide, "survey", 6);
	for (i = 6; i < n; i++)
		wide[i] = ',';
	wide[n] = 'x';
	wide[n + 1] = '\0';
	expect_fail(SHEET_CSV, "x.csv", wide,
	    "x.csv:1: more than 16384 columns");
	free(wide);
	/* An empty file is an empty book; the form decides what is missing. */
	assert_int_equal(sheet_book_parse("x.csv", SHEET_CSV, "", 0, &b,
	    &cause), 0);
	assert_int_equal(b->nsheets, 0);
	sheet_book_free(&b);
}

static void
md_layout(void **state)
{
	struct sheet_book *b;
	const struct sheet *s;

	(void)state;
	b = parse_ok(SHEET_MD, "x.md",
	    "# A form.\n"
	    "Some prose, ignored.\n"
	    "| survey |\n"
	    "|--------|------|------|-------|\n"
	    "|        | type | name | label |\n"
	    "   # an indented comment | not | a | row |\n"
	    "|        | note | a    | one \\| two |\n"
	    "|        | note | b    | x#y | # trailing comment\n"
	    "|        |      |      |       |\n"
	    "|        | note | c    | last\r\n"
	    "| choices | list_name | name |\n"
	    "|         | yn        | yes  |");
	assert_int_equal(b->nsheets, 2);
	s = sheet_book_get(b, "survey");
	assert_int_equal(s->nrows, 4);
	expect_row(s, 0, 5, "type", "name", "label", NULL);
	expect_row(s, 1, 7, "note", "a", "one | two", NULL);
	expect_row(s, 2, 8, "note", "b", "x#y", NULL);
	/* Cells end at the last pipe of the line. */
	expect_row(s, 3, 10, "note", "c", NULL);
	s = sheet_book_get(b, "choices");
	expect_row(s, 0, 11, "list_name", "name", NULL);
	expect_row(s, 1, 12, "yn", "yes", NULL);
	sheet_book_free(&b);
}

static void
md_errors(void **state)
{
	(void)state;
	expect_fail(SHEET_MD, "x.md", "intro\n|  | type | name |\n",
	    "x.md:2: table row before the first sheet name");
	expect_fail(SHEET_MD, "x.md",
	    "| survey | type |\n|  | note |\n| choices |\n",
	    "x.md:3: sheet 'choices' has no rows");
	expect_fail(SHEET_MD, "x.md",
	    "| survey | type |\n| | a |\n| SURVEY | type |\n",
	    "x.md:3: sheet 'SURVEY' appears twice "
	    "(sheet names ignore case)");
	expect_fail(SHEET_MD, "x.md", "| survey | type |\n| | \xc3 |\n",
	    "x.md:2: invalid UTF-8");
}

static struct sheet_book *
read_ok(const char *name)
{
	struct sheet_book *b = NULL;
	char *cause = NULL, *path = fixture(name);

	if (sheet_book_read(path, &b, &cause) != 0)
		fail_msg("%s: %s", path, cause);
	assert_string_equal(b->path, path);
	free(path);
	return b;
}

static void
xlsx_twin(void **state)
{
	struct sheet_book *b;
	const struct sheet *s;

	(void)state;
	b = read_ok("twin.xlsx");
	assert_int_equal(b->nsheets, 3);
	assert_string_equal(b->sheets[0].name, "survey");
	assert_string_equal(b->sheets[1].name, "choices");
	assert_string_equal(b->sheets[2].name, "settings");
	s = &b->sheets[0];
	assert_int_equal(s->nrows, 11);
	/* Shared strings: phonetic runs left out, rich-text runs joined. */
	assert_string_equal(sheet_cell(&s->rows[0], 2), "label::中文 (zh)");
	assert_string_equal(sheet_cell(&s->rows[0], 3), "label::English (en)");
	/* A boolean cell, and cells missing in the middle of a row. */
	expect_row(s, 2, 3, "select_one yes_no", "consent", "是否同意？",
	    "Do you agree, then?", "", "", "", "", "", "TRUE", NULL);
	/* A float cell. */
	assert_string_equal(sheet_cell(&s->rows[6], 10), "2.5");
	expect_row(s, 7, 8, "end_group", NULL);
	/* Integers: choice names and the version. */
	expect_row(&b->sheets[1], 3, 4, "topics", "1", "物理", "Physics",
	    NULL);
	expect_row(&b->sheets[2], 1, 2, "Twin form", "twin", "2026112801",
	    "中文 (zh)", NULL);
	sheet_book_free(&b);
}

static void
twins_agree(void **state)
{
	static const char *const names[] = { "twin.csv", "twin.md",
		"twin.xlsx" };
	struct sheet_book *b[3];
	const struct sheet_row *r0, *r;
	int i, j, k, c;

	(void)state;
	for (i = 0; i < 3; i++)
		b[i] = read_ok(names[i]);
	for (i = 1; i < 3; i++) {
		assert_int_equal(b[i]->nsheets, b[0]->nsheets);
		for (j = 0; j < b[0]->nsheets; j++) {
			assert_string_equal(b[i]->sheets[j].name,
			    b[0]->sheets[j].name);
			assert_int_equal(b[i]->sheets[j].nrows,
			    b[0]->sheets[j].nrows);
			for (k = 0; k < b[0]->sheets[j].nrows; k++) {
				r0 = &b[0]->sheets[j].rows[k];
				r = &b[i]->sheets[j].rows[k];
				assert_int_equal(r->ncells, r0->ncells);
				for (c = 0; c < r0->ncells; c++)
					assert_string_equal(sheet_cell(r, c),
					    sheet_cell(r0, c));
			}
		}
	}
	/* Row numbers are each file's own. */
	assert_int_equal(b[0]->sheets[1].rows[0].row, 14);
	assert_int_equal(b[1]->sheets[1].rows[0].row, 17);
	assert_int_equal(b[2]->sheets[1].rows[0].row, 1);
	for (i = 0; i < 3; i++)
		sheet_book_free(&b[i]);
}

static void
xlsx_values(void **state)
{
	struct sheet_book *b;
	const struct sheet *s;

	(void)state;
	b = read_ok("cells.xlsx");
	assert_int_equal(b->nsheets, 3);
	s = sheet_book_get(b, "survey");
	assert_int_equal(s->nrows, 10);
	/* Header: trimmed, runs of spaces made single; column D empty. */
	expect_row(s, 0, 1, "type", "name", "label of it", "", "default",
	    NULL);
	/* 3.0 reads "3"; cells under the empty header are dropped. */
	expect_row(s, 1, 2, "integer", "a", "An integer", "", "3", NULL);
	/* A no-break space inside text becomes a space. */
	expect_row(s, 2, 3, "decimal", "b", "Non break", "", "0.1", NULL);
	expect_row(s, 3, 4, "decimal", "c", "", "", "1e-05", NULL);
	expect_row(s, 4, 5, "integer", "d", "padded", "", "7", NULL);
	expect_row(s, 5, 6, "acknowledge", "e", "TRUE", "", "FALSE", NULL);
	/* Row 7 holds only spaces; row 8 is missing. */
	expect_row(s, 6, 9, "date", "f", "", "", "2026-11-28 00:00:00", NULL);
	expect_row(s, 7, 10, "time", "g", "", "", "12:00:00", NULL);
	expect_row(s, 8, 11, "decimal", "h", "", "", "123456.789", NULL);
	/* Beyond the header: dropped.  Row 74, after 61 empty rows, is
	 * never read, as pyxform stops there. */
	expect_row(s, 9, 12, "integer", "i", "", "", "-2", NULL);
	/* Not an XLSForm sheet: listed, not read. */
	assert_int_equal(sheet_book_get(b, "notes")->nrows, 0);
	/* Inline strings and integers. */
	s = sheet_book_get(b, "choices");
	assert_int_equal(s->nrows, 3);
	expect_row(s, 2, 3, "yn", "0", "No", NULL);
	sheet_book_free(&b);
}

static void
xlsx_errors(void **state)
{
	struct sheet_book *b = NULL;
	char *cause = NULL, *path, *data, *name;
	unsigned char *hdr;
	FILE *f;
	long len;

	(void)state;
	cause = parse_fail(SHEET_XLSX, "x.xlsx", "survey,type,name\n", 17, 65);
	assert_string_equal(cause, NOT_ZIP);
	free(cause);
	cause = parse_fail(SHEET_XLSX, "x.xlsx", "", 0, 65);
	assert_string_equal(cause, NOT_ZIP);
	free(cause);

	/* The first half of a good workbook. */
	path = fixture("twin.xlsx");
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	len = ftell(f);
	rewind(f);
	data = malloc((size_t)len);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	free(path);
	cause = parse_fail(SHEET_XLSX, "x.xlsx", data, (size_t)len / 2, 65);
	assert_string_equal(cause, NOT_ZIP);
	free(cause);
	/* A damaged entry: the compressed bytes of xl/workbook.xml
	 * overwritten, past its local header (30 bytes, name, extra). */
	name = memmem(data, (size_t)len, "xl/workbook.xml", 15);
	assert_non_null(name);
	hdr = (unsigned char *)name - 30;
	memset(name + 15 + (hdr[28] | hdr[29] << 8), 0x55, 16);
	cause = parse_fail(SHEET_XLSX, "x.xlsx", data, (size_t)len, 65);
	assert_string_equal(cause, "x.xlsx: xl/workbook.xml: damaged entry "
	    "(the file may be truncated)");
	free(cause);
	free(data);

	cause = NULL;
	path = fixture("noworkbook.xlsx");
	assert_int_equal(sheet_book_read(path, &b, &cause), 65);
	assert_null(b);
	assert_non_null(strstr(cause,
	    ": xl/workbook.xml is missing: not an Excel workbook"));
	assert_int_equal(strncmp(cause, path, strlen(path)), 0);
	free(cause);
	free(path);
}

static void
read_errors(void **state)
{
	struct sheet_book *b = NULL;
	char *cause = NULL;

	(void)state;
	assert_int_equal(sheet_book_read("/nonexistent/x.csv", &b, &cause),
	    66);
	assert_string_equal(cause,
	    "/nonexistent/x.csv: No such file or directory");
	free(cause);
	cause = NULL;
	assert_int_equal(sheet_book_read("form.txt", &b, &cause), 65);
	assert_string_equal(cause, "form.txt: not an .xlsx, .csv or .md file");
	free(cause);
	assert_null(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_layouts),
		cmocka_unit_test(csv_quotes),
		cmocka_unit_test(csv_errors),
		cmocka_unit_test(md_layout),
		cmocka_unit_test(md_errors),
		cmocka_unit_test(xlsx_twin),
		cmocka_unit_test(twins_agree),
		cmocka_unit_test(xlsx_values),
		cmocka_unit_test(xlsx_errors),
		cmocka_unit_test(read_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
