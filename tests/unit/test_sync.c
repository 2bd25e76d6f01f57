/*
 * test_sync.c - the retry schedule: 1 min doubling to 6 h, each delay
 * drawn in [half, whole] of its step, never sooner, never later.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "sync/backoff.h"

static void
test_doubling(void **state)
{
	(void)state;
	assert_true(sync_backoff_delay(1, 0) == 30);
	assert_true(sync_backoff_delay(1, 0.999999) > 59.99);
	assert_true(sync_backoff_delay(2, 0) == 60);
	assert_true(sync_backoff_delay(3, 0.5) == 180);   /* step 240 */
	assert_true(sync_backoff_delay(9, 0) == 7680);    /* step 15360 */
}

static void
test_cap(void **state)
{
	int t;

	(void)state;
	for (t = 10; t < 2000; t += 7) {
		assert_true(sync_backoff_delay(t, 0) == SYNC_BACKOFF_CAP / 2);
		assert_true(sync_backoff_delay(t, 1) <= SYNC_BACKOFF_CAP);
	}
	/* out-of-range draws stay inside the step */
	assert_true(sync_backoff_delay(1, -3) == 30);
	assert_true(sync_backoff_delay(1, 7) <= 60);
}

static void
test_draw(void **state)
{
	double u;
	int i, low = 0;

	(void)state;
	for (i = 0; i < 1000; i++) {
		u = sync_backoff_draw();
		assert_true(u >= 0 && u < 1);
		low += u < 0.5;
	}
	assert_true(low > 350 && low < 650);   /* jitter, not a constant */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_doubling),
		cmocka_unit_test(test_cap),
		cmocka_unit_test(test_draw),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
