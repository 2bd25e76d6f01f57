/*
 * weights.c - base weight x eligible members x non-response adjustment
 * within classes (weights.h).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "survey/rates.h"
#include "survey/weights.h"
#include "util/i18n.h"
#include "util/xalloc.h"

struct cls {
	const char *name;
	double eligible;     /* base weights counted as eligible */
	double interviewed;  /* base weights of the interviewed */
};

int
survey_weights(struct survey_unit *u, size_t n, double e, char **cause)
{
	struct cls *c = NULL;
	size_t nc = 0, i, k, *at = xcalloc(n + 1, sizeof *at);
	int rc = 0;

	for (i = 0; i < n; i++) {
		for (k = 0; k < nc; k++)
			if (strcmp(c[k].name, u[i].cls) == 0)
				break;
		if (k == nc) {
			c = xreallocarray(c, nc + 1, sizeof *c);
			memset(&c[nc], 0, sizeof *c);
			c[nc++].name = u[i].cls;
		}
		at[i] = k;
		switch (u[i].aapor) {
		case AAPOR_I:
			c[k].interviewed += u[i].base;
			/* FALLTHROUGH */
		case AAPOR_P: case AAPOR_R: case AAPOR_NC: case AAPOR_O:
			c[k].eligible += u[i].base;
			break;
		case AAPOR_UH: case AAPOR_UO:
			c[k].eligible += e * u[i].base;
			break;
		default:
			break;
		}
	}
	for (k = 0; k < nc && rc == 0; k++)
		if (c[k].eligible > 0 && c[k].interviewed <= 0)
			rc = kesu_fail(cause, KESU_EDATA, _("weighting class "
			    "'%s' has eligible households but no interview: "
			    "merge it with another class"), c[k].name);
	for (i = 0; i < n && rc == 0; i++) {
		u[i].factor = u[i].weight = 0;
		if (u[i].aapor != AAPOR_I)
			continue;
		u[i].factor = c[at[i]].eligible / c[at[i]].interviewed;
		u[i].weight = u[i].base * (u[i].members >= 1 ? u[i].members :
		    1) * u[i].factor;
	}
	free(c);
	free(at);
	return rc;
}
