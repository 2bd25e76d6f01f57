/*
 * sample.h - the survey's sample of households and the visits to them.
 *
 * A survey round starts from the survey office's sample: one row per
 * household (its id, street, community, address, the interviewer it is
 * assigned to, its base weight, any other columns).  Each visit to a
 * household is kept with its disposition, the AAPOR category and
 * finality the form gives that disposition, and the record the visit
 * made (an interview, or the form that records a visit without one), so
 * the laptop knows every household's state without reading XML.
 *
 * A household's state is its last visit's: none -> not visited; AAPOR
 * "I" -> interviewed; a final disposition -> final non-response; any
 * other -> revisit (at the agreed time, when one was given).
 */
#ifndef KESU_STORE_SAMPLE_H
#define KESU_STORE_SAMPLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

enum store_hh_state {
	STORE_HH_NEW,          /* not visited */
	STORE_HH_REVISIT,      /* visited, to be visited again */
	STORE_HH_INTERVIEWED,  /* an interview was completed */
	STORE_HH_FINAL,        /* final non-response (or not eligible) */
};

struct store_hh {
	char *id;
	char *street, *community, *address;
	char *interviewer;     /* "" when unassigned */
	double weight;         /* base weight; 0 when the sample gives none */
	char *extra;           /* other columns: NAME US VALUE US ... */
	bool moved;            /* reassigned by a supervisor */
	/* From the visits (store_sample_list() only). */
	int visits;
	enum store_hh_state state;
	char *disposition;     /* the last visit's, "" when none */
	char *aapor;           /* its AAPOR category, "" when none */
	char *revisit;         /* the agreed time of the next visit, or "" */
	double last;           /* the last visit's time, 0 when none */
	int last_tz;           /* its offset east of UTC, seconds */
	int64_t record;        /* the record the last visit made, 0: none */
};

void store_hh_clear(struct store_hh *h);
void store_hhs_free(struct store_hh *h, size_t n);

/*
 * Load rows[0..n) of the file at path, whose first column is headed
 * id_column, as the sample, by who, in one transaction: a new id is
 * added, a known one updated (its interviewer kept when a supervisor has
 * moved it since); ids absent from rows stay, with their visits.
 * *added and *changed count what the load did (a reload of the same file
 * changes nothing).
 */
int store_sample_load(store *s, const char *path, const char *id_column,
    const struct store_hh *rows, size_t n, const char *who, size_t *added,
    size_t *changed, char **cause) KESU_WUR;

/* The header of the last loaded file's id column (the caller's);
 * KESU_ENOINPUT when no sample was loaded. */
int store_sample_id_column(store *s, char **out, char **cause) KESU_WUR;

/*
 * The sample in file order, each with its state; only interviewer's
 * households when interviewer is not NULL.  *out is the caller's
 * (store_hhs_free()).
 */
int store_sample_list(store *s, const char *interviewer,
    struct store_hh **out, size_t *n, char **cause) KESU_WUR;

/* One household (without its visits' state); KESU_ENOINPUT when the
 * sample has no such id.  out is cleared with store_hh_clear(). */
int store_sample_get(store *s, const char *id, struct store_hh *out,
    char **cause) KESU_WUR;

/* Move household id to user, audited by who. */
int store_sample_assign(store *s, const char *id, const char *user,
    const char *who, char **cause) KESU_WUR;

struct store_visit {
	const char *hh;
	double at;
	int tz;
	const char *interviewer;
	const char *disposition;
	const char *aapor;     /* I P R NC O UH UO NE */
	bool final;
	const char *revisit;   /* "" or NULL: none */
	const char *note;      /* "" or NULL: none */
	int64_t record;        /* 0: none */
};

/* Tie record key (a draft or a finished record) to household hh. */
int store_record_set_household(store *s, int64_t key, const char *hh,
    char **cause) KESU_WUR;
/* The household record key was made for (the caller's), NULL when none. */
int store_record_household(store *s, int64_t key, char **hh, char **cause)
    KESU_WUR;
/* Whether record key already has its visits row. */
int store_visit_of_record(store *s, int64_t key, bool *has, char **cause)
    KESU_WUR;

/* Keep one visit (a durable transaction of its own). */
int store_visit_add(store *s, const struct store_visit *v, char **cause)
    KESU_WUR;

#endif
