/*
 * pin.h - interviewer and supervisor PINs: format and yescrypt hashes.
 *
 * A PIN is 4 to 12 ASCII digits: typed on a laptop's number row, long
 * enough for a shared office machine, short enough to type between
 * households.  Only its yescrypt hash (libcrypt, "$y$...") is stored.
 */
#ifndef KESU_PIN_H
#define KESU_PIN_H

#include <stdbool.h>

#include "util/err.h"

#define PIN_MIN 4
#define PIN_MAX 12

/* KESU_EDATA unless pin is 4 to 12 digits. */
int pin_check(const char *pin, char **cause) KESU_WUR;

/* Hash pin with a fresh salt; *hash is the caller's.  KESU_ESOFTWARE when
 * libcrypt fails. */
int pin_hash(const char *pin, char **hash, char **cause) KESU_WUR;

/* Does pin match the stored hash?  Compared in constant time. */
bool pin_verify(const char *pin, const char *hash);

#endif
