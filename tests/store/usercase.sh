# User names compare without case: 'li' and 'LI' are one user.  Adding
# LI when li exists is refused (65); --as LI logs in as li, whose records
# then carry the name li; passwd and disable take any case.  A database
# holding names an older kesu let differ only by case keeps them: each
# logs in by its exact spelling, an in-between spelling is refused.
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db
fail() { echo "FAIL: $*"; exit 1; }
expect() { # expect RC CMD... (stdin from $IN)
	local want=$1; shift
	printf '%b' "${IN:-}" | "$@" >"$t/out" 2>"$t/err"
	local rc=$?
	[ "$rc" = "$want" ] || fail "$* exited $rc, expected $want: $(cat "$t/err")"
}
form=tests/forms/scen-validate.md
answers=tests/scenarios/scen-valid/answers.txt

IN='1234\n' expect 0 "$KESU" user add li --role supervisor --pin-stdin
IN='1234\n5678\n' expect 65 "$KESU" user add LI --role interviewer --as li --pin-stdin
grep -q "already exists" "$t/err" || fail "LI: $(cat "$t/err")"
IN='1234\n5678\n' expect 0 "$KESU" user add Wang --role interviewer --as LI --pin-stdin
IN='1234\n5678\n' expect 65 "$KESU" user add wANG --role interviewer --as Li --pin-stdin
[ "$(sqlite3 "$KESU_DB" "SELECT count(*) FROM users")" = 2 ] || fail "a case twin was added"
# --as in any case is the user; records carry the stored name.
IN='5678\n' expect 0 "$KESU" form run "$form" --answers "$answers" --save --as WANG --pin-stdin
[ "$(sqlite3 "$KESU_DB" "SELECT interviewer FROM records")" = Wang ] || fail "record's interviewer"
IN='5678\n' expect 0 "$KESU" list --as wang --pin-stdin --format csv
[ "$(wc -l <"$t/out")" = 2 ] || fail "wang does not see their record: $(cat "$t/out")"
id=$(sqlite3 "$KESU_DB" "SELECT uuid FROM records")
IN='5678\n' expect 0 "$KESU" show "${id:0:8}" --as wANg --pin-stdin
# Their own PIN, in another case; a supervisor's disable in another case.
IN='5678\n2468\n' expect 0 "$KESU" user passwd WANG --as wang --pin-stdin
IN='2468\n' expect 0 "$KESU" list --as Wang --pin-stdin
IN='1234\n' expect 0 "$KESU" user disable WANG --as LI --pin-stdin
IN='2468\n' expect 77 "$KESU" list --as Wang --pin-stdin
[ "$(sqlite3 "$KESU_DB" "SELECT who FROM audit WHERE action = 'user-disable'")" = li ] || fail "audit who"

# Twins an older kesu allowed (made here past the schema's trigger).
sqlite3 "$KESU_DB" "DROP TRIGGER users_name_case;
    INSERT INTO users (name, role, pin_hash, created) SELECT 'LI', 'interviewer', pin_hash, 0 FROM users WHERE name = 'li'"
IN='1234\n' expect 0 "$KESU" user list --as li --pin-stdin
grep -q "^LI  *interviewer" "$t/out" || fail "twin not listed: $(cat "$t/out")"
IN='1234\n' expect 77 "$KESU" user list --as LI --pin-stdin
grep -q "needs a supervisor" "$t/err" || fail "LI is not li: $(cat "$t/err")"
IN='1234\n' expect 77 "$KESU" list --as Li --pin-stdin
echo ok
