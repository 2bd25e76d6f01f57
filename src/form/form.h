/*
 * form.h - the form model: an XLSForm, validated and immutable once loaded.
 *
 * form_load() reads a workbook (sheet.h), checks it the way pyxform would
 * and reports *every* problem, one line each, "FILE:SHEET:ROW: message"
 * (e.g. "x.csv:survey:14: unknown column 'relevent' (did you mean
 * 'relevant'?)").  The model it returns is shared read-only by engines,
 * the screen and the store.
 *
 * Fields are numbered 0..form_nfields()-1 in form order (depth first);
 * begin_group becomes a FORM_GROUP field whose `end` is one past its last
 * descendant; end_group rows make no field.  begin_repeat becomes a
 * FORM_GROUP field too, with `repeat` set: its fields occur once per
 * instance of the repeat (the engine keeps the instances).  A
 * repeat_count that is not a plain ${name} gets a calculate field
 * "NAME_count" just before the repeat, as pyxform generates it; the
 * repeat then counts by that field.  A table-list group gets the
 * generated fields pyxform adds to it (`generated` below).
 *
 * Texts that can be translated (label, hint, constraint_message,
 * required_message; choice labels) are arrays of form_nlangs() entries,
 * one per language found in "col::Language (code)" columns (a plain "col"
 * column is the language "default"); an entry is NULL when the form has no
 * text in that language.  Use form_text() to pick one with fallback.
 */
#ifndef KESU_FORM_H
#define KESU_FORM_H

#include <stdbool.h>

#include "expr/expr.h"
#include "sheet/sheet.h"
#include "util/err.h"

typedef struct form form;

enum form_type {
	FORM_INTEGER,
	FORM_DECIMAL,
	FORM_TEXT,
	FORM_SELECT_ONE,
	FORM_SELECT_MULTIPLE,
	FORM_NOTE,
	FORM_CALCULATE,
	FORM_DATE,
	FORM_ACKNOWLEDGE,
	FORM_GROUP,
	FORM_TIME,      /* "HH:MM:SS.sss+HH:MM", as Collect writes a time */
	FORM_DATETIME,  /* "YYYY-MM-DDTHH:MM:SS.sss+HH:MM" */
	FORM_RANGE,     /* a number within parameters start, end, step */
	FORM_GEOPOINT,  /* "lat lon alt accuracy", typed as lat and lon */
	FORM_HIDDEN,    /* a value never shown: its default */
	FORM_RANK,      /* every choice name of its list, in the order
			 * ranked, space-separated (ODK's odk:rank) */
	/* metadata: filled by the engine, never shown */
	FORM_START,
	FORM_END,
	FORM_TODAY,
	FORM_DEVICEID,
	FORM_USERNAME,
};

struct form_field {
	enum form_type type;
	const char *name;
	const char *path;   /* instance path below the root: "grp/sub/name" */
	int index;          /* own position */
	int parent;         /* enclosing group, -1 at top level */
	int end;            /* groups: one past the last descendant; else index+1 */
	int depth;          /* 0 at top level */
	int in_repeat;      /* innermost enclosing repeat, -1 when none */
	bool repeat;        /* a begin_repeat (type FORM_GROUP) */
	int row;            /* spreadsheet row of the defining row */
	int list;           /* choice list of a select, else -1 */
	/* select_one ${q}: the field q, inside a repeat, whose answers in
	 * the repeat's instances are the choices (value and label alike;
	 * the engine lists them, engine_choices()); else -1 */
	int source;
	/* A field pyxform generates for a table-list group, in the instance
	 * as Collect submits it but never shown, asked or exported: the
	 * note generated_table_list_label_ROW first in a group that has a
	 * label or hint (the group's, which the group keeps here), and the
	 * select reserved_name_for_field_list_labels_ROW (appearance
	 * "label") of the grid's list just before its first select.  ROW
	 * is the begin_group's, resp. that select's, seq (sheet.h). */
	bool generated;

	const char *const *label;              /* [nlangs] */
	const char *const *hint;               /* [nlangs] */
	const char *const *constraint_message; /* [nlangs] */
	const char *const *required_message;   /* [nlangs] */

