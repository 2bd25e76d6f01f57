/*
 * review.c - filtered, sorted pages of records for review (review.h).
 *
 * One complete SQL text per sort order and direction, chosen from a
 * table: the filter is bound, never pasted, and so are the names of the
 * place and score fields (the form's kesu_area and kesu_score roles).
 * The place comes from record_fields (primary key (record, name): one
 * probe per row); the score from records.summary, at the position its
 * form gives it.
 */
#include <stdlib.h>
#include <string.h>

#include "store/review.h"
#include "store/store_int.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define REVIEW_WHERE \
	" WHERE (?1 IS NULL OR r.status = ?1)" \
	" AND (?1 IS NOT NULL OR r.status != 'draft')" \
	" AND (?2 IS NULL OR r.interviewer = ?2)" \
	" AND (?3 = 0 OR r.started >= ?3) AND (?4 = 0 OR r.started < ?4)" \
	" AND (?5 IS NULL OR EXISTS (SELECT 1 FROM record_fields x" \
	"  WHERE x.record = r.id AND x.name = ?11" \
	"  AND x.value = ?5))"

#define REVIEW_SELECT \
	"SELECT r.id, r.uuid, r.status, r.interviewer, f.form_id," \
	" f.version, r.started, r.tz, r.ended, r.duration, r.form," \
	" (SELECT value FROM record_fields x WHERE x.record = r.id" \
	"  AND x.name = ?11), r.summary," \
	" (SELECT count(*) FROM form_fields p WHERE p.form = r.form" \
	"  AND p.kind = 'calculate' AND p.pos < (SELECT min(q.pos) FROM" \
	"  form_fields q WHERE q.form = r.form AND q.name = ?12" \
	" AND q.kind = 'calculate'))," \
	" (SELECT count(*) FROM form_fields q WHERE q.form = r.form" \
	"  AND q.name = ?12 AND q.kind = 'calculate')," \
	" rq.record IS NOT NULL, rq.longest_run, rq.dk_offered, rq.dk," \
	" rq.ended_early" \
	" FROM records r JOIN forms f ON f.id = r.form" \
	" LEFT JOIN record_quality rq ON rq.record = r.id AND rq.stale = 0" \
	REVIEW_WHERE

/* Did record r end before its score (the kept figure)?  The few such
 * records are read once into a set, so the median still walks the
 * duration index without a probe per record. */
#define REVIEW_EARLY \
	"r.id IN (SELECT e.record FROM record_quality e" \
	"  WHERE e.ended_early = 1 AND e.stale = 0)"

/*
 * The score as the score sort orders it, none lowest: the field of
 * records.summary at the score's position among its form's calculates
 * (the declared score is read by other calculates, so record_fields does
 * not hold it).  The positions, one per form version, are worked out
 * once per statement (score_pos), not per record.
 */
#define REVIEW_SCORE_POS \
	"WITH score_pos(form, k) AS MATERIALIZED (SELECT q.form," \
	" (SELECT count(*) FROM form_fields p WHERE p.form = q.form" \
	"  AND p.kind = 'calculate' AND p.pos < q.pos)" \
	" FROM form_fields q WHERE q.name = ?12 AND q.kind = 'calculate') "
#define REVIEW_SCORE \
	"ifnull(CAST(nullif(kesu_summary_field(r.summary, (SELECT s.k" \
	" FROM score_pos s WHERE s.form = r.form)), '') AS REAL), -1)"

#define REVIEW_PAGE(order) REVIEW_SELECT " ORDER BY " order \
	" LIMIT ?6 OFFSET ?7"

static const char *const page_sql[STORE_SORT_COUNT][2] = {
	{ REVIEW_PAGE("r.started, r.id"),
	  REVIEW_PAGE("r.started DESC, r.id DESC") },
	{ REVIEW_PAGE("ifnull(r.duration, 0), r.id"),
	  REVIEW_PAGE("ifnull(r.duration, 0) DESC, r.id DESC") },
	{ REVIEW_PAGE("r.interviewer, r.started, r.id"),
	  REVIEW_PAGE("r.interviewer DESC, r.started DESC, r.id DESC") },
	{ REVIEW_PAGE("r.status, r.started, r.id"),
	  REVIEW_PAGE("r.status DESC, r.started DESC, r.id DESC") },
	{ REVIEW_SCORE_POS REVIEW_PAGE(REVIEW_SCORE ", r.id"),
	  REVIEW_SCORE_POS REVIEW_PAGE(REVIEW_SCORE " DESC, r.id DESC") },
};

