/*
 * pack.h - compression of finalized instances with a preset dictionary
 * built from their form.
 *
 * An instance of a form repeats the form's element names, choice names and
 * layout; zlib finds those in a preset dictionary as if the instance were
 * the second of two, so a small instance compresses to a fraction of what
 * plain zlib gets.  The dictionary is kept with the form in the store, so
 * a record inflates with the bytes it was deflated with.
 */
#ifndef KESU_PACK_H
#define KESU_PACK_H

#include <stddef.h>
#include <stdint.h>

#include "form/form.h"
#include "util/buf.h"
#include "util/err.h"

/* zlib uses at most the last 32 KiB of a dictionary. */
#define PACK_DICT_MAX 32768

/*
 * The dictionary of form f, appended to out (at most PACK_DICT_MAX
 * bytes): choice names, then the skeleton of an instance with every
 * element, empty, as the most likely material is best placed last.
 */
void pack_dict(const form *f, struct buf *out);

/* Raw deflate of data with dict (may be empty), appended to out. */
void pack_deflate(const void *dict, size_t dlen, const void *data,
    size_t len, struct buf *out);

/*
 * Inflate packed with dict into *out (NUL-terminated, caller frees),
 * checking it comes to exactly len bytes with CRC-32 crc.  KESU_EIO with a
 * message naming what when it does not.
 */
int pack_inflate(const void *dict, size_t dlen, const void *packed,
    size_t plen, size_t len, uint32_t crc, char **out, const char *what,
    char **cause) KESU_WUR;

/* CRC-32 of data (zlib's). */
uint32_t pack_crc(const void *data, size_t len);

#endif
