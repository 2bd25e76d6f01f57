/*
 * design_int.h - the design struct, shared by design.c, design_rake.c
 * and estimate.c and seen by nothing else.
 */
#ifndef KESU_REPORT_DESIGN_INT_H
#define KESU_REPORT_DESIGN_INT_H

#include "report/design.h"

struct report_design {
	size_t n;
	double *w;              /* [n] weights, raked when nrake > 0 */
	size_t *stratum;        /* [n] 0..nstrata-1 */
	size_t *psu;            /* [n] 0..npsu-1, unique across strata */
	size_t nstrata, npsu;
	size_t *psu_stratum;    /* [npsu] */
	size_t *stratum_npsu;   /* [nstrata] PSUs in the stratum */
	/* The post-stratification steps of raking's last round, in order:
	 * each margin's codes and the weights right after its step (what
	 * survey keeps in design$postStrata for svyrecvar). */
	size_t nrake;
	int **rake_code;        /* [nrake][n] */
	size_t *rake_nlevels;   /* [nrake] */
	double **rake_w;        /* [nrake][n] */
};

#endif
