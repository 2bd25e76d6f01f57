/*
 * test_repeat.c - repeats in the engine and in drafts: navigation
 * through instances and the "add another?" prompt, deleting an instance,
 * counts from repeat_count, keys, and a draft that resumes with its
 * instances.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "engine/engine.h"
#include "form/form.h"
#include "store/session.h"
#include "store/store.h"
#include "fixture.h"

static const char form_md[] =
    "| survey |              |        |        |              |       |\n"
    "|        | type         | name   | label  | calculation  | repeat_count |\n"
    "|        | text         | hh     | HH     |              |       |\n"
    "|        | begin_repeat | member | Member |              |       |\n"
    "|        | text         | mname  | Name   |              |       |\n"
    "|        | integer      | age    | Age    |              |       |\n"
    "|        | calculate    | pos    |        | position(..) |       |\n"
    "|        | end_repeat   |        |        |              |       |\n"
    "|        | calculate    | n      |        | count(${member}) |   |\n"
    "|        | calculate    | total  |        | sum(${age})  |       |\n"
    "|        | begin_repeat | visit  | Visit  |              | 1 + 1 |\n"
    "|        | text         | note   | Note   |              |       |\n"
    "|        | end_repeat   |        |        |              |       |\n"
    "| settings | form_id |\n"
    "|          | r       |\n";

struct fx {
	char dir[128];
	char path[128];
	form *f;
};

static int
setup(void **state)
{
	struct fx *x = calloc(1, sizeof *x);

	fixture_form(x->dir, x->path, sizeof x->path, "repeat", "r.md",
	    form_md, &x->f);
	*state = x;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *x = *state;

	fixture_clean(x->dir, &x->f);
	free(x);
	return 0;
}

static engine *
new_engine(const form *f, const char *iid)
{
	struct engine_opts o = { iid, "wang", NULL, 1795831200.0, 28800, -1 };
	engine *e = NULL;
	char *cause = NULL;

	if (engine_new(f, &o, &e, &cause) != 0)
		fail_msg("engine: %s", cause);
	return e;
}

/* The key of the current stop ("" at the end). */
static char *
here(const engine *e)
{
	return engine_current(e) < 0 ? strdup("") :
	    engine_key(e, engine_current(e));
}

static void
expect_here(const engine *e, const char *key)
{
	char *k = here(e);

	assert_string_equal(k, key);
	free(k);
}

static void
set(engine *e, const char *v)
{
	char *cause = NULL;

	if (engine_set(e, engine_current(e), v, &cause) != 0)
		fail_msg("set %s: %s", v, cause);
	if (engine_next(e, &cause) != 0)
		fail_msg("next: %s", cause);
}

static void
test_walk_add_delete(void **state)
{
	struct fx *x = *state;
	engine *e = new_engine(x->f, "uuid:aaaa0000-0000-4000-8000-000000000001");
	char *cause = NULL, *xml;
	int mem = form_find(x->f, "member");

	expect_here(e, "hh");
	set(e, "A1");
	/* One member to start with, as pyxform's XForm has one. */
	expect_here(e, "member[1]/mname");
	set(e, "Li");
	expect_here(e, "member[1]/age");
	set(e, "40");
	expect_here(e, "member");            /* add another? */
	assert_int_equal(engine_current(e), mem);
	assert_int_equal(engine_repeat_add(e, &cause), 0);
	expect_here(e, "member[2]/mname");
	assert_int_equal(engine_repeat_pos(e, mem), 2);
	assert_int_equal(engine_repeat_count(e, mem), 2);
	set(e, "Wang");
	set(e, "12");
	assert_int_equal(engine_repeat_add(e, &cause), 0);
	set(e, "Zhao");
	set(e, "7");
	expect_here(e, "member");
	assert_string_equal(engine_value(e, form_find(x->f, "n")), "3");
	assert_string_equal(engine_value(e, form_find(x->f, "total")), "59");
	/* No more: on to the counted repeat, two visits. */
	assert_int_equal(engine_next(e, &cause), 0);
	expect_here(e, "visit[1]/note");
	set(e, "a");
	expect_here(e, "visit[2]/note");
	engine_prev(e);
	expect_here(e, "visit[1]/note");
	engine_prev(e);
	expect_here(e, "member");
	engine_prev(e);
	expect_here(e, "member[3]/age");
	/* Delete the second member: the third takes its place. */
	engine_prev(e);
	engine_prev(e);
	expect_here(e, "member[2]/age");
	assert_int_equal(engine_repeat_delete(e, &cause), 0);
	expect_here(e, "member[2]/mname");
	assert_string_equal(engine_value(e, engine_current(e)), "Zhao");
	assert_string_equal(engine_value(e, form_find(x->f, "pos")), "2");
	assert_int_equal(engine_seek(e, "total", false, &cause),
	    form_find(x->f, "total"));
	assert_string_equal(engine_value(e, form_find(x->f, "total")), "47");
	/* A counted repeat takes no prompt and no delete. */
	assert_int_equal(engine_seek(e, "visit[2]/note", false, &cause),
	    form_find(x->f, "note"));
	assert_int_not_equal(engine_repeat_delete(e, &cause), 0);
	free(cause);
	cause = NULL;
	assert_int_equal(engine_seek(e, "visit[3]/note", false, &cause), -1);
	assert_non_null(strstr(cause, "only 2"));
	free(cause);
	cause = NULL;
	assert_int_equal(engine_seek(e, "age", false, &cause), -1);
	assert_string_equal(cause, "'age' is in repeat 'member': name its "
	    "instance, as in member[1]/age");
	free(cause);
	cause = NULL;
	xml = engine_xml(e);
	assert_non_null(strstr(xml, "<hh>A1</hh><member><mname>Li</mname>"
	    "<age>40</age><pos>1</pos></member><member><mname>Zhao</mname>"
	    "<age>7</age><pos>2</pos></member><n>2</n><total>47</total>"
	    "<visit_count>2</visit_count><visit><note>a</note></visit>"
	    "<visit><note /></visit><meta>"));
	free(xml);
	engine_free(&e);
}

