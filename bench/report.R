# bench/report.R CSV OUT.csv - R's survey on the bench data: the design,
# svyby(svymean) and svyby(svyciprop, method = "logit") by street and by
# key group.  Prints the CPU seconds (user + system) the estimation took
# (after reading the CSV) on stdout, as kesu's figure is CPU time; writes the estimates as kesu report's csv to OUT.csv.
suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")
a <- commandArgs(TRUE)
d <- read.csv(a[1], stringsAsFactors = FALSE)
cpu <- function() { p <- proc.time(); p[["user.self"]] + p[["sys.self"]] }
t0 <- cpu()
des <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight,
                 nest = TRUE, data = d)
m <- svymean(~literate, des)
ci <- attr(svyciprop(~literate, des, method = "logit"), "ci")
rows <- list(data.frame(by = "all", level = "all", n = nrow(d),
  weighted_n = sum(weights(des)), estimate = coef(m)[[1]],
  se = SE(m)[[1]], ci_low = ci[[1]], ci_high = ci[[2]]))
for (by in c("street", "key_group")) {
  f <- as.formula(paste0("~", by))
  m <- svyby(~literate, f, des, svymean)
  ci <- svyby(~literate, f, des, svyciprop, method = "logit", vartype = "ci")
  rows[[by]] <- data.frame(by = by, level = m[[by]],
    n = as.vector(table(d[[by]])[as.character(m[[by]])]),
    weighted_n = as.vector(tapply(weights(des), d[[by]], sum)[as.character(m[[by]])]),
    estimate = coef(m), se = SE(m), ci_low = ci$ci_l, ci_high = ci$ci_u)
}
t1 <- cpu()
x <- do.call(rbind, rows)
num <- function(v) ifelse(is.na(v), "NA", sprintf("%.17g", v))
for (k in c("weighted_n", "estimate", "se", "ci_low", "ci_high"))
  x[[k]] <- num(x[[k]])
write.csv(x, a[2], row.names = FALSE, quote = FALSE)
cat(sprintf("%.3f\n", t1 - t0))
