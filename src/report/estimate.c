/*
 * estimate.c - the weighted mean of a domain, its linearisation variance
 * under the stratified cluster design, and its 95% interval.
 *
 * For a domain D with weights w and W = sum of w over D, the estimate is
 * m = sum(w y) / W and the linearised value of row i is
 * x_i = w_i (y_i - m) / W inside D, 0 outside it: the domain stays part of
 * the whole design, so PSUs with no row of D count (with total 0), as in
 * survey's svyby(..., svymean).  On a raked design each x is then, ten
 * times over the margins of raking's last round, reduced by its
 * post-stratum mean of x / w' times w' (w' the weights after that step),
 * which is what svyrecvar() does for a "raking" postStrata entry.  The
 * variance adds, per stratum with n_h > 1 PSUs,
 *	n_h / (n_h - 1) * sum_j (z_hj - mean_h z)^2
 * over the PSU totals z_hj, and for a stratum with one PSU its total's
 * square (centred at the grand mean, 0: survey.lonely.psu = "adjust").
 * The interval for a proportion is svyciprop(method = "logit")'s: a Wald
 * interval for logit(p), whose SE is se / (p (1 - p)), with t quantiles
 * on the design's degrees of freedom among the domain's rows (degf() of
 * the subset: PSUs minus strata that hold a row of D).  With one degree
 * of freedom R's interval is (0, NA) - see est_interval().
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/design_int.h"
#include "report/estimate.h"
#include "util/xalloc.h"

#define RAKE_ROUNDS 10 /* svyrecvar's fixed number of passes */

static bool
in_domain(const int *domain, int level, const double *y, size_t i)
{
	return (domain == NULL || domain[i] == level) && !isnan(y[i]);
}

static const char *const lonely_names[] = {
	[REPORT_LONELY_ADJUST] = "adjust",
	[REPORT_LONELY_AVERAGE] = "average",
	[REPORT_LONELY_REMOVE] = "remove",
	[REPORT_LONELY_CERTAINTY] = "certainty",
	[REPORT_LONELY_FAIL] = "fail",
};

static const char *const ci_names[] = {
	[REPORT_CI_LOGIT] = "logit",
	[REPORT_CI_BETA] = "beta",
};

const char *
report_lonely_name(enum report_lonely m)
{
	return lonely_names[m];
}

