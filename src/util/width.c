/*
 * width.c - display width of UTF-8 text; see width.h.
 *
 * kesu's own tables rather than wcwidth(): wcwidth() follows LC_CTYPE,
 * and under LANG unset (the "C" locale) it calls every Chinese character
 * unprintable.  The tables follow Unicode's East Asian Width (W and F)
 * and its nonspacing marks for the scripts a survey meets; the ranges
 * are sorted so a binary search finds a code point.
 */
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/width.h"

struct width_range {
	int32_t lo, hi;
};

/* Wide and fullwidth: two columns. */
static const struct width_range width_wide[] = {
	{ 0x1100, 0x115f }, { 0x231a, 0x231b }, { 0x2329, 0x232a },
	{ 0x23e9, 0x23ec }, { 0x23f0, 0x23f0 }, { 0x23f3, 0x23f3 },
	{ 0x25fd, 0x25fe }, { 0x2614, 0x2615 }, { 0x2648, 0x2653 },
	{ 0x267f, 0x267f }, { 0x2693, 0x2693 }, { 0x26a1, 0x26a1 },
	{ 0x26aa, 0x26ab }, { 0x26bd, 0x26be }, { 0x26c4, 0x26c5 },
	{ 0x26ce, 0x26ce }, { 0x26d4, 0x26d4 }, { 0x26ea, 0x26ea },
	{ 0x26f2, 0x26f3 }, { 0x26f5, 0x26f5 }, { 0x26fa, 0x26fa },
	{ 0x26fd, 0x26fd }, { 0x2705, 0x2705 }, { 0x270a, 0x270b },
	{ 0x2728, 0x2728 }, { 0x274c, 0x274c }, { 0x274e, 0x274e },
	{ 0x2753, 0x2755 }, { 0x2757, 0x2757 }, { 0x2795, 0x2797 },
	{ 0x27b0, 0x27b0 }, { 0x27bf, 0x27bf }, { 0x2b1b, 0x2b1c },
	{ 0x2b50, 0x2b50 }, { 0x2b55, 0x2b55 }, { 0x2e80, 0x303e },
	{ 0x3041, 0x33ff }, { 0x3400, 0x4dbf }, { 0x4e00, 0x9fff },
	{ 0xa000, 0xa4cf }, { 0xa960, 0xa97f }, { 0xac00, 0xd7a3 },
	{ 0xf900, 0xfaff }, { 0xfe10, 0xfe19 }, { 0xfe30, 0xfe6f },
	{ 0xff00, 0xff60 }, { 0xffe0, 0xffe6 }, { 0x16fe0, 0x16fe4 },
	{ 0x17000, 0x18cff }, { 0x1b000, 0x1b2ff }, { 0x1f004, 0x1f004 },
	{ 0x1f0cf, 0x1f0cf }, { 0x1f18e, 0x1f18e }, { 0x1f191, 0x1f19a },
	{ 0x1f200, 0x1f202 }, { 0x1f210, 0x1f23b }, { 0x1f240, 0x1f248 },
	{ 0x1f250, 0x1f251 }, { 0x1f260, 0x1f265 }, { 0x1f300, 0x1f320 },
	{ 0x1f32d, 0x1f335 }, { 0x1f337, 0x1f37c }, { 0x1f37e, 0x1f393 },
	{ 0x1f3a0, 0x1f3ca }, { 0x1f3cf, 0x1f3d3 }, { 0x1f3e0, 0x1f3f0 },
	{ 0x1f3f4, 0x1f3f4 }, { 0x1f3f8, 0x1f43e }, { 0x1f440, 0x1f440 },
	{ 0x1f442, 0x1f4fc }, { 0x1f4ff, 0x1f53d }, { 0x1f54b, 0x1f54e },
	{ 0x1f550, 0x1f567 }, { 0x1f57a, 0x1f57a }, { 0x1f595, 0x1f596 },
	{ 0x1f5a4, 0x1f5a4 }, { 0x1f5fb, 0x1f64f }, { 0x1f680, 0x1f6c5 },
	{ 0x1f6cc, 0x1f6cc }, { 0x1f6d0, 0x1f6d2 }, { 0x1f6d5, 0x1f6d7 },
	{ 0x1f6eb, 0x1f6ec }, { 0x1f6f4, 0x1f6fc }, { 0x1f7e0, 0x1f7eb },
	{ 0x1f90c, 0x1f93a }, { 0x1f93c, 0x1f945 }, { 0x1f947, 0x1f9ff },
	{ 0x1fa70, 0x1faff }, { 0x20000, 0x2fffd }, { 0x30000, 0x3fffd },
};

/* Nonspacing and enclosing marks: no column of their own. */
static const struct width_range width_zero[] = {
	{ 0x0300, 0x036f }, { 0x0483, 0x0489 }, { 0x0591, 0x05bd },
	{ 0x05bf, 0x05bf }, { 0x05c1, 0x05c2 }, { 0x05c4, 0x05c5 },
	{ 0x05c7, 0x05c7 }, { 0x0610, 0x061a }, { 0x064b, 0x065f },
	{ 0x0670, 0x0670 }, { 0x06d6, 0x06dc }, { 0x06df, 0x06e4 },
	{ 0x06e7, 0x06e8 }, { 0x06ea, 0x06ed }, { 0x0711, 0x0711 },
	{ 0x0730, 0x074a }, { 0x0900, 0x0902 }, { 0x093a, 0x093a },
	{ 0x093c, 0x093c }, { 0x0941, 0x0948 }, { 0x094d, 0x094d },
	{ 0x0951, 0x0957 }, { 0x0e31, 0x0e31 }, { 0x0e34, 0x0e3a },
	{ 0x0e47, 0x0e4e }, { 0x0f18, 0x0f19 }, { 0x0f71, 0x0f7e },
	{ 0x0f80, 0x0f84 }, { 0x1160, 0x11ff }, { 0x1ab0, 0x1aff },
	{ 0x1dc0, 0x1dff }, { 0x20d0, 0x20f0 }, { 0x302a, 0x302d },
	{ 0x3099, 0x309a }, { 0xfe00, 0xfe0f }, { 0xfe20, 0xfe2f },
	{ 0xe0100, 0xe01ef },
};

