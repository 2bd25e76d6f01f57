/*
 * records.c - finding, reading, listing records and changing their status.
 *
 * A record is found by its UUID or any unique prefix of it (the list
 * shows whole UUIDs; people type the first few characters).  Its XML is
 * inflated with its form's dictionary and checked against the stored
 * length and CRC-32 before anyone sees it.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pack.h"
#include "store/store_int.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define RECORD_CANDIDATES 10


const char *
store_status_label(const char *status)
{
	/* L10N: the states of a record, as lists and reviews show them. */
	static const char *const labels[] = {
		N_("draft"), N_("completed"), N_("approved"), N_("rejected"),
		N_("uploaded"),
	};
	size_t i;

	for (i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(status, labels[i]) == 0)
			return _(labels[i]);
	return status;
}

static const char *const statuses[] = {
	"draft", "completed", "approved", "rejected", "uploaded",
};

/* The status string with static storage, or NULL for an unknown one. */
static const char *
record_status(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
		if (s != NULL && strcmp(statuses[i], s) == 0)
			return statuses[i];
	return NULL;
}

/* "uuid:AB12" / "ab12" -> "ab12*" for GLOB; NULL when not hex and '-'. */
static char *
record_pattern(const char *id)
{
	char *p;
	size_t i, n;

	if (strncmp(id, "uuid:", 5) == 0)
		id += 5;
	n = strlen(id);
	if (n == 0 || n > 36)
		return NULL;
	p = xmalloc(n + 2);
	for (i = 0; i < n; i++) {
		int c = tolower((unsigned char)id[i]);

		if (!isxdigit(c) && c != '-') {
			free(p);
			return NULL;
		}
		p[i] = (char)c;
	}
	p[n] = '*';
	p[n + 1] = '\0';
	return p;
}

/* store_record_key(), among owner's records only when owner is not NULL:
 * the others' neither match nor show as candidates. */
static int
record_key(store *s, const char *id, const char *status, const char *owner,
    int64_t *key, char **cause)
{
	sqlite3_stmt *st = NULL;
	struct buf names = BUF_INIT;
	char *pat;
	int rc, found = 0;

	*key = 0;
	if ((pat = record_pattern(id)) == NULL)
		return kesu_fail(cause, KESU_ENOINPUT,
		    _("%s: no record '%s'"), s->path, id);
	if ((rc = store_prepare(s, "SELECT id, uuid FROM records "
	    "WHERE uuid GLOB ?1 AND (?2 IS NULL OR status = ?2) "
	    "AND (?3 IS NULL OR interviewer = ?3) "
	    "ORDER BY uuid LIMIT 11", &st, cause)) != 0)
		goto out;
	sqlite3_bind_text(st, 1, pat, -1, SQLITE_STATIC);
	store_bind_text(st, 2, status);
	store_bind_text(st, 3, owner);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (found++ == 0)
			*key = sqlite3_column_int64(st, 0);
		if (found <= RECORD_CANDIDATES)
			buf_printf(&names, "%s%s", found > 1 ? ", " : "",
			    sqlite3_column_text(st, 1));
	}
	if (rc != SQLITE_DONE) {
		rc = store_fail(s, rc, _("finding a record"), cause);
		goto out;
	}
	rc = 0;
	if (found == 0) {
		if (status != NULL)
			rc = kesu_fail(cause, KESU_ENOINPUT,
			    _("%s: no %s record '%s'"), s->path, status, id);
		else
			rc = kesu_fail(cause, KESU_ENOINPUT,
			    _("%s: no record '%s'"), s->path, id);
	} else if (found > 1) {
		*key = 0;
		rc = kesu_fail(cause, KESU_EUSAGE,
		    _("'%s' matches several records: %s%s"), id, names.data,
		    found > RECORD_CANDIDATES ? ", ..." : "");
	}
out:
	sqlite3_finalize(st);
	buf_free(&names);
	free(pat);
	return rc;
}

int
store_record_key(store *s, const char *id, const char *status, int64_t *key,
    char **cause)
{
	return record_key(s, id, status, NULL, key, cause);
}

#define RECORD_COLUMNS "r.id, r.uuid, r.status, r.interviewer, f.form_id, " \
	"f.version, r.started, r.tz, r.ended, r.duration, r.form"

