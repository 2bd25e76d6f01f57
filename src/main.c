/*
 * main.c - kesu's command table and dispatch.
 *
 * The command line (docs/cli.md):
 *	kesu [--db PATH] [--lang zh|en] [--as USER] [--pin-stdin] COMMAND ...
 *	kesu --version | kesu help [COMMAND]
 *
 * Global options may also come after the command where that is not
 * ambiguous: --db anywhere, --lang unless the command has a --lang of its
 * own (export, form run: the labels' language).  --as and --pin-stdin
 * before the command are handed to the command, which owns them.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#ifndef KESU_VERSION
#define KESU_VERSION "unknown"
#endif

enum {
	CMD_SUB = 1,  /* a subcommand word follows (form check, form run) */
	CMD_LANG = 2, /* the command has a --lang of its own */
};

struct command {
	const char *name;
	int (*run)(struct cli *, int, char **);
	int flags;
	const char *summary; /* gettext msgid */
};

static const struct command commands[] = {
	{ "interview", cmd_interview, 0,
	    N_("the interview screen (the default)") },
	{ "form", cmd_form, CMD_SUB | CMD_LANG,
	    N_("check or run XLSForm questionnaires") },
	{ "user", cmd_user, 0, N_("add, list, change or disable users") },
	{ "list", cmd_list, 0, N_("list local records") },
	{ "show", cmd_show, 0, N_("show one record") },
	{ "sync", cmd_sync, 0, N_("upload due records to an OpenRosa server") },
	{ "review", cmd_review, 0, N_("the supervisor's review screen") },
	{ "approve", cmd_approve, 0,
	    N_("approve a completed record (supervisor)") },
	{ "reject", cmd_reject, 0,
	    N_("send a record back with a comment (supervisor)") },
	/* xgettext:no-c-format */
	{ "report", cmd_report, 0, N_("estimates with 95% intervals") },
	{ "export", cmd_export, CMD_LANG,
	    N_("write records as CSV, Stata or SPSS data") },
	{ "sample", cmd_sample, CMD_SUB,
	    N_("the sample of households: load, list, assign, visit") },
	{ "transfer", cmd_transfer, CMD_SUB,
	    N_("records by USB stick: export or import a file") },
};

static void
usage(FILE *f)
{
	size_t i;

	fputs(_("usage: kesu [--db PATH] [--lang zh|en] COMMAND [OPTIONS]\n"),
	    f);
	fputs(_("commands:\n"), f);
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name,
		    _(commands[i].summary));
	fputs(_("Each command takes --help.\n"), f);
	fputs(_("kesu help COMMAND says the same; kesu --version prints "
	    "the version.\n"), f);
}

