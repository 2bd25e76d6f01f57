/*
 * estimate_t.c - Student's t distribution: the upper tail and the
 * quantile that 95% intervals need with a design's degrees of freedom.
 *
 * The tail is the regularized incomplete beta function,
 *	P(T > t) = I_x(df/2, 1/2) / 2,  x = df / (df + t^2),  t >= 0,
 * evaluated by its continued fraction (modified Lentz), on whichever
 * side of the symmetry I_x(a,b) = 1 - I_{1-x}(b,a) converges fast, with
 * 1 - x computed as t^2 / (df + t^2) so nothing cancels.  The quantile
 * solves P(T > t) = q by Newton's method on t inside a bracket that
 * bisection keeps (so it cannot run away), to about 1e-15 relative:
 * far below the 1e-6 that intervals are compared at.  The same continued
 * fraction gives the beta distribution, whose quantiles Korn and
 * Graubard's interval needs (found by bisection: the distribution
 * function is monotone, and a few hundred domains need no speed).  No
 * library in the
 * project's set (SQLite, zlib, ...) has it; GSL would, for this one
 * function.
 */
#include <float.h>
#include <math.h>

#include "report/estimate.h"

/*
 * log(Gamma(a + 1/2) / Gamma(a)).  For large a the two lgamma() values
 * are huge and nearly equal, so their difference loses digits (1e-9 at
 * df = 1e6); there the asymptotic series is used, accurate to 1e-14
 * from a = 20 on.
 */
static double
t_lratio(double a)
{
	double r = 1 / a, r2 = r * r;

	if (a < 20)
		return lgamma(a + 0.5) - lgamma(a);
	return 0.5 * log(a) - r / 8 + r * r2 / 192 - r * r2 * r2 / 640 +
	    17 * r * r2 * r2 * r2 / 14336;
}

/* Continued fraction of I_x(a,b) (without the front factor). */
static double
t_betacf(double a, double b, double x, double y)
{
	const double tiny = 1e-300;
	double c = 1, d, h, num;
	int m;

	/* 1 - (a + b) x / (a + 1), without the cancellation near x = 1 */
	d = ((a + 1) * y + (1 - b) * x) / (a + 1);
	if (fabs(d) < tiny)
		d = tiny;
	d = 1 / d;
	h = d;
	for (m = 1; m <= 10000; m++) {
		double m2 = 2.0 * m, del;

		num = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
		d = 1 + num * d;
		if (fabs(d) < tiny)
			d = tiny;
		c = 1 + num / c;
		if (fabs(c) < tiny)
			c = tiny;
		d = 1 / d;
		h *= d * c;
		num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
		d = 1 + num * d;
		if (fabs(d) < tiny)
			d = tiny;
		c = 1 + num / c;
		if (fabs(c) < tiny)
			c = tiny;
		d = 1 / d;
		del = d * c;
		h *= del;
		if (fabs(del - 1) < 4 * DBL_EPSILON)
			break;
	}
	return h;
}

/* I_x(a,b) for b = 1/2, given x and y = 1 - x and their logarithms, all
 * computed without cancellation (a log x is large when a is). */
static double
t_ibeta(double a, double b, double x, double y, double lx, double ly)
{
	double lf;

	if (x <= 0)
		return 0;
	if (y <= 0)
		return 1;
	lf = t_lratio(a) - lgamma(b) + a * lx + b * ly;
	if (x < (a + 1) / (a + b + 2))
		return exp(lf) * t_betacf(a, b, x, y) / a;
	return 1 - exp(lf) * t_betacf(b, a, y, x) / b;
}

double
report_t_upper(double t, double df)
{
	double t2, x, y, tail;

	if (isnan(t) || !(df > 0))
		return NAN;
	if (isinf(t))
		return t > 0 ? 0 : 1;
	t2 = t * t;
	x = df / (df + t2);
	y = t2 / (df + t2);
	tail = 0.5 * t_ibeta(df / 2, 0.5, x, y, -log1p(t2 / df),
	    log(t2) - log(df + t2));
	return t >= 0 ? tail : 1 - tail;
}

