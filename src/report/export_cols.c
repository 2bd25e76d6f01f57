/*
 * export_cols.c - the columns of an export: the record metadata, then
 * every field of the form in form order; for a repeat's table, the keys
 * that place its rows and the repeat's own fields.
 *
 * Groups are flattened (their fields follow in order, named by their own
 * names) and notes are left out: they hold no answer.  So are the fields
 * a table-list group generates (form.h), empty in every instance: ODK
 * Central exports every field of the instance, notes and these too, but
 * an analyst's file is better without columns that are always empty.  A
 * select_multiple is its space-separated value followed by one 0/1
 * column per choice, named FIELD_CHOICE and labelled "question: choice".
 * A rank is its space-separated value (all ODK Central's CSV export gives
 * it) followed by one coded column per place, FIELD_1 ... FIELD_k for a
 * list of k choices, labelled "question: 1": the choice ranked there,
 * with the list's value labels, as a select_one.  Labels are in the
 * table's language, falling back as form_text() does.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "report/export_int.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static const char *const meta_names[EXPORT_NMETA] = {
	"id", "status", "interviewer", "started", "ended", "duration",
	"form_id", "version", "parent_key", "key", "instance",
};

/* The record columns of the main table, and of a repeat's. */
static const int meta_main[] = {
	EXPORT_META_ID, EXPORT_META_STATUS, EXPORT_META_INTERVIEWER,
	EXPORT_META_STARTED, EXPORT_META_ENDED, EXPORT_META_DURATION,
	EXPORT_META_FORM_ID, EXPORT_META_VERSION, -1,
};
static const int meta_repeat[] = {
	EXPORT_META_ID, EXPORT_META_PARENT_KEY, EXPORT_META_KEY,
	EXPORT_META_INSTANCE, -1,
};

/* L10N: variable labels of the record columns in Stata and SPSS files. */
static const char *const meta_labels[EXPORT_NMETA] = {
	N_("record ID"), N_("record status"), N_("interviewer"),
	N_("interview started"), N_("interview ended"),
	N_("interviewing time (seconds)"), N_("form ID"), N_("form version"),
	N_("key of the record or repeat instance this row belongs to"),
	N_("key of this repeat instance"), N_("instance number"),
};

static struct export_column *
cols_add(struct export_table *t, size_t *cap)
{
	struct export_column *c;

	if (t->ncols == *cap) {
		*cap = *cap != 0 ? 2 * *cap : 32;
		t->cols = xreallocarray(t->cols, *cap, sizeof *t->cols);
	}
	c = &t->cols[t->ncols++];
	memset(c, 0, sizeof *c);
	c->meta = -1;
	c->field = -1;
	c->list = -1;
	c->choice = -1;
	return c;
}

static const char *
cols_text(const struct export_table *t, const char *const *texts)
{
	const char *s = texts != NULL ? form_text(t->f, texts, t->lang) : NULL;

	return s != NULL ? s : "";
}

static enum export_kind
cols_kind(const struct form_field *fl)
{
	switch (fl->type) {
	case FORM_INTEGER:
	case FORM_DECIMAL:
	case FORM_CALCULATE:
	case FORM_RANGE:
		return EXPORT_NUMBER;
	case FORM_SELECT_ONE:
		return EXPORT_CODED;
	case FORM_DATE:
	case FORM_TODAY:
		return EXPORT_DATE;
	case FORM_START:
	case FORM_END:
	case FORM_DATETIME:
		return EXPORT_DATETIME;
	default:
		return EXPORT_STRING;
	}
}

/* A field named like a column before it (a record column such as "id",
 * or FIELD_CHOICE) gets a suffix: _2, _3, ... */
static void
cols_unique(struct export_table *t)
{
	size_t i, j;
	char *name;
	int k;

	for (i = 1; i < t->ncols; i++) {
		for (k = 1, name = NULL;; k++) {
			const char *try = name != NULL ? name : t->cols[i].name;

			for (j = 0; j < i; j++)
				if (strcmp(t->cols[j].name, try) == 0)
					break;
			if (j == i)
				break;
			free(name);
			name = xasprintf("%s_%d", t->cols[i].name, k + 1);
		}
		if (name != NULL) {
			free(t->cols[i].name);
			t->cols[i].name = name;
		}
	}
}

