/*
 * auth.h - who runs a command: --as USER, with the PIN from the terminal
 * (no echo) or, with --pin-stdin, from the first line of stdin.
 *
 * Every command that needs a role goes through auth_login(); a wrong PIN,
 * an unknown or disabled user, or the wrong role is KESU_ENOPERM (77), and
 * each refusal is audited.
 */
#ifndef KESU_CMD_AUTH_H
#define KESU_CMD_AUTH_H

#include <stdbool.h>

#include "store/store.h"
#include "util/err.h"

struct auth {
	char *user;             /* NULL when nobody logged in */
	enum store_role role;
};

/* Which roles a command accepts. */
enum auth_need { AUTH_ANY, AUTH_SUPERVISOR };

/*
 * Log user in: read the PIN, check it against the store and the role.
 * out is cleared with auth_clear().
 */
int auth_login(store *s, const char *user, bool pin_stdin,
    enum auth_need need, struct auth *out, char **cause) KESU_WUR;

/*
 * For commands that read records (list, show): on a database with users,
 * --as USER is required (any role; NULL user is KESU_ENOPERM); on one
 * without users, nobody logs in and out->user stays NULL.
 */
int auth_reader(store *s, const char *user, bool pin_stdin,
    struct auth *out, char **cause) KESU_WUR;

/* May a logged-in user (or nobody, on a database without users) see a
 * record of interviewer? Supervisors see all, interviewers their own. */
bool auth_may_see(const struct auth *a, const char *interviewer);

/*
 * Read a PIN: from the next stdin line with pin_stdin, else from the
 * terminal without echo, twice when confirm (the two must match).
 * prompt is shown on the terminal only.  *pin is the caller's: free it
 * with auth_pin_free(), which wipes it.
 */
int auth_read_pin(bool pin_stdin, bool confirm, const char *prompt,
    char **pin, char **cause) KESU_WUR;
void auth_pin_free(char *pin);

void auth_clear(struct auth *a);

#endif
