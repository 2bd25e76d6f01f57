/*
 * engine_count.c - "Question N of M": the questions this interview can ask.
 *
 * A question counts when it is relevant now, or when its relevance is
 * still open: it (or a group around it) depends, through relevance and
 * calculations, on a question whose answer is still to come (unanswered,
 * at or after the current one).  A question whose relevance is settled
 * false does not count: a household roster that needs the household id
 * of the sample is no part of an interview that did not start from the
 * sample, and a follow-up to an answer already given as "no" is no part
 * of this one.  So M changes only when an answer settles something (the
 * way Enketo's progress and Survey Solutions' counts leave disabled
 * questions out), N never counts a question that will not be asked, and
 * a gate that is still open ("Will you take part?") counts everything
 * behind it instead of showing "2 of 2" and then "3 of 58".
 *
 * A repeat's questions count once, whatever its instances (the header
 * numbers a question of the form, as the jump list does): where the
 * current question is not in the repeat, they count as the repeat does.
 * One pass in form_eval_order(), which puts every field after all it
 * depends on, so an open question has marked what it reaches before that
 * is judged: linear in the fields plus the dependency lists of the
 * open questions.
 */
#include <stdlib.h>

#include "engine/engine_int.h"
#include "util/xalloc.h"

/* Whether field i is relevant now as seen from the current question:
 * in its own instance, or as its repeat is when that holds no instance
 * the current question is in. */
static bool
count_relevant(const engine *e, int i)
{
	struct rinst *r;

	while ((r = engine_owner(e, e->at, i)) == NULL)
		i = form_field(e->f, i)->in_repeat;
	return RREL(r, i);
}

int
engine_numbers(const engine *e, int *num)
{
	const int *order, *aff;
	bool *open, *counts;
	int n, na, k, j, i, total = 0;

	open = xcalloc((size_t)e->nf + 1, sizeof *open);
	counts = xcalloc((size_t)e->nf + 1, sizeof *counts);
	order = form_eval_order(e->f, &n);
	for (k = 0; k < n; k++) {
		const struct form_field *fl;

		i = order[k];
		fl = form_field(e->f, i);
		if (!open[i] && !count_relevant(e, i))
			continue;
		if (!form_is_question(fl))
			continue;
		counts[i] = true;
		/* An answer still to come: what depends on it is open. */
		if (e->cur >= 0 && i >= e->cur && fl->type != FORM_NOTE &&
		    fl->calculation == NULL && *engine_seen(e, i) == '\0') {
			aff = form_affected(e->f, i, &na);
			for (j = 0; j < na; j++)
				open[aff[j]] = true;
		}
	}
	for (i = 0; i < e->nf; i++)
		total += counts[i];
	for (i = 0, k = 0; i < e->nf; i++) {
		num[i] = k + 1 > total ? total : k + 1;
		k += counts[i];
	}
	free(open);
	free(counts);
	return total;
}
