# A rank question in the exports: the ranked names as stored (as ODK
# Central's CSV export has it), then one column per place, FIELD_1 ...
# FIELD_k, holding the choice ranked there: its name in CSV, a coded
# value with the list's value labels in Stata and SPSS, its label in
# xlsx (the code with --values codes), where the ranked column itself is
# the labels numbered in order.  A rank not answered is empty throughout.
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db
fail() { echo "FAIL: $*"; exit 1; }
form=tests/forms/scen-rank.md
py=python3
$py -c 'import openpyxl' 2>/dev/null || py=/usr/bin/python3

printf 'pref,later\nweb talk tv paper,tv web paper talk\npaper tv talk web,\n' >"$t/answers.csv"
"$KESU" form run $form --answers "$t/answers.csv" --save >/dev/null ||
    fail "form run --save exited $?"

"$KESU" export --format csv -o "$t/out.csv" || fail "export csv exited $?"
python3 - "$t/out.csv" <<'PY' || fail "csv contents"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
head = rows[0]
assert head[8:] == ("pref,pref_1,pref_2,pref_3,pref_4,first,firstl,n,"
    "later,later_1,later_2,later_3,later_4").split(","), head
r = [dict(zip(head, x)) for x in rows[1:]]
assert r[0]["pref"] == "web talk tv paper", r[0]
assert [r[0]["pref_%d" % i] for i in range(1, 5)] == ["web", "talk", "tv", "paper"], r[0]
assert [r[1]["pref_%d" % i] for i in range(1, 5)] == ["paper", "tv", "talk", "web"], r[1]
assert [r[0]["later_%d" % i] for i in range(1, 5)] == ["tv", "web", "paper", "talk"], r[0]
assert r[1]["later"] == "" and [r[1]["later_%d" % i] for i in range(1, 5)] == [""] * 4, r[1]
PY

check_stat() { # FILE
	readstat "$1" - >"$1.csv" || fail "readstat $1 exited $?"
	extract_metadata "$1" "$1.json" >/dev/null 2>&1 || fail "extract_metadata $1"
	python3 - "$1" <<'PY' || fail "$1 contents"
import csv, json, sys
path = sys.argv[1]
rows = list(csv.reader(open(path + ".csv", newline="", encoding="utf-8")))
r = [dict(zip(rows[0], x)) for x in rows[1:]]
num = lambda v: None if v == "" else int(float(v))
# Codes: the list's names are not numbers, so positions in the list
# (tv 1, web 2, paper 3, talk 4).
assert [num(r[0]["pref_%d" % i]) for i in range(1, 5)] == [2, 4, 1, 3], r[0]
assert [num(r[1]["pref_%d" % i]) for i in range(1, 5)] == [3, 1, 4, 2], r[1]
assert [num(r[1]["later_%d" % i]) for i in range(1, 5)] == [None] * 4, r[1]
assert r[0]["pref"] == "web talk tv paper", r[0]
meta = {v["name"]: v for v in json.load(open(path + ".json"))["variables"]}
cats = lambda n: {c["code"]: c["label"] for c in meta[n].get("categories", [])}
for n in ("pref_1", "pref_4", "later_2"):
    assert meta[n]["type"] == "NUMERIC", (n, meta[n])
    assert cats(n) == {1: "Television", 2: "The internet", 3: "Newspapers",
                       4: "Talking with people"}, (n, cats(n))
assert meta["pref_1"]["label"] == "Rank where you learn of science: 1", meta["pref_1"]
assert meta["later_4"]["label"] == "Rank them again: 4", meta["later_4"]
assert meta["pref"]["type"] == "STRING", meta["pref"]
PY
}
"$KESU" export --format dta -o "$t/out.dta" || fail "export dta exited $?"
check_stat "$t/out.dta"
"$KESU" export --format sav -o "$t/out.sav" || fail "export sav exited $?"
check_stat "$t/out.sav"

"$KESU" export --format xlsx -o "$t/out.xlsx" || fail "export xlsx exited $?"
"$KESU" export --format xlsx --values codes -o "$t/codes.xlsx" ||
    fail "export xlsx --values codes exited $?"
$py - "$t/out.xlsx" "$t/codes.xlsx" <<'PY' || fail "xlsx contents"
import sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
rows = list(wb["data"].iter_rows(values_only=True))
r = [dict(zip(rows[0], x)) for x in rows[1:]]
assert r[0]["pref"] == ("1. The internet; 2. Talking with people; "
    "3. Television; 4. Newspapers"), repr(r[0]["pref"])
assert [r[0]["pref_%d" % i] for i in range(1, 5)] == ["The internet",
    "Talking with people", "Television", "Newspapers"], r[0]
assert r[1]["later"] is None and r[1]["later_1"] is None, r[1]
v = {x[0]: x for x in list(wb["variables"].iter_rows(values_only=True))[1:]}
assert v["pref"][2] == "rank source", v["pref"]
assert v["pref_2"][1:3] == ("Rank where you learn of science: 2", "rank source"), v["pref_2"]
c = list(wb["choices"].iter_rows(values_only=True))
assert ("source", 2, "web", "The internet") in c, c
wb = openpyxl.load_workbook(sys.argv[2])
rows = list(wb["data"].iter_rows(values_only=True))
r = [dict(zip(rows[0], x)) for x in rows[1:]]
assert r[0]["pref"] == "web talk tv paper", repr(r[0]["pref"])
assert [r[0]["pref_%d" % i] for i in range(1, 5)] == [2, 4, 1, 3], r[0]
PY
exit 0
