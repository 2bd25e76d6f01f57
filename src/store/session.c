/*
 * session.c - an engine's interview kept in a draft (see session.h).
 *
 * The session keeps a copy of every stored value by field index, so a
 * commit writes exactly the fields whose value differs from the draft's.
 * Calculates, notes and groups are never stored: the engine derives them.
 */
#include <stdlib.h>
#include <string.h>

#include "store/session.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xalloc.h"

struct store_session {
	store_draft *d;
	engine *e;
	const form *f;
	int n;
	char **saved;   /* [n]: the value the draft holds, NULL for none */
};

/* Is field i an answer the draft keeps? */
static bool
session_kept(const struct form_field *fl)
{
	return fl->type != FORM_GROUP && fl->type != FORM_NOTE &&
	    fl->type != FORM_CALCULATE;
}

/* Is field i one the store may summarise (see store_draft_finalize())? */
static bool
session_summary(const form *f, int i)
{
	enum form_type t = form_field(f, i)->type;

	return t != FORM_GROUP && t != FORM_NOTE;
}

/* The summary fields of e that have a value; *n set.  Caller frees the
 * array (the strings are the engine's). */
static struct store_value *
session_summary_values(const engine *e, size_t *n)
{
	const form *f = engine_form(e);
	struct store_value *sum;
	int i, nf = form_nfields(f);

	sum = xcalloc((size_t)nf + 1, sizeof *sum);
	*n = 0;
	for (i = 0; i < nf; i++) {
		if (!engine_relevant(e, i) || *engine_value(e, i) == '\0' ||
		    !session_summary(f, i))
			continue;
		sum[*n].name = form_field(f, i)->name;
		sum[(*n)++].value = engine_value(e, i);
	}
	return sum;
}

static store_session *
session_alloc(engine *e, store_draft *d)
{
	store_session *ss = xcalloc(1, sizeof *ss);

	ss->e = e;
	ss->d = d;
	ss->f = engine_form(e);
	ss->n = form_nfields(ss->f);
	ss->saved = xcalloc((size_t)ss->n + 1, sizeof *ss->saved);
	return ss;
}

void
store_session_free(store_session **ssp)
{
	store_session *ss = *ssp;
	int i;

	if (ss == NULL)
		return;
	for (i = 0; i < ss->n; i++)
		free(ss->saved[i]);
	free(ss->saved);
	store_draft_free(&ss->d);
	free(ss);
	*ssp = NULL;
}

store_draft *
store_session_draft(store_session *ss)
{
	return ss->d;
}

static const char *
session_question(const store_session *ss)
{
	int cur = engine_current(ss->e);

	return cur < 0 ? STORE_END_SCREEN : form_field(ss->f, cur)->name;
}

static const char *
session_lang(const store_session *ss)
{
	int lang = engine_lang(ss->e);

	return lang >= 0 && lang < form_nlangs(ss->f) ?
	    form_lang_code(ss->f, lang) : "";
}

int
store_session_confirm(store_session *ss, char **cause)
{
	struct store_value *ch;
	int *which, i, rc;
	size_t n = 0, k;

	ch = xcalloc((size_t)ss->n + 1, sizeof *ch);
	which = xcalloc((size_t)ss->n + 1, sizeof *which);
	for (i = 0; i < ss->n; i++) {
		const struct form_field *fl = form_field(ss->f, i);
		const char *v, *old = ss->saved[i] ? ss->saved[i] : "";

		if (!session_kept(fl))
			continue;
		v = engine_value(ss->e, i);
		if (strcmp(v, old) == 0)
			continue;
		ch[n].name = fl->name;
		ch[n].value = v;
		which[n++] = i;
	}
	rc = store_draft_confirm(ss->d, ch, n, session_question(ss),
	    session_lang(ss), cause);
	if (rc == 0) {
		for (k = 0; k < n; k++) {
			free(ss->saved[which[k]]);
			ss->saved[which[k]] = *ch[k].value != '\0' ?
			    xstrdup(ch[k].value) : NULL;
		}
	}
	free(ch);
	free(which);
	return rc;
}

void
store_session_event(store_session *ss, enum store_event ev,
    const char *field, const char *value)
{
	store_draft_event(ss->d, ev, field, value);
}

