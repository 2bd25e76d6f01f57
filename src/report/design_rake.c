/*
 * design_rake.c - raking a design's weights to population margins, the
 * way survey::rake() does with its default control (maxit = 10,
 * epsilon = 1): each round post-stratifies on every margin in turn
 * (weights times population / weighted sample total of the row's level);
 * after a round the weighted table crossing all margins is compared with
 * the one before it, and raking stops when no cell moved by 1 or more.
 * The last round's steps are kept (codes and the weights after each
 * step): estimate.c makes linearised values residuals of them, as
 * svyrecvar() does for a raked design.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report/design_int.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define RAKE_MAXIT 10
#define RAKE_EPSILON 1.0
#define RAKE_MAXCELLS ((size_t)1 << 22)

/* The weighted cross-table of all margins into tab[cells]. */
static void
rake_table(const report_design *d, const size_t *cell, double *tab,
    size_t ncells)
{
	size_t i;

	memset(tab, 0, ncells * sizeof *tab);
	for (i = 0; i < d->n; i++)
		tab[cell[i]] += d->w[i];
}

/* Check margin k's levels against its population before raking. */
static int
rake_check(const report_design *d, const struct report_factor *m,
    const double *pop, const char *field, char **cause)
{
	size_t i, l;

	for (i = 0; i < d->n; i++)
		if (m->code[i] < 0)
			return kesu_fail(cause, KESU_EDATA, _("raking on %s: "
			    "a record has no value"), field);
	for (l = 0; l < m->nlevels; l++)
		if (!(pop[l] > 0) || !isfinite(pop[l]))
			return kesu_fail(cause, KESU_EDATA, _("raking on %s: "
			    "records have level '%s', which has no population "
			    "total"), field, m->levels[l]);
	return 0;
}

int
report_design_rake(report_design *d, size_t nmargins,
    const struct report_factor *margin, const double *const *pop,
    const char *const *field, bool *converged, char **cause)
{
	size_t *cell = NULL, ncells = 1, i, k, l;
	double *old = NULL, *cur = NULL, *tot = NULL, delta;
	size_t maxlev = 1;
	int iter, rc = 0;

	*converged = false;
	if (nmargins == 0)
		return 0;
	for (k = 0; k < nmargins; k++) {
		if ((rc = rake_check(d, &margin[k], pop[k], field[k],
		    cause)) != 0)
			return rc;
		if (margin[k].nlevels > maxlev)
			maxlev = margin[k].nlevels;
		if (ncells > RAKE_MAXCELLS / (margin[k].nlevels + 1))
			return kesu_fail(cause, KESU_EDATA, _("raking: the "
			    "margins cross into too many cells"));
		ncells *= margin[k].nlevels;
	}
	cell = xcalloc(d->n, sizeof *cell);
	for (i = 0; i < d->n; i++)
		for (k = 0; k < nmargins; k++)
			cell[i] = cell[i] * margin[k].nlevels +
			    (size_t)margin[k].code[i];
	old = xcalloc(ncells, sizeof *old);
	cur = xcalloc(ncells, sizeof *cur);
	tot = xcalloc(maxlev, sizeof *tot);
	d->nrake = nmargins;
	d->rake_code = xcalloc(nmargins, sizeof *d->rake_code);
	d->rake_w = xcalloc(nmargins, sizeof *d->rake_w);
	d->rake_nlevels = xcalloc(nmargins, sizeof *d->rake_nlevels);
	for (k = 0; k < nmargins; k++) {
		d->rake_code[k] = xcalloc(d->n, sizeof *d->rake_code[k]);
		memcpy(d->rake_code[k], margin[k].code,
		    d->n * sizeof *margin[k].code);
		d->rake_w[k] = xcalloc(d->n, sizeof *d->rake_w[k]);
		d->rake_nlevels[k] = margin[k].nlevels;
	}
	rake_table(d, cell, old, ncells);
	for (iter = 0; iter < RAKE_MAXIT; ) {
		for (k = 0; k < nmargins; k++) {
			const int *c = margin[k].code;

			memset(tot, 0, maxlev * sizeof *tot);
			for (i = 0; i < d->n; i++)
				tot[c[i]] += d->w[i];
			for (l = 0; l < margin[k].nlevels; l++)
				tot[l] = pop[k][l] / tot[l];
			for (i = 0; i < d->n; i++) {
				d->w[i] *= tot[c[i]];
				d->rake_w[k][i] = d->w[i];
			}
		}
		rake_table(d, cell, cur, ncells);
		delta = 0;
		for (l = 0; l < ncells; l++)
			if (fabs(old[l] - cur[l]) > delta)
				delta = fabs(old[l] - cur[l]);
		if (delta < RAKE_EPSILON) {
			*converged = true;
			break;
		}
		memcpy(old, cur, ncells * sizeof *old);
		iter++;
	}
	free(cell);
	free(old);
	free(cur);
	free(tot);
	return 0;
}
