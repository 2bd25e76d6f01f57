/*
 * transfer.c - records out of one laptop and into another by file
 * (transfer.h): collecting an interviewer's finished records into a
 * batch, marking them handed over, and merging a batch on the
 * supervisor's laptop.
 *
 * The merge is keyed on the instance ID, so importing a file twice, or
 * two files holding the same record, adds it once.  A record whose ID is
 * here already with other XML is never overwritten: the file's copy goes
 * to transfer_conflicts and a person decides.  Records keep their forms:
 * a form is copied with its fields and dictionary unless the same bytes
 * (sha256) are here, so a record points at the version it was made with.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pack.h"
#include "store/store_int.h"
#include "store/transfer.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/testhook.h"
#include "util/xalloc.h"

/* The records an export takes: ?1 interviewer (NULL: all), ?2 again. */
#define TRANSFER_DUE "r.status IN ('completed', 'approved') " \
	"AND (?1 IS NULL OR r.interviewer = ?1) AND (?2 OR NOT EXISTS " \
	"(SELECT 1 FROM handovers h WHERE h.record = r.id))"

static void
xfer_col(struct buf *b, sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		transfer_item_null(b);
	else
		transfer_item_field(b, sqlite3_column_blob(st, i),
		    (size_t)sqlite3_column_bytes(st, i));
}

static void
xfer_bind(sqlite3_stmt *st, const char *interviewer, bool again)
{
	store_bind_text(st, 1, interviewer);
	sqlite3_bind_int(st, 2, again);
}

/* The F, f and M items of every form an export takes. */
static int
xfer_collect_forms(store *s, const char *interviewer, bool again,
    struct buf *b, char **cause)
{
	static const char what[] = N_("reading forms");
	sqlite3_stmt *st = NULL, *ff = NULL, *fm = NULL;
	size_t mark;
	int rc;

	if ((rc = store_prepare(s, "SELECT f.id, f.sha256, f.form_id, "
	    "f.version, f.filename, f.added, f.source, f.dict FROM forms f "
	    "WHERE f.id IN (SELECT r.form FROM records r WHERE " TRANSFER_DUE
	    ") ORDER BY f.id", &st, cause)) != 0 ||
	    (rc = store_prepare(s, "SELECT pos, name, kind, indexed FROM "
	    "form_fields WHERE form = ? ORDER BY pos", &ff, cause)) != 0 ||
	    (rc = store_prepare(s, "SELECT name, data FROM form_media "
	    "WHERE form = ? ORDER BY name", &fm, cause)) != 0)
		goto out;
	xfer_bind(st, interviewer, again);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		transfer_item_begin(b, 'F', &mark);
		xfer_col(b, st, 1);
		xfer_col(b, st, 2);
		xfer_col(b, st, 3);
		xfer_col(b, st, 4);
		transfer_item_double(b, sqlite3_column_double(st, 5));
		xfer_col(b, st, 6);
		xfer_col(b, st, 7);
		transfer_item_end(b, mark);
		sqlite3_reset(ff);
		sqlite3_bind_int64(ff, 1, sqlite3_column_int64(st, 0));
		while ((rc = sqlite3_step(ff)) == SQLITE_ROW) {
			transfer_item_begin(b, 'f', &mark);
			xfer_col(b, st, 1);
			transfer_item_int(b, sqlite3_column_int64(ff, 0));
			xfer_col(b, ff, 1);
			xfer_col(b, ff, 2);
			transfer_item_int(b, sqlite3_column_int64(ff, 3));
			transfer_item_end(b, mark);
		}
		if (rc != SQLITE_DONE)
			break;
		/* Its attachments: it loads again only with them. */
		sqlite3_reset(fm);
		sqlite3_bind_int64(fm, 1, sqlite3_column_int64(st, 0));
		while ((rc = sqlite3_step(fm)) == SQLITE_ROW) {
			transfer_item_begin(b, 'M', &mark);
			xfer_col(b, st, 1);
			xfer_col(b, fm, 0);
			xfer_col(b, fm, 1);
			transfer_item_end(b, mark);
		}
		if (rc != SQLITE_DONE)
			break;
	}
	rc = rc == SQLITE_DONE ? 0 : store_fail(s, rc, _(what), cause);
