/*
 * rates.c - AAPOR outcome rates (rates.h).
 */
#include <math.h>
#include <string.h>
#include <strings.h>

#include "survey/rates.h"

static const char *const aapor_codes[AAPOR_N] = { "I", "P", "R", "NC", "O",
	"UH", "UO", "NE" };

int
survey_aapor_find(const char *code)
{
	int i;

	for (i = 0; i < AAPOR_N; i++)
		if (strcasecmp(code, aapor_codes[i]) == 0)
			return i;
	return -1;
}

const char *
survey_aapor_code(enum survey_aapor c)
{
	return c < AAPOR_N ? aapor_codes[c] : "?";
}

static double
rate(double num, double den)
{
	return den > 0 ? num / den : NAN;
}

void
survey_rates_compute(struct survey_rates *r, double e)
{
	const long *c = r->count;
	double ip = (double)c[AAPOR_I] + c[AAPOR_P];
	double rnco = (double)c[AAPOR_R] + c[AAPOR_NC] + c[AAPOR_O];
	double unk = (double)c[AAPOR_UH] + c[AAPOR_UO];

	r->e_estimated = e < 0;
	if (e < 0)
		e = rate(ip + rnco, ip + rnco + c[AAPOR_NE]);
	if (isnan(e))
		e = 1;  /* nothing resolved yet: all unknowns count */
	r->e = e;
	r->rr1 = rate(c[AAPOR_I], ip + rnco + unk);
	r->rr3 = rate(c[AAPOR_I], ip + rnco + e * unk);
	r->coop1 = rate(c[AAPOR_I], ip + c[AAPOR_R] + c[AAPOR_O]);
	r->ref1 = rate(c[AAPOR_R], ip + rnco + unk);
	r->con1 = rate(ip + c[AAPOR_R] + c[AAPOR_O], ip + rnco + unk);
}

enum survey_aapor
survey_hh_aapor(const struct store_hh *h)
{
	int c = h->visits > 0 ? survey_aapor_find(h->aapor) : -1;

	return c < 0 ? AAPOR_UH : (enum survey_aapor)c;
}

int
survey_rates_sample(store *s, const char *interviewer, double e,
    struct survey_rates *out, size_t *households, char **cause)
{
	struct store_hh *h = NULL;
	size_t n = 0, i;
	int rc;

	memset(out, 0, sizeof *out);
	*households = 0;
	if ((rc = store_sample_list(s, interviewer, &h, &n, cause)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		out->count[survey_hh_aapor(&h[i])]++;
	if (n > 0)
		survey_rates_compute(out, e);
	*households = n;
	store_hhs_free(h, n);
	return 0;
}
