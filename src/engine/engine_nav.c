/*
 * engine_nav.c - moving between the questions a person sees.
 *
 * A question is shown when it is relevant and is not a group, a calculate
 * or metadata; notes, acknowledgements and read-only questions are shown.
 * Walking forward or back is linear in the questions skipped, which is
 * what a screen pays anyway.
 */
#include "engine/engine_int.h"

bool
engine_shown(const engine *e, int i)
{
	if (i < 0 || i >= e->nf || !e->rel[i])
		return false;
	return form_is_question(form_field(e->f, i));
}

/* The first shown question at or after i, -1 when none. */
static int
nav_forward(const engine *e, int i)
{
	while (i < e->nf) {
		const struct form_field *fld = form_field(e->f, i);

		if (!e->rel[i])
			i = fld->end; /* skip a whole non-relevant group */
		else if (engine_shown(e, i))
			return i;
		else
			i++;
	}
	return -1;
}

int
engine_first(const engine *e)
{
	return nav_forward(e, 0);
}

int
engine_current(const engine *e)
{
	return e->cur;
}

int
engine_next(engine *e, char **cause)
{
	int rc;

	if (e->cur < 0)
		return 0;
	if ((rc = engine_check(e, e->cur, cause)) != 0)
		return rc;
	e->cur = nav_forward(e, e->cur + 1);
	return 0;
}

void
engine_prev(engine *e)
{
	int i = e->cur < 0 ? e->nf - 1 : e->cur - 1;

	for (; i >= 0; i--) {
		if (engine_shown(e, i)) {
			e->cur = i;
			return;
		}
	}
}

void
engine_goto(engine *e, int field)
{
	if (field == -1 || engine_shown(e, field))
		e->cur = field;
}
