/*
 * estimate_print.c - a report's rows as CSV, JSON or a table with a bar
 * chart for the terminal.
 *
 * The chart is plain text (no curses): CHART_W cells over the axis,
 * full blocks up to the interval's lower end, then a whisker
 * "├──┼──┤" over the interval with "┼" at the estimate; with no interval
 * (too few PSUs) a bar up to the estimate in eighths of a cell.  Labels
 * are field values from records: text_pad() shows their control
 * characters inert and aligns them by display width.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/estimate.h"
#include "util/i18n.h"
#include "util/json.h"
#include "util/text.h"
#include "util/xalloc.h"

#define CHART_W 30     /* cells of the full table's chart */
#define CHART_MIN 10   /* and the fewest a fitted table gets */

static void
pr_num(FILE *f, double v)
{
	if (isnan(v) || isinf(v))
		fputs("NA", f);
	else
		fprintf(f, "%.15g", v);
}

/* Why a row has no interval, for CSV and JSON ("" when it has one). */
static const char *
pr_why_code(enum report_noci why)
{
	switch (why) {
	case REPORT_NOCI_DF:
		return "no_df";
	case REPORT_NOCI_VARIANCE:
		return "no_variance";
	case REPORT_NOCI_LONELY:
		return "all_strata_lonely";
	default:
		return "";
	}
}

/* The response rates' five figures, in their CSV and JSON order. */
static void
pr_rates_v(const struct survey_rates *r, double v[5])
{
	v[0] = r->rr1;
	v[1] = r->rr3;
	v[2] = r->coop1;
	v[3] = r->ref1;
	v[4] = r->con1;
}

static const char *const pr_rate_names[5] = {
	"rr1", "rr3", "coop1", "ref1", "con1",
};

/* The CSV's response-rate columns of a row (the header when head). */
static void
pr_csv_rates(FILE *f, const struct report_info *info, bool head)
{
	double v[5];
	int k;

	if (info->households == 0)
		return;
	if (head) {
		fputs(",households", f);
		for (k = 0; k < AAPOR_N; k++)
			fprintf(f, ",%s", survey_aapor_code((enum survey_aapor)k));
		for (k = 0; k < 5; k++)
			fprintf(f, ",%s", pr_rate_names[k]);
		fputs(",e", f);
		return;
	}
	fprintf(f, ",%zu", info->households);
	for (k = 0; k < AAPOR_N; k++)
		fprintf(f, ",%ld", info->rates.count[k]);
	pr_rates_v(&info->rates, v);
	for (k = 0; k < 5; k++) {
		putc(',', f);
		pr_num(f, v[k]);
	}
	putc(',', f);
	pr_num(f, info->rates.e);
}

void
report_print_csv(FILE *f, const struct report_info *info,
    const struct report_row *rows, size_t n)
{
	size_t i;

	fputs("by,level,n,weighted_n,estimate,se,ci_low,ci_high,"
	    "ci_method,lonely_psu,lonely_strata,no_ci", f);
	pr_csv_rates(f, info, true);
	putc('\n', f);
	for (i = 0; i < n; i++) {
		const struct report_estimate *e = &rows[i].e;

		text_csv_cell(f, rows[i].by);
		putc(',', f);
		text_csv_cell(f, rows[i].level);
		fprintf(f, ",%zu,", e->n);
		pr_num(f, e->weighted_n);
		putc(',', f);
		pr_num(f, e->estimate);
		putc(',', f);
		pr_num(f, e->se);
		putc(',', f);
		pr_num(f, e->ci_low);
		putc(',', f);
		pr_num(f, e->ci_high);
		fprintf(f, ",%s,%s,%zu,%s", info->proportion ?
		    report_ci_name(info->ci) : "t",
		    report_lonely_name(info->lonely), info->nlonely,
		    pr_why_code(e->why));
		pr_csv_rates(f, info, false);
		putc('\n', f);
	}
}

static void
pr_json_num(FILE *f, const char *name, double v)
{
	fprintf(f, ",\"%s\":", name);
	if (isnan(v) || isinf(v))
		fputs("null", f);
	else
		fprintf(f, "%.15g", v);
}

/* "response_rates": the sample's counts and rates, or null. */
static void
pr_json_rates(FILE *f, const struct report_info *info)
{
	double v[5];
	int k;

	fputs("\n\"response_rates\":", f);
	if (info->households == 0) {
		fputs("null", f);
		return;
	}
	fprintf(f, "{\"households\":%zu", info->households);
	for (k = 0; k < AAPOR_N; k++)
		fprintf(f, ",\"%s\":%ld", survey_aapor_code((enum survey_aapor)k),
		    info->rates.count[k]);
	pr_rates_v(&info->rates, v);
	for (k = 0; k < 5; k++)
		pr_json_num(f, pr_rate_names[k], v[k]);
	pr_json_num(f, "e", info->rates.e);
	fprintf(f, ",\"e_estimated\":%s}", info->rates.e_estimated ? "true" :
	    "false");
}

