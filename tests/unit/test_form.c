/*
 * test_form.c - the form model: XLSForm rows into fields, checked as
 * pyxform checks them, every problem reported with its place.
 *
 * Most forms here are built in memory, one line per spreadsheet row in
 * pyxform's markdown-like layout ("sheet|col|col" starts a sheet with its
 * header, "|cell|cell" continues it), so a test reads like the form it
 * loads and its row numbers are its line numbers.  Files under
 * tests/forms/ go through the real sheet readers (form_load).  The tests
 * run from the repository root.
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

#include "form/form.h"
#include "util/buf.h"

/* ---- an in-memory workbook ---- */

static char *
dup_trim(const char *s, size_t n)
{
	char *p;

	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	p = malloc(n + 1);
	assert_non_null(p);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static void
add_row(struct sheet *s, int rowno, char **cells, int n)
{
	struct sheet_row *r;
	int i, any = 0;

	for (i = 0; i < n; i++)
		any |= cells[i][0] != '\0';
	if (!any) {
		for (i = 0; i < n; i++)
			free(cells[i]);
		free(cells);
		return;
	}
	s->rows = realloc(s->rows, (size_t)(s->nrows + 1) * sizeof *s->rows);
	assert_non_null(s->rows);
	r = &s->rows[s->nrows++];
	r->row = rowno;
	r->seq = s->nrows;	/* as in .csv and .md */
	r->ncells = n;
	r->cells = cells;
}

/*
 * Lines separated by '\n', cells by '|'.  A first cell that is not empty
 * starts a sheet of that name, the rest of the line being its header.
 */
static struct sheet_book *
book(const char *text)
{
	struct sheet_book *b = calloc(1, sizeof *b);
	struct sheet *cur = NULL;
	const char *line = text, *end, *p, *bar;
	int rowno = 0;

	assert_non_null(b);
	b->path = strdup("t.csv");
	while (*line != '\0') {
		char **cells = NULL, *first;
		int n = 0;

		end = strchr(line, '\n');
		if (end == NULL)
			end = line + strlen(line);
		rowno++;
		bar = memchr(line, '|', (size_t)(end - line));
		if (bar == NULL)
			bar = end;
		first = dup_trim(line, (size_t)(bar - line));
		if (first[0] != '\0') {
			b->sheets = realloc(b->sheets, (size_t)(b->nsheets + 1) *
			    sizeof *b->sheets);
			assert_non_null(b->sheets);
			cur = &b->sheets[b->nsheets++];
			memset(cur, 0, sizeof *cur);
			cur->name = first;
		} else
			free(first);
		for (p = bar; p < end; p = bar) {
			p++;
			bar = memchr(p, '|', (size_t)(end - p));
			if (bar == NULL)
				bar = end;
			cells = realloc(cells, (size_t)(n + 1) * sizeof *cells);
			assert_non_null(cells);
			cells[n++] = dup_trim(p, (size_t)(bar - p));
		}
		if (cur != NULL && n > 0)
			add_row(cur, rowno, cells, n);
		else
			free(cells);
		line = *end != '\0' ? end + 1 : end;
	}
	return b;
}

static void
book_free(struct sheet_book *b)
{
	int s, r, c;

	for (s = 0; s < b->nsheets; s++) {
		for (r = 0; r < b->sheets[s].nrows; r++) {
			for (c = 0; c < b->sheets[s].rows[r].ncells; c++)
				free(b->sheets[s].rows[r].cells[c]);
			free(b->sheets[s].rows[r].cells);
		}
		free(b->sheets[s].rows);
		free(b->sheets[s].name);
	}
	free(b->sheets);
	free(b->path);
	free(b);
}

/* Load text as "t.csv"; returns the form, or fails the test. */
static form *
load_ok(const char *text)
{
	struct sheet_book *b = book(text);
	form *f = NULL;
	char *cause = NULL;
	int rc = form_load_book(b, "t.csv", &f, &cause);

	if (rc != 0)
		print_error("unexpected problems:\n%s\n", cause);
	assert_int_equal(rc, 0);
	assert_non_null(f);
	free(cause);
	book_free(b);
	return f;
}

/* Load text as "t.csv", expecting it refused with exactly `want`. */
static void
load_bad(const char *text, const char *want)
{
	struct sheet_book *b = book(text);
	form *f = NULL;
	char *cause = NULL;
	int rc = form_load_book(b, "t.csv", &f, &cause);

	assert_int_equal(rc, KESU_EDATA);
	assert_null(f);
	assert_non_null(cause);
	assert_string_equal(cause, want);
	free(cause);
	book_free(b);
}

static const struct form_field *
field(const form *f, const char *name)
{
	int i = form_find(f, name);

	if (i < 0)
		fail_msg("no field %s", name);
	return form_field(f, i);
}

static char *
read_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *s;
	long n;

	assert_non_null(fp);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	assert_true(n >= 0);
	rewind(fp);
	s = malloc((size_t)n + 1);
	assert_non_null(s);
	assert_int_equal(fread(s, 1, (size_t)n, fp), (size_t)n);
	s[n] = '\0';
	fclose(fp);
	while (n > 0 && s[n - 1] == '\n')
		s[--n] = '\0';
	return s;
}

/* ---- a valid form ---- */

