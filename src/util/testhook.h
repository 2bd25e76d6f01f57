/*
 * testhook.h - places where a test may stop kesu on purpose.
 *
 * A crash test that kills kesu at a random moment sees whatever moment
 * it happened to hit; one that must see a given place (inside the
 * import's transaction, just after its commit) names it instead: with
 * KESU_PAUSE_AT=POINT in the environment, testhook_pause(POINT) writes
 * "kesu: paused at POINT" to stderr and waits there until a signal ends
 * the process.  Without the variable (every real run) it returns at once.
 */
#ifndef KESU_TESTHOOK_H
#define KESU_TESTHOOK_H

/* Stop here for good when KESU_PAUSE_AT names point. */
void testhook_pause(const char *point);

#endif