static const struct command *
find_command(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* Take --lang's value into cli; 0, or -1 after saying why. */
static int
set_lang(struct cli *cli, const char *v)
{
	if (strcmp(v, "zh") != 0 && strcmp(v, "en") != 0) {
		i18n_init(cli->lang);
		cmd_eprintf(_("kesu: --lang takes zh or en, not '%s'\n"), v);
		return -1;
	}
	cli->lang = v;
	i18n_init(cli->lang);
	return 0;
}

/*
 * If argv[*i] is a global option given after the command (--db, and
 * --lang unless own_lang), take it (and its value) into cli and advance
 * *i past it: 1.  0 if it is the command's; -1 after an error message.
 */
static int
late_global(struct cli *cli, int argc, char **argv, int *i, int own_lang)
{
	static const char *const names[] = { "--db", "--lang" };
	const char *a = argv[*i], *v;
	size_t k, n;

	for (k = 0; k < 2; k++) {
		if (k == 1 && own_lang)
			break;
		n = strlen(names[k]);
		if (strncmp(a, names[k], n) != 0 ||
		    (a[n] != '\0' && a[n] != '='))
			continue;
		if (a[n] == '=')
			v = a + n + 1;
		else if (*i + 1 < argc)
			v = argv[++*i];
		else {
			cmd_eprintf(_("kesu: option '%s' needs a value\n"), a);
			return -1;
		}
		(*i)++;
		if (k == 0)
			cli->db = v;
		else if (set_lang(cli, v) != 0)
			return -1;
		return 1;
	}
	return 0;
}

/*
 * Run cmd with argv[first..argc): the command word (and its subcommand),
 * then --as / --pin-stdin given before it, then its own arguments less
 * the global options among them.
 */
static int
run_command(struct cli *cli, const struct command *cmd, int argc,
    char **argv, int first, const char *as, int pin_stdin)
{
	char **av;
	int i = first, n = 0, r, rc, ddash = 0;

	av = xcalloc((size_t)(argc - first) + 4, sizeof *av);
	av[n++] = argv[i++];
	if ((cmd->flags & CMD_SUB) && i < argc && argv[i][0] != '-')
		av[n++] = argv[i++];
	if (as != NULL) {
		av[n++] = "--as";
		av[n++] = (char *)as;
	}
	if (pin_stdin)
		av[n++] = "--pin-stdin";
	while (i < argc) {
		if (!ddash && strcmp(argv[i], "--") == 0)
			ddash = 1;
		r = ddash ? 0 : late_global(cli, argc, argv, &i,
		    cmd->flags & CMD_LANG);
		if (r < 0) {
			free(av);
			return KESU_EUSAGE;
		}
		if (r == 0)
			av[n++] = argv[i++];
	}
	optind = 0; /* glibc: start getopt afresh */
	rc = cmd->run(cli, n, av);
	free(av);
	return rc;
}

/* kesu help [COMMAND]: the overview, or the command's own --help. */
static int
help(struct cli *cli, int argc, char **argv)
{
	static char helpopt[] = "--help";
	const struct command *cmd;
	char *av[3];

	if (argc < 2) {
		usage(stdout);
		return 0;
	}
	if ((cmd = find_command(argv[1])) == NULL) {
		cmd_eprintf(_("kesu: unknown command '%s'\n"), argv[1]);
		usage(stderr);
		return KESU_EUSAGE;
	}
	av[0] = argv[1];
	av[1] = helpopt;
	av[2] = NULL;
	optind = 0;
	return cmd->run(cli, 2, av);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "lang", required_argument, NULL, 'l' },
		{ "as", required_argument, NULL, 'a' },
		{ "pin-stdin", no_argument, NULL, 'p' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static char dflt[] = "interview";
	struct cli cli = { NULL, NULL };
	const struct command *cmd;
	const char *as = NULL;
	char *dargv[2];
	int c, pin_stdin = 0;

	/* The environment's language first, so that even an error in the
	 * global options speaks it; --lang sets it again below.  The C
	 * library's getopt messages would echo options raw, in the C
	 * library's language: kesu says them (here, cmd_bad_option()). */
	i18n_init(NULL);
	opterr = 0;
	/* '+': stop at the command name; its options are its own. */
	while ((c = getopt_long(argc, argv, "+:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			cli.db = optarg;
			break;
		case 'l':
			if (set_lang(&cli, optarg) != 0)
				return KESU_EUSAGE;
			break;
		case 'a':
			as = optarg;
			break;
		case 'p':
			pin_stdin = 1;
			break;
		case 'V':
			printf("kesu %s\n", KESU_VERSION);
			return fflush(stdout) == 0 ? 0 : KESU_EIO;
		case 'h':
			usage(stdout);
			return 0;
		case ':':
			cmd_eprintf(_("kesu: option '%s' needs a value\n"),
			    argv[optind - 1]);
			usage(stderr);
			return KESU_EUSAGE;
		default:
			cmd_eprintf(_("kesu: unknown option '%s'\n"),
			    argv[optind - 1]);
			usage(stderr);
			return KESU_EUSAGE;
		}
	}
	/* The interview screen is the default command. */
	if (optind >= argc) {
		dargv[0] = dflt;
		dargv[1] = NULL;
		return run_command(&cli, find_command(dflt), 1, dargv, 0, as,
		    pin_stdin);
	}
	if (strcmp(argv[optind], "help") == 0)
		return help(&cli, argc - optind, argv + optind);
	if ((cmd = find_command(argv[optind])) == NULL) {
		cmd_eprintf(_("kesu: unknown command '%s'\n"), argv[optind]);
		usage(stderr);
		return KESU_EUSAGE;
	}
	return run_command(&cli, cmd, argc, argv, optind, as, pin_stdin);
}