	/* NULL when the column is empty.  `required` is also an expression:
	 * "yes"/"true" become true(). */
	const expr *relevant;
	const expr *constraint;
	const expr *required;
	const expr *calculation;
	const expr *choice_filter;
	const expr *read_only;
	const expr *default_expr;   /* a dynamic default, e.g. today() */
	const char *default_value;  /* a static default, or NULL */
	const char *appearance;     /* or NULL */
	/* parameters (form_params.c).  A select with randomize=true shows
	 * its choices in the order Collect gives them for the seed: the
	 * value of field `seed` (seed=${name}) or the number `seed`; NULL:
	 * seeded by the instance ID. */
	bool randomize;
	bool seed_is_field;
	const char *seed;
	bool from_file;     /* select_*_from_file: choices from an attachment,
			     * whose columns value= and label= may name */
	/* range: start, end and step (1, 10, 1 by default); whole says all
	 * three are integers, so the value is an integer. */
	double range_start, range_end, range_step;
	bool range_whole;
	/* A repeat's repeat_count (${name} of a field, or of the generated
	 * NAME_count calculate); NULL when the interviewer adds instances. */
	const expr *repeat_count;
};

struct form_choice {
	const char *name;
	const char *const *label;  /* [nlangs] */
	int row;
	/* Every other column of the choices row (for choice_filter), by the
	 * header name: ncols entries. */
	int ncols;
	const char *const *col_name;
	const char *const *col_value;
};

/*
 * Load and validate the form at path (.xlsx, .csv, .md, or XForm .xml).  On failure
 * returns KESU_ENOINPUT (unreadable) or KESU_EDATA with every problem in
 * *cause, one per line.  The form's id defaults to the file name without
 * its extension, as pyxform does.
 */
int form_load(const char *path, form **out, char **cause) KESU_WUR;
/* The same from the bytes (len; need not be NUL-terminated) of a file
 * called name (a form's stored source), read as its name's extension says
 * in any case: .csv, .md, .xlsx or an XForm .xml (form/xform.h). */
int form_load_source(const char *name, const void *data, size_t len,
    form **out, char **cause) KESU_WUR;
/*
 * Where a form loaded from stored bytes finds its attachments (the
 * households.csv of select_one_from_file, pulldata() and csv-external):
 * get() gives the bytes of the file called name (*data the caller's, to
 * free()); KESU_ENOINPUT when the source has no such file, and then the
 * file beside the form is read; any other failure is the attachment's.
 */
struct form_media {
	int (*get)(void *ctx, const char *name, void **data, size_t *len,
	    char **cause);
	void *ctx;
};
/* form_load_source() taking the attachments from media first (NULL:
 * only the files beside name). */
int form_load_media(const char *name, const void *data, size_t len,
    const struct form_media *media, form **out, char **cause) KESU_WUR;
/* The attachments the form read (file names as the form writes them,
 * "households.csv"): n of them, each named by form_attachment(). */
int form_nattachments(const form *f);
const char *form_attachment(const form *f, int i);
/* The same from a workbook already read; path is for messages and the
 * default id. */
int form_load_book(const struct sheet_book *book, const char *path,
    form **out, char **cause) KESU_WUR;
void form_free(form **f);

const char *form_id(const form *f);        /* settings form_id or file name */
const char *form_version(const form *f);   /* settings version, or NULL */
const char *form_root(const form *f);      /* settings name, or "data" */
const char *form_title(const form *f);     /* settings form_title, or id */
const expr *form_instance_name(const form *f); /* or NULL */

/*
 * The roles a form declares for kesu's reports and review, in extra
 * settings columns (pyxform passes them by): kesu_outcome (the 0/1 or
 * numeric result estimated), kesu_score (the total score), kesu_area
 * (the place records are listed by), kesu_groups (report domains,
 * comma-separated, a:b crossed), kesu_strata, kesu_cluster (PSUs),
 * kesu_weight, kesu_disposition (a visit's outcome), kesu_note and
 * kesu_revisit (a visit's note and agreed next time).  form_role()
 * is the value as written, NULL when the form does not declare it; form
 * check refuses a role that names no field of the form.
 */
enum form_role {
	FORM_ROLE_OUTCOME,
	FORM_ROLE_SCORE,
	FORM_ROLE_AREA,
	FORM_ROLE_GROUPS,
	FORM_ROLE_STRATA,
	FORM_ROLE_CLUSTER,
	FORM_ROLE_WEIGHT,
	FORM_ROLE_DISPOSITION,
	FORM_ROLE_NOTE,        /* kesu_note: a visit's note */
	FORM_ROLE_REVISIT,     /* kesu_revisit: the next visit's agreed time */
	FORM_NROLES
};
const char *form_role(const form *f, enum form_role r);
/* The settings column of role r ("kesu_outcome"). */
const char *form_role_column(enum form_role r);

