# kesu form run --save, then list and show: the record's XML is the one
# printed, byte for byte; csv starts with the fixed columns and goes on
# with the calculate fields; IDs by prefix; statuses; who sees what.
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db
fail() { echo "FAIL: $*"; exit 1; }
form=forms/science-literacy.csv

"$KESU" form run "$form" --answers forms/examples/literate.txt --save >"$t/run.xml" ||
    fail "form run --save exited $?"
id=$("$KESU" list --format csv | sed -n '2s/,.*//p')
[ -n "$id" ] || fail "no record listed"
"$KESU" show "${id:0:8}" >"$t/show" || fail "show exited $?"
# The instance as stored is the instance as printed.
grep -F -x -f "$t/run.xml" "$t/show" >/dev/null || fail "show's XML differs from form run's"
grep -q "^status  *completed" "$t/show" || fail "status"
grep -q "draft -> completed" "$t/show" || fail "history"
grep -q "^paradata:" "$t/show" || fail "paradata"

"$KESU" list --format csv >"$t/list.csv"
head -1 "$t/list.csv" | grep -q '^id,status,interviewer,started,form_id,version,' || fail "csv header: $(head -1 "$t/list.csv")"
for col in score_total literate; do
	head -1 "$t/list.csv" | tr , '\n' | grep -qx "$col" || fail "no $col column"
done
# The literate example scores as literate.
n=$(head -1 "$t/list.csv" | tr , '\n' | grep -nx literate | cut -d: -f1)
[ "$(sed -n 2p "$t/list.csv" | cut -d, -f"$n")" = 1 ] || fail "literate is not 1"
"$KESU" list --format json | python3 -c 'import json,sys; r=json.load(sys.stdin); assert r[0]["literate"]=="1" and r[0]["status"]=="completed", r' ||
    fail "json"
"$KESU" list >"$t/table" || fail "table"
[ "$(wc -l <"$t/table")" = 2 ] || fail "table rows"

# Enough records that two share a first character.
for i in $(seq 16); do
	"$KESU" form run "$form" --answers forms/examples/all-correct.txt --save >/dev/null ||
	    fail "run $i"
done
[ "$("$KESU" list --format csv | wc -l)" = 18 ] || fail "17 records expected"
p=$("$KESU" list --format csv | sed 1d | cut -c1 | sort | uniq -d | head -1)
"$KESU" show "$p" >/dev/null 2>"$t/err"
[ $? = 64 ] || fail "ambiguous prefix: not 64"
[ "$(grep -o "$p[0-9a-f-]\{35\}" "$t/err" | wc -l)" -ge 2 ] || fail "candidates not named: $(cat "$t/err")"
"$KESU" show 00000000-0000-4000-8000-000000000000 >/dev/null 2>&1
[ $? = 66 ] || fail "unknown id: not 66"
[ "$("$KESU" list --status draft --format csv | wc -l)" = 1 ] || fail "--status draft"
"$KESU" list --status nonsense >/dev/null 2>&1
[ $? = 64 ] || fail "bad status: not 64"

# With users: --as is needed, and an interviewer sees only their own.
printf '1111\n' | "$KESU" user add li --role supervisor --pin-stdin || fail "add li"
printf '1111\n2222\n' | "$KESU" user add wang --role interviewer --as li --pin-stdin || fail "add wang"
"$KESU" form run "$form" --answers forms/examples/literate.txt --save >/dev/null 2>&1
[ $? = 77 ] || fail "--save without --as on a database with users"
printf '2222\n' | "$KESU" form run "$form" --answers forms/examples/literate.txt --save --as wang --pin-stdin >/dev/null ||
    fail "--save --as wang"
[ "$(printf '2222\n' | "$KESU" list --as wang --pin-stdin --format csv | wc -l)" = 2 ] || fail "wang sees others' records"
[ "$(printf '1111\n' | "$KESU" list --as li --pin-stdin --format csv | wc -l)" = 19 ] || fail "li sees all"
printf '2222\n' | "$KESU" show "$id" --as wang --pin-stdin >/dev/null 2>&1
[ $? = 66 ] || fail "wang may show another's record"
echo ok
