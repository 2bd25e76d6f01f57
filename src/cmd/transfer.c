/*
 * transfer.c - `kesu transfer export -o FILE`, `kesu transfer import FILE`
 * and `kesu transfer key`: finished records from an interviewer's laptop
 * to a supervisor's on a USB stick, without a network (store/transfer.h).
 *
 * Export: an interviewer writes their own completed and approved records
 * not yet handed over (--again: those too), a supervisor everyone's; the
 * records stay and are marked handed over once the file is on the stick
 * (written under a temporary name, synced and renamed, so a pulled stick
 * never leaves a half file under FILE).  Import: a supervisor only; the
 * file is checked whole, then merged in one transaction (a second import
 * adds nothing; a record here with other XML is kept aside, never
 * overwritten).  With transfer_key (or transfer_key_file) in kesu.conf,
 * files are sealed with it and only sealed files are taken.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/auth.h"
#include "cmd/cmd.h"
#include "form/form.h"
#include "store/transfer.h"
#include "sync/config.h"
#include "util/i18n.h"
#include "util/testhook.h"
#include "util/xalloc.h"

/* Files above this are not transfer files a laptop made. */
#define XFER_MAX ((size_t)1 << 31)

static void
xfer_usage(FILE *f, bool full)
{
	fputs(_("usage: kesu transfer export -o FILE [--again] [--as USER] "
	    "[--pin-stdin]\n"
	    "       kesu transfer import FILE --as USER [--pin-stdin]\n"
	    "       kesu transfer key\n"), f);
	if (!full)
		return;
	fputs(_("Records by USB stick, without a network.\n"
	    "  export  the finished records not yet handed over (an "
	    "interviewer's own;\n"
	    "          a supervisor's: everyone's) into FILE; they are kept "
	    "and marked\n"
	    "          handed over.  --again: those handed over before too.\n"
	    "  import  a supervisor merges FILE: records already here are "
	    "skipped, one\n"
	    "          here with other XML is kept aside for review, never "
	    "overwritten;\n"
	    "          a truncated or altered file is refused whole.\n"
	    "  key     print a new random transfer key for kesu.conf "
	    "(transfer_key = KEY)\n"
	    "With transfer_key or transfer_key_file in kesu.conf, files are "
	    "encrypted and\n"
	    "authenticated with it.\n"), f);
}

/* The configured transfer key into key; *have false when none. */
static int
xfer_key(unsigned char key[TRANSFER_KEYBYTES], bool *have, char **cause)
{
	struct sync_config c;
	char *text = NULL;
	FILE *f = NULL;
	size_t n;
	int rc;

	*have = false;
	if ((rc = sync_config_load(&c, cause)) != 0)
		return rc;
	if (c.transfer_key != NULL && *c.transfer_key != '\0') {
		rc = transfer_key_parse(c.transfer_key, "kesu.conf: transfer_key",
		    key, cause);
	} else if (c.transfer_key_file != NULL &&
	    *c.transfer_key_file != '\0') {
		if ((f = fopen(c.transfer_key_file, "rb")) == NULL) {
			rc = kesu_fail(cause, KESU_ECONFIG, _("%s: %s"),
			    c.transfer_key_file, strerror(errno));
			goto out;
		}
		text = xmalloc(256);
		n = fread(text, 1, 255, f);
		text[n] = '\0';
		if (n == TRANSFER_KEYBYTES) {
			/* 32 raw bytes (a text key is 44 or 64 characters) */
			memcpy(key, text, TRANSFER_KEYBYTES);
			rc = 0;
		} else
			rc = transfer_key_parse(text, c.transfer_key_file, key,
			    cause);
		memset(text, 0, 256);
	} else
		goto out;
	*have = rc == 0;
out:
	if (f != NULL)
		fclose(f);
	free(text);
	sync_config_clear(&c);
	return rc;
}

/* Write data to path whole or not at all, synced to the device. */
static int
xfer_write(const char *path, const void *data, size_t len, char **cause)
{
	char *tmp = xasprintf("%s.XXXXXX", path), *dir = NULL;
	const char *p = data;
	size_t off = 0;
	ssize_t w;
	int fd, dfd, rc = 0;

	if ((fd = mkstemp(tmp)) < 0) {
		rc = kesu_fail(cause, KESU_ECANTCREAT, _("%s: %s"), path,
		    strerror(errno));
		goto out;
	}
	while (off < len) {
		if ((w = write(fd, p + off, len - off)) < 0) {
			if (errno == EINTR)
				continue;
			rc = kesu_fail(cause, KESU_EIO, _("%s: %s"), path,
			    strerror(errno));
			break;
		}
		off += (size_t)w;
	}
	if (rc == 0 && fsync(fd) != 0)
		rc = kesu_fail(cause, KESU_EIO, _("%s: %s"), path,
		    strerror(errno));
	if (close(fd) != 0 && rc == 0)
		rc = kesu_fail(cause, KESU_EIO, _("%s: %s"), path,
		    strerror(errno));
	if (rc == 0 && rename(tmp, path) != 0)
		rc = kesu_fail(cause, KESU_ECANTCREAT, _("%s: %s"), path,
		    strerror(errno));
	if (rc != 0) {
		unlink(tmp);
		goto out;
	}
	dir = xstrdup(path);
	if ((dfd = open(dirname(dir), O_RDONLY | O_DIRECTORY)) >= 0) {
		(void)fsync(dfd);
		close(dfd);
	}
out:
	free(tmp);
	free(dir);
	return rc;
}

