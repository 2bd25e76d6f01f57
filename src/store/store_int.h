/*
 * store_int.h - what the files of src/store/ share and nothing else sees:
 * the store struct, its statement cache and transaction helpers.
 */
#ifndef KESU_STORE_INT_H
#define KESU_STORE_INT_H

#include <sqlite3.h>

#include "store/store.h"

/* Between the calculate values in records.summary (ASCII unit
 * separator, which XML text cannot hold). */
#define STORE_SUMMARY_SEP '\x1f'

/* One slot per cached statement; each file passes its own SQL text. */
enum store_slot {
	SLOT_BEGIN,
	SLOT_COMMIT,
	SLOT_ROLLBACK,
	SLOT_ANSWER_OLD,
	SLOT_ANSWER_PUT,
	SLOT_ANSWER_DEL,
	SLOT_DRAFT_POS,
	SLOT_EVENT_ADD,
	SLOT_AUDIT_ADD,
	SLOT_FIELD_ADD,
	SLOT_SYNC_STATE,
	SLOT_COUNT
};

struct store {
	sqlite3 *db;
	char *path;
	int flags;
	int batch;          /* store_batch_begin() depth */
	bool batch_failed;
	sqlite3_stmt *stmt[SLOT_COUNT];
};

/* The cached statement of slot (prepared on first use), reset and with
 * its bindings cleared. */
int store_stmt(store *s, enum store_slot slot, const char *sql,
    sqlite3_stmt **out, char **cause) KESU_WUR;

/* A one-off statement (caller finalizes). */
int store_prepare(store *s, const char *sql, sqlite3_stmt **out,
    char **cause) KESU_WUR;

/*
 * Turn SQLite result rc into a kesu error on *cause: what says what was
 * being done ("saving an answer").  Returns the KESU_E* code.
 */
int store_fail(store *s, int rc, const char *what, char **cause);

/* Write transactions: BEGIN IMMEDIATE / COMMIT / ROLLBACK (joining an
 * open batch instead).  store_commit() rolls back when COMMIT fails. */
int store_begin(store *s, const char *what, char **cause) KESU_WUR;
int store_commit(store *s, const char *what, char **cause) KESU_WUR;
void store_rollback(store *s);

/*
 * Run one bound statement: step st (prepared and bound by the caller) to
 * its end and finalize it, whatever happens; 0, or store_fail()'s code
 * naming what.  store_step_done() runs it in the caller's transaction,
 * store_run() in one of its own (joining an open batch).
 */
int store_step_done(store *s, sqlite3_stmt *st, const char *what,
    char **cause) KESU_WUR;
int store_run(store *s, sqlite3_stmt *st, const char *what, char **cause)
    KESU_WUR;

/* Bind text, NULL for NULL. */
void store_bind_text(sqlite3_stmt *st, int i, const char *v);
/* A column as a heap string ("" for NULL). */
char *store_col_dup(sqlite3_stmt *st, int i);

/* Add an audit row inside the caller's transaction. */
int store_audit_add(store *s, const char *who, const char *action,
    int64_t key, const char *detail, char **cause) KESU_WUR;

/* The schema: create the newest, or migrate from version `from`; both run
 * inside the caller's transaction. */
int store_schema_create(store *s, char **cause) KESU_WUR;
int store_schema_migrate(store *s, int from, char **cause) KESU_WUR;

/* Bare UUID of "uuid:..." or a UUID; NULL when it is not one. */
const char *store_bare_uuid(const char *id);

/* Look up record key by a UUID or unique prefix (see store_record_find). */
int store_record_key(store *s, const char *id, const char *status,
    int64_t *key, char **cause) KESU_WUR;

/* Fill r (cleared first) from a row whose columns 0-10 are, in order,
 * records.id, uuid, status, interviewer, forms.form_id, version,
 * started, tz, ended, duration and records.form (records.c's
 * RECORD_COLUMNS; the review list selects the same first). */
void store_record_fill(sqlite3_stmt *st, struct store_record *r);

#endif
