# A form file named in upper case (TWIN.XLSX, as Windows often saves it)
# loads the same way everywhere a record's stored form is read: form run
# stores records, and review --list, review --summary, show and export
# read them.
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db
fail() { echo "FAIL: $*"; exit 1; }
cp tests/fixtures/twin.xlsx "$t/TWIN.XLSX"
printf '1234\n' | "$KESU" user add wang --role supervisor --pin-stdin || fail "user add"
cp tests/scenarios/scen-twin-xlsx/answers.txt "$t/answers" || fail "answers"
printf '1234\n' | "$KESU" form run "$t/TWIN.XLSX" --answers "$t/answers" --save --as wang --pin-stdin >/dev/null ||
    fail "form run"
as() { printf '1234\n' | "$KESU" "$@" --as wang --pin-stdin >"$t/out" 2>"$t/err" || fail "$*: exit $?: $(cat "$t/err")"; }
as review --list
grep -q " completed" "$t/out" || fail "review --list: $(cat "$t/out")"
as review --summary
grep -q "^wang" "$t/out" || fail "review --summary: $(cat "$t/out")"
as export --format csv -o "$t/x.csv"
[ "$(wc -l <"$t/x.csv")" -ge 2 ] || fail "export"
exit 0
