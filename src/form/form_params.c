/*
 * form_params.c - the survey's parameters column, as pyxform reads it.
 *
 * The cell is key=value pairs separated by white space, commas or
 * semicolons; keys are read in lower case and so are values (pyxform
 * keeps the case only of `label` and `value`).  Selects take
 * randomize=true|false and seed=NUMBER or seed=${field} (a seed needs
 * randomize=true); select_one_from_file and select_multiple_from_file
 * also value=COLUMN and label=COLUMN, the attachment's columns for a
 * choice's value and label (names as pyxform checks them: it writes
 * them as the itemset's value and label refs, so a translated
 * label::LANG column cannot be named).  A range takes start, end and
 * step (numbers; 1, 10 and 1 by default; the step positive and the end
 * reachable).  Other question types keep their parameters for the screen
 * and are not checked here.
 */
#include <stdlib.h>
#include <string.h>

#include "form/form_int.h"
#include "util/i18n.h"
#include "util/arena.h"
#include "util/xalloc.h"

#define DELIM(c) ((c) == ' ' || ((c) >= '\t' && (c) <= '\r') || \
	    (c) == ',' || (c) == ';')

struct pair {
	char *key, *value;
};

/* Split the cell into pairs (heap strings, lower case but for label and
 * value); -1 when the cell is not key=value pairs. */
static int
split(const char *v, struct pair **out, int *n)
{
	const char *p = v, *t;
	struct pair *pairs = NULL;
	char *s;
	int k = 0, part;
	size_t i;

	*out = NULL;
	*n = 0;
	for (;;) {
		while (*p != '\0' && DELIM(*p))
			p++;
		if (*p == '\0')
			break;
		pairs = xreallocarray(pairs, (size_t)k + 1, sizeof *pairs);
		for (part = 0; part < 2; part++) {
			for (t = p; *t != '\0' && !DELIM(*t) && *t != '='; t++)
				;
			if (t == p)
				goto bad;
			s = xstrndup(p, (size_t)(t - p));
			if (part == 0)
				pairs[k].key = s;
			else
				pairs[k].value = s;
			p = t;
			if (part == 1)
				break;
			while (*p != '\0' && DELIM(*p))
				p++;
			if (*p != '=') {
				pairs[k].value = NULL;
				k++;
				goto bad;
			}
			p++;
			while (*p != '\0' && DELIM(*p))
				p++;
		}
		for (i = 0; pairs[k].key[i] != '\0'; i++)
			if (pairs[k].key[i] >= 'A' && pairs[k].key[i] <= 'Z')
				pairs[k].key[i] += 'a' - 'A';
		if (strcmp(pairs[k].key, "label") != 0 &&
		    strcmp(pairs[k].key, "value") != 0)
			for (i = 0; pairs[k].value[i] != '\0'; i++)
				if (pairs[k].value[i] >= 'A' &&
				    pairs[k].value[i] <= 'Z')
					pairs[k].value[i] += 'a' - 'A';
		k++;
	}
	*out = pairs;
	*n = k;
	return 0;
bad:
	*out = pairs;
	*n = k;
	return -1;
}

static void
pairs_free(struct pair *pairs, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(pairs[i].key);
		free(pairs[i].value);
	}
	free(pairs);
}

/* A decimal number as Python's float() reads one (no inf or nan). */
static bool
is_number(const char *s)
{
	char *end;

	if (*s == '\0' || strpbrk(s, "iInN") != NULL)
		return false;
	(void)strtod(s, &end);
	return *end == '\0';
}

/* An attachment column as an itemset ref names it: an XML name, with
 * at most one prefix ("code", "geo:id"). */
static bool
is_column(const char *s)
{
	const char *colon = strchr(s, ':');
	char *prefix;
	bool ok;

	if (colon == NULL)
		return form_is_name(s);
	prefix = xstrndup(s, (size_t)(colon - s));
	ok = form_is_name(prefix) && form_is_name(colon + 1);
	free(prefix);
	return ok;
}

static bool
is_file_key(const char *key)
{
	return strcmp(key, "value") == 0 || strcmp(key, "label") == 0;
}

static void
read_select(struct form_load *l, struct form_field *fl, int col,
    struct pair *pairs, int n)
{
	const char *seed = NULL, *randomize = NULL;
	size_t len;
	int i;

