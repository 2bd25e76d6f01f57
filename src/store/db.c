/*
 * db.c - opening kesu's SQLite file: creation with private permissions,
 * pragmas, recognising a kesu database, forward migrations, the statement
 * cache, transactions, and turning SQLite's result codes into one-line
 * errors with sysexits codes.
 *
 * A kesu database carries PRAGMA application_id 'KESU' and its schema
 * version in PRAGMA user_version.  A file that is not SQLite, or an SQLite
 * file with tables but without kesu's application_id, is refused with
 * KESU_EDATA and left untouched; so is a schema newer than this kesu.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store_int.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define STORE_APP_ID 0x4b455355 /* "KESU" */
#define STORE_BUSY_MS 5000

static const char *
db_base(const store *s)
{
	return s->path;
}

int
store_fail(store *s, int rc, const char *what, char **cause)
{
	const char *path = db_base(s);
	const char *msg = s->db != NULL ? sqlite3_errmsg(s->db) : "";
	int sys = s->db != NULL ? sqlite3_system_errno(s->db) : 0;

	/* An I/O error is often a full disk or a read-only file system met
	 * while growing the -wal or -shm file. */
	if ((rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_CANTOPEN) {
		if (sys == ENOSPC || sys == EDQUOT)
			rc = SQLITE_FULL;
		else if (sys == EROFS || sys == EPERM || sys == EACCES ||
		    access(path, W_OK) != 0)
			rc = SQLITE_READONLY;
	}
	switch (rc & 0xff) {
	case SQLITE_FULL:
		return kesu_fail(cause, KESU_EIO,
		    _("%s: the disk is full while %s; nothing of it was saved"),
		    path, what);
	case SQLITE_READONLY:
		return kesu_fail(cause, KESU_EIO,
		    _("%s: the database is read-only while %s; nothing of it "
		    "was saved"), path, what);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return kesu_fail(cause, KESU_ETEMPFAIL,
		    _("%s: the database is locked by another process while "
		    "%s; try again"), path, what);
	case SQLITE_NOTADB:
		return kesu_fail(cause, KESU_EDATA,
		    _("%s: not a kesu database"), path);
	case SQLITE_CORRUPT:
		return kesu_fail(cause, KESU_EIO,
		    _("%s: the database is damaged (%s) while %s"), path, msg,
		    what);
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
	case SQLITE_PROTOCOL:
		return kesu_fail(cause, KESU_EIO,
		    _("%s: input/output error while %s: %s"), path, what, msg);
	case SQLITE_NOMEM:
		xalloc_die();
	default:
		return kesu_fail(cause, KESU_ESOFTWARE,
		    _("%s: database error while %s: %s"), path, what, msg);
	}
}

int
store_prepare(store *s, const char *sql, sqlite3_stmt **out, char **cause)
{
	int rc;

	rc = sqlite3_prepare_v2(s->db, sql, -1, out, NULL);
	if (rc != SQLITE_OK) {
		*out = NULL;
		return store_fail(s, rc, _("reading the database"), cause);
	}
	return 0;
}

int
store_stmt(store *s, enum store_slot slot, const char *sql,
    sqlite3_stmt **out, char **cause)
{
	int rc;

	if (s->stmt[slot] == NULL) {
		rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
		    &s->stmt[slot], NULL);
		if (rc != SQLITE_OK) {
			s->stmt[slot] = NULL;
			return store_fail(s, rc, _("reading the database"),
			    cause);
		}
	} else {
		sqlite3_reset(s->stmt[slot]);
		sqlite3_clear_bindings(s->stmt[slot]);
	}
	*out = s->stmt[slot];
	return 0;
}

void
store_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

char *
store_col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return xstrdup(t != NULL ? (const char *)t : "");
}