out:
	sqlite3_finalize(st);
	sqlite3_finalize(ff);
	sqlite3_finalize(fm);
	return rc;
}

/* The V, E and A items of record key (uuid). */
static int
xfer_collect_rows(store *s, int64_t key, const char *uuid, struct buf *b,
    char **cause)
{
	static const char *const sql[] = {
		"SELECT name, value FROM record_fields WHERE record = ? "
		"ORDER BY name",
		"SELECT seq, session, kind, field, old, new, wall, mono "
		"FROM events WHERE record = ? ORDER BY seq",
		"SELECT at, tz, who, action, detail FROM audit "
		"WHERE record = ? ORDER BY id",
	};
	static const char tags[] = "VEA";
	sqlite3_stmt *st = NULL;
	size_t mark, k;
	int rc = 0, i;

	for (k = 0; k < 3 && rc == 0; k++) {
		if ((rc = store_prepare(s, sql[k], &st, cause)) != 0)
			return rc;
		sqlite3_bind_int64(st, 1, key);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			transfer_item_begin(b, tags[k], &mark);
			transfer_item_str(b, uuid);
			for (i = 0; i < sqlite3_column_count(st); i++) {
				if (tags[k] == 'E' && i < 2)
					transfer_item_int(b,
					    sqlite3_column_int64(st, i));
				else if ((tags[k] == 'E' && i >= 6) ||
				    (tags[k] == 'A' && i == 0))
					transfer_item_double(b,
					    sqlite3_column_double(st, i));
				else if (tags[k] == 'A' && i == 1)
					transfer_item_int(b,
					    sqlite3_column_int64(st, i));
				else
					xfer_col(b, st, i);
			}
			transfer_item_end(b, mark);
		}
		rc = rc == SQLITE_DONE ? 0 :
		    store_fail(s, rc, _("reading a record"), cause);
		sqlite3_finalize(st);
		st = NULL;
	}
	return rc;
}

/* The R item of the record at st's row, then its rows. */
static int
xfer_collect_record(store *s, sqlite3_stmt *st, struct buf *b,
    char **cause)
{
	int64_t key = sqlite3_column_int64(st, 0);
	const char *uuid = (const char *)sqlite3_column_text(st, 1);
	char *xml = NULL;
	size_t len, mark;
	int rc, i;

	if ((rc = store_record_xml(s, key, &xml, &len, cause)) != 0)
		return rc;
	transfer_item_begin(b, 'R', &mark);
	for (i = 1; i <= 4; i++)
		xfer_col(b, st, i);
	transfer_item_double(b, sqlite3_column_double(st, 5));
	transfer_item_int(b, sqlite3_column_int64(st, 6));
	for (i = 7; i <= 8; i++)
		if (sqlite3_column_type(st, i) == SQLITE_NULL)
			transfer_item_null(b);
		else
			transfer_item_double(b, sqlite3_column_double(st, i));
	xfer_col(b, st, 9);
	xfer_col(b, st, 10);
	transfer_item_int(b, sqlite3_column_int64(st, 11));
	transfer_item_double(b, sqlite3_column_double(st, 12));
	transfer_item_field(b, xml, len);
	xfer_col(b, st, 13);
	transfer_item_end(b, mark);
	free(xml);
	return xfer_collect_rows(s, key, uuid, b, cause);
}

