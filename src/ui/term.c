/*
 * term.c - the terminal the screens share, text drawn inert, and the
 * one-line editor (ui_int.h).
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wctype.h>

#include "ui/ui_int.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/width.h"
#include "util/xalloc.h"

static volatile sig_atomic_t ui_signal;
static bool ui_lost;        /* the input ended (end of file, hang-up) */
static int ui_idle_ready;   /* waits in a row that found input "ready" */
static SCREEN *ui_scr;
static bool ui_colour;
static FILE *ui_tty;

static void
ui_on_signal(int sig)
{
	ui_signal = sig;
}

/* Out of memory: give the terminal back before xalloc_die() prints its
 * line and exits (every confirmed answer is already committed). */
static void
ui_on_oom(void)
{
	ui_term_close();
}

/* Home and End as the Linux console, screen, tmux and rxvt send them,
 * where the terminal description names other sequences. */
static void
ui_term_keys(void)
{
	static const struct {
		const char *seq;
		int key;
	} k[] = {
		{ "\033[1~", KEY_HOME }, { "\033[4~", KEY_END },
		{ "\033[7~", KEY_HOME }, { "\033[8~", KEY_END },
		{ "\033[H", KEY_HOME }, { "\033[F", KEY_END },
		{ "\033OH", KEY_HOME }, { "\033OF", KEY_END },
	};
	size_t i;

	for (i = 0; i < sizeof k / sizeof k[0]; i++)
		if (key_defined(k[i].seq) == 0)
			define_key(k[i].seq, k[i].key);
}

int
ui_term_open(char **cause)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* The locale is i18n_init()'s (a UTF-8 one, never plain "C", in
	 * which gettext would ignore the UI language). */
	/* The screen goes to the terminal even when stdout is redirected
	 * (draft and record IDs are printed there on leaving). */
	ui_tty = isatty(STDOUT_FILENO) ? NULL : fopen("/dev/tty", "w");
	ui_scr = newterm(NULL, ui_tty != NULL ? ui_tty : stdout, stdin);
	if (ui_scr == NULL) {
		if (ui_tty != NULL)
			fclose(ui_tty);
		ui_tty = NULL;
		*cause = xstrdup(_("cannot open the terminal"));
		return KESU_ECONFIG;
	}
	set_term(ui_scr);
	/* Colours where the terminal has them; reverse and bold where not
	 * (TERM=linux, vt100, NO_COLOR). */
	ui_colour = has_colors() && getenv("NO_COLOR") == NULL;
	if (ui_colour) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_WHITE, COLOR_BLUE);
		init_pair(2, COLOR_RED, -1);
	}
	raw();
	/* Enter arrives as '\r', Ctrl-J as '\n' (a new line in a
	 * multiline text, typed.c); every screen takes both as Enter. */
	nonl();
	noecho();
	keypad(stdscr, TRUE);
	timeout(200);
	/* Esc acts at once: a terminal sends the rest of an escape
	 * sequence within a few milliseconds, a person takes longer. */
	set_escdelay(25);
	ui_term_keys();
	xalloc_set_hook(ui_on_oom);
	return 0;
}

void
ui_term_close(void)
{
	if (ui_scr == NULL)
		return;
	xalloc_set_hook(NULL);
	endwin();
	delscreen(ui_scr);
	ui_scr = NULL;
	if (ui_tty != NULL)
		fclose(ui_tty);
	ui_tty = NULL;
}

bool
ui_term_signalled(void)
{
	return ui_signal != 0 || ui_lost;
}

bool
ui_term_lost(void)
{
	return ui_lost;
}

int
ui_width(const char *s)
{
	return width_of(s);
}

int
ui_attr(enum ui_look look)
{
	if (look == UI_LOOK_BAR)
		return ui_colour ? (int)COLOR_PAIR(1) : A_REVERSE;
	return ui_colour ? (int)(COLOR_PAIR(2) | A_BOLD) : A_BOLD;
}

void
ui_bar(int y, const char *s)
{
	int cols = getmaxx(stdscr);

	attron(ui_attr(UI_LOOK_BAR));
	mvhline(y, 0, ' ', cols);
	ui_text(y, 0, cols, s, 1);
	attroff(ui_attr(UI_LOOK_BAR));
}

