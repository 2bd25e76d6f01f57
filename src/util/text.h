/*
 * text.h - putting stored text on a terminal safely and aligned.
 *
 * Text that came from respondents, interviewers or files may hold control
 * characters, bytes that are not UTF-8, or bidirectional formatting
 * characters that reorder what follows them on the screen (U+202E); none
 * of them reaches a terminal or a spreadsheet: each is shown as '?'.
 * Widths are terminal columns (a Chinese character takes two), so tables
 * with Chinese labels line up.
 */
#ifndef KESU_TEXT_H
#define KESU_TEXT_H

#include <stdio.h>

/*
 * Decode the UTF-8 character at s (not at its end); *len gets its length,
 * 1 for a byte that starts no well-formed sequence.  Returns the code
 * point, or -1 for such a byte.
 */
/* (The one decoder is width_decode(); this name keeps its callers.) */
long text_decode_utf8(const char *s, size_t *len);
/*
 * 1 when code point c must not reach a screen as it is: -1 (not UTF-8),
 * C0 and C1 controls, DEL, and the bidirectional formatting characters
 * U+061C, U+200E, U+200F, U+202A-U+202E and U+2066-U+2069.
 */
int text_inert(long c);
/* Terminal columns s takes as text_put() writes it. */
int text_width(const char *s);
/* Write s with every text_inert() character shown as '?'. */
void text_put(FILE *f, const char *s);
/* text_put(), but each '\n' is kept: for messages of several lines. */
void text_put_lines(FILE *f, const char *s);
/* s in exactly w columns: text_put(), then spaces; cut short with "…"
 * (util/width.h) when longer, so it never runs into the next column. */
void text_pad(FILE *f, const char *s, int w);
/* The same, right-aligned: spaces, then s. */
void text_rpad(FILE *f, const char *s, int w);
/* One CSV cell as RFC 4180 writes it: quoted, with quotes doubled, when
 * it holds a comma, a quote or a line break, or starts or ends with a
 * space (which spreadsheets would trim); every text_inert() character but
 * tab, CR and LF as '?', the rest as it is. */
void text_csv_cell(FILE *f, const char *v);

#endif
