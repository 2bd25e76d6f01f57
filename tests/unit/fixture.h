/*
 * fixture.h - the unit tests' temporary form: a folder of its own under
 * /tmp holding one form file written from text and loaded, removed with
 * everything in it (a database beside the form, say) afterwards.
 * Included by the test files that need it (with cmocka.h first).
 */
#ifndef KESU_TEST_FIXTURE_H
#define KESU_TEST_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "form/form.h"

/*
 * Make the folder /tmp/kesu-test-TAG-XXXXXX into dir (cap bytes), write
 * text to dir/name, its path into path (cap bytes), and load it into *f;
 * a failure fails the test.
 */
static inline void
fixture_form(char *dir, char *path, size_t cap, const char *tag,
    const char *name, const char *text, form **f)
{
	char *cause = NULL;
	FILE *fp;

	snprintf(dir, cap, "/tmp/kesu-test-%s-XXXXXX", tag);
	assert_non_null(mkdtemp(dir));
	if (snprintf(path, cap, "%s/%s", dir, name) >= (int)cap)
		fail_msg("%s/%s: too long", dir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	if (form_load(path, f, &cause) != 0)
		fail_msg("form: %s", cause);
}

/* Free *f and remove dir with everything in it. */
static inline void
fixture_clean(const char *dir, form **f)
{
	char cmd[256];

	form_free(f);
	if (snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir) >= (int)sizeof cmd)
		fail_msg("%s: too long", dir);
	assert_int_equal(system(cmd), 0);
}

#endif
