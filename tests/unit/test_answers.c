/*
 * test_answers.c - answers files for `kesu form run`: name=value lines and
 * CSV, values kept as written, and errors that name the line.
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

#include "cmd/answers.h"

static char dir[64];

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/kesu-answers-XXXXXX");
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	return rmdir(dir);
}

/* Write text to DIR/name and read it back as an answers file. */
static int
read_text(const char *name, const char *text, struct answers **as,
    char **cause)
{
	char path[128];
	FILE *f;
	int rc;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	rc = answers_read(path, as, cause);
	unlink(path);
	return rc;
}

static void
check(const struct answer *a, const char *name, const char *value, int line)
{
	assert_string_equal(a->name, name);
	assert_string_equal(a->value, value);
	assert_int_equal(a->line, line);
}

static void
test_lines(void **state)
{
	struct answers *as = NULL;
	char *cause = NULL;

	(void)state;
	assert_int_equal(read_text("a.txt", "\xef\xbb\xbf# a comment\r\n"
	    "age=30\r\n"
	    "\n"
	    "   \t\n"
	    "  name = Li Lei \r\n"
	    "formula=a=b\n"
	    "empty=\n"
	    "  # indented comment\n"
	    "last=no newline", &as, &cause), 0);
	assert_int_equal(as->n, 1);
	assert_int_equal(as->iv[0].line, 0);
	assert_int_equal(as->iv[0].n, 5);
	check(&as->iv[0].a[0], "age", "30", 2);
	check(&as->iv[0].a[1], "name", " Li Lei ", 5);
	check(&as->iv[0].a[2], "formula", "a=b", 6);
	check(&as->iv[0].a[3], "empty", "", 7);
	check(&as->iv[0].a[4], "last", "no newline", 9);
	answers_free(&as);
	assert_null(as);
}

static void
test_lines_errors(void **state)
{
	struct answers *as = NULL;
	char *cause = NULL;
	char want[256];

	(void)state;
	assert_int_equal(read_text("b.txt", "a=1\n\njust words\n", &as,
	    &cause), 65);
	assert_null(as);
	snprintf(want, sizeof want, "%s/b.txt:3: expected name=value", dir);
	assert_string_equal(cause, want);
	free(cause);
	cause = NULL;
	/* A name given again starts a round of changes. */
	assert_int_equal(read_text("b.txt", "a=1\nb=2\na=3\nc=4\na=5\nb=6\n",
	    &as, &cause), 0);
	assert_int_equal(as->n, 1);
	assert_int_equal(as->iv[0].n, 6);
	assert_int_equal(as->iv[0].nrounds, 3);
	assert_int_equal(as->iv[0].a[0].round, 0);
	assert_int_equal(as->iv[0].a[1].round, 0);
	assert_int_equal(as->iv[0].a[2].round, 1);
	assert_int_equal(as->iv[0].a[3].round, 1);
	assert_int_equal(as->iv[0].a[4].round, 2);
	assert_int_equal(as->iv[0].a[5].round, 2);
	assert_int_equal(as->iv[0].a[4].line, 5);
	answers_free(&as);
	assert_int_equal(answers_read("/nonexistent/answers.txt", &as,
	    &cause), 66);
	assert_string_equal(cause,
	    "/nonexistent/answers.txt: No such file or directory");
	free(cause);
}

static void
test_csv(void **state)
{
	struct answers *as = NULL;
	char *cause = NULL;

	(void)state;
	assert_int_equal(read_text("c.csv", "\xef\xbb\xbf"
	    "name, age ,note\r\n"
	    "\"Han, Meimei\",25,\"said \"\"hi\"\"\"\r\n"
	    "\r\n"
	    "Li Lei,41,\"two\nlines\"\n"
	    "Wang,,\n"
	    "Zhao,7\n", &as, &cause), 0);
	assert_int_equal(as->n, 4);
	assert_int_equal(as->iv[0].line, 2);
	check(&as->iv[0].a[0], "name", "Han, Meimei", 2);
	check(&as->iv[0].a[1], "age", "25", 2);
	check(&as->iv[0].a[2], "note", "said \"hi\"", 2);
	assert_int_equal(as->iv[1].line, 4);
	check(&as->iv[1].a[2], "note", "two\nlines", 4);
	assert_int_equal(as->iv[2].line, 6);
	assert_int_equal(as->iv[2].n, 3);
	check(&as->iv[2].a[1], "age", "", 6);
	assert_int_equal(as->iv[3].line, 7);
	assert_int_equal(as->iv[3].n, 2); /* a short row gives fewer */
	answers_free(&as);
}

static void
test_csv_errors(void **state)
{
	struct answers *as = NULL;
	char *cause = NULL;
	char want[256];

	(void)state;
	assert_int_equal(read_text("d.csv", "a,b\n1,2,3\n", &as, &cause), 65);
	snprintf(want, sizeof want, "%s/d.csv:2: 3 cells, but the header "
	    "has 2", dir);
	assert_string_equal(cause, want);
	free(cause);
	cause = NULL;
	assert_int_equal(read_text("d.csv", "a,b\n1,2\n\"3,4\n", &as, &cause),
	    65);
	snprintf(want, sizeof want, "%s/d.csv:3: unterminated quoted cell",
	    dir);
	assert_string_equal(cause, want);
	free(cause);
	cause = NULL;
	assert_int_equal(read_text("d.csv", "a,,c\n1,2,3\n", &as, &cause), 65);
	snprintf(want, sizeof want, "%s/d.csv:1: column 2 of the header has "
	    "no name", dir);
	assert_string_equal(cause, want);
	free(cause);
	cause = NULL;
	/* A row answers each field once: no column twice. */
	assert_int_equal(read_text("d.csv", "a,b,a\n1,2,3\n", &as, &cause),
	    65);
	snprintf(want, sizeof want, "%s/d.csv:1: column 'a' is given twice in "
	    "the header (a row answers each field once; to change an answer, "
	    "use a name=value file)", dir);
	assert_string_equal(cause, want);
	free(cause);
	cause = NULL;
	assert_int_equal(read_text("d.csv", "", &as, &cause), 65);
	snprintf(want, sizeof want, "%s/d.csv: no header row of field names",
	    dir);
	assert_string_equal(cause, want);
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_lines_errors),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_csv_errors),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