/* The place columns of rank field i: FIELD_1 ... FIELD_k. */
static void
cols_places(struct export_table *t, size_t *cap, const struct form_field *fl,
    int i)
{
	struct export_column *c;
	const char *ql = cols_text(t, fl->label);
	int j;

	for (j = 1; j <= form_list_size(t->f, fl->list); j++) {
		c = cols_add(t, cap);
		c->name = xasprintf("%s_%d", fl->name, j);
		c->label = *ql != '\0' ? xasprintf("%s: %d", ql, j) :
		    xasprintf("%d", j);
		c->kind = EXPORT_CODED;
		c->field = i;
		c->list = fl->list;
		c->place = j;
	}
}

void
export_cols_build(struct export_table *t)
{
	struct export_column *c;
	const struct form_field *fl;
	const struct form_choice *ch;
	const char *code;
	const int *meta;
	char *ui;
	size_t cap = 0;
	int i, j, n;

	t->ncols = 0;
	t->cols = NULL;
	/* The record columns' labels in the export's language too, when
	 * kesu speaks it (zh or en); else in kesu's own. */
	ui = xstrdup(i18n_lang());
	if (t->f != NULL) {
		code = form_lang_code(t->f, t->lang);
		if (strncmp(code, "zh", 2) == 0 || strncmp(code, "en", 2) == 0)
			i18n_set(strncmp(code, "zh", 2) == 0 ? "zh" : "en");
	}
	meta = t->repeat >= 0 ? meta_repeat : meta_main;
	for (j = 0; meta[j] >= 0; j++) {
		i = meta[j];
		c = cols_add(t, &cap);
		c->name = xstrdup(meta_names[i]);
		c->label = xstrdup(_(meta_labels[i]));
		c->kind = i == EXPORT_META_DURATION ||
		    i == EXPORT_META_INSTANCE ? EXPORT_NUMBER :
		    i == EXPORT_META_STARTED || i == EXPORT_META_ENDED ?
		    EXPORT_DATETIME : EXPORT_STRING;
		c->meta = i;
	}
	i18n_set(ui);
	free(ui);
	if (t->f == NULL)
		return;
	n = form_nfields(t->f);
	for (i = 0; i < n; i++) {
		fl = form_field(t->f, i);
		if (fl->type == FORM_GROUP || fl->type == FORM_NOTE ||
		    fl->generated || fl->in_repeat != t->repeat)
			continue;
		c = cols_add(t, &cap);
		c->name = xstrdup(fl->name);
		c->label = xstrdup(cols_text(t, fl->label));
		c->kind = cols_kind(fl);
		c->field = i;
		if (fl->type == FORM_SELECT_ONE)
			c->list = fl->list;
		if (fl->type == FORM_RANK && fl->list >= 0)
			cols_places(t, &cap, fl, i);
		if (fl->type != FORM_SELECT_MULTIPLE || fl->list < 0)
			continue;
		for (j = 0; j < form_list_size(t->f, fl->list); j++) {
			const char *ql = cols_text(t, fl->label);

			ch = form_choice(t->f, fl->list, j);
			c = cols_add(t, &cap);
			c->name = xasprintf("%s_%s", fl->name, ch->name);
			c->label = *ql != '\0' ? xasprintf("%s: %s", ql,
			    cols_text(t, ch->label)) :
			    xstrdup(cols_text(t, ch->label));
			c->kind = EXPORT_FLAG;
			c->field = i;
			c->list = fl->list;
			c->choice = j;
		}
	}
	cols_unique(t);
}

void
export_cols_free(struct export_table *t)
{
	size_t i;

	for (i = 0; i < t->ncols; i++) {
		free(t->cols[i].name);
		free(t->cols[i].label);
	}
	free(t->cols);
	t->cols = NULL;
	t->ncols = 0;
}

/* Is s a whole decimal integer that fits an int32 (Stata's long)?
 * Stata keeps the top of the range for missing values. */
static bool
cols_int(const char *s, long *v)
{
	char *end;

	if (*s == '\0')
		return false;
	errno = 0;
	*v = strtol(s, &end, 10);
	return errno == 0 && *end == '\0' && *v >= -2147483647L &&
	    *v <= 2147483620L;
}

bool
export_list_numeric(const form *f, int list)
{
	long v;
	int i, n = form_list_size(f, list);

	for (i = 0; i < n; i++)
		if (!cols_int(form_choice(f, list, i)->name, &v))
			return false;
	return n > 0;
}

long
export_choice_code(const form *f, int list, int i)
{
	long v;

	if (export_list_numeric(f, list) &&
	    cols_int(form_choice(f, list, i)->name, &v))
		return v;
	return (long)i + 1;
}
