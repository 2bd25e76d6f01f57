/*
 * reopen.c - a rejected record back to its interviewer as a draft.
 *
 * A finalized record keeps its answers only in its instance XML, so the
 * caller reads them back (store_values_parse()) and hands them in; here
 * the status change, the answers and the audit row are one transaction.
 * The instance ID stays when the server does not hold the record (the
 * usual case: uploaded records cannot be rejected, see
 * store_record_set_status()).  A record rejected while its upload was in
 * flight is on the server all the same (records.on_server): its draft
 * gets a new instance ID and remembers the old one, which its next upload
 * names as <deprecatedID>, so the server takes it as an edit rather than
 * answering 409 for other XML under the same ID.
 */
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"
#include "util/i18n.h"
#include "util/uuid.h"
#include "util/xalloc.h"

/* Is record key rejected and owner's? */
static int
reopen_check(store *s, int64_t key, const char *owner, char **cause)
{
	static const char what[] = N_("reopening a record");
	sqlite3_stmt *st = NULL;
	char *status = NULL, *who = NULL;
	int rc;

	if ((rc = store_prepare(s, "SELECT status, interviewer FROM records "
	    "WHERE id = ?", &st, cause)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, key);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		rc = rc == SQLITE_DONE ? kesu_fail(cause, KESU_ENOINPUT,
		    _("%s: no record %lld"), s->path, (long long)key) :
		    store_fail(s, rc, _(what), cause);
		goto out;
	}
	status = store_col_dup(st, 0);
	who = store_col_dup(st, 1);
	if (owner == NULL || strcmp(who, owner) != 0)
		rc = kesu_fail(cause, KESU_ENOPERM, _("only the record's own "
		    "interviewer may reopen it"));
	else if (strcmp(status, "rejected") != 0)
		/* L10N: %s is the record's status. */
		rc = kesu_fail(cause, KESU_EDATA, _("The record is %s; only "
		    "a rejected record can be reopened."),
		    store_status_label(status));
	else
		rc = 0;
out:
	sqlite3_finalize(st);
	free(status);
	free(who);
	return rc;
}

/* Run one statement of the reopen on the record key. */
static int
reopen_run(store *s, const char *sql, int64_t key, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = store_prepare(s, sql, &st, cause)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, key);
	return store_step_done(s, st, _("reopening a record"), cause);
}

/*
 * When the server holds record key as it is, give it a new instance ID
 * and keep the old one as the one its next upload replaces.  *uuid gets
 * the record's UUID either way.
 */
static int
reopen_renew(store *s, int64_t key, char **uuid, char **cause)
{
	sqlite3_stmt *st = NULL;
	char fresh[37];
	bool held;
	int rc;

	if ((rc = store_prepare(s, "SELECT uuid, on_server = uuid FROM "
	    "records WHERE id = ?", &st, cause)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, key);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return store_fail(s, rc, _("reopening a record"), cause);
	}
	*uuid = store_col_dup(st, 0);
	held = sqlite3_column_int(st, 1) != 0;
	sqlite3_finalize(st);
	st = NULL;
	if (!held)
		return 0;
	uuid_v4(fresh);
	if ((rc = store_prepare(s, "UPDATE records SET deprecated = uuid, "
	    "uuid = ? WHERE id = ?", &st, cause)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, fresh, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, key);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, _("reopening a record"), cause);
	free(*uuid);
	*uuid = xstrdup(fresh);
	return 0;
}

int
store_record_reopen(store *s, int64_t key, const char *who,
    const struct store_value *answers, size_t n, char **uuid, char **cause)
{
	static const char what[] = N_("reopening a record");
	sqlite3_stmt *st = NULL;
	char *now_uuid = NULL;
	size_t i;
	int rc;

	if (uuid != NULL)
		*uuid = NULL;
	if ((rc = store_begin(s, _(what), cause)) != 0)
		return rc;
	if ((rc = reopen_check(s, key, who, cause)) != 0 ||
	    (rc = reopen_renew(s, key, &now_uuid, cause)) != 0)
		goto fail;
	/* The summary is written afresh (rescored) when it is completed. */
	if ((rc = reopen_run(s, "UPDATE records SET status = 'draft', "
	    "question = '', updated = strftime('%s', 'now') WHERE id = ?",
	    key, cause)) != 0 ||
	    (rc = reopen_run(s, "DELETE FROM record_fields WHERE record = ?",
	    key, cause)) != 0)
		goto fail;
	if ((rc = store_prepare(s, "INSERT INTO answers (record, name, value) "
	    "VALUES (?, ?, ?) ON CONFLICT (record, name) DO UPDATE SET "
	    "value = excluded.value", &st, cause)) != 0)
		goto fail;
	for (i = 0; i < n; i++) {
		if (answers[i].value == NULL || *answers[i].value == '\0')
			continue;
		sqlite3_bind_int64(st, 1, key);
		store_bind_text(st, 2, answers[i].name);
		store_bind_text(st, 3, answers[i].value);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			rc = store_fail(s, rc, _(what), cause);
			goto fail;
		}
	}
	sqlite3_finalize(st);
	st = NULL;
	if ((rc = store_audit_add(s, who, "status", key, "rejected -> draft",
	    cause)) != 0)
		goto fail;
	if ((rc = store_commit(s, _(what), cause)) != 0)
		goto out;
	if (uuid != NULL) {
		*uuid = now_uuid;
		now_uuid = NULL;
	}
	goto out;
fail:
	sqlite3_finalize(st);
	store_rollback(s);
out:
	free(now_uuid);
	return rc;
}
