/*
 * login.c - the one check of a PIN, with throttling (store.h): refused
 * PINs are counted per user in the database, so the count holds across
 * processes, the command line and the screen; waits and locks are times
 * stored beside it, so nothing sleeps.  They are times of the system's
 * clock, never KESU_NOW (which sets record times only), and a stored end
 * further away than a wait or a lock can last (the clock was set back)
 * counts from now.  One check at a time per database: the check runs in
 * one write transaction, so parallel tries are counted one after another.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/pin.h"
#include "store/store_int.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xalloc.h"

bool
store_user_locked(const struct store_user *u, double now)
{
	return now < u->locked_until;
}

/* The wait after the n-th refusal in a row (n >= STORE_PIN_SLOW). */
static double
login_wait(int n)
{
	int k = n - STORE_PIN_SLOW;

	if (k >= 5)
		return STORE_PIN_WAIT_MAX;
	return (double)(1 << k) < STORE_PIN_WAIT_MAX ? (double)(1 << k) :
	    STORE_PIN_WAIT_MAX;
}

/* "HH:MM" of t in offset tz. */
static void
login_hhmm(double t, int tz, char *out, size_t len)
{
	char full[40];

	clock_format(t, tz, full, sizeof full);
	snprintf(out, len, "%.5s", full + 11);
}

/* Audit a refusal (in the check's transaction); the refusal stands even
 * if it cannot be logged. */
static void
login_audit(store *s, const char *name, const char *action,
    const char *detail)
{
	char *err = NULL;

	if (store_audit_add(s, name, action, 0, detail, &err) != 0)
		free(err);
}

/* Count one more refusal of name, set its wait or lock, audit; the
 * message says what follows. */
static int
login_refuse(store *s, const char *name, double now, int tz, char **cause)
{
	static const char what[] = N_("counting a refused PIN");
	sqlite3_stmt *st = NULL;
	char *detail = NULL, hhmm[8];
	double next = 0, lock = 0;
	int n = 0, rc;

	if ((rc = store_prepare(s, "UPDATE users SET failed_pins = "
	    "failed_pins + 1 WHERE name = ? RETURNING failed_pins", &st,
	    cause)) != 0)
		goto out;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	if (rc != SQLITE_ROW || (rc = sqlite3_step(st)) != SQLITE_DONE) {
		rc = store_fail(s, rc, _(what), cause);
		goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (n >= STORE_PIN_LOCK)
		lock = now + STORE_PIN_LOCK_S;
	else if (n >= STORE_PIN_SLOW)
		next = now + login_wait(n);
	if ((rc = store_prepare(s, "UPDATE users SET next_try = ?, "
	    "locked_until = ? WHERE name = ?", &st, cause)) != 0)
		goto out;
	sqlite3_bind_double(st, 1, next);
	sqlite3_bind_double(st, 2, lock);
	sqlite3_bind_text(st, 3, name, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) != SQLITE_DONE) {
		rc = store_fail(s, rc, _(what), cause);
		goto out;
	}
	detail = xasprintf("wrong PIN, %d in a row", n);
	if ((rc = store_audit_add(s, name, "login-refused", 0, detail,
	    cause)) != 0)
		goto out;
	if (lock > 0 && (rc = store_audit_add(s, name, "user-locked", 0,
	    detail, cause)) != 0)
		goto out;
	if (lock > 0) {
		login_hhmm(lock, tz, hhmm, sizeof hhmm);
		rc = kesu_fail(cause, KESU_ENOPERM, _("user '%s' is locked "
		    "after %d wrong PINs in a row, until %s; a supervisor can "
		    "unlock it: kesu user unlock %s"), name, n, hhmm, name);
	} else if (next > 0)
		rc = kesu_fail(cause, KESU_ENOPERM, _("user '%s' or the PIN "
		    "is not accepted; wait %d s before the next try"), name,
		    (int)(next - now));
	else
		rc = kesu_fail(cause, KESU_ENOPERM, _("user '%s' or the PIN "
		    "is not accepted"), name);
out:
	sqlite3_finalize(st);
	free(detail);
	return rc;
}

/*
 * Bring a wait or lock that ends further away than it can last back to
 * now plus its length: the clock was set back after it was stored.
 */
