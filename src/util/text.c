/*
 * text.c - control-free, width-aware terminal output; see text.h.
 *
 * Characters and their widths are util/width.c's, so the result does not
 * depend on the process locale.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"
#include "util/width.h"

long
text_decode_utf8(const char *str, size_t *len)
{
	return width_decode(str, len);
}

int
text_inert(long c)
{
	return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ||
	    c == 0x61c || c == 0x200e || c == 0x200f ||
	    (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/* Walk s, writing each shown piece to f (when not NULL), newlines kept
 * with keep_nl; returns the columns. */
static int
text_walk_nl(FILE *f, const char *s, int keep_nl)
{
	int cols = 0, w;
	int32_t c;
	size_t len;

	while (*s != '\0') {
		len = width_next(s, &c, &w);
		if (c == '\n' && keep_nl) {
			if (f != NULL)
				putc('\n', f);
			w = 0;
		} else if (f != NULL) {
			if (c == '?' || c == '\n')
				putc('?', f);
			else
				fwrite(s, 1, len, f);
		}
		cols += w;
		s += len;
	}
	return cols;
}

static int
text_walk(FILE *f, const char *s)
{
	return text_walk_nl(f, s, 0);
}

void
text_put_lines(FILE *f, const char *s)
{
	text_walk_nl(f, s, 1);
}

int
text_width(const char *s)
{
	return text_walk(NULL, s);
}

void
text_put(FILE *f, const char *s)
{
	text_walk(f, s);
}

void
text_pad(FILE *f, const char *s, int w)
{
	char *cell = width_pad(s, w, false);

	text_put(f, cell);
	free(cell);
}

void
text_rpad(FILE *f, const char *s, int w)
{
	char *cell = width_pad(s, w, true);

	text_put(f, cell);
	free(cell);
}

/* Write v's characters, each inert one but tab, CR and LF (which a cell
 * may hold) as '?', quotes doubled when quoted. */
static void
text_csv_chars(FILE *f, const char *v, int quoted)
{
	size_t len;

	while (*v != '\0') {
		long c = text_decode_utf8(v, &len);

		if (c == '"' && quoted)
			putc('"', f);
		if (text_inert(c) && c != '\t' && c != '\r' && c != '\n')
			putc('?', f);
		else
			fwrite(v, 1, len, f);
		v += len;
	}
}

void
text_csv_cell(FILE *f, const char *v)
{
	size_t n = strlen(v);

	if (strpbrk(v, ",\"\r\n") == NULL &&
	    (n == 0 || (v[0] != ' ' && v[n - 1] != ' '))) {
		text_csv_chars(f, v, 0);
		return;
	}
	putc('"', f);
	text_csv_chars(f, v, 1);
	putc('"', f);
}
