/*
 * drafts.c - interviews in progress: every confirmed answer committed at
 * once, in one durable transaction, with its paradata.
 *
 * A draft is a records row with status 'draft' and its answers in the
 * answers table (one row per field with a value).  The question shown and
 * the form language are kept on the row, so a draft resumes exactly where
 * it stopped.  Events other than answers (a question shown, navigation)
 * wait in memory and ride along with the next commit: they cost no extra
 * disk flush, and an answer is never delayed by them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pack.h"
#include "store/store_int.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xalloc.h"

struct draft_event {
	const char *kind;
	char *field;
	char *old;
	char *new;
	double wall;
	double mono;
};

struct store_draft {
	store *s;
	int64_t key;
	char iid[42];           /* "uuid:" and the UUID */
	char deprecated[42];    /* "uuid:..." it replaces on the server, or "" */
	int64_t form;
	char *interviewer;
	double started;
	int tz;
	char *question;
	char *lang;
	char *held_field;       /* pending input (store_draft_pending()) */
	char *held;
	bool held_dirty;        /* changed since it was last written */
	int session;
	int64_t seq;            /* last event number written */
	double wall0, mono0;    /* wall = wall0 + (mono - mono0) */

	struct store_value *values; /* owned strings */
	size_t nvalues, cvalues;

	struct draft_event *pending;
	size_t npending, cpending;
};

static const char *const event_kinds[] = {
	[STORE_EV_SHOW] = "show",
	[STORE_EV_NEXT] = "next",
	[STORE_EV_PREV] = "prev",
	[STORE_EV_JUMP] = "jump",
	[STORE_EV_LANG] = "lang",
	[STORE_EV_SAVE] = "save",
	[STORE_EV_RESUME] = "resume",
	[STORE_EV_FINALIZE] = "finalize",
};

static store_draft *
draft_alloc(store *s)
{
	store_draft *d = xcalloc(1, sizeof *d);
	int tz;

	d->s = s;
	d->mono0 = clock_mono();
	if (clock_now(&d->wall0, &tz, NULL) != 0)
		d->wall0 = 0;
	return d;
}

/* Forget the pending events; written says whether they were committed. */
static void
draft_pending_done(store_draft *d, bool written)
{
	size_t i;

	if (written)
		d->seq += (int64_t)d->npending;

	for (i = 0; i < d->npending; i++) {
		free(d->pending[i].field);
		free(d->pending[i].old);
		free(d->pending[i].new);
	}
	d->npending = 0;
}

void
store_draft_free(store_draft **dp)
{
	store_draft *d = *dp;
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->nvalues; i++) {
		free((char *)d->values[i].name);
		free((char *)d->values[i].value);
	}
	free(d->values);
	draft_pending_done(d, false);
	free(d->pending);
	free(d->interviewer);
	free(d->question);
	free(d->lang);
	free(d->held_field);
	free(d->held);
	free(d);
	*dp = NULL;
}

static void
draft_push(store_draft *d, const char *kind, const char *field,
    const char *old, const char *new)
{
	struct draft_event *e;

	if (d->npending == d->cpending) {
		d->cpending = d->cpending ? 2 * d->cpending : 16;
		d->pending = xreallocarray(d->pending, d->cpending,
		    sizeof *d->pending);
	}
	e = &d->pending[d->npending++];
	e->kind = kind;
	e->field = field != NULL ? xstrdup(field) : NULL;
	e->old = old != NULL ? xstrdup(old) : NULL;
	e->new = new != NULL ? xstrdup(new) : NULL;
	e->mono = clock_mono();
	e->wall = d->wall0 + (e->mono - d->mono0);
}

void
store_draft_event(store_draft *d, enum store_event ev, const char *field,
    const char *value)
{
	draft_push(d, event_kinds[ev], field, NULL, value);
}

