/*
 * review.h - the supervisor's review screen (ncursesw): a record list
 * with filters, sorting and jump by ID prefix, a record view, approve
 * and reject with a comment.  The list is read a screen at a time from
 * the store (store/review.h), so it opens and pages as fast on 100,000
 * records as on ten.
 */
#ifndef KESU_UI_REVIEW_H
#define KESU_UI_REVIEW_H

#include "review/review.h"
#include "store/review.h"

/* Run the review screen as supervisor who, starting with filter (copied)
 * and the form language lang ("zh", "en"), until F10 or q. */
int ui_review(review *rv, const char *who,
    const struct store_review_filter *filter, const char *lang,
    char **cause) KESU_WUR;

#endif