/* Invisible format characters that could reorder or hide what is shown
 * (bidirectional overrides, zero-width spaces): treated as controls. */
static const struct width_range width_format[] = {
	{ 0x00ad, 0x00ad }, { 0x061c, 0x061c }, { 0x180e, 0x180e },
	{ 0x200b, 0x200c }, { 0x200e, 0x200f }, { 0x2028, 0x202e }, { 0x2060, 0x206f },
	{ 0xfeff, 0xfeff }, { 0xfff9, 0xfffb }, { 0xe0001, 0xe007f },
};

static bool
width_in(const struct width_range *r, size_t n, int32_t c)
{
	size_t lo = 0, hi = n;

	if (n == 0 || c < r[0].lo || c > r[n - 1].hi)
		return false;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c > r[mid].hi)
			lo = mid + 1;
		else if (c < r[mid].lo)
			hi = mid;
		else
			return true;
	}
	return false;
}

#define WIDTH_IN(table, c) \
	width_in((table), sizeof (table) / sizeof (table)[0], (c))

int32_t
width_decode(const char *str, size_t *len)
{
	const unsigned char *s = (const unsigned char *)str;
	int32_t c;
	size_t n, i;

	if (s[0] < 0x80) {
		*len = 1;
		return s[0];
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, c = s[0] & 0x07;
	else {
		*len = 1;
		return -1;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*len = 1;
			return -1;
		}
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ||
	    (n == 4 && (c < 0x10000 || c > 0x10ffff))) {
		*len = 1;
		return -1;
	}
	*len = n;
	return c;
}

int
width_cp(int32_t c)
{
	if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ||
	    WIDTH_IN(width_format, c))
		return -1;
	if (c < 0x300)
		return 1;
	/* The zero-width joiner binds emoji and Indic letters: kept. */
	if (c == 0x200d || WIDTH_IN(width_zero, c))
		return 0;
	if (WIDTH_IN(width_wide, c))
		return 2;
	return 1;
}

size_t
width_next(const char *s, int32_t *c, int *w)
{
	size_t len;

	*c = width_decode(s, &len);
	if (*c == '\n') {
		*w = 1;
		return len;
	}
	*w = width_cp(*c);
	if (*w < 0) {
		*c = '?';
		*w = 1;
	}
	return len;
}

int
width_of(const char *s)
{
	int cols = 0, w;
	int32_t c;

	while (*s != '\0') {
		s += width_next(s, &c, &w);
		cols += w;
	}
	return cols;
}

size_t
width_fit(const char *s, int w, int *cols)
{
	const char *p = s;
	int used = 0, cw;
	int32_t c;

	while (*p != '\0') {
		size_t k = width_next(p, &c, &cw);

		if (used + cw > w)
			break;
		used += cw;
		p += k;
	}
	/* Marks that follow the last character belong to it. */
	while (*p != '\0') {
		size_t k = width_next(p, &c, &cw);

		if (cw != 0)
			break;
		p += k;
	}
	if (cols != NULL)
		*cols = used;
	return (size_t)(p - s);
}

char *
width_cut(const char *s, int w)
{
	struct buf b = BUF_INIT;
	size_t n;

	buf_addstr(&b, "");
	if (w <= 0)
		return buf_detach(&b);
	n = width_fit(s, w, NULL);
	if (s[n] == '\0') {
		buf_addstr(&b, s);
		return buf_detach(&b);
	}
	buf_add(&b, s, width_fit(s, w - 1, NULL));
	buf_addstr(&b, WIDTH_ELLIPSIS);
	return buf_detach(&b);
}

char *
width_pad(const char *s, int w, bool right)
{
	struct buf b = BUF_INIT;
	char *cut = width_cut(s, w);
	int pad = w - width_of(cut);

	buf_addstr(&b, "");
	if (!right)
		buf_addstr(&b, cut);
	for (; pad > 0; pad--)
		buf_addch(&b, ' ');
	if (right)
		buf_addstr(&b, cut);
	free(cut);
	return buf_detach(&b);
}

/* Does c close a clause or a sentence (or is it a space)? */
static bool
width_stop(int32_t c)
{
	switch (c) {
	case ' ': case '.': case ',': case ';': case ':': case '!': case '?':
	case 0x3001:   /* 、 */
	case 0x3002:   /* 。 */
	case 0xff01:   /* ！ */
	case 0xff0c:   /* ， */
	case 0xff0e:   /* ． */
	case 0xff1a:   /* ： */
	case 0xff1b:   /* ； */
	case 0xff1f:   /* ？ */
		return true;
	default:
		return false;
	}
}

size_t
width_clause(const char *s)
{
	size_t i = 0, len, end = 0;
	int32_t c;

	while (s[i] != '\0') {
		c = width_decode(s + i, &len);
		i += len;
		if (!width_stop(c))
			end = i;
	}
	return end;
}
