/*
 * test_engine.c - the interview engine as a screen or `kesu form run`
 * sees it: navigation, answers and their normalised text, relevance,
 * defaults, messages in the form's languages, and the instance XML.
 *
 * Forms are written inline in pyxform's markdown layout and loaded with
 * form_load_book(), so each test shows the form it is about.
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
#include "engine/engine_int.h"
#include "form/form.h"
#include "sheet/sheet.h"
#include "util/clock.h"

#define NOW "2026-11-28T10:00:00+08:00"

#define NS " xmlns:ev=\"http://www.w3.org/2001/xml-events\"" \
	" xmlns:orx=\"http://openrosa.org/xforms\"" \
	" xmlns:odk=\"http://www.opendatakit.org/xforms\"" \
	" xmlns:h=\"http://www.w3.org/1999/xhtml\"" \
	" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"" \
	" xmlns:jr=\"http://openrosa.org/javarosa\""
#define DECL "<?xml version='1.0' encoding='UTF-8' ?>"
#define ID "uuid:0b5ec5d8-6a3e-4b1c-9f5e-2c1d3e4f5a6b"

struct t {
	form *f;
	engine *e;
};

static void
t_open_lang(struct t *t, const char *md, int lang)
{
	struct sheet_book *book = NULL;
	struct engine_opts o = { ID, "wang", "kesu:test", 0, 0, lang };
	char *cause = NULL;

	if (sheet_book_parse("t.md", SHEET_MD, md, strlen(md), &book,
	    &cause) != 0)
		fail_msg("sheet: %s", cause);
	if (form_load_book(book, "t.md", &t->f, &cause) != 0)
		fail_msg("form: %s", cause);
	sheet_book_free(&book);
	assert_int_equal(clock_parse(NOW, &o.now, &o.tz_offset), 0);
	if (engine_new(t->f, &o, &t->e, &cause) != 0)
		fail_msg("engine: %s", cause);
}

static void
t_open(struct t *t, const char *md)
{
	t_open_lang(t, md, -1);
}

static void
t_close(struct t *t)
{
	engine_free(&t->e);
	form_free(&t->f);
}

static int
fld(struct t *t, const char *name)
{
	int i = form_find(t->f, name);

	if (i < 0)
		fail_msg("no field %s", name);
	return i;
}

static void
set_ok(struct t *t, const char *name, const char *text)
{
	char *cause = NULL;

	if (engine_set(t->e, fld(t, name), text, &cause) != 0)
		fail_msg("set %s=%s: %s", name, text, cause);
}

/* engine_set must refuse, with this message. */
static void
set_bad(struct t *t, const char *name, const char *text, const char *msg)
{
	char *cause = NULL;

	assert_int_equal(engine_set(t->e, fld(t, name), text, &cause),
	    KESU_EDATA);
	assert_non_null(cause);
	assert_string_equal(cause, msg);
	free(cause);
}

static const char *
val(struct t *t, const char *name)
{
	return engine_value(t->e, fld(t, name));
}

static void
next_ok(struct t *t)
{
	char *cause = NULL;

	if (engine_next(t->e, &cause) != 0)
		fail_msg("next: %s", cause);
}

static const char *
cur_name(struct t *t)
{
	int q = engine_current(t->e);

	return q < 0 ? "(end)" : form_field(t->f, q)->name;
}

static const char nav_md[] =
    "| survey |             |       |       |               |             |\n"
    "|        | type        | name  | label | relevant      | calculation |\n"
    "|        | select_one yn | a   | A     |               |             |\n"
    "|        | text        | b     | B     | ${a} = 'yes'  |             |\n"
    "|        | calculate   | c     |       |               | 1 + 1       |\n"
    "|        | begin_group | g     | G     | ${a} = 'yes'  |             |\n"
    "|        | integer     | d     | D     |               |             |\n"
    "|        | end_group   |       |       |               |             |\n"
    "|        | note        | n     | Bye   |               |             |\n"
    "| choices |   |     |     |\n"
    "|         | list_name | name | label |\n"
    "|         | yn | yes | Yes |\n"
    "|         | yn | no  | No  |\n";