int
store_transfer_collect(store *s, const char *interviewer, bool again,
    const char *by, struct buf *batch, int64_t **keys, size_t *n,
    char **cause)
{
	struct buf recs = BUF_INIT;
	sqlite3_stmt *st = NULL;
	size_t mark, cap = 0;
	double now;
	int tz, rc;

	*keys = NULL;
	*n = 0;
	if ((rc = clock_now(&now, &tz, cause)) != 0)
		return rc;
	if ((rc = store_snapshot_begin(s, cause)) != 0)
		return rc;
	if ((rc = store_prepare(s, "SELECT r.id, r.uuid, f.sha256, r.status, "
	    "r.interviewer, r.started, r.tz, r.ended, r.duration, r.question, "
	    "r.lang, r.sessions, r.updated, r.summary FROM records r "
	    "JOIN forms f ON f.id = r.form WHERE " TRANSFER_DUE
	    " ORDER BY r.id", &st, cause)) != 0)
		goto out;
	xfer_bind(st, interviewer, again);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 64;
			*keys = xreallocarray(*keys, cap, sizeof **keys);
		}
		(*keys)[(*n)++] = sqlite3_column_int64(st, 0);
		if ((rc = xfer_collect_record(s, st, &recs, cause)) != 0)
			goto out;
	}
	if (rc != SQLITE_DONE) {
		rc = store_fail(s, rc, _("reading records"), cause);
		goto out;
	}
	transfer_item_begin(batch, 'H', &mark);
	transfer_item_str(batch, "1");
	transfer_item_double(batch, now);
	transfer_item_str(batch, by != NULL ? by : "");
	transfer_item_int(batch, (int64_t)*n);
	transfer_item_end(batch, mark);
	if ((rc = xfer_collect_forms(s, interviewer, again, batch,
	    cause)) != 0)
		goto out;
	if (recs.len > 0)
		buf_add(batch, recs.data, recs.len);
	transfer_item_begin(batch, 'Z', &mark);
	transfer_item_int(batch, (int64_t)*n);
	transfer_item_end(batch, mark);
out:
	sqlite3_finalize(st);
	store_snapshot_end(s);
	buf_free(&recs);
	if (rc != 0) {
		free(*keys);
		*keys = NULL;
		*n = 0;
	}
	return rc;
}

int
store_transfer_handed_over(store *s, const int64_t *keys, size_t n,
    const char *who, const char *file, char **cause)
{
	static const char what[] = N_("marking records handed over");
	sqlite3_stmt *st = NULL;
	double now;
	int tz, rc;
	size_t i;

	if ((rc = clock_now(&now, &tz, cause)) != 0)
		return rc;
	if ((rc = store_begin(s, _(what), cause)) != 0)
		return rc;
	if ((rc = store_prepare(s, "INSERT OR IGNORE INTO handovers (record, "
	    "at, tz, who, file) VALUES (?, ?, ?, ?, ?)", &st, cause)) != 0)
		goto fail;
	for (i = 0; i < n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, keys[i]);
		sqlite3_bind_double(st, 2, now);
		sqlite3_bind_int(st, 3, tz);
		store_bind_text(st, 4, who != NULL ? who : "");
		store_bind_text(st, 5, file);
		if ((rc = sqlite3_step(st)) != SQLITE_DONE) {
			rc = store_fail(s, rc, _(what), cause);
			goto fail;
		}
		if ((rc = store_audit_add(s, who, "handed-over", keys[i], file,
		    cause)) != 0)
			goto fail;
	}
	sqlite3_finalize(st);
	return store_commit(s, _(what), cause);
fail:
	sqlite3_finalize(st);
	store_rollback(s);
	return rc;
}

