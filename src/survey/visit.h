/*
 * visit.h - keeping a visit to a sampled household.
 *
 * Every visit is a record that is uploaded like any other, so the server
 * holds every contact attempt.  A visit that gives no interview runs the
 * visit form (forms/visit.csv): the household's sample row pre-fills it,
 * the disposition and any other answers are set, and it is finalized and
 * kept as a completed record.  An interview is its own record.  Either
 * way a visits row ties the household to the record, with the AAPOR
 * category and finality of its disposition.
 *
 * The form declares what kesu needs, so no field name of a particular
 * form is compiled in: the disposition question is the select_one whose
 * choice list has an `aapor` column (I P R NC O UH UO NE) and a `final`
 * column (yes/no); the settings columns kesu_note and kesu_revisit name
 * the fields that hold the visit's note and the agreed time of the next
 * visit.
 */
#ifndef KESU_SURVEY_VISIT_H
#define KESU_SURVEY_VISIT_H

#include <stdbool.h>
#include <stdint.h>

#include "form/form.h"
#include "store/sample.h"
#include "util/err.h"

/* The disposition question of f, or -1 when the form has none. */
int survey_disposition_field(const form *f);

/*
 * The AAPOR category (survey_aapor) and finality of disposition `name`
 * of f's disposition question.  KESU_EDATA naming the known dispositions
 * when there is no such choice, or naming the row when its aapor or
 * final cell is not valid.
 */
int survey_disposition(const form *f, const char *name, int *aapor,
    bool *final, char **cause) KESU_WUR;

struct survey_visit {
	const char *disposition;
	const char *note;        /* NULL: none */
	const char *revisit;     /* NULL: none */
	const char *const *set;  /* more answers, NAME=VALUE, NULL-ended */
};

/*
 * Keep a visit without an interview to household h (its form's id field
 * is id_column) as a completed record of the visit form f (stored as
 * form_key), made by who.  *uuid, when uuid is not
 * NULL, is the record's instance ID (the caller's).  KESU_EDATA, with
 * nothing kept, when an answer is refused.
 */
int survey_visit_keep(store *s, const form *f, int64_t form_key, const char *id_column, const struct store_hh *h,
    const struct survey_visit *v, const char *who, char **uuid,
    char **cause) KESU_WUR;

/*
 * The visits row of record key, just finished by who from engine e, when the record was made for a household
 * (store_record_set_household()) and has no visits row yet: the form's
 * disposition, note and next-visit time when it has a disposition
 * question, else an interview (AAPOR I, final).  0 and nothing done for
 * a record of no household.
 */
int survey_visit_record(store *s, int64_t key, const engine *e,
    const char *who, char **cause) KESU_WUR;

#endif
