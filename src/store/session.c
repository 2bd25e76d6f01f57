/*
 * session.c - an engine's interview kept in a draft (see session.h).
 *
 * The session keeps a copy of every stored value by key (engine.h: "age",
 * "member[2]/age", and "member" for the number of members), so a commit
 * writes exactly the keys whose value differs from the draft's, and
 * clears the keys that are gone (a deleted instance).  Calculates, notes
 * and groups are never stored: the engine derives them.  Resuming gives
 * the keys back in form order, so a repeat's count makes its instances
 * before their answers come.
 */
#include <stdlib.h>
#include <string.h>

#include "store/session.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* A key and its value, both owned. */
struct session_kv {
	char *key;
	char *value;
	int field;
	bool seen;      /* still in the engine (during a confirm) */
};

struct session_kvs {
	struct session_kv *v;
	size_t n, cap;
};

struct store_session {
	store_draft *d;
	engine *e;
	const form *f;
	struct session_kvs saved; /* what the draft holds */
	size_t hint;              /* where the next lookup starts */
};

/* Is field i an answer the draft keeps (a repeat: its count)? */
static bool
session_kept(const struct form_field *fl)
{
	return fl->repeat || (fl->type != FORM_GROUP &&
	    fl->type != FORM_NOTE && fl->type != FORM_CALCULATE);
}

static void
session_kv_add(struct session_kvs *l, const char *key, const char *value,
    int field)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 32;
		l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
	}
	l->v[l->n].key = xstrdup(key);
	l->v[l->n].value = xstrdup(value);
	l->v[l->n].field = field;
	l->v[l->n].seen = false;
	l->n++;
}

