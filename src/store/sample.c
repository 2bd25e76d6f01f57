/*
 * sample.c - the sample of households and the visits to them (sample.h).
 *
 * A household's state is read from its last visit in the same query that
 * lists the sample (visits_hh indexes (hh, id)), so a list of a thousand
 * households is one pass over two tables.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sample.h"
#include "store/store_int.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xalloc.h"

void
store_hh_clear(struct store_hh *h)
{
	free(h->id);
	free(h->street);
	free(h->community);
	free(h->address);
	free(h->interviewer);
	free(h->extra);
	free(h->disposition);
	free(h->aapor);
	free(h->revisit);
	memset(h, 0, sizeof *h);
}

void
store_hhs_free(struct store_hh *h, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		store_hh_clear(&h[i]);
	free(h);
}

/* Whether the stored row (columns of sample_old's SELECT) differs from r. */
static bool
sample_differs(sqlite3_stmt *st, const struct store_hh *r, bool keep_who)
{
	const char *cols[] = { r->street, r->community, r->address,
	    r->interviewer, r->extra };
	const unsigned char *v;
	int i;

	for (i = 0; i < 5; i++) {
		if (i == 3 && keep_who)
			continue;
		v = sqlite3_column_text(st, i);
		if (strcmp(v != NULL ? (const char *)v : "", cols[i]) != 0)
			return true;
	}
	if (sqlite3_column_type(st, 5) == SQLITE_NULL)
		return r->weight > 0;
	return sqlite3_column_double(st, 5) != r->weight;
}

/* Add or update one row of the sample inside the caller's transaction. */
static int
sample_put(store *s, sqlite3_stmt *old, sqlite3_stmt *put,
    const struct store_hh *r, size_t pos, double now, size_t *added,
    size_t *changed, char **cause)
{
	bool known = false, moved = false;
	int rc;

	sqlite3_reset(old);
	store_bind_text(old, 1, r->id);
	if ((rc = sqlite3_step(old)) == SQLITE_ROW) {
		known = true;
		moved = sqlite3_column_int(old, 6) != 0;
		if (!sample_differs(old, r, moved) &&
		    sqlite3_column_int64(old, 7) == (sqlite3_int64)pos)
			return 0;
	} else if (rc != SQLITE_DONE)
		return store_fail(s, rc, _("loading the sample"), cause);
	sqlite3_reset(put);
	store_bind_text(put, 1, r->id);
	sqlite3_bind_int64(put, 2, (sqlite3_int64)pos);
	store_bind_text(put, 3, r->street);
	store_bind_text(put, 4, r->community);
	store_bind_text(put, 5, r->address);
	store_bind_text(put, 6, r->interviewer);
	if (r->weight > 0)
		sqlite3_bind_double(put, 7, r->weight);
	else
		sqlite3_bind_null(put, 7);
	store_bind_text(put, 8, r->extra);
	sqlite3_bind_double(put, 9, now);
	if ((rc = sqlite3_step(put)) != SQLITE_DONE)
		return store_fail(s, rc, _("loading the sample"), cause);
	if (known)
		(*changed)++;
	else
		(*added)++;
	return 0;
}

int
store_sample_load(store *s, const char *path, const char *id_column,
    const struct store_hh *rows, size_t n, const char *who, size_t *added,
    size_t *changed, char **cause)
{
	static const char what[] = N_("loading the sample");
	sqlite3_stmt *old = NULL, *put = NULL;
	char detail[96];
	double now;
	size_t i;
	int tz, rc;

	*added = *changed = 0;
	if ((rc = clock_now(&now, &tz, cause)) != 0)
		return rc;
	if ((rc = store_begin(s, _(what), cause)) != 0)
		return rc;
	if ((rc = store_prepare(s, "SELECT street, community, address, "
	    "interviewer, extra, weight, moved, pos FROM sample WHERE hh = ?",
	    &old, cause)) != 0 ||
	    (rc = store_prepare(s, "INSERT INTO sample (hh, pos, street, "
	    "community, address, interviewer, weight, extra, loaded) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (hh) DO "
	    "UPDATE SET pos = ?2, street = ?3, community = ?4, address = ?5, "
	    "interviewer = CASE WHEN moved THEN interviewer ELSE ?6 END, "
	    "weight = ?7, extra = ?8, loaded = ?9", &put, cause)) != 0)
		goto fail;
	for (i = 0; i < n; i++) {
		if ((rc = sample_put(s, old, put, &rows[i], i, now, added,
		    changed, cause)) != 0)
			goto fail;
	}
	sqlite3_finalize(old);
	sqlite3_finalize(put);
	old = put = NULL;
	if ((rc = store_prepare(s, "INSERT OR REPLACE INTO sample_file (one, "
	    "id_column, path, loaded) VALUES (1, ?, ?, ?)", &put,
	    cause)) != 0)
		goto fail;
	store_bind_text(put, 1, id_column);
	store_bind_text(put, 2, path);
	sqlite3_bind_double(put, 3, now);
	if ((rc = sqlite3_step(put)) != SQLITE_DONE) {
		rc = store_fail(s, rc, _(what), cause);
		goto fail;
	}
	sqlite3_finalize(put);
	put = NULL;
	snprintf(detail, sizeof detail, "%zu rows: %zu added, %zu changed", n,
	    *added, *changed);
	if ((rc = store_audit_add(s, who, "sample-load", 0, detail,
	    cause)) != 0)
		goto fail;
	return store_commit(s, _(what), cause);
fail:
	sqlite3_finalize(old);
	sqlite3_finalize(put);
	store_rollback(s);
	return rc;
}