static int
xfer_read(const char *path, struct buf *b, char **cause)
{
	char chunk[65536];
	struct stat st;
	size_t n;
	FILE *f;
	int rc = 0;

	if ((f = fopen(path, "rb")) == NULL)
		return kesu_fail(cause, KESU_ENOINPUT, _("%s: %s"), path,
		    strerror(errno));
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		fclose(f);
		return kesu_fail(cause, KESU_ENOINPUT,
		    _("%s: not a regular file"), path);
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b->len + n > XFER_MAX) {
			rc = kesu_fail(cause, KESU_EDATA,
			    _("%s: too large for a transfer file"), path);
			break;
		}
		buf_add(b, chunk, n);
	}
	if (rc == 0 && ferror(f))
		rc = kesu_fail(cause, KESU_EIO, _("%s: read error"), path);
	fclose(f);
	return rc;
}

static int
xfer_export(store *s, const char *out, bool again, const char *as,
    bool pin_stdin, char **cause)
{
	struct auth who = { NULL, STORE_INTERVIEWER };
	unsigned char key[TRANSFER_KEYBYTES];
	struct buf batch = BUF_INIT, file = BUF_INIT;
	const char *mine = NULL;
	int64_t *keys = NULL;
	size_t n = 0;
	bool have;
	int users, rc;

	if ((rc = xfer_key(key, &have, cause)) != 0)
		return rc;
	if ((rc = store_user_count(s, &users, cause)) != 0)
		goto out;
	if (users > 0) {
		if (as == NULL) {
			rc = kesu_fail(cause, KESU_ENOPERM, _("transfer export: "
			    "this database has users; give --as USER"));
			goto out;
		}
		if ((rc = auth_login(s, as, pin_stdin, AUTH_ANY, &who,
		    cause)) != 0)
			goto out;
		if (who.role != STORE_SUPERVISOR)
			mine = who.user;
	}
	if ((rc = store_transfer_collect(s, mine, again, who.user, &batch,
	    &keys, &n, cause)) != 0)
		goto out;
	transfer_seal(batch.data, batch.len, have ? key : NULL, &file);
	if ((rc = xfer_write(out, file.data, file.len, cause)) != 0)
		goto out;
	if ((rc = store_transfer_handed_over(s, keys, n, who.user, out,
	    cause)) != 0)
		goto out;
	/* L10N: %zu is a count of records, %s the file written. */
	printf(ngettext("%zu record written to %s%s\n",
	    "%zu records written to %s%s\n", n), n, out,
	    have ? _(" (encrypted)") : "");
out:
	if (batch.len > 0)
		memset(batch.data, 0, batch.len);
	buf_free(&batch);
	buf_free(&file);
	free(keys);
	memset(key, 0, sizeof key);
	auth_clear(&who);
	return rc;
}

/* The attachments a batch carries for its form F item `form`: the M
 * items after it (form_media get()). */
struct xfer_media {
	const struct transfer_batch *b;
	size_t form;
};

static int
xfer_media_get(void *ctx, const char *name, void **data, size_t *len,
    char **cause)
{
	const struct xfer_media *xm = ctx;
	const struct transfer_item *it;
	size_t i;

	(void)cause;
	for (i = xm->form + 1; i < xm->b->n; i++) {
		it = &xm->b->items[i];
		if (it->tag == 'F' || it->tag == 'R')
			break;
		if (it->tag == 'M' && it->f[1].len == strlen(name) &&
		    memcmp(it->f[1].p, name, it->f[1].len) == 0) {
			*data = xmalloc(it->f[2].len + 1);
			if (it->f[2].len > 0)
				memcpy(*data, it->f[2].p, it->f[2].len);
			*len = it->f[2].len;
			return 0;
		}
	}
	return KESU_ENOINPUT;
}

/*
 * Every form the batch carries must load as a form here, before anything
 * is merged: records of a form kesu cannot read could be neither
 * reviewed nor exported.
 */
