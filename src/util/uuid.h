/*
 * uuid.h - random (version 4) UUIDs for instance IDs and record keys.
 */
#ifndef KESU_UUID_H
#define KESU_UUID_H

/* Fill out with a lower-case v4 UUID, 36 characters and a NUL, from the
 * kernel's random source. */
void uuid_v4(char out[37]);

#endif