/*
 * Keyset paging: the rows after an anchor row's sort key.  ?8 is the
 * anchor's text key (interviewer or status), ?9 its number (start or
 * duration), ?10 its record key.  [sort][0]: ascending, after;
 * [sort][1]: descending, before in ascending terms.
 */
#define REVIEW_SEEK(cond, order) REVIEW_SELECT " AND " cond \
	" ORDER BY " order " LIMIT ?6"
/* Each row-value condition comes with a plain bound on its first
 * column, which the planner can seek on (row values alone it may not). */
#define SEEK_PAIR(first, key, asc, desc) \
	{ REVIEW_SEEK(first " >= ?9 AND " key " > (?9, ?10)", asc), \
	  REVIEW_SEEK(first " <= ?9 AND " key " < (?9, ?10)", desc) }
#define SEEK_PAIR3(first, key, asc, desc) \
	{ REVIEW_SEEK(first " >= ?8 AND " key " > (?8, ?9, ?10)", asc), \
	  REVIEW_SEEK(first " <= ?8 AND " key " < (?8, ?9, ?10)", desc) }

static const char *const seek_sql[STORE_SORT_COUNT][2] = {
	SEEK_PAIR("r.started", "(r.started, r.id)", "r.started, r.id",
	    "r.started DESC, r.id DESC"),
	SEEK_PAIR("ifnull(r.duration, 0)", "(ifnull(r.duration, 0), r.id)",
	    "ifnull(r.duration, 0), r.id",
	    "ifnull(r.duration, 0) DESC, r.id DESC"),
	SEEK_PAIR3("r.interviewer", "(r.interviewer, r.started, r.id)",
	    "r.interviewer, r.started, r.id",
	    "r.interviewer DESC, r.started DESC, r.id DESC"),
	SEEK_PAIR3("r.status", "(r.status, r.started, r.id)",
	    "r.status, r.started, r.id",
	    "r.status DESC, r.started DESC, r.id DESC"),
	{ REVIEW_SCORE_POS REVIEW_SEEK(REVIEW_SCORE " >= ?9 AND (" REVIEW_SCORE
	    ", r.id) > (?9, ?10)", REVIEW_SCORE ", r.id"),
	  REVIEW_SCORE_POS REVIEW_SEEK(REVIEW_SCORE " <= ?9 AND (" REVIEW_SCORE
	    ", r.id) < (?9, ?10)", REVIEW_SCORE " DESC, r.id DESC") },
};

static void
review_bind(sqlite3_stmt *st, const struct store_review_filter *f)
{
	store_bind_text(st, 1, f->status);
	store_bind_text(st, 2, f->interviewer);
	sqlite3_bind_double(st, 3, f->from);
	sqlite3_bind_double(st, 4, f->to);
	store_bind_text(st, 5, f->place);
	/* Only the statements that name them have ?11 and ?12. */
	if (sqlite3_bind_parameter_count(st) >= 11)
		store_bind_text(st, 11, f->place_field);
	if (sqlite3_bind_parameter_count(st) >= 12)
		store_bind_text(st, 12, f->score_field);
}

int
store_review_count(store *s, const struct store_review_filter *filter,
    size_t *n, char **cause)
{
	sqlite3_stmt *st = NULL;
	const char *sql = "SELECT count(*) FROM records r" REVIEW_WHERE;
	int rc;

	*n = 0;
	/* Only a status (or none): counted on the status index alone. */
	if (filter->interviewer == NULL && filter->place == NULL &&
	    filter->from == 0 && filter->to == 0)
		sql = filter->status != NULL ?
		    "SELECT count(*) FROM records WHERE status = ?1" :
		    "SELECT count(*) FROM records WHERE status IN "
		    "('completed', 'approved', 'rejected', 'uploaded')";
	if ((rc = store_prepare(s, sql, &st, cause)) != 0)
		return rc;
	review_bind(st, filter);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*n = (size_t)sqlite3_column_int64(st, 0);
		rc = 0;
	} else
		rc = store_fail(s, rc, _("counting records"), cause);
	sqlite3_finalize(st);
	return rc;
}

/* The k-th field of a summary (fields separated by STORE_SUMMARY_SEP). */
static char *
review_nth(const char *sum, long k)
{
	const char *end;

	for (; sum != NULL && k > 0; k--)
		if ((sum = strchr(sum, STORE_SUMMARY_SEP)) != NULL)
			sum++;
	if (sum == NULL)
		return xstrdup("");
	end = strchr(sum, STORE_SUMMARY_SEP);
	return end != NULL ? xstrndup(sum, (size_t)(end - sum)) :
	    xstrdup(sum);
}

