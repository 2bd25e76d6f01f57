/*
 * events.c - the paradata of a record summed up for review: time on each
 * question, visits, changed answers, back navigation, language switches,
 * sessions.
 *
 * A question's time runs from its "show" event to the next event that
 * leaves it (another "show", "save", "finalize") within one session, on
 * the monotonic clock; time between sessions (the laptop closed) counts
 * for nothing.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* The index of field's entry, added when new. */
static size_t
para_question(struct store_paradata *p, const char *field, size_t *cap)
{
	size_t i;

	for (i = 0; i < p->nquestions; i++)
		if (strcmp(p->questions[i].field, field) == 0)
			return i;
	if (p->nquestions == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		p->questions = xreallocarray(p->questions, *cap,
		    sizeof *p->questions);
	}
	memset(&p->questions[p->nquestions], 0, sizeof *p->questions);
	p->questions[p->nquestions].field = xstrdup(field);
	return p->nquestions++;
}

int
store_paradata(store *s, int64_t key, struct store_paradata *p, char **cause)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0, cur = SIZE_MAX;
	double shown = 0, first = 0, last = 0;
	int rc, session = -1;

	memset(p, 0, sizeof *p);
	if ((rc = store_prepare(s, "SELECT session, kind, field, old, mono "
	    "FROM events WHERE record = ? ORDER BY seq", &st, cause)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, key);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int sess = sqlite3_column_int(st, 0);
		const char *kind = (const char *)sqlite3_column_text(st, 1);
		const char *field = (const char *)sqlite3_column_text(st, 2);
		const char *old = (const char *)sqlite3_column_text(st, 3);
		double mono = sqlite3_column_double(st, 4);

		p->events++;
		if (sess != session) {
			if (session != -1)
				p->seconds += last - first;
			session = sess;
			first = mono;
			cur = SIZE_MAX;
			p->sessions++;
		}
		last = mono;
		if (strcmp(kind, "show") == 0 || strcmp(kind, "save") == 0 ||
		    strcmp(kind, "finalize") == 0) {
			if (cur != SIZE_MAX)
				p->questions[cur].seconds += mono - shown;
			cur = SIZE_MAX;
		}
		if (strcmp(kind, "show") == 0 && field != NULL) {
			cur = para_question(p, field, &cap);
			p->questions[cur].visits++;
			shown = mono;
		} else if (strcmp(kind, "prev") == 0)
			p->back++;
		else if (strcmp(kind, "jump") == 0)
			p->jumps++;
		else if (strcmp(kind, "lang") == 0)
			p->lang_switches++;
		else if (strcmp(kind, "change") == 0 && old != NULL &&
		    field != NULL) {
			/* Index first: para_question() may move the array. */
			size_t q = para_question(p, field, &cap);

			p->changes++;
			p->questions[q].changes++;
		}
	}
	if (session != -1)
		p->seconds += last - first;
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_paradata_clear(p);
		return store_fail(s, rc, _("reading paradata"), cause);
	}
	return 0;
}

void
store_paradata_clear(struct store_paradata *p)
{
	size_t i;

	for (i = 0; i < p->nquestions; i++)
		free(p->questions[i].field);
	free(p->questions);
	memset(p, 0, sizeof *p);
}
