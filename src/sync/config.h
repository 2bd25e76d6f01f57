/*
 * config.h - kesu.conf, the sync settings (INI: key = value lines, '#' or
 * ';' comments, [sections] ignored): server, user, password, ca_file,
 * require_approval, transfer_key, transfer_key_file.  $KESU_CONFIG, else
 * $XDG_CONFIG_HOME/kesu/kesu.conf, else ~/.config/kesu/kesu.conf.
 */
#ifndef KESU_SYNC_CONFIG_H
#define KESU_SYNC_CONFIG_H

#include <stdbool.h>

#include "util/err.h"

struct sync_config {
	char *server, *user, *password, *ca_file;
	bool require_approval;
	/* transfer files (kesu transfer): the key itself (a secret) or the
	 * path of a file holding it */
	char *transfer_key, *transfer_key_file;
};

/* A missing file is an empty config.  KESU_ECONFIG, with a message naming
 * file:line and the nearest known key, for an unknown key, a line without
 * '=' or a value the key cannot take; KESU_ECONFIG too when the file
 * holds a secret (a password or a /key/ URL) and group or others may read
 * it. */
int sync_config_load(struct sync_config *c, char **cause) KESU_WUR;
void sync_config_clear(struct sync_config *c);

#endif
