/*
 * schema.c - the tables of a kesu database and their forward migrations.
 *
 * Version 1 is written exactly as it first shipped and never edited;
 * each later version is a step from the one before.  A new database runs
 * every step in order, an old one the steps it lacks, all inside one
 * transaction (db.c), so a migration is never left half-done.
 *
 * Version 1: forms, their field kinds, users, records (drafts and
 *   finalized), draft answers, summary fields, audit.
 * Version 2: paradata (events per record, wall-clock and monotonic
 *   times per session), records.sessions, and the (name, value) index on
 *   summary fields that domain reports filter on.
 * Version 3: the sync log.
 * Version 4: user names without case; the last supervisor is kept.
 * Version 5: per-record sync state (backoff, flags).
 * Version 6: indexes for the review list's sort orders (duration,
 *   interviewer).
 * Version 7: PIN throttling columns of users.
 * Version 8: review: each finished record's quality figures from its XML
 *   (record_quality), so lists and summaries read no XML.
 * Version 9: what the server holds of each record (on_server) and the
 *   instance its next upload replaces (deprecated).
 * Version 10: the survey's sample of households and every visit to one
 *   (sample.c).
 * Version 11: a draft's pending input (draft_pending).
 * Version 12: transfer by file: records handed over (handovers) and the
 *   file copies of records that differ from the one here
 *   (transfer_conflicts).
 * Version 13: forms' media files (form_media), kept beside each version.
 * Version 15: an index of the interviews that ended early
 *   (record_quality_early), for the median duration.
 *
 * Summary fields, for lists and reports without inflating XML:
 * - records.summary holds every calculate value of the record, in its
 *   form's order (form_fields.pos), separated by US (0x1f): one read per
 *   record, so a list of 100,000 records is one pass over one table;
 * - record_fields holds, as (name, value) rows indexed on (name, value),
 *   the fields reports filter and group by (form_fields.indexed): the
 *   answers of any type (text, dates, selects, numbers) that no
 *   calculation reads (demographics, design variables; PSU codes are
 *   often text) and the calculates no other
 *   calculate reads (scores, bands, literate).
 * Not a wide table per form: forms change each survey round and records
 * of several versions live side by side; rows need no DDL at run time.
 * The columns every list needs (status, interviewer, times, form) are
 * real columns of records.  Events are clustered by record (WITHOUT
 * ROWID, no second index), so an answer's commit writes few pages.
 */
#include <stdio.h>

#include "store/store_int.h"
#include "util/i18n.h"

static const char schema_v1[] =
    "CREATE TABLE forms ("
    " id INTEGER PRIMARY KEY,"
    " form_id TEXT NOT NULL,"
    " version TEXT NOT NULL DEFAULT '',"
    " sha256 TEXT NOT NULL UNIQUE,"
    " filename TEXT NOT NULL,"
    " source BLOB NOT NULL,"
    " dict BLOB NOT NULL,"
    " added REAL NOT NULL);"
    "CREATE TABLE form_fields ("
    " form INTEGER NOT NULL REFERENCES forms(id),"
    " pos INTEGER NOT NULL,"
    " name TEXT NOT NULL,"
    " kind TEXT NOT NULL,"
    " indexed INTEGER NOT NULL DEFAULT 0,"
    " PRIMARY KEY (form, pos)) WITHOUT ROWID;"
    "CREATE TABLE users ("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL UNIQUE,"
    " role TEXT NOT NULL CHECK (role IN ('interviewer', 'supervisor')),"
    " pin_hash TEXT NOT NULL,"
    " disabled INTEGER NOT NULL DEFAULT 0,"
    " created REAL NOT NULL);"
    "CREATE TABLE records ("
    " id INTEGER PRIMARY KEY,"
    " uuid TEXT NOT NULL UNIQUE,"
    " form INTEGER NOT NULL REFERENCES forms(id),"
    " status TEXT NOT NULL CHECK (status IN ('draft', 'completed',"
    "  'approved', 'rejected', 'uploaded')),"
    " interviewer TEXT NOT NULL DEFAULT '',"
    " started REAL NOT NULL,"
    " tz INTEGER NOT NULL DEFAULT 0,"
    " ended REAL,"
    " duration REAL,"
    " question TEXT NOT NULL DEFAULT '',"
    " lang TEXT NOT NULL DEFAULT '',"
    " xml BLOB,"
    " xml_len INTEGER,"
    " xml_crc INTEGER,"
    " summary TEXT,"
    " updated REAL NOT NULL);"
    "CREATE INDEX records_status ON records (status, started);"
    "CREATE INDEX records_started ON records (started);"
    "CREATE TABLE answers ("
    " record INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,"
    " name TEXT NOT NULL,"
    " value TEXT NOT NULL,"
    " PRIMARY KEY (record, name)) WITHOUT ROWID;"
    "CREATE TABLE record_fields ("
    " record INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,"
    " name TEXT NOT NULL,"
    " value TEXT NOT NULL,"
    " PRIMARY KEY (record, name)) WITHOUT ROWID;"
    "CREATE TABLE audit ("
    " id INTEGER PRIMARY KEY,"
    " at REAL NOT NULL,"
    " tz INTEGER NOT NULL DEFAULT 0,"
    " who TEXT NOT NULL DEFAULT '',"
    " action TEXT NOT NULL,"
    " record INTEGER REFERENCES records(id),"
    " detail TEXT);"
    "CREATE INDEX audit_record ON audit (record, id);"
    "PRAGMA application_id = 1262834517;"
    "PRAGMA user_version = 1;";

