/*
 * rates.h - AAPOR outcome rates from the dispositions of a sample.
 *
 * Each sampled household counts once, in the AAPOR category of its last
 * visit's disposition (the form's disposition list maps each disposition
 * to one of I P R NC O UH UO NE); a household never visited counts as UH
 * (unknown whether an eligible household: not attempted).  With
 * I complete, P partial, R refusal and break-off, NC non-contact, O other
 * eligible non-interview, UH/UO unknown eligibility, NE not eligible
 * (AAPOR Standard Definitions):
 *	RR1   = I / ((I+P) + (R+NC+O) + (UH+UO))
 *	RR3   = I / ((I+P) + (R+NC+O) + e(UH+UO))
 *	COOP1 = I / ((I+P) + R + O)
 *	REF1  = R / ((I+P) + (R+NC+O) + (UH+UO))
 *	CON1  = ((I+P) + R + O) / ((I+P) + (R+NC+O) + (UH+UO))
 * e, the share of the unknown cases taken to be eligible, is given or
 * estimated as the eligible share of the resolved cases:
 * (I+P+R+NC+O) / (I+P+R+NC+O+NE).  A rate whose denominator is 0 is NaN.
 */
#ifndef KESU_SURVEY_RATES_H
#define KESU_SURVEY_RATES_H

#include <stdbool.h>
#include <stddef.h>

#include "store/sample.h"

enum survey_aapor { AAPOR_I, AAPOR_P, AAPOR_R, AAPOR_NC, AAPOR_O,
	AAPOR_UH, AAPOR_UO, AAPOR_NE, AAPOR_N };

struct survey_rates {
	long count[AAPOR_N];
	double e;            /* as used for RR3 */
	bool e_estimated;
	double rr1, rr3, coop1, ref1, con1;
};

/* The category a code names ("I", "NC", any case), or -1. */
int survey_aapor_find(const char *code);
const char *survey_aapor_code(enum survey_aapor c);
/* Fill the rates of r->count; e < 0 estimates it. */
void survey_rates_compute(struct survey_rates *r, double e);
/* The category household h counts in: its last visit's, UH when it was
 * never visited (or its code is unknown). */
enum survey_aapor survey_hh_aapor(const struct store_hh *h);
/*
 * The rates of the whole sample, or of interviewer's households when
 * not NULL (what `kesu report --rates` gives as its overall row):
 * *households of them; 0 when the store holds no sample (out zeroed).
 */
int survey_rates_sample(store *s, const char *interviewer, double e,
    struct survey_rates *out, size_t *households, char **cause) KESU_WUR;

#endif
