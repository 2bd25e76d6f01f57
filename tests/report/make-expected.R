# make-expected.R - the numbers `kesu report` must reproduce, computed by
# R's survey package on the committed fixture tests/report/data.csv.
#
# Regenerate (needs Debian's r-base-core and r-cran-survey), from the
# top of the source tree:
#     Rscript tests/report/make-expected.R
# It writes tests/report/expected-*.csv (by,level,n,weighted_n,estimate,
# se,ci_low,ci_high; NA where R gives NaN/NA).  make check does not run R;
# tests/report/compare.sh compares kesu's output with these files.
#
# Each domain is estimated on design[by == level, ], which is how
# svyby() calls its FUN, so the SE is over the whole design; the interval
# is svyciprop(method = "logit") on that subset with its own degf().
suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")
here <- "tests/report"
d <- read.csv(file.path(here, "data.csv"), stringsAsFactors = FALSE)
des <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight,
                 nest = TRUE, data = d)

one <- function(by, level, dd, outcome, prop) {
  f <- as.formula(paste0("~", outcome))
  m <- svymean(f, dd)
  ci <- if (prop) attr(svyciprop(f, dd, method = "logit"), "ci") else
    confint(m, df = degf(dd))
  w <- weights(dd)
  data.frame(by = by, level = level, n = sum(w != 0),
             weighted_n = sum(w), estimate = coef(m)[[1]],
             se = SE(m)[[1]], ci_low = ci[[1]], ci_high = ci[[2]])
}

report <- function(dd, outcome, prop, bys) {
  rows <- list(one("all", "all", dd, outcome, prop))
  for (by in bys) {
    v <- dd$variables[[by]]
    for (lv in sort(unique(v)))
      rows[[length(rows) + 1]] <- one(by, lv, dd[v == lv, ], outcome, prop)
    # The same as svyby(), which drops levels with no rows.
    sb <- svyby(as.formula(paste0("~", outcome)), as.formula(paste0("~", by)),
                dd, svymean)
    mine <- do.call(rbind, rows)
    mine <- mine[mine$by == by, ]
    stopifnot(isTRUE(all.equal(unname(coef(sb)), mine$estimate)),
              isTRUE(all.equal(unname(SE(sb)), mine$se)))
  }
  do.call(rbind, rows)
}

write <- function(x, name) {
  num <- function(v) ifelse(is.na(v), "NA", sprintf("%.17g", v))
  out <- data.frame(by = x$by, level = x$level, n = x$n,
                    weighted_n = num(x$weighted_n),
                    estimate = num(x$estimate), se = num(x$se),
                    ci_low = num(x$ci_low), ci_high = num(x$ci_high))
  write.csv(out, file.path(here, name), row.names = FALSE, quote = FALSE)
}

bys <- c("street", "key_group")
write(report(des, "literate", TRUE, bys), "expected-design.csv")
write(report(des, "score", FALSE, bys), "expected-mean.csv")

# Weights only (no strata, each record its own PSU).
wdes <- svydesign(ids = ~1, weights = ~weight, data = d)
write(report(wdes, "literate", TRUE, c("key_group")), "expected-weights.csv")

# Raked to the margins of rake.csv, with rake()'s default control.
pop <- read.csv(file.path(here, "rake.csv"), stringsAsFactors = FALSE)
fields <- unique(pop$field)
margins <- lapply(fields, function(f) as.formula(paste0("~", f)))
popm <- lapply(fields, function(f) {
  p <- pop[pop$field == f, ]
  x <- data.frame(p$level, Freq = p$population)
  names(x)[1] <- f
  x
})
rdes <- rake(des, margins, popm)
write(report(rdes, "literate", TRUE, bys), "expected-raked.csv")

# Student's t quantiles for the unit test (tests/unit/test_report_t.c).
for (df in c(1, 2, 3, 5, 10, 25, 30, 100, 245, 1000, 1e6))
  cat(sprintf("%g %.17g %.17g\n", df, qt(0.975, df), qt(0.995, df)),
      file = stderr())
