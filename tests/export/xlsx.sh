# kesu export --format xlsx, read back by openpyxl (Debian's
# python3-openpyxl): a data sheet with labels (or codes with --values
# codes), numbers as numbers, dates as Excel dates, Chinese text, text
# that looks like a formula kept as text; a variables sheet (name, label,
# type, sheet) and a choices sheet; the labels of the record columns in --lang.
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db
fail() { echo "FAIL: $*"; exit 1; }
here=tests/export
# openpyxl from Debian: the python3 first on PATH may be another one.
py=python3
$py -c 'import openpyxl' 2>/dev/null || py=/usr/bin/python3
$py -c 'import openpyxl' || fail "python3-openpyxl is not installed"

"$KESU" form run $here/export.md --answers $here/answers.csv --save >/dev/null ||
    fail "form run --save exited $?"
printf 'age,sex,edu,comment\n50,1,primary,=SUM(A1)\n' >"$t/formula.csv"
"$KESU" form run $here/export.md --answers "$t/formula.csv" --save >/dev/null ||
    fail "form run (formula) exited $?"

"$KESU" export --format xlsx -o "$t/out.xlsx" || fail "export xlsx exited $?"
"$KESU" export --format xlsx --values codes --lang en -o "$t/codes.xlsx" ||
    fail "export xlsx --values codes exited $?"
$py - "$t/out.xlsx" "$t/codes.xlsx" <<'PY' || fail "xlsx contents"
import datetime, sys
import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == ["data", "variables", "choices"], wb.sheetnames
rows = list(wb["data"].iter_rows(values_only=True))
head = list(rows[0])
assert head[:8] == ["id", "status", "interviewer", "started", "ended",
                    "duration", "form_id", "version"], head
assert len(rows) == 5, len(rows)
r = [dict(zip(head, x)) for x in rows[1:]]
# Numbers are numbers, empty is empty.
assert r[0]["age"] == 45 and isinstance(r[0]["age"], int), repr(r[0]["age"])
assert r[0]["income"] == 12.5, repr(r[0]["income"])
assert r[1]["income"] is None and r[1]["kids"] is None, r[1]
# Labels in the form's default language (Chinese), select_multiple too.
assert (r[0]["sex"], r[0]["edu"]) == ("男", "大学"), (r[0]["sex"], r[0]["edu"])
assert r[0]["media"] == "电视; 互联网", repr(r[0]["media"])
assert (r[0]["media_tv"], r[0]["media_radio"], r[0]["media_internet"]) == (1, 0, 1)
assert r[2]["comment"] == "中文, 逗号", repr(r[2]["comment"])
assert r[0]["comment"] == 'He said "no", then left\nsecond line', repr(r[0]["comment"])
# A value that looks like a formula is text, never a formula.
assert r[3]["comment"] == "=SUM(A1)", repr(r[3]["comment"])
assert wb["data"].cell(row=5, column=head.index("comment") + 1).data_type == "s"
# Dates are Excel dates; date-times keep the wall-clock time as recorded.
assert r[0]["visit"] == datetime.datetime(2026, 11, 20), repr(r[0]["visit"])
assert r[2]["visit"] == datetime.datetime(2024, 2, 29), repr(r[2]["visit"])
assert isinstance(r[0]["started"], datetime.datetime), repr(r[0]["started"])
assert r[0]["started"].hour == 10, r[0]["started"]
assert wb["data"].cell(row=2, column=head.index("visit") + 1).number_format.startswith("yyyy-mm-dd")
# Variables: name, label, type, sheet; the record columns labelled in
# the export language (the form's default, Chinese).
v = {x[0]: x for x in list(wb["variables"].iter_rows(values_only=True))[1:]}
assert list(wb["variables"].iter_rows(values_only=True))[0] == ("name", "label", "type", "sheet")
assert v["age"][1:] == ("年龄", "integer", "data"), v["age"]
assert v["sex"][1:] == ("性别", "select_one sex", "data"), v["sex"]
assert v["media_tv"][1] == "信息来源: 电视", v["media_tv"]
assert v["id"][1] == "记录编号", v["id"]
# Choices: list, code, name, label.
c = list(wb["choices"].iter_rows(values_only=True))
assert c[0] == ("list_name", "code", "name", "label"), c[0]
assert ("edu", 3, "college", "大学") in c, c
assert ("sex", 2, "2", "女") in c, c

wb = openpyxl.load_workbook(sys.argv[2])
rows = list(wb["data"].iter_rows(values_only=True))
r = [dict(zip(rows[0], x)) for x in rows[1:]]
assert (r[0]["sex"], r[0]["edu"]) == (1, 3), (r[0]["sex"], r[0]["edu"])
assert r[0]["media"] == "tv internet", repr(r[0]["media"])
v = {x[0]: x for x in list(wb["variables"].iter_rows(values_only=True))[1:]}
assert v["age"][1] == "Age" and v["id"][1] == "record ID", (v["age"], v["id"])
PY
"$KESU" export --format xlsx --values names -o "$t/x.xlsx" 2>/dev/null
[ $? = 64 ] || fail "--values names: not 64"
exit 0
