/*
 * users.c - interviewers and supervisors: name, role, PIN hash, disabled
 * flag.  Users are never deleted (records and the audit log name them);
 * a user who leaves is disabled.  Every change is audited in the same
 * transaction.
 *
 * Names compare without ASCII case ('li' and 'LI' are one user): a name
 * given in any case finds the user as stored, and no two users' names
 * differ only by case (schema v4).  Twins by case that an older kesu let
 * in stay: each is found by its exact spelling, any other spelling of
 * them is refused as ambiguous.
 */
#include <stdlib.h>
#include <string.h>

#include "store/pin.h"
#include "store/store_int.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

#define USER_NAME_MAX 64

const char *
store_role_name(enum store_role r)
{
	return r == STORE_SUPERVISOR ? "supervisor" : "interviewer";
}

int
store_role_parse(const char *name)
{
	if (strcmp(name, "interviewer") == 0)
		return STORE_INTERVIEWER;
	if (strcmp(name, "supervisor") == 0)
		return STORE_SUPERVISOR;
	return -1;
}

/*
 * 1 when the non-ASCII code point c may be part of a name: well-formed
 * UTF-8, no text_inert() character (C1 controls, bidi overrides), and
 * none of the spaces, punctuation and invisible marks of U+00A0-U+00BF,
 * U+2000-U+206F, U+3000-U+3003, U+FEFF and U+FFF0-U+FFFF, which make two
 * names look alike or one look like something else.
 */
static int
user_name_char(long c)
{
	return !text_inert(c) && !(c >= 0xa0 && c <= 0xbf) &&
	    !(c >= 0x2000 && c <= 0x206f) && !(c >= 0x3000 && c <= 0x3003) &&
	    c != 0xfeff && !(c >= 0xfff0 && c <= 0xffff);
}

/* Letters, digits, '.', '_', '-' and letters of other scripts (UTF-8);
 * not starting with '-', at most 64 bytes. */
static int
user_check_name(const char *name, char **cause)
{
	size_t n = strlen(name), i, len;

	for (i = 0; i < n; i += len) {
		unsigned char c = (unsigned char)name[i];

		len = 1;
		if (c >= 0x80) {
			if (!user_name_char(text_decode_utf8(name + i, &len)))
				break;
			continue;
		}
		if ((c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '.' || c == '_' || c == '-')
			continue;
		break;
	}
	if (n == 0 || n > USER_NAME_MAX || i < n || name[0] == '-')
		return kesu_fail(cause, KESU_EDATA, _("'%s' is not a valid "
		    "user name (letters, digits, '.', '_' and '-', up to %d "
		    "bytes)"), name, USER_NAME_MAX);
	return 0;
}

static int
user_count_in(store *s, int *n, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*n = 0;
	if ((rc = store_prepare(s, "SELECT count(*) FROM users", &st,
	    cause)) != 0)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*n = sqlite3_column_int(st, 0);
		rc = 0;
	} else
		rc = store_fail(s, rc, _("reading users"), cause);
	sqlite3_finalize(st);
	return rc;
}

int
store_user_count(store *s, int *n, char **cause)
{
	return user_count_in(s, n, cause);
}

/* KESU_EDATA when name, in any ASCII case, is a user already (schema v4
 * refuses it as well; this names the user who has it). */
static int
user_taken(store *s, const char *name, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = store_prepare(s, "SELECT name FROM users "
	    "WHERE name = ?1 COLLATE NOCASE LIMIT 1", &st, cause)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *had = (const char *)sqlite3_column_text(st, 0);

		if (had != NULL && strcmp(had, name) != 0)
			rc = kesu_fail(cause, KESU_EDATA, _("%s: user '%s' "
			    "already exists as '%s' (names do not differ by "
			    "case)"), s->path, name, had);
		else
			rc = kesu_fail(cause, KESU_EDATA,
			    _("%s: user '%s' already exists"), s->path, name);
	} else if (rc == SQLITE_DONE)
		rc = 0;
	else
		rc = store_fail(s, rc, _("reading users"), cause);
	sqlite3_finalize(st);
	return rc;
}

