/*
 * review.h - what the supervisor's review works with, apart from any
 * screen: the forms of stored records (loaded from the store, so records
 * stay readable when the form file changes), their answers, their
 * quality flags against the laptop's median duration, and a summary per
 * interviewer.
 *
 * A review handle holds the store (not owned), the options and a cache of
 * loaded forms; it must not outlive the store.
 */
#ifndef KESU_REVIEW_H
#define KESU_REVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "review/quality.h"
#include "store/values.h"
#include "store/review.h"
#include "store/store.h"

typedef struct review review;

/* o is copied (its dk_name must outlive the handle).  Opening computes
 * the quality figures of records whose XML was written since they were
 * last computed (all of them, once, after the upgrade that added them),
 * and keeps them in the store; a store it cannot write to leaves them to
 * be computed from the XML as each record is shown. */
int review_open(store *s, const struct quality_opts *o, review **out,
    char **cause) KESU_WUR;
void review_close(review **rv);
store *review_store(const review *rv);
const struct quality_opts *review_opts(const review *rv);
/* The median duration the speeding flag compares with (seconds, 0 when
 * no finished record has one). */
double review_median(const review *rv);

/* The form of form key, loaded once from the store; owned by rv. */
int review_form(review *rv, int64_t form_key, const form **f,
    char **cause) KESU_WUR;

/* The answers of record r: a finished record's from its XML, a draft's
 * as saved.  *v is the caller's. */
int review_record_values(review *rv, const struct store_record *r,
    store_values **v, char **cause) KESU_WUR;

/* The quality flags of record r (0 for a draft) and, when facts is not
 * NULL, what they were computed from. */
int review_record_flags(review *rv, const struct store_record *r,
    unsigned *flags, struct quality_facts *facts, char **cause) KESU_WUR;

/* The same for a row of the review list: from the row's kept figures
 * when it has them (and o's dk_name is QUALITY_DK_NAME), else from its
 * XML, as review_record_flags().  The results are the same. */
int review_row_flags(review *rv, const struct store_review_row *w,
    unsigned *flags, struct quality_facts *facts, char **cause) KESU_WUR;

/* DATE (YYYY-MM-DD, midnight in the clock's offset; as the end of a
 * range, the end of that day) or an ISO 8601 time -> epoch seconds.
 * 0, or -1 when it is neither. */
int review_parse_time(const char *s, bool end, double *t);

/* A text of form f (a label; texts as form_text() takes them) in
 * language lang with each ${name} filled from a record's values v, as
 * the interview showed it (form_fill(); v NULL: every reference empty).
 * NULL when the form has no such text.  Caller frees. */
char *review_text(const form *f, const char *const *texts, int lang,
    const store_values *v);
/* The value of field name in form f as form_value_label() words it in
 * language lang: a choice's label, a select_multiple's labels joined by
 * "; ", a rank's numbered in order; value itself for any other field.
 * ${name} in the labels is filled from v (review_text()).  Caller frees. */
char *review_choice_labels(const form *f, const char *name,
    const char *value, int lang, const store_values *v);

/* The statuses, in the order review_person.count holds them. */
#define REVIEW_NSTATUS 5
extern const char *const review_statuses[REVIEW_NSTATUS];

struct review_person {
	char *interviewer;
	size_t count[REVIEW_NSTATUS];   /* records by status */
	size_t finished;                /* records that are not drafts */
	double median;                  /* of their known durations, s */
	size_t flagged;                 /* finished records with a flag */
	size_t flag_count[QUALITY_NFLAGS];
	size_t dk, dk_offered;          /* "don't know" answers, of */
};

/* One row per interviewer, by name.  *out is the caller's
 * (review_summary_free()). */
int review_summary(review *rv, struct review_person **out, size_t *n,
    char **cause) KESU_WUR;
void review_summary_free(struct review_person *p, size_t n);

#endif
