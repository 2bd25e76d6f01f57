# kesu export --format csv: a text answer that Excel would run as a
# formula (= + - @ or a tab first) gets a leading single quote; numbers
# (-3, -0.5) and other text stay as they are.
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db
fail() { echo "FAIL: $*"; exit 1; }
here=tests/export
cat >"$t/answers.csv" <<'CSV'
age,sex,edu,kids,media,comment,income,visit
45,1,college,2,tv,"=HYPERLINK(""http://x"",""y"")",-0.5,
46,1,college,2,tv,+1+2,-3,
47,1,college,2,tv,-2+3,,
48,1,college,2,tv,@SUM(A1),,
49,1,college,2,tv,-3,,
50,1,college,2,tv,"a = b, fine",,
CSV
"$KESU" form run $here/export.md --answers "$t/answers.csv" --save >/dev/null ||
    fail "form run --save exited $?"
"$KESU" export --format csv -o "$t/out.csv" || fail "export csv exited $?"
python3 - "$t/out.csv" <<'PY' || fail "csv contents: $(cat "$t/out.csv")"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
r = [dict(zip(rows[0], x)) for x in rows[1:]]
got = [x["comment"] for x in r]
want = ["'=HYPERLINK(\"http://x\",\"y\")", "'+1+2", "'-2+3", "'@SUM(A1)", "-3",
        "a = b, fine"]
assert got == want, got
# Negative decimals stay numbers (no quote).
assert [float(x["income"]) for x in r[:2]] == [-0.5, -3.0], [x["income"] for x in r]
assert [x["age"] for x in r] == ["45", "46", "47", "48", "49", "50"]
PY
echo ok
