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

struct report_estimate {
	size_t n;           /* rows in the domain */
	double weighted_n;  /* their weights' sum */
	double estimate;
	double se;
	double df;          /* PSUs minus strata, among the domain's rows */
	double ci_low;      /* NaN when df < 1 */
	double ci_high;
};

/*
 * Estimate the mean of y (one value per row of d) over the rows whose
 * domain[i] == level (domain NULL: every row).  proportion: y is 0/1 and
 * the interval is on the logit scale,
 *	expit(logit(p) +- t(0.975, df) * se / (p (1 - p))),
 * else it is estimate +- t(0.975, df) * se.  The SE is over the whole
 * design (a domain is not a subset of PSUs): PSU totals of the
 * linearised values, with replacement within strata; a stratum with a
 * single PSU contributes its total's square (survey.lonely.psu =
 * "adjust").  On a raked design the linearised values are first made
 * residuals of the raking margins, as survey's svyrecvar() does.
 * A domain with no rows gives n = 0 and NaN elsewhere.
 */
void report_estimate_mean(const report_design *d, const double *y,
    const int *domain, int level, bool proportion,
    struct report_estimate *out);

/* Student's t: P(T > t) with df degrees of freedom (to 1e-12 relative
 * up to df = 1000, 1e-10 beyond), and the p-quantile (to 1e-13; NaN when
 * df <= 0 or p is outside [0, 1]). */
double report_t_upper(double t, double df);
double report_t_quantile(double p, double df);

/* One line of a report: the domain (by = "all", level = "all" for the
 * whole sample) and its estimate. */
struct report_row {
	const char *by;
	const char *level;
	struct report_estimate e;
};

/*
 * Print rows (estimate_print.c).  csv: the header
 * by,level,n,weighted_n,estimate,se,ci_low,ci_high and one line per row,
 * numbers with 15 significant digits, NA where there is none; json: an
 * array of objects with the same names (null for none).  table: a
 * heading naming the outcome and the design, then one aligned line per
 * row with a bar chart: blocks up to the interval's lower end and a
 * whisker over the interval, the estimate marked (proportions on a 0 to
 * 100% axis, means from 0 or the lowest value to the highest).  width
 * 0: every column and a chart of 30 cells; width > 0: the table fits
 * width columns (for a screen): no weighted N or SE columns, and the
 * chart takes what is left (at least 10 cells).
 */
struct report_info {
	const char *outcome;
	bool proportion;
	bool raked;
	size_t nstrata, npsu;
	double df;
};
void report_print_csv(FILE *f, const struct report_row *rows, size_t n);
void report_print_json(FILE *f, const struct report_row *rows, size_t n);
void report_print_table(FILE *f, const struct report_info *info,
    const struct report_row *rows, size_t n, int width);

#endif
