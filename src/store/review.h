/*
 * review.h - the store's side of supervisor review: records a page at a
 * time, filtered and sorted in SQL, so a list over 100,000 records never
 * holds more than the page on screen.
 *
 * Drafts are left out unless the filter asks for status "draft".
 */
#ifndef KESU_STORE_REVIEW_H
#define KESU_STORE_REVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "store/store.h"

struct store_review_filter {
	const char *status;       /* NULL: every finished status */
	const char *interviewer;  /* NULL: anyone */
	const char *place;        /* value of place_field, NULL: any */
	double from, to;          /* started in [from, to); 0: open */
	/* The fields rows show besides the record's own columns: the
	 * form's declared area and score (kesu_area, kesu_score); NULL:
	 * none, rows show "". */
	const char *place_field, *score_field;
};

enum store_review_sort {
	STORE_SORT_STARTED,
	STORE_SORT_DURATION,
	STORE_SORT_INTERVIEWER,
	STORE_SORT_STATUS,
	STORE_SORT_SCORE,       /* by score_field, none lowest */
	STORE_SORT_COUNT
};

/* A record's answer-based quality figures, as review.c computes them
 * from its XML (for the don't-know name QUALITY_DK_NAME); kept in
 * record_quality so lists read no XML. */
struct store_review_quality {
	bool known;        /* false: not computed since the XML was written */
	int longest_run;
	int dk_offered;
	int dk;
	/* Its form has the STORE_REVIEW_SCORE calculate and it has no
	 * value: the interview ended early (a refusal, an ineligible
	 * respondent). */
	bool ended_early;
};

struct store_review_row {
	struct store_record r;
	char *place;   /* the record's place_field, "" when none */
	char *score;   /* its score_field calculate, "" when none */
	struct store_review_quality q;
};

/* How many records pass filter. */
int store_review_count(store *s, const struct store_review_filter *filter,
    size_t *n, char **cause) KESU_WUR;

/*
 * Rows [offset, offset + limit) of the filtered records in sort order
 * (desc: reversed; ties by record key).  *rows (n of them) is the
 * caller's: store_review_rows_free().
 */
int store_review_page(store *s, const struct store_review_filter *filter,
    enum store_review_sort sort, bool desc, size_t offset, size_t limit,
    struct store_review_row **rows, size_t *n, char **cause) KESU_WUR;
/*
 * Keyset paging, as fast deep in the list as at its top: up to limit rows
 * just after row `from` in sort order, or with before, just before it;
 * from NULL: the first (or with before, the last) rows.  Rows come in
 * list order either way; from is compared by its sort key only, so it
 * may be a row that no longer passes the filter.
 */
int store_review_seek(store *s, const struct store_review_filter *filter,
    enum store_review_sort sort, bool desc,
    const struct store_review_row *from, bool before, size_t limit,
    struct store_review_row **rows, size_t *n, char **cause) KESU_WUR;
void store_review_rows_free(struct store_review_row *rows, size_t n);

/*
 * The quality figures to compute: up to max records (with XML) whose
 * figures are stale, after record key `after`, in key order; keys[i] and
 * forms[i] (the record's form key) are the caller's (free()).
 */
int store_review_stale(store *s, int64_t after, size_t max, int64_t **keys,
    int64_t **forms, size_t *n, char **cause) KESU_WUR;
/* Keep record key's figures q (no longer stale). */
int store_review_quality_put(store *s, int64_t key,
    const struct store_review_quality *q, char **cause) KESU_WUR;

/*
 * Every record, drafts too, in no set order: fn gets each as a row with
 * its record columns (form_id and version ""), its quality figures and
 * place and score "".  A non-zero return of fn stops and is returned.
 */
typedef int (*store_review_each_fn)(void *ud,
    const struct store_review_row *w, char **cause);
int store_review_each(store *s, store_review_each_fn fn, void *ud,
    char **cause) KESU_WUR;

/* The median duration (seconds) of the records with a known duration
 * (finished ones: drafts have none), 0 when there is none. */
int store_review_median(store *s, double *median, char **cause) KESU_WUR;

#endif
