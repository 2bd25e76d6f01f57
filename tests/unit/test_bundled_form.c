/*
 * test_bundled_form.c - the questionnaire kesu ships, forms/science-literacy.csv.
 *
 * Interviewers switch languages with F2 mid-interview, so every text a
 * person reads (labels, hints, constraint and required messages, choice
 * labels) must exist in both Chinese and English; a missing translation
 * would show an empty line or fall back to the other language.  Reports
 * read the score fields by name, and every scored item must offer
 * "don't know".  The test runs from the repository root.
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

#ifndef FORM_PATH
#define FORM_PATH "forms/science-literacy.csv"
#endif

struct fixture {
	form *f;
	int zh;
	int en;
};

static int
setup(void **state)
{
	struct fixture *fx;
	char *cause = NULL;

	fx = calloc(1, sizeof *fx);
	if (fx == NULL)
		return -1;
	if (form_load(FORM_PATH, &fx->f, &cause) != 0) {
		print_error("%s: %s\n", FORM_PATH, cause ? cause : "?");
		free(cause);
		free(fx);
		return -1;
	}
	fx->zh = form_lang_find(fx->f, "zh");
	fx->en = form_lang_find(fx->f, "en");
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;

	form_free(&fx->f);
	free(fx);
	return 0;
}

static bool
has_text(const char *const *texts, int lang)
{
	return texts != NULL && lang >= 0 && texts[lang] != NULL &&
	    texts[lang][0] != '\0';
}

/* A text present in either language must be present in both. */
static void
check_pair(const struct fixture *fx, const char *const *texts,
    const char *field, const char *what, bool required)
{
	bool zh = has_text(texts, fx->zh), en = has_text(texts, fx->en);

	if (!required && !zh && !en)
		return;
	if (!zh)
		fail_msg("%s: %s has no Chinese text", field, what);
	if (!en)
		fail_msg("%s: %s has no English text", field, what);
}

static bool
is_shown(enum form_type t)
{
	switch (t) {
	case FORM_CALCULATE:
	case FORM_START:
	case FORM_END:
	case FORM_TODAY:
	case FORM_DEVICEID:
	case FORM_USERNAME:
		return false;
	default:
		return true;
	}
}

static void
test_settings(void **state)
{
	struct fixture *fx = *state;
	const char *v = form_version(fx->f);

	assert_string_equal(form_id(fx->f), "xicheng_science_literacy");
	assert_non_null(v);
	assert_int_equal(strlen(v), 10);
	assert_int_equal(form_nlangs(fx->f), 2);
	assert_true(fx->zh >= 0);
	assert_true(fx->en >= 0);
	assert_int_equal(form_default_lang(fx->f), fx->zh);
	assert_string_equal(form_lang_name(fx->f, fx->zh), "中文 (zh)");
	assert_string_equal(form_lang_name(fx->f, fx->en), "English (en)");
}

static void
test_field_texts_bilingual(void **state)
{
	struct fixture *fx = *state;
	int i, n = form_nfields(fx->f);

	assert_true(n > 0);
	for (i = 0; i < n; i++) {
		const struct form_field *ff = form_field(fx->f, i);

		check_pair(fx, ff->label, ff->name, "label",
		    is_shown(ff->type));
		check_pair(fx, ff->hint, ff->name, "hint", false);
		check_pair(fx, ff->constraint_message, ff->name,
		    "constraint_message", ff->constraint != NULL);
		check_pair(fx, ff->required_message, ff->name,
		    "required_message", ff->required != NULL);
	}
}

static void
test_choice_labels_bilingual(void **state)
{
	struct fixture *fx = *state;
	int l, i;

	assert_true(form_nlists(fx->f) > 0);
	for (l = 0; l < form_nlists(fx->f); l++) {
		assert_true(form_list_size(fx->f, l) > 0);
		for (i = 0; i < form_list_size(fx->f, l); i++) {
			const struct form_choice *c = form_choice(fx->f, l, i);
			char where[256];

			snprintf(where, sizeof where, "choice %s/%s",
			    form_list_name(fx->f, l), c->name);
			check_pair(fx, c->label, where, "label", true);
		}
	}
}

/* Reports and the store read these calculates by name. */
static void
test_result_fields(void **state)
{
	static const char *const names[] = {
		"score_knowledge", "score_method", "score_thinking",
		"score_application", "score_total", "literacy_band",
		"literate", "age", "age_band", "key_group",
	};
	struct fixture *fx = *state;
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		int k = form_find(fx->f, names[i]);

		if (k < 0)
			fail_msg("no field %s", names[i]);
		assert_int_equal(form_field(fx->f, k)->type, FORM_CALCULATE);
		assert_non_null(form_field(fx->f, k)->calculation);
	}
}

/* The group a field sits in at the first level below "interview". */
static const char *
section_of(const form *f, const struct form_field *ff)
{
	while (ff->parent >= 0) {
		const struct form_field *up = form_field(f, ff->parent);

		if (up->parent >= 0 &&
		    strcmp(form_field(f, up->parent)->name, "interview") == 0)
			return up->name;
		ff = up;
	}
	return "";
}

/* Every scored item offers "don't know" (it scores as wrong), and the four
 * dimensions hold the questions the README lists. */
static void
test_items_offer_dont_know(void **state)
{
	static const char *const dims[] = {
		"knowledge", "method", "thinking", "application",
	};
	static const int want[] = { 20, 6, 4, 10 };
	struct fixture *fx = *state;
	int count[4] = { 0 };
	int i, d, n = form_nfields(fx->f);

	for (i = 0; i < n; i++) {
		const struct form_field *ff = form_field(fx->f, i);
		const char *sec;

		if (ff->type != FORM_SELECT_ONE)
			continue;
		sec = section_of(fx->f, ff);
		for (d = 0; d < 4; d++) {
			if (strcmp(sec, dims[d]) != 0)
				continue;
			count[d]++;
			if (form_choice_find(fx->f, ff->list, "dk") < 0)
				fail_msg("%s: no \"dk\" choice", ff->name);
			assert_non_null(ff->required);
		}
	}
	for (d = 0; d < 4; d++)
		assert_int_equal(count[d], want[d]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_settings),
		cmocka_unit_test(test_field_texts_bilingual),
		cmocka_unit_test(test_choice_labels_bilingual),
		cmocka_unit_test(test_result_fields),
		cmocka_unit_test(test_items_offer_dont_know),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
