/*
 * formpull.c - forms in from an OpenRosa server (formpull.h).
 *
 * A listed form is here when the store holds its form_id and version:
 * with the same bytes (md5) it is up to date; with other bytes under the
 * same version it is refused, since two forms under one version would
 * make records ambiguous (Central gives each published version its own
 * string).  A new version is fetched whole (form and media), each file
 * checked against the listed md5, the form loaded as `form check` would,
 * and only then stored, in one transaction: a refused or interrupted
 * pull leaves nothing of that version.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "form/form.h"
#include "form/xform.h"
#include "sync/formlist.h"
#include "sync/formpull.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* The largest form and media file fetched. */
#define PULL_MAX_FORM (64u << 20)
#define PULL_MAX_MEDIA (256u << 20)

static void
pull_md5(const void *data, size_t len, char hex[33])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0, i;

	if (EVP_Digest(data, len, md, &n, EVP_md5(), NULL) != 1)
		xalloc_die();
	for (i = 0; i < n && i < 16; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	hex[32] = '\0';
}

/* Fetch url into b and check its md5 against want. */
static int
pull_fetch(openrosa *c, const char *url, const char *what, const char *want,
    size_t max, struct buf *b, char **cause)
{
	char got[33];
	int rc;

	buf_reset(b);
	if ((rc = openrosa_get(c, url, max, b, cause)) != 0)
		return rc;
	pull_md5(b->data != NULL ? b->data : "", b->len, got);
	if (strcmp(got, want) != 0)
		return kesu_fail(cause, KESU_EDATA, _("%s: hash mismatch: "
		    "the server listed md5:%s, the download has md5:%s"), what,
		    want, got);
	return 0;
}

/* Is the stored form key the bytes with md5 want? */
static int
pull_same(store *s, int64_t key, const char *want, bool *same, char **cause)
{
	char *name = NULL, got[33];
	void *data = NULL;
	size_t len;
	int rc;

	*same = false;
	if ((rc = store_form_source(s, key, &name, &data, &len, cause)) != 0)
		return rc;
	pull_md5(data, len, got);
	*same = strcmp(got, want) == 0;
	free(name);
	free(data);
	return 0;
}

struct media {
	char *name;
	struct buf data;
};

static void
media_free(struct media *m, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(m[i].name);
		buf_free(&m[i].data);
	}
	free(m);
}

/* The media files of form e, fetched and checked. */
static int
pull_media(openrosa *c, const struct formlist_entry *e, struct media **out,
    size_t *n, char **cause)
{
	struct formlist_entry *me = NULL;
	struct buf b = BUF_INIT;
	struct media *m = NULL;
	char *what;
	size_t nm = 0, i;
	int rc;

	*out = NULL;
	*n = 0;
	if (e->manifest[0] == '\0')
		return 0;
	what = xasprintf(_("%s version %s: manifest"), e->id, e->version);
	if ((rc = openrosa_get(c, e->manifest, PULL_MAX_FORM, &b,
	    cause)) != 0 ||
	    (rc = formlist_parse(what, b.data != NULL ? b.data : "", b.len, 1,
	    &me, &nm, cause)) != 0)
		goto out;
	m = xcalloc(nm + 1, sizeof *m);
	for (i = 0; i < nm; i++) {
		free(what);
		what = xasprintf(_("%s version %s: %s"), e->id, e->version,
		    me[i].id);
		m[i].name = xstrdup(me[i].id);
		*n = i + 1;
		if ((rc = pull_fetch(c, me[i].download, what, me[i].md5,
		    PULL_MAX_MEDIA, &m[i].data, cause)) != 0)
			goto out;
	}
	*out = m;
	m = NULL;
out:
	if (m != NULL) {
		media_free(m, *n);
		*n = 0;
	}
	formlist_free(me, nm);
	buf_free(&b);
	free(what);
	return rc;
}

/* Read the fetched form as kesu reads any form; it must be the one
 * listed. */
static int
pull_load(const struct formlist_entry *e, const char *name,
    const struct buf *xml, form **f, char **cause)
{
	struct sheet_book *book = NULL;
	const char *v;
	int rc;

	*f = NULL;
	if ((rc = xform_book(name, xml->data != NULL ? xml->data : "",
	    xml->len, &book, cause)) != 0 ||
	    (rc = form_load_book(book, name, f, cause)) != 0)
		goto out;
	v = form_version(*f) != NULL ? form_version(*f) : "";
	if (strcmp(form_id(*f), e->id) != 0 || strcmp(v, e->version) != 0) {
		rc = kesu_fail(cause, KESU_EDATA, _("%s: the server listed "
		    "form %s version %s, the file is form %s version %s"),
		    name, e->id, e->version, form_id(*f), v);
		form_free(f);
	}
out:
	sheet_book_free(&book);
	return rc;
}

