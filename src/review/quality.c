/*
 * quality.c - the quality signals of quality.h.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "review/quality.h"
#include "util/i18n.h"

void
quality_defaults(struct quality_opts *o)
{
	o->speed_share = 0.5;
	o->straight_run = 10;
	o->dk_share = 0.3;
	o->dk_name = QUALITY_DK_NAME;
	o->early_hour = 7;
	o->late_hour = 22;
}

void
quality_scan(const form *f, quality_lookup get, const void *ud,
    const struct quality_opts *o, struct quality_facts *out)
{
	int i, n = form_nfields(f), last = -1, run = 0;

	out->longest_run = 0;
	out->dk_offered = out->dk = 0;
	for (i = 0; i < n; i++) {
		const struct form_field *fl = form_field(f, i);
		const char *v;
		int pos;

		if (fl->type != FORM_SELECT_ONE || fl->list < 0)
			continue;
		v = get(ud, fl->name);
		if (v == NULL || *v == '\0')
			continue;
		pos = form_choice_find(f, fl->list, v);
		if (pos >= 0 && pos == last)
			run++;
		else
			run = pos >= 0 ? 1 : 0;
		last = pos;
		if (run > out->longest_run)
			out->longest_run = run;
		if (o->dk_name != NULL &&
		    form_choice_find(f, fl->list, o->dk_name) >= 0) {
			out->dk_offered++;
			if (strcmp(v, o->dk_name) == 0)
				out->dk++;
		}
	}
}

int
quality_local_hour(double t, int tz)
{
	double h = fmod(floor((t + tz) / 3600.0), 24.0);

	if (h < 0)
		h += 24;
	return (int)h;
}

unsigned
quality_flags(const struct quality_facts *q, const struct quality_opts *o)
{
	unsigned fl = 0;
	int h;

	if (!q->ended_early && q->duration > 0 && q->median > 0 &&
	    q->duration < o->speed_share * q->median)
		fl |= QUALITY_SPEEDING;
	if (o->straight_run > 0 && q->longest_run >= o->straight_run)
		fl |= QUALITY_STRAIGHT;
	if (q->dk_offered > 0 &&
	    (double)q->dk >= o->dk_share * q->dk_offered)
		fl |= QUALITY_DK;
	h = quality_local_hour(q->started, q->tz);
	if (q->started != 0 && (h < o->early_hour || h >= o->late_hour))
		fl |= QUALITY_HOURS;
	return fl;
}

/* L10N: quality flags on reviewed records, short (a list column). */
static const char *const labels[QUALITY_NFLAGS] = {
	N_("speeding"), N_("straight"), N_("dk"), N_("hours"),
};
static const char *const codes[QUALITY_NFLAGS] = {
	"speeding", "straight", "dk", "hours",
};

const char *
quality_code(int i)
{
	return i >= 0 && i < QUALITY_NFLAGS ? codes[i] : "";
}

void
quality_describe(unsigned flags, bool narrow, char *out, size_t len)
{
	/* L10N: between the items of a short list (a record's flags):
	 * ", " in the record view, "," in a narrow list column (kesu
	 * review --list); Chinese lists with the enumeration comma 、 in
	 * both. */
	const char *sep = narrow ? _(",") : _(", ");
	size_t used = 0;
	int i, k;

	if (len == 0)
		return;
	out[0] = '\0';
	for (i = 0; i < QUALITY_NFLAGS; i++) {
		if (!(flags & (1u << i)))
			continue;
		k = snprintf(out + used, len - used, "%s%s",
		    used > 0 ? sep : "", _(labels[i]));
		if (k < 0 || (size_t)k >= len - used)
			break;
		used += (size_t)k;
	}
}
