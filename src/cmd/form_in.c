/*
 * form_in.c - `kesu form pull [--server URL]` and `kesu form install FILE
 * [MEDIA...]`: new form versions into the store, from an OpenRosa server
 * (sync/formpull.h) or from files (a USB stick, an e-mail).
 *
 * Both keep each form version beside the older ones; a version already
 * here with the same bytes is left as it is, one here with other bytes is
 * refused (65), so a version string always names one form.  Records and
 * drafts keep the version they were made with.
 */
#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "form/form.h"
#include "store/store.h"
#include "sync/config.h"
#include "sync/formpull.h"
#include "sync/openrosa.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static void
pull_usage(FILE *f)
{
	fputs(_("usage: kesu form pull [--server URL]\n"
	    "Fetch the server's form list (OpenRosa formList) and keep every "
	    "form version\n"
	    "not yet here, with its media files; hashes are checked.  The "
	    "server and its\n"
	    "credentials come from kesu.conf, as for kesu sync.\n"), f);
}

static void
install_usage(FILE *f)
{
	fputs(_("usage: kesu form install FILE [MEDIA...]\n"
	    "Keep the form in FILE (.xlsx, .csv, .md or XForm .xml) as a "
	    "version in the\n"
	    "database, with MEDIA files as its attachments.\n"), f);
}

int
cmd_form_pull(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "server", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct formpull_result res;
	struct sync_config cfg;
	struct openrosa_opts o;
	const char *server = NULL;
	openrosa *c = NULL;
	store *s = NULL;
	char *path = NULL, *cause = NULL;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 's':
			server = optarg;
			break;
		case 'h':
			pull_usage(stdout);
			return 0;
		default:
			cmd_bad_option("form pull", opts, argv);
			pull_usage(stderr);
			return KESU_EUSAGE;
		}
	}
	if (optind != argc) {
		pull_usage(stderr);
		return KESU_EUSAGE;
	}
	memset(&cfg, 0, sizeof cfg);
	if ((rc = sync_config_load(&cfg, &cause)) != 0)
		goto out;
	o.url = server != NULL ? server : cfg.server;
	o.user = cfg.user;
	o.password = cfg.password;
	o.ca_file = cfg.ca_file;
	if (o.url == NULL || *o.url == '\0') {
		rc = kesu_fail(&cause, KESU_ECONFIG, _("no server: give "
		    "--server URL or server = in kesu.conf"));
		goto out;
	}
	path = cmd_db_path(cli);
	if ((rc = store_open(path, 0, &s, &cause)) != 0 ||
	    (rc = openrosa_open(&o, &c, &cause)) != 0 ||
	    (rc = formpull_run(c, s, stdout, stderr, &res, &cause)) != 0)
		goto out;
	if (res.refused > 0)
		rc = KESU_EDATA;
out:
	openrosa_close(&c);
	store_close(&s);
	sync_config_clear(&cfg);
	free(path);
	if (rc != 0 && cause != NULL)
		return cmd_error(rc, cause);
	return rc;
}

/* Read a media file whole; caller frees b. */
static int
install_read(const char *path, struct buf *b, char **cause)
{
	char chunk[65536];
	size_t n;
	FILE *f;
	int rc = 0;

	if ((f = fopen(path, "rb")) == NULL)
		return kesu_fail(cause, KESU_ENOINPUT, _("%s: cannot be read"),
		    path);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(b, chunk, n);
	if (ferror(f))
		rc = kesu_fail(cause, KESU_ENOINPUT, _("%s: read error"), path);
	fclose(f);
	return rc;
}

static int
install_run(store *s, const form *f, const char *file, char **media,
    int nmedia, char **cause)
{
	const char *v = form_version(f) != NULL ? form_version(f) : "";
	struct buf b = BUF_INIT;
	int64_t had, key;
	char *copy, *err = NULL;
	int rc, i;

	if ((rc = store_form_lookup(s, form_id(f), v, &had, cause)) != 0 ||
	    (rc = store_batch_begin(s, cause)) != 0)
		return rc;
	if ((rc = store_form_add(s, f, file, &key, cause)) != 0)
		goto fail;
	if (had != 0 && had != key) {
		rc = kesu_fail(cause, KESU_EDATA, _("%s: form %s version %s "
		    "is installed with other content; give the new form a new "
		    "version"), file, form_id(f), v);
		goto fail;
	}
	for (i = 0; i < nmedia; i++) {
		buf_reset(&b);
		copy = xstrdup(media[i]);
		if ((rc = install_read(media[i], &b, cause)) == 0)
			rc = store_form_media_put(s, key, basename(copy),
			    b.data != NULL ? b.data : "", b.len, cause);
		free(copy);
		if (rc != 0)
			goto fail;
	}
	buf_free(&b);
	if ((rc = store_batch_end(s, true, cause)) != 0)
		return rc;
	if (had == key && nmedia == 0)
		printf(_("form %s version %s is already installed\n"),
		    form_id(f), v);
	else
		printf(_("installed %s version %s\n"), form_id(f), v);
	return 0;
fail:
	buf_free(&b);
	if (store_batch_end(s, false, &err) != 0)
		free(err);
	return rc;
}

int
cmd_form_install(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	store *s = NULL;
	form *f = NULL;
	char *path = NULL, *cause = NULL;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			install_usage(stdout);
			return 0;
		default:
			cmd_bad_option("form install", opts, argv);
			install_usage(stderr);
			return KESU_EUSAGE;
		}
	}
	if (optind >= argc) {
		install_usage(stderr);
		return KESU_EUSAGE;
	}
	path = cmd_db_path(cli);
	if ((rc = form_load(argv[optind], &f, &cause)) == 0 &&
	    (rc = store_open(path, 0, &s, &cause)) == 0)
		rc = install_run(s, f, argv[optind], argv + optind + 1,
		    argc - optind - 1, &cause);
	store_close(&s);
	form_free(&f);
	free(path);
	if (rc != 0)
		return cmd_error(rc, cause != NULL ? cause :
		    kesu_msg(_("form install failed")));
	return 0;
}