int
report_lonely_parse(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof lonely_names / sizeof lonely_names[0]; i++)
		if (strcmp(s, lonely_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *
report_ci_name(enum report_ci m)
{
	return ci_names[m];
}

int
report_ci_parse(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof ci_names / sizeof ci_names[0]; i++)
		if (strcmp(s, ci_names[i]) == 0)
			return (int)i;
	return -1;
}

/* Make x residuals of raking's post-strata (svyrecvar, "raking"). */
static void
est_rake_resid(const report_design *d, double *x)
{
	double *sum;
	size_t *cnt, maxlev = 1, i, k, l;
	int round;

	for (k = 0; k < d->nrake; k++)
		if (d->rake_nlevels[k] > maxlev)
			maxlev = d->rake_nlevels[k];
	sum = xcalloc(maxlev, sizeof *sum);
	cnt = xcalloc(maxlev, sizeof *cnt);
	for (round = 0; round < RAKE_ROUNDS; round++) {
		for (k = 0; k < d->nrake; k++) {
			const int *c = d->rake_code[k];
			const double *pw = d->rake_w[k];

			memset(sum, 0, maxlev * sizeof *sum);
			memset(cnt, 0, maxlev * sizeof *cnt);
			for (i = 0; i < d->n; i++) {
				sum[c[i]] += x[i] / pw[i];
				cnt[c[i]]++;
			}
			for (l = 0; l < d->rake_nlevels[k]; l++)
				if (cnt[l] > 0)
					sum[l] /= (double)cnt[l];
			for (i = 0; i < d->n; i++)
				x[i] -= pw[i] * sum[c[i]];
		}
	}
	free(sum);
	free(cnt);
}

/*
 * The variance from z, the PSU totals of the linearised values; has[h]
 * says whether stratum h holds a row of the domain.  NaN when "average"
 * finds no stratum with more than one PSU.
 */
static double
est_variance(const report_design *d, const double *z, const bool *has,
    enum report_lonely lonely)
{
	double *zsum, *zsq, v = 0;
	size_t j, h, nstrat = 0, nok = 0;

	zsum = xcalloc(d->nstrata, sizeof *zsum);
	zsq = xcalloc(d->nstrata, sizeof *zsq);
	for (j = 0; j < d->npsu; j++)
		zsum[d->psu_stratum[j]] += z[j];
	for (j = 0; j < d->npsu; j++) {
		double nh = (double)d->stratum_npsu[d->psu_stratum[j]];
		double dev = nh > 1 ? z[j] - zsum[d->psu_stratum[j]] / nh :
		    z[j];

		zsq[d->psu_stratum[j]] += dev * dev;
	}
	for (h = 0; h < d->nstrata; h++) {
		double nh = (double)d->stratum_npsu[h];

		if (d->nrake > 0 || has[h]) {
			nstrat++;
			nok += nh > 1;
		}
		if (nh > 1)
			v += nh / (nh - 1) * zsq[h];
		else if (lonely == REPORT_LONELY_ADJUST)
			v += zsq[h];
	}
	if (lonely == REPORT_LONELY_AVERAGE)
		v = nok > 0 ? v * (double)nstrat / (double)nok : NAN;
	free(zsum);
	free(zsq);
	return v;
}

/* PSUs minus strata among the domain's rows; has[h] set for the strata
 * that hold one. */
static double
est_df(const report_design *d, const int *domain, int level,
    const double *y, bool *has)
{
	bool *psu;
	size_t i, np = 0, ns = 0;

	psu = xcalloc(d->npsu, sizeof *psu);
	for (i = 0; i < d->n; i++) {
		if (!in_domain(domain, level, y, i))
			continue;
		if (!psu[d->psu[i]]) {
			psu[d->psu[i]] = true;
			np++;
		}
		if (!has[d->stratum[i]]) {
			has[d->stratum[i]] = true;
			ns++;
		}
	}
	free(psu);
	return (double)np - (double)ns;
}

/*
 * Korn and Graubard's interval, as svyciprop(method = "beta"): the
 * effective sample size n' = p (1 - p) / se^2 times (t(0.025, rows - 1) /
 * t(0.025, df))^2, then the beta quantiles (0.025; n' p, n' (1 - p) + 1)
 * and (0.975; n' p + 1, n' (1 - p)).  rows is nrow() of R's subset: the
 * domain's rows, or every row of a raked design (its subsets keep them).
 */
static void
est_beta(struct report_estimate *e, double rows)
{
	double p = e->estimate, neff, rat;

	if (!(e->se > 0)) {
		e->why = REPORT_NOCI_VARIANCE;
		return;
	}
	neff = p * (1 - p) / (e->se * e->se);
	rat = report_t_quantile(0.025, rows - 1) /
	    report_t_quantile(0.025, e->df);
	neff *= rat * rat;
	e->ci_low = report_beta_quantile(0.025, neff * p, neff * (1 - p) + 1);
	e->ci_high = report_beta_quantile(0.975, neff * p + 1, neff * (1 - p));
	if (isnan(e->ci_low) || isnan(e->ci_high)) {
		e->ci_low = e->ci_high = NAN;
		e->why = REPORT_NOCI_VARIANCE;
	}
}

static void
est_interval(struct report_estimate *e, const struct report_method *how,
    double rows)
{
	double t, p = e->estimate, eta, s;

	e->ci_low = e->ci_high = NAN;
	e->why = REPORT_NOCI_NONE;
	if (!(e->df > 0)) {
		e->why = REPORT_NOCI_DF;
		return;
	}
	if (isnan(e->se)) {
		e->why = REPORT_NOCI_LONELY;
		return;
	}
	if (how->proportion && how->ci == REPORT_CI_BETA) {
		est_beta(e, rows);
		return;
	}
	t = report_t_quantile(0.975, e->df);
	if (!how->proportion) {
		e->ci_low = p - t * e->se;
		e->ci_high = p + t * e->se;
		return;
	}
	if (1.0 - 2.0 * (0.5 * erfc(t / M_SQRT2)) == 1.0) {
		/* svyciprop's Wald interval passes through the normal
		 * scale: level' = 1 - 2 pnorm(-t), z = qnorm((1 + level') /
		 * 2), which is t except when level' rounds to 1 (t > 8.3,
		 * i.e. df = 1): then z is infinite and R's expit() gives 0
		 * and NaN.  Reported as R reports it. */
		e->ci_low = 0;
		e->ci_high = NAN;
		e->why = REPORT_NOCI_DF;
		return;
	}
	if (p <= 0 || p >= 1) {
		/* No logit; the interval shrinks to the point, where R's
		 * fit runs off to an infinite coefficient. */
		e->ci_low = e->ci_high = p;
		return;
	}
	eta = log(p / (1 - p));
	s = e->se / (p * (1 - p));
	e->ci_low = 1 / (1 + exp(-(eta - t * s)));
	e->ci_high = 1 / (1 + exp(-(eta + t * s)));
}

void
report_estimate_mean(const report_design *d, const double *y,
    const int *domain, int level, const struct report_method *how,
    struct report_estimate *out)
{
	double W = 0, S = 0, m, *x, *z;
	size_t i, n = 0;
	bool *has;

	memset(out, 0, sizeof *out);
	for (i = 0; i < d->n; i++) {
		if (!in_domain(domain, level, y, i))
			continue;
		W += d->w[i];
		S += d->w[i] * y[i];
		n++;
	}
	out->n = n;
	out->weighted_n = W;
	if (n == 0) {
		out->estimate = out->se = out->df = NAN;
		out->ci_low = out->ci_high = NAN;
		return;
	}
	m = S / W;
	z = xcalloc(d->npsu, sizeof *z);
	if (d->nrake > 0) {
		/* Residuals need every row's value at once. */
		x = xcalloc(d->n, sizeof *x);
		for (i = 0; i < d->n; i++)
			if (in_domain(domain, level, y, i))
				x[i] = (y[i] - m) * d->w[i] / W;
		est_rake_resid(d, x);
		for (i = 0; i < d->n; i++)
			z[d->psu[i]] += x[i];
		free(x);
	} else
		for (i = 0; i < d->n; i++)
			if (in_domain(domain, level, y, i))
				z[d->psu[i]] += (y[i] - m) * d->w[i] / W;
	has = xcalloc(d->nstrata, sizeof *has);
	out->estimate = m;
	out->df = est_df(d, domain, level, y, has);
	out->se = sqrt(est_variance(d, z, has, how->lonely));
	free(z);
	free(has);
	est_interval(out, how, d->nrake > 0 ? (double)d->n : (double)n);
}
