/*
 * backoff.h - when a record that got a retry-later answer (5xx, timeout,
 * reset) goes again: capped exponential backoff with jitter, across runs
 * of `kesu sync` (the time is kept in the store's sync state).
 */
#ifndef KESU_BACKOFF_H
#define KESU_BACKOFF_H

/* First delay and cap, in seconds: 1 min doubling up to 6 h. */
#define SYNC_BACKOFF_BASE 60.0
#define SYNC_BACKOFF_CAP (6 * 3600.0)

/*
 * The delay before try number tries + 1 (tries >= 1: the retry-later
 * answers in a row so far): d = min(cap, base * 2^(tries-1)), then a
 * uniform draw in [d/2, d] ("equal jitter"), so laptops that went offline
 * together do not come back together, and no retry comes sooner than
 * half its step.  u is the draw in [0, 1).
 */
double sync_backoff_delay(int tries, double u);

/* A draw in [0, 1) for sync_backoff_delay (seeded once per process). */
double sync_backoff_draw(void);

#endif