static int
xfer_check_forms(const struct transfer_batch *b, const char *in,
    char **cause)
{
	char *name, *err = NULL;
	struct xfer_media xm = { b, 0 };
	struct form_media media = { xfer_media_get, &xm };
	form *f = NULL;
	size_t i;
	int rc;

	for (i = 0; i < b->n; i++) {
		const struct transfer_item *it = &b->items[i];

		if (it->tag != 'F')
			continue;
		name = xstrndup(it->f[3].p, it->f[3].len);
		xm.form = i;
		rc = form_load_media(name, it->f[5].p, it->f[5].len, &media,
		    &f, &err);
		form_free(&f);
		if (rc != 0) {
			rc = kesu_fail(cause, KESU_EDATA, _("%s: the form %s "
			    "it carries does not load; nothing was imported: "
			    "%s"), in, name, err != NULL ? err : "");
			free(err);
			free(name);
			return rc;
		}
		free(name);
	}
	return 0;
}

/* Import file in as the supervisor who. */
static int
xfer_import(store *s, const char *in, const struct auth *who, char **cause)
{
	unsigned char key[TRANSFER_KEYBYTES];
	struct buf file = BUF_INIT, batch = BUF_INIT;
	struct transfer_batch b = { NULL, 0, 0, 0 };
	struct store_transfer_result res;
	bool have, sealed;
	int rc;

	if ((rc = xfer_key(key, &have, cause)) != 0 ||
	    (rc = xfer_read(in, &file, cause)) != 0 ||
	    (rc = transfer_open(file.data, file.len, have ? key : NULL, in,
	    &batch, &sealed, cause)) != 0 ||
	    (rc = transfer_decode(batch.data, batch.len, in, &b,
	    cause)) != 0 ||
	    (rc = xfer_check_forms(&b, in, cause)) != 0)
		goto out;
	testhook_pause("transfer-import:read");
	if ((rc = store_transfer_merge(s, &b, who->user, in, &res,
	    cause)) != 0)
		goto out;
	/* L10N: the counts of one import: records added, records that
	 * were here already, records kept aside because the file holds
	 * other XML under an ID that is here. */
	printf(_("%s: %zu imported, %zu already here, %zu kept aside "
	    "(another version of a record here)\n"), in, res.imported,
	    res.present, res.conflicts);
	if (res.conflicts > 0)
		cmd_eprintf(ngettext("kesu: transfer import: %zu record in %s "
		    "differs from the one here under the same ID; it was not "
		    "imported (see kesu show ID)\n", "kesu: transfer import: "
		    "%zu records in %s differ from the ones here under the same "
		    "ID; they were not imported (see kesu show ID)\n",
		    res.conflicts), res.conflicts, in);
out:
	transfer_batch_clear(&b);
	if (batch.len > 0)
		memset(batch.data, 0, batch.len);
	buf_free(&batch);
	buf_free(&file);
	memset(key, 0, sizeof key);
	return rc;
}

int
cmd_transfer(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "again", no_argument, NULL, 'g' },
		CMD_AS_OPTIONS,
	};
	struct cmd_as as = { NULL, false };
	const char *out = NULL, *sub;
	bool again = false;
	char *path = NULL, *cause = NULL, *k;
	struct auth who = { NULL, STORE_INTERVIEWER };
	store *s = NULL;
	int c, rc;

	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		xfer_usage(stdout, true);
		return 0;
	}
	if (argc < 2) {
		xfer_usage(stderr, false);
		return KESU_EUSAGE;
	}
	sub = argv[1];
	argc--;
	argv++;
	while ((c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
		if (cmd_as_option(c, &as))
			continue;
		switch (c) {
		case 'o':
			out = optarg;
			break;
		case 'g':
			again = true;
			break;
		case 'h':
			xfer_usage(stdout, true);
			return 0;
		default:
			cmd_bad_option("transfer", opts, argv);
			xfer_usage(stderr, false);
			return KESU_EUSAGE;
		}
	}
	if (strcmp(sub, "key") == 0 && optind == argc) {
		k = transfer_key_new();
		printf("%s\n", k);
		memset(k, 0, strlen(k));
		free(k);
		return 0;
	}
	if (!((strcmp(sub, "export") == 0 && optind == argc && out != NULL &&
	    *out != '\0') || (strcmp(sub, "import") == 0 &&
	    optind + 1 == argc && out == NULL && !again))) {
		xfer_usage(stderr, false);
		return KESU_EUSAGE;
	}
	if (strcmp(sub, "export") == 0) {
		path = cmd_db_path(cli);
		if ((rc = store_open(path, STORE_EXISTING, &s, &cause)) == 0)
			rc = xfer_export(s, out, again, as.user, as.pin_stdin,
			    &cause);
		free(path);
	} else if ((rc = cmd_open_store(cli, as.user, as.pin_stdin,
	    CMD_SUPERVISOR, &s, &who, &cause)) == 0)
		rc = xfer_import(s, argv[optind], &who, &cause);
	auth_clear(&who);
	store_close(&s);
	return cmd_done(rc, cause, _("transfer failed"));
}
