/*
 * values.h - the answers of a finalized record, read back from its
 * instance XML (the only place they are kept once an interview is
 * finalized): the one instance reader that review, reopening and exports
 * share.
 *
 * Every leaf element of the instance becomes one value, with its path
 * below the root ("demo/age") and its own name ("age"): XLSForm names are
 * unique in a form, so the leaf name is the field, and the path finds it
 * across versions.  Elements under <meta> are skipped.
 */
#ifndef KESU_STORE_VALUES_H
#define KESU_STORE_VALUES_H

#include <stddef.h>

#include "util/err.h"

typedef struct store_values store_values;

/* Parse xml[0, len).  KESU_EDATA when it is not well-formed XML.  *out is
 * the caller's (store_values_free()). */
int store_values_parse(const char *xml, size_t len, store_values **out,
    char **cause) KESU_WUR;
/* Parse again into v, reusing its memory and parser (one record after
 * another); on failure v holds no values. */
int store_values_reparse(store_values *v, const char *xml, size_t len,
    char **cause) KESU_WUR;
/* The same from a draft's saved answers (n pairs; copied). */
struct store_value;
store_values *store_values_from(const struct store_value *sv, size_t n);
/* The value of field name, or NULL when the instance has no such
 * element ("" for an empty one). */
const char *store_values_get(const store_values *v, const char *name);
/* The leaves in document order: how many, and leaf i's path and value
 * (valid until v is parsed again or freed). */
size_t store_values_count(const store_values *v);
const char *store_values_path(const store_values *v, size_t i);
const char *store_values_value(const store_values *v, size_t i);
/* The position (1, 2, ...) of leaf i, or of its ancestor at depth (0:
 * a child of the root), among the adjacent elements of the same name
 * under its parent: the instance number of a repeat at that depth.  0
 * when the leaf is not that deep (or v came from store_values_from()). */
size_t store_values_position(const store_values *v, size_t i, int depth);
void store_values_free(store_values **v);

#endif