#define HOUSEHOLD \
	"survey|type|name|label::中文 (zh)|label::English (en)|" \
	"hint::English (en)|required|relevant|constraint|" \
	"constraint_message::中文 (zh)|constraint_message::English (en)|" \
	"calculation|default|appearance\n" \
	"|start|start\n" \
	"|begin_group|hh|住户|Household|||||||||field-list\n" \
	"|integer|age|年龄|Age|In years|yes||. >= 18 and . <= 69|" \
	"18到69岁|18 to 69\n" \
	"|select_one yn|smoke|吸烟吗|Do you smoke?||no|${age} >= 18|||||no\n" \
	"|begin group|work|工作|\n" \
	"|select_multiple days|days|哪几天||||${smoke} = 'yes'|||||mon wed\n" \
	"|end group\n" \
	"|end_group\n" \
	"|calculate|adult|||||||||${age} >= 18\n" \
	"|date|visit|访问日期|Visit date||||||||today()\n" \
	"|text|remark||Remark|||${adult} = 1\n" \
	"|note||说明|Thanks\n" \
	"choices|list_name|name|label::中文 (zh)|label::English (en)|group\n" \
	"|yn|yes|是|Yes|a\n" \
	"|yn|no|否||b\n" \
	"|days|mon|周一|Monday\n" \
	"|days|wed|周三|Wednesday\n" \
	"settings|form_title|form_id|version|default_language|name\n" \
	"|住户调查|hh_v1|2026011501|English (en)|household\n"

static void
test_fields_and_groups(void **state)
{
	form *f = load_ok(HOUSEHOLD);
	const struct form_field *hh, *age, *work, *days, *note;

	(void)state;
	assert_int_equal(form_nfields(f), 10);
	hh = field(f, "hh");
	assert_int_equal(hh->type, FORM_GROUP);
	assert_int_equal(hh->index, 1);
	assert_int_equal(hh->parent, -1);
	assert_int_equal(hh->depth, 0);
	assert_int_equal(hh->end, 6);
	assert_int_equal(hh->row, 3);
	assert_string_equal(hh->path, "hh");
	assert_string_equal(hh->appearance, "field-list");

	age = field(f, "age");
	assert_int_equal(age->type, FORM_INTEGER);
	assert_string_equal(age->path, "hh/age");
	assert_int_equal(age->parent, 1);
	assert_int_equal(age->depth, 1);
	assert_int_equal(age->end, age->index + 1);
	assert_int_equal(age->row, 4);

	work = field(f, "work");
	assert_int_equal(work->type, FORM_GROUP);
	assert_int_equal(work->parent, hh->index);
	assert_int_equal(work->end, work->index + 2);
	days = field(f, "days");
	assert_string_equal(days->path, "hh/work/days");
	assert_int_equal(days->depth, 2);
	assert_int_equal(days->type, FORM_SELECT_MULTIPLE);

	assert_int_equal(field(f, "adult")->parent, -1);
	assert_int_equal(field(f, "start")->type, FORM_START);
	assert_true(form_is_metadata(field(f, "start")));
	assert_false(form_is_question(field(f, "adult")));
	assert_true(form_is_question(age));

	/* A note without a name gets pyxform's generated one. */
	note = form_field(f, 9);
	assert_int_equal(note->type, FORM_NOTE);
	assert_string_equal(note->name, "generated_note_name_13");

	assert_int_equal(form_find(f, "nope"), -1);
	assert_int_equal(form_find_path(f, "hh/work/days"), days->index);
	assert_int_equal(form_find_path(f, "days"), -1);
	assert_string_equal(form_type_name(days->type), "select_multiple");
	form_free(&f);
	assert_null(f);
}

static void
test_settings(void **state)
{
	form *f = load_ok(HOUSEHOLD);

	(void)state;
	assert_string_equal(form_id(f), "hh_v1");
	assert_string_equal(form_version(f), "2026011501");
	assert_string_equal(form_root(f), "household");
	assert_string_equal(form_title(f), "住户调查");
	assert_null(form_instance_name(f));
	form_free(&f);

	/* Without a settings sheet: the file name, "data", no version. */
	f = load_ok("survey|type|name|label\n|text|a|A\n");
	assert_string_equal(form_id(f), "t");
	assert_string_equal(form_root(f), "data");
	assert_string_equal(form_title(f), "t");
	assert_null(form_version(f));
	assert_int_equal(form_nlangs(f), 1);
	assert_string_equal(form_lang_name(f, 0), "default");
	form_free(&f);

	f = load_ok("survey|type|name|label\n|text|a|A\n"
	    "settings|instance_name\n|concat('x-', ${a})\n");
	assert_non_null(form_instance_name(f));
	assert_string_equal(expr_source(form_instance_name(f)),
	    "concat('x-', ${a})");
	form_free(&f);
}

static void
test_languages(void **state)
{
	form *f = load_ok(HOUSEHOLD);
	const struct form_field *age, *remark, *smoke;
	int zh, en;

	(void)state;
	assert_int_equal(form_nlangs(f), 2);
	zh = form_lang_find(f, "zh");
	en = form_lang_find(f, "English (en)");
	assert_int_equal(zh, 0);
	assert_int_equal(en, 1);
	assert_string_equal(form_lang_name(f, zh), "中文 (zh)");
	assert_string_equal(form_lang_code(f, en), "en");
	assert_int_equal(form_lang_find(f, "fr"), -1);
	assert_int_equal(form_default_lang(f), en);

	age = field(f, "age");
	assert_string_equal(age->label[zh], "年龄");
	assert_string_equal(form_text(f, age->label, zh), "年龄");
	assert_string_equal(form_text(f, age->hint, zh), "In years");
	assert_null(age->hint[zh]);
	assert_string_equal(form_text(f, age->constraint_message, en),
	    "18 to 69");
	/* Missing in the language asked: the default language's. */
	remark = field(f, "remark");
	assert_null(remark->label[zh]);
	assert_string_equal(form_text(f, remark->label, zh), "Remark");
	/* Missing in the default language too: any. */
	assert_string_equal(form_text(f, field(f, "work")->label, en), "工作");
	assert_null(form_text(f, remark->hint, zh));
	assert_null(form_text(f, remark->required_message, -1));

	smoke = field(f, "smoke");
	assert_string_equal(form_text(f, form_choice(f, smoke->list,
	    1)->label, en), "否");
	form_free(&f);
}