static void
test_no_instances(void **state)
{
	struct fx *x = *state;
	engine *e = new_engine(x->f, NULL);
	char *cause = NULL, *xml;

	set(e, "A1");
	expect_here(e, "member[1]/mname");
	assert_int_equal(engine_repeat_delete(e, &cause), 0);
	expect_here(e, "member");           /* none left: the prompt */
	assert_int_equal(engine_next(e, &cause), 0);
	expect_here(e, "visit[1]/note");
	xml = engine_xml(e);
	assert_non_null(strstr(xml, "<hh>A1</hh><n>0</n><total>0</total>"));
	free(xml);
	engine_free(&e);
}

static void
collect(void *arg, int field, const char *key, const char *value)
{
	char *s = arg;

	(void)field;
	snprintf(s + strlen(s), 512 - strlen(s), "%s=%s;", key, value);
}

static void
test_draft_resumes_instances(void **state)
{
	struct fx *x = *state;
	store *s = NULL;
	store_session *ss = NULL;
	engine *e, *r = NULL;
	struct engine_opts o = { NULL, NULL, NULL, 0, 0, -1 };
	char db[160], *cause = NULL, *xa, *xb, keys[512] = "";
	int64_t fk = 0;

	snprintf(db, sizeof db, "%s/k.db", x->dir);
	setenv("KESU_NOW", "2026-11-28T10:00:00+08:00", 1);
	assert_int_equal(store_open(db, 0, &s, &cause), 0);
	assert_int_equal(store_form_add(s, x->f, x->path, &fk, &cause), 0);
	e = new_engine(x->f, "uuid:aaaa0000-0000-4000-8000-000000000002");
	assert_int_equal(store_session_start(s, fk, e, "wang",
	    1795831200.0, 28800, &ss, &cause), 0);
	set(e, "A1");
	set(e, "Li");
	set(e, "40");
	assert_int_equal(engine_repeat_add(e, &cause), 0);
	set(e, "Wang");
	assert_int_equal(store_session_confirm(ss, &cause), 0);
	expect_here(e, "member[2]/age");
	engine_each(e, collect, keys);
	assert_string_equal(keys, "hh=A1;member=2;member[1]/mname=Li;"
	    "member[1]/age=40;member[1]/pos=1;member[2]/mname=Wang;"
	    "member[2]/pos=2;n=2;visit_count=2;");
	xa = engine_xml(e);
	store_session_free(&ss);

	assert_int_equal(store_session_resume(s, "aaaa", x->f, &o, &r, &ss,
	    &cause), 0);
	expect_here(r, "member[2]/age");
	xb = engine_xml(r);
	assert_string_equal(xa, xb);
	free(xb);
	/* Delete the first member: the draft loses member[2]'s keys. */
	engine_prev(r);
	engine_prev(r);
	engine_prev(r);
	expect_here(r, "member[1]/mname");
	assert_int_equal(engine_repeat_delete(r, &cause), 0);
	assert_int_equal(store_session_confirm(ss, &cause), 0);
	store_session_free(&ss);
	engine_free(&r);
	assert_int_equal(store_session_resume(s, "aaaa", x->f, &o, &r, &ss,
	    &cause), 0);
	expect_here(r, "member[1]/mname");
	assert_string_equal(engine_value(r, engine_current(r)), "Wang");
	assert_int_equal(engine_repeat_count(r, form_find(x->f, "member")),
	    1);
	store_session_free(&ss);
	engine_free(&r);
	engine_free(&e);
	free(xa);
	store_close(&s);
}

