/*
 * user.c - `kesu user add | list | passwd | disable | unlock`.
 *
 * The first supervisor of an empty database is added without --as; after
 * that every user command needs a supervisor (--as USER and their PIN),
 * except that a user may change their own PIN (--as themselves).  User
 * names are given in any case ('LI' is the user li).
 * With --pin-stdin the acting user's PIN is the first stdin line and a
 * new PIN the next; on a terminal a new PIN is typed twice.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/auth.h"
#include "cmd/cmd.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

static void
user_usage(FILE *f)
{
	fputs(_("usage: kesu user add NAME --role interviewer|supervisor "
	    "[--as USER] [--pin-stdin]\n"
	    "       kesu user list --as USER [--pin-stdin]\n"
	    "       kesu user passwd NAME --as USER [--pin-stdin]\n"
	    "       kesu user disable NAME --as USER [--pin-stdin]\n"
	    "       kesu user unlock NAME --as USER [--pin-stdin]\n"
	    "A PIN is 4 to 12 digits.  The first supervisor of an empty "
	    "database needs no --as;\nafter that a supervisor manages users, "
	    "and a user may change their own PIN.\n"), f);
}

static int
user_new_pin(bool pin_stdin, const char *name, char **pin, char **cause)
{
	char *prompt;
	int rc;

	/* L10N: %s is the user whose new PIN is asked for. */
	prompt = xasprintf(_("New PIN for %s: "), name);
	rc = auth_read_pin(pin_stdin, true, prompt, pin, cause);
	free(prompt);
	return rc;
}

static int
user_add(store *s, const char *name, const char *role, const char *as,
    bool pin_stdin, char **cause)
{
	struct auth who = { NULL, STORE_INTERVIEWER };
	char *pin = NULL;
	int r, n, rc;

	if (role == NULL || (r = store_role_parse(role)) < 0)
		return kesu_fail(cause, KESU_EUSAGE, _("user add: --role takes "
		    "interviewer or supervisor"));
	if (as == NULL) {
		if ((rc = store_user_count(s, &n, cause)) != 0)
			return rc;
		if (n > 0 || r != STORE_SUPERVISOR)
			return kesu_fail(cause, KESU_ENOPERM, n > 0 ?
			    _("only a supervisor can add users (use --as "
			    "USER)") : _("the first user must be a "
			    "supervisor"));
	} else if ((rc = auth_login(s, as, pin_stdin, AUTH_SUPERVISOR, &who,
	    cause)) != 0)
		return rc;
	if ((rc = user_new_pin(pin_stdin, name, &pin, cause)) == 0)
		rc = store_user_add(s, name, (enum store_role)r, pin, who.user,
		    cause);
	auth_pin_free(pin);
	auth_clear(&who);
	return rc;
}