int
store_session_save(store_session *ss, char **cause)
{
	store_draft_event(ss->d, STORE_EV_SAVE, NULL, NULL);
	/* Answers changed since the last confirm go with it. */
	return store_session_confirm(ss, cause);
}

int
store_session_start(store *s, int64_t form_key, engine *e,
    const char *interviewer, double started, int tz_offset,
    store_session **out, char **cause)
{
	store_draft *d;
	int rc;

	*out = NULL;
	if ((rc = store_draft_new(s, form_key, engine_instance_id(e),
	    interviewer, started, tz_offset, &d, cause)) != 0)
		return rc;
	*out = session_alloc(e, d);
	return 0;
}

int
store_session_resume(store *s, const char *id, const form *f,
    const struct engine_opts *o, engine **ep, store_session **out,
    char **cause)
{
	struct engine_opts opts = *o;
	const struct store_value *v;
	store_session *ss = NULL;
	store_draft *d = NULL;
	engine *e = NULL;
	const char *q;
	size_t nv, k;
	int rc, i, lang;

	*ep = NULL;
	*out = NULL;
	if ((rc = store_draft_resume(s, id, &d, cause)) != 0)
		return rc;
	opts.instance_id = store_draft_instance_id(d);
	opts.now = store_draft_started(d);
	opts.tz_offset = store_draft_tz(d);
	opts.username = store_draft_interviewer(d);
	lang = form_lang_find(f, store_draft_lang(d));
	if (lang >= 0)
		opts.lang = lang;
	if ((rc = engine_new(f, &opts, &e, cause)) != 0) {
		store_draft_free(&d);
		return rc;
	}
	ss = session_alloc(e, d);
	v = store_draft_values(d, &nv);
	/* In form order, so each value meets the state it was given in. */
	for (i = 0; i < ss->n; i++) {
		const struct form_field *fl = form_field(f, i);

		if (!session_kept(fl))
			continue;
		for (k = 0; k < nv; k++) {
			if (strcmp(v[k].name, fl->name) == 0) {
				engine_restore(e, i, v[k].value);
				ss->saved[i] = xstrdup(v[k].value);
				break;
			}
		}
	}
	q = store_draft_question(d);
	if (strcmp(q, STORE_END_SCREEN) == 0)
		engine_goto(e, -1);
	else if (*q != '\0' && (i = form_find(f, q)) >= 0 &&
	    engine_relevant(e, i))
		engine_goto(e, i);
	else
		engine_goto(e, engine_first(e));
	*ep = e;
	*out = ss;
	return 0;
}

int
store_session_finalize(store_session *ss, const char *who, char **xml,
    char **cause)
{
	struct store_value *sum;
	double now;
	char *doc = NULL;
	size_t n = 0;
	int tz, rc;

	if (xml != NULL)
		*xml = NULL;
	if ((rc = clock_now(&now, &tz, cause)) != 0)
		return rc;
	engine_set_now(ss->e, now);
	if ((rc = engine_finalize(ss->e, &doc, cause)) != 0)
		return rc;
	sum = session_summary_values(ss->e, &n);
	rc = store_draft_finalize(ss->d, doc, sum, n, now, who, cause);
	free(sum);
	if (rc == 0 && xml != NULL)
		*xml = doc;
	else
		free(doc);
	return rc;
}

int
store_session_keep(store *s, int64_t form_key, const engine *e,
    const char *xml, const char *who, char **cause)
{
	struct store_value *sum;
	store_draft *d = NULL;
	double now;
	size_t n;
	int tz, rc, end;

	if ((rc = clock_now(&now, &tz, cause)) != 0)
		return rc;
	if ((rc = store_batch_begin(s, cause)) != 0)
		return rc;
	sum = session_summary_values(e, &n);
	rc = store_draft_new(s, form_key, engine_instance_id(e), who, now, tz,
	    &d, cause);
	if (rc == 0)
		rc = store_draft_finalize(d, xml, sum, n, now, who, cause);
	end = store_batch_end(s, rc == 0, rc == 0 ? cause : NULL);
	free(sum);
	store_draft_free(&d);
	return rc != 0 ? rc : end;
}