/* Non-relevant questions, whole groups and calculates are skipped. */
static void
test_nav_skips(void **state)
{
	struct t t;

	(void)state;
	t_open(&t, nav_md);
	assert_string_equal(cur_name(&t), "a");
	set_ok(&t, "a", "no");
	next_ok(&t);
	assert_string_equal(cur_name(&t), "n");
	next_ok(&t);
	assert_int_equal(engine_current(t.e), -1);
	engine_prev(t.e);
	assert_string_equal(cur_name(&t), "n");
	engine_prev(t.e);
	assert_string_equal(cur_name(&t), "a");
	set_ok(&t, "a", "yes");
	next_ok(&t);
	assert_string_equal(cur_name(&t), "b");
	next_ok(&t);
	assert_string_equal(cur_name(&t), "d");
	t_close(&t);
}

static const char page_md[] =
    "| survey |   |   |   |   |   |   |\n"
    "| | type | name | label | relevant | required | appearance |\n"
    "| | integer | a | A | | | |\n"
    "| | begin_group | p | P | | | field-list |\n"
    "| | select_one yn | b | B | | yes | |\n"
    "| | integer | c | C | ${b} = 'yes' | yes | |\n"
    "| | text | d | D | | | |\n"
    "| | end_group | | | | | |\n"
    "| | note | n | Bye | | | |\n"
    "| choices |   |     |     |\n"
    "|         | list_name | name | label |\n"
    "|         | yn | yes | Yes |\n"
    "|         | yn | no  | No  |\n";

/* A field-list group is one page: its shown questions, checked together
 * on the way on, the first failing one made current; back goes to a
 * page's first question; question by question navigation is as before. */
static void
test_pages(void **state)
{
	struct t t;
	char *cause = NULL;
	int g, n, *v;

	(void)state;
	t_open(&t, page_md);
	n = engine_page(t.e, &g, &v);
	assert_int_equal(n, 1);
	assert_int_equal(g, -1);
	assert_int_equal(v[0], fld(&t, "a"));
	free(v);
	if (engine_page_next(t.e, &cause) != 0)
		fail_msg("page next: %s", cause);
	assert_string_equal(cur_name(&t), "b");
	n = engine_page(t.e, &g, &v);
	assert_int_equal(g, fld(&t, "p"));
	assert_int_equal(n, 2);
	assert_int_equal(v[1], fld(&t, "d"));
	free(v);
	set_ok(&t, "b", "yes");
	n = engine_page(t.e, &g, &v);
	assert_int_equal(n, 3); /* c applies now */
	free(v);
	engine_goto(t.e, fld(&t, "d"));
	assert_int_equal(engine_page_next(t.e, &cause), KESU_EDATA);
	assert_string_equal(cause, "Sorry, this response is required.");
	free(cause);
	cause = NULL;
	assert_string_equal(cur_name(&t), "c");
	set_ok(&t, "c", "3");
	if (engine_page_next(t.e, &cause) != 0)
		fail_msg("page next: %s", cause);
	assert_string_equal(cur_name(&t), "n");
	engine_page_prev(t.e);
	assert_string_equal(cur_name(&t), "b");
	engine_page_prev(t.e);
	assert_string_equal(cur_name(&t), "a");
	/* Question by question, as form run walks: into the page. */
	next_ok(&t);
	assert_string_equal(cur_name(&t), "b");
	next_ok(&t);
	assert_string_equal(cur_name(&t), "c");
	engine_goto(t.e, -1);
	engine_page_prev(t.e);
	assert_string_equal(cur_name(&t), "n");
	t_close(&t);
}

static const char req_md[] =
    "| survey |         |      |       |          |\n"
    "|        | type    | name | label | required |\n"
    "|        | text    | a    | A     | yes      |\n"
    "|        | integer | b    | B     | yes      |\n";

/* next validates and stays put on failure; prev never validates. */
static void
test_next_validates_prev_does_not(void **state)
{
	struct t t;
	char *cause = NULL;

	(void)state;
	t_open(&t, req_md);
	assert_int_equal(engine_next(t.e, &cause), KESU_EDATA);
	assert_string_equal(cause, "Sorry, this response is required.");
	free(cause);
	cause = NULL;
	assert_string_equal(cur_name(&t), "a");
	set_ok(&t, "a", "x");
	next_ok(&t);
	assert_string_equal(cur_name(&t), "b");
	engine_prev(t.e);
	assert_string_equal(cur_name(&t), "a");
	set_ok(&t, "a", "");
	engine_goto(t.e, fld(&t, "b"));
	engine_prev(t.e); /* b is empty and required: prev still moves */
	assert_string_equal(cur_name(&t), "a");
	t_close(&t);
}