void
report_print_json(FILE *f, const struct report_info *info,
    const struct report_row *rows, size_t n)
{
	size_t i;

	fputs("{\"outcome\":", f);
	json_str(f, info->outcome);
	fprintf(f, ",\"statistic\":\"%s\",\"ci_method\":\"%s\","
	    "\"strata\":%zu,\"psus\":%zu,\"lonely_psu\":\"%s\","
	    "\"lonely_strata\":%zu,\"raked\":%s,\"missing_outcome\":%zu,",
	    info->proportion ? "proportion" : "mean",
	    info->proportion ? report_ci_name(info->ci) : "t", info->nstrata,
	    info->npsu, report_lonely_name(info->lonely), info->nlonely,
	    info->raked ? "true" : "false", info->missing);
	pr_json_rates(f, info);
	fputs(",\n\"estimates\":[", f);
	for (i = 0; i < n; i++) {
		const struct report_estimate *e = &rows[i].e;

		fputs(i == 0 ? "\n{\"by\":" : ",\n{\"by\":", f);
		json_str(f, rows[i].by);
		fputs(",\"level\":", f);
		json_str(f, rows[i].level);
		fprintf(f, ",\"n\":%zu", e->n);
		pr_json_num(f, "weighted_n", e->weighted_n);
		pr_json_num(f, "estimate", e->estimate);
		pr_json_num(f, "se", e->se);
		pr_json_num(f, "ci_low", e->ci_low);
		pr_json_num(f, "ci_high", e->ci_high);
		/* Always there, so every row has the same names. */
		fputs(",\"no_ci\":", f);
		if (e->why != REPORT_NOCI_NONE)
			json_str(f, pr_why_code(e->why));
		else
			fputs("null", f);
		putc('}', f);
	}
	fputs(n > 0 ? "\n]}\n" : "]}\n", f);
}

/* The cell of v on the axis [lo, hi]. */
static int
pr_cell(double v, double lo, double hi, int cw)
{
	int c = (int)floor((v - lo) / (hi - lo) * cw);

	return c < 0 ? 0 : c >= cw ? cw - 1 : c;
}

/* The bar or whisker of e in cw cells. */
static void
pr_chart(FILE *f, const struct report_estimate *e, double lo, double hi,
    int cw)
{
	static const char *const eighth[] = {
		"", "▏", "▎", "▍", "▌", "▋", "▊", "▉",
	};
	int c, cl, ce, ch;

	if (isnan(e->estimate))
		return;
	if (isnan(e->ci_low) || isnan(e->ci_high)) {
		double cells = (e->estimate - lo) / (hi - lo) * cw;
		int full = (int)floor(cells), part;

		if (full < 0)
			full = 0;
		if (full > cw)
			full = cw;
		part = (int)floor((cells - full) * 8);
		for (c = 0; c < full; c++)
			fputs("█", f);
		if (full < cw && part > 0 && part < 8)
			fputs(eighth[part], f);
		return;
	}
	cl = pr_cell(e->ci_low, lo, hi, cw);
	ce = pr_cell(e->estimate, lo, hi, cw);
	ch = pr_cell(e->ci_high, lo, hi, cw);
	for (c = 0; c <= ch; c++) {
		if (c == ce)
			fputs("┼", f);
		else if (c < cl)
			fputs("█", f);
		else if (c == cl)
			fputs("├", f);
		else if (c == ch)
			fputs("┤", f);
		else
			fputs("─", f);
	}
}

/* A number for the table: a percentage for proportions. */
static void
pr_value(char *buf, size_t len, double v, bool pct)
{
	if (isnan(v))
		snprintf(buf, len, "-");
	else if (pct)
		snprintf(buf, len, "%.1f%%", 100 * v);
	else
		snprintf(buf, len, "%.2f", v);
}