/* Run a cached no-result statement (BEGIN, COMMIT, ROLLBACK). */
static int
db_exec_slot(store *s, enum store_slot slot, const char *sql)
{
	sqlite3_stmt *st;
	char *cause = NULL;
	int rc;

	if (store_stmt(s, slot, sql, &st, &cause) != 0) {
		free(cause);
		return SQLITE_ERROR;
	}
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int
store_begin(store *s, const char *what, char **cause)
{
	int rc;

	if (s->batch > 0)
		return 0;
	rc = db_exec_slot(s, SLOT_BEGIN, "BEGIN IMMEDIATE");
	if (rc != SQLITE_OK)
		return store_fail(s, rc, what, cause);
	return 0;
}

void
store_rollback(store *s)
{
	if (s->batch > 0) {
		s->batch_failed = true;
		return;
	}
	if (!sqlite3_get_autocommit(s->db))
		(void)db_exec_slot(s, SLOT_ROLLBACK, "ROLLBACK");
}

int
store_commit(store *s, const char *what, char **cause)
{
	int rc, err;

	if (s->batch > 0)
		return 0;
	rc = db_exec_slot(s, SLOT_COMMIT, "COMMIT");
	if (rc != SQLITE_OK) {
		err = store_fail(s, rc, what, cause);
		store_rollback(s);
		return err;
	}
	return 0;
}

int
store_step_done(store *s, sqlite3_stmt *st, const char *what, char **cause)
{
	int rc = sqlite3_step(st);

	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, rc, what, cause);
}

int
store_run(store *s, sqlite3_stmt *st, const char *what, char **cause)
{
	int rc;

	if ((rc = store_begin(s, what, cause)) != 0) {
		sqlite3_finalize(st);
		return rc;
	}
	if ((rc = store_step_done(s, st, what, cause)) != 0) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s, what, cause);
}

int
store_batch_begin(store *s, char **cause)
{
	int rc;

	if (s->batch == 0) {
		rc = store_begin(s, _("starting a batch"), cause);
		if (rc != 0)
			return rc;
		s->batch_failed = false;
	}
	s->batch++;
	return 0;
}

int
store_batch_end(store *s, bool ok, char **cause)
{
	if (s->batch == 0 || --s->batch > 0)
		return 0;
	if (!ok || s->batch_failed) {
		store_rollback(s);
		return 0;
	}
	return store_commit(s, _("committing a batch"), cause);
}

/* mkdir -p of path's folder, new folders 0700.  KESU_ECANTCREAT. */
static int
db_make_dirs(const char *path, char **cause)
{
	char *dir = xstrdup(path), *p;
	int rc = 0;

	p = strrchr(dir, '/');
	if (p == NULL || p == dir)
		goto out;
	*p = '\0';
	for (p = dir + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			rc = kesu_fail(cause, KESU_ECANTCREAT,
			    _("%s: cannot create the folder: %s"), dir,
			    strerror(errno));
			goto out;
		}
		*p = c;
		if (c == '\0')
			break;
	}
out:
	free(dir);
	return rc;
}

/* Create the file 0600 if it is missing, so that SQLite's -wal and -shm
 * files (which copy its mode) are private too. */
static int
db_make_file(const char *path, char **cause)
{
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd >= 0) {
		close(fd);
		return 0;
	}
	if (errno == EEXIST)
		return 0;
	return kesu_fail(cause, KESU_ECANTCREAT,
	    _("%s: cannot create the database: %s"), path, strerror(errno));
}

static int
db_pragma_int(store *s, const char *sql, int *v, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = store_prepare(s, sql, &st, cause)) != 0)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*v = sqlite3_column_int(st, 0);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		*v = 0;
		rc = 0;
	} else
		rc = store_fail(s, rc, _("opening the database"), cause);
	sqlite3_finalize(st);
	return rc;
}

static int
db_exec(store *s, const char *sql, const char *what, char **cause)
{
	int rc;

	rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, what, cause);
	return 0;
}

/*
 * Check what the file holds and bring its schema up to date.  Runs inside
 * BEGIN IMMEDIATE so that two processes opening a new file at once create
 * it once.
 */
