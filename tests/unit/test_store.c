/*
 * test_store.c - the store as its users see it: a private file, refusal
 * of files that are not kesu's, a version-1 database migrated with its
 * data, drafts resumed exactly, records read back byte-exact, listing,
 * ID prefixes, damaged data, and nothing half-saved when the disk is
 * full, the file read-only or another process holds the lock.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "store/pack.h"
#include "store/store.h"
#include "store/store_int.h"
#include "util/buf.h"
#include "fixture.h"

static const char form_md[] =
    "| survey |               |       |       |             |\n"
    "|        | type          | name  | label | calculation |\n"
    "|        | start         | start |       |             |\n"
    "|        | integer       | age   | Age   |             |\n"
    "|        | begin_group   | g     | G     |             |\n"
    "|        | select_one yn | q1    | Q1    |             |\n"
    "|        | text          | note  | Note  |             |\n"
    "|        | end_group     |       |       |             |\n"
    "|        | calculate     | score |       | if(${q1}='yes', 1, 0) |\n"
    "| choices | list_name | name | label |\n"
    "|         | yn        | yes  | Yes   |\n"
    "|         | yn        | no   | No    |\n"
    "| settings | form_id | version |\n"
    "|          | t       | 1       |\n";

static const char xml_a[] =
    "<?xml version='1.0' ?><data id=\"t\" version=\"1\" "
    "xmlns:orx=\"http://openrosa.org/xforms\"><start>2026-11-28T10:00:00.000"
    "+08:00</start><age>31</age><g><q1>yes</q1><note>x</note></g>"
    "<score>1</score><meta><instanceID>uuid:aaaa0000-0000-4000-8000-"
    "000000000001</instanceID></meta></data>";

#define UUID_A "aaaa0000-0000-4000-8000-000000000001"
#define UUID_B "aaaa0000-0000-4000-8000-000000000002"

struct fx {
	char dir[128];
	char db[192];
	char formpath[128];
	form *f;
};

static int
setup(void **state)
{
	struct fx *x = calloc(1, sizeof *x);

	fixture_form(x->dir, x->formpath, sizeof x->formpath, "store", "t.md",
	    form_md, &x->f);
	snprintf(x->db, sizeof x->db, "%s/sub/dir/kesu.db", x->dir);
	*state = x;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *x = *state;

	fixture_clean(x->dir, &x->f);
	free(x);
	return 0;
}

/* Run SQL on the file with a plain SQLite connection. */
static void
sql(const char *path, const char *text)
{
	sqlite3 *db;
	char *err = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, text, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", text, err);
	sqlite3_close(db);
}

static int
sql_int(const char *path, const char *text)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int v = -1;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, text, -1, &st, NULL),
	    SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static store *
open_ok(const char *path)
{
	store *s = NULL;
	char *cause = NULL;

	if (store_open(path, 0, &s, &cause) != 0)
		fail_msg("open: %s", cause);
	return s;
}

static int64_t
add_form(store *s, struct fx *x)
{
	int64_t key = 0;
	char *cause = NULL;

	if (store_form_add(s, x->f, x->formpath, &key, &cause) != 0)
		fail_msg("form add: %s", cause);
	return key;
}

static store_draft *
new_draft(store *s, int64_t fk, const char *uuid)
{
	store_draft *d = NULL;
	char *cause = NULL;

	if (store_draft_new(s, fk, uuid, "wang", 1795831200.0, 28800, &d,
	    &cause) != 0)
		fail_msg("draft: %s", cause);
	return d;
}

static void
confirm(store_draft *d, const char *name, const char *value,
    const char *next)
{
	struct store_value v = { name, value };
	char *cause = NULL;

	if (store_draft_confirm(d, &v, 1, next, "en", &cause) != 0)
		fail_msg("confirm: %s", cause);
}

static const char *
value_of(const store_draft *d, const char *name)
{
	const struct store_value *v;
	size_t n, i;

	v = store_draft_values(d, &n);
	for (i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0)
			return v[i].value;
	return NULL;
}

