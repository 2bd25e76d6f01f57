/*
 * auth.c - --as USER / --pin-stdin / PIN prompt (see auth.h).
 *
 * The terminal is /dev/tty, not stdin, so that a PIN prompt works while
 * stdin carries answers; echo is turned off with termios and restored on
 * every path, including SIGINT and SIGTERM while the prompt waits.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cmd/auth.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* The terminal whose echo is off, for the signal handler. */
static volatile sig_atomic_t tty_fd = -1;
static struct termios tty_saved;

static void
auth_restore(int sig)
{
	if (tty_fd >= 0)
		tcsetattr(tty_fd, TCSAFLUSH, &tty_saved);
	signal(sig, SIG_DFL);
	raise(sig);
}

void
auth_pin_free(char *pin)
{
	if (pin == NULL)
		return;
	explicit_bzero(pin, strlen(pin));
	free(pin);
}

/* One line of f without its newline; NULL at end of file. */
static char *
auth_line(FILE *f)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	n = getline(&line, &cap, f);
	if (n < 0) {
		free(line);
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return line;
}

static int
auth_tty_read(int fd, const char *prompt, char **out, char **cause)
{
	struct termios t;
	struct sigaction sa, old_int, old_term;
	struct buf b = BUF_INIT;
	char c;
	ssize_t n;
	int rc = 0;

	*out = NULL;
	if (tcgetattr(fd, &tty_saved) != 0)
		return kesu_fail(cause, KESU_EUSAGE, _("cannot read a PIN from "
		    "the terminal; use --pin-stdin"));
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = auth_restore;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	t = tty_saved;
	t.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
	t.c_lflag |= ICANON;
	tty_fd = fd;
	if (write(fd, prompt, strlen(prompt)) < 0 ||
	    tcsetattr(fd, TCSAFLUSH, &t) != 0) {
		rc = kesu_fail(cause, KESU_EIO, _("cannot write to the "
		    "terminal: %s"), strerror(errno));
		goto out;
	}
	for (;;) {
		n = read(fd, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || c == '\n')
			break;
		if (c != '\r')
			buf_addch(&b, c);
	}
	if (n < 0)
		rc = kesu_fail(cause, KESU_EIO, _("cannot read the terminal: "
		    "%s"), strerror(errno));
out:
	tcsetattr(fd, TCSAFLUSH, &tty_saved);
	tty_fd = -1;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	if (write(fd, "\n", 1) < 0)
		rc = rc != 0 ? rc : KESU_EIO;
	if (rc == 0)
		*out = buf_detach(&b);
	else if (b.data != NULL) {
		explicit_bzero(b.data, b.len);
		buf_free(&b);
	}
	return rc;
}

int
auth_read_pin(bool pin_stdin, bool confirm, const char *prompt, char **pin,
    char **cause)
{
	char *again = NULL;
	int fd, rc;

	*pin = NULL;
	if (pin_stdin) {
		if ((*pin = auth_line(stdin)) == NULL)
			return kesu_fail(cause, KESU_EUSAGE, _("--pin-stdin: "
			    "no PIN line on standard input"));
		return 0;
	}
	fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return kesu_fail(cause, KESU_EUSAGE, _("no terminal to read "
		    "a PIN from; use --pin-stdin"));
	if ((rc = auth_tty_read(fd, prompt, pin, cause)) != 0)
		goto out;
	if (confirm) {
		/* L10N: asked after a new PIN was typed once. */
		if ((rc = auth_tty_read(fd, _("Type the PIN again: "), &again,
		    cause)) != 0)
			goto out;
		if (strcmp(*pin, again) != 0)
			rc = kesu_fail(cause, KESU_EDATA,
			    _("the two PINs differ; nothing was changed"));
	}
out:
	close(fd);
	auth_pin_free(again);
	if (rc != 0) {
		auth_pin_free(*pin);
		*pin = NULL;
	}
	return rc;
}

int
auth_login(store *s, const char *user, bool pin_stdin, enum auth_need need,
    struct auth *out, char **cause)
{
	enum store_role role = STORE_INTERVIEWER;
	char *pin = NULL, *prompt, *err = NULL, *stored = NULL;
	int rc;

	memset(out, 0, sizeof *out);
	/* L10N: %s is a user name. */
	prompt = xasprintf(_("PIN for %s: "), user);
	rc = auth_read_pin(pin_stdin, false, prompt, &pin, cause);
	free(prompt);
	if (rc != 0)
		return rc;
	rc = store_user_login(s, user, pin, &role, &stored, cause);
	auth_pin_free(pin);
	if (rc != 0)
		return rc;
	if (need == AUTH_SUPERVISOR && role != STORE_SUPERVISOR) {
		free(stored);
		/* The refusal stands even if it cannot be logged. */
		if (store_audit(s, user, "login-refused", 0, "not a supervisor",
		    &err) != 0)
			free(err);
		return kesu_fail(cause, KESU_ENOPERM, _("user '%s' is an "
		    "interviewer; this needs a supervisor"), user);
	}
	out->user = stored; /* as stored: 'LI' logs in as li */
	out->role = role;
	return 0;
}

int
auth_reader(store *s, const char *user, bool pin_stdin, struct auth *out,
    char **cause)
{
	int n, rc;

	memset(out, 0, sizeof *out);
	if (user != NULL)
		return auth_login(s, user, pin_stdin, AUTH_ANY, out, cause);
	if ((rc = store_user_count(s, &n, cause)) != 0)
		return rc;
	if (n > 0)
		return kesu_fail(cause, KESU_ENOPERM, _("this database has "
		    "users: say who you are with --as USER"));
	return 0;
}

bool
auth_may_see(const struct auth *a, const char *interviewer)
{
	return a->user == NULL || a->role == STORE_SUPERVISOR ||
	    strcmp(a->user, interviewer) == 0;
}

void
auth_clear(struct auth *a)
{
	free(a->user);
	memset(a, 0, sizeof *a);
}
