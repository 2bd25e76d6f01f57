/*
 * expr_lex.c - tokens of ODK XPath as XLSForm writes it.
 *
 * XPath's own rules apply: names may hold '-' and '.', so "a-b" is one
 * name while "${a}-${b}" and "5-3" are subtractions; whether a name such as
 * "div" or "and" is an operator is left to the parser, which knows whether
 * it stands where an operator may.  ${name} is a field reference; so are
 * the relative paths pyxform writes for one ("../q", "../../member",
 * "current()/../q"), since XLSForm names are unique in a form.  "./q" is
 * a child of the context node, as a bare name is.  Other paths, '/' and
 * '[' outside the places the parser asks for them (lexer.paths), and '@'
 * are refused here with a message that says so.
 */
#include <string.h>

#include "expr/expr_int.h"
#include "util/i18n.h"

size_t
expr_charpos(const char *src, size_t off)
{
	size_t i, n = 1;

	for (i = 0; i < off && src[i] != '\0'; i++)
		if (((unsigned char)src[i] & 0xc0) != 0x80)
			n++;
	return n;
}

static bool
name_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	    c >= 0x80;
}

static bool
name_char(unsigned char c)
{
	return name_start(c) || (c >= '0' && c <= '9') || c == '-' ||
	    c == '.';
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The name right after the '/' at s[i] ("/q"): its end, or i when none. */
static size_t
slash_name(const char *s, size_t i)
{
	size_t k;

	if (s[i] != '/' || !name_start((unsigned char)s[i + 1]))
		return i;
	for (k = i + 2; name_char((unsigned char)s[k]); k++)
		;
	return k;
}

/* "..", "../..": steps up from p, into *steps; the index after them. */
static size_t
steps_up(const char *s, size_t p, double *steps)
{
	*steps = 0;
	if (s[p] != '.' || s[p + 1] != '.')
		return p;
	*steps = 1;
	p += 2;
	while (s[p] == '/' && s[p + 1] == '.' && s[p + 2] == '.') {
		++*steps;
		p += 3;
	}
	return p;
}

/* A path's trailing "/q" at s[i], into t's text: the index after it. */
static size_t
path_tail(const char *s, size_t i, struct tok *t)
{
	size_t k = slash_name(s, i);

	if (k > i) {
		t->text = s + i + 1;
		t->len = k - i - 1;
	}
	return k;
}

static int
lex_error(struct lexer *lx, size_t off, char **cause, const char *what)
{
	return kesu_fail(cause, KESU_EDATA,
	    _("syntax error at character %zu: %s"),
	    expr_charpos(lx->src, off), what);
}

/* ${name}: the name must be an XML name as XLSForm allows. */
static int
lex_field(struct lexer *lx, struct tok *t, char **cause)
{
	const char *s = lx->src;
	size_t start = lx->pos, i;

	if (s[start + 1] != '{')
		return lex_error(lx, start, cause, _("expected '{' after '$'"));
	i = start + 2;
	while (s[i] != '\0' && s[i] != '}')
		i++;
	if (s[i] != '}')
		return lex_error(lx, start, cause,
		    _("'${' without a closing '}'"));
	t->text = s + start + 2;
	t->len = i - (start + 2);
	if (t->len == 0)
		return lex_error(lx, start, cause, _("empty field name '${}'"));
	if (t->len > 11 && memcmp(t->text, "last-saved#", 11) == 0)
		return lex_error(lx, start, cause,
		    _("last-saved references ('${last-saved#...}') are not "
		    "supported"));
	if (!name_start((unsigned char)t->text[0]))
		goto bad;
	for (i = 1; i < t->len; i++)
		if (!name_char((unsigned char)t->text[i]))
			goto bad;
	t->kind = T_FIELD;
	lx->pos = start + 2 + t->len + 1;
	return 0;
bad:
	return kesu_fail(cause, KESU_EDATA,
	    _("syntax error at character %zu: invalid field name '${%.*s}'"),
	    expr_charpos(s, start), (int)t->len, t->text);
}

static void
lex_number(struct lexer *lx, struct tok *t)
{
	const char *s = lx->src;
	size_t i = lx->pos;

	while (is_digit(s[i]))
		i++;
	if (s[i] == '.') {
		i++;
		while (is_digit(s[i]))
			i++;
	}
	t->kind = T_NUM;
	t->text = s + lx->pos;
	t->len = i - lx->pos;
	t->num = expr_num_literal(t->text, t->len);
	lx->pos = i;
}

/* current(), with the relative path pyxform writes after it. */
static bool
lex_current(struct lexer *lx, struct tok *t)
{
	const char *s = lx->src;
	size_t i = lx->pos;

	if (strncmp(s + i, "current()", 9) != 0)
		return false;
	i += 9;
	t->kind = T_CURRENT;
	t->text = s + i;
	t->len = 0;
	if (s[i] == '/' && s[i + 1] == '.' && s[i + 2] == '.')
		i = steps_up(s, i + 1, &t->num);
	i = path_tail(s, i, t);
	lx->pos = i;
	return true;
}

static void
lex_name(struct lexer *lx, struct tok *t)
{
	const char *s = lx->src;
	size_t i = lx->pos + 1;

	if (lex_current(lx, t))
		return;

	for (;;) {
		while (name_char((unsigned char)s[i]))
			i++;
		/* A QName's prefix ("jr:choice-name"), so that the message
		 * names the whole function. */
		if (s[i] == ':' && name_start((unsigned char)s[i + 1])) {
			i++;
			continue;
		}
		break;
	}
	t->kind = T_NAME;
	t->text = s + lx->pos;
	t->len = i - lx->pos;
	lx->pos = i;
}

static int
lex_string(struct lexer *lx, struct tok *t, char **cause)
{
	const char *s = lx->src, *end;
	size_t start = lx->pos;

	end = strchr(s + start + 1, s[start]);
	if (end == NULL)
		return lex_error(lx, start, cause,
		    _("string without a closing quote"));
	t->kind = T_STR;
	t->text = s + start + 1;
	t->len = (size_t)(end - t->text);
	lx->pos = (size_t)(end - s) + 1;
	return 0;
}

static int
lex_op(struct lexer *lx, struct tok *t, char **cause)
{
	const char *s = lx->src + lx->pos;
	size_t n = 1;

	switch (s[0]) {
	case '(': t->kind = T_LPAREN; break;
	case ')': t->kind = T_RPAREN; break;
	case ',': t->kind = T_COMMA; break;
	case '+': t->kind = T_PLUS; break;
	case '-': t->kind = T_MINUS; break;
	case '*': t->kind = T_STAR; break;
	case '=': t->kind = T_EQ; break;
	case '!':
		if (s[1] != '=')
			return lex_error(lx, lx->pos, cause,
			    _("'!' must be followed by '='"));
		t->kind = T_NE;
		n = 2;
		break;
	case '<':
		t->kind = s[1] == '=' ? T_LE : T_LT;
		n = s[1] == '=' ? 2 : 1;
		break;
	case '>':
		t->kind = s[1] == '=' ? T_GE : T_GT;
		n = s[1] == '=' ? 2 : 1;
		break;
	case '/':
	case '[':
	case ']':
		if (lx->paths > 0) {
			t->kind = s[0] == '/' ? T_SLASH : s[0] == '[' ?
			    T_LBRACK : T_RBRACK;
			n = 1;
			break;
		}
		if (s[0] != '/')
			return lex_error(lx, lx->pos, cause,
			    "predicates ('[ ]') are not supported");
		return lex_error(lx, lx->pos, cause,
		    _("paths ('/') are not supported; refer to a field as "
		    "${name}"));
	default:
		if ((unsigned char)s[0] < 0x20 || s[0] == 0x7f)
			return lex_error(lx, lx->pos, cause,
			    _("unexpected control character"));
		return kesu_fail(cause, KESU_EDATA,
		    _("syntax error at character %zu: unexpected '%c'"),
		    expr_charpos(lx->src, lx->pos), s[0]);
	}
	lx->pos += n;
	return 0;
}

static int
lex_token(struct lexer *lx, struct tok *t, char **cause)
{
	const char *s = lx->src;
	char c;

	while (s[lx->pos] == ' ' || s[lx->pos] == '\t' ||
	    s[lx->pos] == '\r' || s[lx->pos] == '\n')
		lx->pos++;
	memset(t, 0, sizeof *t);
	t->off = lx->pos;
	c = s[lx->pos];
	if (c == '\0') {
		t->kind = T_END;
		return 0;
	}
	if (is_digit(c) || (c == '.' && is_digit(s[lx->pos + 1]))) {
		lex_number(lx, t);
		return 0;
	}
	if (c == '.' && s[lx->pos + 1] == '.') {
		/* "..", "../..": steps up, for position(..); "../../q": a
		 * field */
		t->kind = T_DOTDOT;
		lx->pos = path_tail(s, steps_up(s, lx->pos, &t->num), t);
		return 0;
	}
	if (c == '.' && slash_name(s, lx->pos + 1) > lx->pos + 1) {
		t->kind = T_CHILD;
		lx->pos = path_tail(s, lx->pos + 1, t);
		return 0;
	}
	if (c == '.') {
		t->kind = T_DOT;
		lx->pos++;
		return 0;
	}
	if (c == '\'' || c == '"')
		return lex_string(lx, t, cause);
	if (c == '$')
		return lex_field(lx, t, cause);
	if (c == '@')
		return lex_error(lx, lx->pos, cause,
		    _("attributes ('@') are not supported"));
	if (name_start((unsigned char)c)) {
		lex_name(lx, t);
		return 0;
	}
	return lex_op(lx, t, cause);
}

int
expr_lex_next(struct lexer *lx, struct tok *t, char **cause)
{
	int rc;

	if ((rc = lex_token(lx, t, cause)) != 0)
		return rc;
	t->end = lx->pos;
	return 0;
}
