/*
 * weights.h - design weights of the interviewed households, from the
 * sample.
 *
 * A respondent's weight is the household's base weight (1 / its
 * selection probability) times the number of eligible members the
 * household had (the one respondent selected among m stands for m),
 * times the non-response adjustment of its weighting class:
 *	f_c = (sum of base weights of the class's eligible households
 *	       + e x sum of base weights of those of unknown eligibility)
 *	      / (sum of base weights of the class's interviewed households)
 * where eligible are AAPOR's I P R NC O, unknown UH UO (with a household
 * never visited), and NE households leave the class.  Raking to census
 * margins then follows in `kesu report --rake`.
 */
#ifndef KESU_SURVEY_WEIGHTS_H
#define KESU_SURVEY_WEIGHTS_H

#include <stddef.h>

#include "util/err.h"

struct survey_unit {
	const char *cls;     /* weighting class ("" for one class) */
	double base;         /* base weight, > 0 */
	int aapor;           /* enum survey_aapor of its last visit */
	double members;      /* eligible members (>= 1) when interviewed */
	double factor;       /* out: f of its class (0 when not I) */
	double weight;       /* out: base x members x f (0 when not I) */
};

/*
 * Fill factor and weight of u[0..n) with e (0..1) for the unknowns.
 * KESU_EDATA naming the class when a class has eligible households but
 * nobody interviewed (its weight would be lost).
 */
int survey_weights(struct survey_unit *u, size_t n, double e, char **cause)
    KESU_WUR;

#endif