static void
test_lists(void **state)
{
	form *f = load_ok(HOUSEHOLD);
	const struct form_choice *c;
	int yn, days;

	(void)state;
	assert_int_equal(form_nlists(f), 2);
	yn = form_list_find(f, "yn");
	days = form_list_find(f, "days");
	assert_int_equal(yn, 0);
	assert_int_equal(days, 1);
	assert_int_equal(form_list_find(f, "yesno"), -1);
	assert_string_equal(form_list_name(f, days), "days");
	assert_int_equal(field(f, "smoke")->list, yn);
	assert_int_equal(field(f, "days")->list, days);
	assert_int_equal(field(f, "age")->list, -1);
	assert_int_equal(form_list_size(f, yn), 2);
	assert_int_equal(form_choice_find(f, yn, "no"), 1);
	assert_int_equal(form_choice_find(f, yn, "mon"), -1);
	c = form_choice(f, yn, 1);
	assert_string_equal(c->name, "no");
	assert_int_equal(c->row, 16);
	assert_int_equal(c->ncols, 1);
	assert_string_equal(c->col_name[0], "group");
	assert_string_equal(c->col_value[0], "b");
	assert_null(form_choice(f, yn, 2));
	form_free(&f);
}

static void
test_expressions_and_defaults(void **state)
{
	form *f = load_ok(HOUSEHOLD);
	const struct form_field *age, *smoke, *days, *visit, *adult;

	(void)state;
	age = field(f, "age");
	assert_non_null(age->required);
	assert_string_equal(expr_source(age->required), "true()");
	assert_string_equal(expr_source(age->constraint),
	    ". >= 18 and . <= 69");
	assert_null(age->relevant);
	smoke = field(f, "smoke");
	assert_null(smoke->required);            /* "no" */
	assert_string_equal(expr_source(smoke->relevant), "${age} >= 18");
	assert_string_equal(smoke->default_value, "no");
	assert_null(smoke->default_expr);
	days = field(f, "days");
	assert_string_equal(days->default_value, "mon wed");
	visit = field(f, "visit");
	assert_null(visit->default_value);
	assert_string_equal(expr_source(visit->default_expr), "today()");
	adult = field(f, "adult");
	assert_string_equal(expr_source(adult->calculation), "${age} >= 18");
	form_free(&f);
}

static void
test_required_forms(void **state)
{
	form *f = load_ok("survey|type|name|label|required|read_only\n"
	    "|text|a|A|yes|\n|text|b|B|TRUE|no\n|text|c|C|true()|yes\n"
	    "|text|d|D|1|\n|text|e|E|false|\n|text|g|G|No|\n"
	    "|text|h|H|${a} = 'x'|${b} != ''\n");

	(void)state;
	assert_string_equal(expr_source(field(f, "a")->required), "true()");
	assert_string_equal(expr_source(field(f, "b")->required), "true()");
	assert_string_equal(expr_source(field(f, "c")->required), "true()");
	assert_string_equal(expr_source(field(f, "d")->required), "true()");
	assert_null(field(f, "e")->required);
	assert_null(field(f, "g")->required);
	assert_string_equal(expr_source(field(f, "h")->required),
	    "${a} = 'x'");
	assert_null(field(f, "b")->read_only);
	assert_string_equal(expr_source(field(f, "c")->read_only), "true()");
	assert_string_equal(expr_source(field(f, "h")->read_only),
	    "${b} != ''");
	form_free(&f);
}

/* pyxform's rule: an operator, a ${reference} or a function call makes a
 * default an expression; for dates '-' is part of the date. */
