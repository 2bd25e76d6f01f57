/*
 * json.h - writing JSON text.
 */
#ifndef KESU_UTIL_JSON_H
#define KESU_UTIL_JSON_H

#include <stdio.h>

/* v as a JSON string: quoted, '"' and '\' escaped, a line break as \n,
 * the characters text_inert() names (controls, bidi overrides) as \uXXXX,
 * a byte that is not UTF-8 as \ufffd; other text as it is. */
void json_str(FILE *f, const char *v);

#endif
