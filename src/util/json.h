/*
 * json.h - writing JSON text.
 */
#ifndef KESU_UTIL_JSON_H
#define KESU_UTIL_JSON_H

#include <stdio.h>

/* v as a JSON string: quoted, '"' and '\' escaped, a line break as \n, other control
 * characters (C0 and DEL) as \uXXXX; other bytes (UTF-8) as they are. */
void json_str(FILE *f, const char *v);

#endif
