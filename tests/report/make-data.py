#!/usr/bin/env python3
"""make-data.py - the survey data kesu report is tested and benchmarked on.

    tests/report/make-data.py ROWS STRATA PSUS SEED [messy] > data.csv

One interview per row for tests/forms/report-design.csv: stratum, psu
(numbered within its stratum), weight, street, key_group, sex, literate
(0/1) and score.  The last stratum has a single PSU (a lonely PSU); with
ROWS=500 some streets and key groups are tiny on purpose: s14 has 2 rows in
one PSU (no degrees of freedom), s15 3 rows in one stratum, key group
'other' a handful.  Deterministic for a given SEED.  The committed
tests/report/data.csv is `make-data.py 500 5 30 10`.

With `messy`, the data real surveys give (tests/report/messy.csv is
`make-data.py 500 5 30 11 messy`): a text column community, the PSU code
as interviewers write it (two numbered PSUs of a stratum share one
community, so it is a coarser clustering); literate is left empty in about
one row in twelve and in every row of stratum 2's PSU 3 (all its
respondents lack the outcome); every male in key group 'other' is 0 and
street s16 holds four rows, all 1 (0% and 100% domains).
"""
import random
import sys

rows, nstrata, npsu, seed = (int(a) for a in sys.argv[1:5])
messy = sys.argv[5:6] == ["messy"]
places = ["east", "west", "north", "south", "centre", "harbour", "hill",
          "lake", "mill", "park"]
rnd = random.Random(seed)
# PSUs per stratum: the last stratum has one, the others share the rest.
per = [1] * nstrata
left = npsu - nstrata
i = 0
while left > 0:
    per[i % (nstrata - 1)] += 1
    left -= 1
    i += 1
psus = [(h + 1, j + 1) for h in range(nstrata) for j in range(per[h])]
groups = ["cadre", "worker", "elderly", "youth", "other"]
gw = [0.12, 0.33, 0.27, 0.27, 0.01]
print("stratum,psu,weight,street,key_group,sex,literate,score" +
      (",community" if messy else ""))


def row(h, j, w, street, g, sex, lit, score):
    if not messy:
        print(f"{h},{j},{w},{street},{g},{sex},{lit},{score}")
        return
    if g == "other" and sex == "m":
        lit = 0
    if (h, j) == (2, 3) or rnd.random() < 1 / 12:
        lit = ""
    print(f"{h},{j},{w},{street},{g},{sex},{lit},{score},"
          f"{places[(j - 1) // 2]}-{h}")



tiny = 5 if rows <= 1000 else 0
for r in range(rows - tiny):
    h, j = psus[rnd.randrange(len(psus))]
    street = "s%02d" % (1 + (h * 3 + j + rnd.randrange(3)) % 13)
    g = rnd.choices(groups, gw)[0]
    sex = rnd.choice("fm")
    w = round(0.5 + 0.4 * h + rnd.random() * 1.5, 3)
    p = 0.25 + 0.06 * h + 0.1 * (g == "cadre") - 0.1 * (g == "elderly") \
        + 0.04 * (j % 3) + 0.05 * (sex == "f")
    lit = 1 if rnd.random() < p else 0
    score = max(0, min(100, int(rnd.gauss(55 + 25 * lit, 10))))
    row(h, j, w, street, g, sex, lit, score)
if tiny:
    # s14: two rows in one PSU; s15: three rows in two PSUs of stratum 1.
    row(2, 1, 1.25, "s14", "worker", "f", 1, 80)
    row(2, 1, 0.75, "s14", "youth", "m", 0, 40)
    row(1, 1, 1.5, "s15", "other", "f", 1, 75)
    row(1, 2, 2.0, "s15", "other", "m", 0, 50)
    row(1, 2, 1.0, "s15", "cadre", "f", 1, 90)
if messy:
    # s16: four rows in two PSUs of stratum 1, every one literate.
    for j, w in ((1, 1.0), (1, 2.5), (2, 1.5), (2, 0.5)):
        print(f"1,{j},{w},s16,worker,f,1,85,{places[(j - 1) // 2]}-1")
