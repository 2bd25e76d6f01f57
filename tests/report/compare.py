#!/usr/bin/env python3
"""compare.py GOT EXPECTED TOL_EST TOL_CI - compare two report CSVs.

Both have the columns by,level,n,weighted_n,estimate,se,ci_low,ci_high.
The same (by, level) rows must be present in both (R drops empty domains,
so must kesu); n must be equal; weighted_n, estimate and se must agree to
TOL_EST, ci_low and ci_high to TOL_CI (absolute, or relative for values
above 1); NA only where the other has NA.  Prints each difference; exits
1 when there is one.
"""
import csv
import math
import sys

got_path, want_path, tol_est, tol_ci = sys.argv[1], sys.argv[2], \
    float(sys.argv[3]), float(sys.argv[4])


def load(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return {(r["by"], r["level"]): r for r in rows}, [
        (r["by"], r["level"]) for r in rows]


got, got_keys = load(got_path)
want, want_keys = load(want_path)
bad = 0
if sorted(got_keys) != sorted(want_keys):
    print("rows differ: kesu %s, R %s" % (
        sorted(set(got_keys) - set(want_keys)),
        sorted(set(want_keys) - set(got_keys))))
    bad = 1
worst = {"est": 0.0, "ci": 0.0}
for key in want_keys:
    if key not in got:
        continue
    g, w = got[key], want[key]
    if g["n"] != w["n"]:
        print("%s/%s: n %s, R %s" % (key + (g["n"], w["n"])))
        bad = 1
    for col, tol, kind in (("weighted_n", tol_est, "est"),
                           ("estimate", tol_est, "est"),
                           ("se", tol_est, "est"),
                           ("ci_low", tol_ci, "ci"),
                           ("ci_high", tol_ci, "ci")):
        a, b = g[col], w[col]
        if a == "NA" or b == "NA":
            if a != b:
                print("%s/%s %s: kesu %s, R %s" % (key + (col, a, b)))
                bad = 1
            continue
        x, y = float(a), float(b)
        d = abs(x - y) / max(1.0, abs(y))
        worst[kind] = max(worst[kind], d)
        if not d <= tol:
            print("%s/%s %s: kesu %s, R %s (off by %.3g)" % (
                key + (col, a, b, d)))
            bad = 1
print("%s: %d rows, largest difference %.3g (estimates, SE), %.3g "
      "(intervals)" % (want_path, len(want_keys), worst["est"],
                       worst["ci"]))
sys.exit(bad)
