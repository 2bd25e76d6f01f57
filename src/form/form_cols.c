/*
 * form_cols.c - the header row of each sheet: what every column means.
 *
 * A header is matched as pyxform matches it: as written, then in
 * snake_case ("Constraint Message" is constraint_message), then by its
 * part before "::" (or before ':' when no header of the sheet uses "::"),
 * which names the column and leaves the rest as a language
 * ("label::中文 (zh)").  pyxform's aliases are honoured (relevance,
 * caption, calculate, list name, value, ...).
 *
 * XLSForm lets a form carry columns of its own, and so does kesu; but a
 * header one or two letters away from a column kesu reads ("relevent",
 * "lable", "calcuation") is reported, since reading past it would
 * silently drop the logic the author wrote.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "form/form_int.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

enum {
	C_TEXT = 1,     /* translatable: "col::Language" */
	C_SUGGEST = 2,  /* a misspelling of it is reported */
	C_PREFIX = 4,   /* "col::anything" is the same column family */
};

struct colname {
	const char *name;
	enum form_col key;
	int flags;
};

static const struct colname survey_cols[] = {
	{ "type", FCOL_TYPE, C_SUGGEST },
	{ "command", FCOL_TYPE, 0 },
	{ "name", FCOL_NAME, C_SUGGEST },
	{ "tag", FCOL_NAME, 0 },
	{ "value", FCOL_NAME, 0 },
	{ "label", FCOL_LABEL, C_TEXT | C_SUGGEST },
	{ "caption", FCOL_LABEL, C_TEXT },
	{ "hint", FCOL_HINT, C_TEXT | C_SUGGEST },
	{ "required", FCOL_REQUIRED, C_SUGGEST },
	{ "required_message", FCOL_REQUIRED_MESSAGE, C_TEXT | C_SUGGEST },
	{ "requiredmsg", FCOL_REQUIRED_MESSAGE, C_TEXT },
	{ "relevant", FCOL_RELEVANT, C_SUGGEST },
	{ "relevance", FCOL_RELEVANT, 0 },
	{ "constraint", FCOL_CONSTRAINT, C_SUGGEST },
	{ "constraint_message", FCOL_CONSTRAINT_MESSAGE, C_TEXT | C_SUGGEST },
	{ "constraining_message", FCOL_CONSTRAINT_MESSAGE, C_TEXT },
	{ "calculation", FCOL_CALCULATION, C_SUGGEST },
	{ "calculate", FCOL_CALCULATION, 0 },
	{ "default", FCOL_DEFAULT, C_SUGGEST },
	{ "read_only", FCOL_READ_ONLY, C_SUGGEST },
	{ "readonly", FCOL_READ_ONLY, 0 },
	{ "choice_filter", FCOL_CHOICE_FILTER, C_SUGGEST },
	{ "appearance", FCOL_APPEARANCE, C_SUGGEST },
	{ "disabled", FCOL_DISABLED, 0 },
	/* XLSForm columns kesu does not use. */
	{ "guidance_hint", FCOL_IGNORED, C_TEXT | C_SUGGEST },
	{ "parameters", FCOL_PARAMETERS, C_SUGGEST },
	{ "trigger", FCOL_IGNORED, C_SUGGEST },
	{ "repeat_count", FCOL_REPEAT_COUNT, C_SUGGEST },
	{ "count", FCOL_REPEAT_COUNT, 0 },
	{ "jr:count", FCOL_REPEAT_COUNT, 0 },
	{ "image", FCOL_IGNORED, C_TEXT },
	{ "big-image", FCOL_IGNORED, C_TEXT },
	{ "audio", FCOL_IGNORED, C_TEXT },
	{ "video", FCOL_IGNORED, C_TEXT },
	{ "media", FCOL_IGNORED, C_PREFIX },
	{ "bind", FCOL_IGNORED, C_PREFIX },
	{ "control", FCOL_IGNORED, C_PREFIX },
	{ "instance", FCOL_IGNORED, C_PREFIX },
	{ "body", FCOL_IGNORED, C_PREFIX },
	{ "autoplay", FCOL_IGNORED, 0 },
	{ "rows", FCOL_IGNORED, 0 },
	{ "noapperrorstring", FCOL_IGNORED, 0 },
	{ "no_app_error_string", FCOL_IGNORED, 0 },
	{ "sms_field", FCOL_IGNORED, 0 },
	{ "sms_option", FCOL_IGNORED, 0 },
	{ "sms_separator", FCOL_IGNORED, 0 },
	{ "sms_allow_media", FCOL_IGNORED, 0 },
	{ "sms_date_format", FCOL_IGNORED, 0 },
	{ "sms_datetime_format", FCOL_IGNORED, 0 },
	{ "sms_response", FCOL_IGNORED, 0 },
	{ "compact_tag", FCOL_IGNORED, 0 },
	{ "save_to", FCOL_IGNORED, 0 },
	{ "intent", FCOL_IGNORED, 0 },
	{ "list_name", FCOL_IGNORED, 0 },
	{ "query", FCOL_IGNORED, 0 },
	{ "itemset", FCOL_IGNORED, 0 },
	{ NULL, FCOL_EXTRA, 0 }
};

