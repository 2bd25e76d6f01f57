/*
 * expr_math.c - the mathematical functions of ODK XPath: sqrt exp exp10
 * log log10 sin cos tan asin acos atan atan2 pi (XPath 3.0, as JavaRosa
 * implements them with java.lang.Math) and floor ceiling (XPath 1.0).
 *
 * Arguments are numbers by XPath's rules, so an empty answer is NaN and
 * the result is then NaN, stored as empty.  Results that Java's Math
 * gives as NaN or an infinity (sqrt(-1), log(0)) are the same here: C's
 * libm follows IEEE 754 as Java does.
 */
#include <math.h>

#include "util/i18n.h"
#include "expr/expr_int.h"

int
expr_fn_math(const struct node *n, struct ectx *cx, struct val *v,
    struct val *a)
{
	int tz = cx->env->tz_offset;
	double x = n->nkids > 0 ? val_to_num(&a[0], tz) : 0, r;

	switch (n->fn) {
	case F_SQRT:    r = sqrt(x); break;
	case F_EXP:     r = exp(x); break;
	case F_EXP10:   r = pow(10.0, x); break;
	case F_LOG:     r = log(x); break;
	case F_LOG10:   r = log10(x); break;
	case F_SIN:     r = sin(x); break;
	case F_COS:     r = cos(x); break;
	case F_TAN:     r = tan(x); break;
	case F_ASIN:    r = asin(x); break;
	case F_ACOS:    r = acos(x); break;
	case F_ATAN:    r = atan(x); break;
	case F_ATAN2:   r = atan2(x, val_to_num(&a[1], tz)); break;
	case F_PI:      r = M_PI; break;
	case F_FLOOR:   r = floor(x); break;
	case F_CEILING: r = ceil(x); break;
	default:
		return kesu_fail(cx->cause, KESU_ESOFTWARE,
		    _("function '%s' is not a math function"),
		    expr_func_name(n->fn));
	}
	val_num(v, r);
	return 0;
}
