/*
 * forms.c - forms kept in the store: source bytes, sha256, form_id,
 * version, compression dictionary and the kind of every field.
 *
 * A record points at the exact form bytes it was collected with, so it
 * can be shown, inflated and exported when the file has since been edited
 * or deleted.  The same bytes are stored once (sha256 is unique).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "store/pack.h"
#include "store/store_int.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static const char *const kind_names[] = {
	[FORM_INTEGER] = "integer",
	[FORM_DECIMAL] = "decimal",
	[FORM_TEXT] = "text",
	[FORM_SELECT_ONE] = "select_one",
	[FORM_SELECT_MULTIPLE] = "select_multiple",
	[FORM_NOTE] = "note",
	[FORM_CALCULATE] = "calculate",
	[FORM_DATE] = "date",
	[FORM_ACKNOWLEDGE] = "acknowledge",
	[FORM_GROUP] = "group",
	[FORM_TIME] = "time",
	[FORM_DATETIME] = "dateTime",
	[FORM_RANGE] = "range",
	[FORM_GEOPOINT] = "geopoint",
	[FORM_HIDDEN] = "hidden",
	[FORM_RANK] = "rank",
	[FORM_START] = "start",
	[FORM_END] = "end",
	[FORM_TODAY] = "today",
	[FORM_DEVICEID] = "deviceid",
	[FORM_USERNAME] = "username",
};

/* Does any calculation read field name? */
static bool
forms_read_by_calculation(const form *f, const char *name)
{
	const struct form_field *c;
	int j, k;

	for (j = 0; j < form_nfields(f); j++) {
		c = form_field(f, j);
		if (c->calculation == NULL)
			continue;
		for (k = 0; k < expr_nrefs(c->calculation); k++)
			if (strcmp(expr_ref(c->calculation, k), name) == 0)
				return true;
	}
	return false;
}

/* Is field fl one reports filter or group by (see schema.c)?  Any
 * field with a value can be a design or domain variable (PSU codes are
 * often text). */
static bool
forms_indexed(const form *f, const struct form_field *fl)
{
	switch (fl->type) {
	case FORM_GROUP:
	case FORM_NOTE:
		return false;
	default:
		return !forms_read_by_calculation(f, fl->name);
	}
}

static int
forms_read_file(const char *path, struct buf *b, char **cause)
{
	FILE *f;
	char chunk[8192];
	size_t n;
	int rc = 0;

	if ((f = fopen(path, "rb")) == NULL)
		return kesu_fail(cause, KESU_ENOINPUT, _("%s: %s"), path,
		    strerror(errno));
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(b, chunk, n);
	if (ferror(f))
		rc = kesu_fail(cause, KESU_ENOINPUT, _("%s: read error"), path);
	fclose(f);
	return rc;
}

