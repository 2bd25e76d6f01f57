/*
 * expr_dtime.c - date-time(), decimal-date-time() and decimal-time(), as
 * JavaRosa evaluates them (format-date-time() is format-date()).
 *
 *   date-time(x)          x as a date-time: a number counts days (with a
 *                         fraction) from 1970-01-01T00:00Z; text is a date
 *                         or a date-time.
 *   decimal-date-time(x)  days since 1970-01-01T00:00Z, with a fraction
 *                         (UTC, as Java's Date.getTime() / 86400000); a
 *                         number is itself.
 *   decimal-time(x)       the fraction of the local day; x a time of day
 *                         (the value of a time question, "10:30:00.000+08:00"),
 *                         a date-time, or a number (its fractional part).
 * Empty gives empty (NaN); text that is no date or time gives empty where
 * Collect would stop with an error.
 */
#include <math.h>
#include <string.h>

#include "util/i18n.h"
#include "expr/expr_int.h"

int
expr_fn_dtime(const struct node *n, struct ectx *cx, struct val *v,
    struct val *a)
{
	int tz = cx->env->tz_offset;
	double d;

	if (a[0].kind == V_NUM || a[0].kind == V_BOOL) {
		d = a[0].n;
		if (n->fn == F_DECIMAL_TIME)
			val_num(v, d - floor(d));
		else if (n->fn == F_DATE_TIME && isfinite(d) &&
		    fabs(d) < 2147483647.0) {
			val_num(v, d + tz / 86400.0);
			v->kind = V_DTIME;
		} else
			val_num(v, n->fn == F_DATE_TIME ? NAN : d);
		return 0;
	}
	if (n->fn == F_DECIMAL_TIME && a[0].kind == V_STR &&
	    memchr(a[0].s, 'T', a[0].len) == NULL &&
	    memchr(a[0].s, ':', a[0].len) != NULL) {
		if (!expr_time_parse(a[0].s, a[0].len, tz, &d))
			d = NAN;
		val_num(v, d);
		return 0;
	}
	if (!expr_to_days(&a[0], tz, &d)) {
		val_num(v, NAN);
		return 0;
	}
	switch (n->fn) {
	case F_DATE_TIME:
		val_num(v, d);
		v->kind = V_DTIME;
		break;
	case F_DECIMAL_DATE_TIME:
		/* Java: the instant in whole milliseconds / 86400000 */
		val_num(v, (double)llround(d * 86400000.0 - tz * 1000.0) /
		    86400000.0);
		break;
	case F_DECIMAL_TIME:
		val_num(v, d - floor(d));
		break;
	default:
		return kesu_fail(cx->cause, KESU_ESOFTWARE,
		    _("function '%s' is not a date-time function"),
		    expr_func_name(n->fn));
	}
	return 0;
}
