# make run's first-run demo (build-aux/demo): a database of its own with
# a supervisor and the three interviewers the bundled sample names, and
# forms/examples/sample.csv loaded, so an interviewer's home lists their
# households; a second run keeps the database as it is.
set -u
t=$TMPDIR_TEST
fail() { echo "FAIL: $*"; exit 1; }
db=$t/demo.db
build-aux/demo "$KESU" "$db" >"$t/out" || fail "demo exited $?"
grep -q "li, zhao, chen" "$t/out" || fail "demo says: $(cat "$t/out")"
printf '2222\n' | "$KESU" --db "$db" sample list --format csv --as li --pin-stdin >"$t/li.csv" ||
    fail "li's households"
[ "$(sed 1d "$t/li.csv" | wc -l)" = 100 ] || fail "li has $(sed 1d "$t/li.csv" | wc -l) households"
printf '2222\n' | "$KESU" --db "$db" sample visit H0001 --disposition nobody_home --as li --pin-stdin >/dev/null ||
    fail "visit"
build-aux/demo "$KESU" "$db" >"$t/out" || fail "second demo exited $?"
printf '1111\n' | "$KESU" --db "$db" sample list --format csv --as wang --pin-stdin >"$t/all.csv" ||
    fail "all households"
[ "$(sed 1d "$t/all.csv" | wc -l)" = 300 ] || fail "$(sed 1d "$t/all.csv" | wc -l) households"
grep -q '^H0001,.*,revisit,1,' "$t/all.csv" || fail "the second run changed the database: $(grep H0001 "$t/all.csv")"
echo ok