static const char schema_v2[] =
    "CREATE TABLE events ("
    " record INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,"
    " seq INTEGER NOT NULL,"
    " session INTEGER NOT NULL,"
    " kind TEXT NOT NULL,"
    " field TEXT,"
    " old TEXT,"
    " new TEXT,"
    " wall REAL NOT NULL,"
    " mono REAL NOT NULL,"
    " PRIMARY KEY (record, seq)) WITHOUT ROWID;"
    "ALTER TABLE records ADD COLUMN sessions INTEGER NOT NULL DEFAULT 1;"
    "CREATE INDEX record_fields_value ON record_fields (name, value);"
    "PRAGMA user_version = 2;";

/* sync: every upload attempt, with the server's answer. */
static const char schema_v3[] =
    "CREATE TABLE sync_log ("
    " id INTEGER PRIMARY KEY,"
    " at REAL NOT NULL,"
    " tz INTEGER NOT NULL DEFAULT 0,"
    " record INTEGER NOT NULL REFERENCES records(id),"
    " http INTEGER NOT NULL,"
    " message TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX sync_log_record ON sync_log (record, id);"
    "PRAGMA user_version = 3;";

/*
 * users: a name is one name whatever its ASCII case ('li' and 'LI'), and
 * the last active supervisor can be neither disabled nor demoted.  Names
 * that an older kesu let differ only by case stay as they are (each logs
 * in by its exact spelling; users.c); no new such pair can be made.
 */
static const char schema_v4[] =
    "CREATE INDEX users_name_nocase ON users (name COLLATE NOCASE);"
    "CREATE TRIGGER users_name_case BEFORE INSERT ON users"
    " WHEN EXISTS (SELECT 1 FROM users WHERE name = NEW.name COLLATE NOCASE)"
    " BEGIN SELECT RAISE(ABORT, 'user name taken'); END;"
    "CREATE TRIGGER users_rename_case BEFORE UPDATE OF name ON users"
    " WHEN EXISTS (SELECT 1 FROM users WHERE name = NEW.name COLLATE NOCASE"
    "  AND id <> NEW.id)"
    " BEGIN SELECT RAISE(ABORT, 'user name taken'); END;"
    "CREATE TRIGGER users_keep_supervisor"
    " BEFORE UPDATE OF disabled, role ON users"
    " WHEN OLD.role = 'supervisor' AND OLD.disabled = 0"
    "  AND (NEW.disabled <> 0 OR NEW.role <> 'supervisor')"
    "  AND NOT EXISTS (SELECT 1 FROM users WHERE id <> OLD.id"
    "  AND role = 'supervisor' AND disabled = 0)"
    " BEGIN SELECT RAISE(ABORT, 'the last active supervisor'); END;"
    "PRAGMA user_version = 4;";

/* sync: per-record backoff (retry-later outcomes in a row, the time of the
 * next try) and the flag for a person; flags audited before carry over. */
static const char schema_v5[] =
    "CREATE TABLE sync_state ("
    " record INTEGER PRIMARY KEY REFERENCES records(id),"
    " tries INTEGER NOT NULL DEFAULT 0,"
    " next_try REAL NOT NULL DEFAULT 0,"
    " flagged INTEGER NOT NULL DEFAULT 0,"
    " http INTEGER NOT NULL DEFAULT 0,"
    " message TEXT NOT NULL DEFAULT '');"
    "INSERT OR REPLACE INTO sync_state (record, flagged, http, message)"
    " SELECT record, 1, CAST(substr(detail, 6) AS INTEGER),"
    "  substr(coalesce(detail, ''), instr(coalesce(detail, ''), ': ') + 2)"
    " FROM audit"
    " WHERE action = 'sync-flagged' AND record IS NOT NULL ORDER BY id;"
    "PRAGMA user_version = 5;";

