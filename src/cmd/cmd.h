/*
 * cmd.h - the commands of the kesu command line (docs/cli.md).
 *
 * main() parses the global options into struct cli and calls one handler
 * with the command's own arguments (argv[0] is the command name).  A
 * handler returns the process exit status (0 or a KESU_E* sysexits code),
 * prints errors itself as one line on stderr ("kesu: ..."), and prints
 * nothing on success but the output asked for.
 */
#ifndef KESU_CMD_H
#define KESU_CMD_H

#include <stdbool.h>
#include <stdio.h>

#include "cmd/auth.h"
#include "util/err.h"

struct cli {
	const char *db;    /* --db, else $KESU_DB, else the XDG default */
	const char *lang;  /* --lang zh|en, or NULL */
};

/* Print "kesu: <msg>" on stderr, free msg, return rc. */
int cmd_error(int rc, char *msg);
/* Put msg on stderr as it is but for control characters, each shown as
 * '?' (text_put()); newlines stay.  Every message to stderr goes here,
 * so text from users, answers and forms cannot drive the terminal. */
void cmd_eputs(const char *msg);
/* cmd_eputs() of a formatted message. */
void cmd_eprintf(const char *fmt, ...) KESU_PRINTF(1, 2);
/*
 * After getopt_long() answered '?' (main sets opterr to 0, so the C
 * library says nothing): "kesu: CMD: unknown option 'X'" or "... --X
 * needs a value", in the run's language, the option shown inert.
 */
struct option;
void cmd_bad_option(const char *cmd, const struct option *opts,
    char **argv);
/* A form file: opt, else $env_name, else rel (a bundled form such as
 * "forms/visit.csv") in the working directory, beside the binary's
 * source tree (build/kesu -> ..) or installed (PREFIX/bin/kesu ->
 * PREFIX/share/kesu/forms).  Caller frees. */
char *cmd_form_path(const char *opt, const char *env_name, const char *rel);
/* This laptop's device ID for `deviceid` ("kesu:UUID", made once and kept
 * in $XDG_CONFIG_HOME/kesu/deviceid); caller frees. */
char *cmd_deviceid(void);
/* The database path of cli (--db / $KESU_DB / XDG default); caller frees. */
char *cmd_db_path(const struct cli *cli);

/* Who cmd_open_store() logs in. */
enum cmd_login {
	CMD_READER,       /* as auth_reader(): --as on a database with users */
	CMD_SUPERVISOR    /* a supervisor's --as and PIN, always */
};
/*
 * The prologue of a command on records: open the database of cli (it
 * must exist) into *s and log in as login says (as: --as, or NULL).  A
 * supervisor's command without --as is KESU_ENOPERM.  *s (store_close())
 * and *who (auth_clear()) are the caller's, also on failure.
 */
int cmd_open_store(const struct cli *cli, const char *as, bool pin_stdin,
    enum cmd_login login, store **s, struct auth *who, char **cause)
    KESU_WUR;
/*
 * The options a command on records shares: --as USER and --pin-stdin
 * (who cmd_open_store() logs in), and --help.  CMD_AS_OPTIONS ends the
 * command's option table (getopt_long() answers 'a', 'p' and 'h');
 * cmd_as_option() takes the answer c when it is --as or --pin-stdin into
 * *as and says whether it was, so the command's switch sees the rest.
 */
struct cmd_as {
	const char *user;     /* --as, or NULL */
	bool pin_stdin;
};
#define CMD_AS_OPTIONS \
	{ "as", required_argument, NULL, 'a' }, \
	{ "pin-stdin", no_argument, NULL, 'p' }, \
	{ "help", no_argument, NULL, 'h' }, \
	{ NULL, 0, NULL, 0 }
bool cmd_as_option(int c, struct cmd_as *as);
/*
 * A command's exit status from its rc: 0, else rc once cause (what when
 * it is NULL) is said as cmd_error() says it; frees cause.
 */
int cmd_done(int rc, char *cause, const char *what);
/* A record status ("draft", "completed", ...) in the UI language, for
 * people; CSV and JSON keep the codes. */
const char *cmd_status_label(const char *status);

int cmd_form(struct cli *cli, int argc, char **argv);
/* form pull, form install (form_in.c) */
int cmd_form_pull(struct cli *cli, int argc, char **argv);
int cmd_form_install(struct cli *cli, int argc, char **argv);
int cmd_user(struct cli *cli, int argc, char **argv);
int cmd_list(struct cli *cli, int argc, char **argv);
int cmd_interview(struct cli *cli, int argc, char **argv);
int cmd_show(struct cli *cli, int argc, char **argv);
int cmd_sync(struct cli *cli, int argc, char **argv);
int cmd_approve(struct cli *cli, int argc, char **argv);
int cmd_reject(struct cli *cli, int argc, char **argv);
int cmd_review(struct cli *cli, int argc, char **argv);
int cmd_report(struct cli *cli, int argc, char **argv);
int cmd_export(struct cli *cli, int argc, char **argv);
int cmd_sample(struct cli *cli, int argc, char **argv);
/* `kesu report --rates` (rates.c), called by cmd_report(). */
int cmd_report_rates(struct cli *cli, int argc, char **argv);
int cmd_transfer(struct cli *cli, int argc, char **argv);

#endif
