# An interviewer learns nothing of others' records: `show PREFIX` of
# another's record, or a prefix only others' records share, answers
# exactly as for an unknown ID (66, same message), naming no full ID and
# no owner; `interview --resume` of another's draft likewise.  A
# supervisor still finds every record and sees ambiguous candidates.
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db
fail() { echo "FAIL: $*"; exit 1; }
form=tests/forms/scen-validate.md
IN() { printf '%b' "$1"; }

IN '1111\n' | "$KESU" user add li --role supervisor --pin-stdin || fail "add li"
IN '1111\n2222\n' | "$KESU" user add wang --role interviewer --as li --pin-stdin || fail "add wang"
IN '1111\n3333\n' | "$KESU" user add zhao --role interviewer --as li --pin-stdin || fail "add zhao"
# 17 records of zhao's: two of them share a first hex digit.
{ echo "name,age"; for i in $(seq 17); do echo "p$i,30"; done; } >"$t/many.csv"
IN '3333\n' | "$KESU" form run "$form" --answers "$t/many.csv" --save --as zhao --pin-stdin >/dev/null ||
    fail "zhao's records"
IN '2222\n' | "$KESU" form run "$form" --answers tests/scenarios/scen-valid/answers.txt --save --as wang \
    --pin-stdin >/dev/null || fail "wang's record"
ids=$(sqlite3 "$KESU_DB" "SELECT uuid FROM records WHERE interviewer = 'zhao' ORDER BY uuid")
mine=$(sqlite3 "$KESU_DB" "SELECT uuid FROM records WHERE interviewer = 'wang'")
one=$(echo "$ids" | head -1)

# show PREFIX as wang, of zhao's record: as unknown.
wang_show() { IN '2222\n' | "$KESU" show "$1" --as wang --pin-stdin >"$t/out" 2>"$t/err"; }
wang_show "${one:0:8}"; rc=$?
[ "$rc" = 66 ] || fail "show of zhao's record as wang exited $rc: $(cat "$t/err")"
[ "$(cat "$t/err")" = "kesu: $KESU_DB: no record '${one:0:8}'" ] || fail "message: $(cat "$t/err")"
[ -s "$t/out" ] && fail "printed: $(cat "$t/out")"
wang_show ffffffff-ffff; rc=$?
[ "$rc" = 66 ] || fail "unknown id exited $rc"
[ "$(cat "$t/err")" = "kesu: $KESU_DB: no record 'ffffffff-ffff'" ] || fail "unknown: $(cat "$t/err")"
# A prefix only zhao's records share: not "ambiguous", no candidates.
c=$(echo "$ids" | cut -c1 | sort | uniq -d | while read -r x; do
	case $mine in "$x"*) ;; *) echo "$x"; break ;; esac; done)
[ -n "$c" ] || fail "no shared digit"
wang_show "$c"; rc=$?
[ "$rc" = 66 ] || fail "shared prefix '$c' exited $rc: $(cat "$t/err")"
[ "$(cat "$t/err")" = "kesu: $KESU_DB: no record '$c'" ] || fail "shared: $(cat "$t/err")"
grep -q zhao "$t/err" && fail "owner named"
# wang's own record, by its prefix.
wang_show "${mine:0:6}" || fail "wang's own record: $(cat "$t/err")"
grep -q "$mine" "$t/out" || fail "own record not shown"
# The supervisor: every record, and the candidates of an ambiguous prefix.
IN '1111\n' | "$KESU" show "${one:0:8}" --as li --pin-stdin >/dev/null || fail "li show"
IN '1111\n' | "$KESU" show "$c" --as li --pin-stdin >/dev/null 2>"$t/err"
[ $? = 64 ] || fail "li ambiguous"
grep -q "matches several records" "$t/err" || fail "li candidates: $(cat "$t/err")"

# interview --resume of zhao's draft, as wang: as unknown.
sqlite3 "$KESU_DB" "UPDATE records SET status = 'draft' WHERE uuid = '$one'"
IN '2222\n' | "$KESU" interview --form "$form" --resume "${one:0:8}" --as wang --pin-stdin \
    >"$t/out" 2>"$t/err"; rc=$?
[ "$rc" = 66 ] || fail "resume of zhao's draft exited $rc: $(cat "$t/err")"
[ "$(cat "$t/err")" = "kesu: $KESU_DB: no record '${one:0:8}'" ] || fail "resume: $(cat "$t/err")"
echo ok
