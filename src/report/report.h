/*
 * report.h - a whole report from the store: the records that count, their
 * design, and the estimate of the outcome overall and in each level of
 * each domain field (docs/architecture.md, "Reports").  `kesu report`
 * prints it; the review screen shows it.
 */
#ifndef KESU_REPORT_REPORT_H
#define KESU_REPORT_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "form/form.h"
#include "report/estimate.h"
#include "store/store.h"

/* Population totals of one field's levels, to rake the weights to. */
struct report_margin {
	char *field;
	size_t n;
	char **level;
	double *pop;
};

struct report_query {
	const char *outcome;                    /* a summary field */
	const char *strata, *cluster, *weight;  /* NULL: none */
	const char *const *by;                  /* domain fields; "a:b"
						   crosses a and b */
	size_t nby;
	enum report_ci ci;
	enum report_lonely lonely;
	const char *const *status;              /* NULL: the default */
	size_t nstatus;
	const struct report_margin *margin;
	size_t nmargin;
	const char *interviewer;                /* NULL: everyone's records
						   and the whole sample */
	const char *form_id;                    /* the records of every
						   version of this form only;
						   NULL: of every form */
	bool e_given;                           /* RR3's e is e, else the */
	double e;                               /* sample's estimate */
	bool weight_declared;   /* weight is the form's role, not asked for:
				   when no record has one, the estimates
				   are unweighted (info.unweighted) */
};

/*
 * rows[0] is the whole sample (by = level = "all"), then each by field's
 * levels in R's order.  The rows' names are the result's own.
 */
struct report_result {
	struct report_row *rows;
	size_t nrows;
	struct report_info info;
	size_t skipped;         /* left out: no value for a design field or
				   no weight > 0 */
	size_t noweight;        /* of which: no weight > 0 (info.noweight) */
	size_t missing;         /* in the design without a number for the
				   outcome (outside every domain) */
	bool unconverged;       /* raking stopped after 10 rounds */
	struct report_factor *domain;   /* [nby], the levels rows name */
	size_t ndomain;
	char ***parts;          /* [nrows] row i's level as the levels of
				   its by's fields, NULL-terminated ("cadre",
				   "m"); NULL for the overall row */
	char **labels;          /* [nrows] by report_label_rows() */
};

/*
 * Read the records of q's statuses and estimate.  The outcome, weight and
 * design fields must be different fields (KESU_EUSAGE); a field that no
 * stored form has is KESU_EDATA naming the nearest one; no record with a
 * value is KESU_EDATA; so is a stratum with one PSU under
 * REPORT_LONELY_FAIL.  out->skipped and out->missing are set even on
 * failure.  With a sample in the store, out->info has its response rates
 * (of q->interviewer's households when set).  *out is the caller's (report_result_clear()).
 */
int report_run(store *s, const struct report_query *q,
    struct report_result *out, char **cause) KESU_WUR;
void report_result_clear(struct report_result *r);

/*
 * Name each row's level for people (labels.c): the value of a select by
 * its choice's label in language lang of f (falling back as form_text()
 * does; a select_multiple's labels joined by "; "), any other value as it
 * is, a crossed level as its parts so named joined by " × " ("Cadres ×
 * Male"), the overall row as "all" in the UI language.  Sets each
 * rows[i].label (owned by r); f NULL names every value as it is.
 */
void report_label_rows(struct report_result *r, const form *f, int lang);

/*
 * The stored form key rebuilt from its source (roles.c); *out is the
 * caller's (form_free()).  report_form_current(): the form a report of
 * outcome reads, whose records it counts (report_query.form_id): the
 * newest form holding records that has a field named outcome (outcome
 * NULL: that declares kesu_outcome), else the newest form holding
 * records, else the newest form, *out NULL when there is none.
 * report_form_current_id(): the form_id of that form (every version of
 * it is the same survey), *id the caller's, NULL when there is none;
 * `kesu export` defaults to it too.
 */
int report_form_load(store *s, int64_t key, form **out, char **cause)
    KESU_WUR;
int report_form_current(store *s, const char *outcome, form **out,
    char **cause) KESU_WUR;
int report_form_current_id(store *s, const char *outcome, char **id,
    char **cause) KESU_WUR;

/* s as a finite number (all of it), or false. */
bool report_number(const char *s, double *x);

#endif
