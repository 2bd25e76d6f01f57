/*
 * err.h - the one error style of kesu.
 *
 * A function that can fail returns an int: 0 on success, otherwise one of the
 * KESU_E* codes below, which are the sysexits(3) values the command line exits
 * with.  When it fails it may set *cause to a heap-allocated, one-line message
 * that says what went wrong and where ("forms/x.csv:survey:14: unknown
 * function 'slected' in relevant").  The caller owns and frees *cause.
 * A message that collects several problems (form validation) holds one
 * problem per line, separated by '\n', without a trailing newline.
 */
#ifndef KESU_ERR_H
#define KESU_ERR_H

#include <stdarg.h>

#define KESU_WUR __attribute__((warn_unused_result))
#define KESU_PRINTF(f, a) __attribute__((format(printf, f, a)))

enum {
	KESU_OK = 0,
	KESU_EUSAGE = 64,     /* command line usage error */
	KESU_EDATA = 65,      /* bad data: invalid form, answer breaking a rule */
	KESU_ENOINPUT = 66,   /* input file or record missing */
	KESU_EUNAVAIL = 69,   /* server unavailable */
	KESU_ESOFTWARE = 70,  /* internal error */
	KESU_ECANTCREAT = 73, /* cannot create output */
	KESU_EIO = 74,        /* I/O error (disk full, read-only, corrupt) */
	KESU_ETEMPFAIL = 75,  /* try again later (locked, offline) */
	KESU_ENOPERM = 77,    /* wrong role or PIN */
	KESU_ECONFIG = 78,    /* configuration error */
};

/* Format a heap-allocated message (never NULL; aborts on no memory). */
char *kesu_msg(const char *fmt, ...) KESU_PRINTF(1, 2);
char *kesu_vmsg(const char *fmt, va_list ap) KESU_PRINTF(1, 0);

/*
 * Set *cause (when cause is not NULL) to a formatted message and return rc,
 * so that a failure path reads: return kesu_fail(cause, KESU_EDATA, "...").
 * An existing *cause is freed first.
 */
int kesu_fail(char **cause, int rc, const char *fmt, ...) KESU_PRINTF(3, 4);

/* Append one line to a multi-line *cause (creating it when NULL). */
void kesu_addline(char **cause, const char *fmt, ...) KESU_PRINTF(2, 3);

#endif