/* The heading's line on strata with a single PSU and what was done. */
static void
pr_lonely(FILE *f, const struct report_info *info)
{
	switch (info->lonely) {
	case REPORT_LONELY_AVERAGE:
		fprintf(f, _("strata with a single PSU: %zu; --lonely-psu "
		    "average: each given the average variance of the other "
		    "strata\n"), info->nlonely);
		break;
	case REPORT_LONELY_REMOVE:
		fprintf(f, _("strata with a single PSU: %zu; --lonely-psu "
		    "remove: they add no variance\n"), info->nlonely);
		break;
	case REPORT_LONELY_CERTAINTY:
		fprintf(f, _("strata with a single PSU: %zu; --lonely-psu "
		    "certainty: sampled with certainty, they add no "
		    "variance\n"), info->nlonely);
		break;
	default:
		fprintf(f, _("strata with a single PSU: %zu; --lonely-psu "
		    "adjust: each PSU centred at the grand mean\n"),
		    info->nlonely);
		break;
	}
}

/* The interval column: the interval, or why there is none. */
static void
pr_ci(char *buf, size_t len, const struct report_estimate *e, bool pct)
{
	char a[64], b[64];

	switch (e->why) {
	case REPORT_NOCI_DF:
		/* L10N: the interval column (18 cells): no interval, as the
		 * domain's records lie in one PSU per stratum, or in so few
		 * PSUs (one degree of freedom) that R's logit interval is
		 * 0 to NaN. */
		snprintf(buf, len, "%s", _("– (too few PSUs)"));
		return;
	case REPORT_NOCI_VARIANCE:
		/* L10N: the interval column: no interval, as every record
		 * of the domain has the same value. */
		snprintf(buf, len, "%s", _("– (no variance)"));
		return;
	case REPORT_NOCI_LONELY:
		/* L10N: the interval column: every stratum has one PSU. */
		snprintf(buf, len, "%s", _("– (lonely PSUs)"));
		return;
	default:
		break;
	}
	if (isnan(e->ci_low)) {
		/* An en dash, as the intervals' own. */
		snprintf(buf, len, "–");
		return;
	}
	pr_value(a, sizeof a, e->ci_low, pct);
	pr_value(b, sizeof b, e->ci_high, pct);
	snprintf(buf, len, "%s–%s", a, b);
}

/* Under the table: the sample's response rates and its counts. */
static void
pr_table_rates(FILE *f, const struct report_info *info)
{
	const struct survey_rates *r = &info->rates;
	char v[5][32];
	int k;

	if (info->households == 0)
		return;
	/* "-" for a rate without a denominator. */
	pr_value(v[0], sizeof v[0], r->rr1, true);
	pr_value(v[1], sizeof v[1], r->rr3, true);
	pr_value(v[2], sizeof v[2], r->coop1, true);
	pr_value(v[3], sizeof v[3], r->ref1, true);
	pr_value(v[4], sizeof v[4], r->con1, true);
	/* L10N: under the estimates: %zu households, then AAPOR's rates
	 * (RR1, RR3 with its e and where e comes from, COOP1, REF1, CON1);
	 * the names stay as AAPOR writes them. */
	fprintf(f, ngettext("AAPOR response rates of %zu sampled household, "
	    "from its last visit: RR1 %s, RR3 %s (e = %.3f, %s), COOP1 %s, "
	    "REF1 %s, CON1 %s\n", "AAPOR response rates of %zu sampled "
	    "households, from each one's last visit: RR1 %s, RR3 %s (e = "
	    "%.3f, %s), COOP1 %s, REF1 %s, CON1 %s\n", info->households),
	    info->households, v[0], v[1], r->e,
	    r->e_estimated ? _("the eligible share of the resolved "
	    "households") : _("as given"), v[2], v[3], v[4]);
	/* L10N: followed by "I 2, P 1, R 1, ..." (AAPOR's codes). */
	fputs(_("households by AAPOR outcome:"), f);
	for (k = 0; k < AAPOR_N; k++)
		fprintf(f, "%s %s %ld", k > 0 ? "," : "",
		    survey_aapor_code((enum survey_aapor)k), r->count[k]);
	putc('\n', f);
}

/* The level as the table shows it. */
static const char *
pr_level(const struct report_row *r)
{
	return r->label != NULL ? r->label : r->level;
}