/* The density of t at t. */
static double
t_pdf(double t, double df)
{
	return exp(t_lratio(df / 2) - 0.5 * log(df * M_PI) - (df + 1) / 2 * log1p(t * t / df));
}

/* The standard normal's upper q-quantile, q in (0, 1/2]: Newton's
 * method on erfc(), which libm gives to about an ulp. */
static double
t_znorm(double q)
{
	double z = sqrt(-2 * log(q)), step;
	int i;

	z -= (2.515517 + z * (0.802853 + z * 0.010328)) /
	    (1 + z * (1.432788 + z * (0.189269 + z * 0.001308)));
	for (i = 0; i < 50; i++) {
		step = (0.5 * erfc(z / M_SQRT2) - q) /
		    (exp(-z * z / 2) / sqrt(2 * M_PI));
		z += step;
		if (fabs(step) <= 2 * DBL_EPSILON * z)
			break;
	}
	return z;
}

/*
 * For many degrees of freedom the continued fraction loses digits near
 * x = 1 (3e-11 at df = 1e6); there the quantile is the normal one
 * corrected in powers of 1/df (Abramowitz and Stegun 26.7.5), whose
 * first omitted term is below 1e-16 from df = 2000 on.
 */
static double
t_quantile_large(double q, double df)
{
	double z = t_znorm(q), z2 = z * z;
	double g1 = (z2 + 1) * z / 4;
	double g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
	double g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
	double g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) *
	    z / 92160;

	return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
}

double
report_t_quantile(double p, double df)
{
	double q, lo = 0, hi = 1, t;
	int i;

	if (isnan(p) || !(df > 0) || p < 0 || p > 1)
		return NAN;
	if (p == 0.5)
		return 0;
	if (p < 0.5)
		return -report_t_quantile(1 - p, df);
	if (p == 1)
		return INFINITY;
	q = 1 - p;      /* the upper tail wanted */
	if (df >= 2000)
		return t_quantile_large(q, df);
	while (report_t_upper(hi, df) > q) {
		lo = hi;
		hi *= 2;
		if (hi > 1e300)
			return INFINITY;
	}
	t = (lo + hi) / 2;
	for (i = 0; i < 400; i++) {
		double f = report_t_upper(t, df) - q, nt;

		if (f == 0)
			break;
		if (f > 0)
			lo = t;     /* tail too big: t too small */
		else
			hi = t;
		/* d/dt P(T > t) = -pdf(t) */
		nt = t + f / t_pdf(t, df);
		if (!(nt > lo && nt < hi))
			nt = (lo + hi) / 2;
		if (fabs(nt - t) <= 2 * DBL_EPSILON * fabs(nt)) {
			t = nt;
			break;
		}
		t = nt;
	}
	return t;
}

/* The regularized incomplete beta I_x(a, b), a, b > 0. */
static double
beta_cdf(double x, double a, double b)
{
	double lf;

	if (x <= 0)
		return 0;
	if (x >= 1)
		return 1;
	lf = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) +
	    b * log1p(-x);
	if (x < (a + 1) / (a + b + 2))
		return exp(lf) * t_betacf(a, b, x, 1 - x) / a;
	return 1 - exp(lf) * t_betacf(b, a, 1 - x, x) / b;
}

double
report_beta_quantile(double p, double a, double b)
{
	double lo = 0, hi = 1, mid;
	int i;

	if (isnan(p) || isnan(a) || isnan(b) || a < 0 || b < 0 || p < 0 ||
	    p > 1 || (a == 0 && b == 0))
		return NAN;
	if (a == 0)
		return 0;
	if (b == 0)
		return 1;
	if (p == 0 || p == 1)
		return p;
	for (i = 0; i < 2000; i++) {
		mid = lo + (hi - lo) / 2;
		if (mid <= lo || mid >= hi)
			break;
		if (beta_cdf(mid, a, b) < p)
			lo = mid;
		else
			hi = mid;
	}
	return lo + (hi - lo) / 2;
}
