/*
 * values.h - the answers of a finalized record, read back from its
 * instance XML (the only place they are kept once an interview is
 * finalized).
 *
 * Every leaf element of the instance becomes one (name, value) pair,
 * named by the element's own name: XLSForm names are unique in a form,
 * so the leaf name is the field.  Elements under <meta> are skipped.
 */
#ifndef KESU_REVIEW_VALUES_H
#define KESU_REVIEW_VALUES_H

#include <stddef.h>

#include "util/err.h"

typedef struct review_values review_values;

/* Parse xml[0, len).  KESU_EDATA when it is not well-formed XML.  *out is
 * the caller's (review_values_free()). */
int review_values_parse(const char *xml, size_t len, review_values **out,
    char **cause) KESU_WUR;
/* The same from a draft's saved answers (n pairs; copied). */
struct store_value;
review_values *review_values_from(const struct store_value *sv, size_t n);
/* The value of field name, or NULL when the instance has no such
 * element ("" for an empty one). */
const char *review_values_get(const review_values *v, const char *name);
void review_values_free(review_values **v);

#endif
