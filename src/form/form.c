/*
 * form.c - loading a form as a whole, and the read-only accessors.
 *
 * form_load_book() runs the passes in order: settings (they decide the
 * default language and how cells are cleaned), the headers of every
 * sheet (columns and languages), choices, survey rows, references, and
 * the dependency graph.  Each pass records the problems it finds and
 * carries on, so that one run reports every problem of the form, sorted
 * into file order.  Only a form without problems is returned.
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "form/form_int.h"
#include "form/xform.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static const char *
field_name_key(const void *ctx, int i)
{
	return ((const form *)ctx)->fields[i].name;
}

static const char *
field_path_key(const void *ctx, int i)
{
	return ((const form *)ctx)->fields[i].path;
}

static const char *
list_name_key(const void *ctx, int i)
{
	return ((const form *)ctx)->lists[i].name;
}

static const char *
choice_name_key(const void *ctx, int i)
{
	return ((const struct form_list *)ctx)->choices[i].name;
}

/* ---- problems ---- */

void
form_problem(struct form_load *l, int sheet, int row, int col,
    const char *fmt, ...)
{
	struct form_problem *p;
	va_list ap;

	if (l->nproblems == l->cap_problems) {
		l->cap_problems = l->cap_problems ? l->cap_problems * 2 : 16;
		l->problems = xreallocarray(l->problems,
		    (size_t)l->cap_problems, sizeof *l->problems);
	}
	p = &l->problems[l->nproblems];
	p->sheet = sheet;
	p->row = row;
	p->col = col;
	p->seq = l->nproblems++;
	va_start(ap, fmt);
	p->msg = kesu_vmsg(fmt, ap);
	va_end(ap);
}

