/*
 * review_text.c - wrapped, inert text and the line editor of the review
 * screen (review_int.h).
 */
#include <curses.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "ui/review_int.h"
#include "ui/ui_int.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/width.h"
#include "util/xalloc.h"

/* The next character of s as shown: '?' (width 1) for a control or a
 * bad byte; its bytes (as they are, or "?") go to *shown. */
static size_t
rv_next(const char *s, const char **shown, size_t *n, int *w)
{
	int32_t c;
	size_t k = width_next(s, &c, w);

	*shown = c == '?' || c == '\n' ? "?" : s;
	*n = c == '?' || c == '\n' ? 1 : k;
	return k;
}

static void
rvl_push(struct rvl *l, struct buf *b, bool bold)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->line = xreallocarray(l->line, l->cap, sizeof *l->line);
		l->bold = xreallocarray(l->bold, l->cap, sizeof *l->bold);
	}
	l->line[l->n] = buf_detach(b);
	l->bold[l->n++] = bold;
}

/* Start a continued line: indent spaces, then carry (may be ""). */
static void
rvl_cont(struct buf *b, int indent, const char *carry)
{
	int i;

	for (i = 0; i < indent; i++)
		buf_addch(b, ' ');
	buf_addstr(b, carry);
}

/* Does b end with a number ("0.1", "12")? */
static bool
rvl_after_number(const struct buf *b)
{
	size_t i = b->len;
	bool digit = false;

	while (i > 0 && ((b->data[i - 1] >= '0' && b->data[i - 1] <= '9') ||
	    b->data[i - 1] == '.')) {
		digit = digit || b->data[i - 1] != '.';
		i--;
	}
	return digit && (i == 0 || b->data[i - 1] == ' ');
}

/*
 * Wrap at the last space of the line when there is one past the indent
 * (words stay whole), else at the character that does not fit (Chinese
 * has no spaces).  A space after a digit is no break: a figure stays on
 * the line of its unit.
 */
void
rvl_add(struct rvl *l, const char *text, int width, int indent, bool bold)
{
	struct buf b = BUF_INIT;
	size_t n = strlen(text), k, sp = 0, sn;
	int col = 0, w, sp_col = 0;
	const char *shown;

	if (width < indent + 2)
		width = indent + 2;
	buf_addstr(&b, "");
	while (n > 0) {
		if (*text == '\n') {
			rvl_push(l, &b, bold);
			rvl_cont(&b, indent, "");
			col = indent;
			sp = 0;
			text++;
			n--;
			continue;
		}
		k = rv_next(text, &shown, &sn, &w);
		if (col + w > width) {
			if (sp > 0 && col - sp_col - 1 < (width - indent) / 2) {
				char *carry = xstrdup(b.data + sp + 1);

				b.data[sp] = '\0';
				b.len = sp;
				rvl_push(l, &b, bold);
				rvl_cont(&b, indent, carry);
				free(carry);
				col = indent + (col - sp_col - 1);
			} else {
				rvl_push(l, &b, bold);
				rvl_cont(&b, indent, "");
				col = indent;
			}
			sp = 0;
		}
		/* A number keeps its unit: "0.1 min" never ends a line
		 * after "0.1". */
		if (*shown == ' ' && b.len > (size_t)indent &&
		    !rvl_after_number(&b)) {
			sp = b.len;
			sp_col = col;
		}
		buf_add(&b, shown, sn);
		col += w;
		text += k;
		n -= k;
	}
	rvl_push(l, &b, bold);
}

void
rvl_free(struct rvl *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->line[i]);
	free(l->line);
	free(l->bold);
	memset(l, 0, sizeof *l);
}

void
rvl_draw(const struct rvl *l, int top, int nrows, int cols)
{
	size_t i;
	int y;

	for (y = 0, i = (size_t)top; y < nrows && i < l->n; y++, i++) {
		if (l->bold[i])
			attron(A_BOLD);
		rv_put(y, 0, cols - 1, l->line[i]);
		if (l->bold[i])
			attroff(A_BOLD);
	}
}

bool
rv_scroll_key(wint_t k, int *top, int page, size_t n)
{
	if (k == KEY_DOWN)
		(*top)++;
	else if (k == KEY_UP)
		(*top)--;
	else if (k == KEY_NPAGE)
		*top += page;
	else if (k == KEY_PPAGE)
		*top -= page;
	else if (k == KEY_HOME)
		*top = 0;
	else if (k == KEY_END)
		*top = (int)n;
	else
		return false;
	return true;
}

