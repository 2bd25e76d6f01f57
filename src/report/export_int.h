/*
 * export_int.h - what the parts of `kesu export` share: the column model
 * built from the form (export_cols.c), the rows read from the store
 * (export_rows.c) and the writers (export_csv.c, export_stat.c).
 */
#ifndef KESU_EXPORT_INT_H
#define KESU_EXPORT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "form/form.h"
#include "report/export.h"
#include "store/store.h"

enum export_meta {
	EXPORT_META_ID,
	EXPORT_META_STATUS,
	EXPORT_META_INTERVIEWER,
	EXPORT_META_STARTED,
	EXPORT_META_ENDED,
	EXPORT_META_DURATION,
	EXPORT_META_FORM_ID,
	EXPORT_META_VERSION,
	/* A repeat's table: after id, where its row sits in the record. */
	EXPORT_META_PARENT_KEY,
	EXPORT_META_KEY,
	EXPORT_META_INSTANCE,
	EXPORT_NMETA
};

enum export_kind {
	EXPORT_STRING,  /* text, dates, times, selected names */
	EXPORT_NUMBER,  /* integer, decimal, calculate: numeric when every
			   value is a number, else a string */
	EXPORT_CODED,   /* select_one, a rank's place: integer codes with
			   value labels */
	EXPORT_FLAG,    /* one choice of a select_multiple: 0/1 */
	EXPORT_DATE,    /* date, today: a Stata/SPSS date when every value
			   is YYYY-MM-DD, else a string */
	EXPORT_DATETIME, /* start, end, the record's started/ended: a
			   Stata/SPSS date-time when every value is ISO
			   8601 with an offset, else a string */
};

struct export_column {
	char *name;           /* as in the form: "age", "q5_a" */
	char *label;          /* variable label ("" for none) */
	enum export_kind kind;
	int meta;             /* enum export_meta, or -1 for a field */
	int field;            /* form field index, or -1 */
	int list;             /* CODED, FLAG: the choice list, else -1 */
	int choice;           /* FLAG: the choice's index in list */
	int place;            /* a rank's place column: 1, 2, ...; else 0 */

	/* Found by a first pass over the rows (export_stat.c). */
	bool numeric;         /* NUMBER/CODED: every value converts */
	size_t width;         /* longest value in bytes */
	int decimals;         /* NUMBER: most digits after the point */
	size_t whole;         /* NUMBER: most characters before it */
};

struct export_table {
	const form *f;        /* NULL when the database holds no form */
	int lang;
	/* -1: one row per record, the fields outside every repeat; else
	 * the begin_repeat field whose instances are the rows (its own
	 * fields, not those of a repeat inside it), after the columns id,
	 * parent_key (the record's id, or the enclosing instance's key),
	 * key (parent_key/NAME[n]) and instance (n). */
	int repeat;
	char *sheet;          /* xlsx: the sheet's name */
	int64_t *keys;        /* the stored forms whose records go out */
	size_t nkeys;
	size_t ncols;
	struct export_column *cols;
	bool codes;           /* xlsx: choice codes, not labels */
	/* Statuses to export (codes). */
	const char *const *statuses;
	size_t nstatuses;
};

/* Build t->cols from t->f in language t->lang, for t->repeat
 * (export_cols.c). */
void export_cols_build(struct export_table *t);
void export_cols_free(struct export_table *t);
/* The integer code of choice i of list: its name when every name of the
 * list is an integer, else i + 1. */
bool export_list_numeric(const form *f, int list);
long export_choice_code(const form *f, int list, int i);

/*
 * Rows: one per exported record, oldest first.  export_rows_next() sets
 * *values to ncols strings ("" for none), owned by the iterator until
 * the next call, or sets *end.
 */
typedef struct export_rows export_rows;
int export_rows_open(store *s, const struct export_table *t,
    export_rows **out, char **cause) KESU_WUR;
int export_rows_next(export_rows *r, const char *const **values,
    bool *end, char **cause) KESU_WUR;
void export_rows_close(export_rows **r);

/* "YYYY-MM-DD" as days since 1970-01-01, and an ISO 8601 date-time with
 * an offset as milliseconds since 1970-01-01 00:00 of its wall-clock time
 * (the offset dropped); false when v is not one (export_stat.c). */
bool export_date(const char *v, long *days);
bool export_datetime(const char *v, double *ms);

/* Writers, onto an open file descriptor. */
int export_csv_write(store *s, const struct export_table *t, int fd,
    bool bom, char **cause) KESU_WUR;
int export_stat_write(store *s, struct export_table *t,
    enum export_format fmt, int fd, char **cause) KESU_WUR;
/* The xlsx writer writes the file at path (libxlsxwriter opens it): one
 * sheet per table (t[0] the records, then the repeats). */
int export_xlsx_write(store *s, const struct export_table *t, size_t nt,
    const char *path, char **cause) KESU_WUR;

#endif