/* A field or group that turns non-relevant loses its answers and leaves
 * the instance; it reads as blank in expressions meanwhile. */
static void
test_relevance_clears(void **state)
{
	static const char md[] =
	    "| survey | | | | | |\n"
	    "| | type | name | label | relevant | calculation |\n"
	    "| | select_one yn | a | A | | |\n"
	    "| | integer | b | B | ${a}='yes' | |\n"
	    "| | begin_group | g | G | ${a}='yes' | |\n"
	    "| | text | t | T | | |\n"
	    "| | end_group | | | | |\n"
	    "| | calculate | c | | | concat('[', ${b}, ${t}, ']') |\n"
	    "| choices |   |     |     |\n"
	    "|         | list_name | name | label |\n"
	    "|         | yn | yes | Yes |\n"
	    "|         | yn | no  | No  |\n";
	struct t t;
	char *xml = NULL, *cause = NULL;

	(void)state;
	t_open(&t, md);
	set_ok(&t, "a", "yes");
	set_ok(&t, "b", "4");
	set_ok(&t, "t", "hi");
	assert_string_equal(val(&t, "c"), "[4hi]");
	set_ok(&t, "a", "no");
	assert_false(engine_relevant(t.e, fld(&t, "b")));
	assert_false(engine_relevant(t.e, fld(&t, "t")));
	assert_string_equal(val(&t, "b"), "");
	assert_string_equal(val(&t, "c"), "[]");
	assert_int_equal(engine_finalize(t.e, &xml, &cause), 0);
	assert_string_equal(xml, DECL "<data id=\"t\"" NS ">"
	    "<a>no</a><c>[]</c><meta><instanceID>" ID "</instanceID></meta>"
	    "</data>");
	free(xml);
	/* Relevant again: the old answers are gone. */
	set_ok(&t, "a", "yes");
	assert_true(engine_relevant(t.e, fld(&t, "t")));
	assert_string_equal(val(&t, "b"), "");
	assert_string_equal(val(&t, "t"), "");
	assert_false(engine_answered(t.e, fld(&t, "t")));
	t_close(&t);
}

/* Defaults are the answer until changed; clearing clears them. */
static void
test_defaults(void **state)
{
	static const char md[] =
	    "| survey |         |      |       |          |\n"
	    "|        | type    | name | label | default  |\n"
	    "|        | integer | n    | N     | 007      |\n"
	    "|        | decimal | x    | X     | 2        |\n"
	    "|        | date    | d    | D     | today()  |\n"
	    "|        | text    | t    | T     | hello    |\n";
	struct t t;
	char *xml = NULL, *cause = NULL;

	(void)state;
	t_open(&t, md);
	assert_string_equal(val(&t, "n"), "7");
	assert_string_equal(val(&t, "x"), "2.0");
	assert_string_equal(val(&t, "d"), "2026-11-28");
	assert_string_equal(val(&t, "t"), "hello");
	set_ok(&t, "t", "");
	set_ok(&t, "n", "8");
	assert_int_equal(engine_finalize(t.e, &xml, &cause), 0);
	assert_string_equal(xml, DECL "<data id=\"t\"" NS ">"
	    "<n>8</n><x>2.0</x><d>2026-11-28</d><t />"
	    "<meta><instanceID>" ID "</instanceID></meta></data>");
	free(xml);
	t_close(&t);
}

static const char types_md[] =
    "| survey |        |      |       |\n"
    "|        | type   | name | label |\n"
    "|        | integer | i   | I     |\n"
    "|        | decimal | x   | X     |\n"
    "|        | date    | d   | D     |\n"
    "|        | select_one c | s1 | S1 |\n"
    "|        | select_multiple c | sm | SM |\n"
    "|        | acknowledge | ok | OK? |\n"
    "|        | text    | t   | T     |\n"
    "| choices |   |     |     |\n"
    "|         | list_name | name | label |\n"
    "|         | c | a | A |\n"
    "|         | c | b | B |\n"
    "|         | c | c | C |\n";

