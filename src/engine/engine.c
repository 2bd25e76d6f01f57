/*
 * engine.c - one interview over a form: its life cycle, answers, checks
 * and finalize (engine.h states the contract).
 *
 * A fresh interview holds each field's default: a static default as
 * pyxform puts it in the instance (numbers and dates re-printed as
 * Collect reads them back), then dynamic defaults such as today(),
 * evaluated once as ODK does on first load.  Metadata is filled here:
 * start and today from the start time, deviceid and username from the
 * options, end at finalize.  Then everything is evaluated once in
 * form_eval_order().  A question that starts non-relevant keeps its
 * default hidden, as Collect does; one that turns non-relevant later
 * loses whatever it held.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine_int.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/uuid.h"
#include "util/xalloc.h"

static bool
engine_is_meta(enum form_type t)
{
	return t == FORM_START || t == FORM_END || t == FORM_TODAY ||
	    t == FORM_DEVICEID || t == FORM_USERNAME;
}

static char *
engine_stamp(double t, int tz)
{
	char s[40];

	clock_format(t, tz, s, sizeof s);
	return xstrdup(s);
}

static char *
engine_date(double t, int tz)
{
	char s[40];

	clock_format(t, tz, s, sizeof s);
	s[10] = '\0';
	return xstrdup(s);
}

/*
 * A default as Collect holds it: numbers and dates are read back as typed
 * data (an integer default "007" is 7); other text stays as written.
 * Takes ownership of v.
 */
static char *
engine_typed(engine *e, int i, char *v)
{
	char *typed = NULL, *cause = NULL;

	if (v == NULL)
		return NULL;
	switch (form_field(e->f, i)->type) {
	case FORM_INTEGER:
	case FORM_DECIMAL:
	case FORM_DATE:
	case FORM_TIME:
	case FORM_DATETIME:
	case FORM_RANGE:
	case FORM_GEOPOINT:
		if (engine_parse(e, i, v, &typed, &cause) == 0) {
			free(v);
			return typed;
		}
		free(cause);
		return v;
	default:
		return v;
	}
}

/* The static default of field i, or NULL. */
static char *
engine_static_default(engine *e, int i)
{
	const char *d = form_field(e->f, i)->default_value;

	if (d == NULL || *d == '\0')
		return NULL;
	return engine_typed(e, i, xstrdup(d));
}

static char *
engine_meta_value(engine *e, enum form_type t)
{
	switch (t) {
	case FORM_START:
		return engine_stamp(e->start, e->tz);
	case FORM_TODAY:
		return engine_date(e->start, e->tz);
	case FORM_DEVICEID:
		return *e->deviceid != '\0' ? xstrdup(e->deviceid) : NULL;
	case FORM_USERNAME:
		return *e->username != '\0' ? xstrdup(e->username) : NULL;
	default:
		return NULL;
	}
}

/* The metadata, the static and then the dynamic defaults of the fields
 * that instance r holds itself, as on ODK's first load (the root) or on
 * a new repeat instance; one instance of each nested repeat the
 * interviewer controls, as pyxform's XForm has one. */
void
engine_rinst_defaults(engine *e, struct rinst *r)
{
	struct rinst *was = e->at;
	int i;

	for (i = r->base; i < r->base + r->span; i++) {
		const struct form_field *fld = form_field(e->f, i);

		if (fld->in_repeat != r->rep)
			continue;
		if (engine_is_meta(fld->type))
			RVAL(r, i) = engine_meta_value(e, fld->type);
		else if (fld->type != FORM_GROUP)
			RVAL(r, i) = engine_static_default(e, i);
	}
	/* Dynamic defaults, in form order. */
	e->at = r;
	for (i = r->base; i < r->base + r->span; i++) {
		const struct form_field *fld = form_field(e->f, i);
		char *v;

		if (fld->in_repeat != r->rep)
			continue;
		if (fld->repeat && engine_user_repeat(e, i))
			(void)engine_rinst_add(e, r, i);
		if (fld->default_expr == NULL || fld->type == FORM_GROUP)
			continue;
		v = engine_eval_text(e, fld->default_expr, i, RVAL(r, i), NULL);
		free(RVAL(r, i));
		RVAL(r, i) = engine_typed(e, i, v);
	}
	e->at = was;
}

