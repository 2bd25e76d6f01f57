# Repeats in exports: every instance of a repeat goes out, one row per
# instance, in a file of its own beside the main one, as ODK Central
# names them (out.csv, out-member.csv; out.dta, out-member.dta; ...), or
# in a sheet of its own in xlsx.  A repeat's rows start with the record's
# id, parent_key (the record's id, or the enclosing instance's key),
# key (parent_key/name[n]) and instance (n), then the repeat's fields.
# Read back: CSV directly, dta/sav with ReadStat's readstat, xlsx with
# openpyxl.  The roster example and a nested repeat.
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db
fail() { echo "FAIL: $*"; exit 1; }
py=python3
$py -c 'import openpyxl' 2>/dev/null || py=/usr/bin/python3
roster=forms/examples/household-roster.md

"$KESU" form run $roster --answers forms/examples/household-roster.txt --save >/dev/null ||
    fail "roster 1"
printf 'hh_no=7\nmember[1]/mname=赵 一\nmember[1]/age=50\nmember[1]/resident=yes\nmember[2]/mname=Qian, "Er"\nmember[2]/age=20\nmember[2]/resident=no\n' >"$t/two.txt"
"$KESU" form run $roster --answers "$t/two.txt" --save >/dev/null || fail "roster 2"

for f in csv dta sav xlsx; do
	"$KESU" export --format $f -o "$t/out.$f" || fail "export $f exited $?"
done
for f in csv dta sav; do
	[ -f "$t/out-member.$f" ] || fail "no out-member.$f: $(ls "$t")"
done
for f in dta sav; do
	readstat "$t/out.$f" - >"$t/out.$f.csv" || fail "readstat out.$f"
	readstat "$t/out-member.$f" - >"$t/out-member.$f.csv" || fail "readstat out-member.$f"
done
$py - "$t" <<'PY' || fail "repeat rows"
import csv, sys, openpyxl
t = sys.argv[1]
want = [("Li Ming", 45, "yes"), ("Wang Fang", 43, "yes"), ("Li Xiao", 16, "yes"),
        ("Zhang Wei", 72, "yes"), ("Chen Jie", 30, "no"),
        ("赵 一", 50, "yes"), ('Qian, "Er"', 20, "no")]
def check(main, member, fmt):
    ids = [r["id"] for r in main]
    assert len(ids) == 2, (fmt, main)
    assert "mname" not in main[0] and "age" not in main[0], (fmt, list(main[0]))
    assert [str(r["n_members"]).rstrip("0").rstrip(".") for r in main] == ["5", "2"], (fmt, main)
    assert list(member[0])[:4] == ["id", "parent_key", "key", "instance"], (fmt, list(member[0]))
    assert len(member) == 7, (fmt, len(member))
    for i, (r, w) in enumerate(zip(member, want)):
        rec = ids[0] if i < 5 else ids[1]
        n = i + 1 if i < 5 else i - 4
        assert r["id"] == rec and r["parent_key"] == rec, (fmt, r)
        assert r["key"] == "%s/member[%d]" % (rec, n), (fmt, r)
        assert float(r["instance"]) == n, (fmt, r)
        assert r["mname"] == w[0] and float(r["age"]) == w[1], (fmt, r, w)
    return True
def rows(path):
    return list(csv.DictReader(open(path, encoding="utf-8-sig", newline="")))
check(rows(t + "/out.csv"), rows(t + "/out-member.csv"), "csv")
for f in ("dta", "sav"):
    m = rows(t + "/out-member.%s.csv" % f)
    # select_one: codes with value labels (yes = 1, no = 2)
    assert [float(r["resident"]) for r in m] == [1, 1, 1, 1, 2, 1, 2], (f, m)
    check(rows(t + "/out.%s.csv" % f), m, f)
wb = openpyxl.load_workbook(t + "/out.xlsx")
assert wb.sheetnames == ["data", "member", "variables", "choices"], wb.sheetnames
def sheet(name):
    x = list(wb[name].iter_rows(values_only=True))
    return [dict(zip(x[0], r)) for r in x[1:]]
m = sheet("member")
assert [r["resident"] for r in m] == ["Yes"] * 4 + ["No", "Yes", "No"], m
check(sheet("data"), m, "xlsx")
v = list(wb["variables"].iter_rows(values_only=True))
assert v[0] == ("name", "label", "type", "sheet"), v[0]
assert ("age", "Age in completed years", "integer", "member") in v, v
assert ("hh_no", "Household sample number", "integer", "data") in v, v
PY

# Nested repeats: a child's parent is its member's instance.
export KESU_DB=$t/nested.db
"$KESU" form run tests/forms/scen-repeat-nested.md --answers tests/scenarios/scen-repeat-nested/answers.txt \
    --save >/dev/null || fail "nested"
"$KESU" export --format csv -o "$t/n.csv" || fail "export nested exited $?"
$py - "$t" <<'PY' || fail "nested rows: $(cat "$t/n-child.csv")"
import csv, sys
t = sys.argv[1]
main = list(csv.DictReader(open(t + "/n.csv", newline="")))
member = list(csv.DictReader(open(t + "/n-member.csv", newline="")))
child = list(csv.DictReader(open(t + "/n-child.csv", newline="")))
rec = main[0]["id"]
assert main[0]["allkids"] == "3" and "cname" not in main[0], main
assert [(r["key"], r["mname"], r["nkids"]) for r in member] == [
    (rec + "/member[1]", "Li", "2"), (rec + "/member[2]", "Wang", "1"),
    (rec + "/member[3]", "Tiny", "0")], member
assert "cname" not in member[0], member[0]
assert [(r["id"], r["parent_key"], r["key"], r["instance"], r["cname"], r["parent"]) for r in child] == [
    (rec, rec + "/member[1]", rec + "/member[1]/child[1]", "1", "Xiao", "Li"),
    (rec, rec + "/member[1]", rec + "/member[1]/child[2]", "2", "Mei", "Li"),
    (rec, rec + "/member[2]", rec + "/member[2]/child[1]", "1", "Bo", "Wang")], child
PY
# Standard output takes one table, the records': what it leaves out is said.
"$KESU" export --format csv -o - >"$t/stdout.csv" 2>"$t/err" || fail "-o - with repeats: exit $?"
grep -q "form 'scen-repeat-nested' has repeats (member...): standard output holds the records only" "$t/err" ||
    fail "-o - with repeats: $(cat "$t/err")"
cmp -s "$t/stdout.csv" "$t/n.csv" || fail "-o - with repeats: not the records' table"
exit 0
