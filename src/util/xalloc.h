/*
 * xalloc.h - allocation that never returns NULL.
 *
 * On failure xalloc_die() runs the hook set with xalloc_set_hook() (the
 * screen uses it to restore the terminal), prints one line and exits 70.
 * That is safe: every confirmed answer is already committed to the store.
 */
#ifndef KESU_XALLOC_H
#define KESU_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

void xalloc_set_hook(void (*hook)(void));
_Noreturn void xalloc_die(void);

#endif
