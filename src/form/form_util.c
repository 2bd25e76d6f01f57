/*
 * form_util.c - small text rules of XLSForm: names, near misses, yes/no,
 * cell cleaning, and whether a default is an expression.
 *
 * The rules follow pyxform so that a form means the same in kesu and in
 * ODK: names are XML NCNames (a letter or '_' first, then letters,
 * digits, '-', '_', '.'); cells have "smart" quotes straightened and, on
 * the survey sheet, runs of spaces collapsed; a default is dynamic when
 * pyxform's expression lexer finds an operator, a ${reference} or a
 * function call in it.
 */
#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "form/form_int.h"
#include "util/buf.h"
#include "util/distance.h"

/* Decode one UTF-8 character at s; *len gets its length (>= 1).  Invalid
 * bytes decode as themselves, one byte long. */
static uint32_t
utf8_next(const char *s, int *len)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c;
	int n, i;

	if (u[0] < 0x80) {
		*len = 1;
		return u[0];
	}
	if ((u[0] & 0xe0) == 0xc0) {
		n = 2;
		c = u[0] & 0x1f;
	} else if ((u[0] & 0xf0) == 0xe0) {
		n = 3;
		c = u[0] & 0x0f;
	} else if ((u[0] & 0xf8) == 0xf0) {
		n = 4;
		c = u[0] & 0x07;
	} else {
		*len = 1;
		return u[0];
	}
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80) {
			*len = 1;
			return u[0];
		}
		c = (c << 6) | (u[i] & 0x3f);
	}
	*len = n;
	return c;
}

/* XML NameStartChar without ':' (as pyxform's ncname). */
static bool
name_start(uint32_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
	    (c >= 0xc0 && c <= 0xd6) || (c >= 0xd8 && c <= 0xf6) ||
	    (c >= 0xf8 && c <= 0x2ff) || (c >= 0x370 && c <= 0x37d) ||
	    (c >= 0x37f && c <= 0x1fff) || (c >= 0x200c && c <= 0x200d) ||
	    (c >= 0x2070 && c <= 0x218f) || (c >= 0x2c00 && c <= 0x2fef) ||
	    (c >= 0x3001 && c <= 0xd7ff) || (c >= 0xf900 && c <= 0xfdcf) ||
	    (c >= 0xfdf0 && c <= 0xfffd) || (c >= 0x10000 && c <= 0xeffff);
}

static bool
name_char(uint32_t c)
{
	return name_start(c) || c == '-' || c == '.' ||
	    (c >= '0' && c <= '9') || c == 0xb7 ||
	    (c >= 0x300 && c <= 0x36f) || (c >= 0x203f && c <= 0x2040);
}

/* Length of the NCName at s, 0 if none starts there. */
static size_t
name_span(const char *s)
{
	size_t n = 0;
	int len;

	if (!name_start(utf8_next(s, &len)))
		return 0;
	n += (size_t)len;
	while (s[n] != '\0' && name_char(utf8_next(s + n, &len)))
		n += (size_t)len;
	return n;
}

bool
form_is_name(const char *s)
{
	size_t n = name_span(s);

	return n > 0 && s[n] == '\0';
}

/* distance_edit() of two NUL-terminated names (util/distance.h). */
int
form_distance(const char *a, const char *b, int limit)
{
	return distance_edit(a, strlen(a), b, strlen(b), limit);
}

/*
 * Whether typed looks like a misspelling of known: one edit away for
 * names of three to five characters, two for longer ones, never for
 * shorter ones ("b" is no misspelling of "a").  ("note" is not "name",
 * but "lable" is "label" and "calcuation" is "calculation".)
 */
bool
form_near(const char *typed, const char *known)
{
	size_t n = strlen(known);
	int limit = n <= 2 ? 0 : n <= 5 ? 1 : 2;

	if (limit == 0)
		return false;

	return form_distance(typed, known, limit) <= limit;
}

/* pyxform's aliases.yes_no. */
bool
form_yes(const char *s)
{
	return strcmp(s, "yes") == 0 || strcmp(s, "Yes") == 0 ||
	    strcmp(s, "YES") == 0 || strcmp(s, "true") == 0 ||
	    strcmp(s, "True") == 0 || strcmp(s, "TRUE") == 0 ||
	    strcmp(s, "true()") == 0;
}

bool
form_no(const char *s)
{
	return strcmp(s, "no") == 0 || strcmp(s, "No") == 0 ||
	    strcmp(s, "NO") == 0 || strcmp(s, "false") == 0 ||
	    strcmp(s, "False") == 0 || strcmp(s, "FALSE") == 0 ||
	    strcmp(s, "false()") == 0;
}

/* The copy of form_clean_text() and form_clean_shown(); quotes: turn
 * curly quotes straight. */
static char *
clean_text(struct arena *a, const char *s, bool collapse, bool quotes)
{
	struct buf b = BUF_INIT;
	const char *p;
	char *out;

	for (p = s; *p != '\0'; p++) {
		if (quotes && (unsigned char)p[0] == 0xe2 &&
		    (unsigned char)p[1] == 0x80)
			break;
		if (collapse && p[0] == ' ' && p[1] == ' ')
			break;
	}
	if (*p == '\0')
		return arena_strdup(a, s);
	buf_add(&b, s, (size_t)(p - s));
	while (*p != '\0') {
		const unsigned char *u = (const unsigned char *)p;

		if (quotes && u[0] == 0xe2 && u[1] == 0x80 &&
		    (u[2] == 0x98 || u[2] == 0x99)) {
			buf_addch(&b, '\'');
			p += 3;
		} else if (quotes && u[0] == 0xe2 && u[1] == 0x80 &&
		    (u[2] == 0x9c || u[2] == 0x9d)) {
			buf_addch(&b, '"');
			p += 3;
		} else if (collapse && p[0] == ' ') {
			buf_addch(&b, ' ');
			while (*p == ' ')
				p++;
		} else
			buf_addch(&b, *p++);
	}
	out = arena_strndup(a, b.data, b.len);
	buf_free(&b);
	return out;
}

