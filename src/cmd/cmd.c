/*
 * cmd.c - what every command shares: the one-line error and the database
 * path.  Apart from main.c so that tests and helper programs, which link
 * everything but main.c, can link the commands too.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cmd/cmd.h"
#include "util/xalloc.h"

int
cmd_error(int rc, char *msg)
{
	fprintf(stderr, "kesu: %s\n", msg);
	free(msg);
	return rc;
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
