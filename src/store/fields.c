/*
 * fields.c - the field values reports read: for every finalized record of
 * the chosen statuses, the values of a few named summary fields.
 *
 * Two statements for the whole pass, nothing per record: the keys of the
 * records that count (from the (status, started) index, which covers
 * them), then, run once per name asked for, that name's record_fields
 * rows, read as a range of the (name, value) index, which covers
 * (name, value, record): no table page is touched and the rows come
 * sorted by value, so equal values are consecutive and each distinct
 * value is copied once.  The statuses are bound as a JSON array and
 * expanded by SQLite's json_each(), so any number of them is bound, never
 * pasted into the SQL.  Values are kept by name (one column of nrec
 * slots per name): a name's rows come in record order within a value, so
 * its writes stay in one column's pages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static const char *const fields_statuses[] = {
	"draft", "completed", "approved", "rejected", "uploaded",
};

static const char *const fields_default[] = {
	"completed", "approved", "uploaded",
};

struct store_fields {
	size_t nnames;
	size_t nrec;
	sqlite3_int64 *keys;    /* [nrec], ascending, when dense is NULL */
	int *dense;             /* [hi - lo + 1] slots (-1: left out), or NULL */
	sqlite3_int64 lo, hi;
	const char **vals;      /* [nnames * nrec], column k at k * nrec */
	char **pool;            /* the distinct values */
	size_t npool, cappool;
};

/* Append s as a JSON string to b. */
static void
fields_json_str(struct buf *b, const char *s)
{
	buf_addch(b, '"');
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			buf_addch(b, '\\');
			buf_addch(b, (char)c);
		} else if (c < 0x20)
			buf_printf(b, "\\u%04x", c);
		else
			buf_addch(b, (char)c);
	}
	buf_addch(b, '"');
}

static char *
fields_json_array(const char *const *v, size_t n)
{
	struct buf b = BUF_INIT;
	size_t i;

	buf_addch(&b, '[');
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addch(&b, ',');
		fields_json_str(&b, v[i]);
	}
	buf_addch(&b, ']');
	return buf_detach(&b);
}

static int
fields_key_cmp(const void *a, const void *b)
{
	sqlite3_int64 x = *(const sqlite3_int64 *)a;
	sqlite3_int64 y = *(const sqlite3_int64 *)b;

	return x < y ? -1 : x > y;
}

/* The keys of the records that count, ascending. */
static int
fields_keys(store *s, store_fields *it, const char *js,
    const char *interviewer, const char *form_id, char **cause)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0, i;
	int rc;

#define FIELDS_FORM " AND (?3 IS NULL OR form IN " \
	"(SELECT id FROM forms WHERE form_id = ?3))"
	if ((rc = store_prepare(s, interviewer == NULL ?
	    "SELECT id FROM records "
	    "WHERE status IN (SELECT value FROM json_each(?1))"
	    FIELDS_FORM :
	    "SELECT id FROM records "
	    "WHERE status IN (SELECT value FROM json_each(?1)) "
	    "AND interviewer = ?2" FIELDS_FORM, &st, cause)) != 0)
		return rc;
#undef FIELDS_FORM
	sqlite3_bind_text(st, 1, js, -1, SQLITE_STATIC);
	if (interviewer != NULL)
		sqlite3_bind_text(st, 2, interviewer, -1, SQLITE_STATIC);
	if (form_id != NULL)
		sqlite3_bind_text(st, 3, form_id, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (it->nrec == cap) {
			cap = cap ? 2 * cap : 1024;
			it->keys = xreallocarray(it->keys, cap,
			    sizeof *it->keys);
		}
		it->keys[it->nrec++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, _("reading records"), cause);
	/* From the status index they come by time, which is nearly
	 * always key order already. */
	for (i = 1; i < it->nrec; i++)
		if (it->keys[i - 1] > it->keys[i])
			break;
	if (i < it->nrec)
		qsort(it->keys, it->nrec, sizeof *it->keys, fields_key_cmp);
	/* Keys are rowids, nearly dense: a direct map when that is small. */
	if (it->nrec > 0 && it->nrec < (size_t)1 << 30 &&
	    (sqlite3_uint64)(it->keys[it->nrec - 1] - it->keys[0]) <
	    8 * (sqlite3_uint64)it->nrec + 4096) {
		size_t span = (size_t)(it->keys[it->nrec - 1] - it->keys[0]) + 1;

		it->lo = it->keys[0];
		it->hi = it->keys[it->nrec - 1];
		it->dense = xmalloc(span * sizeof *it->dense);
		for (i = 0; i < span; i++)
			it->dense[i] = -1;
		for (i = 0; i < it->nrec; i++)
			it->dense[it->keys[i] - it->lo] = (int)i;
		free(it->keys);
		it->keys = NULL;
	}
	return 0;
}

