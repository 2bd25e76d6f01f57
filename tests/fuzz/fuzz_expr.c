/*
 * fuzz_expr.c - libFuzzer harness for expressions: any text must parse to
 * a tree or give a message, and a tree must evaluate (as text and as a
 * boolean) to a value or a message, never a crash, a leak, a hang or
 * undefined behaviour.  Fields named from a small table give fixed values
 * (numbers, dates, lists, Chinese text, an empty value); a field whose
 * name starts with 'z' does not exist, to reach the error path; one that
 * starts with 'n' or 'b' is typed as a number or a boolean.  Each tree
 * is also evaluated as a choice filter over a repeat's instances.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "expr/expr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const values[] = {
	"", "0", "20", "-3.5", "1,5", "yes", "a b c", "2026-11-01",
	"2026-11-28T09:00:00.000+08:00", "欧阳娜娜", "a😀b", "\\d+",
	"13812345678", "  7  ", "NaN", "%Y-%m-%d", "1.2E7", "-9.0E-4",
	"Infinity", "1", "4.9E-324",
};

static const char *
value_for(const char *name)
{
	size_t h = 0;

	for (; *name != '\0'; name++)
		h = h * 31 + (unsigned char)*name;
	return values[h % (sizeof values / sizeof values[0])];
}

static const char *
field(void *ctx, const char *name)
{
	(void)ctx;
	if (name[0] == 'z')
		return NULL;
	return value_for(name);
}

/* Names starting with 'n' are typed as numbers, with 'b' as booleans,
 * as the engine types integer and decimal answers and calculations. */
static enum expr_type
field_type(void *ctx, const char *name)
{
	(void)ctx;
	if (name[0] == 'n')
		return EXPR_NUMBER;
	if (name[0] == 'b')
		return EXPR_BOOL;
	return EXPR_TEXT;
}

static const char *
column(void *ctx, const char *name)
{
	(void)ctx;
	if (name[0] == 'q')
		return NULL;
	return value_for(name);
}

static void
make_uuid(void *ctx, char out[37])
{
	(void)ctx;
	memcpy(out, "0f8fad5b-d9cb-469f-a165-70867728950e", 37);
}

/* Repeats and attachments: three nodes per field, a table of two rows. */
static int
nodes(void *ctx, const char *name, const char *const **vals)
{
	static const char *v[3];

	(void)ctx;
	if (name[0] == 'z')
		return -1;
	v[0] = value_for(name);
	v[1] = "7";
	v[2] = "";
	*vals = v;
	return name[0] == 'e' ? 0 : 3;
}

/* A field of node k of a repeat: none past the third node or for a name
 * starting with 'z'. */
static const char *
member(void *ctx, const char *set, int k, const char *name)
{
	(void)ctx;
	(void)set;
	if (k > 2 || name[0] == 'z')
		return NULL;
	return k == 1 ? "7" : value_for(name);
}

static int
position(void *ctx, int up)
{
	(void)ctx;
	return up;
}

static const char *
indexed(void *ctx, const char *name, const char *const *reps,
    const int *idx, int n)
{
	(void)ctx;
	(void)reps;
	return n > 0 && idx[0] == 2 ? value_for(name) : NULL;
}

static const char *
pulldata(void *ctx, const char *file, const char *col, const char *keycol,
    const char *key)
{
	(void)ctx;
	(void)file;
	(void)keycol;
	return key[0] != '\0' ? value_for(col) : NULL;
}

static int
table(void *ctx, const char *name, int row, const char *col,
    const char **value)
{
	(void)ctx;
	(void)name;
	if (row > 1)
		return -1;
	*value = col[0] == 'q' ? NULL : value_for(col);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct expr_env env;
	expr *e = NULL;
	char *src, *cause = NULL, *out = NULL;
	bool b;
	int rc;

	src = malloc(size + 1);
	if (src == NULL)
		return 0;
	memcpy(src, data, size);
	src[size] = '\0';
	rc = expr_parse(src, &e, &cause);
	if ((rc == 0) != (e != NULL) || (rc == 0) == (cause != NULL))
		abort();
	free(cause);
	cause = NULL;
	if (e == NULL)
		goto out;
	if (strcmp(expr_source(e), src) != 0)
		abort();
	for (int i = 0; i < expr_nrefs(e); i++)
		if (expr_ref(e, i) == NULL)
			abort();
	for (int i = 0; i < expr_npredrefs(e); i++)
		if (expr_predref(e, i) == NULL)
			abort();
	memset(&env, 0, sizeof env);
	env.field = field;
	env.field_type = field_type;
	env.column = column;
	env.self = size % 2 ? "12" : "2026-11-28";
	env.self_type = size % 5 ? EXPR_TEXT : EXPR_NUMBER;
	env.now = 1795831200.5;
	env.tz_offset = size % 3 ? 8 * 3600 : -5 * 3600 - 1800;
	env.uuid = make_uuid;
	if (size % 4 != 0) {
		env.nodes = nodes;
		env.member = member;
		env.position = position;
		env.indexed = indexed;
		env.pulldata = pulldata;
		env.table = table;
	}
	rc = expr_eval_text(e, &env, &out, &cause);
	if ((rc == 0) != (out != NULL) || (rc == 0) == (cause != NULL))
		abort();
	free(out);
	free(cause);
	cause = NULL;
	rc = expr_eval_bool(e, &env, &b, &cause);
	if ((rc == 0) == (cause != NULL))
		abort();
	free(cause);
	cause = NULL;
	/* As a choice filter over the second of three instances. */
	rc = expr_eval_choice(e, &env, "member", 1, 3, &b, &cause);
	if ((rc == 0) == (cause != NULL))
		abort();
	free(cause);
out:
	expr_free(&e);
	free(src);
	return 0;
}
