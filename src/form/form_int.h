/*
 * form_int.h - the form model's insides, shared by src/form/form*.c only.
 *
 * A loaded form owns everything it points to: strings and arrays live in
 * one arena (freed at once by form_free), expressions are freed one by
 * one.  Loading goes through a `struct form_load`, which carries the
 * workbook, the column maps of its sheets and the problems found so far;
 * every problem is recorded with its sheet, row and column and the list
 * is sorted into file order before it is reported.
 */
#ifndef KESU_FORM_INT_H
#define KESU_FORM_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "form/form.h"
#include "util/arena.h"
#include "util/nameidx.h"

struct form_list {
	const char *name;
	int row;
	int n, cap;
	struct form_choice *choices;
	struct nameidx index;     /* choice name -> position */
	bool used_by_multiple;
	bool from_file;           /* an attachment's rows (form_attach.c) */
	/* from_file: the columns a choice's value and label come from
	 * ("name" and "label", "id" and "title" in GeoJSON, or those the
	 * parameters value= and label= name). */
	const char *value_col, *label_col;
};

/* A CSV attachment beside the form, read once (form_attach.c). */
struct form_table {
	const char *name;         /* as the form names it: "households.csv" */
	struct sheet_book *book;  /* NULL when it could not be read */
	/* A secondary instance instance('households') may read: declared
	 * by a csv-external row or a select_*_from_file, as ODK needs. */
	bool declared;
};

struct form {
	struct arena arena;

	const char *id;
	const char *version;
	const char *root;
	const char *title;
	expr *instance_name;
	const char *role[FORM_NROLES];  /* settings kesu_*, or NULL */

	int nlangs;
	const char **lang_name;
	const char **lang_code;
	int deflang;
	const char *const *no_text;  /* nlangs NULLs, shared */

	int nfields;
	struct form_field *fields;
	struct nameidx names;     /* field name -> index */
	struct nameidx paths;     /* field path -> index */

	int nlists;
	struct form_list *lists;
	struct nameidx list_names;

	struct form_table *tables;
	int ntables;

	/* Dependencies (form_deps.c). */
	int *order;                  /* nfields, topological */
	int *aff_start;              /* nfields + 1 */
	int *aff;
};

/* What a column of a sheet means. */
enum form_col {
	FCOL_EXTRA,      /* not an XLSForm column: allowed, kept on choices */
	FCOL_IGNORED,    /* an XLSForm column kesu has no use for */
	FCOL_TYPE,
	FCOL_NAME,
	FCOL_LABEL,
	FCOL_HINT,
	FCOL_REQUIRED,
	FCOL_REQUIRED_MESSAGE,
	FCOL_RELEVANT,
	FCOL_CONSTRAINT,
	FCOL_CONSTRAINT_MESSAGE,
	FCOL_CALCULATION,
	FCOL_DEFAULT,
	FCOL_READ_ONLY,
	FCOL_CHOICE_FILTER,
	FCOL_APPEARANCE,
	FCOL_REPEAT_COUNT,
	FCOL_DISABLED,
	FCOL_PARAMETERS,
	FCOL_LIST_NAME,
	FCOL_FORM_TITLE,
	FCOL_FORM_ID,
	FCOL_VERSION,
	FCOL_DEFAULT_LANGUAGE,
	FCOL_INSTANCE_NAME,
	FCOL_ALLOW_CHOICE_DUPLICATES,
	FCOL_CLEAN_TEXT_VALUES,
	FCOL_PUBLIC_KEY,
	FCOL_COUNT
};

enum form_sheet_kind { FSHEET_SURVEY, FSHEET_CHOICES, FSHEET_SETTINGS };

/* The columns of one sheet, from its header row. */
struct form_cols {
	int ncols;
	enum form_col *key;
	int *lang;           /* translated columns: the language, else -1 */
	const char **header; /* as written */
	int first[FCOL_COUNT]; /* first column of each key (untranslated
				* or any language), -1 when absent */
};

/* One problem found while loading. */
struct form_problem {
	int sheet;    /* position in the book, -1 for the book itself */
	int row;
	int col;
	int seq;
	char *msg;
};

struct form_load {
	const struct sheet_book *book;
	const char *path;
	const struct form_media *media;  /* attachments first, or NULL */
	form *f;

	int survey_at, choices_at, settings_at;   /* sheet positions or -1 */
	const struct sheet *survey, *choices, *settings;
	struct form_cols scols, ccols, tcols;      /* survey, choices, settings */

	/* Settings that shape loading. */
	const char *default_language;  /* or NULL */
	bool clean_text;
	bool allow_duplicates;
	int settings_row;

	/* Languages while headers are read. */
	int lang_cap;
	bool plain_text;               /* some untranslated text column */

