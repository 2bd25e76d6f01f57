/*
 * form_appear.c - the appearance column: which words it may hold, where.
 *
 * An appearance is a list of words separated by spaces.  The words are
 * ODK's (docs.getodk.org, "Question types" and "Form layout"); kesu draws
 * those that matter in a terminal (field-list and table-list groups, the
 * label / list-nolabel grid, likert, minimal) and lets the others pass,
 * since they only change how a phone shows the question.  A word that is
 * none of them is refused by name, with the nearest known word, as an
 * unknown type or column is (a word holding ${name} is the form's to
 * fill in, and passes); so is a layout word on the wrong kind of
 * row, two layouts of one select, and a table-list group holding anything
 * but selects of one list.
 */
#include <stdlib.h>
#include <string.h>

#include "form/form_int.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* Where a word applies. */
enum { ON_GROUP = 1, ON_SELECT = 2, ON_ANY = 4 };

static const struct appear_word {
	const char *word;
	int on;
	bool layout;  /* one of the ways kesu lays out a select */
} appear_words[] = {
	{ "field-list", ON_GROUP, false },
	{ "table-list", ON_GROUP, false },
	{ "minimal", ON_SELECT, true },
	{ "likert", ON_SELECT, true },
	{ "label", ON_SELECT, true },
	{ "list-nolabel", ON_SELECT, true },
	{ "list", ON_SELECT, false },
	/* Shown as a plain list here. */
	{ "quick", ON_SELECT, false },
	{ "horizontal", ON_SELECT, false },
	{ "horizontal-compact", ON_SELECT, false },
	{ "compact", ON_SELECT, false },
	{ "quickcompact", ON_SELECT, false },
	{ "columns", ON_SELECT, false },
	{ "columns-pack", ON_SELECT, false },
	{ "no-buttons", ON_SELECT, false },
	{ "autocomplete", ON_SELECT, false },
	{ "image-map", ON_SELECT, false },
	{ "map", ON_SELECT, false },
	/* Of other types: nothing to draw differently on a laptop. */
	{ "numbers", ON_ANY, false },
	{ "multiline", ON_ANY, false },
	{ "masked", ON_ANY, false },
	{ "thousands-sep", ON_ANY, false },
	{ "counter", ON_ANY, false },
	{ "url", ON_ANY, false },
	{ "hidden-answer", ON_ANY, false },
	{ "no-calendar", ON_ANY, false },
	{ "month-year", ON_ANY, false },
	{ "year", ON_ANY, false },
	{ "ethiopian", ON_ANY, false },
	{ "coptic", ON_ANY, false },
	{ "islamic", ON_ANY, false },
	{ "bikram-sambat", ON_ANY, false },
	{ "myanmar", ON_ANY, false },
	{ "persian", ON_ANY, false },
	{ "maps", ON_ANY, false },
	{ "placement-map", ON_ANY, false },
	{ "vertical", ON_ANY, false },
	{ "no-ticks", ON_ANY, false },
	{ "picker", ON_ANY, false },
	{ "rating", ON_ANY, false },
	{ "distress", ON_ANY, false },
	{ "bearing", ON_ANY, false },
	{ "signature", ON_ANY, false },
	{ "draw", ON_ANY, false },
	{ "annotate", ON_ANY, false },
	{ "new", ON_ANY, false },
	{ "new-front", ON_ANY, false },
	{ "selfie", ON_ANY, false },
};

#define NWORDS (sizeof appear_words / sizeof appear_words[0])

/* The length of the word at p: to the next space or tab outside
 * parentheses (search('list', 'matches', 'col', ${x}) is one word). */
static size_t
appear_word_len(const char *p)
{
	size_t k;
	int depth = 0;

	for (k = 0; p[k] != '\0'; k++) {
		if (p[k] == '(')
			depth++;
		else if (p[k] == ')' && depth > 0)
			depth--;
		else if ((p[k] == ' ' || p[k] == '\t') && depth == 0)
			break;
	}
	return k;
}

/* Words of a family with a parameter: w3, columns-4, ex:org.app(...). */
static bool
appear_family(const char *w, size_t n)
{
	static const char *const num[] = { "w", "columns-", "compact-" };
	static const char *const any[] = { "ex:", "printer:", "search(" };
	size_t k, p;

	for (k = 0; k < sizeof num / sizeof num[0]; k++) {
		p = strlen(num[k]);
		if (n > p && strncmp(w, num[k], p) == 0 &&
		    strspn(w + p, "0123456789") == n - p)
			return true;
	}
	for (k = 0; k < sizeof any / sizeof any[0]; k++)
		if (n > strlen(any[k]) && strncmp(w, any[k],
		    strlen(any[k])) == 0)
			return true;
	return false;
}

