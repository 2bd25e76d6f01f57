/*
 * main.c - kesu's command table and dispatch.
 *
 * Global options come before the command (DESIGN.md):
 *	kesu [--db PATH] [--lang zh|en] COMMAND [OPTIONS]
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

struct command {
	const char *name;
	int (*run)(struct cli *, int, char **);
	const char *summary; /* gettext msgid */
};

static const struct command commands[] = {
	{ "interview", cmd_interview, N_("the interview screen (the default)") },
	{ "form", cmd_form, N_("check or run XLSForm questionnaires") },
	{ "user", cmd_user, N_("add, list, change or disable users") },
	{ "list", cmd_list, N_("list local records") },
	{ "show", cmd_show, N_("show one record") },
	{ "sync", cmd_sync, N_("upload due records to an OpenRosa server") },
	{ "review", cmd_review, N_("the supervisor's review screen") },
	{ "approve", cmd_approve, N_("approve a completed record (supervisor)") },
	{ "reject", cmd_reject, N_("send a record back with a comment (supervisor)") },
	/* xgettext:no-c-format */
	{ "report", cmd_report, N_("estimates with 95% intervals") },
	{ "export", cmd_export, N_("write records as CSV, Stata or SPSS data") },
	{ "transfer", cmd_transfer, N_("records by USB stick: export or import a file") },
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
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "lang", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli cli = { NULL, NULL };
	const char *name;
	size_t i;
	int c;

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
			if (strcmp(optarg, "zh") != 0 &&
			    strcmp(optarg, "en") != 0) {
				i18n_init(NULL);
				cmd_eprintf(_("kesu: --lang takes zh or en, "
				    "not '%s'\n"), optarg);
				return KESU_EUSAGE;
			}
			cli.lang = optarg;
			break;
		case 'h':
			i18n_init(cli.lang);
			usage(stdout);
			return 0;
		case ':':
			i18n_init(cli.lang);
			cmd_eprintf(_("kesu: option '%s' needs a value\n"),
			    argv[optind - 1]);
			usage(stderr);
			return KESU_EUSAGE;
		default:
			i18n_init(cli.lang);
			cmd_eprintf(_("kesu: unknown option '%s'\n"),
			    argv[optind - 1]);
			usage(stderr);
			return KESU_EUSAGE;
		}
	}
	i18n_init(cli.lang);
	/* The interview screen is the default command. */
	if (optind >= argc) {
		static char *dflt[] = { "interview", NULL };

		optind = 0;
		return cmd_interview(&cli, 1, dflt);
	}
	name = argv[optind];
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (strcmp(commands[i].name, name) == 0) {
			int first = optind;

			optind = 0; /* glibc: start getopt afresh */
			return commands[i].run(&cli, argc - first,
			    argv + first);
		}
	}
	cmd_eprintf(_("kesu: unknown command '%s'\n"), name);
	usage(stderr);
	return KESU_EUSAGE;
}
