/*
 * engine_random.c - randomized choice order, exactly as ODK Collect
 * (JavaRosa) gives it, so that a seeded select shows the same order on
 * a laptop as on a phone.
 *
 * A select with randomize=true is shown in the order of JavaRosa's
 * randomize(nodeset, seed): the seed is the seed field's value read as a
 * number and truncated to a long (Java's Double.longValue()), or, when
 * that value is not a number, the first 8 bytes of its UTF-8 SHA-256 as
 * a big-endian long ("" is 0).  The shuffle is JavaRosa's out-of-place
 * Fisher-Yates (FisherYates.java) over the Park-Miller generator
 * (ParkMiller.java), both in doubles as Java computes them.  Without a
 * seed Collect shuffles afresh each time; kesu seeds with the instance
 * ID, so an interview shows one order however often it is resumed.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "engine/engine_int.h"
#include "util/xalloc.h"

#define PM_MODULUS 2147483647.0
#define PM_MULTIPLIER 16807.0

long long
engine_seed_hash(const char *s)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0, i;
	uint64_t v = 0;

	if (*s == '\0')
		return 0;
	if (EVP_Digest(s, strlen(s), md, &len, EVP_sha256(), NULL) != 1 ||
	    len < 8)
		return 0;
	for (i = 0; i < 8; i++)
		v = v << 8 | md[i];
	return (long long)v;
}

long long
engine_seed_of(const char *value)
{
	double d = expr_read_number(value);

	if (isnan(d))
		return engine_seed_hash(value);
	/* Java's (long) of a double: saturating, toward zero */
	if (d >= 9223372036854775807.0)
		return INT64_MAX;
	if (d <= -9223372036854775808.0)
		return INT64_MIN;
	return (long long)d;
}

void
engine_shuffle(int *a, int n, long long seed)
{
	double s = fmod((double)seed, PM_MODULUS), r;
	int *out, i, j;

	if (n < 2)
		return;
	if (s <= 0)
		s += PM_MODULUS - 1;
	out = xcalloc((size_t)n, sizeof *out);
	for (i = 0; i < n; i++) {
		s = fmod(s * PM_MULTIPLIER, PM_MODULUS);
		r = ((double)(int)s - 1) / (PM_MODULUS - 1);
		j = (int)(r * (i + 1));
		if (j != i)
			out[i] = out[j];
		out[j] = a[i];
	}
	memcpy(a, out, (size_t)n * sizeof *a);
	free(out);
}

/* The seed of field fld's order now. */
static long long
order_seed(const engine *e, const struct form_field *fld)
{
	if (fld->seed == NULL)
		return engine_seed_hash(e->instance_id);
	if (fld->seed_is_field)
		return engine_seed_of(engine_seen(e, form_find(e->f,
		    fld->seed)));
	return engine_seed_of(fld->seed);
}

void
engine_order(const engine *e, int field, int *choices, int n)
{
	const struct form_field *fld = form_field(e->f, field);

	if (fld->randomize)
		engine_shuffle(choices, n, order_seed(e, fld));
}
