/*
 * width.h - the display width of UTF-8 text: how many terminal columns
 * each character takes, the same on every machine whatever the process
 * locale (a Chinese character takes two even with LANG unset).
 *
 * Every table and screen of kesu measures, pads and cuts text here, so
 * columns line up and nothing runs into the next one.  The rule:
 *   - a control character (C0, DEL, C1, the bidirectional and other
 *     invisible format characters) and every byte that is not UTF-8 are
 *     shown as '?', one column;
 *   - a combining mark takes no column;
 *   - East Asian wide and fullwidth characters (CJK, Hangul, kana,
 *     fullwidth forms, most emoji) take two;
 *   - everything else takes one (the East Asian "ambiguous" characters
 *     such as curly quotes, '…' and '–' included, as terminals draw them
 *     in a Chinese UTF-8 locale).
 */
#ifndef KESU_WIDTH_H
#define KESU_WIDTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The mark of text cut short: "…" (U+2026, one column). */
#define WIDTH_ELLIPSIS "\xe2\x80\xa6"

/*
 * Decode the character at s (NUL-terminated, not at its end).  *len gets
 * its bytes (1 for a byte that does not start a valid sequence).
 * Returns the code point, or -1 for such a byte.
 */
int32_t width_decode(const char *s, size_t *len);

/* Columns of code point c: 0, 1 or 2; -1 for a control character or -1
 * itself (both shown as '?'). */
int width_cp(int32_t c);

/*
 * The next character of s as shown: *c the code point, or '?' for a
 * control character or a bad byte, except that '\n' stays '\n' (callers
 * that break lines see it; others show it as '?'); *w its columns ('\n'
 * counts 1, like '?').  Returns the bytes used.
 */
size_t width_next(const char *s, int32_t *c, int *w);

/* Columns s takes when shown. */
int width_of(const char *s);

/* Bytes of the longest start of s that fits in w columns, cut at a
 * character boundary; *cols (may be NULL) gets its columns. */
size_t width_fit(const char *s, int w, int *cols);

/*
 * s in at most w columns: s itself when it fits, else its longest start
 * that fits in w - 1 columns followed by "…".  Allocated (caller frees);
 * "" when w <= 0.  Control characters are kept as they are (the drawing
 * code shows them as '?', one column, as counted).
 */
char *width_cut(const char *s, int w);

/* width_cut(), then spaces to exactly w columns: before the text when
 * right, else after it.  Allocated (caller frees). */
char *width_pad(const char *s, int w, bool right);

/*
 * Bytes of s without the punctuation that closes it at its end (。，；：
 * ！？、 and their ASCII forms, and spaces): a caller that joins s to
 * words of its own, with punctuation of its own ("%s，%s"), shows it
 * once ("说明，10:00", not "说明。，10:00").  A text of punctuation
 * only gives 0.
 */
size_t width_clause(const char *s);

#endif