/* Write the pending events inside the caller's transaction. */
static int
draft_flush_events(store_draft *d, char **cause)
{
	store *s = d->s;
	sqlite3_stmt *st;
	size_t i;
	int rc;

	for (i = 0; i < d->npending; i++) {
		struct draft_event *e = &d->pending[i];

		if ((rc = store_stmt(s, SLOT_EVENT_ADD, "INSERT INTO events "
		    "(record, seq, session, kind, field, old, new, wall, mono) "
		    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", &st, cause)) != 0)
			return rc;
		sqlite3_bind_int64(st, 1, d->key);
		sqlite3_bind_int64(st, 2, d->seq + 1 + (int64_t)i);
		sqlite3_bind_int(st, 3, d->session);
		store_bind_text(st, 4, e->kind);
		store_bind_text(st, 5, e->field);
		store_bind_text(st, 6, e->old);
		store_bind_text(st, 7, e->new);
		sqlite3_bind_double(st, 8, e->wall);
		sqlite3_bind_double(st, 9, e->mono);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return store_fail(s, rc, _("saving an answer"), cause);
	}
	return 0;
}

/* Keep the in-memory copy of the answers in step with the database. */
static void
draft_remember(store_draft *d, const char *name, const char *value)
{
	size_t i;

	for (i = 0; i < d->nvalues; i++)
		if (strcmp(d->values[i].name, name) == 0)
			break;
	if (i < d->nvalues) {
		free((char *)d->values[i].value);
		if (*value == '\0') {
			free((char *)d->values[i].name);
			d->values[i] = d->values[--d->nvalues];
		} else
			d->values[i].value = xstrdup(value);
		return;
	}
	if (*value == '\0')
		return;
	if (d->nvalues == d->cvalues) {
		d->cvalues = d->cvalues ? 2 * d->cvalues : 32;
		d->values = xreallocarray(d->values, d->cvalues,
		    sizeof *d->values);
	}
	d->values[d->nvalues].name = xstrdup(name);
	d->values[d->nvalues].value = xstrdup(value);
	d->nvalues++;
}

static int
draft_set_position(store_draft *d, const char *question, const char *lang,
    const char *what, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(d->s, SLOT_DRAFT_POS, "UPDATE records SET "
	    "question = ?, lang = ?, updated = ? WHERE id = ?", &st,
	    cause)) != 0)
		return rc;
	store_bind_text(st, 1, question != NULL ? question : "");
	store_bind_text(st, 2, lang != NULL ? lang : "");
	sqlite3_bind_double(st, 3, d->wall0 + (clock_mono() - d->mono0));
	sqlite3_bind_int64(st, 4, d->key);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(d->s, rc, what, cause);
	return 0;
}

/* The pending input, when it changed, inside the caller's transaction
 * (rarely: a statement of its own, not cached). */
static int
draft_set_held(store_draft *d, const char *what, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (!d->held_dirty)
		return 0;
	if ((rc = store_prepare(d->s, d->held != NULL ? "INSERT OR REPLACE "
	    "INTO draft_pending (record, field, value) VALUES (?, ?, ?)" :
	    "DELETE FROM draft_pending WHERE record = ?", &st, cause)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, d->key);
	if (d->held != NULL) {
		store_bind_text(st, 2, d->held_field != NULL ?
		    d->held_field : "");
		store_bind_text(st, 3, d->held);
	}
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(d->s, rc, what, cause);
	return 0;
}

static void
draft_set_strings(store_draft *d, const char *question, const char *lang)
{
	char *q = xstrdup(question != NULL ? question : "");
	char *l = xstrdup(lang != NULL ? lang : "");

	free(d->question);
	free(d->lang);
	d->question = q;
	d->lang = l;
}

/* One answer inside the transaction: old value, write, event. */
static int
draft_put(store_draft *d, const struct store_value *v, char **cause)
{
	static const char what[] = N_("saving an answer");
	store *s = d->s;
	sqlite3_stmt *st;
	char *old = NULL;
	const char *new = v->value != NULL ? v->value : "";
	int rc;

	if ((rc = store_stmt(s, SLOT_ANSWER_OLD, "SELECT value FROM answers "
	    "WHERE record = ? AND name = ?", &st, cause)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, d->key);
	store_bind_text(st, 2, v->name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		old = store_col_dup(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, rc, _(what), cause);
	if (strcmp(old != NULL ? old : "", new) == 0) {
		free(old);
		return 0;
	}
	if (*new == '\0')
		rc = store_stmt(s, SLOT_ANSWER_DEL, "DELETE FROM answers "
		    "WHERE record = ? AND name = ?", &st, cause);
	else
		rc = store_stmt(s, SLOT_ANSWER_PUT, "INSERT INTO answers "
		    "(record, name, value) VALUES (?, ?, ?) ON CONFLICT "
		    "(record, name) DO UPDATE SET value = excluded.value",
		    &st, cause);
	if (rc != 0)
		goto out;
	sqlite3_bind_int64(st, 1, d->key);
	store_bind_text(st, 2, v->name);
	if (*new != '\0')
		store_bind_text(st, 3, new);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		rc = store_fail(s, rc, _(what), cause);
		goto out;
	}
	draft_push(d, *new == '\0' ? "clear" : old != NULL ? "change" : "set",
	    v->name, old, new);
	rc = 0;
out:
	free(old);
	return rc;
}

int
store_draft_confirm(store_draft *d, const struct store_value *changes,
    size_t n, const char *question, const char *lang, char **cause)
{
	static const char what[] = N_("saving an answer");
	size_t i, mark = d->npending;
	int rc;

	if ((rc = store_begin(d->s, _(what), cause)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		if ((rc = draft_put(d, &changes[i], cause)) != 0)
			goto fail;
	if ((rc = draft_flush_events(d, cause)) != 0 ||
	    (rc = draft_set_position(d, question, lang, _(what), cause)) != 0 ||
	    (rc = draft_set_held(d, _(what), cause)) != 0 ||
	    (rc = store_commit(d->s, _(what), cause)) != 0)
		goto fail;
	d->held_dirty = false;
	for (i = 0; i < n; i++)
		draft_remember(d, changes[i].name,
		    changes[i].value != NULL ? changes[i].value : "");
	draft_set_strings(d, question, lang);
	draft_pending_done(d, true);
	return 0;
fail:
	store_rollback(d->s);
	/* Drop the answer events of this attempt; keep the earlier ones. */
	while (d->npending > mark) {
		struct draft_event *e = &d->pending[--d->npending];

		free(e->field);
		free(e->old);
		free(e->new);
	}
	return rc;
}

int
store_draft_save(store_draft *d, const char *question, const char *lang,
    char **cause)
{
	return store_draft_confirm(d, NULL, 0, question, lang, cause);
}

int
store_draft_new(store *s, int64_t form_key, const char *instance_id,
    const char *interviewer, double started, int tz_offset,
    store_draft **out, char **cause)
{
	static const char what[] = N_("starting an interview");
	const char *uuid = store_bare_uuid(instance_id);
	store_draft *d;
	sqlite3_stmt *st = NULL;
	int rc;

	*out = NULL;
	if (uuid == NULL)
		return kesu_fail(cause, KESU_EDATA,
		    _("'%s' is not an instance ID (uuid:...)"), instance_id);
	d = draft_alloc(s);
	d->form = form_key;
	d->interviewer = xstrdup(interviewer != NULL ? interviewer : "");
	d->started = started;
	d->tz = tz_offset;
	d->session = 1;
	snprintf(d->iid, sizeof d->iid, "uuid:%s", uuid);
	draft_set_strings(d, "", "");
	if ((rc = store_prepare(s, "INSERT INTO records (uuid, form, status, "
	    "interviewer, started, tz, updated) "
	    "VALUES (?, ?, 'draft', ?, ?, ?, ?)", &st, cause)) != 0)
		goto fail;
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, form_key);
	sqlite3_bind_text(st, 3, d->interviewer, -1, SQLITE_STATIC);
	sqlite3_bind_double(st, 4, started);
	sqlite3_bind_int(st, 5, tz_offset);
	sqlite3_bind_double(st, 6, started);
	if ((rc = store_begin(s, _(what), cause)) != 0)
		goto fail;
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE) {
		if (rc == SQLITE_CONSTRAINT_UNIQUE)
			rc = kesu_fail(cause, KESU_EDATA, _("%s: a record %s "
			    "already exists"), s->path, d->iid);
		else if ((rc & 0xff) == SQLITE_CONSTRAINT)
			rc = kesu_fail(cause, KESU_EDATA,
			    _("%s: no form %lld in the database"), s->path,
			    (long long)form_key);
		else
			rc = store_fail(s, rc, _(what), cause);
		store_rollback(s);
		goto fail;
	}
	d->key = sqlite3_last_insert_rowid(s->db);
	if ((rc = store_audit_add(s, d->interviewer, "status", d->key,
	    "-> draft", cause)) != 0) {
		store_rollback(s);
		goto fail;
	}
	if ((rc = store_commit(s, _(what), cause)) != 0)
		goto fail;
	sqlite3_finalize(st);
	*out = d;
	return 0;
fail:
	sqlite3_finalize(st);
	store_draft_free(&d);
	return rc;
}

static int
draft_load(store_draft *d, char **cause)
{
	store *s = d->s;
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = store_prepare(s, "SELECT uuid, form, interviewer, started, "
	    "tz, question, lang, sessions, (SELECT coalesce(max(seq), 0) "
	    "FROM events WHERE record = records.id), records.deprecated, "
	    "p.field, p.value FROM records LEFT JOIN draft_pending p ON "
	    "p.record = records.id WHERE records.id = ?", &st, cause)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, d->key);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		rc = store_fail(s, rc, _("resuming an interview"), cause);
		goto out;
	}
	snprintf(d->iid, sizeof d->iid, "uuid:%s",
	    (const char *)sqlite3_column_text(st, 0));
	d->form = sqlite3_column_int64(st, 1);
	d->interviewer = store_col_dup(st, 2);
	d->started = sqlite3_column_double(st, 3);
	d->tz = sqlite3_column_int(st, 4);
	d->question = store_col_dup(st, 5);
	d->lang = store_col_dup(st, 6);
	d->session = sqlite3_column_int(st, 7) + 1;
	d->seq = sqlite3_column_int64(st, 8);
	if (sqlite3_column_bytes(st, 9) > 0)
		snprintf(d->deprecated, sizeof d->deprecated, "uuid:%s",
		    (const char *)sqlite3_column_text(st, 9));
	if (sqlite3_column_type(st, 11) != SQLITE_NULL) {
		d->held_field = store_col_dup(st, 10);
		d->held = store_col_dup(st, 11);
	}
	sqlite3_finalize(st);
	if ((rc = store_prepare(s, "SELECT name, value FROM answers "
	    "WHERE record = ?", &st, cause)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, d->key);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		draft_remember(d, (const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1));
	rc = rc == SQLITE_DONE ? 0 :
	    store_fail(s, rc, _("resuming an interview"), cause);
out:
	sqlite3_finalize(st);
	return rc;
}

int
store_draft_resume(store *s, const char *id, store_draft **out, char **cause)
{
	static const char what[] = N_("resuming an interview");
	store_draft *d = draft_alloc(s);
	sqlite3_stmt *st = NULL;
	int rc;

	*out = NULL;
	if ((rc = store_record_key(s, id, "draft", &d->key, cause)) != 0)
		goto fail;
	if ((rc = store_begin(s, _(what), cause)) != 0)
		goto fail;
	if ((rc = draft_load(d, cause)) != 0 ||
	    (rc = store_prepare(s, "UPDATE records SET sessions = ? "
	    "WHERE id = ?", &st, cause)) != 0)
		goto rollback;
	sqlite3_bind_int(st, 1, d->session);
	sqlite3_bind_int64(st, 2, d->key);
	if ((rc = sqlite3_step(st)) != SQLITE_DONE) {
		rc = store_fail(s, rc, _(what), cause);
		goto rollback;
	}
	draft_push(d, "resume", d->question, NULL, d->lang);
	if ((rc = draft_flush_events(d, cause)) != 0)
		goto rollback;
	if ((rc = store_commit(s, _(what), cause)) != 0)
		goto fail;
	draft_pending_done(d, true);
	sqlite3_finalize(st);
	*out = d;
	return 0;
rollback:
	store_rollback(s);
fail:
	sqlite3_finalize(st);
	store_draft_free(&d);
	return rc;
}

int
store_draft_peek(store *s, int64_t key, store_draft **out, char **cause)
{
	store_draft *d = draft_alloc(s);
	int rc;

	*out = NULL;
	d->key = key;
	if ((rc = draft_load(d, cause)) != 0) {
		store_draft_free(&d);
		return rc;
	}
	*out = d;
	return 0;
}

const char *
store_draft_instance_id(const store_draft *d)
{
	return d->iid;
}

const char *
store_draft_deprecated_id(const store_draft *d)
{
	return d->deprecated;
}

int64_t
store_draft_form(const store_draft *d)
{
	return d->form;
}

const char *
store_draft_interviewer(const store_draft *d)
{
	return d->interviewer;
}

double
store_draft_started(const store_draft *d)
{
	return d->started;
}

int
store_draft_tz(const store_draft *d)
{
	return d->tz;
}

const char *
store_draft_question(const store_draft *d)
{
	return d->question;
}

const char *
store_draft_pending(const store_draft *d, const char **field)
{
	*field = d->held_field;
	return d->held;
}

void
store_draft_hold(store_draft *d, const char *field, const char *text)
{
	if (d->held == NULL && text == NULL)
		return;
	free(d->held_field);
	free(d->held);
	d->held_field = text != NULL && field != NULL ? xstrdup(field) :
	    NULL;
	d->held = text != NULL ? xstrdup(text) : NULL;
	d->held_dirty = true;
}

const char *
store_draft_lang(const store_draft *d)
{
	return d->lang;
}

const struct store_value *
store_draft_values(const store_draft *d, size_t *n)
{
	*n = d->nvalues;
	return d->values;
}

static const char *
draft_summary_value(const struct store_value *summary, size_t n,
    const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(summary[i].name, name) == 0)
			return summary[i].value != NULL ? summary[i].value : "";
	return "";
}

static int
draft_add_field(store_draft *d, const char *name, const char *value,
    char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(d->s, SLOT_FIELD_ADD, "INSERT OR REPLACE INTO "
	    "record_fields (record, name, value) VALUES (?, ?, ?)", &st,
	    cause)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, d->key);
	store_bind_text(st, 2, name);
	store_bind_text(st, 3, value);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(d->s, rc, _("finalizing an interview"),
		    cause);
	return 0;
}