int
store_user_add(store *s, const char *name, enum store_role role,
    const char *pin, const char *actor, char **cause)
{
	static const char what[] = N_("adding a user");
	sqlite3_stmt *st = NULL;
	char *hash = NULL, *detail = NULL;
	double now;
	int tz, n, rc;

	if ((rc = user_check_name(name, cause)) != 0 ||
	    (rc = pin_check(pin, cause)) != 0 ||
	    (rc = clock_now(&now, &tz, cause)) != 0 ||
	    (rc = pin_hash(pin, &hash, cause)) != 0)
		return rc;
	if ((rc = store_begin(s, _(what), cause)) != 0)
		goto out;
	if (actor == NULL) {
		if ((rc = user_count_in(s, &n, cause)) != 0)
			goto fail;
		if (n > 0 || role != STORE_SUPERVISOR) {
			rc = kesu_fail(cause, KESU_ENOPERM, _("only a "
			    "supervisor can add users (use --as USER)"));
			goto fail;
		}
	}
	if ((rc = user_taken(s, name, cause)) != 0)
		goto fail;
	if ((rc = store_prepare(s, "INSERT INTO users (name, role, pin_hash, "
	    "created) VALUES (?, ?, ?, ?)", &st, cause)) != 0)
		goto fail;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, store_role_name(role), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, hash, -1, SQLITE_STATIC);
	sqlite3_bind_double(st, 4, now);
	if ((rc = sqlite3_step(st)) != SQLITE_DONE) {
		if ((rc & 0xff) == SQLITE_CONSTRAINT)
			rc = kesu_fail(cause, KESU_EDATA,
			    _("%s: user '%s' already exists"), s->path, name);
		else
			rc = store_fail(s, rc, _(what), cause);
		goto fail;
	}
	detail = xasprintf("%s %s", name, store_role_name(role));
	if ((rc = store_audit_add(s, actor != NULL ? actor : name, "user-add",
	    0, detail, cause)) != 0)
		goto fail;
	rc = store_commit(s, _(what), cause);
	goto out;
fail:
	store_rollback(s);
out:
	sqlite3_finalize(st);
	if (hash != NULL)
		explicit_bzero(hash, strlen(hash));
	free(hash);
	free(detail);
	return rc;
}

static void
user_fill(sqlite3_stmt *st, struct store_user *u)
{
	const char *role = (const char *)sqlite3_column_text(st, 1);

	u->name = store_col_dup(st, 0);
	u->role = role != NULL && strcmp(role, "supervisor") == 0 ?
	    STORE_SUPERVISOR : STORE_INTERVIEWER;
	u->pin_hash = store_col_dup(st, 2);
	u->disabled = sqlite3_column_int(st, 3) != 0;
	u->created = sqlite3_column_double(st, 4);
	u->failed_pins = sqlite3_column_int(st, 5);
	u->next_try = sqlite3_column_double(st, 6);
	u->locked_until = sqlite3_column_double(st, 7);
}