/*
 * The common case without reading every key: when the records' rowids
 * run without a gap (count = max - min + 1; nothing is ever deleted),
 * every record counts except those of the other statuses, which the
 * status index gives directly and which are usually few.  0 with
 * *done false when the rowids have gaps.
 */
static int
fields_keys_span(store *s, store_fields *it, const char *jother, bool *done,
    char **cause)
{
	sqlite3_stmt *st = NULL;
	sqlite3_int64 n = 0, id;
	size_t span, i, slot;
	int rc;

	*done = false;
	if ((rc = store_prepare(s, "SELECT count(*), min(id), max(id) "
	    "FROM records", &st, cause)) != 0)
		return rc;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n = sqlite3_column_int64(st, 0);
		it->lo = sqlite3_column_int64(st, 1);
		it->hi = sqlite3_column_int64(st, 2);
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, _("reading records"), cause);
	if (n == 0 || n >= (sqlite3_int64)1 << 30 || it->hi - it->lo + 1 != n)
		return 0;
	span = (size_t)n;
	it->dense = xmalloc(span * sizeof *it->dense);
	for (i = 0; i < span; i++)
		it->dense[i] = 0;
	if ((rc = store_prepare(s, "SELECT id FROM records "
	    "WHERE status IN (SELECT value FROM json_each(?1))", &st,
	    cause)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, jother, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((id = sqlite3_column_int64(st, 0)) >= it->lo && id <= it->hi)
			it->dense[id - it->lo] = -1;
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, _("reading records"), cause);
	for (i = 0, slot = 0; i < span; i++)
		if (it->dense[i] == 0)
			it->dense[i] = (int)slot++;
	it->nrec = slot;
	*done = true;
	return 0;
}

/*
 * *one: every stored form is a version of form_id (always, with form_id
 * NULL), so that no record needs its form read.
 */
static int
fields_one_form(store *s, const char *form_id, bool *one, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*one = true;
	if (form_id == NULL)
		return 0;
	if ((rc = store_prepare(s, "SELECT 1 FROM forms WHERE form_id <> ?1 "
	    "LIMIT 1", &st, cause)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, form_id, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*one = false;
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, _("reading records"), cause);
	return 0;
}

/* The slot of record key, or -1 when it does not count. */
static long
fields_slot(const store_fields *it, sqlite3_int64 key)
{
	size_t lo = 0, hi = it->nrec;

	if (it->dense != NULL)
		return key < it->lo || key > it->hi ? -1 : it->dense[key - it->lo];

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (it->keys[mid] < key)
			lo = mid + 1;
		else if (it->keys[mid] > key)
			hi = mid;
		else
			return (long)mid;
	}
	return -1;
}

/* Every value of the names asked for, into it->vals. */
static int
fields_values(store *s, store_fields *it, const char *const *names,
    char **cause)
{
	sqlite3_stmt *st = NULL;
	size_t k, i;
	int rc;

	if ((rc = store_prepare(s, "SELECT record, value FROM record_fields "
	    "INDEXED BY record_fields_value WHERE name = ?1", &st,
	    cause)) != 0)
		return rc;
	for (k = 0; k < it->nnames; k++) {
		const char **col = it->vals + k * it->nrec;
		const char *last = NULL;
		size_t lastlen = 0;

		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, names[k], -1, SQLITE_STATIC);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			long slot = fields_slot(it, sqlite3_column_int64(st, 0));
			const char *v;
			size_t len;

			if (slot < 0 ||
			    (v = (const char *)sqlite3_column_text(st, 1)) == NULL)
				continue;
			len = (size_t)sqlite3_column_bytes(st, 1);
			if (last == NULL || len != lastlen ||
			    memcmp(last, v, len) != 0) {
				if (it->npool == it->cappool) {
					it->cappool = it->cappool ?
					    2 * it->cappool : 64;
					it->pool = xreallocarray(it->pool,
					    it->cappool, sizeof *it->pool);
				}
				it->pool[it->npool] = xstrdup(v);
				last = it->pool[it->npool++];
				lastlen = len;
			}
			col[slot] = last;
		}
		if (rc != SQLITE_DONE)
			break;
		for (i = 0; i < it->nrec; i++)
			if (col[i] == NULL)
				col[i] = "";
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, _("reading records"), cause);
	return 0;
}

