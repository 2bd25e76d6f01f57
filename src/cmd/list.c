/*
 * list.c - `kesu list [--status S] [--format table|csv|json]`: the local
 * records, oldest first, one per line, with their summary fields (the
 * calculate fields of the forms, e.g. score_total, literate).
 *
 * csv: the header is id,status,interviewer,started,form_id,version and
 * then the summary fields; values are quoted when they hold a comma, a
 * quote or a line break.  json: an array with one object per line.
 * table: a short id, the times in the interview's own time zone and the
 * duration in minutes.  On a database with users, --as USER is needed;
 * an interviewer sees only their own records.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/auth.h"
#include "cmd/cmd.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/json.h"
#include "util/text.h"
#include "util/xalloc.h"

enum list_format { LIST_TABLE, LIST_CSV, LIST_JSON };

static void
list_usage(FILE *f)
{
	fputs(_("usage: kesu list [--status draft|completed|approved|"
	    "rejected|uploaded]\n"
	    "                 [--format table|csv|json] [--as USER] "
	    "[--pin-stdin]\n"), f);
}

static void
list_header(FILE *f, enum list_format fmt, const store_list *l)
{
	size_t i, n = store_list_ncolumns(l);

	if (fmt == LIST_CSV) {
		fputs("id,status,interviewer,started,form_id,version", f);
		for (i = 0; i < n; i++) {
			putc(',', f);
			text_csv_cell(f, store_list_column(l, i));
		}
		putc('\n', f);
	} else if (fmt == LIST_TABLE) {
		/* L10N: column heads of `kesu list`; the record ID column
		 * is 8 wide, "min" is the duration in minutes. */
		text_pad(f, _("id"), 9);
		text_pad(f, _("status"), 10);
		putc(' ', f);
		text_pad(f, _("interviewer"), 13);
		text_pad(f, _("started"), 17);
		text_rpad(f, _("min"), 5);
		putc(' ', f);
		text_pad(f, _("form"), 26);
		for (i = 0; i < n; i++)
			fprintf(f, " %s", store_list_column(l, i));
		putc('\n', f);
	} else
		fputs("[\n", f);
}

/* flag: the server's answer when sync flagged the record for a person,
 * else NULL. */
static void
list_row(FILE *f, enum list_format fmt, const store_list *l,
    const struct store_record *r, const char *const *v, const char *flag,
    bool first)
{
	char started[40];
	size_t i, n = store_list_ncolumns(l);

	clock_format(r->started, r->tz, started, sizeof started);
	if (fmt == LIST_CSV) {
		fprintf(f, "%s,%s,", r->uuid, r->status);
		text_csv_cell(f, r->interviewer);
		fprintf(f, ",%s,", started);
		text_csv_cell(f, r->form_id);
		putc(',', f);
		text_csv_cell(f, r->version);
		for (i = 0; i < n; i++) {
			putc(',', f);
			text_csv_cell(f, v[i]);
		}
		putc('\n', f);
	} else if (fmt == LIST_TABLE) {
		started[10] = ' ';
		started[16] = '\0';
		fprintf(f, "%.8s ", r->uuid);
		if (flag != NULL) {
			/* L10N: the status cell of a record that sync flagged
			 * for a person; at most 10 columns with the '!'. */
			char *cell = xasprintf(_("%s!"),
			    cmd_status_label(r->status));
			text_pad(f, cell, 10);
			free(cell);
		} else
			text_pad(f, cmd_status_label(r->status), 10);
		/* A cell is cut (…) one column short of the next, so a long
		 * name never touches it. */
		putc(' ', f);
		text_pad(f, r->interviewer, 12);
		putc(' ', f);
		fprintf(f, "%-16s ", started);
		if (r->duration > 0)
			fprintf(f, "%5.1f", r->duration / 60);
		else
			fprintf(f, "%5s", "-");
		putc(' ', f);
		text_pad(f, r->form_id, 25);
		putc(' ', f);
		for (i = 0; i < n; i++) {
			putc(' ', f);
			text_rpad(f, v[i], text_width(store_list_column(l, i)));
		}
		putc('\n', f);
	} else {
		fputs(first ? "{\"id\":" : ",\n{\"id\":", f);
		json_str(f, r->uuid);
		fprintf(f, ",\"status\":\"%s\",\"interviewer\":", r->status);
		json_str(f, r->interviewer);
		fprintf(f, ",\"started\":\"%s\",\"form_id\":", started);
		json_str(f, r->form_id);
		fputs(",\"version\":", f);
		json_str(f, r->version);
		if (flag != NULL) {
			fputs(",\"sync_flag\":", f);
			json_str(f, flag);
		}
		if (r->ended > 0) {
			clock_format(r->ended, r->tz, started, sizeof started);
			fprintf(f, ",\"ended\":\"%s\",\"duration\":%.0f",
			    started, r->duration);
		}
		for (i = 0; i < n; i++) {
			if (*v[i] == '\0')
				continue;
			putc(',', f);
			json_str(f, store_list_column(l, i));
			putc(':', f);
			json_str(f, v[i]);
		}
		putc('}', f);
	}
}

