/*
 * test_openrosa.c - the server's message as kesu logs and shows it:
 * ODK Central's replies escape the text of <message> (its templates write
 * ' as &#39; and / as &#x2F;), so what a supervisor reads must be the
 * decoded sentence, with control characters inert and long text cut
 * between characters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sync/openrosa.h"

#define OR_OPEN "\n  <OpenRosaResponse xmlns=\"http://openrosa.org/http/response\"" \
	" items=\"0\">\n    <message nature=\"error\">"
#define OR_CLOSE "</message>\n  </OpenRosaResponse>"

static void
expect(const char *body, const char *want)
{
	char *got = openrosa_message(body);

	if (want == NULL) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

/* Central's answer to a record of a form version it does not hold,
 * byte for byte as ODK Central v2026.2 sent it. */
static void
test_central_version(void **state)
{
	(void)state;
	expect(OR_OPEN "The form version specified in this submission "
	    "&#39;2026112801&#39; does not exist." OR_CLOSE,
	    "The form version specified in this submission '2026112801' "
	    "does not exist.");
}

static void
test_references(void **state)
{
	(void)state;
	expect(OR_OPEN "a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;"
	    OR_CLOSE, "a <b> & \"c\" 'd'");
	expect(OR_OPEN "v1&#x2F;key &#X2f; &#x60;x&#x3D;1&#x60;" OR_CLOSE,
	    "v1/key / `x=1`");
	/* decoded once: an escaped reference stays a reference */
	expect(OR_OPEN "&amp;lt; &amp;#39;" OR_CLOSE, "&lt; &#39;");
	/* non-ASCII by number, as UTF-8 */
	expect(OR_OPEN "&#34920;&#x5355; &#xe9; &#x1F600;" OR_CLOSE,
	    "\xe8\xa1\xa8\xe5\x8d\x95 \xc3\xa9 \xf0\x9f\x98\x80");
}

/* What is no reference is left as it came. */
static void
test_not_references(void **state)
{
	(void)state;
	expect(OR_OPEN "R&D &nbsp; &#; &#x; &#0; &#xD800; &#x110000; "
	    "&#123456789; &#12 &" OR_CLOSE,
	    "R&D &nbsp; &#; &#x; &#0; &#xD800; &#x110000; &#123456789; "
	    "&#12 &");
}

/* Controls, raw or by reference, never reach a log or a terminal. */
static void
test_controls(void **state)
{
	(void)state;
	expect(OR_OPEN "a&#27;[2Jb&#x9b;c\x1b" "d\xc2\x9b" "e&#127;f\tg\n"
	    OR_CLOSE, "a [2Jb c d e f g");
	expect(OR_OPEN "  &#10;&#32; x &#9; " OR_CLOSE, "x");
	/* bytes that are not UTF-8 show as '?', and removing a tag cannot
	 * join two of them into a control */
	expect(OR_OPEN "a\xff b\xc0\xaf c\xed\xa0\x80 d\xc2<b>\x9b e\xe8\xa1"
	    OR_CLOSE, "a? b?? c??? d?? e??");
	expect(OR_OPEN "&#10;&#13;" OR_CLOSE, NULL);
}

static void
test_fallbacks(void **state)
{
	(void)state;
	expect("<html><head><title>413 Request Entity Too Large</title>"
	    "</head><body>nginx</body></html>",
	    "413 Request Entity Too Large");
	expect("<html><body>Please log in &amp; accept</body></html>",
	    "Please log in & accept");
	expect("", NULL);
}

/* 300 bytes at most, never half a character: 101 Chinese characters
 * (303 bytes) keep 100. */
static void
test_cut(void **state)
{
	char body[1024], want[512];
	size_t n = 0, k = 0;
	char *got;

	(void)state;
	n += (size_t)snprintf(body, sizeof body, "%s", OR_OPEN);
	for (int i = 0; i < 101; i++) {
		memcpy(body + n, "\xe8\xa1\xa8", 3);
		n += 3;
		if (i < 100) {
			memcpy(want + k, "\xe8\xa1\xa8", 3);
			k += 3;
		}
	}
	snprintf(body + n, sizeof body - n, "%s", OR_CLOSE);
	want[k] = '\0';
	got = openrosa_message(body);
	assert_non_null(got);
	assert_int_equal(strlen(got), 300);
	assert_string_equal(got, want);
	free(got);

	/* by reference too: "x" then 100 of &#34920; cut after 99 */
	n = (size_t)snprintf(body, sizeof body, "%sx", OR_OPEN);
	for (int i = 0; i < 100; i++)
		n += (size_t)snprintf(body + n, sizeof body - n, "&#34920;");
	snprintf(body + n, sizeof body - n, "%s", OR_CLOSE);
	got = openrosa_message(body);
	assert_non_null(got);
	assert_int_equal(strlen(got), 1 + 99 * 3);
	free(got);
}