static void
test_integers(void **state)
{
	struct t t;

	(void)state;
	t_open(&t, types_md);
	set_ok(&t, "i", "007");
	assert_string_equal(val(&t, "i"), "7");
	set_ok(&t, "i", "+3");
	assert_string_equal(val(&t, "i"), "3");
	set_ok(&t, "i", " -0 ");
	assert_string_equal(val(&t, "i"), "0");
	set_ok(&t, "i", "-2147483648");
	assert_string_equal(val(&t, "i"), "-2147483648");
	set_bad(&t, "i", "1.5", "'1.5' is not a whole number");
	set_bad(&t, "i", "12abc", "'12abc' is not a whole number");
	set_bad(&t, "i", "2147483648", "2147483648 is out of range: a whole "
	    "number goes from -2147483648 to 2147483647");
	assert_string_equal(val(&t, "i"), "-2147483648");
	t_close(&t);
}

static void
test_decimals(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "2", "2.0" }, { "1.50", "1.5" }, { "-0.25", "-0.25" },
		{ ".5", "0.5" }, { "3.", "3.0" }, { "0.001", "0.001" },
		{ "0.0001", "1.0E-4" }, { "12345678", "1.2345678E7" },
		{ "9999999.5", "9999999.5" }, { "0.1", "0.1" },
		{ "123456.789", "123456.789" },
	};
	struct t t;
	size_t k;

	(void)state;
	t_open(&t, types_md);
	for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		set_ok(&t, "x", cases[k].in);
		assert_string_equal(val(&t, "x"), cases[k].out);
	}
	set_bad(&t, "x", "1,5", "'1,5' is not a number");
	set_bad(&t, "x", "1e3", "'1e3' is not a number as kesu takes it: "
	    "write it in digits with an optional decimal point and no "
	    "exponent (12000000, not 1.2e7)");
	set_bad(&t, "x", ".", "'.' is not a number");
	t_close(&t);
}

static void
test_dates_selects_ack(void **state)
{
	struct t t;

	(void)state;
	t_open(&t, types_md);
	set_ok(&t, "d", "2024-02-29");
	assert_string_equal(val(&t, "d"), "2024-02-29");
	set_bad(&t, "d", "2026-02-29",
	    "'2026-02-29' is not a date; write it as YYYY-MM-DD");
	set_bad(&t, "d", "2026-1-5",
	    "'2026-1-5' is not a date; write it as YYYY-MM-DD");
	set_ok(&t, "s1", " b ");
	assert_string_equal(val(&t, "s1"), "b");
	set_bad(&t, "s1", "z", "'z' is not one of the choices");
	set_ok(&t, "sm", "c a  c");
	assert_string_equal(val(&t, "sm"), "a c");
	set_bad(&t, "sm", "a q", "'q' is not one of the choices");
	assert_string_equal(val(&t, "sm"), "a c");
	set_ok(&t, "ok", "yes");
	assert_string_equal(val(&t, "ok"), "OK");
	set_ok(&t, "ok", "1");
	assert_string_equal(val(&t, "ok"), "OK");
	set_bad(&t, "ok", "no",
	    "'no' does not acknowledge; answer OK or leave it empty");
	t_close(&t);
}

/* Control characters never reach the instance or a terminal. */
static void
test_text_controls(void **state)
{
	struct t t;
	char *xml = NULL, *cause = NULL;

	(void)state;
	t_open(&t, types_md);
	set_ok(&t, "t", "a\x1b[31mb\x07\tc\r\nd\x7f\xc2\x9b"
	    "e <&> \"q\" @ \xf0\x9f\x91\x8d");
	assert_string_equal(val(&t, "t"),
	    "a[31mb\tc\nde <&> \"q\" @ \xf0\x9f\x91\x8d");
	set_bad(&t, "t", "bad \xff utf8", "The answer is not valid UTF-8 "
	    "text.");
	assert_int_equal(engine_finalize(t.e, &xml, &cause), 0);
	assert_non_null(strstr(xml, "<t>a[31mb\tc\nde &lt;&amp;&gt; \"q\" @ "
	    "&#128077;</t>"));
	free(xml);
	t_close(&t);
}

static const char msg_md[] =
    "| survey | | | | | | | | | | | |\n"
    "|        | type    | name | label::中文 (zh) | label::English (en) |"
    " constraint | constraint_message::中文 (zh) |"
    " constraint_message::English (en) | required |"
    " required_message::中文 (zh) | required_message::English (en) |\n"
    "|        | integer | age  | 年龄 | Age | . >= 18 and . <= 69 |"
    " 年龄必须在18到69之间 | Age must be 18 to 69 | yes |"
    " 请填写年龄 | Enter the age |\n"
    "|        | integer | n    | 数 | N | . > 0 | | | | | |\n"
    "|        | integer | m    | 数 | M | . < ${age} | |"
    " M must be below the age, ${age} | | | |\n";