int
engine_new(const form *f, const struct engine_opts *o, engine **out,
    char **cause)
{
	engine *e;
	char id[37];
	int i;

	(void)cause;
	e = xcalloc(1, sizeof *e);
	e->f = f;
	e->nf = form_nfields(f);
	e->root.rep = -1;
	e->root.span = e->nf;
	e->root.val = xcalloc((size_t)e->nf + 1, sizeof *e->root.val);
	e->root.rel = xcalloc((size_t)e->nf + 1, sizeof *e->root.rel);
	e->root.type = xcalloc((size_t)e->nf + 1, sizeof *e->root.type);
	e->val = e->root.val;
	e->rel = e->root.rel;
	e->type = e->root.type;
	e->at = &e->root;
	e->start = e->now = o->now;
	e->tz = o->tz_offset;
	e->username = xstrdup(o->username != NULL ? o->username : "");
	e->deviceid = xstrdup(o->deviceid != NULL ? o->deviceid : "");
	if (o->deprecated_id != NULL && *o->deprecated_id != '\0')
		e->deprecated_id = xstrdup(o->deprecated_id);
	if (o->instance_id != NULL)
		e->instance_id = xstrdup(o->instance_id);
	else {
		uuid_v4(id);
		e->instance_id = xasprintf("uuid:%s", id);
	}
	e->rng = xcalloc(1, sizeof *e->rng);
	for (i = 0; e->instance_id[i] != '\0'; i++)
		*e->rng = (*e->rng ^ (unsigned char)e->instance_id[i]) *
		    1099511628211ULL;
	engine_set_lang(e, o->lang);

	for (i = 0; i < e->nf; i++) {
		const struct form_field *fld = form_field(f, i);

		e->rel[i] = true;
		if (fld->choice_filter != NULL)
			e->filters = true;
		if (fld->repeat)
			e->repeats = true;
		if (fld->repeat_count != NULL)
			e->counted = true;
	}
	engine_rinst_defaults(e, &e->root);
	engine_refresh_all(e);
	/* The first stop and its instance: a form may open inside a
	 * repeat. */
	engine_nav_from(e, &e->root, 0);
	*out = e;
	return 0;
}

void
engine_free(engine **ep)
{
	engine *e = *ep;

	if (e == NULL)
		return;
	engine_rinst_free(&e->root);
	free(e->username);
	free(e->deviceid);
	free(e->rng);
	free(e->instance_id);
	free(e->deprecated_id);
	free(e->choices);
	free(e->nodes);
	free(e->dyn);
	free(e->dynlabel);
	free(e);
	*ep = NULL;
}

const form *
engine_form(const engine *e)
{
	return e->f;
}

double
engine_started(const engine *e)
{
	return e->start;
}

int
engine_tz(const engine *e)
{
	return e->tz;
}

const char *
engine_instance_id(const engine *e)
{
	return e->instance_id;
}

void
engine_set_lang(engine *e, int lang)
{
	if (lang < 0 || lang >= form_nlangs(e->f))
		lang = form_default_lang(e->f);
	e->lang = lang;
}

int
engine_lang(const engine *e)
{
	return e->lang;
}

void
engine_set_now(engine *e, double now)
{
	e->now = now;
}

const char *
engine_value(const engine *e, int field)
{
	return engine_seen(e, field);
}

bool
engine_relevant(const engine *e, int field)
{
	struct rinst *r;

	if (field < 0 || field >= e->nf)
		return false;
	r = engine_owner(e, e->at, field);
	return r != NULL && RREL(r, field);
}

bool
engine_answered(const engine *e, int field)
{
	return *engine_seen(e, field) != '\0';
}

/* Why field i takes no answer from a person (or, with preload, from the
 * sample), or NULL when it does. */