int
store_sample_id_column(store *s, char **out, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*out = NULL;
	if ((rc = store_prepare(s, "SELECT id_column FROM sample_file", &st,
	    cause)) != 0)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = store_col_dup(st, 0);
		rc = 0;
	} else if (rc == SQLITE_DONE)
		rc = kesu_fail(cause, KESU_ENOINPUT, _("%s: no sample loaded "
		    "(kesu sample load FILE)"), s->path);
	else
		rc = store_fail(s, rc, _("reading the sample"), cause);
	sqlite3_finalize(st);
	return rc;
}

/* The columns of a sample row, then its last visit's, then the count. */
#define SAMPLE_COLUMNS \
    "s.hh, s.street, s.community, s.address, s.interviewer, s.weight, " \
    "s.extra, s.moved"

static void
sample_fill(sqlite3_stmt *st, struct store_hh *h)
{
	memset(h, 0, sizeof *h);
	h->id = store_col_dup(st, 0);
	h->street = store_col_dup(st, 1);
	h->community = store_col_dup(st, 2);
	h->address = store_col_dup(st, 3);
	h->interviewer = store_col_dup(st, 4);
	h->weight = sqlite3_column_type(st, 5) == SQLITE_NULL ? 0 :
	    sqlite3_column_double(st, 5);
	h->extra = store_col_dup(st, 6);
	h->moved = sqlite3_column_int(st, 7) != 0;
}

int
store_sample_list(store *s, const char *interviewer, struct store_hh **out,
    size_t *n, char **cause)
{
	sqlite3_stmt *st = NULL;
	struct store_hh *h = NULL, *x;
	size_t cap = 0, k = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = store_prepare(s, "SELECT " SAMPLE_COLUMNS ", v.disposition, "
	    "v.aapor, v.final, v.revisit, v.at, (SELECT count(*) FROM visits "
	    "c WHERE c.hh = s.hh), v.tz, v.record FROM sample s LEFT JOIN visits v ON v.id = "
	    "(SELECT max(id) FROM visits l WHERE l.hh = s.hh) "
	    "WHERE ?1 IS NULL OR s.interviewer = ?1 ORDER BY s.pos", &st,
	    cause)) != 0)
		return rc;
	store_bind_text(st, 1, interviewer);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (k == cap) {
			cap = cap ? cap * 2 : 64;
			h = xreallocarray(h, cap, sizeof *h);
		}
		x = &h[k++];
		sample_fill(st, x);
		x->disposition = store_col_dup(st, 8);
		x->aapor = store_col_dup(st, 9);
		x->revisit = store_col_dup(st, 11);
		x->last = sqlite3_column_double(st, 12);
		x->visits = sqlite3_column_int(st, 13);
		x->last_tz = sqlite3_column_int(st, 14);
		x->record = sqlite3_column_int64(st, 15);
		if (x->visits == 0)
			x->state = STORE_HH_NEW;
		else if (strcmp(x->aapor, "I") == 0)
			x->state = STORE_HH_INTERVIEWED;
		else if (sqlite3_column_int(st, 10) != 0)
			x->state = STORE_HH_FINAL;
		else
			x->state = STORE_HH_REVISIT;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_hhs_free(h, k);
		return store_fail(s, rc, _("reading the sample"), cause);
	}
	*out = h;
	*n = k;
	return 0;
}

