/*
 * test_report_t.c - Student's t quantile and tail against R's qt()/pt()
 * (values printed by tests/report/make-expected.R), and the estimator
 * on a design small enough to work out by hand.
 */
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <setjmp.h>
#include <cmocka.h>

#include "report/estimate.h"

/* R 4.x: qt(0.975, df), qt(0.995, df). */
static const struct { double df, q975, q995; } rq[] = {
	{ 1, 12.706204736174694, 63.656741162871526 },
	{ 2, 4.3026527297494619, 9.9248432009182892 },
	{ 3, 3.1824463052837078, 5.8409093097333544 },
	{ 5, 2.5705818356363137, 4.0321429835552287 },
	{ 10, 2.2281388519862739, 3.16927267261695 },
	{ 25, 2.0595385527532977, 2.7874358136769706 },
	{ 30, 2.0422724563012378, 2.7499956535672254 },
	{ 100, 1.9839715185235516, 2.6258905214380182 },
	{ 245, 1.9696939205435453, 2.596044858629194 },
	{ 1000, 1.9623390808264076, 2.5807546980659501 },
	{ 1e6, 1.9599663568141066, 2.5758342201053335 },
};

static void
close_to(double got, double want, double rel)
{
	if (!(fabs(got - want) <= rel * fabs(want))) {
		print_error("got %.17g, want %.17g\n", got, want);
		fail();
	}
}

static void
t_quantiles_match_r(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof rq / sizeof rq[0]; i++) {
		close_to(report_t_quantile(0.975, rq[i].df), rq[i].q975, 1e-13);
		close_to(report_t_quantile(0.995, rq[i].df), rq[i].q995, 1e-13);
		close_to(report_t_quantile(0.025, rq[i].df), -rq[i].q975,
		    1e-13);
		if (rq[i].df <= 1000)
			close_to(report_t_upper(rq[i].q975, rq[i].df), 0.025,
			    1e-12);
	}
}

static void
t_edges(void **state)
{
	(void)state;
	assert_true(report_t_quantile(0.5, 7) == 0);
	assert_true(isnan(report_t_quantile(0.975, 0)));
	assert_true(isnan(report_t_quantile(0.975, -1)));
	assert_true(isnan(report_t_quantile(1.5, 3)));
	assert_true(isinf(report_t_quantile(1, 3)));
	/* df = 1 is Cauchy: the quantile is tan(pi (p - 1/2)). */
	close_to(report_t_quantile(0.9, 1), tan(M_PI * 0.4), 1e-13);
	/* df = 2 has a closed form: t = (2p - 1) sqrt(2 / (4p(1-p))). */
	close_to(report_t_quantile(0.99, 2),
	    0.98 * sqrt(2 / (4 * 0.99 * 0.01)), 1e-13);
	close_to(report_t_upper(0, 4), 0.5, 1e-15);
}

/*
 * Two strata: {a: PSUs 1, 2} and {b: PSU 1, alone}.  Unweighted rows
 * y = 1, 0 | 1, 1 | 0 (one row per PSU but the first with two rows).
 * Mean 3/5; x_i = (y_i - 0.6) / 5; PSU totals a1 = (0.4 - 0.6) / 5,
 * a2 = 0.4 / 5, b1 = -0.6 / 5; variance = 2 (a1 - abar)^2 + 2 (a2 -
 * abar)^2 + b1^2 (the lonely PSU around 0).
 */
static void
estimate_by_hand(void **state)
{
	const char *strata[] = { "a", "a", "a", "a", "b" };
	const char *psus[] = { "1", "1", "2", "2", "1" };
	const double y[] = { 1, 0, 1, 1, 0 };
	struct report_factor fs, fp;
	struct report_estimate e;
	report_design *d = NULL;
	char *cause = NULL;
	double a1 = -0.2 / 5, a2 = 0.8 / 5, b1 = -0.6 / 5;
	double abar = (a1 + a2) / 2, v;
	struct report_method prop = { true, REPORT_CI_LOGIT,
	    REPORT_LONELY_ADJUST };
	struct report_method mean = { false, REPORT_CI_LOGIT,
	    REPORT_LONELY_ADJUST };

	(void)state;
	report_factor_build(&fs, strata, 5);
	report_factor_build(&fp, psus, 5);
	assert_int_equal(report_design_new(5, &fs, &fp, NULL, &d, &cause), 0);
	report_estimate_mean(d, y, NULL, 0, &prop, &e);
	v = 2 * ((a1 - abar) * (a1 - abar) + (a2 - abar) * (a2 - abar)) +
	    b1 * b1;
	close_to(e.estimate, 0.6, 1e-15);
	close_to(e.se, sqrt(v), 1e-14);
	assert_true(e.df == 1);  /* 3 PSUs - 2 strata */
	/* df 1: R's svyciprop gives (0, NA). */
	assert_true(e.ci_low == 0 && isnan(e.ci_high));
	report_estimate_mean(d, y, NULL, 0, &mean, &e);
	close_to(e.ci_low, 0.6 - rq[0].q975 * sqrt(v), 1e-13);
	report_design_free(&d);
	report_factor_clear(&fs);
	report_factor_clear(&fp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_quantiles_match_r),
		cmocka_unit_test(t_edges),
		cmocka_unit_test(estimate_by_hand),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
