/*
 * home.c - the lists the interviewer's home screen shows (store.h), read
 * here so that the screen runs no SQL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static void
home_uuid(sqlite3_stmt *st, int i, char out[37])
{
	const char *u = (const char *)sqlite3_column_text(st, i);

	snprintf(out, 37, "%s", u != NULL ? u : "");
}

static int
home_drafts(store *s, const char *who, struct store_home *h, char **cause)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	if ((rc = store_prepare(s, "SELECT uuid, interviewer, question, "
	    "updated, tz, id FROM records WHERE status = 'draft' AND "
	    "(?1 IS NULL OR interviewer = ?1) ORDER BY updated DESC, id DESC",
	    &st, cause)) != 0)
		return rc;
	store_bind_text(st, 1, who);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_home_draft *d;

		if (h->ndrafts == cap) {
			cap = cap ? 2 * cap : 8;
			h->drafts = xreallocarray(h->drafts, cap,
			    sizeof *h->drafts);
		}
		d = &h->drafts[h->ndrafts++];
		home_uuid(st, 0, d->uuid);
		d->interviewer = store_col_dup(st, 1);
		d->question = store_col_dup(st, 2);
		d->updated = sqlite3_column_double(st, 3);
		d->tz = sqlite3_column_int(st, 4);
		d->key = sqlite3_column_int64(st, 5);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, rc, _("reading drafts"),
	    cause);
}

/* The comment of a status audit detail "FROM -> rejected: COMMENT". */
static char *
home_comment(const char *detail)
{
	const char *p = strstr(detail, "-> rejected: ");

	return xstrdup(p != NULL ? p + strlen("-> rejected: ") : "");
}

static int
home_rejected(store *s, const char *who, struct store_home *h, char **cause)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	if ((rc = store_prepare(s, "SELECT r.uuid, r.interviewer, a.who, "
	    "a.detail, a.at, a.tz FROM records r LEFT JOIN audit a ON a.id = "
	    "(SELECT max(id) FROM audit WHERE record = r.id AND "
	    "action = 'status') WHERE r.status = 'rejected' AND "
	    "(?1 IS NULL OR r.interviewer = ?1) ORDER BY a.at DESC, r.id DESC",
	    &st, cause)) != 0)
		return rc;
	store_bind_text(st, 1, who);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_home_rejected *j;
		char *detail;

		if (h->nrejected == cap) {
			cap = cap ? 2 * cap : 8;
			h->rejected = xreallocarray(h->rejected, cap,
			    sizeof *h->rejected);
		}
		j = &h->rejected[h->nrejected++];
		home_uuid(st, 0, j->uuid);
		j->interviewer = store_col_dup(st, 1);
		j->who = store_col_dup(st, 2);
		detail = store_col_dup(st, 3);
		j->comment = home_comment(detail);
		free(detail);
		j->when = sqlite3_column_double(st, 4);
		j->tz = sqlite3_column_int(st, 5);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, rc,
	    _("reading rejected records"), cause);
}

int
store_home_status(store *s, struct store_home *h, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = store_prepare(s, "SELECT count(*) FROM records WHERE "
	    "status IN ('completed', 'approved')", &st, cause)) != 0)
		return rc;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		h->waiting = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return store_fail(s, rc, _("reading records"), cause);
	if ((rc = store_prepare(s, "SELECT at, tz, http, message FROM "
	    "sync_log ORDER BY id DESC LIMIT 1", &st, cause)) != 0)
		return rc;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		h->synced = true;
		h->sync_at = sqlite3_column_double(st, 0);
		h->sync_tz = sqlite3_column_int(st, 1);
		h->sync_http = (long)sqlite3_column_int64(st, 2);
		h->sync_message = store_col_dup(st, 3);
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, rc,
	    _("reading the sync log"), cause);
}

int
store_home_get(store *s, const char *interviewer, struct store_home *out,
    char **cause)
{
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = home_drafts(s, interviewer, out, cause)) != 0 ||
	    (rc = home_rejected(s, interviewer, out, cause)) != 0 ||
	    (rc = store_home_status(s, out, cause)) != 0)
		store_home_clear(out);
	return rc;
}

void
store_home_clear(struct store_home *h)
{
	size_t i;

	for (i = 0; i < h->ndrafts; i++) {
		free(h->drafts[i].interviewer);
		free(h->drafts[i].question);
	}
	for (i = 0; i < h->nrejected; i++) {
		free(h->rejected[i].interviewer);
		free(h->rejected[i].who);
		free(h->rejected[i].comment);
	}
	free(h->drafts);
	free(h->rejected);
	free(h->sync_message);
	memset(h, 0, sizeof *h);
}
