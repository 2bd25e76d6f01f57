/*
 * cmd.c - what every command shares: the one-line error (every message
 * on stderr goes through cmd_eputs(), which shows control characters in
 * names, values and cells as '?', as `kesu list` does), the database
 * path and the words for a record's status.  Apart from main.c so that tests and helper programs, which link
 * everything but main.c, can link the commands too.
 */
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/auth.h"
#include "cmd/cmd.h"
#include "store/store.h"
#include "util/i18n.h"
#include "util/path.h"
#include "util/text.h"
#include "util/xalloc.h"

void
cmd_eputs(const char *msg)
{
	text_put_lines(stderr, msg);
}

void
cmd_eprintf(const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = kesu_vmsg(fmt, ap);
	va_end(ap);
	cmd_eputs(msg);
	free(msg);
}

void
cmd_bad_option(const char *cmd, const struct option *opts, char **argv)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "";
	size_t n;
	int i;

	if (strncmp(arg, "--", 2) == 0 && arg[2] != '\0') {
		/* getopt takes a unique abbreviation of a long option. */
		n = strcspn(arg + 2, "=");
		for (i = 0; opts[i].name != NULL; i++)
			if (opts[i].has_arg == required_argument &&
			    strncmp(opts[i].name, arg + 2, n) == 0) {
				/* L10N: %s is the command, then the option. */
				cmd_eprintf(_("kesu: %s: %s needs a value\n"),
				    cmd, arg);
				return;
			}
	} else if (optopt > 0 && optopt < 0x80) {
		cmd_eprintf(_("kesu: %s: unknown option '-%c'\n"), cmd,
		    optopt);
		return;
	}
	cmd_eprintf(_("kesu: %s: unknown option '%s'\n"), cmd, arg);
}

int
cmd_error(int rc, char *msg)
{
	fputs("kesu: ", stderr);
	cmd_eputs(msg);
	putc('\n', stderr);
	free(msg);
	return rc;
}

char *
cmd_form_path(const char *opt, const char *env_name, const char *rel)
{
	char exe[PATH_MAX], *slash, *p, *share;
	ssize_t n;
	const char *env = getenv(env_name);

	if (opt != NULL)
		return xstrdup(opt);
	if (env != NULL && env[0] != '\0')
		return xstrdup(env);
	if (access(rel, R_OK) == 0)
		return xstrdup(rel);
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			p = kesu_msg("%s/../%s", exe, rel);
			if (access(p, R_OK) == 0)
				return p;
			free(p);
		}
	}
	/* Installed: PREFIX/bin/kesu -> PREFIX/share/kesu/forms. */
	share = kesu_msg("kesu/%s", rel);
	p = path_share(share);
	free(share);
	return p != NULL ? p : xstrdup(rel);
}

char *
cmd_db_path(const struct cli *cli)
{
	const char *env = getenv("KESU_DB"), *home, *xdg;

	if (cli->db != NULL)
		return xstrdup(cli->db);
	if (env != NULL && *env != '\0')
		return xstrdup(env);
	xdg = getenv("XDG_DATA_HOME");
	if (xdg != NULL && *xdg == '/')
		return xasprintf("%s/kesu/kesu.db", xdg);
	home = getenv("HOME");
	return xasprintf("%s/.local/share/kesu/kesu.db",
	    home != NULL ? home : ".");
}

int
cmd_open_store(const struct cli *cli, const char *as, bool pin_stdin,
    enum cmd_login login, store **s, struct auth *who, char **cause)
{
	char *path = cmd_db_path(cli);
	int rc;

	memset(who, 0, sizeof *who);
	*s = NULL;
	rc = store_open(path, STORE_EXISTING, s, cause);
	free(path);
	if (rc != 0)
		return rc;
	if (login == CMD_READER)
		return auth_reader(*s, as, pin_stdin, who, cause);
	if (as == NULL)
		return kesu_fail(cause, KESU_ENOPERM, _("this needs a "
		    "supervisor: say who you are with --as USER"));
	return auth_login(*s, as, pin_stdin, AUTH_SUPERVISOR, who, cause);
}

bool
cmd_as_option(int c, struct cmd_as *as)
{
	if (c == 'a')
		as->user = optarg;
	else if (c == 'p')
		as->pin_stdin = true;
	return c == 'a' || c == 'p';
}

int
cmd_done(int rc, char *cause, const char *what)
{
	if (rc == 0) {
		free(cause);
		return 0;
	}
	return cmd_error(rc, cause != NULL ? cause : kesu_msg("%s", what));
}

const char *
cmd_status_label(const char *status)
{
	return store_status_label(status);
}
