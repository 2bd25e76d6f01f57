/*
 * lock.h - one sync per database: an flock on DB.sync-lock beside it,
 * released when the process ends (even by kill -9).
 */
#ifndef KESU_SYNC_LOCK_H
#define KESU_SYNC_LOCK_H

#include "util/err.h"

/* KESU_ETEMPFAIL when another sync holds it.  *fd is closed with
 * sync_unlock(). */
int sync_lock(const char *db_path, int *fd, char **cause) KESU_WUR;
void sync_unlock(int *fd);

#endif