int
store_transfer_handover(store *s, int64_t key, double *at, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*at = 0;
	if ((rc = store_prepare(s, "SELECT at FROM handovers WHERE record = ?",
	    &st, cause)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*at = sqlite3_column_double(st, 0);
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 :
	    store_fail(s, rc, _("reading a record"), cause);
	sqlite3_finalize(st);
	return rc;
}

/* ---- merging ----------------------------------------------------------- */

struct merge {
	store *s;
	const char *who, *file;
	struct store_transfer_result *res;
	int64_t rec;            /* the record being added, 0: none */
	int64_t form;           /* the form being added, 0: none */
};

static void
merge_bind(sqlite3_stmt *st, int i, const struct transfer_field *f)
{
	if (f->p == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, f->p, (int)f->len, SQLITE_STATIC);
}

static void
merge_bind_blob(sqlite3_stmt *st, int i, const struct transfer_field *f)
{
	sqlite3_bind_blob(st, i, f->len > 0 ? f->p : "", (int)f->len,
	    SQLITE_STATIC);
}

/* A number field (checked by transfer_decode()) bound as a number. */
static void
merge_bind_num(sqlite3_stmt *st, int i, const struct transfer_field *f,
    bool whole)
{
	char n[48];

	if (f->p == NULL) {
		sqlite3_bind_null(st, i);
		return;
	}
	snprintf(n, sizeof n, "%.*s", (int)f->len, f->p);
	if (whole)
		sqlite3_bind_int64(st, i, strtoll(n, NULL, 10));
	else
		sqlite3_bind_double(st, i, strtod(n, NULL));
}

/* Run one-off statement sql with fields f bound in order, each as
 * kinds says ('i' whole number, 'd' double, 'b' blob, 't' text), after
 * key as ?1 when key is not 0; *rowid (when not NULL) is the new row. */
static int
merge_exec(struct merge *m, const char *sql, int64_t key,
    const struct transfer_field *f, const char *kinds, int64_t *rowid,
    char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc, i = 1;
	size_t k;

	if ((rc = store_prepare(m->s, sql, &st, cause)) != 0)
		return rc;
	if (key != 0)
		sqlite3_bind_int64(st, i++, key);
	for (k = 0; kinds[k] != '\0'; k++, i++) {
		switch (kinds[k]) {
		case 'i':
			merge_bind_num(st, i, &f[k], true);
			break;
		case 'd':
			merge_bind_num(st, i, &f[k], false);
			break;
		case 'b':
			merge_bind_blob(st, i, &f[k]);
			break;
		default:
			merge_bind(st, i, &f[k]);
		}
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE && rowid != NULL)
		*rowid = sqlite3_last_insert_rowid(m->s->db);
	rc = rc == SQLITE_DONE ? 0 :
	    store_fail(m->s, rc, _("importing records"), cause);
	sqlite3_finalize(st);
	return rc;
}

/* The key (and dictionary, when dict is not NULL) of form sha; 0 when
 * it is not here. */
static int
merge_form_key(struct merge *m, const struct transfer_field *sha,
    int64_t *key, struct buf *dict, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*key = 0;
	if ((rc = store_prepare(m->s, "SELECT id, dict FROM forms "
	    "WHERE sha256 = ?", &st, cause)) != 0)
		return rc;
	merge_bind(st, 1, sha);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*key = sqlite3_column_int64(st, 0);
		if (dict != NULL)
			buf_add(dict, sqlite3_column_blob(st, 1),
			    (size_t)sqlite3_column_bytes(st, 1));
	}
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 :
	    store_fail(m->s, rc, _("importing records"), cause);
	sqlite3_finalize(st);
	return rc;
}

static int
merge_form(struct merge *m, const struct transfer_item *it, char **cause)
{
	int64_t key;
	int rc;

	m->form = 0;
	if ((rc = merge_form_key(m, &it->f[0], &key, NULL, cause)) != 0 ||
	    key != 0)
		return rc;
	/* F: sha256, form_id, version, filename, added, source, dict */
	if ((rc = merge_exec(m, "INSERT INTO forms (sha256, form_id, version, "
	    "filename, added, source, dict) VALUES (?, ?, ?, ?, ?, ?, ?)", 0,
	    it->f, "ttttdbb", &m->form, cause)) != 0)
		return rc;
	m->res->forms++;
	return 0;
}

/* Finish the record being added: the import's own audit row. */
static int
merge_finish(struct merge *m, char **cause)
{
	int rc = 0;

	if (m->rec != 0)
		rc = store_audit_add(m->s, m->who, "transfer-import", m->rec,
		    m->file, cause);
	m->rec = 0;
	return rc;
}

/* Record it is here as key: the same XML, or a conflict to keep aside. */
static int
merge_present(struct merge *m, int64_t key, const struct transfer_item *it,
    char **cause)
{
	sqlite3_stmt *st = NULL;
	char *xml = NULL, *err = NULL, *detail = NULL;
	size_t len = 0;
	double now;
	int tz, rc;

	if (store_record_xml(m->s, key, &xml, &len, &err) != 0)
		free(err); /* a draft here: not the same record */
	if (xml != NULL && len == it->f[12].len &&
	    memcmp(xml, it->f[12].p, len) == 0) {
		m->res->present++;
		goto out;
	}
	if ((rc = store_prepare(m->s, "SELECT 1 FROM transfer_conflicts "
	    "WHERE uuid = ? AND xml = ?", &st, cause)) != 0)
		goto fail;
	merge_bind(st, 1, &it->f[0]);
	merge_bind_blob(st, 2, &it->f[12]);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	m->res->conflicts++;
	if (rc == SQLITE_ROW)
		goto out;       /* kept aside by an earlier import */
	if (rc != SQLITE_DONE) {
		rc = store_fail(m->s, rc, _("importing records"), cause);
		goto fail;
	}
	if ((rc = clock_now(&now, &tz, cause)) != 0 ||
	    (rc = store_prepare(m->s, "INSERT INTO transfer_conflicts "
	    "(record, uuid, status, interviewer, xml, at, tz, who, file) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", &st, cause)) != 0)
		goto fail;
	sqlite3_bind_int64(st, 1, key);
	merge_bind(st, 2, &it->f[0]);
	merge_bind(st, 3, &it->f[2]);
	merge_bind(st, 4, &it->f[3]);
	merge_bind_blob(st, 5, &it->f[12]);
	sqlite3_bind_double(st, 6, now);
	sqlite3_bind_int(st, 7, tz);
	store_bind_text(st, 8, m->who != NULL ? m->who : "");
	store_bind_text(st, 9, m->file);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		rc = store_fail(m->s, rc, _("importing records"), cause);
		goto fail;
	}
	detail = xasprintf(_("%s holds other XML under this instance ID "
	    "(interviewer %.*s); kept aside, not imported"), m->file,
	    (int)it->f[3].len, it->f[3].p);
	if ((rc = store_audit_add(m->s, m->who, "transfer-conflict", key,
	    detail, cause)) != 0)
		goto fail;
out:
	rc = 0;
fail:
	free(xml);
	free(detail);
	return rc;
}