static int
db_setup(store *s, char **cause)
{
	int app, version, tables, rc;
	bool write = !(s->flags & STORE_READONLY);

	if ((rc = db_pragma_int(s, "PRAGMA application_id", &app, cause)) ||
	    (rc = db_pragma_int(s, "PRAGMA user_version", &version, cause)))
		return rc;
	if (app == STORE_APP_ID && version == STORE_SCHEMA_VERSION)
		return 0;
	if (!write) {
		if (app != STORE_APP_ID)
			return kesu_fail(cause, KESU_EDATA,
			    _("%s: not a kesu database"), s->path);
		if (version > STORE_SCHEMA_VERSION)
			goto newer;
		return kesu_fail(cause, KESU_EIO, _("%s: the database needs "
		    "an upgrade but is opened read-only"), s->path);
	}
	if ((rc = store_begin(s, _("opening the database"), cause)) != 0)
		return rc;
	/* Read again: another process may have got here first. */
	if ((rc = db_pragma_int(s, "PRAGMA application_id", &app, cause)) ||
	    (rc = db_pragma_int(s, "PRAGMA user_version", &version, cause)) ||
	    (rc = db_pragma_int(s, "SELECT count(*) FROM sqlite_master",
	    &tables, cause)))
		goto fail;
	if (app == 0 && version == 0 && tables == 0)
		rc = store_schema_create(s, cause);
	else if (app != STORE_APP_ID) {
		rc = kesu_fail(cause, KESU_EDATA, _("%s: not a kesu database"),
		    s->path);
	} else if (version > STORE_SCHEMA_VERSION) {
		store_rollback(s);
		goto newer;
	} else if (version < STORE_SCHEMA_VERSION)
		rc = store_schema_migrate(s, version, cause);
	if (rc != 0)
		goto fail;
	return store_commit(s, _("creating or upgrading the database"), cause);
fail:
	store_rollback(s);
	return rc;
newer:
	return kesu_fail(cause, KESU_EDATA, _("%s: written by a newer kesu "
	    "(schema %d; this kesu knows up to %d); upgrade kesu"), s->path,
	    version, STORE_SCHEMA_VERSION);
}

/*
 * SQL kesu_summary_field(summary, k): the k-th field (from 0) of a
 * records.summary (STORE_SUMMARY_SEP between the calculates' values), ""
 * past its end; NULL when either argument is NULL.
 */
static void
db_summary_field(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const char *p, *end;
	sqlite3_int64 k;

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL ||
	    sqlite3_value_type(argv[1]) == SQLITE_NULL)
		return;
	p = (const char *)sqlite3_value_text(argv[0]);
	for (k = sqlite3_value_int64(argv[1]); p != NULL && k > 0; k--)
		if ((p = strchr(p, STORE_SUMMARY_SEP)) != NULL)
			p++;
	if (p == NULL) {
		sqlite3_result_text(cx, "", 0, SQLITE_STATIC);
		return;
	}
	end = strchr(p, STORE_SUMMARY_SEP);
	sqlite3_result_text(cx, p, end != NULL ? (int)(end - p) : -1,
	    SQLITE_TRANSIENT);
}

/* Connection settings, WAL, SQL functions and the schema check of
 * db_setup(). */
static int
db_prepare(store *s, char **cause)
{
	int rc;

	if ((rc = sqlite3_create_function(s->db, "kesu_summary_field", 2,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
	    db_summary_field, NULL, NULL)) != SQLITE_OK)
		return store_fail(s, rc, _("opening the database"), cause);
	/* A file SQLite cannot read shows up at the first read. */
	if ((rc = db_exec(s, "PRAGMA foreign_keys=ON; "
	    "PRAGMA synchronous=FULL; PRAGMA trusted_schema=OFF",
	    _("opening the database"), cause)) != 0)
		return rc;
	if (!(s->flags & STORE_READONLY) &&
	    (rc = db_exec(s, "PRAGMA journal_mode=WAL",
	    _("opening the database"), cause)) != 0)
		return rc;
	return db_setup(s, cause);
}

/*
 * May this process write the database at path and create its -wal and
 * -shm beside it?  Not on read-only media, nor in a folder or file it may
 * not write.
 */
static bool
db_writable(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	bool ok;

	if (slash == NULL)
		snprintf(dir, strlen(dir) + 1, ".");
	else if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	ok = access(path, W_OK) == 0 && access(dir, W_OK) == 0;
	free(dir);
	return ok;
}

/* Open s->path read-only as an immutable database (a "file:" URI). */
static int
db_open_immutable(store *s, char **cause)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf u = BUF_INIT;
	const unsigned char *p;
	int rc;

	buf_addstr(&u, "file:");
	for (p = (const unsigned char *)s->path; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/._-~", *p) != NULL) {
			buf_addch(&u, (char)*p);
		} else {
			buf_addch(&u, '%');
			buf_addch(&u, hex[*p >> 4]);
			buf_addch(&u, hex[*p & 15]);
		}
	}
	buf_addstr(&u, "?immutable=1");
	rc = sqlite3_open_v2(u.data, &s->db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	buf_free(&u);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, _("opening the database"), cause);
	sqlite3_extended_result_codes(s->db, 1);
	return db_prepare(s, cause);
}

