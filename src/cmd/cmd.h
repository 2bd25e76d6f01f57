/*
 * cmd.h - the commands of the kesu command line (DESIGN.md, "Command line").
 *
 * main() parses the global options into struct cli and calls one handler
 * with the command's own arguments (argv[0] is the command name).  A
 * handler returns the process exit status (0 or a KESU_E* sysexits code),
 * prints errors itself as one line on stderr ("kesu: ..."), and prints
 * nothing on success but the output asked for.
 */
#ifndef KESU_CMD_H
#define KESU_CMD_H

struct cli {
	const char *db;    /* --db, else $KESU_DB, else the XDG default */
	const char *lang;  /* --lang zh|en, or NULL */
};

/* Print "kesu: <msg>" on stderr, free msg, return rc. */
int cmd_error(int rc, char *msg);
/* The database path of cli (--db / $KESU_DB / XDG default); caller frees. */
char *cmd_db_path(const struct cli *cli);
/* A record status ("draft", "completed", ...) in the UI language, for
 * people; CSV and JSON keep the codes. */
const char *cmd_status_label(const char *status);

int cmd_form(struct cli *cli, int argc, char **argv);
int cmd_user(struct cli *cli, int argc, char **argv);
int cmd_list(struct cli *cli, int argc, char **argv);
int cmd_interview(struct cli *cli, int argc, char **argv);
int cmd_show(struct cli *cli, int argc, char **argv);
int cmd_sync(struct cli *cli, int argc, char **argv);
int cmd_export(struct cli *cli, int argc, char **argv);

#endif