static int
user_list(store *s, char **cause)
{
	struct store_user *u;
	size_t n, i;
	char when[40], until[40];
	double now;
	int tz, rc;

	/* Locks run on the system's clock, never KESU_NOW. */
	clock_real(&now, &tz);
	if ((rc = store_user_list(s, &u, &n, cause)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		bool locked = !u[i].disabled && store_user_locked(&u[i], now);

		clock_format(u[i].created, 0, when, sizeof when);
		if (locked)
			clock_format(u[i].locked_until, tz, until,
			    sizeof until);
		text_pad(stdout, u[i].name, 20);
		printf(" %-12s %-9s %.10s", store_role_name(u[i].role),
		    u[i].disabled ? "disabled" : locked ? "locked" : "active",
		    when);
		/* The lock's end, for the supervisor who may lift it. */
		if (locked)
			printf(" until %.5s", until + 11);
		putchar('\n');
	}
	store_users_free(u, n);
	if (fflush(stdout) != 0)
		return kesu_fail(cause, KESU_EIO, _("cannot write the list"));
	return 0;
}

/* Check the target exists before any PIN is asked for; *stored is its
 * name as stored (names compare without case), the caller's. */
static int
user_exists(store *s, const char *name, char **stored, char **cause)
{
	struct store_user u;
	int rc;

	*stored = NULL;
	rc = store_user_get(s, name, &u, cause);
	if (rc == 0)
		*stored = xstrdup(u.name);
	store_user_clear(&u);
	return rc;
}

/* Is as (the --as name) the user stored as target? */
static bool
user_is(store *s, const char *as, const char *target)
{
	struct store_user u;
	char *cause = NULL;
	bool same;

	same = store_user_get(s, as, &u, &cause) == 0 &&
	    strcmp(u.name, target) == 0;
	store_user_clear(&u);
	free(cause);
	return same;
}

int
cmd_user(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "as", required_argument, NULL, 'a' },
		{ "pin-stdin", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *role = NULL, *as = NULL, *sub, *name = NULL;
	struct auth who = { NULL, STORE_INTERVIEWER };
	bool pin_stdin = false;
	store *s = NULL;
	char *path = NULL, *cause = NULL, *pin = NULL, *target = NULL;
	int c, rc, nargs;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			role = optarg;
			break;
		case 'a':
			as = optarg;
			break;
		case 'p':
			pin_stdin = true;
			break;
		case 'h':
			user_usage(stdout);
			return 0;
		default:
			cmd_bad_option("user", opts, argv);
			user_usage(stderr);
			return KESU_EUSAGE;
		}
	}
	nargs = argc - optind;
	sub = nargs > 0 ? argv[optind] : "";
	if (nargs > 1)
		name = argv[optind + 1];
	if ((strcmp(sub, "list") == 0 && nargs != 1) ||
	    ((strcmp(sub, "add") == 0 || strcmp(sub, "passwd") == 0 ||
	    strcmp(sub, "disable") == 0 || strcmp(sub, "unlock") == 0) &&
	    nargs != 2) ||
	    (strcmp(sub, "list") != 0 && strcmp(sub, "add") != 0 &&
	    strcmp(sub, "passwd") != 0 && strcmp(sub, "disable") != 0 &&
	    strcmp(sub, "unlock") != 0)) {
		user_usage(stderr);
		return KESU_EUSAGE;
	}
	if (strcmp(sub, "add") != 0 && as == NULL) {
		cmd_eprintf(_("kesu: user %s needs --as USER\n"), sub);
		return KESU_EUSAGE;
	}
	path = cmd_db_path(cli);
	if ((rc = store_open(path, strcmp(sub, "add") == 0 ? 0 :
	    STORE_EXISTING, &s, &cause)) != 0)
		goto out;
	if (strcmp(sub, "add") == 0) {
		rc = user_add(s, name, role, as, pin_stdin, &cause);
		goto out;
	}
	if (strcmp(sub, "list") != 0) {
		if ((rc = user_exists(s, name, &target, &cause)) != 0)
			goto out;
		name = target;
	}
	/* A user may change their own PIN; all else is a supervisor's. */
	if ((rc = auth_login(s, as, pin_stdin, strcmp(sub, "passwd") == 0 &&
	    user_is(s, as, name) ? AUTH_ANY : AUTH_SUPERVISOR, &who,
	    &cause)) != 0)
		goto out;
	if (strcmp(sub, "list") == 0)
		rc = user_list(s, &cause);
	else if (strcmp(sub, "passwd") == 0) {
		if ((rc = user_new_pin(pin_stdin, name, &pin, &cause)) == 0)
			rc = store_user_passwd(s, name, pin, who.user, &cause);
	} else if (strcmp(sub, "unlock") == 0)
		rc = store_user_unlock(s, name, who.user, &cause);
	else
		rc = store_user_disable(s, name, who.user, &cause);
out:
	auth_pin_free(pin);
	auth_clear(&who);
	store_close(&s);
	free(path);
	free(target);
	if (rc != 0)
		return cmd_error(rc, cause != NULL ? cause :
		    kesu_msg(_("user %s failed"), sub));
	return 0;
}