static int
merge_record(struct merge *m, const struct transfer_item *it, char **cause)
{
	struct buf dict = BUF_INIT, packed = BUF_INIT;
	sqlite3_stmt *st = NULL;
	int64_t key = 0, fkey;
	int rc;

	if ((rc = merge_finish(m, cause)) != 0)
		return rc;
	if ((rc = store_prepare(m->s, "SELECT id FROM records WHERE uuid = ?",
	    &st, cause)) != 0)
		return rc;
	merge_bind(st, 1, &it->f[0]);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		key = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(m->s, rc, _("importing records"), cause);
	if (key != 0)
		return merge_present(m, key, it, cause);
	if ((rc = merge_form_key(m, &it->f[1], &fkey, &dict, cause)) != 0)
		goto out;
	pack_deflate(dict.data != NULL ? dict.data : "", dict.len,
	    it->f[12].p, it->f[12].len, &packed);
	if ((rc = store_prepare(m->s, "INSERT INTO records (uuid, form, "
	    "status, interviewer, started, tz, ended, duration, question, "
	    "lang, sessions, updated, xml, xml_len, xml_crc, summary) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", &st,
	    cause)) != 0)
		goto out;
	merge_bind(st, 1, &it->f[0]);
	sqlite3_bind_int64(st, 2, fkey);
	merge_bind(st, 3, &it->f[2]);
	merge_bind(st, 4, &it->f[3]);
	merge_bind_num(st, 5, &it->f[4], false);
	merge_bind_num(st, 6, &it->f[5], true);
	merge_bind_num(st, 7, &it->f[6], false);
	merge_bind_num(st, 8, &it->f[7], false);
	merge_bind(st, 9, &it->f[8]);
	merge_bind(st, 10, &it->f[9]);
	merge_bind_num(st, 11, &it->f[10], true);
	merge_bind_num(st, 12, &it->f[11], false);
	sqlite3_bind_blob(st, 13, packed.len > 0 ? packed.data : "",
	    (int)packed.len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 14, (sqlite3_int64)it->f[12].len);
	sqlite3_bind_int64(st, 15, pack_crc(it->f[12].p, it->f[12].len));
	merge_bind(st, 16, &it->f[13]);
	if ((rc = sqlite3_step(st)) != SQLITE_DONE) {
		rc = store_fail(m->s, rc, _("importing records"), cause);
		goto out;
	}
	m->rec = sqlite3_last_insert_rowid(m->s->db);
	m->res->imported++;
	rc = 0;
out:
	sqlite3_finalize(st);
	buf_free(&dict);
	buf_free(&packed);
	return rc;
}