static int
login_clamp(store *s, struct store_user *u, double now, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (u->next_try <= now + STORE_PIN_WAIT_MAX &&
	    u->locked_until <= now + STORE_PIN_LOCK_S)
		return 0;
	if (u->next_try > now + STORE_PIN_WAIT_MAX)
		u->next_try = now + STORE_PIN_WAIT_MAX;
	if (u->locked_until > now + STORE_PIN_LOCK_S)
		u->locked_until = now + STORE_PIN_LOCK_S;
	if ((rc = store_prepare(s, "UPDATE users SET next_try = ?, "
	    "locked_until = ? WHERE name = ?", &st, cause)) != 0)
		return rc;
	sqlite3_bind_double(st, 1, u->next_try);
	sqlite3_bind_double(st, 2, u->locked_until);
	sqlite3_bind_text(st, 3, u->name, -1, SQLITE_STATIC);
	return store_step_done(s, st, _("checking a PIN"), cause);
}

/* The check itself, inside store_user_login()'s transaction. */
static int
login_check(store *s, const char *name, const char *pin, double now,
    int tz, enum store_role *role, char **stored, char **cause)
{
	struct store_user u;
	char *err = NULL, hhmm[8];
	int rc;

	memset(&u, 0, sizeof u);
	rc = store_user_get(s, name, &u, &err);
	if (rc != 0 && rc != KESU_ENOINPUT) {
		*cause = err;
		return rc;
	}
	free(err);
	if (rc == 0)
		name = u.name;	/* as stored: 'LI' logs in as li */
	if (rc == KESU_ENOINPUT || u.disabled) {
		login_audit(s, name, "login-refused", rc == KESU_ENOINPUT ?
		    "no such user" : "disabled");
		rc = kesu_fail(cause, KESU_ENOPERM, _("user '%s' or the PIN "
		    "is not accepted"), name);
		goto out;
	}
	if ((rc = login_clamp(s, &u, now, cause)) != 0)
		goto out;
	if (store_user_locked(&u, now)) {
		login_audit(s, name, "login-refused", "locked");
		login_hhmm(u.locked_until, tz, hhmm, sizeof hhmm);
		rc = kesu_fail(cause, KESU_ENOPERM, _("user '%s' is locked "
		    "until %s after too many wrong PINs; a supervisor can "
		    "unlock it: kesu user unlock %s"), name, hhmm, name);
		goto out;
	}
	if (now < u.next_try) {
		login_audit(s, name, "login-refused", "too soon");
		rc = kesu_fail(cause, KESU_ENOPERM, _("too many wrong PINs "
		    "for '%s': wait %d s, then try again"), name,
		    (int)ceil(u.next_try - now));
		goto out;
	}
	if (!pin_verify(pin, u.pin_hash)) {
		rc = login_refuse(s, name, now, tz, cause);
		goto out;
	}
	*role = u.role;
	if (u.failed_pins > 0 || u.next_try > 0 || u.locked_until > 0) {
		sqlite3_stmt *st = NULL;

		if ((rc = store_prepare(s, "UPDATE users SET failed_pins = 0, "
		    "next_try = 0, locked_until = 0 WHERE name = ?", &st,
		    cause)) != 0)
			goto out;
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			rc = store_fail(s, rc, _("accepting a PIN"), cause);
			goto out;
		}
	}
	rc = 0;
	if (stored != NULL)
		*stored = xstrdup(u.name);
out:
	store_user_clear(&u);
	return rc;
}

int
store_user_login(store *s, const char *name, const char *pin,
    enum store_role *role, char **stored, char **cause)
{
	static const char what[] = N_("checking a PIN");
	double now;
	int tz, rc, crc;

	clock_real(&now, &tz);
	/* BEGIN IMMEDIATE: a parallel check waits here, and then reads the
	 * count and wait this one leaves. */
	if ((rc = store_begin(s, _(what), cause)) != 0) {
		/* Read-only media: a right PIN still opens what is there to
		 * read; a refusal cannot be counted and says so. */
		if (sqlite3_db_readonly(s->db, "main") != 1 &&
		    access(s->path, W_OK) == 0)
			return rc;
		free(*cause);
		*cause = NULL;
		return login_check(s, name, pin, now, tz, role, stored,
		    cause);
	}
	rc = login_check(s, name, pin, now, tz, role, stored, cause);
	if (rc != 0 && rc != KESU_ENOPERM) {
		store_rollback(s);
		return rc;
	}
	/* A refusal is kept (its count, wait, audit) as an acceptance is;
	 * a failed commit says why instead. */
	if (rc == KESU_ENOPERM) {
		char *c = NULL;

		if ((crc = store_commit(s, _(what), &c)) != 0) {
			free(*cause);
			*cause = c;
			return crc;
		}
		return rc;
	}
	if ((crc = store_commit(s, _(what), cause)) != 0 && stored != NULL) {
		free(*stored);
		*stored = NULL;
	}
	return crc;
}