/* Messages come from the form in the engine's language, else the
 * defaults; constraints are not checked on an empty answer. */
static void
test_messages_two_languages(void **state)
{
	struct t t;
	char *cause = NULL;

	(void)state;
	t_open(&t, msg_md);
	assert_int_equal(engine_lang(t.e), form_lang_find(t.f, "zh"));
	set_bad(&t, "age", "17", "年龄必须在18到69之间");
	assert_int_equal(engine_next(t.e, &cause), KESU_EDATA);
	assert_string_equal(cause, "请填写年龄");
	free(cause);
	cause = NULL;
	engine_set_lang(t.e, form_lang_find(t.f, "en"));
	set_bad(&t, "age", "70", "Age must be 18 to 69");
	assert_int_equal(engine_next(t.e, &cause), KESU_EDATA);
	assert_string_equal(cause, "Enter the age");
	free(cause);
	cause = NULL;
	set_ok(&t, "age", "30");
	next_ok(&t);
	set_bad(&t, "n", "0", "Value not allowed");
	set_ok(&t, "n", "");
	next_ok(&t); /* empty: no constraint, not required */
	set_bad(&t, "m", "30", "M must be below the age, 30");
	engine_set_lang(t.e, form_lang_find(t.f, "zh"));
	set_bad(&t, "m", "30", "M must be below the age, 30");
	t_close(&t);
}

/* required can be an expression; read_only questions are shown but take
 * no answer. */
static void
test_required_expr_read_only(void **state)
{
	static const char md[] =
	    "| survey | | | | | |\n"
	    "| | type | name | label | required | read_only |\n"
	    "| | select_one yn | a | A | | |\n"
	    "| | text | b | B | ${a} = 'yes' | |\n"
	    "| | text | r | R | | yes |\n"
	    "| choices |   |     |     |\n"
	    "|         | list_name | name | label |\n"
	    "|         | yn | yes | Yes |\n"
	    "|         | yn | no  | No  |\n";
	struct t t;
	char *cause = NULL;

	(void)state;
	t_open(&t, md);
	assert_int_equal(engine_check(t.e, fld(&t, "b"), &cause), 0);
	set_ok(&t, "a", "yes");
	assert_int_equal(engine_check(t.e, fld(&t, "b"), &cause), KESU_EDATA);
	assert_string_equal(cause, "Sorry, this response is required.");
	free(cause);
	cause = NULL;
	set_bad(&t, "r", "x", "This question is read-only.");
	next_ok(&t);
	assert_string_equal(cur_name(&t), "b");
	set_ok(&t, "b", "x");
	next_ok(&t);
	assert_string_equal(cur_name(&t), "r");
	t_close(&t);
}

/* choice_filter: only choices passing it are offered or accepted. */
static void
test_choice_filter(void **state)
{
	static const char md[] =
	    "| survey |              |      |       |                  |\n"
	    "|        | type         | name | label | choice_filter    |\n"
	    "|        | select_one p | prov | Prov  |                  |\n"
	    "|        | select_one c | city | City  | prov = ${prov}   |\n"
	    "| choices |   |     |     |      |\n"
	    "|         | list_name | name | label | prov |\n"
	    "|         | p | bj | Beijing | |\n"
	    "|         | p | sh | Shanghai | |\n"
	    "|         | c | xc | Xicheng | bj |\n"
	    "|         | c | pd | Pudong | sh |\n"
	    "|         | c | dc | Dongcheng | bj |\n";
	struct t t;
	const int *ch;
	int n;

	(void)state;
	t_open(&t, md);
	set_ok(&t, "prov", "bj");
	ch = engine_choices(t.e, fld(&t, "city"), &n);
	assert_int_equal(n, 2);
	assert_int_equal(ch[0], 0);
	assert_int_equal(ch[1], 2);
	set_bad(&t, "city", "pd", "'pd' is not one of the choices");
	set_ok(&t, "city", "dc");
	set_ok(&t, "prov", "sh");
	ch = engine_choices(t.e, fld(&t, "city"), &n);
	assert_int_equal(n, 1);
	assert_int_equal(ch[0], 1);
	/* Dongcheng is no longer offered: the answer goes, as in Collect. */
	assert_string_equal(val(&t, "city"), "");
	t_close(&t);
}

