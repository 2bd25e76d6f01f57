/*
 * lock.c - the per-database sync lock.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "sync/lock.h"
#include "util/i18n.h"
#include "util/xalloc.h"

int
sync_lock(const char *db_path, int *fd, char **cause)
{
	char *p = xasprintf("%s.sync-lock", db_path);
	int rc = 0;

	*fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (*fd < 0)
		rc = kesu_fail(cause, KESU_ECANTCREAT, _("%s: %s"), p,
		    strerror(errno));
	else if (flock(*fd, LOCK_EX | LOCK_NB) != 0) {
		close(*fd);
		*fd = -1;
		rc = kesu_fail(cause, KESU_ETEMPFAIL,
		    _("another sync of this database is running"));
	}
	free(p);
	return rc;
}

void
sync_unlock(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}