int
store_sample_get(store *s, const char *id, struct store_hh *out,
    char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = store_prepare(s, "SELECT " SAMPLE_COLUMNS " FROM sample s "
	    "WHERE s.hh = ?", &st, cause)) != 0)
		return rc;
	store_bind_text(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		sample_fill(st, out);
		rc = 0;
	} else if (rc == SQLITE_DONE)
		rc = kesu_fail(cause, KESU_ENOINPUT,
		    _("no household '%s' in the sample"), id);
	else
		rc = store_fail(s, rc, _("reading the sample"), cause);
	sqlite3_finalize(st);
	return rc;
}

int
store_sample_assign(store *s, const char *id, const char *user,
    const char *who, char **cause)
{
	static const char what[] = N_("assigning a household");
	struct store_hh h;
	sqlite3_stmt *st = NULL;
	char *detail = NULL;
	int rc;

	if ((rc = store_begin(s, _(what), cause)) != 0)
		return rc;
	if ((rc = store_sample_get(s, id, &h, cause)) != 0)
		goto fail;
	if ((rc = store_prepare(s, "UPDATE sample SET interviewer = ?, "
	    "moved = 1 WHERE hh = ?", &st, cause)) != 0)
		goto fail;
	store_bind_text(st, 1, user);
	store_bind_text(st, 2, id);
	rc = store_step_done(s, st, _(what), cause);
	st = NULL;
	if (rc != 0)
		goto fail;
	detail = kesu_msg("%s: %s -> %s", id, h.interviewer, user);
	if ((rc = store_audit_add(s, who, "sample-assign", 0, detail,
	    cause)) != 0)
		goto fail;
	free(detail);
	store_hh_clear(&h);
	return store_commit(s, _(what), cause);
fail:
	free(detail);
	store_hh_clear(&h);
	sqlite3_finalize(st);
	store_rollback(s);
	return rc;
}

int
store_visit_add(store *s, const struct store_visit *v, char **cause)
{
	static const char what[] = N_("keeping a visit");
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = store_prepare(s, "INSERT INTO visits (hh, at, tz, "
	    "interviewer, disposition, aapor, final, revisit, note, record) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", &st, cause)) != 0)
		return rc;
	store_bind_text(st, 1, v->hh);
	sqlite3_bind_double(st, 2, v->at);
	sqlite3_bind_int(st, 3, v->tz);
	store_bind_text(st, 4, v->interviewer != NULL ? v->interviewer : "");
	store_bind_text(st, 5, v->disposition);
	store_bind_text(st, 6, v->aapor);
	sqlite3_bind_int(st, 7, v->final);
	store_bind_text(st, 8, v->revisit != NULL ? v->revisit : "");
	store_bind_text(st, 9, v->note != NULL ? v->note : "");
	if (v->record > 0)
		sqlite3_bind_int64(st, 10, v->record);
	return store_run(s, st, _(what), cause);
}

int
store_record_set_household(store *s, int64_t key, const char *hh,
    char **cause)
{
	static const char what[] = N_("tying a record to its household");
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = store_prepare(s, "INSERT OR REPLACE INTO record_household "
	    "(hh, record) VALUES (?, ?)", &st, cause)) != 0)
		return rc;
	store_bind_text(st, 1, hh);
	sqlite3_bind_int64(st, 2, key);
	return store_run(s, st, _(what), cause);
}

/* The first column of sql's one row for key: text into *out (NULL when
 * NULL or no row). */
static int
sample_one(store *s, const char *sql, int64_t key, char **out, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*out = NULL;
	if ((rc = store_prepare(s, sql, &st, cause)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		*out = store_col_dup(st, 0);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		rc = 0;
	else
		rc = store_fail(s, rc, _("reading the sample"), cause);
	sqlite3_finalize(st);
	return rc;
}

int
store_record_household(store *s, int64_t key, char **hh, char **cause)
{
	return sample_one(s, "SELECT hh FROM record_household WHERE "
	    "record = ?", key, hh, cause);
}

int
store_visit_of_record(store *s, int64_t key, bool *has, char **cause)
{
	char *v = NULL;
	int rc;

	rc = sample_one(s, "SELECT 1 FROM visits WHERE record = ?", key, &v,
	    cause);
	*has = v != NULL;
	free(v);
	return rc;
}