int
rv_width(const char *text)
{
	return width_of(text);
}

void
rv_put(int y, int x, int w, const char *text)
{
	int col = 0, cw;
	int32_t c;

	move(y, x);
	while (*text != '\0') {
		size_t k = width_next(text, &c, &cw);

		if (col + cw > w)
			break;
		if (c == '\n')
			c = '?';
		{
			wchar_t ws[2] = { (wchar_t)c, L'\0' };
			cchar_t cc;

			setcchar(&cc, ws, 0, 0, NULL);
			add_wch(&cc);
		}
		col += cw;
		text += k;
	}
}

static int
rv_cw(wchar_t c)
{
	int w = width_cp((int32_t)c);

	return w >= 0 ? w : 1;
}

char *
rv_prompt(const char *prompt, const char *init)
{
	wchar_t line[1024];
	const char *p = init;
	mbstate_t st;
	int len, cur, rows, cols, pw, i, start, r;
	wint_t k;
	size_t n;

	memset(&st, 0, sizeof st);
	n = mbsrtowcs(line, &p, sizeof line / sizeof line[0] - 1, &st);
	len = cur = n == (size_t)-1 ? 0 : (int)n;
	line[len] = L'\0';
	curs_set(1);
	for (;;) {
		int wcur = 0;

		getmaxyx(stdscr, rows, cols);
		move(rows - 1, 0);
		clrtoeol();
		attron(A_BOLD);
		rv_put(rows - 1, 0, cols - 1, prompt);
		attroff(A_BOLD);
		pw = rv_width(prompt) + 1;
		/* Keep the cursor in view: show the tail when it is long. */
		for (i = 0; i < cur; i++)
			wcur += rv_cw(line[i]);
		start = 0;
		while (start < cur && wcur >= cols - pw - 1)
			wcur -= rv_cw(line[start++]);
		move(rows - 1, pw);
		for (i = start; i < len; i++) {
			wchar_t ws[2] = { line[i], L'\0' };
			cchar_t cc;
			int y, x;

			getyx(stdscr, y, x);
			(void)y;
			if (x + rv_cw(line[i]) >= cols)
				break;
			setcchar(&cc, ws, 0, 0, NULL);
			add_wch(&cc);
		}
		move(rows - 1, pw + wcur);
		refresh();
		r = ui_key(&k);
		if (rv_stopping())
			goto cancel;
		if (r == ERR)
			continue;
		if (r == KEY_CODE_YES) {
			if (k == KEY_F(10))
				goto cancel;
			if (k == KEY_ENTER)
				break;
			if (k == KEY_LEFT && cur > 0)
				cur--;
			else if (k == KEY_RIGHT && cur < len)
				cur++;
			else if (k == KEY_HOME)
				cur = 0;
			else if (k == KEY_END)
				cur = len;
			else if (k == KEY_BACKSPACE && cur > 0) {
				wmemmove(line + cur - 1, line + cur,
				    (size_t)(len - cur + 1));
				cur--;
				len--;
			} else if (k == KEY_DC && cur < len) {
				wmemmove(line + cur, line + cur + 1,
				    (size_t)(len - cur));
				len--;
			}
			continue;
		}
		if (k == 27 || k == 3)
			goto cancel;
		if (k == '\n' || k == '\r')
			break;
		if (k == 127 || k == 8) {
			if (cur > 0) {
				wmemmove(line + cur - 1, line + cur,
				    (size_t)(len - cur + 1));
				cur--;
				len--;
			}
			continue;
		}
		if (text_inert((long)k) || len >= (int)(sizeof line /
		    sizeof line[0]) - 2)
			continue;
		wmemmove(line + cur + 1, line + cur, (size_t)(len - cur + 1));
		line[cur++] = (wchar_t)k;
		len++;
	}
	curs_set(0);
	{
		const wchar_t *q = line;
		size_t cap = (size_t)len * MB_CUR_MAX + 1;
		char *out = xmalloc(cap);

		memset(&st, 0, sizeof st);
		n = wcsrtombs(out, &q, cap, &st);
		out[n == (size_t)-1 ? 0 : n] = '\0';
		return out;
	}
cancel:
	curs_set(0);
	return NULL;
}