void
ui_line_wipe(struct ui_line *l)
{
	explicit_bzero(l->buf, sizeof l->buf);
	l->len = l->cur = 0;
}

/* One character of s for the screen: control characters and bytes that
 * are not UTF-8 as '?' (width 1), '\n' as itself (width 0).  Returns the
 * bytes used. */
static size_t
text_char(const char *s, wchar_t *wc, int *cw)
{
	int32_t c;
	size_t k = width_next(s, &c, cw);

	*wc = (wchar_t)c;
	if (c == '\n')
		*cw = 0;
	return k;
}

/* A character that belongs to a word kept whole on one line: anything but
 * a space, a line break or a wide (CJK) character, which may break
 * anywhere. */
static bool
text_in_word(wchar_t wc, int cw)
{
	return wc != L' ' && wc != L'\n' && cw != 2;
}

/* Width of the word that starts at s. */
static int
text_word_width(const char *s)
{
	int width = 0, cw;
	wchar_t wc;

	while (*s != '\0') {
		size_t k = text_char(s, &wc, &cw);

		if (!text_in_word(wc, cw))
			break;
		width += cw;
		s += k;
	}
	return width;
}

/*
 * Lines break between words: a word that would cross the right edge
 * starts the next line, unless it is wider than a line by itself; CJK
 * text breaks at any character.  A space that falls at a break is not
 * drawn.  tests/forms/label-width counts lines by the same rule.
 */
/* ui_text(), drawing only when draw: the lines s takes either way. */
static int
text_flow(int y, int x, int w, const char *s, int maxlines, bool draw)
{
	int col = 0, lines = 1;
	bool in_word = false;

	if (draw)
		move(y, x);
	while (*s != '\0') {
		wchar_t wc;
		int cw;
		size_t k = text_char(s, &wc, &cw);
		bool word = text_in_word(wc, cw);
		bool wrap = false;
		cchar_t cc;

		if (wc == L'\n') {
			if (lines >= maxlines)
				break;
			lines++;
			col = 0;
			in_word = false;
			if (draw)
				move(y + lines - 1, x);
			s += k;
			continue;
		}
		if (word && !in_word && col > 0) {
			int ww = text_word_width(s);

			wrap = col + ww > w && ww <= w;
		}
		in_word = word;
		if (wrap || col + cw > w) {
			if (lines >= maxlines)
				break;
			lines++;
			col = 0;
			if (draw)
				move(y + lines - 1, x);
			if (wc == L' ') {
				s += k;
				continue;
			}
		}
		s += k;
		if (draw) {
			wchar_t ws[2] = { wc, L'\0' };

			setcchar(&cc, ws, 0, 0, NULL);
			add_wch(&cc);
		}
		col += cw;
	}
	return lines;
}

int
ui_text(int y, int x, int w, const char *s, int maxlines)
{
	return text_flow(y, x, w, s, maxlines, true);
}

int
ui_text_rows(int w, const char *s, int maxlines)
{
	return text_flow(0, 0, w, s, maxlines, false);
}

void
ui_line_set(struct ui_line *l, const char *s)
{
	mbstate_t st;
	size_t n;

	memset(&st, 0, sizeof st);
	n = mbsrtowcs(l->buf, &s, sizeof l->buf / sizeof l->buf[0] - 1, &st);
	if (n == (size_t)-1)
		n = 0;
	l->buf[n] = L'\0';
	l->len = l->cur = (int)n;
}

char *
ui_line_get(const struct ui_line *l)
{
	const wchar_t *p = l->buf;
	mbstate_t st;
	size_t n;
	char *out = xmalloc((size_t)l->len * MB_CUR_MAX + 1);

	memset(&st, 0, sizeof st);
	n = wcsrtombs(out, &p, (size_t)l->len * MB_CUR_MAX + 1, &st);
	if (n == (size_t)-1)
		n = 0;
	out[n] = '\0';
	return out;
}


