/*
 * form_media.c - the versions of a form and their media files (the
 * attachments a form's manifest lists: choice lists, images), kept in
 * the store beside each version's bytes, so every version stays whole.
 */
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"
#include "util/i18n.h"
#include "util/xalloc.h"

int
store_form_lookup(store *s, const char *form_id, const char *version,
    int64_t *key, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*key = 0;
	if ((rc = store_prepare(s, "SELECT id FROM forms WHERE form_id = ? "
	    "AND version = ? ORDER BY id DESC LIMIT 1", &st, cause)) != 0)
		return rc;
	store_bind_text(st, 1, form_id);
	store_bind_text(st, 2, version != NULL ? version : "");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*key = sqlite3_column_int64(st, 0);
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 :
	    store_fail(s, rc, _("reading forms"), cause);
	sqlite3_finalize(st);
	return rc;
}

int
store_form_newest(store *s, const char *form_id, int64_t *key, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*key = 0;
	if ((rc = store_prepare(s, "SELECT id FROM forms WHERE form_id = ? "
	    "ORDER BY id DESC LIMIT 1", &st, cause)) != 0)
		return rc;
	store_bind_text(st, 1, form_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*key = sqlite3_column_int64(st, 0);
		rc = 0;
	} else if (rc == SQLITE_DONE)
		rc = kesu_fail(cause, KESU_ENOINPUT, _("%s: no form file or "
		    "stored form '%s'"), s->path, form_id);
	else
		rc = store_fail(s, rc, _("reading forms"), cause);
	sqlite3_finalize(st);
	return rc;
}

int
store_form_media_put(store *s, int64_t key, const char *name,
    const void *data, size_t len, char **cause)
{
	static const char what[] = N_("saving a form's media file");
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = store_prepare(s, "INSERT OR REPLACE INTO form_media (form, "
	    "name, data) VALUES (?, ?, ?)", &st, cause)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, key);
	store_bind_text(st, 2, name);
	sqlite3_bind_blob64(st, 3, len > 0 ? data : "", len, SQLITE_STATIC);
	return store_run(s, st, _(what), cause);
}

int
store_form_media_get(store *s, int64_t key, const char *name, void **data,
    size_t *len, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc, n;

	*data = NULL;
	*len = 0;
	if ((rc = store_prepare(s, "SELECT data FROM form_media WHERE form = ? "
	    "AND name = ?", &st, cause)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, key);
	store_bind_text(st, 2, name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		n = sqlite3_column_bytes(st, 0);
		*data = xmalloc((size_t)n + 1);
		if (n > 0)
			memcpy(*data, sqlite3_column_blob(st, 0), (size_t)n);
		((char *)*data)[n] = '\0';
		*len = (size_t)n;
		rc = 0;
	} else if (rc == SQLITE_DONE)
		rc = kesu_fail(cause, KESU_ENOINPUT, _("%s: form %lld has no "
		    "media file '%s'"), s->path, (long long)key, name);
	else
		rc = store_fail(s, rc, _("reading forms"), cause);
	sqlite3_finalize(st);
	return rc;
}

int
store_form_media_names(store *s, int64_t key, char ***names, size_t *n,
    char **cause)
{
	sqlite3_stmt *st = NULL;
	char **v = NULL;
	size_t cap = 0;
	int rc;

	*names = NULL;
	*n = 0;
	if ((rc = store_prepare(s, "SELECT name FROM form_media WHERE form = ? "
	    "ORDER BY name", &st, cause)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, key);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 8;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[(*n)++] = store_col_dup(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		while (*n > 0)
			free(v[--*n]);
		free(v);
		return store_fail(s, rc, _("reading forms"), cause);
	}
	*names = v;
	return 0;
}

static int
form_media_get(void *ctx, const char *name, void **data, size_t *len,
    char **cause)
{
	const struct store_media *m = ctx;

	return store_form_media_get(m->s, m->key, name, data, len, cause);
}

void
store_form_media_source(struct store_media *m, store *s, int64_t key,
    struct form_media *out)
{
	m->s = s;
	m->key = key;
	out->get = form_media_get;
	out->ctx = m;
}
