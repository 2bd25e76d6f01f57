/*
 * roles.c - the stored form that reports and exports read, rebuilt from
 * its stored source, and the roles it declares (form.h, kesu_* settings):
 * which field is the outcome, the strata, the PSUs, the weight, the
 * domains.  Reports default their options from these, so renaming a
 * field in the next survey round is a change of the form, not of kesu.
 */
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "util/i18n.h"

int
report_form_load(store *s, int64_t key, form **out, char **cause)
{
	char *name = NULL, *err = NULL;
	struct store_media sm;
	struct form_media media;
	void *data = NULL;
	size_t len;
	int rc;

	*out = NULL;
	if ((rc = store_form_source(s, key, &name, &data, &len, cause)) != 0)
		return rc;
	store_form_media_source(&sm, s, key, &media);
	if ((rc = form_load_media(name, data, len, &media, out, &err)) != 0) {
		/* It loaded when it was stored; say so plainly. */
		rc = kesu_fail(cause, KESU_EDATA, _("%s: the stored form "
		    "%s no longer loads: %s"), store_path(s), name,
		    err != NULL ? err : "");
	}
	free(err);
	free(name);
	free(data);
	return rc;
}

int
report_form_current(store *s, form **out, char **cause)
{
	struct store_form *fs = NULL;
	form *f = NULL;
	size_t n, i;
	int64_t key = 0;
	int rc;

	*out = NULL;
	if ((rc = store_form_list(s, &fs, &n, cause)) != 0)
		return rc;
	/* The newest form with records that declares an outcome: the visit
	 * form's records (a survey day's non-interviews) come after the
	 * questionnaire's, and a report is of the questionnaire. */
	for (i = n; *out == NULL && rc == 0 && i > 0; i--) {
		if (fs[i - 1].records == 0)
			continue;
		if (key == 0)
			key = fs[i - 1].key;
		if ((rc = report_form_load(s, fs[i - 1].key, &f, cause)) == 0 &&
		    form_role(f, FORM_ROLE_OUTCOME) != NULL)
			*out = f;
		else
			form_free(&f);
	}
	if (rc == 0 && *out == NULL) {
		if (key == 0 && n > 0)
			key = fs[n - 1].key;
		if (key != 0)
			rc = report_form_load(s, key, out, cause);
	}
	store_forms_free(fs, n);
	return rc;
}