static int
merge_item(struct merge *m, const struct transfer_item *it, char **cause)
{
	switch (it->tag) {
	case 'F':
		return merge_form(m, it, cause);
	case 'f':
		if (m->form == 0)
			return 0;
		return merge_exec(m, "INSERT INTO form_fields (form, pos, name, "
		    "kind, indexed) VALUES (?, ?, ?, ?, ?)", m->form, it->f + 1,
		    "itti", NULL, cause);
	case 'M':
		if (m->form == 0)
			return 0;
		return merge_exec(m, "INSERT OR REPLACE INTO form_media (form, "
		    "name, data) VALUES (?, ?, ?)", m->form, it->f + 1, "tb",
		    NULL, cause);
	case 'R':
		return merge_record(m, it, cause);
	case 'V':
		if (m->rec == 0)
			return 0;
		return merge_exec(m, "INSERT INTO record_fields (record, name, "
		    "value) VALUES (?, ?, ?)", m->rec, it->f + 1, "tt", NULL,
		    cause);
	case 'E':
		if (m->rec == 0)
			return 0;
		return merge_exec(m, "INSERT INTO events (record, seq, session, "
		    "kind, field, old, new, wall, mono) VALUES "
		    "(?, ?, ?, ?, ?, ?, ?, ?, ?)", m->rec, it->f + 1, "iitttttdd",
		    NULL, cause);
	case 'A':
		if (m->rec == 0)
			return 0;
		return merge_exec(m, "INSERT INTO audit (record, at, tz, who, "
		    "action, detail) VALUES (?, ?, ?, ?, ?, ?)", m->rec,
		    it->f + 1, "dittt", NULL, cause);
	case 'Z':
		return merge_finish(m, cause);
	default:
		return 0;
	}
}

int
store_transfer_merge(store *s, const struct transfer_batch *b,
    const char *who, const char *file, struct store_transfer_result *out,
    char **cause)
{
	static const char what[] = N_("importing records");
	struct merge m = { s, who, file, out, 0, 0 };
	size_t i;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = store_begin(s, _(what), cause)) != 0)
		return rc;
	testhook_pause("transfer-import:begun");
	for (i = 0; i < b->n; i++) {
		if ((rc = merge_item(&m, &b->items[i], cause)) != 0)
			goto fail;
		if (i == b->n / 2)
			testhook_pause("transfer-import:half");
	}
	testhook_pause("transfer-import:merged");
	if ((rc = store_commit(s, _(what), cause)) == 0)
		testhook_pause("transfer-import:committed");
	return rc;
fail:
	store_rollback(s);
	memset(out, 0, sizeof *out);
	return rc;
}