/* The whole instance: settings, groups, notes, metadata, calculations,
 * select_multiple order, instanceName. */
static void
test_finalize_xml(void **state)
{
	static const char md[] =
	    "| survey |        |      |       |             |\n"
	    "|        | type   | name | label | calculation |\n"
	    "|        | start  | start |      |             |\n"
	    "|        | end    | end  |       |             |\n"
	    "|        | today  | today |      |             |\n"
	    "|        | deviceid | deviceid | |             |\n"
	    "|        | username | username | |             |\n"
	    "|        | note   | hello | Hello |            |\n"
	    "|        | begin_group | hh | Household |      |\n"
	    "|        | integer | size | Size |             |\n"
	    "|        | select_multiple c | has | Has |     |\n"
	    "|        | end_group |   |       |             |\n"
	    "|        | calculate | half | |  ${size} div 2 |\n"
	    "|        | calculate | none | | ${missing_answer} + 1 |\n"
	    "|        | integer | missing_answer | M |      |\n"
	    "| choices |   |     |     |\n"
	    "|         | list_name | name | label |\n"
	    "|         | c | tv | TV |\n"
	    "|         | c | car | Car |\n"
	    "|         | c | bike | Bike |\n"
	    "| settings |          |         |      |               |\n"
	    "|          | form_id  | version | name | instance_name |\n"
	    "| | hh_v1 | 2026112801 | household | concat('hh-', ${size}) |\n";
	struct t t;
	char *xml = NULL, *cause = NULL;

	(void)state;
	t_open(&t, md);
	set_ok(&t, "size", "5");
	set_ok(&t, "has", "bike tv");
	assert_int_equal(engine_finalize(t.e, &xml, &cause), 0);
	assert_string_equal(xml, DECL
	    "<household id=\"hh_v1\" version=\"2026112801\"" NS ">"
	    "<start>2026-11-28T10:00:00.000+08:00</start>"
	    "<end>2026-11-28T10:00:00.000+08:00</end>"
	    "<today>2026-11-28</today>"
	    "<deviceid>kesu:test</deviceid>"
	    "<username>wang</username>"
	    "<hello />"
	    "<hh><size>5</size><has>tv bike</has></hh>"
	    "<half>2.5</half>"
	    "<none />"
	    "<missing_answer />"
	    "<meta><instanceID>" ID "</instanceID>"
	    "<instanceName>hh-5</instanceName></meta>"
	    "</household>");
	free(xml);
	t_close(&t);
}

/* A draft: values restored without checks, the XML as it stands, and
 * engine_goto() only to a question a person sees. */
static void
test_restore_draft(void **state)
{
	struct t t;
	char *xml;

	(void)state;
	t_open(&t, nav_md);
	engine_restore(t.e, fld(&t, "a"), "yes");
	engine_restore(t.e, fld(&t, "d"), "abc"); /* no type check */
	engine_goto(t.e, fld(&t, "c"));            /* a calculate: ignored */
	assert_string_equal(cur_name(&t), "a");
	engine_goto(t.e, fld(&t, "d"));
	assert_string_equal(cur_name(&t), "d");
	xml = engine_xml(t.e);
	assert_string_equal(xml, DECL "<data id=\"t\"" NS ">"
	    "<a>yes</a><b /><c>2</c><g><d>abc</d></g><n />"
	    "<meta><instanceID>" ID "</instanceID></meta></data>");
	free(xml);
	assert_string_equal(engine_instance_id(t.e), ID);
	engine_goto(t.e, -1);
	assert_int_equal(engine_current(t.e), -1);
	t_close(&t);
}

/* ${name} in a label, hint or note is the field's value as ODK's
 * <output> shows it: numbers as XPath prints them (70.0 as 70), empty
 * when unanswered or not relevant. */
static const char *const out_md =
    "| survey |          |       |                                |          |\n"
    "|        | type     | name  | label                          | relevant |\n"
    "|        | text     | who   | Name                           |          |\n"
    "|        | decimal  | kg    | Weight of ${who}               |          |\n"
    "|        | integer  | n     | How many                       |          |\n"
    "|        | text     | why   | Why                            | ${n} > 1 |\n"
    "|        | note     | bye   | Thank you, ${who}: ${kg}, ${n}, ${why} | |\n";