static void
review_quality(sqlite3_stmt *st, int i, struct store_review_quality *q)
{
	q->known = sqlite3_column_int(st, i) != 0;
	q->longest_run = sqlite3_column_int(st, i + 1);
	q->dk_offered = sqlite3_column_int(st, i + 2);
	q->dk = sqlite3_column_int(st, i + 3);
	q->ended_early = sqlite3_column_int(st, i + 4) != 0;
}

static void
review_fill(sqlite3_stmt *st, struct store_review_row *row)
{
	memset(row, 0, sizeof *row);
	store_record_fill(st, &row->r);
	row->place = store_col_dup(st, 11);
	if (sqlite3_column_int(st, 14) > 0 &&
	    sqlite3_column_type(st, 12) != SQLITE_NULL)
		row->score = review_nth((const char *)sqlite3_column_text(st,
		    12), (long)sqlite3_column_int64(st, 13));
	else
		row->score = xstrdup("");
	review_quality(st, 15, &row->q);
}

int
store_review_page(store *s, const struct store_review_filter *filter,
    enum store_review_sort sort, bool desc, size_t offset, size_t limit,
    struct store_review_row **rows, size_t *n, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*rows = NULL;
	*n = 0;
	if ((int)sort < 0 || sort >= STORE_SORT_COUNT)
		sort = STORE_SORT_STARTED;
	if (limit == 0)
		return 0;
	if ((rc = store_prepare(s, page_sql[sort][desc ? 1 : 0], &st,
	    cause)) != 0)
		return rc;
	review_bind(st, filter);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)limit);
	sqlite3_bind_int64(st, 7, (sqlite3_int64)offset);
	*rows = xcalloc(limit, sizeof **rows);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < limit)
		review_fill(st, &(*rows)[(*n)++]);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		rc = store_fail(s, rc, _("listing records"), cause);
		store_review_rows_free(*rows, *n);
		*rows = NULL;
		*n = 0;
	} else
		rc = 0;
	sqlite3_finalize(st);
	return rc;
}

/* A row's score as REVIEW_SCORE orders it. */
static double
review_score_key(const char *score)
{
	char *e;
	double v;

	if (score == NULL || *score == '\0')
		return -1;
	v = strtod(score, &e);
	return e == score ? 0 : v;
}

int
store_review_seek(store *s, const struct store_review_filter *filter,
    enum store_review_sort sort, bool desc,
    const struct store_review_row *from, bool before, size_t limit,
    struct store_review_row **rows, size_t *n, char **cause)
{
	sqlite3_stmt *st = NULL;
	/* Which way the query walks, in ascending terms. */
	bool down = desc != before;
	size_t i;
	int rc;

	*rows = NULL;
	*n = 0;
	if ((int)sort < 0 || sort >= STORE_SORT_COUNT)
		sort = STORE_SORT_STARTED;
	if (limit == 0)
		return 0;
	rc = store_prepare(s, from != NULL ? seek_sql[sort][down] :
	    page_sql[sort][down], &st, cause);
	if (rc != 0)
		return rc;
	review_bind(st, filter);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)limit);
	if (from != NULL) {
		store_bind_text(st, 8, sort == STORE_SORT_STATUS ?
		    from->r.status : from->r.interviewer);
		sqlite3_bind_double(st, 9, sort == STORE_SORT_DURATION ?
		    from->r.duration : sort == STORE_SORT_SCORE ?
		    review_score_key(from->score) : from->r.started);
		sqlite3_bind_int64(st, 10, from->r.key);
	} else
		sqlite3_bind_int64(st, 7, 0);
	*rows = xcalloc(limit, sizeof **rows);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < limit)
		review_fill(st, &(*rows)[(*n)++]);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		rc = store_fail(s, rc, _("listing records"), cause);
		store_review_rows_free(*rows, *n);
		*rows = NULL;
		*n = 0;
	} else
		rc = 0;
	sqlite3_finalize(st);
	/* Walked backwards: put the rows in list order. */
	for (i = 0; rc == 0 && before && i < *n / 2; i++) {
		struct store_review_row t = (*rows)[i];

		(*rows)[i] = (*rows)[*n - 1 - i];
		(*rows)[*n - 1 - i] = t;
	}
	return rc;
}

void
store_review_rows_free(struct store_review_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		store_record_clear(&rows[i].r);
		free(rows[i].place);
		free(rows[i].score);
	}
	free(rows);
}

