# A record collected with the previous questionnaire (version 2026112801)
# stays readable after the new version is loaded: kesu show gives its
# instance XML byte for byte, with its own version, even once the old form
# file is gone (the database keeps each form version's source).
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db
fail() { echo "FAIL: $*"; exit 1; }
old=tests/forms/science-literacy-2026112801.csv
new=forms/science-literacy.csv
cp "$old" "$t/old.csv" || fail "copy"
"$KESU" form run "$t/old.csv" --answers tests/forms/science-literacy-2026112801.txt \
    --save >"$t/old.xml" || fail "old form run exited $?"
grep -q 'version="2026112801"' "$t/old.xml" || fail "old instance: $(head -c 300 "$t/old.xml")"
oid=$("$KESU" list --format csv | sed -n '2s/,.*//p')
[ -n "$oid" ] || fail "no old record"
rm -f "$t/old.csv"

"$KESU" form run "$new" --answers forms/examples/literate.txt --save >"$t/new.xml" ||
    fail "new form run exited $?"
nv=$(sed -n 's/.*<data id="[^"]*" version="\([0-9]*\)".*/\1/p' "$t/new.xml")
[ -n "$nv" ] && [ "$nv" != 2026112801 ] || fail "new version is '$nv'"

"$KESU" show "$oid" >"$t/show" || fail "show of the old record exited $?"
grep -F -x -f "$t/old.xml" "$t/show" >/dev/null || fail "show's XML differs from the old run's"
grep -q "^status  *completed" "$t/show" || fail "status: $(cat "$t/show")"
# The old record keeps its own answers: no resident field, its scores.
grep -q '<resident>' "$t/show" && fail "old record shows a field of the new version"
grep -q '<score_total>83</score_total>' "$t/show" || fail "old score"

# list shows both versions, each record with its own version and score.
"$KESU" list --format csv >"$t/list.csv" || fail "list"
v=$(head -1 "$t/list.csv" | tr , '\n' | grep -nx version | cut -d: -f1)
s=$(head -1 "$t/list.csv" | tr , '\n' | grep -nx score_total | cut -d: -f1)
[ "$(grep "^$oid," "$t/list.csv" | cut -d, -f"$v","$s")" = "2026112801,83" ] ||
    fail "old record in list: $(cat "$t/list.csv")"
[ "$(sed 1d "$t/list.csv" | cut -d, -f"$v" | sort -u | wc -l)" = 2 ] ||
    fail "two versions expected: $(cat "$t/list.csv")"
echo ok