static void
test_output_text(void **state)
{
	struct t t;
	const struct form_field *bye;
	char *s;

	(void)state;
	t_open(&t, out_md);
	bye = form_field(t.f, fld(&t, "bye"));
	s = engine_text(t.e, bye->label);
	assert_string_equal(s, "Thank you, : , , ");
	free(s);
	set_ok(&t, "who", "Lin");
	set_ok(&t, "kg", "70.0");
	set_ok(&t, "n", "2");
	set_ok(&t, "why", "busy");
	s = engine_text(t.e, form_field(t.f, fld(&t, "kg"))->label);
	assert_string_equal(s, "Weight of Lin");
	free(s);
	s = engine_text(t.e, bye->label);
	assert_string_equal(s, "Thank you, Lin: 70, 2, busy");
	free(s);
	set_ok(&t, "kg", "70.5");
	set_ok(&t, "n", "1"); /* why is no longer relevant */
	s = engine_text(t.e, bye->label);
	assert_string_equal(s, "Thank you, Lin: 70.5, 1, ");
	free(s);
	assert_null(engine_text(t.e, form_field(t.f, fld(&t, "who"))->hint));
	t_close(&t);
}

/* In a repeat, ${name} reads the instance the current question is in. */
static const char *const out_rep_md =
    "| survey |              |        |                 |\n"
    "|        | type         | name   | label           |\n"
    "|        | begin_repeat | member | Member ${pname} |\n"
    "|        | text         | pname  | Name            |\n"
    "|        | note         | hi     | Hello ${pname}  |\n"
    "|        | end_repeat   |        |                 |\n";

static void
test_output_repeat(void **state)
{
	struct t t;
	const char *const *hi;
	char *s, *cause = NULL;

	(void)state;
	t_open(&t, out_rep_md);
	hi = form_field(t.f, fld(&t, "hi"))->label;
	assert_string_equal(cur_name(&t), "pname");
	set_ok(&t, "pname", "Ann");
	assert_int_equal(engine_next(t.e, &cause), 0);
	assert_string_equal(cur_name(&t), "hi");
	s = engine_text(t.e, hi);
	assert_string_equal(s, "Hello Ann");
	free(s);
	assert_int_equal(engine_next(t.e, &cause), 0);
	assert_int_equal(engine_repeat_add(t.e, &cause), 0);
	set_ok(&t, "pname", "Bo");
	assert_int_equal(engine_next(t.e, &cause), 0);
	s = engine_text(t.e, hi);
	assert_string_equal(s, "Hello Bo");
	free(s);
	s = engine_text(t.e, form_field(t.f, fld(&t, "member"))->label);
	assert_string_equal(s, "Member Bo");
	free(s);
	t_close(&t);
}

/* JavaRosa's seeded shuffle (FisherYatesExamplesTest.java). */
static void
check_shuffle(const char *in, long long seed, const char *want)
{
	int a[16], i, n = (int)strlen(in);
	char got[17];

	for (i = 0; i < n; i++)
		a[i] = in[i];
	engine_shuffle(a, n, seed);
	for (i = 0; i < n; i++)
		got[i] = (char)a[i];
	got[n] = '\0';
	if (strcmp(got, want) != 0)
		fail_msg("seed %lld: %s, expected %s", seed, got, want);
}