static int
list_run(store *s, const struct auth *who, const char *status,
    enum list_format fmt, char **cause)
{
	struct store_record r;
	struct store_sync_state st;
	store_list *l = NULL;
	const char *const *v;
	char *flag;
	size_t nflag = 0;
	bool end, first = true;
	int rc;

	memset(&r, 0, sizeof r);
	/* One snapshot for the whole list: consistent, and one lock taken
	 * instead of one per record. */
	if ((rc = store_snapshot_begin(s, cause)) != 0)
		return rc;
	if ((rc = store_list_open(s, status, &l, cause)) != 0) {
		store_snapshot_end(s);
		return rc;
	}
	list_header(stdout, fmt, l);
	for (;;) {
		if ((rc = store_list_next(l, &r, &v, &end, cause)) != 0 || end)
			break;
		if (!auth_may_see(who, r.interviewer))
			continue;
		if ((rc = store_sync_state_get(s, r.key, &st, cause)) != 0)
			break;
		flag = st.flagged && strcmp(r.status, "uploaded") != 0 ?
		    xasprintf("HTTP %ld: %s", st.http, st.message) : NULL;
		store_sync_state_clear(&st);
		nflag += flag != NULL;
		list_row(stdout, fmt, l, &r, v, flag, first);
		free(flag);
		first = false;
	}
	if (rc == 0 && fmt == LIST_TABLE && nflag > 0)
		printf(ngettext("! %zu record flagged for a person by sync "
		    "(kesu show ID; a supervisor sends it again with kesu sync "
		    "--retry ID)\n", "! %zu records flagged for a person by "
		    "sync (kesu show ID; a supervisor sends one again with kesu "
		    "sync --retry ID)\n", nflag), nflag);
	if (rc == 0 && fmt == LIST_JSON)
		fputs(first ? "]\n" : "\n]\n", stdout);
	store_record_clear(&r);
	store_list_close(&l);
	store_snapshot_end(s);
	if (rc == 0 && fflush(stdout) != 0)
		rc = kesu_fail(cause, KESU_EIO, _("cannot write the list"));
	return rc;
}

int
cmd_list(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "status", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'f' },
		CMD_AS_OPTIONS,
	};
	struct auth who = { NULL, STORE_INTERVIEWER };
	struct cmd_as as = { NULL, false };
	enum list_format fmt = LIST_TABLE;
	const char *status = NULL;
	store *s = NULL;
	char *cause = NULL;
	int c, rc;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (cmd_as_option(c, &as))
			continue;
		switch (c) {
		case 's':
			status = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "table") == 0)
				fmt = LIST_TABLE;
			else if (strcmp(optarg, "csv") == 0)
				fmt = LIST_CSV;
			else if (strcmp(optarg, "json") == 0)
				fmt = LIST_JSON;
			else {
				cmd_eprintf(_("kesu: list: --format takes "
				    "table, csv or json, not '%s'\n"), optarg);
				return KESU_EUSAGE;
			}
			break;
		case 'h':
			list_usage(stdout);
			return 0;
		default:
			cmd_bad_option("list", opts, argv);
			list_usage(stderr);
			return KESU_EUSAGE;
		}
	}
	if (optind != argc) {
		list_usage(stderr);
		return KESU_EUSAGE;
	}
	if ((rc = cmd_open_store(cli, as.user, as.pin_stdin, CMD_READER, &s,
	    &who, &cause)) == 0)
		rc = list_run(s, &who, status, fmt, &cause);
	auth_clear(&who);
	store_close(&s);
	return cmd_done(rc, cause, _("list failed"));
}