/*
 * A roster read through predicates, as pyxform writes them: a member's
 * rank among the eligible up to it (current() is the member evaluated),
 * the last member, members matched by another question's answer, and a
 * select_one whose choices are the members' names, filtered by age.
 */
static const char roster_md[] =
    "| survey |              |          |        |            |               |\n"
    "|        | type         | name     | label  | calculation | choice_filter |\n"
    "|        | begin_repeat | member   | Member |            |               |\n"
    "|        | text         | m_name   | Name   |            |               |\n"
    "|        | integer      | m_age    | Age    |            |               |\n"
    "|        | calculate    | m_elig   |        | if(${m_age} >= 18, 1, 0) | |\n"
    "|        | calculate    | m_rank   |        | if(${m_elig} = 1, count(../../member[position() <= position(current()/..)][m_elig = 1]), '') | |\n"
    "|        | calculate    | m_same   |        | count(${member}[m_age = current()/../m_age]) | |\n"
    "|        | calculate    | m_prev   |        | ${member}[position() = position(current()/..) - 1]/m_name | |\n"
    "|        | end_repeat   |          |        |            |               |\n"
    "|        | calculate    | last_name |       | ${member}[last()]/m_name | |\n"
    "|        | calculate    | adults   |        | sum(${member}[./m_age >= 18]/m_age) | |\n"
    "|        | select_one ${m_name} | resp | Respondent | | ${m_age} >= 18 |\n"
    "|        | calculate    | resp_age |        | ${member}[m_name = current()/../resp]/m_age | |\n"
    "| settings | form_id |\n"
    "|          | roster  |\n";

static void
test_predicates_and_choices(void **state)
{
	struct fx *x = *state;
	form *f = NULL;
	engine *e;
	char dir[128], path[128], *cause = NULL, *xml;
	const int *ch;
	int n, resp;

	(void)x;
	fixture_form(dir, path, sizeof path, "roster", "roster.md", roster_md,
	    &f);
	e = new_engine(f, "uuid:aaaa0000-0000-4000-8000-000000000003");
	resp = form_find(f, "resp");
	set(e, "Li Ming");
	set(e, "40");
	assert_int_equal(engine_repeat_add(e, &cause), 0);
	set(e, "Wang");
	set(e, "12");
	assert_int_equal(engine_repeat_add(e, &cause), 0);
	set(e, "Zhao");
	set(e, "40");
	assert_int_equal(engine_next(e, &cause), 0);
	expect_here(e, "resp");
	/* Li and Zhao are adults: two choices, named and labelled so. */
	ch = engine_choices(e, resp, &n);
	assert_int_equal(n, 2);
	assert_string_equal(engine_choice(e, resp, ch[0])->name, "Li Ming");
	assert_string_equal(form_text(f, engine_choice(e, resp,
	    ch[1])->label, 0), "Zhao");
	assert_int_not_equal(engine_set(e, resp, "Wang", &cause), 0);
	assert_string_equal(cause, "'Wang' is not one of the choices");
	free(cause);
	cause = NULL;
	set(e, "Zhao");
	xml = engine_xml(e);
	assert_non_null(strstr(xml, "<member><m_name>Li Ming</m_name>"
	    "<m_age>40</m_age><m_elig>1</m_elig><m_rank>1</m_rank>"
	    "<m_same>2</m_same><m_prev /></member>"
	    "<member><m_name>Wang</m_name><m_age>12</m_age><m_elig>0</m_elig>"
	    "<m_rank /><m_same>1</m_same><m_prev>Li Ming</m_prev></member>"
	    "<member><m_name>Zhao</m_name><m_age>40</m_age><m_elig>1</m_elig>"
	    "<m_rank>2</m_rank><m_same>2</m_same><m_prev>Wang</m_prev>"
	    "</member><last_name>Zhao</last_name><adults>80</adults>"
	    "<resp>Zhao</resp><resp_age>40</resp_age>"));
	free(xml);
	/* Zhao turns 17: no longer offered, the answer goes, as a filtered
	 * choice does. */
	assert_int_equal(engine_seek(e, "member[3]/m_age", false, &cause),
	    form_find(f, "m_age"));
	set(e, "17");
	xml = engine_xml(e);
	assert_non_null(strstr(xml, "<adults>40</adults><resp /><resp_age />"));
	free(xml);
	/* A name with a space is one answer, kept while it is offered. */
	assert_int_equal(engine_seek(e, "resp", false, &cause), resp);
	set(e, "Li Ming");
	assert_int_equal(engine_seek(e, "member[2]/m_age", false, &cause),
	    form_find(f, "m_age"));
	set(e, "13");
	assert_string_equal(engine_value(e, resp), "Li Ming");
	engine_free(&e);
	fixture_clean(dir, &f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_walk_add_delete, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_no_instances, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_predicates_and_choices,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_draft_resumes_instances,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
