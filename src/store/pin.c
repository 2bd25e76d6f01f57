/*
 * pin.c - PIN format and hashing with libcrypt's yescrypt.
 */
#include <crypt.h>
#ifndef CRYPT_OUTPUT_SIZE
#error "<crypt.h> is not libcrypt's: keep -I/usr/include/minizip out of CFLAGS"
#endif
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "store/pin.h"
#include "util/i18n.h"
#include "util/xalloc.h"

int
pin_check(const char *pin, char **cause)
{
	size_t n = strlen(pin), i;

	for (i = 0; i < n; i++)
		if (pin[i] < '0' || pin[i] > '9')
			break;
	if (i < n || n < PIN_MIN || n > PIN_MAX)
		return kesu_fail(cause, KESU_EDATA,
		    _("a PIN is %d to %d digits"), PIN_MIN, PIN_MAX);
	return 0;
}

int
pin_hash(const char *pin, char **hash, char **cause)
{
	struct crypt_data *data = NULL;
	char *setting;
	const char *h;
	int size = 0, rc = 0;

	*hash = NULL;
	setting = crypt_gensalt_ra("$y$", 0, NULL, 0);
	if (setting == NULL)
		return kesu_fail(cause, KESU_ESOFTWARE,
		    _("cannot make a salt for the PIN: %s"), strerror(errno));
	h = crypt_ra(pin, setting, (void **)&data, &size);
	if (h == NULL || *h == '*')
		rc = kesu_fail(cause, KESU_ESOFTWARE,
		    _("cannot hash the PIN: %s"), strerror(errno));
	else
		*hash = xstrdup(h);
	if (data != NULL)
		explicit_bzero(data, (size_t)size);
	free(data);
	free(setting);
	return rc;
}

bool
pin_verify(const char *pin, const char *hash)
{
	struct crypt_data *data = NULL;
	const char *h;
	size_t n, i;
	int size = 0;
	unsigned char diff = 0;

	if (hash == NULL || *hash != '$')
		return false;
	h = crypt_ra(pin, hash, (void **)&data, &size);
	if (h == NULL || *h == '*' || (n = strlen(h)) != strlen(hash)) {
		free(data);
		return false;
	}
	for (i = 0; i < n; i++)
		diff |= (unsigned char)(h[i] ^ hash[i]);
	explicit_bzero(data, (size_t)size);
	free(data);
	return diff == 0;
}
