/*
 * quality.h - quality signals on finished interviews, computed locally
 * and shown as flags: they point a supervisor at records to look at and
 * never block anything.
 *
 *	speeding        the interview took less than speed_share (0.5) of
 *	                the median duration of the laptop's finished ones;
 *	                an interview that ended early (a refusal, an
 *	                ineligible respondent) is short because it ended:
 *	                neither flagged nor counted in the median
 *	straight-lining the same choice position on straight_run (10) or
 *	                more select_one questions in a row
 *	don't know      dk_share (0.3) or more of the answered questions
 *	                that offer the don't-know choice (dk_name, "dk" in
 *	                the bundled form's lists) were answered with it
 *	odd hours       started before early_hour (07:00) or at late_hour
 *	                (22:00) or later, in the interview's own time zone
 *
 * Plain C over a form and an answer look-up: no store, no screen.
 */
#ifndef KESU_REVIEW_QUALITY_H
#define KESU_REVIEW_QUALITY_H

#include <stdbool.h>
#include <stddef.h>

#include "form/form.h"

enum {
	QUALITY_SPEEDING = 0x1,
	QUALITY_STRAIGHT = 0x2,
	QUALITY_DK = 0x4,
	QUALITY_HOURS = 0x8,
};
#define QUALITY_NFLAGS 4

struct quality_opts {
	double speed_share;
	int straight_run;
	double dk_share;
	const char *dk_name;
	int early_hour;
	int late_hour;
};

/* What the signals are computed from. */
struct quality_facts {
	double duration;   /* seconds; 0 when unknown (never speeding) */
	double median;     /* seconds; 0 when unknown */
	double started;    /* epoch seconds */
	int tz;            /* offset east of UTC, seconds */
	int longest_run;   /* select_one answers with one choice position */
	int dk_offered;    /* answered questions whose list has dk_name */
	int dk;            /* of which answered dk_name */
	bool ended_early;  /* before its score: never speeding */
};

/* The default don't-know choice name; the figures kept per record
 * (record_quality) are for this name. */
#define QUALITY_DK_NAME "dk"

void quality_defaults(struct quality_opts *o);

/* The answer of field name, or NULL / "" when none. */
typedef const char *(*quality_lookup)(const void *ud, const char *name);

/* Fill the answer-based facts (longest_run, dk_offered, dk) from the
 * select_one questions of f, in form order. */
void quality_scan(const form *f, quality_lookup get, const void *ud,
    const struct quality_opts *o, struct quality_facts *out);

unsigned quality_flags(const struct quality_facts *q,
    const struct quality_opts *o);

/* Local hour (0-23) of an epoch time in an offset. */
int quality_local_hour(double t, int tz);

/* The flags as short codes ("speeding straight dk hours" in the UI
 * language) into out, listed as the UI language lists things (", " in
 * English, "、" in Chinese; narrow: the separator of a list column,
 * "," in English); "" for none. */
void quality_describe(unsigned flags, bool narrow, char *out, size_t len);
/* The code of flag bit i (0..QUALITY_NFLAGS-1) for CSV: "speeding",
 * "straight", "dk", "hours". */
const char *quality_code(int i);

#endif
