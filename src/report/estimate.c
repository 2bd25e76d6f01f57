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
in_domain(const int *domain, int level, size_t i)
{
	return domain == NULL || domain[i] == level;
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

/* The variance from z, the PSU totals of the linearised values. */
static double
est_variance(const report_design *d, const double *z)
{
	double *zsum, *zsq, v = 0;
	size_t j, h;

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

		v += nh > 1 ? nh / (nh - 1) * zsq[h] : zsq[h];
	}
	free(zsum);
	free(zsq);
	return v;
}

/* PSUs minus strata among the domain's rows. */
static double
est_df(const report_design *d, const int *domain, int level)
{
	bool *psu, *str;
	size_t i, np = 0, ns = 0;

	psu = xcalloc(d->npsu, sizeof *psu);
	str = xcalloc(d->nstrata, sizeof *str);
	for (i = 0; i < d->n; i++) {
		if (!in_domain(domain, level, i))
			continue;
		if (!psu[d->psu[i]]) {
			psu[d->psu[i]] = true;
			np++;
		}
		if (!str[d->stratum[i]]) {
			str[d->stratum[i]] = true;
			ns++;
		}
	}
	free(psu);
	free(str);
	return (double)np - (double)ns;
}

static void
est_interval(struct report_estimate *e, bool proportion)
{
	double t, p = e->estimate, eta, s;

	e->ci_low = e->ci_high = NAN;
	if (!(e->df > 0) || isnan(e->se))
		return;
	t = report_t_quantile(0.975, e->df);
	if (!proportion) {
		e->ci_low = p - t * e->se;
		e->ci_high = p + t * e->se;
		return;
	}
	if (p <= 0 || p >= 1) {
		/* No logit; the interval shrinks to the point, where R's
		 * fit runs off to an infinite coefficient. */
		e->ci_low = e->ci_high = p;
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
		return;
	}
	eta = log(p / (1 - p));
	s = e->se / (p * (1 - p));
	e->ci_low = 1 / (1 + exp(-(eta - t * s)));
	e->ci_high = 1 / (1 + exp(-(eta + t * s)));
}

void
report_estimate_mean(const report_design *d, const double *y,
    const int *domain, int level, bool proportion,
    struct report_estimate *out)
{
	double W = 0, S = 0, m, *x, *z;
	size_t i, n = 0;

	memset(out, 0, sizeof *out);
	for (i = 0; i < d->n; i++) {
		if (!in_domain(domain, level, i))
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
			if (in_domain(domain, level, i))
				x[i] = (y[i] - m) * d->w[i] / W;
		est_rake_resid(d, x);
		for (i = 0; i < d->n; i++)
			z[d->psu[i]] += x[i];
		free(x);
	} else
		for (i = 0; i < d->n; i++)
			if (in_domain(domain, level, i))
				z[d->psu[i]] += (y[i] - m) * d->w[i] / W;
	out->estimate = m;
	out->se = sqrt(est_variance(d, z));
	out->df = est_df(d, domain, level);
	free(z);
	est_interval(out, proportion);
}
