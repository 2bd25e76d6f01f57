/*
 * review_int.h - what the files of the review screen share: wrapped,
 * inert text lines, one-line drawing, the line editor and the record
 * view.
 */
#ifndef KESU_UI_REVIEW_INT_H
#define KESU_UI_REVIEW_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include "review/review.h"

/*
 * Lines ready for the screen: rvl_add() wraps text at width columns
 * (display width: a Chinese character takes two), indenting continued
 * lines by indent, and turns every control character, escape sequence
 * byte and invalid UTF-8 byte into '?', so what is kept is inert.
 */
struct rvl {
	char **line;
	bool *bold;
	size_t n, cap;
};

void rvl_add(struct rvl *l, const char *text, int width, int indent,
    bool bold);
void rvl_free(struct rvl *l);

/* Draw l's lines from top in screen rows 0..nrows-1, cols wide, bold
 * where marked. */
void rvl_draw(const struct rvl *l, int top, int nrows, int cols);

/* Move *top for a scrolling key (Up, Down, PgUp and PgDn by page, Home,
 * End) over n lines; false, *top unchanged, for any other key. */
bool rv_scroll_key(wint_t k, int *top, int page, size_t n);

/* Draw text at (y, x) in at most w columns on one line, inert. */
void rv_put(int y, int x, int w, const char *text);
/* Columns text takes as rv_put() draws it. */
int rv_width(const char *text);

/*
 * The line editor on the bottom line: prompt, then what is typed
 * (starting from init).  Enter returns the text (caller frees); Esc and
 * F10 return NULL.
 */
char *rv_prompt(const char *prompt, const char *init);

/*
 * The record view of record uuid: answers in form language *lang (F2
 * switches and updates *lang), score breakdown, paradata, status history;
 * `a` approves, `r` rejects with a comment.  Returns when the user goes
 * back; *msg (caller frees) says what was done, or NULL.
 */
int rv_view(review *rv, const char *who, const char *uuid, const char **lang,
    char **msg, char **cause) KESU_WUR;

/*
 * The literacy report of the records that count, by street and by key
 * group, with its chart (review_report.c).  Returns when the user goes
 * back.
 */
int rv_report(review *rv, char **cause) KESU_WUR;

/* Has SIGINT, SIGTERM or SIGHUP asked the screen to close? */
bool rv_stopping(void);

/* Approve or reject record key as who ("rejected" asks the comment);
 * *msg says what happened (a refusal of the store is a message, not an
 * error). */
int rv_verdict(review *rv, const char *who, int64_t key, const char *uuid,
    bool reject, char **msg, char **cause) KESU_WUR;

#endif