static void
redacted(const char *url, const char *want)
{
	char *got = openrosa_redact(url);

	assert_string_equal(got, want);
	free(got);
}

/* Secrets in a server URL never reach a message, whatever their length
 * or the case of the path, and a token shorter than the mask fits. */
static void
test_redact(void **state)
{
	(void)state;
	redacted("http://127.0.0.1:1/v1/key//T/projects/1",
	    "http://127.0.0.1:1/v1/key/***/T/projects/1");
	redacted("https://h/v1/key/T/projects/1",
	    "https://h/v1/key/***/projects/1");
	redacted("https://h/v1/key/T", "https://h/v1/key/***");
	redacted("https://h/v1/KEY/Secr3tToken/projects/1",
	    "https://h/v1/KEY/***/projects/1");
	redacted("https://h/v1/Key/Secr3tToken/projects/1/submission",
	    "https://h/v1/Key/***/projects/1/submission");
	redacted("https://u:Secr3t@h/v1/projects/1",
	    "https://h/v1/projects/1");
	redacted("https://h/v1/projects/1?token=Secr3t&x=1",
	    "https://h/v1/projects/1?token=***&x=1");
	redacted("https://h/v1/projects/1?a=b&TOKEN=Secr3t",
	    "https://h/v1/projects/1?a=b&TOKEN=***");
	redacted("https://h/v1/projects/1", "https://h/v1/projects/1");
	redacted("", "");
}

static int
opens(const char *url)
{
	struct openrosa_opts o = { url, "u", "p", NULL };
	openrosa *c = NULL;
	char *cause = NULL;
	int rc = openrosa_open(&o, &c, &cause);

	openrosa_close(&c);
	if (rc != 0) {
		assert_non_null(cause);
		assert_null(strstr(cause, "Secr3t"));
	}
	free(cause);
	return rc;
}

/* Plain http only to the loopback host itself, read from the parsed URL,
 * never a prefix of the text. */
static void
test_loopback(void **state)
{
	(void)state;
	assert_int_equal(opens("http://127.0.0.1:8080/v1/projects/1"), 0);
	assert_int_equal(opens("http://127.1.2.3/v1/projects/1"), 0);
	assert_int_equal(opens("http://localhost/v1/projects/1"), 0);
	assert_int_equal(opens("HTTP://LOCALHOST:9/v1/projects/1"), 0);
	assert_int_equal(opens("http://[::1]:9/v1/projects/1"), 0);
	assert_int_equal(opens("https://example.org/v1/projects/1"), 0);
	assert_int_equal(opens("http://127.0.0.1@192.0.2.1:18080/v1/p/1"),
	    KESU_ECONFIG);
	assert_int_equal(opens("http://127.0.0.1:Secr3t@192.0.2.1/v1/p/1"),
	    KESU_ECONFIG);
	assert_int_equal(opens("http://127.0.0.1.example.invalid/v1/p/1"),
	    KESU_ECONFIG);
	assert_int_equal(opens("http://localhost.example.invalid/v1/p/1"),
	    KESU_ECONFIG);
	assert_int_equal(opens("http://[::1].example/v1/p/1"), KESU_ECONFIG);
	assert_int_equal(opens("http://example.org/v1/projects/1"),
	    KESU_ECONFIG);
	assert_int_equal(opens("ftp://127.0.0.1/v1/projects/1"),
	    KESU_ECONFIG);
	assert_int_equal(opens("not a url"), KESU_ECONFIG);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_central_version),
		cmocka_unit_test(test_references),
		cmocka_unit_test(test_not_references),
		cmocka_unit_test(test_controls),
		cmocka_unit_test(test_fallbacks),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_redact),
		cmocka_unit_test(test_loopback),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