int form_nfields(const form *f);
const struct form_field *form_field(const form *f, int i);
int form_find(const form *f, const char *name);   /* -1 when absent */
/* The field at an instance path ("grp/sub/name"), -1 when absent. */
int form_find_path(const form *f, const char *path);

/* The XLSForm name of a type ("integer", "select_one", "begin_group"). */
const char *form_type_name(enum form_type t);
/* A question a person sees and answers or reads: integer, decimal, text,
 * selects, note, date, acknowledge (not calculate, group, metadata, nor
 * a generated field). */
bool form_is_question(const struct form_field *fl);
/* Whether fl's appearance holds word (the column is a list of words;
 * form_appear.c). */
bool form_appears(const struct form_field *fl, const char *word);
/* start, end, today, deviceid, username: filled by the engine. */
bool form_is_metadata(const struct form_field *fl);

/* Languages: display names as written ("中文 (zh)"), their codes ("zh",
 * or the name when it has no code), and the default one (settings
 * default_language, else the first). */
int form_nlangs(const form *f);
const char *form_lang_name(const form *f, int lang);
const char *form_lang_code(const form *f, int lang);
int form_default_lang(const form *f);
/* Find a language by code or name; -1 when absent. */
int form_lang_find(const form *f, const char *code_or_name);

/* texts[lang], else the default language's, else any; NULL if none. */
const char *form_text(const form *f, const char *const *texts, int lang);

/*
 * text (a label, hint, message or choice label as form_text() picks it)
 * with each ${name} of a field replaced as ODK's <output> shows it:
 * value(ctx, field, &number) gives the field's text (NULL or "" when it
 * is empty or not relevant) and sets number when expressions read it as
 * a number, which is then printed as XPath's string() prints it (70.0 as
 * "70").  A ${...} naming no field stays as written.  The one place
 * texts are filled: on the interview screen (engine_text()) and from a
 * record's saved answers (the home screen, the review).  NULL when text
 * is NULL; caller frees.
 */
char *form_fill(const form *f, const char *text,
    const char *(*value)(void *ctx, int field, bool *number), void *ctx);

int form_nlists(const form *f);
const char *form_list_name(const form *f, int list);
/* Index of the list called name, -1 when absent. */
int form_list_find(const form *f, const char *name);
int form_list_size(const form *f, int list);
const struct form_choice *form_choice(const form *f, int list, int i);
/* Index of choice `name` in the list, -1 when absent. */
int form_choice_find(const form *f, int list, const char *name);
/*
 * Append the answer value of field i as people read it, in language
 * lang, to b: a select_one its choice's label; a select_multiple its
 * choices' labels "; "-joined in the value's order; a rank its labels
 * numbered in the order ranked ("1. The internet; 2. Television").  A
 * name the list lacks, or a choice without a label, stays its name; any
 * other field, and a field without a list, appends value as it is.
 */
struct buf;
void form_value_label(struct buf *b, const form *f, int i, const char *value,
    int lang);

/* pulldata(): column col of the first row of attachment FILE.csv (file
 * without ".csv") whose column keycol is key; NULL when none. */
const char *form_pulldata(const form *f, const char *file, const char *col,
    const char *keycol, const char *key);
/* Row `row` (0-based) of attachment FILE.csv: *value its column col
 * (NULL when none); -1 past the last row. */
int form_table_cell(const form *f, const char *file, int row, const char *col,
    const char **value);

/*
 * Dependencies.  A field's value as expressions see it depends on its own
 * relevant, its ancestors' relevant and its calculation.  form_affected()
 * gives the fields whose relevance or calculated value must be
 * re-evaluated after field i changes (i itself excluded), transitively,
 * in an order that evaluates every field after all it depends on.
 * form_eval_order() is that order over all fields (for a fresh instance).
 * Cycles are refused at load ("calculation cycle: a -> b -> a").
 */
const int *form_affected(const form *f, int i, int *n);
const int *form_eval_order(const form *f, int *n);

#endif