static const struct colname choices_cols[] = {
	{ "list_name", FCOL_LIST_NAME, C_SUGGEST },
	{ "name", FCOL_NAME, C_SUGGEST },
	{ "value", FCOL_NAME, 0 },
	{ "label", FCOL_LABEL, C_TEXT | C_SUGGEST },
	{ "caption", FCOL_LABEL, C_TEXT },
	{ "image", FCOL_IGNORED, C_TEXT },
	{ "big-image", FCOL_IGNORED, C_TEXT },
	{ "audio", FCOL_IGNORED, C_TEXT },
	{ "video", FCOL_IGNORED, C_TEXT },
	{ "media", FCOL_IGNORED, C_PREFIX },
	{ NULL, FCOL_EXTRA, 0 }
};

static const struct colname settings_cols[] = {
	{ "form_title", FCOL_FORM_TITLE, C_SUGGEST },
	{ "set_form_title", FCOL_FORM_TITLE, 0 },
	{ "title", FCOL_FORM_TITLE, 0 },
	{ "form_id", FCOL_FORM_ID, C_SUGGEST },
	{ "set_form_id", FCOL_FORM_ID, 0 },
	{ "id_string", FCOL_FORM_ID, 0 },
	{ "version", FCOL_VERSION, C_SUGGEST },
	{ "name", FCOL_NAME, C_SUGGEST },
	{ "default_language", FCOL_DEFAULT_LANGUAGE, C_SUGGEST },
	{ "instance_name", FCOL_INSTANCE_NAME, C_SUGGEST },
	{ "allow_choice_duplicates", FCOL_ALLOW_CHOICE_DUPLICATES, C_SUGGEST },
	{ "clean_text_values", FCOL_CLEAN_TEXT_VALUES, C_SUGGEST },
	{ "public_key", FCOL_PUBLIC_KEY, C_SUGGEST },
	{ "submission_url", FCOL_IGNORED, C_SUGGEST },
	{ "style", FCOL_IGNORED, C_SUGGEST },
	{ "auto_send", FCOL_IGNORED, C_SUGGEST },
	{ "auto_delete", FCOL_IGNORED, C_SUGGEST },
	{ "omit_instanceid", FCOL_IGNORED, 0 },
	{ "instance_xmlns", FCOL_IGNORED, 0 },
	{ "instance_id", FCOL_IGNORED, 0 },
	{ "namespaces", FCOL_IGNORED, 0 },
	{ "prefix", FCOL_IGNORED, 0 },
	{ "delimiter", FCOL_IGNORED, 0 },
	{ "client_editable", FCOL_IGNORED, 0 },
	{ "entity_version", FCOL_IGNORED, 0 },
	{ "add_none_option", FCOL_IGNORED, 0 },
	{ "flat", FCOL_IGNORED, 0 },
	{ "attribute", FCOL_IGNORED, 0 },
	{ "sms_keyword", FCOL_IGNORED, 0 },
	{ NULL, FCOL_EXTRA, 0 }
};

