/*
 * buf.h - a growable byte buffer, always NUL-terminated.
 *
 * struct buf is small and public so that it can live on the stack:
 *	struct buf b = BUF_INIT;
 *	buf_addstr(&b, "x");
 *	... use b.data / b.len ...
 *	buf_free(&b);
 * buf_detach() hands the bytes to the caller (caller frees) and resets b.
 */
#ifndef KESU_BUF_H
#define KESU_BUF_H

#include <stddef.h>

struct buf {
	char *data; /* NUL-terminated once anything was added; NULL before */
	size_t len;
	size_t cap;
};

#define BUF_INIT { NULL, 0, 0 }

void buf_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *p, size_t n);
void buf_addstr(struct buf *b, const char *s);
void buf_addch(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Append s with & < > " ' escaped for XML text and attribute values. */
void buf_add_xml(struct buf *b, const char *s);
void buf_reset(struct buf *b);
char *buf_detach(struct buf *b); /* never NULL: "" for an empty buffer */
void buf_free(struct buf *b);

#endif