void
report_print_table(FILE *f, const struct report_info *info,
    const struct report_row *rows, size_t n, int width)
{
	char a[64], b[64], ci[160], *strata, *psus;
	double lo = 0, hi = 1;
	int wby = text_width(_("by")), wlev = text_width(_("level"));
	int cw = CHART_W;
	bool full = width <= 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (text_width(rows[i].by) > wby)
			wby = text_width(rows[i].by);
		if (text_width(pr_level(&rows[i])) > wlev)
			wlev = text_width(pr_level(&rows[i]));
	}
	if (!info->proportion) {
		hi = -INFINITY;
		for (i = 0; i < n; i++) {
			const struct report_estimate *e = &rows[i].e;
			double top = isnan(e->ci_high) ? e->estimate :
			    e->ci_high;
			double bot = isnan(e->ci_low) ? e->estimate :
			    e->ci_low;

			if (top > hi)
				hi = top;
			if (bot < lo)
				lo = bot;
		}
		if (!(hi > lo))
			hi = lo + 1;
	}
	if (!full) {
		/* A level too long for the screen is cut (…) rather than
		 * squeezing the chart below 16 cells or off the screen. */
		int room = width - (wby + 2 + 1 + 7 + 10 + 1 + 18 + 16);

		if (wlev > room && room >= 8)
			wlev = room;
		/* by, level, n, estimate, interval: the chart takes the rest. */
		cw = width - (wby + 2 + wlev + 1 + 7 + 10 + 1 + 18);
		if (cw < CHART_MIN)
			cw = CHART_MIN;
	}
	/* L10N: the number of strata in the report's heading. */
	strata = xasprintf(ngettext("%zu stratum", "%zu strata",
	    info->nstrata), info->nstrata);
	/* L10N: the number of PSUs (primary sampling units) in the
	 * report's heading. */
	psus = xasprintf(ngettext("%zu PSU", "%zu PSUs", info->npsu),
	    info->npsu);
	/* L10N: the table's heading; %s is the outcome field, then the
	 * interval's method (logit or beta), "%zu strata" and "%zu PSUs"
	 * as translated. */
	if (info->proportion && info->raked)
		fprintf(f, _("%s: weighted proportion with 95%% interval (%s), "
		    "%s, %s, raked weights\n"), info->outcome,
		    report_ci_name(info->ci), strata, psus);
	else if (info->proportion)
		fprintf(f, _("%s: weighted proportion with 95%% interval (%s), "
		    "%s, %s\n"), info->outcome, report_ci_name(info->ci),
		    strata, psus);
	else if (info->raked)
		fprintf(f, _("%s: weighted mean with 95%% interval, %s, %s, "
		    "raked weights\n"), info->outcome, strata, psus);
	else
		fprintf(f, _("%s: weighted mean with 95%% interval, %s, %s\n"),
		    info->outcome, strata, psus);
	free(strata);
	free(psus);
	if (info->nlonely > 0)
		pr_lonely(f, info);
	if (info->unweighted)
		/* L10N: %s is the weight field the form declares. */
		fprintf(f, _("unweighted: no record has a value for the weight "
		    "%s\n"), info->weight_declared);
	else if (info->weight != NULL && info->noweight > 0)
		/* L10N: %s is the weight field, %zu records. */
		fprintf(f, ngettext("weight %s; %zu record without it is left "
		    "out\n", "weight %s; %zu records without it are left "
		    "out\n", info->noweight), info->weight, info->noweight);
	if (info->missing > 0)
		/* L10N: %zu records, %s the outcome field. */
		fprintf(f, ngettext("%zu record without a value for %s is in "
		    "the design and outside every estimate (as R's na.rm = "
		    "TRUE)\n", "%zu records without a value for %s are in the "
		    "design and outside every estimate (as R's na.rm = TRUE)\n",
		    info->missing), info->missing, info->outcome);
	text_pad(f, _("by"), wby + 2);
	text_pad(f, _("level"), wlev + 1);
	text_rpad(f, _("n"), 7);
	if (full)
		text_rpad(f, _("weighted N"), 13);
	text_rpad(f, _("estimate"), 10);
	if (full)
		text_rpad(f, _("SE"), 8);
	putc(' ', f);
	/* xgettext:no-c-format */
	text_pad(f, _("95% CI"), 18);
	pr_value(a, sizeof a, lo, info->proportion);
	pr_value(b, sizeof b, hi, info->proportion);
	fputs(a, f);
	fprintf(f, "%*s\n", cw - (int)strlen(a), b);
	for (i = 0; i < n; i++) {
		const struct report_estimate *e = &rows[i].e;

		text_pad(f, rows[i].by, wby + 2);
		text_pad(f, pr_level(&rows[i]), wlev + 1);
		fprintf(f, "%7zu", e->n);
		if (full)
			fprintf(f, "%13.1f", e->weighted_n);
		pr_value(a, sizeof a, e->estimate, info->proportion);
		text_rpad(f, a, 10);
		if (full) {
			pr_value(a, sizeof a, e->se, info->proportion);
			text_rpad(f, a, 8);
		}
		putc(' ', f);
		pr_ci(ci, sizeof ci, e, info->proportion);
		text_pad(f, ci, 18);
		pr_chart(f, e, lo, hi, cw);
		putc('\n', f);
	}
	pr_table_rates(f, info);
}