/* review: the list sorts by duration and by interviewer a page at a time
 * (keyset paging) and takes the median duration from an index. */
static const char schema_v6[] =
    "CREATE INDEX records_duration ON records (ifnull(duration, 0));"
    "CREATE INDEX records_interviewer ON records (interviewer, started);"
    "PRAGMA user_version = 6;";

/* PIN throttling: refused PINs in a row, the earliest next try, and the
 * end of a lock (users.c, login.c). */
static const char schema_v7[] =
    "ALTER TABLE users ADD COLUMN failed_pins INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE users ADD COLUMN next_try REAL NOT NULL DEFAULT 0;"
    "ALTER TABLE users ADD COLUMN locked_until REAL NOT NULL DEFAULT 0;"
    "PRAGMA user_version = 7;";

/*
 * review: the answer-based quality figures of each record with XML
 * (longest straight-line run, answered questions offering "dk", and those
 * answered "dk"; review.c computes them), so the review list and summary
 * inflate no XML.  Triggers mark a record's row stale whenever its XML is
 * written (finalized, completed again after a reopen, or copied in by any
 * means), and review_open() computes the stale rows; the step itself marks
 * every existing record stale, which is the backfill.  A stale row is
 * never read as figures.
 */
static const char schema_v8[] =
    "CREATE TABLE record_quality ("
    " record INTEGER PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,"
    " stale INTEGER NOT NULL DEFAULT 1,"
    " longest_run INTEGER NOT NULL DEFAULT 0,"
    " dk_offered INTEGER NOT NULL DEFAULT 0,"
    " dk INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX record_quality_stale ON record_quality (record)"
    " WHERE stale = 1;"
    "CREATE TRIGGER record_quality_insert AFTER INSERT ON records"
    " WHEN NEW.xml IS NOT NULL"
    " BEGIN INSERT OR REPLACE INTO record_quality (record)"
    " VALUES (NEW.id); END;"
    "CREATE TRIGGER record_quality_update AFTER UPDATE OF xml ON records"
    " WHEN NEW.xml IS NOT OLD.xml"
    " BEGIN INSERT OR REPLACE INTO record_quality (record)"
    " VALUES (NEW.id); END;"
    "INSERT INTO record_quality (record)"
    " SELECT id FROM records WHERE xml IS NOT NULL;"
    "PRAGMA user_version = 8;";

/*
 * sync: what the server holds of each record, apart from its status (a
 * record rejected while its upload was in flight is on the server all
 * the same), and the instance a record's next upload replaces there (sent
 * as <deprecatedID>, set when a record the server holds is reopened).
 * Uploaded records are on the server as they are.
 */
static const char schema_v9[] =
    "ALTER TABLE records ADD COLUMN on_server TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE records ADD COLUMN deprecated TEXT NOT NULL DEFAULT '';"
    "UPDATE records SET on_server = uuid WHERE status = 'uploaded';"
    "PRAGMA user_version = 9;";

/*
 * The sample (one row per sampled household, in the file's order: its id,
 * the columns kesu reads, every other column as NAME US VALUE US ...) and
 * the visits to each household: the disposition as the form names it,
 * its AAPOR category and whether it is final (both from the form's
 * disposition list), and the record the visit made; sample_file names
 * the last file loaded and its id column's header (the form field that
 * receives the household id); record_household ties a record (a draft
 * too) to the household it was made for.  Every step is written to run
 * again harmlessly (IF NOT EXISTS).  `moved` marks a
 * household a supervisor reassigned, which a reload of the file keeps.
 */
static const char schema_v10[] =
    "CREATE TABLE IF NOT EXISTS sample ("
    " hh TEXT PRIMARY KEY,"
    " pos INTEGER NOT NULL,"
    " street TEXT NOT NULL DEFAULT '',"
    " community TEXT NOT NULL DEFAULT '',"
    " address TEXT NOT NULL DEFAULT '',"
    " interviewer TEXT NOT NULL DEFAULT '',"
    " weight REAL,"
    " extra TEXT NOT NULL DEFAULT '',"
    " moved INTEGER NOT NULL DEFAULT 0,"
    " loaded REAL NOT NULL) WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS sample_interviewer ON sample (interviewer, pos);"
    "CREATE TABLE IF NOT EXISTS visits ("
    " id INTEGER PRIMARY KEY,"
    " hh TEXT NOT NULL REFERENCES sample(hh),"
    " at REAL NOT NULL,"
    " tz INTEGER NOT NULL DEFAULT 0,"
    " interviewer TEXT NOT NULL,"
    " disposition TEXT NOT NULL,"
    " aapor TEXT NOT NULL,"
    " final INTEGER NOT NULL,"
    " revisit TEXT NOT NULL DEFAULT '',"
    " note TEXT NOT NULL DEFAULT '',"
    " record INTEGER REFERENCES records(id));"
    "CREATE INDEX IF NOT EXISTS visits_hh ON visits (hh, id);"
    "CREATE TABLE IF NOT EXISTS record_household ("
    " record INTEGER PRIMARY KEY REFERENCES records(id),"
    " hh TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS sample_file ("
    " one INTEGER PRIMARY KEY CHECK (one = 1),"
    " id_column TEXT NOT NULL,"
    " path TEXT NOT NULL,"
    " loaded REAL NOT NULL);"
    "PRAGMA user_version = 10;";

