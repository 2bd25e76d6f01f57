/*
 * arena.h - allocation in big chunks, freed all at once.
 *
 * A loaded form keeps every string and array it owns in one arena, so
 * form_free() is one walk over a few chunks.  Memory from an arena is
 * zeroed and aligned for any type; it is never freed on its own.
 * Allocation failure exits through xalloc's hook, as everywhere.
 */
#ifndef KESU_UTIL_ARENA_H
#define KESU_UTIL_ARENA_H

#include <stddef.h>

struct arena_chunk;
struct arena {
	struct arena_chunk *head;   /* NULL: empty */
};

void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* A formatted message (kesu_vmsg) copied into the arena. */
char *arena_msg(struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void arena_free(struct arena *a);

#endif
