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
# is svyciprop(method = "logit") (or "beta") on that subset with its own
# degf().  A missing outcome is one more domain condition, as
# svymean(na.rm = TRUE) makes it: design[by == level & !is.na(y), ].
# A crossed domain a:b is design[a == la & b == lb, ], level "la:lb".
suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")
here <- "tests/report"
d <- read.csv(file.path(here, "data.csv"), stringsAsFactors = FALSE)
des <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight,
                 nest = TRUE, data = d)

one <- function(by, level, dd, outcome, prop, ci = "logit") {
  f <- as.formula(paste0("~", outcome))
  dd <- dd[!is.na(dd$variables[[outcome]]), ]
  # A calibrated (raked) design's subset keeps every row, at weight 0:
  # their missing values are given a number that weight 0 takes away.
  y <- dd$variables[[outcome]]
  stopifnot(all(weights(dd)[is.na(y)] == 0))
  y[is.na(y)] <- 0
  dd$variables[[outcome]] <- y
  m <- svymean(f, dd)
  ci <- if (prop) attr(svyciprop(f, dd, method = ci), "ci") else
    confint(m, df = degf(dd))
  w <- weights(dd)
  data.frame(by = by, level = level, n = sum(w != 0),
             weighted_n = sum(w), estimate = coef(m)[[1]],
             se = SE(m)[[1]], ci_low = ci[[1]], ci_high = ci[[2]])
}

report <- function(dd, outcome, prop, bys, ci = "logit") {
  rows <- list(one("all", "all", dd, outcome, prop, ci))
  y <- dd$variables[[outcome]]
  for (by in bys) {
    parts <- strsplit(by, ":", fixed = TRUE)[[1]]
    v <- do.call(paste, c(lapply(parts, function(p) dd$variables[[p]]),
                          sep = ":"))
    has <- !is.na(y)
    for (p in parts)
      has <- has & !is.na(dd$variables[[p]])
    for (lv in sort(unique(v[has])))
      rows[[length(rows) + 1]] <- one(by, lv, dd[v == lv & has, ], outcome,
                                      prop, ci)
    # The same as svyby(..., na.rm = TRUE), which drops levels with no
    # rows.
    sb <- svyby(as.formula(paste0("~", outcome)),
                as.formula(paste0("~", paste(parts, collapse = "+"))),
                dd, svymean, na.rm = TRUE)
    mine <- do.call(rbind, rows)
    mine <- mine[mine$by == by, ]
    key <- do.call(paste, c(lapply(parts, function(p) as.character(sb[[p]])),
                            sep = ":"))
    stopifnot(setequal(key, mine$level))
    o <- match(mine$level, key)
    stopifnot(isTRUE(all.equal(unname(coef(sb))[o], mine$estimate)),
              isTRUE(all.equal(unname(SE(sb))[o], mine$se)))
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

# Messy data (tests/report/messy.csv): missing outcomes, one PSU whose
# respondents all lack it, crossed domains, a text PSU, 0% and 100%
# domains, each lonely-PSU rule, beta intervals, raking.
m <- read.csv(file.path(here, "messy.csv"), stringsAsFactors = FALSE)
stopifnot(all(is.na(m$literate[m$stratum == 2 & m$psu == 3])))
mbys <- c("street", "key_group", "key_group:sex")
mdes <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight,
                  nest = TRUE, data = m)
write(report(mdes, "literate", TRUE, mbys), "expected-missing.csv")
tdes <- svydesign(ids = ~community, strata = ~stratum, weights = ~weight,
                  nest = TRUE, data = m)
write(report(tdes, "literate", TRUE, c("key_group:sex")),
      "expected-text-psu.csv")
write(report(mdes, "literate", TRUE, c("street", "key_group:sex"), "beta"),
      "expected-beta.csv")
for (lonely in c("average", "remove", "certainty")) {
  options(survey.lonely.psu = lonely)
  write(report(mdes, "literate", TRUE, c("key_group")),
        paste0("expected-lonely-", lonely, ".csv"))
}
options(survey.lonely.psu = "adjust")
mrdes <- rake(mdes, margins, popm)
write(report(mrdes, "literate", TRUE, c("street", "key_group")),
      "expected-raked-missing.csv")

# Student's t quantiles for the unit test (tests/unit/test_report_t.c).
for (df in c(1, 2, 3, 5, 10, 25, 30, 100, 245, 1000, 1e6))
  cat(sprintf("%g %.17g %.17g\n", df, qt(0.975, df), qt(0.995, df)),
      file = stderr())
