# The last active supervisor cannot be disabled (65, with the reason), so
# a laptop's database is never left without anyone who can manage users;
# and the recovery README gives for an old database that lost its last
# supervisor (or their PIN) works.
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
active() { sqlite3 "$KESU_DB" "SELECT count(*) FROM users WHERE role = 'supervisor' AND disabled = 0"; }

IN='1234\n' expect 0 "$KESU" user add li --role supervisor --pin-stdin
IN='1234\n5678\n' expect 0 "$KESU" user add wang --role interviewer --as li --pin-stdin
# li disabling themselves: the last active supervisor.
IN='1234\n' expect 65 "$KESU" user disable li --as li --pin-stdin
grep -q "last active supervisor" "$t/err" || fail "reason: $(cat "$t/err")"
[ "$(wc -l <"$t/err")" = 1 ] || fail "not one line: $(cat "$t/err")"
[ "$(active)" = 1 ] || fail "li was disabled"
IN='1234\n' expect 0 "$KESU" user list --as li --pin-stdin
# With a second supervisor, li may go; then zhang is the last one.
IN='1234\n4321\n' expect 0 "$KESU" user add zhang --role supervisor --as li --pin-stdin
IN='4321\n' expect 0 "$KESU" user disable li --as zhang --pin-stdin
IN='4321\n' expect 65 "$KESU" user disable zhang --as zhang --pin-stdin
[ "$(active)" = 1 ] || fail "zhang was disabled"
# Interviewers are disabled as before.
IN='4321\n' expect 0 "$KESU" user disable wang --as zhang --pin-stdin
# The database refuses it too, whoever writes it (a demotion as well).
sqlite3 "$KESU_DB" "UPDATE users SET disabled = 1 WHERE name = 'zhang'" 2>/dev/null &&
    fail "the schema lets the last supervisor be disabled"
sqlite3 "$KESU_DB" "UPDATE users SET role = 'interviewer' WHERE name = 'zhang'" 2>/dev/null &&
    fail "the schema lets the last supervisor be demoted"
[ "$(active)" = 1 ] || fail "zhang lost the role"

# README's recovery, 1: every supervisor disabled (by an older kesu):
# enable one again with sqlite3.
sqlite3 "$KESU_DB" "DROP TRIGGER IF EXISTS users_keep_supervisor;
    UPDATE users SET disabled = 1 WHERE role = 'supervisor'"
IN='4321\n' expect 77 "$KESU" user list --as zhang --pin-stdin
sqlite3 "$KESU_DB" "UPDATE users SET disabled = 0 WHERE name = 'zhang'"
IN='4321\n' expect 0 "$KESU" user list --as zhang --pin-stdin
# 2: the only supervisor's PIN is forgotten: make a PIN hash in a scratch
# database and copy it over.
IN='2468\n' expect 0 "$KESU" --db "$t/scratch.db" user add rescue --role supervisor --pin-stdin
sqlite3 "$KESU_DB" "ATTACH '$t/scratch.db' AS scratch;
    UPDATE users SET pin_hash = (SELECT pin_hash FROM scratch.users WHERE name = 'rescue')
    WHERE name = 'zhang'"
IN='2468\n' expect 0 "$KESU" user list --as zhang --pin-stdin
grep -q "^zhang  *supervisor  *active" "$t/out" || fail "after recovery: $(cat "$t/out")"
echo ok