	/* Per field, while loading: the columns each expression came from. */
	int *field_col;                /* nfields * FLD_NEXPR, or -1 */
	const struct sheet_row **field_row;
	const char **source_name;      /* select_one ${q}: q, per field */

	struct form_problem *problems;
	int nproblems, cap_problems;
};

/* The expression slots of a field, in column-like order. */
enum {
	FLD_RELEVANT,
	FLD_CONSTRAINT,
	FLD_REQUIRED,
	FLD_CALCULATION,
	FLD_CHOICE_FILTER,
	FLD_READ_ONLY,
	FLD_DEFAULT,
	FLD_REPEAT_COUNT,
	FLD_NEXPR
};

void form_problem(struct form_load *l, int sheet, int row, int col,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* form_appear.c: the appearance column's words, where they go. */
void form_appear_check(struct form_load *l);

/* form_cols.c */
void form_cols_read(struct form_load *l, enum form_sheet_kind kind,
    const struct sheet *s, int sheet_at, struct form_cols *c);
void form_cols_free(struct form_cols *c);
const char *form_col_name(enum form_col key);
int form_lang_add(struct form_load *l, const char *name);

/* form_util.c */
int form_distance(const char *a, const char *b, int limit);
bool form_near(const char *typed, const char *known);
bool form_is_name(const char *s);
bool form_default_is_dynamic(const char *s, enum form_type type);
char *form_clean_text(struct arena *a, const char *s, bool collapse);
char *form_clean_shown(struct arena *a, const char *s, bool collapse);
bool form_yes(const char *s);
bool form_no(const char *s);

/* form_types.c */
enum form_type_kind {
	FTYPE_FIELD,        /* a supported type: `type` set */
	FTYPE_SELECT,       /* select_one / select_multiple LIST */
	FTYPE_BEGIN,        /* begin_group (repeat when `unsupported`) */
	FTYPE_END,          /* end_group / end_repeat */
	FTYPE_EXTERNAL,     /* csv-external, xml-external: an attachment
			     * declared; from_file set for xml */
	FTYPE_UNSUPPORTED,  /* known to XLSForm, refused by kesu */
	FTYPE_NOLIST,       /* a select without its list name */
	FTYPE_UNKNOWN
};

struct form_typeinfo {
	enum form_type_kind kind;
	enum form_type type;
	bool repeat;              /* BEGIN/END of a repeat or loop */
	const char *list;         /* SELECT: the list name (in the cell) */
	size_t list_len;
	bool or_other;
	bool from_file;           /* SELECT: ..._from_file FILE.csv */
	bool source;              /* SELECT: select_one ${q}, list "${q}" */
	const char *what;         /* UNSUPPORTED: the type word to name */
	size_t what_len;
};

void form_type_parse(const char *cell, struct form_typeinfo *t);
const char *form_type_why(const char *what, size_t len);
/* A suggestion for an unknown type, heap string, or NULL. */
char *form_type_suggest(const char *cell);

/* form_settings.c */
void form_load_settings(struct form_load *l);
void form_resolve_langs(struct form_load *l);

/* form_choices.c */
void form_load_choices(struct form_load *l);

/* form_survey.c */
void form_load_survey(struct form_load *l);

/* form_check.c */
void form_check_refs(struct form_load *l);
/* Every field a kesu_* role names exists (form_settings.c). */
void form_check_roles(struct form_load *l);

/* form_params.c: the parameters column (v) of field fl at column col.
 * form_params_check() runs once every field is known. */
void form_params_read(struct form_load *l, struct form_field *fl, int col,
    const char *v);
void form_params_check(struct form_load *l);
/* Set the defaults of fl's type before its parameters are read. */
void form_params_defaults(struct form_field *fl);
/* The value= and label= parameters of select_*_from_file row r (arena
 * strings, NULL where not given or not a column name, which
 * form_params_read() reports); *col the parameters column, or -1. */
void form_params_file_cols(struct form_load *l, const struct sheet_row *r,
    const char **value, const char **label, int *col);
/* form_attach.c */
/* The choice list of attachment file at survey row/col, its values and
 * labels from columns value and label (NULL: the defaults), which the
 * parameters column pcol named; -1 (reported) when it cannot be had. */
int form_attach_list(struct form_load *l, int row, int col, const char *file,
    const char *value, const char *label, int pcol);
/* A csv-external or xml-external row (NAME at row/col): NAME.csv or
 * NAME.xml (ext) is instance('NAME'). */
void form_attach_declare(struct form_load *l, int row, int col,
    const char *name, const char *ext);
/* Check the attachments pulldata() calls name, and their columns. */
void form_attach_check(struct form_load *l);
void form_attach_free(form *f);

/* form_deps.c */
void form_deps_build(struct form_load *l);

#endif
