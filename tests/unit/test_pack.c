/*
 * test_pack.c - instances compressed with their form's dictionary: byte
 * exact back, much smaller than without it, and a damaged or mismatched
 * blob refused rather than returned wrong.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "store/pack.h"

static const char form_md[] =
    "| survey |               |           |        |\n"
    "|        | type          | name      | label  |\n"
    "|        | integer       | age       | Age    |\n"
    "|        | select_one yn | smoker    | Smoker |\n"
    "|        | note          | bye       | Bye    |\n"
    "| choices | list_name | name       | label |\n"
    "|         | yn        | yes        | Yes   |\n"
    "|         | yn        | no         | No    |\n"
    "| settings | form_id | version |\n"
    "|          | health  | 7       |\n";

static const char xml[] =
    "<?xml version='1.0' encoding='UTF-8' ?><data id=\"health\" "
    "version=\"7\" xmlns:ev=\"http://www.w3.org/2001/xml-events\" "
    "xmlns:orx=\"http://openrosa.org/xforms\" "
    "xmlns:odk=\"http://www.opendatakit.org/xforms\" "
    "xmlns:h=\"http://www.w3.org/1999/xhtml\" "
    "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" "
    "xmlns:jr=\"http://openrosa.org/javarosa\"><age>41</age>"
    "<smoker>no</smoker><bye /><meta><instanceID>uuid:0b7a1c9e-5f7e-4c2d-"
    "9e1f-3a2b1c0d9e8f</instanceID></meta></data>";

static form *
load(void)
{
	char path[] = "/tmp/kesu-test-pack-XXXXXX.md";
	form *f = NULL;
	char *cause = NULL;
	int fd = mkstemps(path, 3);
	FILE *fp = fdopen(fd, "w");

	fputs(form_md, fp);
	fclose(fp);
	if (form_load(path, &f, &cause) != 0)
		fail_msg("%s", cause);
	unlink(path);
	return f;
}

static void
test_round_trip_and_size(void **state)
{
	form *f = load();
	struct buf dict = BUF_INIT, with = BUF_INIT, without = BUF_INIT;
	char *out = NULL, *cause = NULL;
	size_t len = strlen(xml);

	(void)state;
	pack_dict(f, &dict);
	assert_non_null(strstr(dict.data, "<age></age><smoker></smoker>"));
	assert_non_null(strstr(dict.data, "yes "));
	pack_deflate(dict.data, dict.len, xml, len, &with);
	pack_deflate(NULL, 0, xml, len, &without);
	assert_int_equal(pack_inflate(dict.data, dict.len, with.data,
	    with.len, len, pack_crc(xml, len), &out, "r", &cause), 0);
	assert_memory_equal(out, xml, len + 1);
	free(out);
	/* The dictionary holds nearly all of it. */
	assert_true(with.len * 4 < without.len);
	assert_true(with.len * 6 < len);
	buf_free(&dict);
	buf_free(&with);
	buf_free(&without);
	form_free(&f);
}

static void
test_damage_is_refused(void **state)
{
	form *f = load();
	struct buf dict = BUF_INIT, z = BUF_INIT;
	char *out = NULL, *cause = NULL;
	size_t len = strlen(xml);
	uint32_t crc = pack_crc(xml, len);

	(void)state;
	pack_dict(f, &dict);
	pack_deflate(dict.data, dict.len, xml, len, &z);
	/* Without its dictionary, with a wrong length, cut short, or with
	 * a flipped byte, nothing comes back. */
	assert_int_equal(pack_inflate("x", 1, z.data, z.len, len, crc, &out,
	    "r", &cause), KESU_EIO);
	assert_null(out);
	free(cause);
	cause = NULL;
	assert_int_equal(pack_inflate(dict.data, dict.len, z.data, z.len,
	    len - 1, crc, &out, "r", &cause), KESU_EIO);
	free(cause);
	cause = NULL;
	assert_int_equal(pack_inflate(dict.data, dict.len, z.data, z.len / 2,
	    len, crc, &out, "r", &cause), KESU_EIO);
	free(cause);
	cause = NULL;
	z.data[z.len / 2] ^= 0x10;
	assert_int_equal(pack_inflate(dict.data, dict.len, z.data, z.len,
	    len, crc, &out, "rec 7", &cause), KESU_EIO);
	assert_non_null(strstr(cause, "rec 7: the stored instance is damaged"));
	free(cause);
	assert_null(out);
	buf_free(&dict);
	buf_free(&z);
	form_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip_and_size),
		cmocka_unit_test(test_damage_is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