static void
test_randomize_order(void **state)
{
	struct t t;
	const int *ch;
	int n, i;
	char order[8];

	(void)state;
	check_shuffle("0123456789", 33, "3548201697");
	check_shuffle("0123456789", 42, "0591846372");
	check_shuffle("ABCDEF", 42, "AFCBDE");
	check_shuffle("ABCDEF", -42, "EDAFBC");
	check_shuffle("ABCDEF", 1, "BFEACD");
	check_shuffle("ABCDEF", 11111111, "ACDBFE");
	/* RandomizeTypesTest.java: a text seed is hashed; '1234' is 1234 */
	assert_true(engine_seed_hash("Hello") == 1756278180214341157LL);
	check_shuffle("ABCDEFGH", engine_seed_of("foo"), "EADBHGCF");
	check_shuffle("ABCDEFGH", engine_seed_of("1234"), "GFEDAHBC");
	/* seeds as JavaRosa reads a value */
	assert_true(engine_seed_of("42") == 42);
	assert_true(engine_seed_of("42.9") == 42);
	assert_true(engine_seed_of("-3.5") == -3);
	assert_true(engine_seed_of("") == 0);
	assert_true(engine_seed_of("abc") == engine_seed_hash("abc"));
	assert_true(engine_seed_hash("abc") == (long long)0xba7816bf8f01cfeaULL);
	/* a select with randomize=true and seed=${s}: the seed's order */
	t_open(&t,
	    "| survey |  |  |  |  |\n"
	    "| | type | name | label | parameters |\n"
	    "| | integer | s | S | |\n"
	    "| | select_one l | q | Q | randomize=true seed=${s} |\n"
	    "| | select_one l | p | P | |\n"
	    "| choices | | | |\n"
	    "| | list_name | name | label |\n"
	    "| | l | A | A |\n| | l | B | B |\n| | l | C | C |\n"
	    "| | l | D | D |\n| | l | E | E |\n| | l | F | F |\n");
	assert_int_equal(engine_set(t.e, fld(&t, "s"), "42", NULL), 0);
	ch = engine_choices(t.e, fld(&t, "q"), &n);
	assert_int_equal(n, 6);
	for (i = 0; i < n; i++)
		order[i] = form_choice(t.f, 0, ch[i])->name[0];
	order[n] = '\0';
	assert_string_equal(order, "AFCBDE");
	ch = engine_choices(t.e, fld(&t, "p"), &n);
	for (i = 0; i < n; i++)
		order[i] = form_choice(t.f, 0, ch[i])->name[0];
	order[n] = '\0';
	assert_string_equal(order, "ABCDEF");
	t_close(&t);
}

/* engine_numbers(): a question settled as not relevant does not count
 * (the roster behind an empty hidden id, a follow-up to "no"); one that
 * waits on an answer still to come does; a repeat's questions count
 * once. */
static void
test_numbers(void **state)
{
	static const char md[] =
	    "| survey | | | | |\n"
	    "| | type | name | label | relevant |\n"
	    "| | hidden | hh | | |\n"
	    "| | begin_group | roster | R | ${hh} != '' |\n"
	    "| | begin_repeat | m | M | |\n"
	    "| | text | m_name | Name | |\n"
	    "| | integer | m_age | Age | |\n"
	    "| | end_repeat | | | |\n"
	    "| | end_group | | | |\n"
	    "| | select_one yn | a | A | |\n"
	    "| | integer | b | B | ${a}='yes' |\n"
	    "| | text | c | C | |\n"
	    "| choices | | | |\n"
	    "| | list_name | name | label |\n"
	    "| | yn | yes | Yes |\n"
	    "| | yn | no | No |\n";
	struct t t;
	int num[16];

	(void)state;
	t_open(&t, md);
	/* No household id: the roster never comes; b waits on a. */
	assert_string_equal(cur_name(&t), "a");
	assert_int_equal(engine_numbers(t.e, num), 3);
	assert_int_equal(num[fld(&t, "a")], 1);
	assert_int_equal(num[fld(&t, "c")], 3);
	set_ok(&t, "a", "no");
	assert_int_equal(engine_numbers(t.e, num), 2);
	assert_int_equal(num[fld(&t, "c")], 2);
	/* b, not counted, carries the number of the next that is. */
	assert_int_equal(num[fld(&t, "b")], 2);
	set_ok(&t, "a", "yes");
	assert_int_equal(engine_numbers(t.e, num), 3);
	t_close(&t);

	/* With a household id the roster counts, its questions once. */
	t_open(&t, md);
	assert_int_equal(engine_preload(t.e, fld(&t, "hh"), "H1", NULL), 0);
	engine_goto(t.e, engine_first(t.e));
	assert_int_equal(engine_numbers(t.e, num), 5);
	assert_int_equal(num[fld(&t, "m_age")], 2);
	assert_int_equal(num[fld(&t, "a")], 3);
	t_close(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nav_skips),
		cmocka_unit_test(test_randomize_order),
		cmocka_unit_test(test_next_validates_prev_does_not),
		cmocka_unit_test(test_relevance_clears),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_decimals),
		cmocka_unit_test(test_dates_selects_ack),
		cmocka_unit_test(test_text_controls),
		cmocka_unit_test(test_messages_two_languages),
		cmocka_unit_test(test_required_expr_read_only),
		cmocka_unit_test(test_choice_filter),
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_finalize_xml),
		cmocka_unit_test(test_restore_draft),
		cmocka_unit_test(test_output_text),
		cmocka_unit_test(test_output_repeat),
		cmocka_unit_test(test_numbers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
