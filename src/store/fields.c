/*
 * fields.c - the field values reports read: for every finalized record of
 * the chosen statuses, the values of a few named summary fields.
 *
 * One statement for the whole pass: the records in key order, each joined
 * with its record_fields rows whose name is one of those asked for.  The
 * names and statuses are bound as JSON arrays and expanded by SQLite's
 * json_each(), so any number of them is bound, never pasted into the
 * SQL; json_each's key is the name's position, so a row needs no name
 * lookup here.  A record's rows come together; the iterator gathers them
 * and keeps the statement on the first row of the next record.
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
	store *s;
	sqlite3_stmt *st;
	size_t nnames;
	bool on_row;            /* st is on a row not yet taken */
	bool done;
	struct buf data;        /* the record's strings, NUL-separated */
	size_t *off;            /* [nnames + 1]: offsets into data, or -1 */
	const char **view;      /* [nnames] */
	const char *interviewer;
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

int
store_fields_open(store *s, const char *const *statuses, size_t nstatus,
    const char *const *names, size_t nnames, store_fields **out,
    char **cause)
{
	store_fields *it;
	char *js = NULL, *jn = NULL;
	size_t i, k;
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
	it->s = s;
	it->nnames = nnames;
	it->off = xcalloc(nnames + 1, sizeof *it->off);
	it->view = xcalloc(nnames + 1, sizeof *it->view);
	/* records first (CROSS JOIN fixes the order), in rowid order, so a
	 * record's field rows come together and nothing is sorted. */
	if ((rc = store_prepare(s, "SELECT r.id, r.interviewer, j.key, f.value "
	    "FROM records r NOT INDEXED CROSS JOIN json_each(?2) j "
	    "CROSS JOIN record_fields f "
	    "WHERE r.status IN (SELECT value FROM json_each(?1)) "
	    "AND f.record = r.id AND f.name = j.value ORDER BY r.id",
	    &it->st, cause)) != 0)
		goto fail;
	js = fields_json_array(statuses, nstatus);
	jn = fields_json_array(names, nnames);
	sqlite3_bind_text(it->st, 1, js, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(it->st, 2, jn, -1, SQLITE_TRANSIENT);
	free(js);
	free(jn);
	*out = it;
	return 0;
fail:
	store_fields_close(&it);
	return rc;
}

int
store_fields_next(store_fields *it, const char **interviewer,
    const char *const **values, bool *end, char **cause)
{
	const unsigned char *t;
	sqlite3_int64 id, key;
	size_t i, none = (size_t)-1;
	int rc;

	*end = false;
	if (!it->on_row) {
		if (it->done || (rc = sqlite3_step(it->st)) == SQLITE_DONE) {
			it->done = true;
			*end = true;
			return 0;
		}
		if (rc != SQLITE_ROW)
			return store_fail(it->s, rc, _("reading records"),
			    cause);
	}
	buf_reset(&it->data);
	for (i = 0; i < it->nnames; i++)
		it->off[i] = none;
	id = sqlite3_column_int64(it->st, 0);
	t = sqlite3_column_text(it->st, 1);
	buf_addstr(&it->data, t != NULL ? (const char *)t : "");
	buf_addch(&it->data, '\0');
	for (;;) {
		key = sqlite3_column_int64(it->st, 2);
		if (key >= 0 && (size_t)key < it->nnames &&
		    it->off[key] == none) {
			t = sqlite3_column_text(it->st, 3);
			it->off[key] = it->data.len;
			buf_addstr(&it->data, t != NULL ? (const char *)t : "");
			buf_addch(&it->data, '\0');
		}
		rc = sqlite3_step(it->st);
		if (rc == SQLITE_DONE) {
			it->done = true;
			it->on_row = false;
			break;
		}
		if (rc != SQLITE_ROW) {
			it->on_row = false;
			return store_fail(it->s, rc, _("reading records"),
			    cause);
		}
		if (sqlite3_column_int64(it->st, 0) != id) {
			it->on_row = true;
			break;
		}
	}
	it->interviewer = it->data.data;
	for (i = 0; i < it->nnames; i++)
		it->view[i] = it->off[i] == none ? "" :
		    it->data.data + it->off[i];
	*interviewer = it->interviewer;
	*values = it->view;
	return 0;
}

void
store_fields_close(store_fields **itp)
{
	store_fields *it = *itp;

	if (it == NULL)
		return;
	sqlite3_finalize(it->st);
	buf_free(&it->data);
	free(it->off);
	free(it->view);
	free(it);
	*itp = NULL;
}
