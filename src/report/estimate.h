/*
 * estimate.h - design-based estimates: the weighted mean (a proportion
 * for a 0/1 outcome) of a design's rows or of a domain, its standard
 * error by Taylor linearisation and its 95% interval, as R's survey
 * package computes them (svymean, svyby, svyciprop(method = "logit")).
 */
#ifndef KESU_REPORT_ESTIMATE_H
#define KESU_REPORT_ESTIMATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "report/design.h"
#include "survey/rates.h"

/* Why a domain has no interval (REPORT_NOCI_NONE: it has one). */
enum report_noci {
	REPORT_NOCI_NONE,
	REPORT_NOCI_DF,         /* its rows lie in one PSU per stratum, or
				   df 1 gives R's logit 0 to NaN */
	REPORT_NOCI_VARIANCE,   /* no variance (all 0 or all 1): beta and
				   logit have no effective sample size */
	REPORT_NOCI_LONELY,     /* "average" with every stratum lonely */
};

struct report_estimate {
	size_t n;           /* rows in the domain */
	double weighted_n;  /* their weights' sum */
	double estimate;
	double se;
	double df;          /* PSUs minus strata, among the domain's rows */
	double ci_low;      /* NaN when there is none (why says why) */
	double ci_high;
	enum report_noci why;
};

/* The interval: svyciprop(method = "logit") or "beta" (Korn and
 * Graubard's); means always have estimate +- t se. */
enum report_ci { REPORT_CI_LOGIT, REPORT_CI_BETA };

/* A stratum with a single PSU, as R's options(survey.lonely.psu = ...):
 * "adjust" centres it at the grand mean; "average" gives it the average
 * variance of the other strata; "remove" and "certainty" give it none
 * (in a one-stage design the two are the same); "fail" refuses (the
 * caller refuses, see report_design_lonely()). */
enum report_lonely {
	REPORT_LONELY_ADJUST, REPORT_LONELY_AVERAGE, REPORT_LONELY_REMOVE,
	REPORT_LONELY_CERTAINTY, REPORT_LONELY_FAIL,
};

/* The names above as options spell them ("adjust", "beta", ...), and
 * back: -1 for an unknown name. */
const char *report_lonely_name(enum report_lonely m);
int report_lonely_parse(const char *s);
const char *report_ci_name(enum report_ci m);
int report_ci_parse(const char *s);

struct report_method {
	bool proportion;        /* y is 0/1 */
	enum report_ci ci;
	enum report_lonely lonely;
};

/*
 * Estimate the mean of y (one value per row of d; NaN: no value) over
 * the rows whose domain[i] == level (domain NULL: every row) and that
 * have a value: a missing value is one more domain condition, as
 * svymean(na.rm = TRUE) makes it, and the design keeps every row.  For a
 * proportion the interval is on the logit scale,
 *	expit(logit(p) +- t(0.975, df) * se / (p (1 - p))),
 * or Korn and Graubard's beta interval; for a mean it is
 * estimate +- t(0.975, df) * se.  The SE is over the whole design (a
 * domain is not a subset of PSUs): PSU totals of the linearised values,
 * with replacement within strata; a stratum with a single PSU as
 * how->lonely says.  On a raked design the linearised values are first
 * made residuals of the raking margins, as survey's svyrecvar() does.
 * A domain with no rows gives n = 0 and NaN elsewhere.
 */
void report_estimate_mean(const report_design *d, const double *y,
    const int *domain, int level, const struct report_method *how,
    struct report_estimate *out);

/* Student's t: P(T > t) with df degrees of freedom (to 1e-12 relative
 * up to df = 1000, 1e-10 beyond), and the p-quantile (to 1e-13; NaN when
 * df <= 0 or p is outside [0, 1]). */
double report_t_upper(double t, double df);
double report_t_quantile(double p, double df);
/* The beta distribution's p-quantile (qbeta(p, a, b); a = 0 is a point
 * mass at 0, b = 0 at 1; NaN for NaN or negative shapes). */
double report_beta_quantile(double p, double a, double b);

/* One line of a report: the domain (by = "all", level = "all" for the
 * whole sample) and its estimate. */
struct report_row {
	const char *by;
	const char *level;
	const char *label;      /* the level as the table names it; NULL:
				   level (report_label_rows()) */
	struct report_estimate e;
};

/*
 * Print rows (estimate_print.c).  csv: the header
 * by,level,n,weighted_n,estimate,se,ci_low,ci_high,ci_method,lonely_psu,
 * lonely_strata,no_ci and one line per row, numbers with 15 significant
 * digits, NA where there is none, no_ci saying why a row has no interval
 * (no_df, no_variance, all_strata_lonely); with a sample, the columns
 * households,I,P,R,NC,O,UH,UO,NE,rr1,rr3,coop1,ref1,con1,e follow (the
 * same on every row).  json: an object with the report's metadata,
 * "response_rates" (an object with those names and e_estimated, or null
 * without a sample) and "estimates", an array of objects with the names
 * of the CSV's columns (null for none).  table: a
 * heading naming the outcome, the design, the strata with a single PSU
 * and what was done about them, then one aligned line per
 * row (the level by its label when the row has one) with a bar chart:
 * blocks up to the interval's lower end and a
 * whisker over the interval, the estimate marked (proportions on a 0 to
 * 100% axis, means from 0 or the lowest value to the highest).  width
 * 0: every column and a chart of 30 cells; width > 0: the table fits
 * width columns (for a screen): no weighted N or SE columns, and the
 * chart takes what is left (at least 10 cells).  Under the table, with
 * a sample, a line of its response rates and one of its counts.
 */
struct report_info {
	const char *outcome;
	bool proportion;
	bool raked;
	size_t nstrata, npsu;
	double df;
	size_t nlonely;             /* strata with a single PSU */
	enum report_lonely lonely;  /* and what was done about them */
	enum report_ci ci;
	size_t missing;             /* records without the outcome */
	size_t households;          /* in the sample; 0: no sample */
	struct survey_rates rates;  /* its AAPOR rates (households > 0) */
	const char *weight;         /* the weight field, NULL: none */
	const char *weight_declared; /* the form's, when unweighted */
	size_t noweight;            /* records left out for want of a weight */
	bool unweighted;            /* weight declared, but on no record */
};
void report_print_csv(FILE *f, const struct report_info *info,
    const struct report_row *rows, size_t n);
void report_print_json(FILE *f, const struct report_info *info,
    const struct report_row *rows, size_t n);
void report_print_table(FILE *f, const struct report_info *info,
    const struct report_row *rows, size_t n, int width);

#endif