static void
test_open_creates_private_file(void **state)
{
	struct fx *x = *state;
	struct stat sb;
	char dir[160];
	store *s = open_ok(x->db);

	store_close(&s);
	assert_int_equal(stat(x->db, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	snprintf(dir, sizeof dir, "%s/sub/dir", x->dir);
	assert_int_equal(stat(dir, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	assert_int_equal(sql_int(x->db, "PRAGMA user_version"),
	    STORE_SCHEMA_VERSION);
	assert_int_equal(sql_int(x->db, "PRAGMA journal_mode = wal"), 0);
	s = open_ok(x->db); /* and again, unchanged */
	store_close(&s);
}

static void
test_refuses_foreign_files(void **state)
{
	struct fx *x = *state;
	char path[160], *cause = NULL;
	store *s = NULL;
	FILE *fp;
	int i;

	snprintf(path, sizeof path, "%s/text.db", x->dir);
	fp = fopen(path, "w");
	for (i = 0; i < 300; i++)
		fputs("not a database at all\n", fp);
	fclose(fp);
	assert_int_equal(store_open(path, 0, &s, &cause), KESU_EDATA);
	assert_non_null(strstr(cause, "not a kesu database"));
	assert_null(strchr(cause, '\n'));
	free(cause);
	cause = NULL;

	snprintf(path, sizeof path, "%s/other.db", x->dir);
	sql(path, "CREATE TABLE t (x); INSERT INTO t VALUES (1)");
	assert_int_equal(store_open(path, 0, &s, &cause), KESU_EDATA);
	assert_non_null(strstr(cause, "not a kesu database"));
	free(cause);
	cause = NULL;
	assert_int_equal(sql_int(path, "SELECT count(*) FROM t"), 1);

	s = open_ok(x->db);
	store_close(&s);
	sql(x->db, "PRAGMA user_version = 99");
	assert_int_equal(store_open(x->db, 0, &s, &cause), KESU_EDATA);
	assert_non_null(strstr(cause, "newer kesu"));
	free(cause);
	assert_int_equal(sql_int(x->db, "PRAGMA user_version"), 99);
}

/* The schema exactly as version 1 shipped. */
static const char schema_v1[] =
    "CREATE TABLE forms (id INTEGER PRIMARY KEY, form_id TEXT NOT NULL,"
    " version TEXT NOT NULL DEFAULT '', sha256 TEXT NOT NULL UNIQUE,"
    " filename TEXT NOT NULL, source BLOB NOT NULL, dict BLOB NOT NULL,"
    " added REAL NOT NULL);"
    "CREATE TABLE form_fields (form INTEGER NOT NULL REFERENCES forms(id),"
    " pos INTEGER NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,"
    " indexed INTEGER NOT NULL DEFAULT 0,"
    " PRIMARY KEY (form, pos)) WITHOUT ROWID;"
    "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
    " role TEXT NOT NULL CHECK (role IN ('interviewer', 'supervisor')),"
    " pin_hash TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0,"
    " created REAL NOT NULL);"
    "CREATE TABLE records (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
    " form INTEGER NOT NULL REFERENCES forms(id), status TEXT NOT NULL CHECK"
    " (status IN ('draft', 'completed', 'approved', 'rejected', 'uploaded')),"
    " interviewer TEXT NOT NULL DEFAULT '', started REAL NOT NULL,"
    " tz INTEGER NOT NULL DEFAULT 0, ended REAL, duration REAL,"
    " question TEXT NOT NULL DEFAULT '', lang TEXT NOT NULL DEFAULT '',"
    " xml BLOB, xml_len INTEGER, xml_crc INTEGER, summary TEXT,"
    " updated REAL NOT NULL);"
    "CREATE INDEX records_status ON records (status, started);"
    "CREATE INDEX records_started ON records (started);"
    "CREATE TABLE answers (record INTEGER NOT NULL REFERENCES records(id)"
    " ON DELETE CASCADE, name TEXT NOT NULL, value TEXT NOT NULL,"
    " PRIMARY KEY (record, name)) WITHOUT ROWID;"
    "CREATE TABLE record_fields (record INTEGER NOT NULL REFERENCES"
    " records(id) ON DELETE CASCADE, name TEXT NOT NULL, value TEXT NOT NULL,"
    " PRIMARY KEY (record, name)) WITHOUT ROWID;"
    "CREATE TABLE audit (id INTEGER PRIMARY KEY, at REAL NOT NULL,"
    " tz INTEGER NOT NULL DEFAULT 0, who TEXT NOT NULL DEFAULT '',"
    " action TEXT NOT NULL, record INTEGER REFERENCES records(id),"
    " detail TEXT);"
    "CREATE INDEX audit_record ON audit (record, id);"
    "PRAGMA application_id = 1262834517;"
    "PRAGMA user_version = 1;";

/* A version-1 database holding a form, a draft and a completed record. */
static void
build_v1(struct fx *x)
{
	struct buf dict = BUF_INIT, packed = BUF_INIT;
	sqlite3 *db;
	sqlite3_stmt *st;
	char dirs[160];

	snprintf(dirs, sizeof dirs, "mkdir -p '%s/sub/dir'", x->dir);
	assert_int_equal(system(dirs), 0);
	pack_dict(x->f, &dict);
	pack_deflate(dict.data, dict.len, xml_a, strlen(xml_a), &packed);
	assert_int_equal(sqlite3_open(x->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, schema_v1, NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO forms VALUES "
	    "(1, 't', '1', 'abc', 't.md', 'src', ?, 0)", -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_blob(st, 1, dict.data, (int)dict.len, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO records (id, "
	    "uuid, form, status, interviewer, started, tz, ended, duration, "
	    "xml, xml_len, xml_crc, updated) VALUES (1, '" UUID_A "', 1, "
	    "'completed', 'wang', 100, 28800, 700, 600, ?, ?, ?, 700)", -1, &st,
	    NULL), SQLITE_OK);
	sqlite3_bind_blob(st, 1, packed.data, (int)packed.len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)strlen(xml_a));
	sqlite3_bind_int64(st, 3, pack_crc(xml_a, strlen(xml_a)));
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_exec(db,
	    "INSERT INTO form_fields VALUES (1, 5, 'score', 'calculate', 1);"
	    "UPDATE records SET summary = '1' WHERE id = 1;"
	    "INSERT INTO record_fields VALUES (1, 'score', '1');"
	    "INSERT INTO records (id, uuid, form, status, interviewer, started,"
	    " question, lang, updated) VALUES (2, '" UUID_B "', 1, 'draft',"
	    " 'wang', 200, 'q1', 'en', 200);"
	    "INSERT INTO answers VALUES (2, 'age', '44');"
	    "INSERT INTO audit (at, who, action, record, detail) VALUES"
	    " (700, 'wang', 'status', 1, 'draft -> completed');",
	    NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	buf_free(&dict);
	buf_free(&packed);
}

static void
test_migrates_version_1(void **state)
{
	struct fx *x = *state;
	store *s;
	store_draft *d = NULL;
	struct store_record r;
	struct store_paradata p;
	struct store_audit_row *a;
	char *cause = NULL, *xml = NULL;
	size_t len;

	build_v1(x);
	s = open_ok(x->db);
	assert_int_equal(sql_int(x->db, "PRAGMA user_version"),
	    STORE_SCHEMA_VERSION);
	assert_int_equal(sql_int(x->db, "SELECT count(*) FROM sqlite_master "
	    "WHERE name = 'record_fields_value'"), 1);
	/* The completed record reads back byte-exact. */
	assert_int_equal(store_record_find(s, "aaaa0000-0000-4000-8000-0000000"
	    "00001", &r, &cause), 0);
	assert_int_equal(store_record_xml(s, r.key, &xml, &len, &cause), 0);
	assert_string_equal(xml, xml_a);
	free(xml);
	assert_int_equal(store_audit_list(s, r.key, &a, &len, &cause), 0);
	assert_int_equal(len, 1);
	assert_string_equal(a[0].detail, "draft -> completed");
	store_audit_free(a, len);
	store_record_clear(&r);
	/* The draft resumes and takes answers with paradata. */
	assert_int_equal(store_draft_resume(s, UUID_B, &d, &cause), 0);
	assert_string_equal(value_of(d, "age"), "44");
	assert_string_equal(store_draft_question(d), "q1");
	confirm(d, "q1", "no", "note");
	store_draft_free(&d);
	assert_int_equal(store_paradata(s, 2, &p, &cause), 0);
	assert_int_equal(p.sessions, 1);
	assert_true(p.events >= 2);
	store_paradata_clear(&p);
	store_close(&s);
}

static void
test_draft_resumes_where_it_stopped(void **state)
{
	struct fx *x = *state;
	store *s = open_ok(x->db);
	int64_t fk = add_form(s, x);
	store_draft *d = new_draft(s, fk, "uuid:" UUID_A);
	struct store_value two[2] = { { "q1", "yes" }, { "note", "" } };
	struct store_paradata p;
	char *cause = NULL;

	assert_int_equal(add_form(s, x), fk); /* same bytes, same key */
	store_draft_event(d, STORE_EV_SHOW, "age", NULL);
	confirm(d, "age", "30", "q1");
	store_draft_event(d, STORE_EV_SHOW, "q1", NULL);
	assert_int_equal(store_draft_confirm(d, two, 2, "note", "en",
	    &cause), 0);
	store_draft_event(d, STORE_EV_PREV, "q1", NULL);
	store_draft_event(d, STORE_EV_SHOW, "age", NULL);
	confirm(d, "age", "31", "q1");
	store_draft_event(d, STORE_EV_LANG, NULL, "zh");
	assert_int_equal(store_draft_save(d, "q1", "zh", &cause), 0);
	store_draft_free(&d);
	store_close(&s);

	s = open_ok(x->db);
	assert_int_equal(store_draft_resume(s, "aaaa", &d, &cause), 0);
	assert_string_equal(store_draft_instance_id(d), "uuid:" UUID_A);
	assert_string_equal(value_of(d, "age"), "31");
	assert_string_equal(value_of(d, "q1"), "yes");
	assert_null(value_of(d, "note"));
	assert_string_equal(store_draft_question(d), "q1");
	assert_string_equal(store_draft_lang(d), "zh");
	assert_string_equal(store_draft_interviewer(d), "wang");
	assert_int_equal(store_draft_tz(d), 28800);
	store_draft_free(&d);
	assert_int_equal(store_paradata(s, 1, &p, &cause), 0);
	assert_int_equal(p.sessions, 2);
	assert_int_equal(p.back, 1);
	assert_int_equal(p.changes, 1);
	assert_int_equal(p.lang_switches, 1);
	assert_int_equal(p.nquestions, 2);
	assert_string_equal(p.questions[0].field, "age");
	assert_int_equal(p.questions[0].visits, 2);
	assert_int_equal(p.questions[0].changes, 1);
	store_paradata_clear(&p);
	store_close(&s);
}

static void
finalize(store *s, int64_t fk, const char *uuid, const char *score)
{
	store_draft *d = new_draft(s, fk, uuid);
	struct store_value sum[2] = { { "score", score }, { "age", "31" } };
	char *cause = NULL;

	confirm(d, "age", "31", STORE_END_SCREEN);
	if (store_draft_finalize(d, xml_a, sum, 2, 1795832000.0, NULL,
	    &cause) != 0)
		fail_msg("finalize: %s", cause);
	store_draft_free(&d);
}

static void
test_records_read_back_and_list(void **state)
{
	struct fx *x = *state;
	store *s = open_ok(x->db);
	int64_t fk = add_form(s, x);
	struct store_record r;
	struct store_audit_row *a;
	store_list *l = NULL;
	const char *const *v;
	char *cause = NULL, *xml = NULL;
	size_t len, packed, plain, n;
	bool end;

	memset(&r, 0, sizeof r);
	finalize(s, fk, UUID_A, "1");
	finalize(s, fk, "uuid:" UUID_B, "0");
	assert_int_equal(store_record_find(s, "uuid:AAAA0000-0000-4000-8000-"
	    "000000000001", &r, &cause), 0);
	assert_string_equal(r.status, "completed");
	assert_string_equal(r.form_id, "t");
	assert_string_equal(r.version, "1");
	assert_int_equal(store_record_xml(s, r.key, &xml, &len, &cause), 0);
	assert_int_equal(len, strlen(xml_a));
	assert_memory_equal(xml, xml_a, len);
	free(xml);
	assert_int_equal(store_record_sizes(s, r.key, &packed, &plain,
	    &cause), 0);
	assert_int_equal(plain, strlen(xml_a));
	assert_true(packed < plain / 3);
	/* No answers are left behind a finalized record. */
	assert_int_equal(sql_int(x->db, "SELECT count(*) FROM answers"), 0);

	assert_int_equal(store_record_set_status(s, r.key, "approved", "li",
	    "fine", &cause), 0);
	assert_int_equal(store_record_set_status(s, r.key, "draft", "li",
	    NULL, &cause), KESU_EDATA);
	free(cause);
	cause = NULL;
	assert_int_equal(store_audit_list(s, r.key, &a, &n, &cause), 0);
	assert_int_equal(n, 3);
	assert_string_equal(a[1].detail, "draft -> completed");
	assert_string_equal(a[2].detail, "completed -> approved: fine");
	assert_string_equal(a[2].who, "li");
	store_audit_free(a, n);
	store_record_clear(&r);

	assert_int_equal(store_list_open(s, NULL, &l, &cause), 0);
	assert_int_equal(store_list_ncolumns(l), 1);
	assert_string_equal(store_list_column(l, 0), "score");
	assert_int_equal(store_list_next(l, &r, &v, &end, &cause), 0);
	assert_false(end);
	assert_string_equal(r.uuid, UUID_A);
	assert_string_equal(r.status, "approved");
	assert_string_equal(v[0], "1");
	assert_int_equal(store_list_next(l, &r, &v, &end, &cause), 0);
	assert_string_equal(r.uuid, UUID_B);
	assert_string_equal(v[0], "0");
	assert_int_equal(store_list_next(l, &r, &v, &end, &cause), 0);
	assert_true(end);
	store_list_close(&l);
	assert_int_equal(store_list_open(s, "approved", &l, &cause), 0);
	assert_int_equal(store_list_next(l, &r, &v, &end, &cause), 0);
	assert_string_equal(r.uuid, UUID_A);
	assert_int_equal(store_list_next(l, &r, &v, &end, &cause), 0);
	assert_true(end);
	store_list_close(&l);
	store_record_clear(&r);
	store_close(&s);
}

static void
test_id_prefixes(void **state)
{
	struct fx *x = *state;
	store *s = open_ok(x->db);
	int64_t fk = add_form(s, x);
	struct store_record r;
	store_draft *d;
	char *cause = NULL;

	d = new_draft(s, fk, UUID_A);
	store_draft_free(&d);
	d = new_draft(s, fk, UUID_B);
	store_draft_free(&d);
	assert_int_equal(store_record_find(s, "aaaa0000", &r, &cause),
	    KESU_EUSAGE);
	assert_non_null(strstr(cause, UUID_A));
	assert_non_null(strstr(cause, UUID_B));
	free(cause);
	cause = NULL;
	assert_int_equal(store_record_find(s, "b", &r, &cause), KESU_ENOINPUT);
	free(cause);
	cause = NULL;
	assert_int_equal(store_record_find(s, "*", &r, &cause), KESU_ENOINPUT);
	free(cause);
	cause = NULL;
	assert_int_equal(store_record_find(s, "aaaa0000-0000-4000-8000-"
	    "0000000000", &r, &cause), KESU_EUSAGE);
	free(cause);
	cause = NULL;
	assert_int_equal(store_record_find(s, UUID_B, &r, &cause), 0);
	assert_string_equal(r.uuid, UUID_B);
	store_record_clear(&r);
	/* The same instance twice is refused. */
	assert_int_equal(store_draft_new(s, fk, UUID_B, "", 0, 0, &d,
	    &cause), KESU_EDATA);
	free(cause);
	store_close(&s);
}

static void
test_damaged_instance_is_reported(void **state)
{
	struct fx *x = *state;
	store *s = open_ok(x->db);
	int64_t fk = add_form(s, x);
	char *cause = NULL, *xml = NULL;
	size_t len;

	finalize(s, fk, UUID_A, "1");
	store_close(&s);
	/* Flip one byte in the middle of the compressed instance. */
	sql(x->db, "UPDATE records SET xml = substr(xml, 1, 10) || "
	    "x'00' || substr(xml, 12)");
	s = open_ok(x->db);
	assert_int_equal(store_record_xml(s, 1, &xml, &len, &cause),
	    KESU_EIO);
	assert_null(xml);
	assert_non_null(strstr(cause, "damaged"));
	assert_non_null(strstr(cause, UUID_A));
	free(cause);
	store_close(&s);
}

static void
test_disk_full_keeps_what_was_committed(void **state)
{
	struct fx *x = *state;
	store *s = open_ok(x->db);
	int64_t fk = add_form(s, x);
	store_draft *d = new_draft(s, fk, UUID_A);
	char big[60000], pragma[64], *cause = NULL;
	struct store_value v[2] = { { "age", "99" }, { "note", big } };

	confirm(d, "age", "30", "q1");
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	/* The file may not grow past what it has now. */
	sqlite3_exec(s->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL,
	    NULL);
	snprintf(pragma, sizeof pragma, "PRAGMA max_page_count = %d",
	    sql_int(x->db, "PRAGMA page_count"));
	assert_int_equal(sqlite3_exec(s->db, pragma, NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(store_draft_confirm(d, v, 2, "g", "en", &cause),
	    KESU_EIO);
	assert_non_null(strstr(cause, "disk is full"));
	assert_null(strchr(cause, '\n'));
	free(cause);
	store_draft_free(&d);
	store_close(&s);
	/* Nothing of the failed answer, all of the earlier one. */
	s = open_ok(x->db);
	assert_int_equal(store_draft_resume(s, UUID_A, &d, &cause), 0);
	assert_string_equal(value_of(d, "age"), "30");
	assert_null(value_of(d, "note"));
	assert_string_equal(store_draft_question(d), "q1");
	store_draft_free(&d);
	store_close(&s);
	assert_int_equal(sql_int(x->db, "SELECT count(*) FROM "
	    "pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
}

static void
test_read_only_and_locked(void **state)
{
	struct fx *x = *state;
	store *s = open_ok(x->db), *ro = NULL, *other = NULL;
	int64_t fk = add_form(s, x);
	store_draft *d = NULL;
	char *cause = NULL;

	store_close(&s);
	assert_int_equal(store_open(x->db, STORE_READONLY, &ro, &cause), 0);
	assert_int_equal(store_draft_new(ro, fk, UUID_A, "", 0, 0, &d,
	    &cause), KESU_EIO);
	assert_non_null(strstr(cause, "read-only"));
	free(cause);
	cause = NULL;
	store_close(&ro);

	s = open_ok(x->db);
	other = open_ok(x->db);
	store_set_busy_timeout(other, 50);
	assert_int_equal(store_batch_begin(s, &cause), 0);
	assert_int_equal(store_draft_new(other, fk, UUID_A, "", 0, 0, &d,
	    &cause), KESU_ETEMPFAIL);
	assert_non_null(strstr(cause, "locked"));
	free(cause);
	cause = NULL;
	assert_int_equal(store_batch_end(s, true, &cause), 0);
	/* Once the lock is gone the same write goes through. */
	assert_int_equal(store_draft_new(other, fk, UUID_A, "", 0, 0, &d,
	    &cause), 0);
	store_draft_free(&d);
	store_close(&other);
	store_close(&s);
}

/*
 * User names without case: a version-1 database holding twins by case
 * ('li' and 'LI', which that kesu allowed) migrates with both kept, each
 * found by its exact spelling and an in-between one refused; no new twin
 * can be added; another spelling of a single user finds it as stored.
 */
static void
test_user_names_without_case(void **state)
{
	struct fx *x = *state;
	struct store_user u;
	store *s;
	char *cause = NULL;

	build_v1(x);
	sql(x->db, "INSERT INTO users (name, role, pin_hash, created) VALUES"
	    " ('li', 'supervisor', 'h1', 0), ('LI', 'interviewer', 'h2', 0),"
	    " ('Wang', 'interviewer', 'h3', 0)");
	s = open_ok(x->db);
	assert_int_equal(sql_int(x->db, "SELECT count(*) FROM users"), 3);
	assert_int_equal(store_user_get(s, "li", &u, &cause), 0);
	assert_int_equal(u.role, STORE_SUPERVISOR);
	store_user_clear(&u);
	assert_int_equal(store_user_get(s, "LI", &u, &cause), 0);
	assert_int_equal(u.role, STORE_INTERVIEWER);
	store_user_clear(&u);
	assert_int_equal(store_user_get(s, "Li", &u, &cause), KESU_ENOINPUT);
	assert_non_null(strstr(cause, "differ only in case"));
	free(cause);
	cause = NULL;
	assert_int_equal(store_user_get(s, "WANG", &u, &cause), 0);
	assert_string_equal(u.name, "Wang");
	store_user_clear(&u);
	assert_int_equal(store_user_add(s, "wang", STORE_INTERVIEWER, "1234",
	    "li", &cause), KESU_EDATA);
	assert_non_null(strstr(cause, "'Wang'"));
	free(cause);
	cause = NULL;
	assert_int_equal(store_user_add(s, "lI", STORE_INTERVIEWER, "1234",
	    "li", &cause), KESU_EDATA);
	free(cause);
	cause = NULL;
	assert_int_equal(sql_int(x->db, "SELECT count(*) FROM users"), 3);
	/* Disable in another case: the stored user. */
	assert_int_equal(store_user_disable(s, "wANG", "li", &cause), 0);
	assert_int_equal(sql_int(x->db, "SELECT disabled FROM users "
	    "WHERE name = 'Wang'"), 1);
	store_close(&s);
}

/* A rejected record reopens as its interviewer's draft only, with the
 * answers given, the same ID, and "rejected -> draft" in its audit. */
static void
test_reopen_rejected(void **state)
{
	struct fx *x = *state;
	store *s = open_ok(x->db);
	int64_t fk = add_form(s, x);
	struct store_value ans[1] = { { "age", "31" } };
	struct store_record r;
	struct store_audit_row *a = NULL;
	store_draft *d = NULL;
	char *cause = NULL;
	size_t n;

	memset(&r, 0, sizeof r);
	finalize(s, fk, UUID_A, "1");
	assert_int_equal(store_record_find(s, UUID_A, &r, &cause), 0);
	/* Only from rejected. */
	assert_int_equal(store_record_reopen(s, r.key, "wang", ans, 1, NULL,
	    &cause), KESU_EDATA);
	free(cause);
	cause = NULL;
	assert_int_equal(store_record_set_status(s, r.key, "rejected", "li",
	    "age?", &cause), 0);
	/* Only by its own interviewer. */
	assert_int_equal(store_record_reopen(s, r.key, "li", ans, 1, NULL,
	    &cause), KESU_ENOPERM);
	free(cause);
	cause = NULL;
	assert_int_equal(sql_int(x->db, "SELECT count(*) FROM answers"), 0);
	assert_int_equal(store_record_reopen(s, r.key, "wang", ans, 1, NULL,
	    &cause), 0);
	store_record_clear(&r);
	assert_int_equal(store_record_find(s, UUID_A, &r, &cause), 0);
	assert_string_equal(r.status, "draft");
	assert_int_equal(store_draft_resume(s, UUID_A, &d, &cause), 0);
	assert_string_equal(store_draft_instance_id(d), "uuid:" UUID_A);
	assert_non_null(value_of(d, "age"));
	assert_string_equal(value_of(d, "age"), "31");
	store_draft_free(&d);
	assert_int_equal(store_audit_list(s, r.key, &a, &n, &cause), 0);
	assert_true(n >= 1);
	assert_string_equal(a[n - 1].who, "wang");
	assert_string_equal(a[n - 1].detail, "rejected -> draft");
	store_audit_free(a, n);
	/* Not twice. */
	assert_int_equal(store_record_reopen(s, r.key, "wang", ans, 1, NULL,
	    &cause), KESU_EDATA);
	free(cause);
	store_record_clear(&r);
	store_close(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_creates_private_file,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_foreign_files,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrates_version_1, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_draft_resumes_where_it_stopped, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_records_read_back_and_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_id_prefixes, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_damaged_instance_is_reported, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_disk_full_keeps_what_was_committed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_only_and_locked,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_user_names_without_case,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_reopen_rejected, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