void
store_record_fill(sqlite3_stmt *st, struct store_record *r)
{
	const unsigned char *u = sqlite3_column_text(st, 1);

	store_record_clear(r);
	r->key = sqlite3_column_int64(st, 0);
	snprintf(r->uuid, sizeof r->uuid, "%s", u != NULL ? (const char *)u :
	    "");
	r->status = record_status((const char *)sqlite3_column_text(st, 2));
	if (r->status == NULL)
		r->status = "draft";
	r->interviewer = store_col_dup(st, 3);
	r->form_id = store_col_dup(st, 4);
	r->version = store_col_dup(st, 5);
	r->started = sqlite3_column_double(st, 6);
	r->tz = sqlite3_column_int(st, 7);
	r->ended = sqlite3_column_double(st, 8);
	r->duration = sqlite3_column_double(st, 9);
	r->form_key = sqlite3_column_int64(st, 10);
}

void
store_record_clear(struct store_record *r)
{
	free(r->interviewer);
	free(r->form_id);
	free(r->version);
	memset(r, 0, sizeof *r);
}

int
store_record_find(store *s, const char *id, struct store_record *out,
    char **cause)
{
	return store_record_find_as(s, id, NULL, out, cause);
}

int
store_record_find_as(store *s, const char *id, const char *owner,
    struct store_record *out, char **cause)
{
	sqlite3_stmt *st = NULL;
	int64_t key;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = record_key(s, id, NULL, owner, &key, cause)) != 0)
		return rc;
	if ((rc = store_prepare(s, "SELECT " RECORD_COLUMNS " FROM records r "
	    "JOIN forms f ON f.id = r.form WHERE r.id = ?", &st, cause)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		store_record_fill(st, out);
		rc = 0;
	} else
		rc = store_fail(s, rc, _("reading a record"), cause);
	sqlite3_finalize(st);
	return rc;
}

int
store_record_xml(store *s, int64_t key, char **xml, size_t *len,
    char **cause)
{
	sqlite3_stmt *st = NULL;
	char *what = NULL;
	int rc;

	*xml = NULL;
	*len = 0;
	if ((rc = store_prepare(s, "SELECT r.xml, r.xml_len, r.xml_crc, "
	    "f.dict, r.uuid FROM records r JOIN forms f ON f.id = r.form "
	    "WHERE r.id = ?", &st, cause)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, key);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		rc = rc == SQLITE_DONE ? kesu_fail(cause, KESU_ENOINPUT,
		    _("%s: no record %lld"), s->path, (long long)key) :
		    store_fail(s, rc, _("reading a record"), cause);
		goto out;
	}
	what = xasprintf("%s: uuid:%s", s->path,
	    (const char *)sqlite3_column_text(st, 4));
	if (sqlite3_column_type(st, 0) == SQLITE_NULL) {
		rc = kesu_fail(cause, KESU_ENOINPUT,
		    _("%s: the record is a draft, not yet finalized"), what);
		goto out;
	}
	*len = (size_t)sqlite3_column_int64(st, 1);
	rc = pack_inflate(sqlite3_column_blob(st, 3),
	    (size_t)sqlite3_column_bytes(st, 3), sqlite3_column_blob(st, 0),
	    (size_t)sqlite3_column_bytes(st, 0), *len,
	    (uint32_t)sqlite3_column_int64(st, 2), xml, what, cause);
	if (rc != 0)
		*len = 0;
out:
	sqlite3_finalize(st);
	free(what);
	return rc;
}

