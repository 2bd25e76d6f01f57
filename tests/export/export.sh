# kesu export: records made with `form run --save`, exported as CSV,
# Stata and SPSS, and read back with ReadStat's own tools (readstat for
# the values, extract_metadata for the labels): values, variable and
# value labels (Chinese and English), select_multiple 0/1 columns,
# missing values, RFC 4180 quoting; an empty database; a folder that
# takes no file; roles.
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db
fail() { echo "FAIL: $*"; exit 1; }
here=tests/export
form=$here/export.md

"$KESU" form run "$form" --answers "$here/answers.csv" --save >/dev/null ||
    fail "form run --save exited $?"

# ---- CSV -------------------------------------------------------------
"$KESU" export --format csv -o "$t/out.csv" || fail "export csv exited $?"
[ "$(head -c 3 "$t/out.csv" | od -An -tx1 | tr -d ' ')" != efbbbf ] || fail "BOM without --bom"
python3 - "$t/out.csv" <<'PY' || fail "csv contents"
import csv, sys
raw = open(sys.argv[1], "rb").read()
assert raw.endswith(b"\r\n"), "rows end in CRLF"
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
head = rows[0]
want = ("id,status,interviewer,started,ended,duration,form_id,version,start,"
        "age,sex,edu,kids,media,media_tv,media_radio,media_internet,comment,"
        "income,older,double_age,visit").split(",")
assert head == want, head
assert len(rows) == 4, len(rows)
r = [dict(zip(head, x)) for x in rows[1:]]
assert all(len(x) == len(head) for x in rows), "ragged rows"
assert r[0]["comment"] == 'He said "no", then left\nsecond line', repr(r[0]["comment"])
assert r[2]["comment"] == "中文, 逗号"
assert (r[0]["age"], r[0]["sex"], r[0]["edu"]) == ("45", "1", "college")
assert r[0]["media"] == "tv internet"
assert (r[0]["media_tv"], r[0]["media_radio"], r[0]["media_internet"]) == ("1", "0", "1")
assert (r[1]["media_tv"], r[1]["media_radio"], r[1]["media_internet"]) == ("0", "1", "0")
# No choice given: the 0/1 columns are empty, not 0.
assert (r[2]["media"], r[2]["media_tv"], r[2]["media_radio"]) == ("", "", ""), r[2]
# kids is not relevant under 30: empty.
assert r[1]["kids"] == "" and r[0]["kids"] == "2" and r[2]["kids"] == "0"
assert r[1]["income"] == ""
assert r[0]["older"] == "yes" and r[0]["double_age"] == "90"
assert [x["visit"] for x in r] == ["2026-11-20", "", "2024-02-29"]
assert all(x["status"] == "completed" and x["form_id"] == "export_test"
           and x["version"] == "2026120301" for x in r)