/* Keep form f (bytes xml) and its media in one transaction. */
static int
pull_keep(store *s, const form *f, const char *name, const struct buf *xml,
    const struct media *m, size_t nm, char **cause)
{
	int64_t key;
	size_t i;
	int rc;

	if ((rc = store_batch_begin(s, cause)) != 0)
		return rc;
	rc = store_form_add_bytes(s, f, name, xml->data != NULL ? xml->data :
	    "", xml->len, &key, cause);
	for (i = 0; rc == 0 && i < nm; i++)
		rc = store_form_media_put(s, key, m[i].name, m[i].data.data !=
		    NULL ? m[i].data.data : "", m[i].data.len, cause);
	if (rc != 0) {
		char *err = NULL;

		if (store_batch_end(s, false, &err) != 0)
			free(err);
		return rc;
	}
	return store_batch_end(s, true, cause);
}

/* One listed form: 0 when it is here or was kept, else why not. */
static int
pull_one(openrosa *c, store *s, const struct formlist_entry *e,
    bool *installed, size_t *nmedia, char **cause)
{
	struct buf xml = BUF_INIT;
	struct media *m = NULL;
	form *f = NULL;
	char *name = NULL;
	int64_t key;
	bool same;
	int rc;

	*installed = false;
	*nmedia = 0;
	if ((rc = store_form_lookup(s, e->id, e->version, &key, cause)) != 0)
		return rc;
	if (key != 0) {
		if ((rc = pull_same(s, key, e->md5, &same, cause)) != 0)
			return rc;
		if (!same)
			return kesu_fail(cause, KESU_EDATA, _("form %s version "
			    "%s on the server differs from the one here under "
			    "the same version; not installed"), e->id,
			    e->version);
		return 0;
	}
	name = xasprintf("%s.xml", e->id);
	if ((rc = pull_fetch(c, e->download, name, e->md5, PULL_MAX_FORM,
	    &xml, cause)) != 0 ||
	    (rc = pull_load(e, name, &xml, &f, cause)) != 0 ||
	    (rc = pull_media(c, e, &m, nmedia, cause)) != 0 ||
	    (rc = pull_keep(s, f, name, &xml, m, *nmedia, cause)) != 0)
		goto out;
	*installed = true;
out:
	media_free(m, *nmedia);
	form_free(&f);
	buf_free(&xml);
	free(name);
	return rc;
}

int
formpull_run(openrosa *c, store *s, FILE *out, FILE *err,
    struct formpull_result *res, char **cause)
{
	struct formlist_entry *e = NULL;
	struct buf b = BUF_INIT;
	char *why = NULL;
	size_t n = 0, i, nmedia;
	bool installed;
	int rc;

	memset(res, 0, sizeof *res);
	if ((rc = openrosa_get(c, "/formList", PULL_MAX_FORM, &b,
	    cause)) != 0 ||
	    (rc = formlist_parse("formList", b.data != NULL ? b.data : "",
	    b.len, 0, &e, &n, cause)) != 0)
		goto out;
	res->listed = n;
	for (i = 0; i < n; i++) {
		rc = pull_one(c, s, &e[i], &installed, &nmedia, &why);
		if (rc == KESU_ETEMPFAIL || rc == KESU_ENOPERM ||
		    rc == KESU_EIO) {
			*cause = why;
			why = NULL;
			goto out;
		}
		if (rc != 0) {
			res->refused++;
			if (err != NULL) {
				fputs("kesu: form pull: ", err);
				text_put(err, why != NULL ? why : "");
				putc('\n', err);
			}
		} else if (installed) {
			res->installed++;
			/* formlist_parse() let no control character
			 * into id or version. */
			if (out != NULL && nmedia == 0)
				fprintf(out, _("installed %s version %s\n"),
				    e[i].id, e[i].version);
			else if (out != NULL)
				fprintf(out, ngettext("installed %s version %s "
				    "with %zu media file\n", "installed %s "
				    "version %s with %zu media files\n",
				    nmedia), e[i].id, e[i].version, nmedia);
		} else
			res->current++;
		free(why);
		why = NULL;
	}
	rc = 0;
out:
	formlist_free(e, n);
	buf_free(&b);
	free(why);
	return rc;
}
