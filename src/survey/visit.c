/*
 * visit.c - a visit to a sampled household kept as a record (visit.h).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/engine.h"
#include "store/session.h"
#include "survey/rates.h"
#include "survey/sample.h"
#include "survey/visit.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* The value of the choice's column `name`, or NULL when it has none
 * (or an empty one). */
static const char *
visit_choice_col(const struct form_choice *c, const char *name)
{
	int i;

	for (i = 0; i < c->ncols; i++)
		if (strcasecmp(c->col_name[i], name) == 0)
			return *c->col_value[i] != '\0' ? c->col_value[i] :
			    NULL;
	return NULL;
}

int
survey_disposition_field(const form *f)
{
	const struct form_field *fld;
	int i;

	for (i = 0; i < form_nfields(f); i++) {
		fld = form_field(f, i);
		if (fld->type != FORM_SELECT_ONE || fld->list < 0 ||
		    form_list_size(f, fld->list) == 0)
			continue;
		if (visit_choice_col(form_choice(f, fld->list, 0),
		    "aapor") != NULL)
			return i;
	}
	return -1;
}

int
survey_disposition(const form *f, const char *name, int *aapor,
    bool *final, char **cause)
{
	const struct form_choice *c;
	const char *a, *fin;
	struct buf known = BUF_INIT;
	int q = survey_disposition_field(f), list, k, i;

	if (q < 0)
		return kesu_fail(cause, KESU_EDATA, _("form '%s' has no "
		    "disposition question (a select_one whose choices have an "
		    "aapor column)"), form_id(f));
	list = form_field(f, q)->list;
	if ((k = form_choice_find(f, list, name)) < 0) {
		for (i = 0; i < form_list_size(f, list); i++)
			buf_printf(&known, "%s%s", i ? ", " : "",
			    form_choice(f, list, i)->name);
		kesu_fail(cause, KESU_EDATA, _("no disposition '%s' (the form "
		    "has: %s)"), name, known.data != NULL ? known.data : "");
		buf_free(&known);
		return KESU_EDATA;
	}
	c = form_choice(f, list, k);
	a = visit_choice_col(c, "aapor");
	fin = visit_choice_col(c, "final");
	if (a == NULL || (*aapor = survey_aapor_find(a)) < 0)
		return kesu_fail(cause, KESU_EDATA, _("choices row %d: "
		    "disposition '%s' has aapor '%s', not one of I P R NC O UH "
		    "UO NE"), c->row, name, a != NULL ? a : "");
	if (fin == NULL || (strcasecmp(fin, "yes") != 0 &&
	    strcasecmp(fin, "no") != 0))
		return kesu_fail(cause, KESU_EDATA, _("choices row %d: "
		    "disposition '%s' needs final = yes or no"), c->row, name);
	*final = strcasecmp(fin, "yes") == 0;
	return 0;
}

/* The fields the form declares as a visit's note and next time (the
 * settings columns kesu_note and kesu_revisit); -1 each when absent. */
static void
visit_roles(const form *f, int *note, int *revisit)
{
	const char *n = form_role(f, FORM_ROLE_NOTE);
	const char *r = form_role(f, FORM_ROLE_REVISIT);

	*note = n != NULL ? form_find(f, n) : -1;
	*revisit = r != NULL ? form_find(f, r) : -1;
}

/* engine_set() of field q, the message naming the field. */
static int
visit_set(engine *e, int q, const char *v, char **cause)
{
	char *why = NULL;

	if (engine_set(e, q, v, &why) == 0)
		return 0;
	kesu_fail(cause, KESU_EDATA, "%s: %s",
	    form_field(engine_form(e), q)->name, why != NULL ? why : "?");
	free(why);
	return KESU_EDATA;
}

