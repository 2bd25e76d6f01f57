/*
 * synclog.c - the sync log: one row per upload attempt (time, record,
 * HTTP code, server message).  Rows are only ever added.  Beside it, the
 * sync state of each record tried (its backoff, or its flag for a person),
 * which the due list, the counts for the screens and `kesu show` read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* Add the sync log row of one attempt on key, now, inside the caller's
 * transaction. */
static int
synclog_insert(store *s, int64_t key, long http, const char *message,
    char **cause)
{
	sqlite3_stmt *st = NULL;
	double now;
	int tz, rc;

	if ((rc = clock_now(&now, &tz, cause)) != 0 ||
	    (rc = store_prepare(s, "INSERT INTO sync_log (at, tz, record, "
	    "http, message) VALUES (?, ?, ?, ?, ?)", &st, cause)) != 0)
		return rc;
	sqlite3_bind_double(st, 1, now);
	sqlite3_bind_int(st, 2, tz);
	sqlite3_bind_int64(st, 3, key);
	sqlite3_bind_int64(st, 4, http);
	store_bind_text(st, 5, message != NULL ? message : "");
	return store_step_done(s, st, _("writing the sync log"), cause);
}

int
store_sync_log(store *s, int64_t key, long http, const char *message,
    char **cause)
{
	int rc;

	if ((rc = store_begin(s, _("writing the sync log"), cause)) != 0)
		return rc;
	if ((rc = synclog_insert(s, key, http, message, cause)) != 0) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s, _("writing the sync log"), cause);
}

/* Run one statement binding key (1) and text t (2, may be NULL). */
static int
synclog_run(store *s, const char *sql, int64_t key, const char *t,
    char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = store_prepare(s, sql, &st, cause)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, key);
	if (t != NULL)
		sqlite3_bind_text(st, 2, t, -1, SQLITE_STATIC);
	return store_step_done(s, st, _("writing the sync log"), cause);
}

int
store_sync_uploaded(store *s, int64_t key, const char *uuid, long http,
    const char *message, bool *uploaded, char **cause)
{
	static const char what[] = N_("writing the sync log");
	sqlite3_stmt *st = NULL;
	char *status = NULL, *detail = NULL;
	bool same = false, up = false;
	int rc;

	if (uploaded != NULL)
		*uploaded = false;
	if ((rc = store_begin(s, _(what), cause)) != 0)
		return rc;
	if ((rc = synclog_insert(s, key, http, message, cause)) != 0)
		goto fail;
	if ((rc = synclog_run(s, "UPDATE records SET on_server = ?2 WHERE "
	    "id = ?1", key, uuid, cause)) != 0)
		goto fail;
	if ((rc = store_prepare(s, "SELECT status, uuid = ? FROM records "
	    "WHERE id = ?", &st, cause)) != 0)
		goto fail;
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, key);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		rc = store_fail(s, rc, _(what), cause);
		goto fail;
	}
	status = store_col_dup(st, 0);
	same = sqlite3_column_int(st, 1) != 0;
	sqlite3_finalize(st);
	st = NULL;
	rc = 0;
	up = same && (strcmp(status, "completed") == 0 ||
	    strcmp(status, "approved") == 0);
	if (up) {
		detail = xasprintf("%s -> uploaded: HTTP %ld: %s", status, http,
		    message != NULL ? message : "");
		rc = synclog_run(s, "UPDATE records SET status = 'uploaded', "
		    "updated = strftime('%s', 'now') WHERE id = ?1", key, NULL,
		    cause);
	} else {
		detail = xasprintf("HTTP %ld while %s: the server holds "
		    "uuid:%s", http, status, uuid);
	}
	if (rc != 0 || (rc = store_audit_add(s, "sync", up ? "status" :
	    "sync-on-server", key, detail, cause)) != 0)
		goto fail;
	if ((rc = store_commit(s, _(what), cause)) == 0 && uploaded != NULL)
		*uploaded = up;
	goto out;
fail:
	sqlite3_finalize(st);
	store_rollback(s);
out:
	free(status);
	free(detail);
	return rc;
}

void
store_sync_state_clear(struct store_sync_state *st)
{
	free(st->message);
	memset(st, 0, sizeof *st);
}