	for (i = 0; i < n; i++) {
		if (strcmp(pairs[i].key, "randomize") == 0)
			randomize = pairs[i].value;
		else if (strcmp(pairs[i].key, "seed") == 0)
			seed = pairs[i].value;
		else if (fl->from_file && is_file_key(pairs[i].key)) {
			if (!is_column(pairs[i].value))
				form_problem(l, l->survey_at, fl->row, col,
				    _("parameters: %s must name a column of the "
				    "attachment (a letter or _, then letters, "
				    "digits, _, - or .), not '%s'"),
				    pairs[i].key, pairs[i].value);
		} else if (fl->from_file) {
			form_problem(l, l->survey_at, fl->row, col,
			    _("parameters: unknown parameter '%s' (a select "
			    "from a file takes value, label, randomize and "
			    "seed)"), pairs[i].key);
			return;
		} else {
			form_problem(l, l->survey_at, fl->row, col,
			    _("parameters: unknown parameter '%s' (a select takes "
			    "randomize and seed)"), pairs[i].key);
			return;
		}
	}
	if (randomize == NULL) {
		if (seed != NULL)
			form_problem(l, l->survey_at, fl->row, col,
			    _("parameters: a seed needs randomize=true"));
		return;
	}
	if (strcmp(randomize, "true") != 0 && strcmp(randomize, "false") != 0) {
		form_problem(l, l->survey_at, fl->row, col,
		    _("parameters: randomize must be true or false, not '%s'"),
		    randomize);
		return;
	}
	fl->randomize = strcmp(randomize, "true") == 0;
	if (seed == NULL)
		return;
	len = strlen(seed);
	if (len > 3 && strncmp(seed, "${", 2) == 0 && seed[len - 1] == '}') {
		fl->seed_is_field = true;
		fl->seed = arena_strndup(&l->f->arena, seed + 2, len - 3);
	} else if (is_number(seed))
		fl->seed = arena_strdup(&l->f->arena, seed);
	else
		form_problem(l, l->survey_at, fl->row, col,
		    _("parameters: seed must be a number or a field such as "
		    "${name}, not '%s'"), seed);
}

static void
read_range(struct form_load *l, struct form_field *fl, int col,
    struct pair *pairs, int n)
{
	double *slot;
	int i;

	for (i = 0; i < n; i++) {
		if (strcmp(pairs[i].key, "start") == 0)
			slot = &fl->range_start;
		else if (strcmp(pairs[i].key, "end") == 0)
			slot = &fl->range_end;
		else if (strcmp(pairs[i].key, "step") == 0)
			slot = &fl->range_step;
		else {
			form_problem(l, l->survey_at, fl->row, col,
			    _("parameters: unknown parameter '%s' (a range takes "
			    "start, end and step)"), pairs[i].key);
			return;
		}
		if (!is_number(pairs[i].value)) {
			form_problem(l, l->survey_at, fl->row, col,
			    _("parameters: %s must be a number, not '%s'"),
			    pairs[i].key, pairs[i].value);
			return;
		}
		*slot = strtod(pairs[i].value, NULL);
	}
	if (!(fl->range_step > 0))
		form_problem(l, l->survey_at, fl->row, col,
		    _("parameters: a range's step must be more than 0"));
	else if (fl->range_end < fl->range_start)
		form_problem(l, l->survey_at, fl->row, col,
		    _("parameters: a range's end is below its start"));
	fl->range_whole = fl->range_start == (long long)fl->range_start &&
	    fl->range_end == (long long)fl->range_end &&
	    fl->range_step == (long long)fl->range_step;
}

/* A range without parameters counts 1 to 10 in steps of 1. */
void
form_params_defaults(struct form_field *fl)
{
	if (fl->type == FORM_RANGE) {
		fl->range_start = 1;
		fl->range_end = 10;
		fl->range_step = 1;
		fl->range_whole = true;
	}
}

void
form_params_file_cols(struct form_load *l, const struct sheet_row *r,
    const char **value, const char **label, int *col)
{
	struct pair *pairs;
	int i, n;

	*value = *label = NULL;
	*col = l->scols.first[FCOL_PARAMETERS];
	if (*col < 0)
		return;
	/* The cell as read_columns() hands it to form_params_read(). */
	if (split(form_clean_text(&l->f->arena, sheet_cell(r, *col),
	    l->clean_text), &pairs, &n) != 0) {
		pairs_free(pairs, n);
		return;
	}
	for (i = 0; i < n; i++)
		if (is_file_key(pairs[i].key) && is_column(pairs[i].value))
			*(pairs[i].key[0] == 'v' ? value : label) =
			    arena_strdup(&l->f->arena, pairs[i].value);
	pairs_free(pairs, n);
}

void
form_params_read(struct form_load *l, struct form_field *fl, int col,
    const char *v)
{
	struct pair *pairs;
	int n;

	if (split(v, &pairs, &n) != 0) {
		form_problem(l, l->survey_at, fl->row, col,
		    _("parameters: '%s' is not key=value pairs (such as "
		    "'randomize=true seed=${x}')"), v);
		pairs_free(pairs, n);
		return;
	}
	if (fl->type == FORM_SELECT_ONE || fl->type == FORM_SELECT_MULTIPLE ||
	    fl->type == FORM_RANK)
		read_select(l, fl, col, pairs, n);
	else if (fl->type == FORM_RANGE)
		read_range(l, fl, col, pairs, n);
	pairs_free(pairs, n);
}

void
form_params_check(struct form_load *l)
{
	form *f = l->f;
	int i;

	for (i = 0; i < f->nfields; i++) {
		const struct form_field *fl = &f->fields[i];

		if (fl->seed_is_field && form_find(f, fl->seed) < 0)
			form_problem(l, l->survey_at, fl->row,
			    l->scols.first[FCOL_PARAMETERS],
			    _("parameters: seed refers to unknown field '%s'"),
			    fl->seed);
	}
}