int
store_record_sizes(store *s, int64_t key, size_t *packed, size_t *plain,
    char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*packed = *plain = 0;
	if ((rc = store_prepare(s, "SELECT length(xml), xml_len FROM records "
	    "WHERE id = ?", &st, cause)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*packed = (size_t)sqlite3_column_int64(st, 0);
		*plain = (size_t)sqlite3_column_int64(st, 1);
		rc = 0;
	} else
		rc = store_fail(s, rc, _("reading a record"), cause);
	sqlite3_finalize(st);
	return rc;
}

/* May a record go from status `from` to `to`? */
static bool
record_may(const char *from, const char *to)
{
	static const char *const allowed[][2] = {
		{ "completed", "approved" },
		{ "completed", "rejected" },
		{ "completed", "uploaded" },
		{ "approved", "rejected" },
		{ "approved", "uploaded" },
	};
	size_t i;

	for (i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
		if (strcmp(allowed[i][0], from) == 0 &&
		    strcmp(allowed[i][1], to) == 0)
			return true;
	return false;
}

int
store_record_set_status(store *s, int64_t key, const char *status,
    const char *who, const char *comment, char **cause)
{
	static const char what[] = N_("changing a record's status");
	sqlite3_stmt *st = NULL;
	const char *to = record_status(status);
	char *from = NULL, *detail = NULL;
	int rc;

	if (to == NULL)
		return kesu_fail(cause, KESU_EUSAGE,
		    _("unknown record status '%s'"), status);
	if ((rc = store_begin(s, _(what), cause)) != 0)
		return rc;
	if ((rc = store_prepare(s, "SELECT status FROM records WHERE id = ?",
	    &st, cause)) != 0)
		goto fail;
	sqlite3_bind_int64(st, 1, key);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		rc = rc == SQLITE_DONE ? kesu_fail(cause, KESU_ENOINPUT,
		    _("%s: no record %lld"), s->path, (long long)key) :
		    store_fail(s, rc, _(what), cause);
		goto fail;
	}
	from = store_col_dup(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (!record_may(from, to)) {
		/* L10N: a status change that is not allowed: the
		 * record's status, then the one asked for. */
		rc = kesu_fail(cause, KESU_EDATA, _("The record is %s; it "
		    "cannot be changed to %s."), store_status_label(from),
		    store_status_label(to));
		goto fail;
	}
	if ((rc = store_prepare(s, "UPDATE records SET status = ?, "
	    "updated = strftime('%s', 'now') WHERE id = ?", &st, cause)) != 0)
		goto fail;
	sqlite3_bind_text(st, 1, to, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, key);
	if ((rc = sqlite3_step(st)) != SQLITE_DONE) {
		rc = store_fail(s, rc, _(what), cause);
		goto fail;
	}
	if (comment != NULL && *comment != '\0')
		detail = xasprintf("%s -> %s: %s", from, to, comment);
	else
		detail = xasprintf("%s -> %s", from, to);
	if ((rc = store_audit_add(s, who, "status", key, detail, cause)) != 0)
		goto fail;
	rc = store_commit(s, _(what), cause);
	goto out;
fail:
	store_rollback(s);
out:
	sqlite3_finalize(st);
	free(from);
	free(detail);
	return rc;
}

/* ---- listing ---------------------------------------------------------- */

/*
 * Records are read a page at a time, ordered by (started, id), and the
 * statement is reset after each page: no read transaction stays open
 * between calls, so the caller may change records while listing (sync
 * marks each one uploaded) without meeting its own stale snapshot.
 */
#define LIST_PAGE 512

struct store_list {
	store *s;
	sqlite3_stmt *st;
	const char *status;
	double last_started;
	int64_t last_id;
	bool eof;
	struct store_record page[LIST_PAGE];
	char *sums[LIST_PAGE];
	size_t npage, next;
	size_t ncols;
	char **cols;            /* the columns: calculate names, all forms */
	char *vals;             /* the current record's summary, split */
	const char **view;      /* [ncols] */
	int64_t form;           /* form whose calculates map[] describes */
	size_t nmap;
	size_t *map;            /* [nmap]: column of that form's k-th calc */
};

static int
list_columns(store_list *l, char **cause)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	if ((rc = store_prepare(l->s, "SELECT name FROM form_fields "
	    "WHERE kind = 'calculate' GROUP BY name "
	    "ORDER BY min(form), min(pos)", &st, cause)) != 0)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (l->ncols == cap) {
			cap = cap ? 2 * cap : 16;
			l->cols = xreallocarray(l->cols, cap, sizeof *l->cols);
		}
		l->cols[l->ncols++] = store_col_dup(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(l->s, rc, _("listing records"), cause);
	l->view = xcalloc(l->ncols + 1, sizeof *l->view);
	return 0;
}

/* Map form's calculates (in its order) to columns, once per form. */
static int
list_map(store_list *l, int64_t fk, char **cause)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0, i;
	int rc;

	if (fk == l->form && l->map != NULL)
		return 0;
	l->nmap = 0;
	l->form = fk;
	if ((rc = store_prepare(l->s, "SELECT name FROM form_fields "
	    "WHERE form = ? AND kind = 'calculate' ORDER BY pos", &st,
	    cause)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, fk);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);

		if (l->nmap == cap) {
			cap = cap ? 2 * cap : 16;
			l->map = xreallocarray(l->map, cap, sizeof *l->map);
		}
		for (i = 0; i < l->ncols; i++)
			if (strcmp(l->cols[i], name) == 0)
				break;
		l->map[l->nmap++] = i;
	}
	sqlite3_finalize(st);
	if (l->map == NULL)
		l->map = xcalloc(1, sizeof *l->map);
	if (rc != SQLITE_DONE)
		return store_fail(l->s, rc, _("listing records"), cause);
	return 0;
}