static const char *
engine_unsettable(const engine *e, int i, bool preload)
{
	const struct form_field *fld = form_field(e->f, i);
	char *cause = NULL;
	bool ro = false;

	if (fld->type == FORM_GROUP)
		return _("A group takes no answer.");
	if (fld->generated)
		return _("This field is made by the form for its table-list "
		    "group and takes no answer.");
	if (fld->type == FORM_NOTE)
		return _("A note takes no answer.");
	if (fld->type == FORM_CALCULATE || engine_is_meta(fld->type) ||
	    fld->calculation != NULL)
		return _("This field is calculated and takes no answer.");
	if (fld->read_only != NULL && !preload) {
		if (engine_eval_bool(e, fld->read_only, i, engine_seen(e, i),
		    &ro, &cause) != 0)
			free(cause);
		if (ro)
			return _("This question is read-only.");
	}
	/* A preloaded value is held like a default: hidden while the
	 * question does not apply, shown when it comes to apply. */
	if (!engine_relevant(e, i) && !preload)
		return _("This question does not apply now.");
	return NULL;
}

/* The constraint of field i on value v (not empty). */
static int
engine_constraint(const engine *e, int i, const char *v, char **cause)
{
	const struct form_field *fld = form_field(e->f, i);
	bool ok = true;
	int rc;

	if (fld->constraint == NULL)
		return 0;
	if ((rc = engine_eval_bool(e, fld->constraint, i, v, &ok,
	    cause)) != 0)
		return rc;
	if (ok)
		return 0;
	return engine_refuse(e, fld->constraint_message,
	    _("Value not allowed"), cause);
}

static int
engine_set_as(engine *e, int field, const char *text, bool preload,
    char **cause)
{
	const char *why;
	char *v = NULL;
	int rc;

	if (field < 0 || field >= e->nf)
		return kesu_fail(cause, KESU_ESOFTWARE, "no field %d", field);
	if ((why = engine_unsettable(e, field, preload)) != NULL) {
		/* Clearing what cannot be answered changes nothing. */
		if (*text == '\0' &&
		    form_field(e->f, field)->type != FORM_GROUP)
			return 0;
		return kesu_fail(cause, KESU_EDATA, "%s", why);
	}
	if ((rc = engine_parse(e, field, text, &v, cause)) != 0)
		return rc;
	if (*v != '\0' && (rc = engine_constraint(e, field, v, cause)) != 0) {
		free(v);
		return rc;
	}
	engine_store(e, field, v);
	return 0;
}

int
engine_set(engine *e, int field, const char *text, char **cause)
{
	return engine_set_as(e, field, text, false, cause);
}

int
engine_preload(engine *e, int field, const char *text, char **cause)
{
	return engine_set_as(e, field, text, true, cause);
}

void
engine_restore(engine *e, int field, const char *value)
{
	char *cause = NULL;

	if (field < 0 || field >= e->nf ||
	    engine_owner(e, e->at, field) == NULL)
		return;
	if (form_field(e->f, field)->repeat) {
		/* A repeat's value is its number of instances. */
		if (engine_user_repeat(e, field) && engine_repeat_resize(e,
		    field, value != NULL ? (int)strtol(value, NULL, 10) : 0,
		    &cause) != 0)
			free(cause);
		return;
	}
	engine_store(e, field, xstrdup(value != NULL ? value : ""));
}

int
engine_check(const engine *e, int field, char **cause)
{
	const struct form_field *fld;
	const char *v;
	bool req = false;
	int rc;

	if (!engine_relevant(e, field))
		return 0;
	fld = form_field(e->f, field);
	if (fld->type == FORM_GROUP || fld->type == FORM_CALCULATE ||
	    engine_is_meta(fld->type))
		return 0;
	v = engine_seen(e, field);
	if (*v != '\0')
		return engine_constraint(e, field, v, cause);
	if (fld->required == NULL)
		return 0;
	if ((rc = engine_eval_bool(e, fld->required, field, v, &req,
	    cause)) != 0)
		return rc;
	if (!req)
		return 0;
	return engine_refuse(e, fld->required_message,
	    _("Sorry, this response is required."), cause);
}

