# A form with attachments (select_one_from_file, pulldata) stored with its
# records keeps its attachments too: from any other folder its records
# export, report, show and hand over by transfer file, though the form was
# given by a relative path and households.csv is not beside it there.
set -u
t=$TMPDIR_TEST
export KESU_CONFIG=$t/none.conf
fail() { echo "FAIL: $*"; exit 1; }
top=$PWD
A=$t/a.db B=$t/b.db

printf '1111\n' | "$KESU" --db "$A" user add wang --role supervisor --pin-stdin || fail "A: wang"
printf '1111\n2222\n' | "$KESU" --db "$A" user add li --role interviewer --as wang --pin-stdin || fail "A: li"
printf '9999\n' | "$KESU" --db "$B" user add zhao --role supervisor --pin-stdin || fail "B: zhao"
printf '9999\n8888\n' | "$KESU" --db "$B" user add li --role interviewer --as zhao --pin-stdin || fail "B: li"

(cd tests/scenarios/scen-attach && printf '2222\n' | "$KESU" --db "$A" form run \
    ../../forms/attach/scen-attach.md --answers answers.txt --save --as li --pin-stdin) \
    >/dev/null || fail "the interview was not saved"

mkdir -p "$t/elsewhere"
cd "$t/elsewhere" || fail "cd"
printf '1111\n' | "$KESU" --db "$A" export --format csv -o o.csv --as wang --pin-stdin \
    >"$t/out" 2>"$t/err" || fail "export exited $?: $(cat "$t/err")"
grep -q 'h003' o.csv || fail "the export lacks the household: $(cat o.csv)"
grep -q 'Li Wei\|h003' o.csv || fail "export: $(cat o.csv)"
id=$(sqlite3 "$A" "select uuid from records limit 1")
printf '1111\n' | "$KESU" --db "$A" show "$id" --as wang --pin-stdin >"$t/out" 2>"$t/err" ||
    fail "show exited $?: $(cat "$t/err")"
grep -q 'h003' "$t/out" || fail "show: $(cat "$t/out")"
printf '1111\n' | "$KESU" --db "$A" report --as wang --pin-stdin >"$t/out" 2>"$t/err"
grep -q 'no longer loads' "$t/err" && fail "report: $(cat "$t/err")"

# The transfer file carries the form's attachments with its source.
printf '2222\n' | "$KESU" --db "$A" transfer export -o "$t/li.kxf" --as li --pin-stdin \
    >"$t/out" 2>"$t/err" || fail "transfer export exited $?: $(cat "$t/err")"
printf '9999\n' | "$KESU" --db "$B" transfer import "$t/li.kxf" --as zhao --pin-stdin \
    >"$t/out" 2>"$t/err" || fail "transfer import exited $?: $(cat "$t/err")"
printf '9999\n' | "$KESU" --db "$B" export --format csv -o b.csv --as zhao --pin-stdin \
    >"$t/out" 2>"$t/err" || fail "export on B exited $?: $(cat "$t/err")"
grep -q 'h003' b.csv || fail "B's export: $(cat b.csv)"
cd "$top" || fail "cd"
echo ok