/*
 * The summary of a finalized record (schema.c): every calculate into
 * records.summary in form order, the indexed fields into record_fields.
 */
static int
draft_write_summary(store_draft *d, const struct store_value *summary,
    size_t n, char **cause)
{
	store *s = d->s;
	sqlite3_stmt *st = NULL;
	struct buf calc = BUF_INIT;
	bool first = true;
	int rc;

	if ((rc = store_prepare(s, "SELECT name, kind = 'calculate', indexed "
	    "FROM form_fields WHERE form = ? ORDER BY pos", &st, cause)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, d->form);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		const char *v = draft_summary_value(summary, n, name);

		if (sqlite3_column_int(st, 1)) {
			if (!first)
				buf_addch(&calc, STORE_SUMMARY_SEP);
			buf_addstr(&calc, v);
			first = false;
		}
		if (sqlite3_column_int(st, 2) && *v != '\0' &&
		    (rc = draft_add_field(d, name, v, cause)) != 0)
			goto out;
	}
	if (rc != SQLITE_DONE) {
		rc = store_fail(s, rc, _("finalizing an interview"), cause);
		goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	if ((rc = store_prepare(s, "UPDATE records SET summary = ? "
	    "WHERE id = ?", &st, cause)) != 0)
		goto out;
	sqlite3_bind_text(st, 1, calc.data != NULL ? calc.data : "", -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, d->key);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 :
	    store_fail(s, sqlite3_errcode(s->db), _("finalizing an interview"),
	    cause);
out:
	sqlite3_finalize(st);
	buf_free(&calc);
	return rc;
}

/* The finalized instance and its summary rows, inside the transaction. */
static int
draft_write_record(store_draft *d, const char *xml,
    const struct store_value *summary, size_t n, double ended, const char *who,
    char **cause)
{
	static const char what[] = N_("finalizing an interview");
	store *s = d->s;
	sqlite3_stmt *st = NULL;
	struct buf packed = BUF_INIT;
	size_t len = strlen(xml);
	int rc;

	if ((rc = store_prepare(s, "SELECT dict FROM forms WHERE id = ?", &st,
	    cause)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, d->form);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		rc = store_fail(s, rc, _(what), cause);
		goto out;
	}
	pack_deflate(sqlite3_column_blob(st, 0),
	    (size_t)sqlite3_column_bytes(st, 0), xml, len, &packed);
	sqlite3_finalize(st);
	if ((rc = store_prepare(s, "UPDATE records SET status = 'completed', "
	    "xml = ?, xml_len = ?, xml_crc = ?, ended = ?, question = '', "
	    "updated = ?, duration = (SELECT coalesce(sum(d), 0) FROM "
	    "(SELECT max(mono) - min(mono) AS d FROM events WHERE record = ?6 "
	    "GROUP BY session)) WHERE id = ?6 AND status = 'draft'", &st,
	    cause)) != 0)
		goto out;
	sqlite3_bind_blob(st, 1, packed.data, (int)packed.len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)len);
	sqlite3_bind_int64(st, 3, pack_crc(xml, len));
	sqlite3_bind_double(st, 4, ended);
	sqlite3_bind_double(st, 5, ended);
	sqlite3_bind_int64(st, 6, d->key);
	if ((rc = sqlite3_step(st)) != SQLITE_DONE) {
		rc = store_fail(s, rc, _(what), cause);
		goto out;
	}
	if (sqlite3_changes(s->db) != 1) {
		rc = kesu_fail(cause, KESU_EDATA, _("%s: record %s is not a "
		    "draft"), s->path, d->iid);
		goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	if ((rc = store_prepare(s, "DELETE FROM answers WHERE record = ?",
	    &st, cause)) != 0)
		goto out;
	sqlite3_bind_int64(st, 1, d->key);
	if ((rc = sqlite3_step(st)) != SQLITE_DONE) {
		rc = store_fail(s, rc, _(what), cause);
		goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	if ((rc = draft_write_summary(d, summary, n, cause)) != 0)
		goto out;
	rc = store_audit_add(s, who != NULL ? who : d->interviewer, "status",
	    d->key, "draft -> completed", cause);
out:
	sqlite3_finalize(st);
	buf_free(&packed);
	return rc;
}

int
store_draft_finalize(store_draft *d, const char *xml,
    const struct store_value *summary, size_t n, double ended,
    const char *who, char **cause)
{
	static const char what[] = N_("finalizing an interview");
	int rc;

	if ((rc = store_begin(d->s, _(what), cause)) != 0)
		return rc;
	draft_push(d, "finalize", NULL, NULL, NULL);
	if ((rc = draft_flush_events(d, cause)) != 0 ||
	    (rc = draft_write_record(d, xml, summary, n, ended, who,
	    cause)) != 0) {
		store_rollback(d->s);
		d->npending--;
		return rc;
	}
	if ((rc = store_commit(d->s, _(what), cause)) != 0) {
		d->npending--;
		return rc;
	}
	draft_pending_done(d, true);
	return 0;
}