static void
session_kvs_free(struct session_kvs *l)
{
	size_t k;

	for (k = 0; k < l->n; k++) {
		free(l->v[k].key);
		free(l->v[k].value);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* The saved entry for key, or NULL; lookups in document order are
 * cheap (each starts where the last one matched). */
static struct session_kv *
session_find(store_session *ss, const char *key)
{
	size_t k, n = ss->saved.n;

	for (k = 0; k < n; k++) {
		size_t at = (ss->hint + k) % n;

		if (strcmp(ss->saved.v[at].key, key) == 0) {
			ss->hint = at + 1;
			return &ss->saved.v[at];
		}
	}
	return NULL;
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
		if (form_field(f, i)->in_repeat >= 0 ||
		    form_field(f, i)->repeat || !engine_relevant(e, i) ||
		    *engine_value(e, i) == '\0' || !session_summary(f, i))
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
	return ss;
}

void
store_session_free(store_session **ssp)
{
	store_session *ss = *ssp;

	if (ss == NULL)
		return;
	session_kvs_free(&ss->saved);
	store_draft_free(&ss->d);
	free(ss);
	*ssp = NULL;
}

store_draft *
store_session_draft(store_session *ss)
{
	return ss->d;
}

/* The key of the question shown, or the end screen's mark; caller
 * frees. */
static char *
session_question(const store_session *ss)
{
	int cur = engine_current(ss->e);

	return cur < 0 ? xstrdup(STORE_END_SCREEN) : engine_key(ss->e, cur);
}

static const char *
session_lang(const store_session *ss)
{
	int lang = engine_lang(ss->e);

	return lang >= 0 && lang < form_nlangs(ss->f) ?
	    form_lang_code(ss->f, lang) : "";
}

/* The engine's current keys and values (engine_each). */
static void
session_collect(void *arg, int field, const char *key, const char *value)
{
	struct session_kvs *now = arg;

	(void)field;
	session_kv_add(now, key, value, field);
}

int
store_session_confirm(store_session *ss, char **cause)
{
	struct session_kvs now = { NULL, 0, 0 };
	struct store_value *ch;
	struct session_kv *old;
	char *question;
	size_t n = 0, k;
	int rc;

	engine_each(ss->e, session_collect, &now);
	ch = xcalloc(now.n + ss->saved.n + 1, sizeof *ch);
	for (k = 0; k < ss->saved.n; k++)
		ss->saved.v[k].seen = false;
	for (k = 0; k < now.n; k++) {
		const struct session_kv *kv = &now.v[k];

		if (!session_kept(form_field(ss->f, kv->field)))
			continue;
		old = session_find(ss, kv->key);
		if (old != NULL)
			old->seen = true;
		if (old != NULL && strcmp(old->value, kv->value) == 0)
			continue;
		ch[n].name = kv->key;
		ch[n++].value = kv->value;
	}
	/* Keys the engine no longer has: cleared answers, lost instances. */
	for (k = 0; k < ss->saved.n; k++)
		if (!ss->saved.v[k].seen) {
			ch[n].name = ss->saved.v[k].key;
			ch[n++].value = "";
		}
	question = session_question(ss);
	rc = store_draft_confirm(ss->d, ch, n, question, session_lang(ss),
	    cause);
	free(question);
	if (rc == 0) {
		struct session_kvs keep = { NULL, 0, 0 };

		for (k = 0; k < now.n; k++)
			if (session_kept(form_field(ss->f, now.v[k].field)))
				session_kv_add(&keep, now.v[k].key,
				    now.v[k].value, now.v[k].field);
		session_kvs_free(&ss->saved);
		ss->saved = keep;
		ss->hint = 0;
	}
	free(ch);
	session_kvs_free(&now);
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

/* A draft's value with the field its key ends in, for ordering. */
struct session_ord {
	const struct store_value *kv;
	int field;
};

/* Form order of the field, then the key's instance numbers in order
 * ("m[2]/a" before "m[10]/a"). */
static int
session_order_cmp(const void *pa, const void *pb)
{
	const struct session_ord *a = pa, *b = pb;
	const char *x = a->kv->name, *y = b->kv->name;

	if (a->field != b->field)
		return a->field < b->field ? -1 : 1;
	while (*x != '\0' && *y != '\0') {
		if (*x >= '0' && *x <= '9' && *y >= '0' && *y <= '9') {
			long m = strtol(x, (char **)&x, 10);
			long n = strtol(y, (char **)&y, 10);

			if (m != n)
				return m < n ? -1 : 1;
			continue;
		}
		if (*x != *y)
			return (unsigned char)*x < (unsigned char)*y ? -1 : 1;
		x++;
		y++;
	}
	return (unsigned char)*x - (unsigned char)*y;
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
	struct session_ord *order;
	const char *q;
	char *why = NULL;
	size_t nv, k;
	int rc, i, lang;

	*ep = NULL;
	*out = NULL;
	if ((rc = store_draft_resume(s, id, &d, cause)) != 0)
		return rc;
	opts.instance_id = store_draft_instance_id(d);
	opts.deprecated_id = store_draft_deprecated_id(d);
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
	/* In form order, so each value meets the state it was given in,
	 * and a repeat's count comes before its instances' answers. */
	order = xcalloc(nv + 1, sizeof *order);
	for (k = 0; k < nv; k++) {
		const char *last = strrchr(v[k].name, '/');

		order[k].kv = &v[k];
		order[k].field = form_find(f, last != NULL ? last + 1 :
		    v[k].name);
	}
	qsort(order, nv, sizeof *order, session_order_cmp);
	for (k = 0; k < nv; k++) {
		if (order[k].field < 0 ||
		    !session_kept(form_field(f, order[k].field)))
			continue;
		if ((i = engine_seek(e, order[k].kv->name, true, &why)) < 0) {
			free(why);
			why = NULL;
			continue;
		}
		engine_restore(e, i, order[k].kv->value);
		session_kv_add(&ss->saved, order[k].kv->name,
		    order[k].kv->value, i);
	}
	free(order);
	q = store_draft_question(d);
	if (strcmp(q, STORE_END_SCREEN) == 0)
		engine_goto(e, -1);
	else if (*q != '\0' && (i = engine_seek(e, q, false, &why)) >= 0 &&
	    engine_shown(e, i))
		;
	else
		engine_goto(e, engine_first(e));
	free(why);
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
	/* Started when the instance's <start> says, to the millisecond. */
	rc = store_draft_new(s, form_key, engine_instance_id(e), who,
	    engine_started(e), engine_tz(e), &d, cause);
	if (rc == 0)
		rc = store_draft_finalize(d, xml, sum, n, now, who, cause);
	end = store_batch_end(s, rc == 0, rc == 0 ? cause : NULL);
	free(sum);
	store_draft_free(&d);
	return rc != 0 ? rc : end;
}
