/*
 * audit.c - who did what, when: status changes, user changes, sync
 * attempts, refused logins.  Rows are only ever added.
 */
#include <stdlib.h>

#include "store/store_int.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xalloc.h"

int
store_audit_add(store *s, const char *who, const char *action, int64_t key,
    const char *detail, char **cause)
{
	sqlite3_stmt *st;
	double now;
	int tz, rc;

	if ((rc = clock_now(&now, &tz, cause)) != 0)
		return rc;
	if ((rc = store_stmt(s, SLOT_AUDIT_ADD, "INSERT INTO audit (at, tz, "
	    "who, action, record, detail) VALUES (?, ?, ?, ?, ?, ?)", &st,
	    cause)) != 0)
		return rc;
	sqlite3_bind_double(st, 1, now);
	sqlite3_bind_int(st, 2, tz);
	store_bind_text(st, 3, who != NULL ? who : "");
	store_bind_text(st, 4, action);
	if (key > 0)
		sqlite3_bind_int64(st, 5, key);
	store_bind_text(st, 6, detail);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, _("writing the audit log"), cause);
	return 0;
}

int
store_audit(store *s, const char *who, const char *action, int64_t key,
    const char *detail, char **cause)
{
	int rc;

	if ((rc = store_begin(s, _("writing the audit log"), cause)) != 0)
		return rc;
	if ((rc = store_audit_add(s, who, action, key, detail, cause)) != 0) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s, _("writing the audit log"), cause);
}

int
store_audit_list(store *s, int64_t key, struct store_audit_row **rows,
    size_t *n, char **cause)
{
	sqlite3_stmt *st = NULL;
	struct store_audit_row *r = NULL;
	size_t cap = 0, len = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if ((rc = store_prepare(s, "SELECT at, tz, who, action, detail "
	    "FROM audit WHERE record IS ?1 OR (?1 IS NULL AND record IS NULL) "
	    "ORDER BY id", &st, cause)) != 0)
		return rc;
	if (key > 0)
		sqlite3_bind_int64(st, 1, key);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? 2 * cap : 8;
			r = xreallocarray(r, cap, sizeof *r);
		}
		r[len].when = sqlite3_column_double(st, 0);
		r[len].tz = sqlite3_column_int(st, 1);
		r[len].who = store_col_dup(st, 2);
		r[len].action = store_col_dup(st, 3);
		r[len].detail = store_col_dup(st, 4);
		len++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_audit_free(r, len);
		return store_fail(s, rc, _("reading the audit log"), cause);
	}
	*rows = r;
	*n = len;
	return 0;
}

void
store_audit_free(struct store_audit_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rows[i].who);
		free(rows[i].action);
		free(rows[i].detail);
	}
	free(rows);
}