static int
problem_cmp(const void *a, const void *b)
{
	const struct form_problem *x = a, *y = b;

	if (x->sheet != y->sheet)
		return x->sheet < y->sheet ? -1 : 1;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* All problems as "FILE:SHEET:ROW: message" lines, in file order. */
static char *
problems_text(struct form_load *l)
{
	struct buf b = BUF_INIT;
	int i;

	qsort(l->problems, (size_t)l->nproblems, sizeof *l->problems,
	    problem_cmp);
	for (i = 0; i < l->nproblems; i++) {
		const struct form_problem *p = &l->problems[i];

		if (i > 0)
			buf_addch(&b, '\n');
		if (p->sheet < 0)
			buf_printf(&b, "%s: %s", l->path, p->msg);
		else
			buf_printf(&b, "%s:%s:%d: %s", l->path,
			    l->book->sheets[p->sheet].name, p->row, p->msg);
	}
	return buf_detach(&b);
}

/* ---- loading ---- */

/* The file name without directories and extension. */
static const char *
default_id(struct arena *a, const char *path)
{
	const char *base = strrchr(path, '/'), *dot;

	base = base != NULL ? base + 1 : path;
	dot = strrchr(base, '.');
	if (dot == NULL || dot == base)
		return arena_strdup(a, base);
	return arena_strndup(a, base, (size_t)(dot - base));
}

/* Where the sheet called name is, or -1. */
static int
sheet_at(const struct sheet_book *book, const char *name)
{
	const struct sheet *s = sheet_book_get(book, name);

	return s != NULL ? (int)(s - book->sheets) : -1;
}

/*
 * A sheet kesu would have read but for its spelling ("setting",
 * "choice", "survy") is reported rather than silently skipped.  Sheets
 * whose names start with '_' are deliberately set aside (pyxform's rule).
 */
static void
check_sheet_names(struct form_load *l)
{
	static const char *const known[] = { "survey", "choices", "settings" };
	int i, k;

	for (i = 0; i < l->book->nsheets; i++) {
		const char *name = l->book->sheets[i].name;

		if (name[0] == '_')
			continue;
		for (k = 0; k < 3; k++) {
			if (strcasecmp(name, known[k]) == 0)
				break;
			if (form_near(name, known[k]) &&
			    sheet_at(l->book, known[k]) < 0) {
				form_problem(l, -1, 0, i, _("sheet '%s' is not "
				    "read (did you mean '%s'?)"), name,
				    known[k]);
				break;
			}
		}
	}
	if (l->survey == NULL)
		form_problem(l, -1, 0, -1, _("no sheet named 'survey'"));
}

static void
load_free(struct form_load *l)
{
	int i;

	for (i = 0; i < l->nproblems; i++)
		free(l->problems[i].msg);
	free(l->problems);
	free(l->field_col);
	free(l->field_row);
	free(l->source_name);
	form_cols_free(&l->scols);
	form_cols_free(&l->ccols);
	form_cols_free(&l->tcols);
}

/* form_load_book() with the attachments' source (NULL: the files beside
 * path). */
static int
load_book(const struct sheet_book *book, const char *path,
    const struct form_media *media, form **out, char **cause)
{
	struct form_load l;
	form *f;
	int rc = 0, i;

	*out = NULL;
	memset(&l, 0, sizeof l);
	f = xcalloc(1, sizeof *f);
	l.book = book;
	l.path = path;
	l.media = media;
	l.f = f;
	l.clean_text = true;
	l.survey_at = sheet_at(book, "survey");
	l.choices_at = sheet_at(book, "choices");
	l.settings_at = sheet_at(book, "settings");
	l.survey = l.survey_at >= 0 ? &book->sheets[l.survey_at] : NULL;
	l.choices = l.choices_at >= 0 ? &book->sheets[l.choices_at] : NULL;
	l.settings = l.settings_at >= 0 ? &book->sheets[l.settings_at] : NULL;
	check_sheet_names(&l);

	f->id = default_id(&f->arena, path);
	f->root = "data";
	form_load_settings(&l);
	if (l.survey != NULL)
		form_cols_read(&l, FSHEET_SURVEY, l.survey, l.survey_at,
		    &l.scols);
	if (l.choices != NULL)
		form_cols_read(&l, FSHEET_CHOICES, l.choices, l.choices_at,
		    &l.ccols);
	form_resolve_langs(&l);
	form_load_choices(&l);
	if (l.survey != NULL)
		form_load_survey(&l);

	nameidx_init(&f->paths, f->nfields);
	for (i = 0; i < f->nfields; i++)
		(void)nameidx_add(&f->paths, i, field_path_key, f);
	form_check_refs(&l);
	form_appear_check(&l);
	form_params_check(&l);
	form_attach_check(&l);
	form_check_roles(&l);
	if (l.field_col != NULL)
		form_deps_build(&l);

	if (l.nproblems > 0) {
		if (cause != NULL) {
			free(*cause);
			*cause = problems_text(&l);
		}
		rc = KESU_EDATA;
		form_free(&f);
	} else
		*out = f;
	load_free(&l);
	return rc;
}

int
form_load_book(const struct sheet_book *book, const char *path, form **out,
    char **cause)
{
	return load_book(book, path, NULL, out, cause);
}

int
form_load(const char *path, form **out, char **cause)
{
	struct sheet_book *book = NULL;
	int rc;

	*out = NULL;
	if ((rc = xform_is_xml(path) ? xform_book_read(path, &book, cause) :
	    sheet_book_read(path, &book, cause)) != 0)
		return rc;
	rc = form_load_book(book, path, out, cause);
	sheet_book_free(&book);
	return rc;
}

int
form_load_source(const char *name, const void *data, size_t len,
    form **out, char **cause)
{
	return form_load_media(name, data, len, NULL, out, cause);
}

int
form_load_media(const char *name, const void *data, size_t len,
    const struct form_media *media, form **out, char **cause)
{
	struct sheet_book *book = NULL;
	enum sheet_format fmt;
	int rc;

	*out = NULL;
	if (xform_is_xml(name))
		rc = xform_book(name, data, len, &book, cause);
	else if (sheet_format_of(name, &fmt) != 0)
		return kesu_fail(cause, KESU_EDATA,
		    _("%s: not an .xlsx, .csv, .md or XForm .xml file"), name);
	else
		rc = sheet_book_parse(name, fmt, data, len, &book, cause);
	if (rc == 0)
		rc = load_book(book, name, media, out, cause);
	sheet_book_free(&book);
	return rc;
}

void
form_free(form **fp)
{
	form *f = *fp;
	int i, k;

	if (f == NULL)
		return;
	for (i = 0; i < f->nfields; i++) {
		struct form_field *fl = &f->fields[i];
		const expr *e[FLD_NEXPR] = { fl->relevant, fl->constraint,
		    fl->required, fl->calculation, fl->choice_filter,
		    fl->read_only, fl->default_expr, fl->repeat_count };

		for (k = 0; k < FLD_NEXPR; k++) {
			expr *x = (expr *)(uintptr_t)e[k];

			expr_free(&x);
		}
	}
	expr_free(&f->instance_name);
	for (i = 0; i < f->nlists; i++)
		nameidx_free(&f->lists[i].index);
	free(f->lists);
	nameidx_free(&f->list_names);
	form_attach_free(f);
	nameidx_free(&f->names);
	nameidx_free(&f->paths);
	free(f->lang_name);
	free(f->lang_code);
	free(f->order);
	free(f->aff_start);
	free(f->aff);
	arena_free(&f->arena);
	free(f);
	*fp = NULL;
}

/* ---- accessors ---- */

const char *
form_id(const form *f)
{
	return f->id;
}

const char *
form_version(const form *f)
{
	return f->version;
}

const char *
form_root(const form *f)
{
	return f->root;
}

const char *
form_title(const form *f)
{
	return f->title != NULL ? f->title : f->id;
}

const expr *
form_instance_name(const form *f)
{
	return f->instance_name;
}

int
form_nfields(const form *f)
{
	return f->nfields;
}

const struct form_field *
form_field(const form *f, int i)
{
	if (i < 0 || i >= f->nfields)
		return NULL;
	return &f->fields[i];
}

int
form_find(const form *f, const char *name)
{
	return nameidx_get(&f->names, name, field_name_key, f);
}

int
form_find_path(const form *f, const char *path)
{
	return nameidx_get(&f->paths, path, field_path_key, f);
}

int
form_nlangs(const form *f)
{
	return f->nlangs;
}

const char *
form_lang_name(const form *f, int lang)
{
	if (lang < 0 || lang >= f->nlangs)
		return NULL;
	return f->lang_name[lang];
}

const char *
form_lang_code(const form *f, int lang)
{
	if (lang < 0 || lang >= f->nlangs)
		return NULL;
	return f->lang_code[lang];
}

int
form_default_lang(const form *f)
{
	return f->deflang;
}

int
form_lang_find(const form *f, const char *code_or_name)
{
	int i;

	for (i = 0; i < f->nlangs; i++)
		if (strcmp(f->lang_code[i], code_or_name) == 0)
			return i;
	for (i = 0; i < f->nlangs; i++)
		if (strcmp(f->lang_name[i], code_or_name) == 0)
			return i;
	return -1;
}

const char *
form_text(const form *f, const char *const *texts, int lang)
{
	int i;

	if (texts == NULL)
		return NULL;
	if (lang >= 0 && lang < f->nlangs && texts[lang] != NULL)
		return texts[lang];
	if (texts[f->deflang] != NULL)
		return texts[f->deflang];
	for (i = 0; i < f->nlangs; i++)
		if (texts[i] != NULL)
			return texts[i];
	return NULL;
}

char *
form_fill(const form *f, const char *text,
    const char *(*value)(void *ctx, int field, bool *number), void *ctx)
{
	struct buf b = BUF_INIT;
	const char *p, *close, *v;
	char *num;
	bool number;
	double d;
	int k;

	if (text == NULL)
		return NULL;
	buf_addstr(&b, "");
	for (p = text; *p != '\0'; p++) {
		if (p[0] == '$' && p[1] == '{' &&
		    (close = strchr(p + 2, '}')) != NULL) {
			char *name = xstrndup(p + 2, (size_t)(close - p - 2));

			k = form_find(f, name);
			free(name);
			if (k >= 0) {
				number = false;
				v = value(ctx, k, &number);
				if (v != NULL && *v != '\0' && number &&
				    !isnan(d = expr_read_number(v))) {
					num = expr_format_number(d);
					buf_addstr(&b, num);
					free(num);
				} else if (v != NULL)
					buf_addstr(&b, v);
				p = close;
				continue;
			}
		}
		buf_addch(&b, *p);
	}
	return buf_detach(&b);
}

int
form_nlists(const form *f)
{
	return f->nlists;
}

const char *
form_list_name(const form *f, int list)
{
	if (list < 0 || list >= f->nlists)
		return NULL;
	return f->lists[list].name;
}

int
form_list_size(const form *f, int list)
{
	if (list < 0 || list >= f->nlists)
		return 0;
	return f->lists[list].n;
}

int
form_list_find(const form *f, const char *name)
{
	return nameidx_get(&f->list_names, name, list_name_key, f);
}

const struct form_choice *
form_choice(const form *f, int list, int i)
{
	if (list < 0 || list >= f->nlists || i < 0 || i >= f->lists[list].n)
		return NULL;
	return &f->lists[list].choices[i];
}

int
form_choice_find(const form *f, int list, const char *name)
{
	const struct form_list *fl;

	if (list < 0 || list >= f->nlists)
		return -1;
	fl = &f->lists[list];
	return nameidx_get(&fl->index, name, choice_name_key, fl);
}

void
form_value_label(struct buf *b, const form *f, int i, const char *value,
    int lang)
{
	const struct form_field *fl = i >= 0 && i < f->nfields ?
	    &f->fields[i] : NULL;
	const char *p = value, *q, *text;
	char *one;
	int c, place = 0;
	bool words;

	if (fl == NULL || fl->list < 0 || (fl->type != FORM_SELECT_ONE &&
	    fl->type != FORM_SELECT_MULTIPLE && fl->type != FORM_RANK)) {
		buf_addstr(b, value);
		return;
	}
	words = fl->type != FORM_SELECT_ONE;
	while (*p != '\0') {
		if (words) {
			while (*p == ' ')
				p++;
			if (*p == '\0')
				break;
			if ((q = strchr(p, ' ')) == NULL)
				q = p + strlen(p);
		} else
			q = p + strlen(p);
		one = xstrndup(p, (size_t)(q - p));
		c = form_choice_find(f, fl->list, one);
		text = c >= 0 ? form_text(f, form_choice(f, fl->list, c)->label,
		    lang) : NULL;
		if (place++ > 0)
			buf_addstr(b, "; ");
		if (fl->type == FORM_RANK)
			buf_printf(b, "%d. ", place);
		buf_addstr(b, text != NULL && *text != '\0' ? text : one);
		free(one);
		p = q;
	}
}

const int *
form_affected(const form *f, int i, int *n)
{
	if (i < 0 || i >= f->nfields || f->aff_start == NULL) {
		*n = 0;
		return f->aff;
	}
	*n = f->aff_start[i + 1] - f->aff_start[i];
	return f->aff + f->aff_start[i];
}

const int *
form_eval_order(const form *f, int *n)
{
	*n = f->nfields;
	return f->order;
}

const char *
form_type_name(enum form_type t)
{
	switch (t) {
	case FORM_INTEGER:
		return "integer";
	case FORM_DECIMAL:
		return "decimal";
	case FORM_TEXT:
		return "text";
	case FORM_SELECT_ONE:
		return "select_one";
	case FORM_SELECT_MULTIPLE:
		return "select_multiple";
	case FORM_NOTE:
		return "note";
	case FORM_CALCULATE:
		return "calculate";
	case FORM_DATE:
		return "date";
	case FORM_ACKNOWLEDGE:
		return "acknowledge";
	case FORM_GROUP:
		return "begin_group";
	case FORM_TIME:
		return "time";
	case FORM_DATETIME:
		return "dateTime";
	case FORM_RANGE:
		return "range";
	case FORM_GEOPOINT:
		return "geopoint";
	case FORM_HIDDEN:
		return "hidden";
	case FORM_RANK:
		return "rank";
	case FORM_START:
		return "start";
	case FORM_END:
		return "end";
	case FORM_TODAY:
		return "today";
	case FORM_DEVICEID:
		return "deviceid";
	case FORM_USERNAME:
		return "username";
	}
	return "?";
}

bool
form_is_question(const struct form_field *fl)
{
	if (fl->generated)
		return false;
	switch (fl->type) {
	case FORM_INTEGER:
	case FORM_DECIMAL:
	case FORM_TEXT:
	case FORM_SELECT_ONE:
	case FORM_SELECT_MULTIPLE:
	case FORM_NOTE:
	case FORM_DATE:
	case FORM_ACKNOWLEDGE:
	case FORM_TIME:
	case FORM_DATETIME:
	case FORM_RANGE:
	case FORM_GEOPOINT:
	case FORM_RANK:
		return true;
	default:
		return false;
	}
}

bool
form_is_metadata(const struct form_field *fl)
{
	return fl->type >= FORM_START;
}