int
store_fields_open(store *s, const char *const *statuses, size_t nstatus,
    const char *interviewer, const char *form_id, const char *const *names,
    size_t nnames, store_fields **out, char **cause)
{
	const char *other[sizeof fields_statuses / sizeof fields_statuses[0]];
	size_t i, k, nother = 0;
	store_fields *it;
	char *js, *jother;
	bool done, one = true;
	int rc;

	*out = NULL;
	if (statuses == NULL || nstatus == 0) {
		statuses = fields_default;
		nstatus = sizeof fields_default / sizeof fields_default[0];
	}
	for (i = 0; i < nstatus; i++) {
		for (k = 0; k < sizeof fields_statuses / sizeof fields_statuses[0];
		    k++)
			if (strcmp(statuses[i], fields_statuses[k]) == 0)
				break;
		if (k == sizeof fields_statuses / sizeof fields_statuses[0])
			return kesu_fail(cause, KESU_EUSAGE,
			    _("unknown record status '%s'"), statuses[i]);
	}
	it = xcalloc(1, sizeof *it);
	it->nnames = nnames;
	js = fields_json_array(statuses, nstatus);
	for (k = 0; k < sizeof fields_statuses / sizeof fields_statuses[0]; k++) {
		for (i = 0; i < nstatus; i++)
			if (strcmp(statuses[i], fields_statuses[k]) == 0)
				break;
		if (i == nstatus)
			other[nother++] = fields_statuses[k];
	}
	jother = fields_json_array(other, nother);
	done = false;
	if (interviewer == NULL &&
	    (rc = fields_one_form(s, form_id, &one, cause)) != 0)
		goto out;
	if (interviewer == NULL && one &&
	    (rc = fields_keys_span(s, it, jother, &done, cause)) != 0)
		goto out;
	if (!done && (rc = fields_keys(s, it, js, interviewer, form_id,
	    cause)) != 0)
		goto out;
	it->vals = xcalloc(it->nrec * nnames + 1, sizeof *it->vals);
	rc = fields_values(s, it, names, cause);
out:
	free(js);
	free(jother);
	if (rc != 0)
		store_fields_close(&it);
	*out = it;
	return rc;
}

size_t
store_fields_count(const store_fields *it)
{
	return it->nrec;
}

const char *const *
store_fields_column(const store_fields *it, size_t k)
{
	return it->vals + k * it->nrec;
}

void
store_fields_close(store_fields **itp)
{
	store_fields *it = *itp;
	size_t i;

	if (it == NULL)
		return;
	for (i = 0; i < it->npool; i++)
		free(it->pool[i]);
	free(it->pool);
	free(it->keys);
	free(it->dense);
	free(it->vals);
	free(it);
	*itp = NULL;
}

int
store_field_names(store *s, char ***names, bool **kept, size_t *n,
    char **cause)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	*names = NULL;
	*kept = NULL;
	*n = 0;
	if ((rc = store_prepare(s, "SELECT name, max(indexed) FROM form_fields "
	    "WHERE kind NOT IN ('group', 'note') GROUP BY name ORDER BY name",
	    &st, cause)) != 0)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 64;
			*names = xreallocarray(*names, cap, sizeof **names);
			*kept = xreallocarray(*kept, cap, sizeof **kept);
		}
		(*names)[*n] = xstrdup((const char *)sqlite3_column_text(st, 0));
		(*kept)[(*n)++] = sqlite3_column_int(st, 1) != 0;
	}
	rc = rc == SQLITE_DONE ? 0 : store_fail(s, rc, _("reading the forms' "
	    "fields"), cause);
	sqlite3_finalize(st);
	if (rc != 0) {
		store_field_names_free(*names, *kept, *n);
		*names = NULL;
		*kept = NULL;
		*n = 0;
	}
	return rc;
}

void
store_field_names_free(char **names, bool *kept, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(kept);
}