const char *
form_col_name(enum form_col key)
{
	switch (key) {
	case FCOL_TYPE:
		return "type";
	case FCOL_NAME:
		return "name";
	case FCOL_LABEL:
		return "label";
	case FCOL_HINT:
		return "hint";
	case FCOL_REQUIRED:
		return "required";
	case FCOL_REQUIRED_MESSAGE:
		return "required_message";
	case FCOL_RELEVANT:
		return "relevant";
	case FCOL_CONSTRAINT:
		return "constraint";
	case FCOL_CONSTRAINT_MESSAGE:
		return "constraint_message";
	case FCOL_CALCULATION:
		return "calculation";
	case FCOL_DEFAULT:
		return "default";
	case FCOL_READ_ONLY:
		return "read_only";
	case FCOL_CHOICE_FILTER:
		return "choice_filter";
	case FCOL_APPEARANCE:
		return "appearance";
	case FCOL_REPEAT_COUNT:
		return "repeat_count";
	case FCOL_DISABLED:
		return "disabled";
	case FCOL_PARAMETERS:
		return "parameters";
	case FCOL_LIST_NAME:
		return "list_name";
	case FCOL_FORM_TITLE:
		return "form_title";
	case FCOL_FORM_ID:
		return "form_id";
	case FCOL_VERSION:
		return "version";
	case FCOL_DEFAULT_LANGUAGE:
		return "default_language";
	case FCOL_INSTANCE_NAME:
		return "instance_name";
	case FCOL_ALLOW_CHOICE_DUPLICATES:
		return "allow_choice_duplicates";
	case FCOL_CLEAN_TEXT_VALUES:
		return "clean_text_values";
	case FCOL_PUBLIC_KEY:
		return "public_key";
	default:
		return "";
	}
}

/* pyxform's to_snake_case: words joined by '_', lower case. */
static char *
snake(const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	size_t i = 0;

	while (i < n) {
		if (isspace((unsigned char)s[i])) {
			while (i < n && isspace((unsigned char)s[i]))
				i++;
			if (b.len > 0 && i < n)
				buf_addch(&b, '_');
			continue;
		}
		buf_addch(&b, (char)tolower((unsigned char)s[i++]));
	}
	return buf_detach(&b);
}

static const struct colname *
lookup(const struct colname *table, const char *name)
{
	for (; table->name != NULL; table++)
		if (strcmp(table->name, name) == 0)
			return table;
	return NULL;
}

static const char *
suggest(const struct colname *table, const char *name)
{
	const char *best = NULL;
	int bestd = 99, d;

	if (name[0] == '\0')
		return NULL;
	for (; table->name != NULL; table++) {
		if (!(table->flags & C_SUGGEST) || !form_near(name, table->name))
			continue;
		d = form_distance(name, table->name, 2);
		if (d < bestd) {
			bestd = d;
			best = table->name;
		}
	}
	return best;
}

/* "English (en)" -> "en"; a name without "(code)" is its own code. */
static const char *
lang_code(struct arena *a, const char *name)
{
	size_t n = strlen(name);
	const char *open;

	if (n < 3 || name[n - 1] != ')' || (open = strrchr(name, '(')) == NULL)
		return name;
	open++;
	while (*open == ' ')
		open++;
	n = (size_t)(name + n - 1 - open);
	while (n > 0 && open[n - 1] == ' ')
		n--;
	if (n == 0)
		return name;
	return arena_strndup(a, open, n);
}

int
form_lang_add(struct form_load *l, const char *name)
{
	form *f = l->f;
	int i;

	for (i = 0; i < f->nlangs; i++)
		if (strcmp(f->lang_name[i], name) == 0)
			return i;
	if (f->nlangs == l->lang_cap) {
		l->lang_cap = l->lang_cap ? l->lang_cap * 2 : 4;
		f->lang_name = xreallocarray(f->lang_name,
		    (size_t)l->lang_cap, sizeof *f->lang_name);
		f->lang_code = xreallocarray(f->lang_code,
		    (size_t)l->lang_cap, sizeof *f->lang_code);
	}
	f->lang_name[f->nlangs] = arena_strdup(&f->arena, name);
	f->lang_code[f->nlangs] = lang_code(&f->arena, f->lang_name[f->nlangs]);
	return f->nlangs++;
}