int
store_list_open(store *s, const char *status, store_list **out, char **cause)
{
	store_list *l;
	int rc;

	*out = NULL;
	if (status != NULL && record_status(status) == NULL)
		return kesu_fail(cause, KESU_EUSAGE,
		    _("unknown record status '%s'"), status);
	l = xcalloc(1, sizeof *l);
	l->s = s;
	if ((rc = list_columns(l, cause)) != 0)
		goto fail;
	if ((rc = store_prepare(s, "SELECT " RECORD_COLUMNS ", r.summary "
	    "FROM records r JOIN forms f ON f.id = r.form "
	    "WHERE (?1 IS NULL OR r.status = ?1) AND (r.started, r.id) > "
	    "(?2, ?3) ORDER BY r.started, r.id LIMIT ?4", &l->st, cause)) != 0)
		goto fail;
	l->status = record_status(status);
	l->last_started = -1e300;
	*out = l;
	return 0;
fail:
	store_list_close(&l);
	return rc;
}

size_t
store_list_ncolumns(const store_list *l)
{
	return l->ncols;
}

const char *
store_list_column(const store_list *l, size_t i)
{
	return i < l->ncols ? l->cols[i] : NULL;
}

/* Read the next page into l->page, then let go of the statement. */
static int
list_fill(store_list *l, char **cause)
{
	const unsigned char *sum;
	int rc;

	l->npage = l->next = 0;
	store_bind_text(l->st, 1, l->status);
	sqlite3_bind_double(l->st, 2, l->last_started);
	sqlite3_bind_int64(l->st, 3, l->last_id);
	sqlite3_bind_int(l->st, 4, LIST_PAGE);
	while ((rc = sqlite3_step(l->st)) == SQLITE_ROW) {
		store_record_fill(l->st, &l->page[l->npage]);
		sum = sqlite3_column_text(l->st, 11);
		l->sums[l->npage] = sum != NULL ?
		    xstrdup((const char *)sum) : NULL;
		l->last_started = l->page[l->npage].started;
		l->last_id = l->page[l->npage].key;
		l->npage++;
	}
	sqlite3_reset(l->st);
	if (rc != SQLITE_DONE)
		return store_fail(l->s, rc, _("listing records"), cause);
	l->eof = l->npage < LIST_PAGE;
	return 0;
}

int
store_list_next(store_list *l, struct store_record *row,
    const char *const **values, bool *end, char **cause)
{
	char *p, *sep;
	size_t i, k;
	int rc;

	*end = false;
	if (l->next == l->npage) {
		if (l->eof) {
			*end = true;
			return 0;
		}
		if ((rc = list_fill(l, cause)) != 0)
			return rc;
		if (l->npage == 0) {
			*end = true;
			return 0;
		}
	}
	store_record_clear(row);
	*row = l->page[l->next];
	memset(&l->page[l->next], 0, sizeof l->page[l->next]);
	free(l->vals);
	l->vals = l->sums[l->next];
	l->sums[l->next++] = NULL;
	for (i = 0; i < l->ncols; i++)
		l->view[i] = "";
	if (l->vals != NULL) {
		if ((rc = list_map(l, row->form_key, cause)) != 0)
			return rc;
		for (p = l->vals, k = 0; p != NULL && k < l->nmap; k++) {
			if ((sep = strchr(p, STORE_SUMMARY_SEP)) != NULL)
				*sep++ = '\0';
			if (l->map[k] < l->ncols)
				l->view[l->map[k]] = p;
			p = sep;
		}
	}
	*values = l->view;
	return 0;
}

void
store_list_close(store_list **lp)
{
	store_list *l = *lp;
	size_t i;

	if (l == NULL)
		return;
	sqlite3_finalize(l->st);
	for (i = 0; i < l->npage; i++) {
		store_record_clear(&l->page[i]);
		free(l->sums[i]);
	}
	for (i = 0; i < l->ncols; i++)
		free(l->cols[i]);
	free(l->cols);
	free(l->vals);
	free(l->view);
	free(l->map);
	free(l);
	*lp = NULL;
}