static const struct appear_word *
appear_find(const char *w, size_t n)
{
	size_t k;

	for (k = 0; k < NWORDS; k++)
		if (strlen(appear_words[k].word) == n &&
		    strncmp(appear_words[k].word, w, n) == 0)
			return &appear_words[k];
	return NULL;
}

bool
form_appears(const struct form_field *fl, const char *word)
{
	const char *p = fl->appearance;
	size_t n = strlen(word), k;

	if (p == NULL)
		return false;
	for (;;) {
		p += strspn(p, " \t");
		if (*p == '\0')
			return false;
		k = appear_word_len(p);
		if (k == n && strncmp(p, word, n) == 0)
			return true;
		p += k;
	}
}

/* The problem with word w (n bytes) on field fl, or NULL. */
static char *
appear_word_problem(const struct form_field *fl, const char *w, size_t n,
    const char **layout)
{
	const struct appear_word *a = appear_find(w, n);
	char *s, *m;
	size_t k;

	if (a == NULL) {
		const char *best = NULL;
		int d, bestd = 99;

		/* A family's word, or one the form fills in (${name}, checked
		 * as a reference with the other columns). */
		if (appear_family(w, n) || memmem(w, n, "${", 2) != NULL)
			return NULL;
		s = xstrndup(w, n);
		for (k = 0; k < NWORDS; k++) {
			if (!form_near(s, appear_words[k].word))
				continue;
			d = form_distance(s, appear_words[k].word, 2);
			if (d < bestd) {
				bestd = d;
				best = appear_words[k].word;
			}
		}
		m = best != NULL ? kesu_msg(_("unknown appearance '%s' (did "
		    "you mean '%s'?)"), s, best) :
		    kesu_msg(_("unknown appearance '%s'"), s);
		free(s);
		return m;
	}
	if (a->on == ON_GROUP && fl->type != FORM_GROUP)
		return kesu_msg(_("appearance '%s' is for groups"), a->word);
	if (a->on == ON_SELECT && fl->type != FORM_SELECT_ONE &&
	    fl->type != FORM_SELECT_MULTIPLE)
		return kesu_msg(_("appearance '%s' is for select questions"),
		    a->word);
	if (a->layout) {
		if (*layout != NULL)
			return kesu_msg(_("appearances '%s' and '%s' do not go "
			    "together"), *layout, a->word);
		*layout = a->word;
	}
	return NULL;
}

/* A table-list group: only selects of one list (notes may head it). */
static char *
appear_table_problem(const form *f, int g, int *row)
{
	int i, list = -1;

	for (i = g + 1; i < f->fields[g].end; i++) {
		const struct form_field *fl = &f->fields[i];

		if (!form_is_question(fl) && fl->type != FORM_GROUP)
			continue;
		if (fl->type == FORM_NOTE)
			continue;
		if ((fl->type != FORM_SELECT_ONE &&
		    fl->type != FORM_SELECT_MULTIPLE) ||
		    (list >= 0 && fl->list != list)) {
			*row = fl->row;
			return xstrdup(_("a table-list group holds only "
			    "select questions of one list"));
		}
		list = fl->list;
	}
	return NULL;
}

void
form_appear_check(struct form_load *l)
{
	const form *f = l->f;
	int col = l->scols.first[FCOL_APPEARANCE], i, row;

	for (i = 0; i < f->nfields; i++) {
		const struct form_field *fl = &f->fields[i];
		const char *p = fl->appearance, *layout = NULL;
		char *m;
		size_t k;

		if (p == NULL)
			continue;
		for (;;) {
			p += strspn(p, " \t");
			if (*p == '\0')
				break;
			k = appear_word_len(p);
			if ((m = appear_word_problem(fl, p, k, &layout)) !=
			    NULL) {
				form_problem(l, l->survey_at, fl->row, col,
				    "%s", m);
				free(m);
			}
			p += k;
		}
		if (form_appears(fl, "table-list") &&
		    (m = appear_table_problem(f, i, &row)) != NULL) {
			form_problem(l, l->survey_at, row, col, "%s", m);
			free(m);
		}
	}
}
