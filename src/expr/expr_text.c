/*
 * expr_text.c - string lengths and positions as Java counts them.
 *
 * Collect's strings are Java strings: string-length() and substr() count
 * UTF-16 code units, so a Chinese character is 1 and an emoji (outside the
 * BMP) is 2.  kesu's strings are UTF-8; these helpers translate.  A byte
 * that does not start a valid UTF-8 sequence counts as one unit, as the
 * replacement character Java would decode it to.
 */
#include "expr/expr_int.h"

/* Length in bytes of the UTF-8 sequence at s[0] (of at most n bytes),
 * and its UTF-16 units in *units. */
static size_t
seq_len(const unsigned char *s, size_t n, size_t *units)
{
	size_t len, i;

	*units = 1;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		*units = 2;
	} else
		return 1;
	if (len > n)
		goto bad;
	for (i = 1; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			goto bad;
	return len;
bad:
	*units = 1;
	return 1;
}

size_t
expr_utf16_len(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n = 0, units;

	while (i < len) {
		i += seq_len(p + i, len - i, &units);
		n += units;
	}
	return n;
}

size_t
expr_utf16_off(const char *s, size_t len, size_t u)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n = 0, units, step;

	while (i < len && n < u) {
		step = seq_len(p + i, len - i, &units);
		i += step;
		n += units;
	}
	return i;
}
