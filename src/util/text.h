/*
 * text.h - putting stored text on a terminal safely and aligned.
 *
 * Text that came from respondents, interviewers or files may hold control
 * characters; none of them reaches the terminal: each is shown as '?'.
 * Widths are terminal columns (a Chinese character takes two), so tables
 * with Chinese labels line up.
 */
#ifndef KESU_TEXT_H
#define KESU_TEXT_H

#include <stdio.h>

/* Terminal columns s takes as text_put() writes it. */
int text_width(const char *s);
/* Write s with every control character (C0, DEL, C1) and every invalid
 * UTF-8 byte shown as '?'. */
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
 * space (which spreadsheets would trim); bytes otherwise as they are. */
void text_csv_cell(FILE *f, const char *v);

#endif
