# Small promises: `export -o -` writes to stdout (no file named "-");
# export without -o or --format says which is missing; a headless
# `form run --save` fills deviceid as the screen does; a record's stored
# start is its instance's <start> to the millisecond.
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db XDG_CONFIG_HOME=$t/config
unset KESU_NOW   # the real clock: milliseconds that differ
fail() { echo "FAIL: $*"; exit 1; }
form=forms/science-literacy.csv
cp forms/examples/literate.txt "$t/ans"
"$KESU" form run $form --answers "$t/ans" --save >"$t/xml" || fail "form run"
grep -q "<deviceid>kesu:[0-9a-f-]*</deviceid>" "$t/xml" || fail "no deviceid: $(cat "$t/xml")"
grep -qF "$(cat "$t/config/kesu/deviceid")" "$t/xml" || fail "not this laptop's deviceid"
start=$(sed -n 's/.*<start>\([^<]*\)<.*/\1/p' "$t/xml")
"$KESU" list --format csv >"$t/list" || fail "list"
stored=$(sed -n '2p' "$t/list" | cut -d, -f4)
[ -n "$start" ] && [ "$stored" = "$start" ] || fail "stored start $stored, instance <start> $start"

cd "$t"
"$KESU" export --format csv -o - >"$t/stdout.csv" || fail "export -o -"
[ -e "$t/-" ] && fail "export -o - wrote a file named '-'"
grep -q "^id,status" "$t/stdout.csv" || fail "export -o -: $(head -2 "$t/stdout.csv")"
[ "$(wc -l <"$t/stdout.csv")" = 2 ] || fail "export -o -: $(cat "$t/stdout.csv")"
"$KESU" export --format csv >/dev/null 2>"$t/err"; rc=$?
[ $rc = 64 ] || fail "export without -o: exit $rc"
grep -q -- "-o FILE" "$t/err" || fail "export without -o: $(cat "$t/err")"
grep -q "missing\|needs" "$t/err" || fail "export without -o does not say what is missing: $(cat "$t/err")"
"$KESU" export -o x.csv >/dev/null 2>"$t/err"; rc=$?
[ $rc = 64 ] || fail "export without --format: exit $rc"
grep -q -- "--format" "$t/err" || fail "export without --format: $(cat "$t/err")"
exit 0