int
store_sync_state_get(store *s, int64_t key, struct store_sync_state *out,
    char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc;

	memset(out, 0, sizeof *out);
	/* Cached: kesu list reads it once per record. */
	if ((rc = store_stmt(s, SLOT_SYNC_STATE, "SELECT tries, next_try, "
	    "flagged, http, message FROM sync_state WHERE record = ?", &st,
	    cause)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->tries = sqlite3_column_int(st, 0);
		out->next_try = sqlite3_column_double(st, 1);
		out->flagged = sqlite3_column_int(st, 2) != 0;
		out->http = (long)sqlite3_column_int64(st, 3);
		out->message = store_col_dup(st, 4);
		rc = SQLITE_DONE;
	} else
		out->message = xstrdup("");
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		store_sync_state_clear(out);
		return store_fail(s, rc, _("reading the sync state"), cause);
	}
	return 0;
}

/* Insert or replace the state row of key inside the caller's
 * transaction. */
static int
synclog_put(store *s, int64_t key, int tries, double next_try, bool flagged,
    long http, const char *message, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = store_prepare(s, "INSERT OR REPLACE INTO sync_state (record, "
	    "tries, next_try, flagged, http, message) VALUES (?, ?, ?, ?, ?, "
	    "?)", &st, cause)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, key);
	sqlite3_bind_int(st, 2, tries);
	sqlite3_bind_double(st, 3, next_try);
	sqlite3_bind_int(st, 4, flagged ? 1 : 0);
	sqlite3_bind_int64(st, 5, http);
	store_bind_text(st, 6, message != NULL ? message : "");
	return store_step_done(s, st, _("writing the sync state"), cause);
}

int
store_sync_outcome(store *s, int64_t key, long http, const char *message,
    bool flagged, int tries, double next_try, char **cause)
{
	char *detail = NULL;
	int rc;

	if ((rc = store_begin(s, _("writing the sync log"), cause)) != 0)
		return rc;
	if ((rc = synclog_insert(s, key, http, message, cause)) != 0)
		goto out;
	detail = xasprintf("HTTP %ld: %s", http, message ? message : "");
	if ((rc = synclog_put(s, key, tries, next_try, flagged, http, message,
	    cause)) != 0 || (rc = store_audit_add(s, "sync", flagged ?
	    "sync-flagged" : "sync-retry", key, detail, cause)) != 0)
		goto out;
	free(detail);
	return store_commit(s, _("writing the sync log"), cause);
out:
	free(detail);
	store_rollback(s);
	return rc;
}

int
store_sync_unflag(store *s, int64_t key, const char *who, char **cause)
{
	struct store_sync_state st;
	struct store_record r;
	char *detail = NULL;
	int rc;

	memset(&r, 0, sizeof r);
	if ((rc = store_begin(s, _("clearing a sync flag"), cause)) != 0)
		return rc;
	if ((rc = store_sync_state_get(s, key, &st, cause)) != 0)
		goto out;
	if (!st.flagged && st.tries == 0) {
		rc = kesu_fail(cause, KESU_EDATA, _("the record is neither "
		    "flagged nor waiting to be retried"));
		goto out;
	}
	detail = xasprintf("HTTP %ld: %s", st.http, st.message);
	if ((rc = synclog_put(s, key, 0, 0, false, st.http, st.message,
	    cause)) == 0)
		rc = store_audit_add(s, who, "sync-cleared", key, detail,
		    cause);
out:
	store_sync_state_clear(&st);
	free(detail);
	if (rc != 0) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s, _("clearing a sync flag"), cause);
}

