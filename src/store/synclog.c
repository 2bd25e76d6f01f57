/*
 * synclog.c - the sync log: one row per upload attempt (time, record,
 * HTTP code, server message).  Rows are only ever added.
 */
#include "store/store_int.h"
#include "util/clock.h"
#include "util/i18n.h"

int
store_sync_log(store *s, int64_t key, long http, const char *message,
    char **cause)
{
	sqlite3_stmt *st = NULL;
	double now;
	int tz, rc;

	if ((rc = clock_now(&now, &tz, cause)) != 0)
		return rc;
	if ((rc = store_begin(s, _("writing the sync log"), cause)) != 0)
		return rc;
	rc = sqlite3_prepare_v2(s->db, "INSERT INTO sync_log (at, tz, record, "
	    "http, message) VALUES (?, ?, ?, ?, ?)", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_double(st, 1, now);
		sqlite3_bind_int(st, 2, tz);
		sqlite3_bind_int64(st, 3, key);
		sqlite3_bind_int64(st, 4, http);
		store_bind_text(st, 5, message != NULL ? message : "");
		rc = sqlite3_step(st);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_rollback(s);
		return store_fail(s, rc, _("writing the sync log"), cause);
	}
	return store_commit(s, _("writing the sync log"), cause);
}
