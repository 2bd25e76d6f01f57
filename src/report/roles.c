/*
 * roles.c - the stored form that reports and exports read, rebuilt from
 * its stored source, and the roles it declares (form.h, kesu_* settings):
 * which field is the outcome, the strata, the PSUs, the weight, the
 * domains.  Reports default their options from these, so renaming a
 * field in the next survey round is a change of the form, not of kesu.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "util/i18n.h"
#include "util/xalloc.h"

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

/*
 * Whether stored form key is the one a report of outcome reads: it has
 * a field named outcome, or, with outcome NULL, it declares kesu_outcome.
 * A form that no longer loads is not it.
 */
static bool
roles_reports(store *s, int64_t key, const char *outcome)
{
	form *f = NULL;
	char *err = NULL;
	bool yes;

	if (report_form_load(s, key, &f, &err) != 0) {
		free(err);
		return false;
	}
	yes = outcome != NULL ? form_find(f, outcome) >= 0 :
	    form_role(f, FORM_ROLE_OUTCOME) != NULL;
	form_free(&f);
	return yes;
}

/*
 * The index in fs (n forms, oldest first) of the form a report of
 * outcome reads (report_form_current()), n when there is none.
 */
static size_t
roles_pick(store *s, const struct store_form *fs, size_t n,
    const char *outcome)
{
	size_t i;

	/* A visit form's records (forms/visit.csv) are newer than the
	 * questionnaire's, most days: the newest that reports it first. */
	for (i = n; i > 0; i--)
		if (fs[i - 1].records > 0 &&
		    roles_reports(s, fs[i - 1].key, outcome))
			return i - 1;
	for (i = n; i > 0; i--)
		if (fs[i - 1].records > 0)
			return i - 1;
	return n > 0 ? n - 1 : n;
}

int
report_form_current(store *s, const char *outcome, form **out,
    char **cause)
{
	struct store_form *fs = NULL;
	size_t n, i;
	int64_t key = 0;
	int rc;

	*out = NULL;
	if ((rc = store_form_list(s, &fs, &n, cause)) != 0)
		return rc;
	if ((i = roles_pick(s, fs, n, outcome)) < n)
		key = fs[i].key;
	store_forms_free(fs, n);
	return key != 0 ? report_form_load(s, key, out, cause) : 0;
}

int
report_form_current_id(store *s, const char *outcome, char **id,
    char **cause)
{
	struct store_form *fs = NULL;
	size_t n, i;
	int rc;

	*id = NULL;
	if ((rc = store_form_list(s, &fs, &n, cause)) != 0)
		return rc;
	if ((i = roles_pick(s, fs, n, outcome)) < n)
		*id = xstrdup(fs[i].form_id);
	store_forms_free(fs, n);
	return 0;
}