/* Ctrl-W: delete the word before the cursor (and the spaces after it). */
static void
line_delete_word(struct ui_line *l)
{
	int from = l->cur;

	while (from > 0 && iswspace((wint_t)l->buf[from - 1]))
		from--;
	while (from > 0 && !iswspace((wint_t)l->buf[from - 1]))
		from--;
	wmemmove(l->buf + from, l->buf + l->cur,
	    (size_t)(l->len - l->cur + 1));
	l->len -= l->cur - from;
	l->cur = from;
}

void
ui_line_key(struct ui_line *l, wint_t k, bool fn)
{
	if (fn) {
		if (k == KEY_LEFT && l->cur > 0)
			l->cur--;
		else if (k == KEY_RIGHT && l->cur < l->len)
			l->cur++;
		/* Home and End as VT220 terminals send them too. */
		else if (k == KEY_HOME || k == KEY_FIND)
			l->cur = 0;
		else if (k == KEY_END || k == KEY_SELECT)
			l->cur = l->len;
		else if (k == KEY_BACKSPACE && l->cur > 0) {
			wmemmove(l->buf + l->cur - 1, l->buf + l->cur,
			    (size_t)(l->len - l->cur + 1));
			l->cur--;
			l->len--;
		} else if (k == KEY_DC && l->cur < l->len) {
			wmemmove(l->buf + l->cur, l->buf + l->cur + 1,
			    (size_t)(l->len - l->cur));
			l->len--;
		}
		return;
	}
	if (k == 127 || k == 8) {
		ui_line_key(l, KEY_BACKSPACE, true);
		return;
	}
	if (k == 21) { /* Ctrl-U: clear */
		l->buf[0] = L'\0';
		l->len = l->cur = 0;
		return;
	}
	if (k == 23) { /* Ctrl-W */
		line_delete_word(l);
		return;
	}
	if (text_inert((long)k) || l->len >= (int)(sizeof l->buf /
	    sizeof l->buf[0]) - 2)
		return;
	wmemmove(l->buf + l->cur + 1, l->buf + l->cur,
	    (size_t)(l->len - l->cur + 1));
	l->buf[l->cur++] = (wchar_t)k;
	l->len++;
}


/*
 * For bench/bench_keys.c only: when KESU_READY_FD names a pipe, kesu writes
 * one byte to it each time it waits again after a key, that is once the
 * screen that key changed is drawn and flushed.  Unset in normal use.
 */
static bool ui_keyed = true;  /* a key came since the last ready byte */

static void
ui_ready(void)
{
	static int fd = -2;
	const char *s;

	if (fd == -2) {
		s = getenv("KESU_READY_FD");
		fd = s != NULL && *s >= '0' && *s <= '9' ?
		    (int)strtol(s, NULL, 10) : -1;
	}
	if (fd >= 0 && ui_keyed && write(fd, "k", 1) == 1)
		ui_keyed = false;
}

/*
 * After get_wch() gave no key: true when the input has ended rather than
 * stayed quiet.  curses says ERR for both, at once at end of file, so a
 * screen would otherwise spin.  A hang-up or error on the descriptor ends
 * it; so does input that poll() calls ready twice in a row while curses
 * reads nothing from it (end of file on /dev/null or a closed pipe: a key
 * that arrives in between is read by the next get_wch() instead).
 */
static bool
ui_input_ended(void)
{
	struct pollfd p = { STDIN_FILENO, POLLIN, 0 };
	int n = poll(&p, 1, 0);

	if (n < 0)
		return errno != EINTR && errno != EAGAIN;
	if (n == 0) {
		ui_idle_ready = 0;
		return false;
	}
	if (p.revents & (POLLHUP | POLLERR | POLLNVAL))
		return true;
	return ++ui_idle_ready >= 2;
}

int
ui_key(wint_t *k)
{
	int r;

	if (ui_signal != 0 || ui_lost)
		return ERR;
	ui_ready();
	r = get_wch(k);
	if (r != ERR) {
		ui_keyed = true;
		ui_idle_ready = 0;
	} else if (ui_input_ended()) {
		ui_lost = true;
	}
	return r;
}