int
store_user_get(store *s, const char *name, struct store_user *out,
    char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc;

	memset(out, 0, sizeof *out);
	/* The exact spelling first: twins by case that an older kesu let in
	 * each log in by their own spelling. */
	if ((rc = store_prepare(s, "SELECT name, role, pin_hash, disabled, "
	    "created, failed_pins, next_try, locked_until FROM users "
	    "WHERE name = ?1 COLLATE NOCASE ORDER BY name = ?1 DESC LIMIT 2",
	    &st, cause)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		user_fill(st, out);
		rc = 0;
		if (strcmp(out->name, name) != 0 &&
		    sqlite3_step(st) == SQLITE_ROW) {
			store_user_clear(out);
			rc = kesu_fail(cause, KESU_ENOINPUT, _("%s: '%s' "
			    "matches several users that differ only in case; "
			    "give the exact name"), s->path, name);
		}
	} else if (rc == SQLITE_DONE)
		rc = kesu_fail(cause, KESU_ENOINPUT, _("%s: no user '%s'"),
		    s->path, name);
	else
		rc = store_fail(s, rc, _("reading users"), cause);
	sqlite3_finalize(st);
	return rc;
}

void
store_user_clear(struct store_user *u)
{
	free(u->name);
	free(u->pin_hash);
	memset(u, 0, sizeof *u);
}

/*
 * KESU_EDATA when name is the only active supervisor: disabling them
 * would leave nobody who can manage users (schema v4 refuses it too, but
 * without a message a person can act on).  Inside the caller's
 * transaction.
 */
static int
user_keep_supervisor(store *s, const char *name, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = store_prepare(s, "SELECT EXISTS (SELECT 1 FROM users "
	    "WHERE name = ?1 AND role = 'supervisor' AND disabled = 0) AND "
	    "NOT EXISTS (SELECT 1 FROM users WHERE name <> ?1 AND "
	    "role = 'supervisor' AND disabled = 0)", &st, cause)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		rc = sqlite3_column_int(st, 0) == 0 ? 0 : kesu_fail(cause,
		    KESU_EDATA, _("%s: '%s' is the last active supervisor; "
		    "add another supervisor before disabling them"), s->path,
		    name);
	else
		rc = store_fail(s, rc, _("reading users"), cause);
	sqlite3_finalize(st);
	return rc;
}

/* One UPDATE of users by name, audited, in its own transaction; with
 * keep, refused when name is the last active supervisor. */
static int
user_update(store *s, const char *sql, const char *value, const char *name,
    const char *actor, const char *action, const char *what, bool keep,
    char **cause)
{
	struct store_user u;
	sqlite3_stmt *st = NULL;
	int rc;

	memset(&u, 0, sizeof u);
	if ((rc = store_begin(s, what, cause)) != 0)
		return rc;
	/* name in any case: the user as stored. */
	if ((rc = store_user_get(s, name, &u, cause)) != 0)
		goto fail;
	name = u.name;
	if (keep && (rc = user_keep_supervisor(s, name, cause)) != 0)
		goto fail;
	if ((rc = store_prepare(s, sql, &st, cause)) != 0)
		goto fail;
	store_bind_text(st, 1, value);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) != SQLITE_DONE) {
		rc = store_fail(s, rc, what, cause);
		goto fail;
	}
	if (sqlite3_changes(s->db) == 0) {
		rc = kesu_fail(cause, KESU_ENOINPUT, _("%s: no user '%s'"),
		    s->path, name);
		goto fail;
	}
	if ((rc = store_audit_add(s, actor, action, 0, name, cause)) != 0)
		goto fail;
	sqlite3_finalize(st);
	rc = store_commit(s, what, cause);
	store_user_clear(&u);
	return rc;
fail:
	sqlite3_finalize(st);
	store_rollback(s);
	store_user_clear(&u);
	return rc;
}

int
store_user_passwd(store *s, const char *name, const char *pin,
    const char *actor, char **cause)
{
	char *hash = NULL;
	int rc;

	if ((rc = pin_check(pin, cause)) != 0 ||
	    (rc = pin_hash(pin, &hash, cause)) != 0)
		return rc;
	rc = user_update(s, "UPDATE users SET pin_hash = ?1 WHERE name = ?2",
	    hash, name, actor, "user-passwd", _("changing a PIN"), false,
	    cause);
	explicit_bzero(hash, strlen(hash));
	free(hash);
	return rc;
}

int
store_user_disable(store *s, const char *name, const char *actor,
    char **cause)
{
	return user_update(s, "UPDATE users SET disabled = 1 "
	    "WHERE name = ?2", NULL, name, actor,
	    "user-disable", _("disabling a user"), true, cause);
}

int
store_user_unlock(store *s, const char *name, const char *actor,
    char **cause)
{
	return user_update(s, "UPDATE users SET failed_pins = 0, next_try = 0, "
	    "locked_until = 0 WHERE name = ?2", NULL, name, actor,
	    "user-unlock", _("unlocking a user"), false, cause);
}

int
store_user_list(store *s, struct store_user **users, size_t *n,
    char **cause)
{
	sqlite3_stmt *st = NULL;
	struct store_user *u = NULL;
	size_t cap = 0, len = 0;
	int rc;

	*users = NULL;
	*n = 0;
	if ((rc = store_prepare(s, "SELECT name, role, pin_hash, disabled, "
	    "created, failed_pins, next_try, locked_until FROM users "
	    "ORDER BY name", &st, cause)) != 0)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? 2 * cap : 8;
			u = xreallocarray(u, cap, sizeof *u);
		}
		user_fill(st, &u[len++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_users_free(u, len);
		return store_fail(s, rc, _("reading users"), cause);
	}
	*users = u;
	*n = len;
	return 0;
}

void
store_users_free(struct store_user *users, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		store_user_clear(&users[i]);
	free(users);
}