/* Trimmed copy of s[0..n). */
static char *
trimmed(const char *s, size_t n)
{
	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

/* Read one header cell: its key and language. */
static void
read_header(struct form_load *l, const struct colname *table,
    const struct sheet *s, int sheet_at, int col, const char *delim,
    struct form_cols *c)
{
	const char *h = c->header[col], *cut, *hint;
	const struct colname *cn;
	char *whole = snake(h, strlen(h)), *first = NULL, *lang = NULL;
	int row = s->rows[0].row;

	c->key[col] = FCOL_IGNORED;
	c->lang[col] = -1;
	if (h[0] == '\0')
		goto out;
	if ((cn = lookup(table, whole)) != NULL) {
		c->key[col] = cn->key;
		if (cn->flags & C_TEXT)
			c->lang[col] = -2;
		goto out;
	}
	cut = strstr(h, delim);
	first = snake(h, cut != NULL ? (size_t)(cut - h) : strlen(h));
	if ((cn = lookup(table, first)) == NULL) {
		c->key[col] = FCOL_EXTRA;
		if ((hint = suggest(table, first)) != NULL)
			form_problem(l, sheet_at, row, col,
			    _("unknown column '%s' (did you mean '%s'?)"), h,
			    hint);
		goto out;
	}
	c->key[col] = cn->key;
	if (cn->flags & C_PREFIX)
		goto out;
	if (!(cn->flags & C_TEXT)) {
		if (cn->key != FCOL_IGNORED)
			form_problem(l, sheet_at, row, col,
			    _("column '%s' cannot have a language"), h);
		c->key[col] = FCOL_IGNORED;
		goto out;
	}
	if (cut == NULL) {
		c->lang[col] = -2;
		goto out;
	}
	lang = trimmed(cut + strlen(delim), strlen(cut + strlen(delim)));
	if (lang[0] == '\0') {
		c->lang[col] = -2;
		goto out;
	}
	if (cn->key != FCOL_IGNORED)
		c->lang[col] = form_lang_add(l, lang);
out:
	/* An untranslated text column is in the form's default language. */
	if (c->lang[col] == -2) {
		if (c->key[col] == FCOL_IGNORED)
			c->lang[col] = -1;
		else if (l->default_language == NULL)
			c->lang[col] = form_lang_add(l, "default");
		else
			l->plain_text = true;
	}
	free(lang);
	free(first);
	free(whole);
}

/*
 * Read the header row of sheet s (at position sheet_at in the book) into
 * c, reporting misspelt and repeated columns at the header row.
 */
void
form_cols_read(struct form_load *l, enum form_sheet_kind kind,
    const struct sheet *s, int sheet_at, struct form_cols *c)
{
	const struct colname *table = kind == FSHEET_SURVEY ? survey_cols :
	    kind == FSHEET_CHOICES ? choices_cols : settings_cols;
	const char *delim = ":";
	int i, k;

	memset(c, 0, sizeof *c);
	for (k = 0; k < FCOL_COUNT; k++)
		c->first[k] = -1;
	if (s->nrows == 0)
		return;
	c->ncols = s->rows[0].ncells;
	c->key = xcalloc((size_t)c->ncols + 1, sizeof *c->key);
	c->lang = xcalloc((size_t)c->ncols + 1, sizeof *c->lang);
	c->header = xcalloc((size_t)c->ncols + 1, sizeof *c->header);
	for (i = 0; i < c->ncols; i++) {
		c->header[i] = s->rows[0].cells[i];
		if (strstr(c->header[i], "::") != NULL)
			delim = "::";
	}
	for (i = 0; i < c->ncols; i++) {
		read_header(l, table, s, sheet_at, i, delim, c);
		if (c->key[i] <= FCOL_IGNORED)
			continue;
		for (k = 0; k < i; k++) {
			if (c->key[k] != c->key[i] || c->lang[k] != c->lang[i])
				continue;
			form_problem(l, sheet_at, s->rows[0].row, i,
			    _("column '%s' repeats column '%s'"), c->header[i],
			    c->header[k]);
			c->key[i] = FCOL_IGNORED;
			break;
		}
		if (c->key[i] > FCOL_IGNORED && c->first[c->key[i]] < 0)
			c->first[c->key[i]] = i;
	}
}

void
form_cols_free(struct form_cols *c)
{
	free(c->key);
	free(c->lang);
	free(c->header);
	memset(c, 0, sizeof *c);
}