/* The --set NAME=VALUE answers. */
static int
visit_set_more(engine *e, const char *const *set, char **cause)
{
	const char *eq;
	char *name;
	int q, rc;

	for (; set != NULL && *set != NULL; set++) {
		if ((eq = strchr(*set, '=')) == NULL)
			return kesu_fail(cause, KESU_EUSAGE, _("'%s': expected "
			    "NAME=VALUE"), *set);
		name = xstrndup(*set, (size_t)(eq - *set));
		q = form_find(engine_form(e), name);
		if (q < 0)
			rc = kesu_fail(cause, KESU_EDATA, _("the visit form "
			    "has no field '%s'"), name);
		else
			rc = visit_set(e, q, eq + 1, cause);
		free(name);
		if (rc != 0)
			return rc;
	}
	return 0;
}

int
survey_visit_record(store *s, int64_t key, const engine *e,
    const char *who, char **cause)
{
	const form *f = engine_form(e);
	struct store_visit row;
	char *hh = NULL;
	bool has = false;
	int q = survey_disposition_field(f), aapor = AAPOR_I, note, revisit;
	bool final = true;
	int rc;

	if ((rc = store_record_household(s, key, &hh, cause)) != 0 ||
	    hh == NULL || (rc = store_visit_of_record(s, key, &has,
	    cause)) != 0 || has)
		goto out;
	memset(&row, 0, sizeof row);
	if ((rc = clock_now(&row.at, &row.tz, cause)) != 0)
		goto out;
	row.hh = hh;
	row.interviewer = who;
	row.record = key;
	if (q < 0) {
		/* An interview: AAPOR's I by definition. */
		row.disposition = "interview";
	} else {
		row.disposition = engine_value(e, q);
		if ((rc = survey_disposition(f, row.disposition, &aapor,
		    &final, cause)) != 0)
			goto out;
		visit_roles(f, &note, &revisit);
		if (note >= 0)
			row.note = engine_value(e, note);
		if (revisit >= 0)
			row.revisit = engine_value(e, revisit);
	}
	row.aapor = survey_aapor_code((enum survey_aapor)aapor);
	row.final = final;
	rc = store_visit_add(s, &row, cause);
out:
	free(hh);
	return rc;
}

int
survey_visit_keep(store *s, const form *f, int64_t form_key, const char *id_column, const struct store_hh *h,
    const struct survey_visit *v, const char *who, char **uuid,
    char **cause)
{
	struct engine_opts o = { NULL, who, NULL, 0, 0, -1 };
	struct store_record r;
	engine *e = NULL;
	char *xml = NULL;
	int aapor, note, revisit, rc;
	bool final;

	memset(&r, 0, sizeof r);
	if ((rc = survey_disposition(f, v->disposition, &aapor, &final,
	    cause)) != 0)
		return rc;
	visit_roles(f, &note, &revisit);
	/* Messages in the UI's language when the form has it. */
	o.lang = form_lang_find(f, i18n_lang());
	if ((rc = clock_now(&o.now, &o.tz_offset, cause)) != 0 ||
	    (rc = engine_new(f, &o, &e, cause)) != 0)
		return rc;
	if ((rc = survey_prefill(e, id_column, h, cause)) != 0 ||
	    (rc = visit_set(e, survey_disposition_field(f), v->disposition,
	    cause)) != 0 ||
	    (v->note != NULL && note >= 0 &&
	    (rc = visit_set(e, note, v->note, cause)) != 0) ||
	    (v->revisit != NULL && revisit >= 0 &&
	    (rc = visit_set(e, revisit, v->revisit, cause)) != 0) ||
	    (rc = visit_set_more(e, v->set, cause)) != 0 ||
	    (rc = engine_finalize(e, &xml, cause)) != 0 ||
	    (rc = store_session_keep(s, form_key, e, xml, who, cause)) != 0 ||
	    (rc = store_record_find(s, engine_instance_id(e), &r,
	    cause)) != 0 ||
	    (rc = store_record_set_household(s, r.key, h->id, cause)) != 0 ||
	    (rc = survey_visit_record(s, r.key, e, who, cause)) != 0)
		goto out;
	if (uuid != NULL)
		*uuid = xstrdup(r.uuid);
out:
	store_record_clear(&r);
	free(xml);
	engine_free(&e);
	return rc;
}