int
store_review_median(store *s, double *median, char **cause)
{
	sqlite3_stmt *st = NULL;
	sqlite3_int64 n;
	double a = 0, b = 0;
	int rc;

	*median = 0;
	/* Of the interviews that ran to their score: one that ended early
	 * is short because it ended.  Counted as all less the early ones:
	 * the first is the duration index alone, the second looks up the
	 * few early ones by key, where NOT IN tested every record. */
	if ((rc = store_prepare(s, "SELECT (SELECT count(*) FROM records r "
	    "WHERE ifnull(r.duration, 0) > 0) - (SELECT count(*) FROM "
	    "records r WHERE ifnull(r.duration, 0) > 0 AND " REVIEW_EARLY
	    ")", &st, cause)) != 0)
		return rc;
	if ((rc = sqlite3_step(st)) != SQLITE_ROW)
		goto fail;
	n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (n == 0)
		return 0;
	if ((rc = store_prepare(s, "SELECT ifnull(r.duration, 0) FROM "
	    "records r WHERE ifnull(r.duration, 0) > 0 AND NOT " REVIEW_EARLY
	    " ORDER BY ifnull(r.duration, 0) LIMIT 2 OFFSET ?", &st,
	    cause)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, (n - 1) / 2);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW)
		goto fail;
	a = b = sqlite3_column_double(st, 0);
	if (n % 2 == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW)
		b = sqlite3_column_double(st, 0);
	*median = (a + b) / 2;
	sqlite3_finalize(st);
	return 0;
fail:
	rc = store_fail(s, rc, _("finding the median duration"), cause);
	sqlite3_finalize(st);
	return rc;
}

int
store_review_stale(store *s, int64_t after, size_t max, int64_t **keys,
    int64_t **forms, size_t *n, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*keys = xcalloc(max + 1, sizeof **keys);
	*forms = xcalloc(max + 1, sizeof **forms);
	*n = 0;
	if ((rc = store_prepare(s, "SELECT q.record, r.form FROM "
	    "record_quality q JOIN records r ON r.id = q.record "
	    "WHERE q.stale = 1 AND q.record > ?1 AND r.xml IS NOT NULL "
	    "ORDER BY q.record LIMIT ?2", &st, cause)) != 0)
		goto fail;
	sqlite3_bind_int64(st, 1, after);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)max);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
		(*keys)[*n] = sqlite3_column_int64(st, 0);
		(*forms)[(*n)++] = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return 0;
	rc = store_fail(s, rc, _("reading the review figures"), cause);
fail:
	free(*keys);
	free(*forms);
	*keys = *forms = NULL;
	*n = 0;
	return rc;
}

int
store_review_quality_put(store *s, int64_t key,
    const struct store_review_quality *q, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = store_prepare(s, "UPDATE record_quality SET stale = 0, "
	    "longest_run = ?2, dk_offered = ?3, dk = ?4, ended_early = ?5 "
	    "WHERE record = ?1", &st, cause)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, key);
	sqlite3_bind_int(st, 2, q->longest_run);
	sqlite3_bind_int(st, 3, q->dk_offered);
	sqlite3_bind_int(st, 4, q->dk);
	sqlite3_bind_int(st, 5, q->ended_early);
	return store_step_done(s, st, _("keeping the review figures"), cause);
}

int
store_review_each(store *s, store_review_each_fn fn, void *ud, char **cause)
{
	static char none[1];
	struct store_review_row w;
	sqlite3_stmt *st = NULL;
	int rc;

	memset(&w, 0, sizeof w);
	if ((rc = store_prepare(s, "SELECT r.id, r.uuid, r.status, "
	    "r.interviewer, '', '', r.started, r.tz, r.ended, r.duration, "
	    "r.form, rq.record IS NOT NULL, rq.longest_run, rq.dk_offered, "
	    "rq.dk, rq.ended_early FROM records r LEFT JOIN record_quality rq "
	    "ON rq.record = r.id AND rq.stale = 0", &st, cause)) != 0)
		return rc;
	w.place = w.score = none;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_record_fill(st, &w.r);
		review_quality(st, 11, &w.q);
		if ((rc = fn(ud, &w, cause)) != 0)
			goto out;
	}
	rc = rc == SQLITE_DONE ? 0 : store_fail(s, rc, _("reading records"),
	    cause);
out:
	store_record_clear(&w.r);
	sqlite3_finalize(st);
	return rc;
}
