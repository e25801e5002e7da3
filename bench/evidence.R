# The estimation part of the evidence benchmark in R's survey package, on the data that
# bench/evidence-worker.ts wrote: post-stratification on the weighting cells, then for every
# indicator the overall mean, the domains by territory, département and profession (svyby)
# and the urban - rural t-test. Prints the elapsed seconds of the estimation as JSON.
# Usage: Rscript bench/evidence.R DATA.csv MARGINS.csv
suppressMessages({ library(survey); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE, na.strings = "")
pop <- read.csv(args[2], stringsAsFactors = FALSE)
indicators <- setdiff(names(d), c("cell", "territory", "dept", "profession"))
elapsed <- system.time({
  ps <- postStratify(svydesign(ids = ~1, weights = ~rep(1, nrow(d)), data = d), ~cell, pop)
  for (v in indicators) {
    f <- as.formula(paste0("~", v))
    svymean(f, ps, na.rm = TRUE)
    for (by in c("territory", "dept", "profession")) {
      svyby(f, as.formula(paste0("~", by)), subset(ps, !is.na(d[[by]])), svymean, na.rm = TRUE)
    }
    ru <- subset(ps, territory %in% c("rural", "urban") & !is.na(d[[v]]))
    svyttest(as.formula(paste0(v, " ~ I(territory == \"urban\")")), ru)
  }
})[["elapsed"]]
cat(toJSON(list(seconds = elapsed, rows = nrow(d), indicators = length(indicators)), auto_unbox = TRUE), "\n")