static void
test_dynamic_defaults(void **state)
{
	static const struct {
		const char *type, *def;
		bool dynamic;
	} cases[] = {
		{ "text", "hello", false },
		{ "text", "a-b", false },
		{ "integer", "-5", false },
		{ "text", "5-3", false },
		{ "text", "5 - 3", true },
		{ "text", "concat('a', 'b')", true },
		{ "text", "'a+b'", false },
		{ "text", "${x}", true },
		{ "text", "${x} mod 3", true },
		{ "text", "a = b", false },
		{ "text", "(5)", false },
		{ "text", "concat (a)", false },
		{ "text", "-${x}", true },
		{ "date", "2026-01-15", false },
		{ "date", "today()", true },
		{ "decimal", "1.5", false },
		{ "text", "2026-01-15T10:00:00+08:00", false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char text[256];
		const struct form_field *q;
		form *f;

		snprintf(text, sizeof text, "survey|type|name|label|default\n"
		    "|text|x|X\n|%s|q|Q|%s\n", cases[i].type, cases[i].def);
		f = load_ok(text);
		q = field(f, "q");
		if (cases[i].dynamic) {
			assert_null(q->default_value);
			assert_non_null(q->default_expr);
			assert_string_equal(expr_source(q->default_expr),
			    cases[i].def);
		} else {
			assert_null(q->default_expr);
			assert_string_equal(q->default_value, cases[i].def);
		}
		form_free(&f);
	}
}

/* Header case, spaces, pyxform's aliases, untranslated text columns. */
static void
test_aliases(void **state)
{
	form *f = load_ok(
	    "survey|Type|Name|Caption|Relevance|Constraint Message|calculate|"
	    "Required Message|readonly|score\n"
	    "|integer|a|A||must be 1||say it||3\n"
	    "|calculate|b||||${a} + 1\n"
	    "|text|c|C|${b} > 1||||yes|7\n"
	    "choices|list name|value|label|filter\n|l|x|X|1\n"
	    "settings|set_form_id|title\n|f1|T\n");
	const struct form_field *a;

	(void)state;
	a = field(f, "a");
	assert_string_equal(form_text(f, a->label, 0), "A");
	assert_string_equal(form_text(f, a->constraint_message, 0),
	    "must be 1");
	assert_string_equal(form_text(f, a->required_message, 0), "say it");
	assert_string_equal(expr_source(field(f, "b")->calculation),
	    "${a} + 1");
	assert_string_equal(expr_source(field(f, "c")->relevant), "${b} > 1");
	assert_non_null(field(f, "c")->read_only);
	assert_int_equal(form_choice_find(f, 0, "x"), 0);
	assert_string_equal(form_choice(f, 0, 0)->col_name[0], "filter");
	assert_string_equal(form_id(f), "f1");
	assert_string_equal(form_title(f), "T");
	assert_int_equal(form_nlangs(f), 1);
	form_free(&f);

	/* Single-colon language columns when no header uses "::". */
	f = load_ok("survey|type|name|label:English|label:Français\n"
	    "|text|a|Name|Nom\n");
	assert_int_equal(form_nlangs(f), 2);
	assert_string_equal(field(f, "a")->label[form_lang_find(f,
	    "Français")], "Nom");
	form_free(&f);
}

/* Untranslated columns are in default_language; it may name a code. */
static void
test_default_language(void **state)
{
	form *f = load_ok("survey|type|name|label|label::中文 (zh)\n"
	    "|text|a|Name|姓名\n"
	    "settings|default_language\n|English (en)\n");
	int en;

	(void)state;
	assert_int_equal(form_nlangs(f), 2);
	en = form_lang_find(f, "en");
	assert_true(en >= 0);
	assert_int_equal(form_default_lang(f), en);
	assert_string_equal(field(f, "a")->label[en], "Name");
	form_free(&f);

	f = load_ok("survey|type|name|label::English (en)|label::中文 (zh)\n"
	    "|text|a|Name|姓名\n"
	    "settings|default_language\n|zh\n");
	assert_int_equal(form_nlangs(f), 2);
	assert_int_equal(form_default_lang(f), form_lang_find(f, "zh"));
	assert_string_equal(form_text(f, field(f, "a")->label, -1), "姓名");
	form_free(&f);

	/* Without the setting, untranslated columns are "default", and it
	 * is the default language. */
	f = load_ok("survey|type|name|label::中文 (zh)|label\n"
	    "|text|a|姓名|Name\n");
	assert_int_equal(form_nlangs(f), 2);
	assert_string_equal(form_lang_name(f, form_default_lang(f)),
	    "default");
	form_free(&f);
}

/* Cells as pyxform cleans them (labels keep their curly quotes, shown
 * as written); disabled and comment rows skipped. */
static void
test_rows_and_cells(void **state)
{
	form *f = load_ok("survey|type|name|label|disabled\n"
	    "|text|a|Say \xe2\x80\x9chi\xe2\x80\x9d  twice|\n"
	    "|text|b|B|yes\n"
	    "|||\n"
	    "||||\n"
	    "|select_one  yn|c|C|no\n"
	    "choices|list_name|name|label\n|yn|y|\xe2\x80\x98Y\xe2\x80\x99\n");

	(void)state;
	assert_int_equal(form_nfields(f), 2);
	assert_string_equal(form_text(f, field(f, "a")->label, 0),
	    "Say \xe2\x80\x9chi\xe2\x80\x9d twice");
	assert_int_equal(form_find(f, "b"), -1);
	assert_int_equal(field(f, "c")->type, FORM_SELECT_ONE);
	assert_string_equal(form_text(f, form_choice(f, 0, 0)->label, 0),
	    "\xe2\x80\x98Y\xe2\x80\x99");
	form_free(&f);

	/* Older pyxform spellings of types. */
	f = load_ok("survey|type|name|label\n|int|a|A\n|string|b|B\n"
	    "|select one yn|c|C\n|select all that apply yn|d|D\n|imei|e|\n"
	    "|begin_group|g|\n|end group|\n"
	    "choices|list_name|name|label\n|yn|y|Y\n");
	assert_int_equal(field(f, "a")->type, FORM_INTEGER);
	assert_int_equal(field(f, "b")->type, FORM_TEXT);
	assert_int_equal(field(f, "c")->type, FORM_SELECT_ONE);
	assert_int_equal(field(f, "d")->type, FORM_SELECT_MULTIPLE);
	assert_int_equal(field(f, "e")->type, FORM_DEVICEID);
	assert_int_equal(field(f, "g")->end, field(f, "g")->index + 1);
	form_free(&f);

	/* Choice duplicates when the settings allow them. */
	f = load_ok("survey|type|name|label\n|select_one l|a|A\n"
	    "choices|list_name|name|label\n|l|x|X\n|l|x|X again\n"
	    "settings|allow_choice_duplicates\n|yes\n");
	assert_int_equal(form_list_size(f, 0), 2);
	assert_int_equal(form_choice_find(f, 0, "x"), 0);
	form_free(&f);
}

/* ---- problems: one exact line each, with its sheet and row ---- */

static void
test_problem_columns(void **state)
{
	(void)state;
	load_bad("survey|type|name|label|relevent|constrant|lable::中文 (zh)|"
	    "calcuation|requried|score|note\n|text|a|A\n",
	    "t.csv:survey:1: unknown column 'relevent' (did you mean "
	    "'relevant'?)\n"
	    "t.csv:survey:1: unknown column 'constrant' (did you mean "
	    "'constraint'?)\n"
	    "t.csv:survey:1: unknown column 'lable::中文 (zh)' (did you "
	    "mean 'label'?)\n"
	    "t.csv:survey:1: unknown column 'calcuation' (did you mean "
	    "'calculation'?)\n"
	    "t.csv:survey:1: unknown column 'requried' (did you mean "
	    "'required'?)");
	load_bad("survey|type|name|label|relevant|relevance\n|text|a|A\n",
	    "t.csv:survey:1: column 'relevance' repeats column 'relevant'");
	load_bad("survey|type|name|label|relevant::English\n|text|a|A\n",
	    "t.csv:survey:1: column 'relevant::English' cannot have a "
	    "language");
	load_bad("survey|name|label\n|a|A\n",
	    "t.csv:survey:1: missing column 'type'");
	load_bad("survey|type|name|label\n|text|a|A\n"
	    "choices|list_name|lable\n|l|x\n",
	    "t.csv:choices:3: unknown column 'lable' (did you mean "
	    "'label'?)\n"
	    "t.csv:choices:3: missing column 'name'");
	load_bad("survey|type|name|label\n|text|a|A\n"
	    "settings|form_id|verison\n|x|1\n",
	    "t.csv:settings:3: unknown column 'verison' (did you mean "
	    "'version'?)");
}

static void
test_problem_types(void **state)
{
	(void)state;
	load_bad("survey|type|name|label\n|intger|a|A\n|Integer|b|B\n"
	    "|select_on yn|c|C\n|foo|d|D\n",
	    "t.csv:survey:2: unknown type 'intger' (did you mean "
	    "'integer'?)\n"
	    "t.csv:survey:3: unknown type 'Integer' (did you mean "
	    "'integer'?)\n"
	    "t.csv:survey:4: unknown type 'select_on yn' (did you mean "
	    "'select_one yn'?)\n"
	    "t.csv:survey:5: unknown type 'foo'");
	load_bad("survey|type|name|label\n|begin_repeat|r|R\n|text|a|A\n"
	    "|end_repeat\n|image|g|G\n|select_one_from_file x.csv|s|S\n"
	    "|select_one l or_other|o|O\n|select_one|p|P\n"
	    "|text|o_other|O2\n"
	    "choices|list_name|name|label\n|l|x|X\n",
	    "t.csv:survey:5: type 'image' is not supported by kesu: a "
	    "laptop interview takes no photos or files\n"
	    "t.csv:survey:6: attachment 'x.csv' cannot be read: x.csv: No such "
	    "file or directory\n"
	    "t.csv:survey:8: type 'select_one' needs a choice list, as in "
	    "'select_one LIST'\n"
	    "t.csv:survey:9: duplicate name 'o_other' (first defined at "
	    "row 7)");
	load_bad("survey|type|name|label\n|select_one yesno|a|A\n"
	    "|select_multiple colours|b|B\n"
	    "choices|list_name|name|label\n|yn|y|Y\n|colors|r|Red\n",
	    "t.csv:survey:2: unknown choice list 'yesno'\n"
	    "t.csv:survey:3: unknown choice list 'colours' (did you mean "
	    "'colors'?)");
	load_bad("survey|type|name|label\n||a|A\n",
	    "t.csv:survey:2: row has no type");
}

static void
test_problem_names(void **state)
{
	(void)state;
	load_bad("survey|type|name|label\n|text|age|A\n|begin_group|g|\n"
	    "|integer|age|B\n|end_group\n|text|first name|C\n|text|1st|D\n"
	    "|text||E\n|begin_group||\n|end_group\n|text|meta|M\n",
	    "t.csv:survey:4: duplicate name 'age' (first defined at row 2)\n"
	    "t.csv:survey:6: invalid name 'first name': a name starts with a "
	    "letter or '_' and has only letters, digits, '-', '_' and '.'\n"
	    "t.csv:survey:7: invalid name '1st': a name starts with a "
	    "letter or '_' and has only letters, digits, '-', '_' and '.'\n"
	    "t.csv:survey:8: question has no name\n"
	    "t.csv:survey:9: begin_group has no name\n"
	    "t.csv:survey:11: name 'meta' is reserved for the form's "
	    "metadata");
	load_bad("survey|type|name|label\n|text|a|A\n"
	    "settings|name\n|my root\n",
	    "t.csv:settings:4: name 'my root' is not a valid XML element "
	    "name");
}

/* A bare name outside choice_filter is a forgotten ${}: ODK would read
 * it as an empty child node, so it is refused, naming the fix. */
static void
test_problem_bare_names(void **state)
{
	form *f;

	(void)state;
	load_bad("survey|type|name|label|relevant|calculation\n"
	    "|integer|age|A||\n|text|q|Q|age > 17|\n"
	    "|calculate|c|||${age} + years\n",
	    "t.csv:survey:3: relevant: 'age' is not a field reference; "
	    "write ${age}\n"
	    "t.csv:survey:4: calculation: 'years' is not a field "
	    "reference; write ${years}");
	f = load_ok("survey|type|name|label|choice_filter\n"
	    "|integer|age|A|\n|select_one c|s|S|grp = ${age}\n"
	    "choices|list_name|name|label|grp\n|c|a|A|1\n");
	form_free(&f);
}

static void
test_problem_groups(void **state)
{
	(void)state;
	load_bad("survey|type|name|label\n|end_group\n|begin_group|hh|H\n"
	    "|text|a|A\n|begin_group|in|I\n|end_repeat\n",
	    "t.csv:survey:2: end_group has no matching begin_group\n"
	    "t.csv:survey:3: begin_group 'hh' is never closed\n"
	    "t.csv:survey:6: end_repeat closes begin_group 'in' (row 5)");
}

static void
test_problem_choices(void **state)
{
	(void)state;
	load_bad("survey|type|name|label|default\n|select_one yn|a|A|maybe\n"
	    "|select_multiple yn|b|B|y n x\n"
	    "choices|list_name|name|label\n|yn|y|Yes\n|yn|n|No\n|yn|y|Yes!\n"
	    "||z|Z\n|yn||W\n|yn|a b|AB\n",
	    "t.csv:survey:2: default 'maybe' is not a choice of list 'yn'\n"
	    "t.csv:survey:3: default 'x' is not a choice of list 'yn'\n"
	    "t.csv:choices:7: duplicate choice 'y' in list 'yn' (first "
	    "defined at row 5)\n"
	    "t.csv:choices:8: choice has no list_name\n"
	    "t.csv:choices:9: choice in list 'yn' has no name\n"
	    "t.csv:choices:10: choice name 'a b' has a space, which "
	    "select_multiple 'b' cannot store");
}

static void
test_problem_fields(void **state)
{
	(void)state;
	load_bad("survey|type|name|label|hint|calculation|default\n"
	    "|text|a||\n|note|b||Just a hint\n|calculate|c\n"
	    "|calculate|d||||today()\n|integer|e|E|||1.5\n"
	    "|decimal|f|F|||x\n|date|g|G|||15/01/2026\n",
	    "t.csv:survey:2: question 'a' has no label or hint\n"
	    "t.csv:survey:4: calculate 'c' has no calculation\n"
	    "t.csv:survey:6: default '1.5' is not an integer\n"
	    "t.csv:survey:7: default 'x' is not a number\n"
	    "t.csv:survey:8: default '15/01/2026' is not a date "
	    "(YYYY-MM-DD)");
	load_bad("survey|type|name|label\n|text|a|A\n"
	    "settings|public_key\n|MIIB\n",
	    "t.csv:settings:4: public_key: encrypted forms are not "
	    "supported by kesu");
	load_bad("survey|type|name|label::English (en)\n|text|a|A\n"
	    "settings|default_language\n|fr\n",
	    "t.csv:settings:4: default_language 'fr' is not a language of "
	    "the form ('English (en)')");
}

static void
test_problem_references(void **state)
{
	(void)state;
	load_bad("survey|type|name|label|relevant|constraint|calculation\n"
	    "|integer|age|Age ${agee}\n"
	    "|text|a|A|${agee} > 3|${xyz} != ''\n"
	    "|begin_group|g|\n|end_group\n"
	    "|calculate|c||||${g} + 1\n"
	    "|note|n|Hi ${name\n"
	    "choices|list_name|name|label\n|l|x|X ${nope}\n"
	    "settings|instance_name\n|${ag}\n",
	    "t.csv:survey:2: label: no field named 'agee' (did you mean "
	    "'age'?)\n"
	    "t.csv:survey:3: relevant: no field named 'agee' (did you mean "
	    "'age'?)\n"
	    "t.csv:survey:3: constraint: no field named 'xyz'\n"
	    "t.csv:survey:6: calculation: ${g} is a group, not a field\n"
	    "t.csv:survey:7: label: '${' must be followed by a field name "
	    "and '}'\n"
	    "t.csv:choices:9: label: no field named 'nope'\n"
	    "t.csv:settings:11: instance_name: no field named 'ag' (did "
	    "you mean 'age'?)");
	/* pyxform checks references in every column, its own or not. */
	load_bad("survey|type|name|label|for_analysts|appearance\n"
	    "|text|a|A|see ${b}|${a}\n"
	    "settings|form_title\n|Form ${x}\n",
	    "t.csv:survey:2: for_analysts: no field named 'b'\n"
	    "t.csv:settings:4: form_title: no field named 'x'");
}

/* A parse error is the parser's own message, placed and prefixed. */
static void
test_problem_parse(void **state)
{
	static const char *const bad[] = { "slected(${a}, 'x')",
		"${a} >", "(1 + 2" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char text[256], want[512];
		char *cause = NULL;
		expr *e = NULL;

		assert_int_equal(expr_parse(bad[i], &e, &cause), KESU_EDATA);
		assert_null(e);
		snprintf(text, sizeof text, "survey|type|name|label|relevant\n"
		    "|text|a|A\n|text|b|B|%s\n", bad[i]);
		snprintf(want, sizeof want, "t.csv:survey:3: relevant: %s",
		    cause);
		load_bad(text, want);
		free(cause);
	}
}

static void
test_problem_sheets(void **state)
{
	(void)state;
	load_bad("surveys|type|name|label\n|text|a|A\n",
	    "t.csv: no sheet named 'survey'\n"
	    "t.csv: sheet 'surveys' is not read (did you mean 'survey'?)");
	load_bad("survey|type|name|label\n|text|a|A\n"
	    "setting|form_id\n|x\n",
	    "t.csv: sheet 'setting' is not read (did you mean "
	    "'settings'?)");
}

/* ---- dependencies ---- */

static void
test_cycles(void **state)
{
	(void)state;
	load_bad("survey|type|name|label|relevant|calculation\n"
	    "|calculate|a|||${b} + 1\n|calculate|b|||${a} * 2\n",
	    "t.csv:survey:2: calculation cycle: a -> b -> a");
	/* relevant counts, and so does a field's own. */
	load_bad("survey|type|name|label|relevant|calculation\n"
	    "|integer|x|X|${z} > 1\n|calculate|y|||${x}\n"
	    "|calculate|z|||${y} + 1\n|text|s|S|${s} = ''\n",
	    "t.csv:survey:2: calculation cycle: x -> z -> y -> x\n"
	    "t.csv:survey:5: calculation cycle: s -> s");
	/* A group whose relevance reads one of its own fields. */
	load_bad("survey|type|name|label|relevant\n"
	    "|begin_group|g|G|${q} = 1\n|integer|q|Q\n|end_group\n",
	    "t.csv:survey:2: calculation cycle: g -> q -> g");
}

static void
check_ints(const int *got, int n, const int *want, int nwant)
{
	int i;

	assert_int_equal(n, nwant);
	for (i = 0; i < n; i++)
		assert_int_equal(got[i], want[i]);
}

static void
test_eval_order(void **state)
{
	/* total comes first but adds up later fields; g's relevance reads
	 * total, so c (in g) and d (reading c) follow it. */
	form *f = load_ok("survey|type|name|label|relevant|calculation\n"
	    "|calculate|total|||${a} + ${b}\n"                /* 0 */
	    "|integer|a|A\n"                                   /* 1 */
	    "|integer|b|B\n"                                   /* 2 */
	    "|begin_group|g|G|${total} > 1\n"                  /* 3 */
	    "|text|c|C\n"                                      /* 4 */
	    "|end_group\n"
	    "|note|d|D|${c} != ''\n"                           /* 5 */
	    "|integer|e|E\n");                                 /* 6 */
	static const int order[] = { 1, 2, 0, 3, 4, 5, 6 };
	static const int from_a[] = { 0, 3, 4, 5 };
	static const int from_total[] = { 3, 4, 5 };
	static const int from_g[] = { 4, 5 };
	const int *v;
	int n;

	(void)state;
	v = form_eval_order(f, &n);
	check_ints(v, n, order, 7);
	v = form_affected(f, 1, &n);
	check_ints(v, n, from_a, 4);
	v = form_affected(f, 2, &n);
	check_ints(v, n, from_a, 4);
	v = form_affected(f, 0, &n);
	check_ints(v, n, from_total, 3);
	v = form_affected(f, 3, &n);
	check_ints(v, n, from_g, 2);
	(void)form_affected(f, 5, &n);
	assert_int_equal(n, 0);
	(void)form_affected(f, 6, &n);
	assert_int_equal(n, 0);
	form_free(&f);
}

/* ---- files through the sheet readers ---- */

static void
test_fixture_valid(void **state)
{
	static const char *const paths[] = {
		"tests/forms/household.csv", "tests/forms/household.md",
		"tests/forms/household.xlsx",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		form *f = NULL;
		char *cause = NULL;
		int rc = form_load(paths[i], &f, &cause);

		if (rc != 0)
			print_error("%s:\n%s\n", paths[i], cause);
		assert_int_equal(rc, 0);
		assert_string_equal(form_id(f), "household");
		assert_string_equal(form_version(f), "2026011501");
		assert_string_equal(form_title(f), "住户调查");
		assert_int_equal(form_nfields(f), 10);
		assert_int_equal(form_nlangs(f), 2);
		assert_int_equal(form_default_lang(f), form_lang_find(f, "zh"));
		assert_string_equal(field(f, "age")->path, "hh/age");
		assert_int_equal(field(f, "age")->row, 5);
		assert_string_equal(form_text(f,
		    field(f, "age")->constraint_message,
		    form_lang_find(f, "en")), "18 to 69, please");
		assert_string_equal(expr_source(field(f, "street")->
		    choice_filter), "district = ${district}");
		assert_int_equal(form_list_size(f, field(f, "street")->list),
		    3);
		assert_string_equal(form_choice(f, field(f, "street")->list,
		    2)->col_value[0], "dc");
		assert_int_equal(field(f, "bye")->row, 12);
		form_free(&f);
	}
}

static void
test_ten_mistakes(void **state)
{
	char *want = read_file("tests/forms/bad/ten-mistakes.expected");
	char *cause = NULL, *p;
	form *f = NULL;
	int lines = 1;

	(void)state;
	assert_int_equal(form_load("tests/forms/bad/ten-mistakes.csv", &f,
	    &cause), KESU_EDATA);
	assert_null(f);
	assert_non_null(cause);
	assert_string_equal(cause, want);
	for (p = cause; *p != '\0'; p++)
		lines += *p == '\n';
	assert_int_equal(lines, 10);
	free(cause);
	free(want);
}

static void
test_missing_file(void **state)
{
	form *f = NULL;
	char *cause = NULL;

	(void)state;
	assert_int_equal(form_load("tests/forms/no-such-form.csv", &f,
	    &cause), KESU_ENOINPUT);
	assert_null(f);
	assert_non_null(cause);
	free(cause);
}

/* Two texts arrays the same in every language. */
static void
same_texts(const form *a, const char *const *x, const char *const *y,
    const char *what)
{
	int l;

	for (l = 0; l < form_nlangs(a); l++) {
		if (x[l] == NULL || y[l] == NULL)
			assert_true(x[l] == y[l] || (x[l] == NULL ?
			    *y[l] == '\0' : *x[l] == '\0'));
		else if (strcmp(x[l], y[l]) != 0)
			fail_msg("%s: '%s' != '%s'", what, x[l], y[l]);
	}
}

/* A table-list group gets pyxform's generated fields, named by its rows
 * as pyxform counts them (.md and .csv: non-empty rows, the header is 1;
 * .xlsx: the sheet's row), kept off every screen; and pyxform's XForm of
 * the form reads back to the same fields. */
static void
test_table_list(void **state)
{
	static const char *const src[][2] = {
		{ "forms/examples/attitudes.md",
		  "tests/forms/xform/attitudes.md/attitudes.xml" },
		{ "tests/forms/scen-table-list.md",
		  "tests/forms/xform/scen-table-list.md/scen-table-list.xml" },
		{ "tests/forms/scen-table-list-rows.csv",
		  "tests/forms/xform/scen-table-list-rows.csv/"
		  "scen-table-list-rows.xml" },
		{ "tests/forms/scen-table-list-rows.xlsx",
		  "tests/forms/xform/scen-table-list-rows.xlsx/"
		  "scen-table-list-rows.xml" },
		{ "tests/forms/scen-table-list-repeat.md",
		  "tests/forms/xform/scen-table-list-repeat.md/"
		  "scen-table-list-repeat.xml" },
	};
	const struct form_field *g, *n, *h, *a, *b;
	form *f[2];
	char *cause = NULL;
	size_t k;
	int i, j;

	(void)state;
	for (k = 0; k < sizeof src / sizeof src[0]; k++) {
		for (j = 0; j < 2; j++)
			if (form_load(src[k][j], &f[j], &cause) != 0)
				fail_msg("%s: %s", src[k][j], cause);
		assert_int_equal(form_nlangs(f[0]), form_nlangs(f[1]));
		assert_int_equal(form_nfields(f[0]), form_nfields(f[1]));
		for (i = 0; i < form_nfields(f[0]); i++) {
			a = form_field(f[0], i);
			b = form_field(f[1], i);
			assert_string_equal(a->path, b->path);
			assert_int_equal(a->type, b->type);
			assert_int_equal(a->parent, b->parent);
			assert_int_equal(a->end, b->end);
			assert_int_equal(a->generated, b->generated);
			assert_int_equal(a->repeat, b->repeat);
			assert_int_equal(a->in_repeat, b->in_repeat);
			assert_int_equal(form_is_question(a),
			    form_is_question(b));
			assert_string_equal(a->appearance != NULL ?
			    a->appearance : "", b->appearance != NULL ?
			    b->appearance : "");
			same_texts(f[0], a->label, b->label, a->path);
			same_texts(f[0], a->hint, b->hint, a->path);
		}
		for (j = 0; j < 2; j++) {
			g = field(f[j], "views");
			assert_true(form_appears(g, "table-list"));
			n = form_field(f[j], g->index + 1);
			assert_int_equal(n->type, FORM_NOTE);
			assert_true(n->generated);
			assert_false(form_is_question(n));
			assert_int_equal(n->parent, g->index);
			assert_string_equal(form_text(f[j], n->label, 0),
			    form_text(f[j], g->label, 0));
		}
		form_free(&f[0]);
		form_free(&f[1]);
	}

	/* In a repeat, and on a repeat. */
	assert_int_equal(form_load(src[4][0], &f[0], &cause), 0);
	g = field(f[0], "rate");
	assert_true(g->repeat);
	n = field(f[0], "generated_table_list_label_9");
	assert_int_equal(n->in_repeat, g->index);
	assert_int_equal(field(f[0], "reserved_name_for_field_list_labels_5")->
	    in_repeat, field(f[0], "person")->index);
	form_free(&f[0]);

	/* The names, in each layout. */
	assert_int_equal(form_load(src[1][0], &f[0], &cause), 0);
	n = field(f[0], "generated_table_list_label_3");
	assert_string_equal(n->path, "views/generated_table_list_label_3");
	assert_string_equal(form_text(f[0], n->hint, 0), "One answer per row");
	h = field(f[0], "reserved_name_for_field_list_labels_5");
	assert_int_equal(h->type, FORM_SELECT_ONE);
	assert_true(h->generated);
	assert_string_equal(h->appearance, "label");
	assert_int_equal(h->list, field(f[0], "v_use")->list);
	assert_int_equal(h->index + 1, field(f[0], "v_use")->index);
	/* a note heading the grid comes before the header */
	assert_int_equal(field(f[0], "v_note")->index + 1, h->index);
	assert_int_equal(field(f[0], "reserved_name_for_field_list_labels_9")->
	    type, FORM_SELECT_MULTIPLE);
	assert_null(form_text(f[0], field(f[0],
	    "generated_table_list_label_8")->label, 0));
	assert_int_equal(form_find(f[0], "generated_table_list_label_12"), -1);
	assert_true(field(f[0], "reserved_name_for_field_list_labels_13")->
	    generated);
	form_free(&f[0]);
	assert_int_equal(form_load(src[2][0], &f[0], &cause), 0);
	assert_int_equal(form_find(f[0], "generated_table_list_label_3"),
	    field(f[0], "views")->index + 1);
	assert_true(form_find(f[0], "reserved_name_for_field_list_labels_8") >=
	    0);
	form_free(&f[0]);
	assert_int_equal(form_load(src[3][0], &f[0], &cause), 0);
	assert_int_equal(form_find(f[0], "generated_table_list_label_4"),
	    field(f[0], "views")->index + 1);
	assert_true(form_find(f[0], "reserved_name_for_field_list_labels_10") >=
	    0);
	form_free(&f[0]);

	/* pyxform refuses a choice_filter in a grid. */
	load_bad("survey|type|name|label|appearance|choice_filter\n"
	    "|begin_group|g|G|table-list\n"
	    "|select_one l|a|A||name != 'y'\n"
	    "|end_group\n"
	    "choices|list_name|name|label\n|l|x|X\n|l|y|Y\n",
	    "t.csv:survey:3: a choice_filter cannot be used in a table-list "
	    "group (pyxform refuses it too)");
}

/* form_value_label(): an answer as people read it. */
static void
test_value_label(void **state)
{
	struct buf b = BUF_INIT;
	char *cause = NULL;
	form *f = NULL;
	int pref, first;

	(void)state;
	if (form_load("tests/forms/scen-rank.md", &f, &cause) != 0)
		fail_msg("%s", cause);
	pref = form_find(f, "pref");
	first = form_find(f, "first");
	/* A rank: the labels numbered in the order ranked; a name the list
	 * lacks stays a name; extra spaces change nothing. */
	buf_addstr(&b, "");
	form_value_label(&b, f, pref, " web  talk nope ", 0);
	assert_string_equal(b.data, "1. The internet; 2. Talking with people; "
	    "3. nope");
	/* A field without a list: the value itself, appended. */
	form_value_label(&b, f, first, " tv", 0);
	assert_string_equal(b.data, "1. The internet; 2. Talking with people; "
	    "3. nope tv");
	buf_reset(&b);
	buf_addstr(&b, "");
	form_value_label(&b, f, -1, "x y", 0);
	assert_string_equal(b.data, "x y");
	buf_free(&b);
	form_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields_and_groups),
		cmocka_unit_test(test_settings),
		cmocka_unit_test(test_languages),
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_expressions_and_defaults),
		cmocka_unit_test(test_required_forms),
		cmocka_unit_test(test_dynamic_defaults),
		cmocka_unit_test(test_aliases),
		cmocka_unit_test(test_default_language),
		cmocka_unit_test(test_rows_and_cells),
		cmocka_unit_test(test_problem_columns),
		cmocka_unit_test(test_problem_types),
		cmocka_unit_test(test_problem_names),
		cmocka_unit_test(test_problem_bare_names),
		cmocka_unit_test(test_problem_groups),
		cmocka_unit_test(test_problem_choices),
		cmocka_unit_test(test_problem_fields),
		cmocka_unit_test(test_problem_references),
		cmocka_unit_test(test_problem_parse),
		cmocka_unit_test(test_problem_sheets),
		cmocka_unit_test(test_cycles),
		cmocka_unit_test(test_eval_order),
		cmocka_unit_test(test_fixture_valid),
		cmocka_unit_test(test_ten_mistakes),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_table_list),
		cmocka_unit_test(test_value_label),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