int
store_open(const char *path, int flags, store **out, char **cause)
{
	store *s;
	struct stat sb;
	double deadline;
	int rc, oflags;
	bool existed;

	*out = NULL;
	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	s->flags = flags;
	existed = stat(path, &sb) == 0;
	if (!existed && (flags & (STORE_READONLY | STORE_EXISTING))) {
		rc = kesu_fail(cause, KESU_ENOINPUT,
		    _("%s: no such database"), path);
		goto fail;
	}
	/* SQLite would open /dev/null or a FIFO and write "-journal" or
	 * "-wal" files beside it: only a regular file is a database. */
	if (existed && S_ISDIR(sb.st_mode)) {
		rc = kesu_fail(cause, KESU_ENOINPUT,
		    _("%s: is a folder, not a database"), path);
		goto fail;
	}
	if (existed && !S_ISREG(sb.st_mode)) {
		rc = kesu_fail(cause, KESU_ENOINPUT,
		    _("%s: not a regular file, so not a database"), path);
		goto fail;
	}
	if (!existed && ((rc = db_make_dirs(path, cause)) != 0 ||
	    (rc = db_make_file(path, cause)) != 0))
		goto fail;
	if (existed && access(path, R_OK) != 0) {
		rc = kesu_fail(cause, KESU_ENOPERM,
		    _("%s: permission denied (the database may not be read "
		    "by this user)"), path);
		goto fail;
	}
	/* Read-only media, or a file or folder this user may not write: a
	 * command that need not create opens it read-only, so that reading
	 * works and no -shm is left beside it; a write then says "read-only". */
	if (existed && (flags & STORE_EXISTING) && !db_writable(path))
		s->flags = flags |= STORE_READONLY;

	oflags = (flags & STORE_READONLY) ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE;
	rc = sqlite3_open_v2(path, &s->db, oflags | SQLITE_OPEN_NOMUTEX,
	    NULL);
	if (rc != SQLITE_OK) {
		rc = store_fail(s, rc, _("opening the database"), cause);
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
	/*
	 * While another process creates the file or turns it to WAL, SQLite
	 * may answer "busy" at once, without waiting (a rollback-journal
	 * lock it must not wait for).  Such a moment passes: try again until
	 * the busy timeout is spent, so no "locked" reaches a person for it.
	 */
	deadline = clock_mono() + STORE_BUSY_MS / 1000.0;
	while ((rc = db_prepare(s, cause)) == KESU_ETEMPFAIL &&
	    clock_mono() < deadline) {
		if (cause != NULL) {
			free(*cause);
			*cause = NULL;
		}
		usleep(10000);
	}
	if (rc == KESU_EIO && (flags & STORE_EXISTING)) {
		/* A full disk, or read-only media: no -shm can be made for
		 * the WAL.  A command that need not create reads the file as
		 * immutable (nothing can write it now either); a change then
		 * says "read-only". */
		if (cause != NULL) {
			free(*cause);
			*cause = NULL;
		}
		sqlite3_close(s->db);
		s->db = NULL;
		s->flags |= STORE_READONLY;
		rc = db_open_immutable(s, cause);
	}
	if (rc != 0)
		goto fail;
	*out = s;
	return 0;
fail:
	store_close(&s);
	return rc;
}

void
store_close(store **sp)
{
	store *s = *sp;
	int i;

	if (s == NULL)
		return;
	for (i = 0; i < SLOT_COUNT; i++)
		sqlite3_finalize(s->stmt[i]);
	if (s->db != NULL)
		sqlite3_close(s->db);
	free(s->path);
	free(s);
	*sp = NULL;
}

const char *
store_path(const store *s)
{
	return s->path;
}

void
store_set_busy_timeout(store *s, int ms)
{
	sqlite3_busy_timeout(s->db, ms);
}

const char *
store_bare_uuid(const char *id)
{
	size_t i;

	if (strncmp(id, "uuid:", 5) == 0)
		id += 5;
	if (strlen(id) != 36)
		return NULL;
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (id[i] != '-')
				return NULL;
		} else if (strchr("0123456789abcdef", id[i]) == NULL ||
		    id[i] == '\0')
			return NULL;
	}
	return id;
}

int
store_snapshot_begin(store *s, char **cause)
{
	int rc;

	/* A deferred BEGIN takes no snapshot until the first read. */
	rc = sqlite3_exec(s->db, "BEGIN DEFERRED; "
	    "SELECT count(*) FROM forms;", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		rc = store_fail(s, rc, _("reading the database"), cause);
		if (!sqlite3_get_autocommit(s->db))
			(void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL,
			    NULL);
		return rc;
	}
	return 0;
}

void
store_snapshot_end(store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		(void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}