static void
forms_sha256(const void *data, size_t len, char hex[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;

	if (EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) != 1)
		xalloc_die();
	for (i = 0; i < mdlen && i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	hex[64] = '\0';
}

static int
forms_find(store *s, const char *hash, int64_t *key, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*key = 0;
	if ((rc = store_prepare(s, "SELECT id FROM forms WHERE sha256 = ?",
	    &st, cause)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*key = sqlite3_column_int64(st, 0);
		rc = 0;
	} else if (rc == SQLITE_DONE)
		rc = 0;
	else
		rc = store_fail(s, rc, _("reading forms"), cause);
	sqlite3_finalize(st);
	return rc;
}

static int
forms_insert(store *s, const form *f, const char *path, const struct buf *src,
    const char *hash, int64_t *key, char **cause)
{
	static const char what[] = N_("saving a form");
	sqlite3_stmt *st = NULL;
	struct buf dict = BUF_INIT;
	const char *version = form_version(f);
	double now;
	int tz, rc, i;

	if ((rc = clock_now(&now, &tz, cause)) != 0)
		return rc;
	pack_dict(f, &dict);
	if ((rc = store_prepare(s, "INSERT INTO forms (form_id, version, "
	    "sha256, filename, source, dict, added) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?)", &st, cause)) != 0)
		goto out;
	sqlite3_bind_text(st, 1, form_id(f), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, version != NULL ? version : "", -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(st, 3, hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, path, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 5, src->len > 0 ? src->data : "", (int)src->len,
	    SQLITE_STATIC);
	sqlite3_bind_blob(st, 6, dict.len > 0 ? dict.data : "",
	    (int)dict.len, SQLITE_STATIC);
	sqlite3_bind_double(st, 7, now);
	if ((rc = sqlite3_step(st)) != SQLITE_DONE) {
		rc = store_fail(s, rc, _(what), cause);
		goto out;
	}
	*key = sqlite3_last_insert_rowid(s->db);
	sqlite3_finalize(st);
	if ((rc = store_prepare(s, "INSERT INTO form_fields (form, pos, name, "
	    "kind, indexed) VALUES (?, ?, ?, ?, ?)", &st, cause)) != 0)
		goto out;
	for (i = 0; i < form_nfields(f); i++) {
		const struct form_field *fl = form_field(f, i);

		if (fl->type == FORM_GROUP || fl->type == FORM_NOTE ||
		    fl->generated)
			continue;
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, *key);
		sqlite3_bind_int(st, 2, i);
		sqlite3_bind_text(st, 3, fl->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, kind_names[fl->type], -1,
		    SQLITE_STATIC);
		sqlite3_bind_int(st, 5, forms_indexed(f, fl));
		if ((rc = sqlite3_step(st)) != SQLITE_DONE) {
			rc = store_fail(s, rc, _(what), cause);
			goto out;
		}
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	buf_free(&dict);
	return rc;
}

/* The attachments form f read beside path, kept with form key where it
 * has none of that name yet: reloaded from its stored source anywhere,
 * the form finds them there (store_form_media_source()). */
static int
forms_add_media(store *s, const form *f, const char *path, int64_t key,
    char **cause)
{
	const char *slash = strrchr(path, '/');
	struct buf b = BUF_INIT;
	char **have = NULL, *file;
	size_t nhave = 0, k;
	int rc, i;

	if (form_nattachments(f) == 0)
		return 0;
	if ((rc = store_form_media_names(s, key, &have, &nhave, cause)) != 0)
		return rc;
	for (i = 0; rc == 0 && i < form_nattachments(f); i++) {
		const char *name = form_attachment(f, i);

		for (k = 0; k < nhave && strcmp(have[k], name) != 0; k++)
			;
		if (k < nhave)
			continue;
		file = slash != NULL ? xasprintf("%.*s/%s",
		    (int)(slash - path), path, name) : xstrdup(name);
		buf_reset(&b);
		if ((rc = forms_read_file(file, &b, cause)) == 0)
			rc = store_form_media_put(s, key, name, b.data != NULL ?
			    b.data : "", b.len, cause);
		free(file);
	}
	for (k = 0; k < nhave; k++)
		free(have[k]);
	free(have);
	buf_free(&b);
	return rc;
}

int
store_form_add(store *s, const form *f, const char *path, int64_t *key,
    char **cause)
{
	struct buf src = BUF_INIT;
	int rc;

	*key = 0;
	if ((rc = forms_read_file(path, &src, cause)) == 0)
		rc = store_form_add_bytes(s, f, path, src.data != NULL ?
		    src.data : "", src.len, key, cause);
	if (rc == 0)
		rc = forms_add_media(s, f, path, *key, cause);
	buf_free(&src);
	return rc;
}

int
store_form_add_bytes(store *s, const form *f, const char *name,
    const void *data, size_t len, int64_t *key, char **cause)
{
	struct buf src = BUF_INIT;
	char hash[65];
	int rc;

	*key = 0;
	buf_add(&src, data, len);
	forms_sha256(data, len, hash);
	if ((rc = forms_find(s, hash, key, cause)) != 0 || *key != 0)
		goto out;
	if ((rc = store_begin(s, _("saving a form"), cause)) != 0)
		goto out;
	/* Another process may have added it meanwhile. */
	if ((rc = forms_find(s, hash, key, cause)) != 0 ||
	    (*key == 0 &&
	    (rc = forms_insert(s, f, name, &src, hash, key, cause)) != 0)) {
		store_rollback(s);
		goto out;
	}
	rc = store_commit(s, _("saving a form"), cause);
out:
	buf_free(&src);
	return rc;
}

int
store_form_source(store *s, int64_t key, char **name, void **data,
    size_t *len, char **cause)
{
	sqlite3_stmt *st = NULL;
	const void *p;
	int rc, n;

	*name = NULL;
	*data = NULL;
	*len = 0;
	if ((rc = store_prepare(s, "SELECT filename, source FROM forms "
	    "WHERE id = ?", &st, cause)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*name = store_col_dup(st, 0);
		p = sqlite3_column_blob(st, 1);
		n = sqlite3_column_bytes(st, 1);
		*data = xmalloc((size_t)n + 1);
		if (n > 0)
			memcpy(*data, p, (size_t)n);
		((char *)*data)[n] = '\0';
		*len = (size_t)n;
		rc = 0;
	} else if (rc == SQLITE_DONE)
		rc = kesu_fail(cause, KESU_ENOINPUT,
		    _("%s: no form %lld in the database"), s->path,
		    (long long)key);
	else
		rc = store_fail(s, rc, _("reading forms"), cause);
	sqlite3_finalize(st);
	return rc;
}

int
store_form_list(store *s, struct store_form **forms, size_t *n,
    char **cause)
{
	sqlite3_stmt *st = NULL;
	struct store_form *v = NULL, *fm;
	size_t cap = 0;
	int rc;

	*forms = NULL;
	*n = 0;
	if ((rc = store_prepare(s, "SELECT f.id, f.form_id, f.version, "
	    "f.added, (SELECT count(*) FROM records r WHERE r.form = f.id) "
	    "FROM forms f ORDER BY f.id", &st, cause)) != 0)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap != 0 ? 2 * cap : 8;
			v = xreallocarray(v, cap, sizeof *v);
		}
		fm = &v[(*n)++];
		fm->key = sqlite3_column_int64(st, 0);
		fm->form_id = store_col_dup(st, 1);
		fm->version = store_col_dup(st, 2);
		fm->added = sqlite3_column_double(st, 3);
		fm->records = sqlite3_column_int64(st, 4);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_forms_free(v, *n);
		*n = 0;
		return store_fail(s, rc, _("reading forms"), cause);
	}
	*forms = v;
	return 0;
}

void
store_forms_free(struct store_form *forms, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(forms[i].form_id);
		free(forms[i].version);
	}
	free(forms);
}