assert r[0]["started"] == "2026-11-28T10:00:00.000+08:00", r[0]["started"]
assert len(r[0]["id"]) == 36
PY
"$KESU" export --format csv --bom -o "$t/bom.csv" || fail "export --bom exited $?"
[ "$(head -c 3 "$t/bom.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "no BOM with --bom"
[ "$(tail -c +4 "$t/bom.csv" | cmp - "$t/out.csv" && echo same)" = same ] || fail "--bom changes more than the BOM"

# ---- Stata and SPSS, read back by ReadStat ----------------------------
check_stat() { # FILE LANG
	readstat "$1" - >"$1.csv" || fail "readstat $1 exited $?"
	extract_metadata "$1" "$1.json" >/dev/null 2>&1 || fail "extract_metadata $1"
	python3 - "$1" "$2" <<'PY' || fail "$1 contents"
import csv, json, sys
path, lang = sys.argv[1], sys.argv[2]
rows = list(csv.reader(open(path + ".csv", newline="", encoding="utf-8")))
head = rows[0]
assert head[8:] == ("start,age,sex,edu,kids,media,media_tv,media_radio,"
    "media_internet,comment,income,older,double_age,visit").split(","), head
r = [dict(zip(head, x)) for x in rows[1:]]
assert len(r) == 3, len(r)
num = lambda v: None if v == "" else float(v)
assert [num(x["age"]) for x in r] == [45, 25, 33]
# sex: numeric choice names are the codes; edu: positions 1, 2, 3.
assert [num(x["sex"]) for x in r] == [1, 2, 2]
assert [num(x["edu"]) for x in r] == [3, 1, 2]
assert [num(x["kids"]) for x in r] == [2, None, 0], [x["kids"] for x in r]
assert [num(x["income"]) for x in r] == [12.5, None, 3]
assert [num(x["media_tv"]) for x in r] == [1, 0, None]
assert [num(x["media_internet"]) for x in r] == [1, 0, None]
assert r[0]["media"] == "tv internet"
assert r[0]["comment"] == 'He said "no", then left\nsecond line', repr(r[0]["comment"])
assert r[2]["comment"] == "中文, 逗号"
assert [x["older"] for x in r] == ["yes", "no", "no"]
assert [num(x["double_age"]) for x in r] == [90, 50, 66]
# Dates are dates: Stata days since 1960-01-01, SPSS seconds since
# 1582-10-14 (readstat prints the numbers); a missing one is empty.
import datetime
def day(v):
    if v == "":
        return ""
    if path.endswith(".dta"):
        return str(datetime.date(1960, 1, 1) + datetime.timedelta(days=float(v)))
    return str(datetime.date(1582, 10, 14) + datetime.timedelta(seconds=float(v)))
assert [day(x["visit"]) for x in r] == ["2026-11-20", "", "2024-02-29"], [x["visit"] for x in r]
# Date-times are date-times: Stata ms since 1960-01-01 00:00, SPSS
# seconds since 1582-10-14 00:00, the wall-clock time as recorded
# (10:00 at +08:00 stays 10:00).
def when(v):
    if path.endswith(".dta"):
        t = datetime.datetime(1960, 1, 1) + datetime.timedelta(milliseconds=round(float(v)))
    else:
        t = datetime.datetime(1582, 10, 14) + datetime.timedelta(milliseconds=round(float(v) * 1000))
    return t.isoformat(timespec="milliseconds")
for n in ("started", "ended", "start"):
    assert [when(x[n]) for x in r] == ["2026-11-28T10:00:00.000"] * 3, (n, [x[n] for x in r])
meta = {v["name"]: v for v in json.load(open(path + ".json"))["variables"]}
# (extract_metadata names SPSS's DATETIME; Stata's %tc is read below.)
for n in ("started", "ended", "start"):
    assert meta[n]["type"] == "NUMERIC", (n, meta[n])
    assert path.endswith(".dta") or meta[n]["format"] == "DATE_TIME", (n, meta[n])
lab = lambda n: meta[n].get("label")
cats = lambda n: {c["code"]: c["label"] for c in meta[n].get("categories", [])}
if lang == "zh":
    assert lab("age") == "年龄" and lab("edu") == "文化程度", lab("age")
    assert lab("media_tv") == "信息来源: 电视", lab("media_tv")
    assert cats("sex") == {1: "男", 2: "女"}, cats("sex")
    assert cats("edu") == {1: "小学", 2: "中学", 3: "大学"}, cats("edu")
else:
    assert lab("age") == "Age" and lab("kids") == "Children"
    assert lab("media_radio") == "News sources: Radio", lab("media_radio")
    assert cats("sex") == {1: "Male", 2: "Female"}, cats("sex")
    assert cats("edu")[3] == "College"
for n in ("age", "sex", "edu", "kids", "income", "media_tv", "double_age", "duration", "visit"):
    assert meta[n]["type"] == "NUMERIC", (n, meta[n])
for n in ("id", "media", "comment", "older"):
    assert meta[n]["type"] == "STRING", (n, meta[n])
assert "categories" not in meta["media_tv"] and "categories" not in meta["age"]
assert meta["visit"]["format"] in ("DATE", "DATE_TIME"), meta["visit"]
assert meta["age"]["format"] not in ("DATE", "DATE_TIME")
# SPSS display formats follow the data: F8.0 for whole numbers, the
# data's decimals otherwise (no more F8.2 for all).
if path.endswith(".sav"):
    for n in ("age", "kids", "double_age", "duration"):
        assert meta[n].get("decimals", 0) == 0, (n, meta[n])
    assert meta["income"].get("decimals") == 1, meta["income"]
PY
}
"$KESU" export --format dta -o "$t/out.dta" || fail "export dta exited $?"
check_stat "$t/out.dta" zh
# Storage types as Stata reads them (format 118: <variable_types>, one
# uint16 per variable: 1-2045 strN, 32768 strL, 65526 double, 65528
# long, 65530 byte): strings exactly as wide as their longest value.
dta_types() {
	python3 - "$1" <<'PY'
import struct, sys
b = open(sys.argv[1], "rb").read()
k = b.index(b"<K>") + 3
K = struct.unpack("<H", b[k:k + 2])[0]
t = b.index(b"<variable_types>") + len(b"<variable_types>")
n = b.index(b"<varnames>") + len(b"<varnames>")
for i, ty in enumerate(struct.unpack("<%dH" % K, b[t:t + 2 * K])):
    print(b[n + 129 * i:n + 129 * (i + 1)].split(b"\0")[0].decode(), ty)
PY
}
dta_types "$t/out.dta" >"$t/types" || fail "reading .dta types"
for want in "id 36" "status 9" "media 11" "comment 35" "older 3" "age 65526" \
    "sex 65528" "edu 65528" "media_tv 65530" "duration 65526" "visit 65526"; do
	grep -qx "$want" "$t/types" || fail "dta type: want $want, have $(grep "^${want% *} " "$t/types")"
done
python3 - "$t/out.dta" <<'PY' || fail "visit is not %td in Stata"
import struct, sys
b = open(sys.argv[1], "rb").read()
k = b.index(b"<K>") + 3
K = struct.unpack("<H", b[k:k + 2])[0]
f = b.index(b"<formats>") + len(b"<formats>")
fmts = [b[f + 57 * i:f + 57 * (i + 1)].split(b"\0")[0] for i in range(K)]
assert fmts[-1] == b"%td", fmts[-1]
assert fmts[3] == fmts[4] == fmts[8] == b"%tc", fmts[3:9]
PY
"$KESU" export --format sav -o "$t/out.sav" || fail "export sav exited $?"
check_stat "$t/out.sav" zh
"$KESU" export --format dta --lang en -o "$t/en.dta" || fail "export dta --lang en exited $?"
check_stat "$t/en.dta" en
"$KESU" export --format sav --lang en -o "$t/en.sav" || fail "export sav --lang en exited $?"
check_stat "$t/en.sav" en
# R's foreign (when installed) reads them as date-times too.
if command -v Rscript >/dev/null && Rscript -e 'library(foreign)' >/dev/null 2>&1; then
	Rscript -e 'library(foreign); a <- commandArgs(TRUE)
	d <- read.dta(a[1]); s <- read.spss(a[2], to.data.frame = TRUE)
	w <- "2026-11-28 10:00:00"
	stopifnot(inherits(d$started, "POSIXct"), format(d$started, tz = "GMT") == w,
	    format(d$start, tz = "GMT") == w,
	    format(ISOdatetime(1582, 10, 14, 0, 0, 0, tz = "GMT") + s$started, tz = "GMT") == w)' \
	    "$t/out.dta" "$t/out.sav" >/dev/null 2>"$t/err" || fail "R foreign: $(cat "$t/err")"
	echo "R foreign: read back"
fi

# ---- which records and forms ---------------------------------------------
"$KESU" export --format csv --status approved -o "$t/approved.csv" || fail "--status approved"
[ "$(wc -l <"$t/approved.csv")" = 1 ] || fail "--status approved: not header-only"
"$KESU" export --format csv --status completed,approved --form export_test -o "$t/c.csv" ||
    fail "--status completed,approved --form"
cmp -s "$t/c.csv" "$t/out.csv" || fail "--status completed,approved differs"
"$KESU" export --format csv --status draft -o "$t/x.csv" 2>"$t/err"
[ $? = 64 ] || fail "--status draft: not 64"
"$KESU" export --format csv --status nonsense -o "$t/x.csv" 2>/dev/null
[ $? = 64 ] || fail "--status nonsense: not 64"
"$KESU" export --format csv --form nosuchform -o "$t/x.csv" 2>"$t/err"
[ $? = 66 ] || fail "--form nosuchform: not 66"
grep -q nosuchform "$t/err" || fail "--form message: $(cat "$t/err")"
"$KESU" export --format csv --lang fr -o "$t/x.csv" 2>/dev/null
[ $? = 64 ] || fail "--lang fr: not 64"
"$KESU" export --format xls -o "$t/x.csv" 2>/dev/null
[ $? = 64 ] || fail "--format xls: not 64"
"$KESU" export --format csv 2>/dev/null
[ $? = 64 ] || fail "no -o: not 64"
[ ! -e "$t/x.csv" ] || fail "a failed export left a file"
"$KESU" export --help | grep -q -- "--format csv|xlsx|dta|sav" || fail "--help"

# A newer version of the form: its records and the old ones go out
# together against the newest version (the new field empty for old ones).
sed -e 's/2026120301/2026120302/' \
    -e 's/^| | note | bye |/| | integer | rooms | 房间数 | Rooms | | |\n| | note | bye |/' \
    "$form" >"$t/export.md"
printf 'age,sex,edu,media,rooms\n50,1,middle,tv,4\n' >"$t/v2.csv"
"$KESU" form run "$t/export.md" --answers "$t/v2.csv" --save >/dev/null || fail "v2 run"
"$KESU" export --format csv -o "$t/v2out.csv" || fail "export v2"
python3 - "$t/v2out.csv" <<'PY' || fail "two versions"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
head = rows[0]; r = [dict(zip(head, x)) for x in rows[1:]]
assert head[-1] == "rooms" and len(r) == 4, (head, len(r))
assert [x["rooms"] for x in r] == ["", "", "", "4"]
assert [x["version"] for x in r] == ["2026120301"] * 3 + ["2026120302"]
PY

# ---- the file is written whole or not at all ------------------------------
echo precious >"$t/keep.csv"
"$KESU" export --format csv --lang fr -o "$t/keep.csv" 2>/dev/null
[ "$(cat "$t/keep.csv")" = precious ] || fail "a failed export touched the existing file"
mkdir -p "$t/rw" "$t/ro"
if mount --bind -o ro "$t/rw" "$t/ro" 2>/dev/null; then
	ro=$t/ro how="read-only bind mount"
elif chattr +i "$t/rw" 2>/dev/null; then
	ro=$t/rw how="immutable folder"
elif [ "$(id -u)" != 0 ]; then
	chmod 555 "$t/rw"; ro=$t/rw how="folder mode 555"
else
	ro=""
fi
if [ -n "$ro" ]; then
	"$KESU" export --format dta -o "$ro/out.dta" 2>"$t/err"
	rc=$?
	umount "$t/ro" 2>/dev/null; chattr -i "$t/rw" 2>/dev/null; chmod 755 "$t/rw"
	[ $rc = 73 ] || fail "read-only folder: exit $rc, not 73"
	grep -q "cannot create a file in" "$t/err" || fail "read-only message: $(cat "$t/err")"
	[ "$(wc -l <"$t/err")" = 1 ] || fail "read-only: not one line"
	[ -z "$(ls -A "$t/rw")" ] || fail "read-only: left $(ls -A "$t/rw")"
	echo "read-only: $how"
else
	echo "read-only: no way to make a read-only folder here"
fi
# A damaged record midway: the export fails (74), naming it; the file
# from before stays as it was and no temporary file is left.
cp "$KESU_DB" "$t/bad.db"
sqlite3 "$t/bad.db" "UPDATE records SET xml_crc = xml_crc + 1 WHERE id = (SELECT id FROM records ORDER BY started, id LIMIT 1 OFFSET 2)" ||
    fail "damaging a record"
for f in csv dta sav; do
	cp "$t/out.$f" "$t/before.$f"
	KESU_DB=$t/bad.db "$KESU" export --format $f -o "$t/out.$f" 2>"$t/err"
	rc=$?
	[ $rc = 74 ] || fail "damaged record, $f: exit $rc, not 74"
	grep -q "uuid:" "$t/err" || fail "damaged record not named: $(cat "$t/err")"
	cmp -s "$t/out.$f" "$t/before.$f" || fail "a failed $f export changed the existing file"
done
[ "$(ls -A "$t" | grep -c '^\.')" = 0 ] || fail "temporary file left after a failure: $(ls -A "$t")"

# A folder where FILE should be: refused, nothing left behind.
mkdir "$t/adir"
"$KESU" export --format csv -o "$t/adir" 2>/dev/null
[ $? = 73 ] || fail "-o onto a folder: not 73"
[ "$(ls -A "$t" | grep -c '^\.')" = 0 ] || fail "temporary file left: $(ls -A "$t")"

# ---- a long answer: Stata strL (past 2045 bytes), SPSS long string -----------
python3 -c 'print("age,comment"); print("41," + "长" * 3000 + "x")' >"$t/long.csv"
KESU_DB=$t/long.db "$KESU" form run "$form" --answers "$t/long.csv" --save >/dev/null || fail "long run"
for f in dta sav; do
	KESU_DB=$t/long.db "$KESU" export --format $f -o "$t/long.$f" || fail "long $f exited $?"
	readstat "$t/long.$f" - >"$t/long.$f.csv" || fail "readstat long.$f"
	python3 - "$t/long.$f.csv" <<'PY' || fail "long answer in $f"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
r = dict(zip(rows[0], rows[1]))
assert r["comment"] == "长" * 3000 + "x", len(r["comment"])
PY
done
dta_types "$t/long.dta" | grep -qx "comment 32768" || fail "long answer: not a strL"

# ---- a long Chinese title (72 bytes): SPSS keeps 64 bytes, cut at a
# character boundary (63); Stata's 80 characters keep it whole.
title=导出测试导出测试导出测试导出测试导出测试导出测试
sed "s/| 导出测试 |/| $title |/" "$form" >"$t/title.md"
KESU_DB=$t/title.db "$KESU" form run "$t/title.md" --answers "$here/answers.csv" --save >/dev/null ||
    fail "long title run"
for f in dta sav; do
	KESU_DB=$t/title.db "$KESU" export --format $f -o "$t/title.$f" || fail "long title $f"
	readstat "$t/title.$f" | sed -n 's/^Table label: //p' >"$t/title.$f.txt"
done
[ "$(cat "$t/title.dta.txt")" = "$title" ] || fail "dta title: $(cat "$t/title.dta.txt")"
[ "$(cat "$t/title.sav.txt")" = "${title:0:21}" ] || fail "sav title: $(cat -v "$t/title.sav.txt")"

# ---- an empty database: header-only files ---------------------------------
# (no database at all: 66, and no file written)
KESU_DB=$t/none.db "$KESU" export --format csv -o "$t/none.csv" 2>/dev/null; rc=$?
[ $rc = 66 ] || fail "no database: exit $rc"
[ -e "$t/none.csv" ] || [ -e "$t/none.db" ] && fail "no database: something was written"
: >"$t/empty.db"
KESU_DB=$t/empty.db "$KESU" export --format csv -o "$t/empty.csv" || fail "empty csv"
[ "$(cat "$t/empty.csv")" = "$(printf 'id,status,interviewer,started,ended,duration,form_id,version\r')" ] ||
    fail "empty csv: $(cat -A "$t/empty.csv")"
KESU_DB=$t/empty.db "$KESU" export --format dta -o "$t/empty.dta" || fail "empty dta"
readstat "$t/empty.dta" | grep -q "^Rows: 0" || fail "empty dta rows"
KESU_DB=$t/empty.db "$KESU" export --format sav -o "$t/empty.sav" || fail "empty sav"
readstat "$t/empty.sav" | grep -q "^Columns: 8" || fail "empty sav columns"

# ---- roles -----------------------------------------------------------------
printf '1111\n' | "$KESU" user add li --role supervisor --pin-stdin || fail "add li"
printf '1111\n2222\n' | "$KESU" user add wang --role interviewer --as li --pin-stdin || fail "add wang"
"$KESU" export --format csv -o "$t/r.csv" 2>"$t/err"
[ $? = 77 ] || fail "no --as on a database with users: not 77"
grep -q -- "--as" "$t/err" || fail "no --as: message $(cat "$t/err")"
printf '2222\n' | "$KESU" export --format csv -o "$t/r.csv" --as wang --pin-stdin 2>/dev/null
[ $? = 77 ] || fail "an interviewer exports"
printf '9999\n' | "$KESU" export --format csv -o "$t/r.csv" --as li --pin-stdin 2>/dev/null
[ $? = 77 ] || fail "a wrong PIN exports"
[ ! -e "$t/r.csv" ] || fail "a refused export wrote a file"
printf '1111\n' | "$KESU" export --format csv -o "$t/r.csv" --as li --pin-stdin || fail "supervisor export"
cmp -s "$t/r.csv" "$t/v2out.csv" || fail "supervisor export differs"
echo ok