/*
 * The choices of select_one ${q} (field): one per node of q's repeat
 * seen from the question, named and labelled by q's answer there, kept
 * in e->dyn; the indexes of those offered now into e->choices.
 */
static const int *
choices_of_repeat(engine *e, int field, int *n)
{
	const struct form_field *fld = form_field(e->f, field);
	int rep = form_field(e->f, fld->source)->in_repeat;
	int nl = form_nlangs(e->f) > 0 ? form_nlangs(e->f) : 1, size, k, j;
	const char *const *vals, *v;

	size = engine_nodes(e, rep, &vals);
	if (size > e->ndyn) {
		e->dyn = xreallocarray(e->dyn, (size_t)size, sizeof *e->dyn);
		e->dynlabel = xreallocarray(e->dynlabel, (size_t)size *
		    (size_t)nl, sizeof *e->dynlabel);
		e->ndyn = size;
	}
	if (size > e->nchoices) {
		e->choices = xreallocarray(e->choices, (size_t)size,
		    sizeof *e->choices);
		e->nchoices = size;
	}
	for (k = 0; k < size; k++) {
		bool ok = engine_node_passes(e, field, k, size, &v);

		memset(&e->dyn[k], 0, sizeof e->dyn[k]);
		for (j = 0; j < nl; j++)
			e->dynlabel[k * nl + j] = v;
		e->dyn[k].name = v;
		e->dyn[k].label = &e->dynlabel[k * nl];
		if (ok)
			e->choices[(*n)++] = k;
	}
	engine_order(e, field, e->choices, *n);
	return e->choices;
}

const int *
engine_choices(engine *e, int field, int *n)
{
	const struct form_field *fld;
	int size, c;

	*n = 0;
	if (field < 0 || field >= e->nf)
		return e->choices;
	fld = form_field(e->f, field);
	if (fld->source >= 0)
		return choices_of_repeat(e, field, n);
	if (fld->list < 0)
		return e->choices;
	size = form_list_size(e->f, fld->list);
	if (size > e->nchoices) {
		e->choices = xreallocarray(e->choices, (size_t)size,
		    sizeof *e->choices);
		e->nchoices = size;
	}
	for (c = 0; c < size; c++)
		if (engine_choice_passes(e, field, c))
			e->choices[(*n)++] = c;
	engine_order(e, field, e->choices, *n);
	return e->choices;
}

const struct form_choice *
engine_choice(const engine *e, int field, int c)
{
	const struct form_field *fld = form_field(e->f, field);

	if (fld->source >= 0)
		return c >= 0 && c < e->ndyn ? &e->dyn[c] : NULL;
	return form_choice(e->f, fld->list, c);
}

bool
engine_offers(const engine *ce, int i, const char *name)
{
	engine *e = (engine *)(uintptr_t)ce; /* its scratch arrays only */
	const int *ch;
	int n, k;

	ch = engine_choices(e, i, &n);
	for (k = 0; k < n; k++)
		if (strcmp(engine_choice(e, i, ch[k])->name, name) == 0)
			return true;
	return false;
}

int
engine_finalize(engine *e, char **xml, char **cause)
{
	struct rinst **in = NULL, *was = e->at;
	char *why = NULL, *key;
	int i, k, n, rc = 0;

	*xml = NULL;
	for (i = 0; i < e->nf && rc == 0; i++) {
		n = 0;
		engine_instances(e, &e->root, form_field(e->f, i)->in_repeat,
		    &in, &n);
		for (k = 0; k < n && rc == 0; k++) {
			e->at = in[k];
			if ((rc = engine_check(e, i, &why)) == 0)
				continue;
			key = engine_rkey(e, in[k], i);
			rc = kesu_fail(cause, rc, "%s: %s", key, why);
			free(key);
			free(why);
		}
	}
	free(in);
	e->at = was;
	if (rc != 0)
		return rc;
	for (i = 0; i < e->nf; i++)
		if (form_field(e->f, i)->type == FORM_END)
			engine_store(e, i, engine_stamp(e->now, e->tz));
	*xml = engine_instance_xml(e);
	return 0;
}

char *
engine_xml(const engine *e)
{
	return engine_instance_xml(e);
}