/* A draft's pending input: what was typed on a question and not valid
 * when the interviewer left (drafts.c), shown again on resume.  A table
 * of its own, so that the step may run again harmlessly. */
static const char schema_v11[] =
    "CREATE TABLE IF NOT EXISTS draft_pending ("
    " record INTEGER PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,"
    " field TEXT NOT NULL,"
    " value TEXT NOT NULL);"
    "PRAGMA user_version = 11;";

/*
 * transfer (transfer.c): a record an interviewer exported to a file is
 * handed over (kept, and left out of the next export); a record a file
 * brings under an instance ID that is here with other XML is never
 * overwritten: the file's copy waits in transfer_conflicts for a person.
 */
static const char schema_v12[] =
    "CREATE TABLE IF NOT EXISTS handovers ("
    " record INTEGER PRIMARY KEY REFERENCES records(id),"
    " at REAL NOT NULL,"
    " tz INTEGER NOT NULL DEFAULT 0,"
    " who TEXT NOT NULL DEFAULT '',"
    " file TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE IF NOT EXISTS transfer_conflicts ("
    " id INTEGER PRIMARY KEY,"
    " record INTEGER NOT NULL REFERENCES records(id),"
    " uuid TEXT NOT NULL,"
    " status TEXT NOT NULL,"
    " interviewer TEXT NOT NULL DEFAULT '',"
    " xml BLOB NOT NULL,"
    " at REAL NOT NULL,"
    " tz INTEGER NOT NULL DEFAULT 0,"
    " who TEXT NOT NULL DEFAULT '',"
    " file TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX IF NOT EXISTS transfer_conflicts_uuid ON transfer_conflicts (uuid);"
    "PRAGMA user_version = 12;";

/* forms in (form pull / form install): the media files of each form
 * version, as its manifest named them, beside the form's own bytes. */
static const char schema_v13[] =
    "CREATE TABLE IF NOT EXISTS form_media ("
    " form INTEGER NOT NULL REFERENCES forms(id),"
    " name TEXT NOT NULL,"
    " data BLOB NOT NULL,"
    " PRIMARY KEY (form, name)) WITHOUT ROWID;"
    "PRAGMA user_version = 13;";

/*
 * review: the kept review figures say whether the interview ended
 * before its score (a refusal, an ineligible respondent), which is never
 * flagged as speeding nor counted in the median duration.  Every row is
 * marked stale so review_open() computes the new figure.
 */
static const char schema_v14[] =
    "ALTER TABLE record_quality ADD COLUMN"
    " ended_early INTEGER NOT NULL DEFAULT 0;"
    "UPDATE record_quality SET stale = 1;"
    "PRAGMA user_version = 14;";

/*
 * review: the interviews that ended before their score, the few the
 * median duration leaves out, read from an index of their own, not by
 * a scan of every record's figures (review.c's REVIEW_EARLY).
 */
static const char schema_v15[] =
    "CREATE INDEX IF NOT EXISTS record_quality_early ON record_quality"
    " (record) WHERE ended_early = 1 AND stale = 0;"
    "PRAGMA user_version = 15;";

static const char *const steps[] = { schema_v1, schema_v2, schema_v3,
	schema_v4, schema_v5, schema_v6, schema_v7, schema_v8, schema_v9,
	schema_v10, schema_v11, schema_v12, schema_v13, schema_v14,
	schema_v15 };

int
store_schema_migrate(store *s, int from, char **cause)
{
	char what[64];
	int v, rc;

	for (v = from; v < STORE_SCHEMA_VERSION; v++) {
		rc = sqlite3_exec(s->db, steps[v], NULL, NULL, NULL);
		if (rc != SQLITE_OK) {
			snprintf(what, sizeof what,
			    _("upgrading the database to schema %d"), v + 1);
			return store_fail(s, rc, what, cause);
		}
	}
	return 0;
}

int
store_schema_create(store *s, char **cause)
{
	return store_schema_migrate(s, 0, cause);
}