int
store_sync_due(store *s, bool approved_only, double now,
    struct store_sync_due *out, char **cause)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	double next;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = store_prepare(s, "SELECT r.id, coalesce(x.flagged, 0), "
	    "coalesce(x.next_try, 0), EXISTS (SELECT 1 FROM handovers h "
	    "WHERE h.record = r.id) FROM records r LEFT JOIN sync_state x "
	    "ON x.record = r.id WHERE r.status = 'approved' OR "
	    "(r.status = 'completed' AND ? = 0) ORDER BY r.started, r.id",
	    &st, cause)) != 0)
		return rc;
	sqlite3_bind_int(st, 1, approved_only ? 1 : 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_int(st, 3) != 0) {
			out->handed++;
			continue;
		}
		if (sqlite3_column_int(st, 1) != 0) {
			out->flagged++;
			continue;
		}
		next = sqlite3_column_double(st, 2);
		if (next > now) {
			if (out->waiting++ == 0 || next < out->next_try)
				out->next_try = next;
			continue;
		}
		if (out->n == cap) {
			cap = cap ? cap * 2 : 64;
			out->keys = xreallocarray(out->keys, cap,
			    sizeof *out->keys);
		}
		out->keys[out->n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(out->keys);
		memset(out, 0, sizeof *out);
		return store_fail(s, rc, _("listing the records due"), cause);
	}
	return 0;
}

void
store_sync_pending_clear(struct store_sync_pending *p)
{
	free(p->last_message);
	memset(p, 0, sizeof *p);
}

int
store_sync_pending(store *s, bool approved_only, double now,
    struct store_sync_pending *out, char **cause)
{
	struct store_sync_due d;
	sqlite3_stmt *st = NULL;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = store_sync_due(s, approved_only, now, &d, cause)) != 0)
		return rc;
	out->due = d.n;
	out->waiting = d.waiting;
	out->flagged = d.flagged;
	out->handed = d.handed;
	out->next_try = d.next_try;
	free(d.keys);
	if ((rc = store_prepare(s, "SELECT count(*) FROM records WHERE "
	    "status = 'uploaded'", &st, cause)) != 0)
		return rc;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->uploaded = (size_t)sqlite3_column_int64(st, 0);
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc != SQLITE_DONE)
		goto fail;
	if ((rc = store_prepare(s, "SELECT l.at, l.tz, l.http, l.message, "
	    "r.uuid FROM sync_log l JOIN records r ON r.id = l.record "
	    "ORDER BY l.id DESC LIMIT 1", &st, cause)) != 0)
		return rc;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->has_last = true;
		out->last_at = sqlite3_column_double(st, 0);
		out->last_tz = sqlite3_column_int(st, 1);
		out->last_http = (long)sqlite3_column_int64(st, 2);
		out->last_message = store_col_dup(st, 3);
		snprintf(out->last_uuid, sizeof out->last_uuid, "%s",
		    (const char *)sqlite3_column_text(st, 4));
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return 0;
fail:
	store_sync_pending_clear(out);
	return store_fail(s, rc, _("counting the records to upload"), cause);
}

int
store_sync_unflag_all(store *s, const char *who, size_t *n, char **cause)
{
	sqlite3_stmt *st = NULL;
	int64_t key;
	char *detail;
	int rc;

	*n = 0;
	if ((rc = store_begin(s, _("clearing a sync flag"), cause)) != 0)
		return rc;
	if ((rc = store_prepare(s, "SELECT x.record, x.http, x.message FROM "
	    "sync_state x JOIN records r ON r.id = x.record WHERE (x.flagged "
	    "OR x.tries > 0) AND r.status IN ('completed', 'approved') ORDER "
	    "BY x.record", &st, cause)) != 0)
		goto fail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		key = sqlite3_column_int64(st, 0);
		detail = xasprintf("HTTP %lld: %s",
		    (long long)sqlite3_column_int64(st, 1),
		    (const char *)sqlite3_column_text(st, 2));
		rc = store_audit_add(s, who, "sync-cleared", key, detail,
		    cause);
		free(detail);
		if (rc != 0)
			goto fail;
		(*n)++;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc != SQLITE_DONE) {
		rc = store_fail(s, rc, _("clearing a sync flag"), cause);
		goto fail;
	}
	if ((rc = store_prepare(s, "UPDATE sync_state SET tries = 0, "
	    "next_try = 0, flagged = 0 WHERE record IN (SELECT id FROM "
	    "records WHERE status IN ('completed', 'approved'))", &st,
	    cause)) != 0)
		goto fail;
	rc = store_step_done(s, st, _("clearing a sync flag"), cause);
	st = NULL;
	if (rc != 0)
		goto fail;
	return store_commit(s, _("clearing a sync flag"), cause);
fail:
	sqlite3_finalize(st);
	store_rollback(s);
	*n = 0;
	return rc;
}