/*
 * A copy of the cell s in the arena with U+2018/U+2019 turned into ' and
 * U+201C/U+201D into ", and, when collapse is set, every run of spaces
 * made one space (pyxform's clean_text_values).
 */
char *
form_clean_text(struct arena *a, const char *s, bool collapse)
{
	return clean_text(a, s, collapse, true);
}

/*
 * The same for text people read (labels, hints, messages): the quotes
 * stay as written (“调查说明”, ‘this’); names and expressions, which
 * pyxform's cleaning must match, go through form_clean_text().
 */
char *
form_clean_shown(struct arena *a, const char *s, bool collapse)
{
	return clean_text(a, s, collapse, false);
}

static size_t
digits(const char *s)
{
	size_t n = 0;

	while (isdigit((unsigned char)s[n]))
		n++;
	return n;
}

/* DATE: -?dddd-dd-dd */
static size_t
lex_date(const char *s)
{
	size_t n = s[0] == '-';

	if (digits(s + n) < 4 || s[n + 4] != '-')
		return 0;
	n += 5;
	if (digits(s + n) < 2 || s[n + 2] != '-')
		return 0;
	n += 3;
	if (digits(s + n) < 2)
		return 0;
	return n + 2;
}

/* TIME: dd:dd:dd(\.\s+)?(([+-]dd:dd)|Z)? */
static size_t
lex_time(const char *s)
{
	size_t n = 0, k;
	int i;

	for (i = 0; i < 3; i++) {
		if (digits(s + n) < 2)
			return 0;
		n += 2;
		if (i < 2) {
			if (s[n] != ':')
				return 0;
			n++;
		}
	}
	if (s[n] == '.' && isspace((unsigned char)s[n + 1])) {
		k = n + 1;
		while (isspace((unsigned char)s[k]))
			k++;
		n = k;
	}
	if ((s[n] == '+' || s[n] == '-') && digits(s + n + 1) >= 2 &&
	    s[n + 3] == ':' && digits(s + n + 4) >= 2)
		n += 6;
	else if (s[n] == 'Z')
		n++;
	return n;
}

/* NUMBER: -?\d+\.\d*|-?\.\d+|-?\d+ */
static size_t
lex_number(const char *s)
{
	size_t n = s[0] == '-', d = digits(s + n);

	if (d > 0) {
		n += d;
		if (s[n] == '.')
			n += 1 + digits(s + n + 1);
		return n;
	}
	if (s[n] == '.' && (d = digits(s + n + 1)) > 0)
		return n + 1 + d;
	return 0;
}

/* An NCName with an optional ":NCName" prefix part. */
static size_t
lex_qname(const char *s)
{
	size_t n = name_span(s), m;

	if (n > 0 && s[n] == ':' && (m = name_span(s + n + 1)) > 0)
		n += 1 + m;
	return n;
}

/*
 * pyxform's default_is_dynamic(): lex s the way its expression lexer
 * does (tokens tried in its priority order at each position) and say
 * whether an arithmetic operator, '|', a ${reference} or a function call
 * appears.  For dates a '-' operator means a literal date, not
 * arithmetic, and ends the scan.
 */
bool
form_default_is_dynamic(const char *s, enum form_type type)
{
	size_t i = 0, n, len = strlen(s);

	while (i < len) {
		const char *p = s + i;

		if ((n = lex_date(p)) > 0) {
			if (p[n] == 'T' && (n = lex_time(p + n + 1)) > 0)
				n += lex_date(p) + 1;
			else
				n = lex_date(p);
			i += n;
			continue;
		}
		if ((n = lex_time(p)) > 0 || (n = lex_number(p)) > 0) {
			i += n;
			continue;
		}
		if (*p == '*' || *p == '+' || *p == '-') {
			if (*p == '-' && type == FORM_DATE)
				return false;
			return true;
		}
		if (strncmp(p, " mod ", 5) == 0 || strncmp(p, " div ", 5) == 0)
			return true;
		if (*p == '|')
			return true;
		if (*p == '"' || *p == '\'') {
			const char *q = strchr(p + 1, *p);

			i += q != NULL ? (size_t)(q - p) + 1 : 1;
			continue;
		}
		if (isspace((unsigned char)*p)) {
			while (isspace((unsigned char)s[i]))
				i++;
			continue;
		}
		if (p[0] == '$' && p[1] == '{') {
			size_t k = 2;

			if (strncmp(p + 2, "last-saved#", 11) == 0)
				k += 11;
			n = name_span(p + k);
			if (n > 0 && p[k + n] == '}')
				return true;
			i += 2;
			continue;
		}
		if ((n = lex_qname(p)) > 0) {
			if (p[n] == '(')
				return true;
			i += n;
			continue;
		}
		i++;
	}
	return false;
}
