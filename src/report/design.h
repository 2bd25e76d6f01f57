/*
 * design.h - a survey sample in memory and its design: strata, primary
 * sampling units (PSUs) nested in strata, weights, and optionally the
 * raking that calibrated the weights to population margins.
 *
 * The design is what R's survey package builds with
 *	svydesign(ids = ~psu, strata = ~stratum, weights = ~w, nest = TRUE)
 * and, with margins, rake(design, ...): PSUs drawn with replacement, no
 * finite-population correction.  Estimates on it are in estimate.h.
 */
#ifndef KESU_REPORT_DESIGN_H
#define KESU_REPORT_DESIGN_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

/*
 * A categorical column: code[i] is row i's level (0..nlevels-1), -1 when
 * the row has no value.  Levels are sorted as R sorts a factor's levels
 * for these values: numerically when every value is a number, else by
 * bytes.  The struct and its arrays are the caller's
 * (report_factor_clear()).
 */
struct report_factor {
	size_t n;
	size_t nlevels;
	int *code;
	char **levels;
};

/* Build f from n strings ("" is no value). */
void report_factor_build(struct report_factor *f, const char *const *v,
    size_t n);
/*
 * The crossing of np factors over the same rows (R's interaction, a:b):
 * a row's level is its levels joined by ':' ("cadre:m"), -1 when any part
 * has none; levels in order of the first factor, then the second, ...,
 * the combinations no row has left out.
 */
void report_factor_cross(struct report_factor *f,
    const struct report_factor *part, size_t np);
/* The level named s, or -1. */
int report_factor_find(const struct report_factor *f, const char *s);
void report_factor_clear(struct report_factor *f);

typedef struct report_design report_design;

/*
 * A design over n rows: strata (NULL: one stratum), psu (NULL: each row
 * its own PSU; a PSU is identified within its stratum) and weights (NULL:
 * all 1).  Every row must have a stratum, a PSU and a weight > 0 (the
 * caller leaves out rows without them): KESU_EDATA otherwise.  The
 * arrays are copied; *out is the caller's (report_design_free()).
 */
int report_design_new(size_t n, const struct report_factor *strata,
    const struct report_factor *psu, const double *w, report_design **out,
    char **cause) KESU_WUR;
void report_design_free(report_design **d);

/*
 * Rake the weights to population margins, as survey::rake() does with
 * its defaults: rounds of post-stratification on each margin in turn,
 * until the weighted cross-table of all margins moves by less than 1
 * between rounds, at most 10 rounds (*converged false then).  margin[k]
 * is a factor over the design's rows and pop[k][level] its population
 * total.  A level with a population but no rows, or with rows but no
 * population, is KESU_EDATA naming field[k] and the level.
 */
int report_design_rake(report_design *d, size_t nmargins,
    const struct report_factor *margin, const double *const *pop,
    const char *const *field, bool *converged, char **cause) KESU_WUR;

size_t report_design_rows(const report_design *d);
size_t report_design_strata(const report_design *d);
size_t report_design_psus(const report_design *d);
/* How many strata have a single PSU; *first is the first of them (its
 * index among the strata's levels) when there is one. */
size_t report_design_lonely(const report_design *d, size_t *first);
/* The weight of row i (after raking). */
double report_design_weight(const report_design *d, size_t i);

#endif
