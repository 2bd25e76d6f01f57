# kesu user: the first supervisor, then only a supervisor manages users;
# wrong PIN or role exits 77; PINs are 4-12 digits.
set -u
export KESU_DB=$TMPDIR_TEST/sub/kesu.db
fail() { echo "FAIL: $*"; exit 1; }
expect() { # expect RC CMD... (stdin from $IN)
	local want=$1; shift
	printf '%b' "${IN:-}" | "$@" >"$TMPDIR_TEST/out" 2>"$TMPDIR_TEST/err"
	local rc=$?
	[ "$rc" = "$want" ] || fail "$* exited $rc, expected $want: $(cat "$TMPDIR_TEST/err")"
}

# The first user must be a supervisor; no --as is needed for it.
IN='1234\n' expect 77 "$KESU" user add wang --role interviewer --pin-stdin
grep -q "first user must be a supervisor" "$TMPDIR_TEST/err" || fail "message: $(cat "$TMPDIR_TEST/err")"
IN='12a4\n' expect 65 "$KESU" user add li --role supervisor --pin-stdin
grep -q "4 to 12 digits" "$TMPDIR_TEST/err" || fail "PIN message"
IN='1234\n' expect 0 "$KESU" user add li --role supervisor --pin-stdin
[ "$(stat -c %a "$KESU_DB")" = 600 ] || fail "database mode $(stat -c %a "$KESU_DB")"
[ "$(stat -c %a "$TMPDIR_TEST/sub")" = 700 ] || fail "folder mode"

# After that, only a supervisor, with the right PIN.
IN='5678\n' expect 77 "$KESU" user add wang --role interviewer --pin-stdin
IN='9999\n5678\n' expect 77 "$KESU" user add wang --role interviewer --as li --pin-stdin
IN='1234\n5678\n' expect 0 "$KESU" user add wang --role interviewer --as li --pin-stdin
IN='1234\n5678\n' expect 65 "$KESU" user add wang --role interviewer --as li --pin-stdin
grep -q "already exists" "$TMPDIR_TEST/err" || fail "duplicate message"
# An interviewer cannot manage users.
IN='5678\n1111\n' expect 77 "$KESU" user add zhao --role interviewer --as wang --pin-stdin
grep -q "needs a supervisor" "$TMPDIR_TEST/err" || fail "role message"
IN='5678\n' expect 77 "$KESU" user list --as wang --pin-stdin

IN='1234\n' expect 0 "$KESU" user list --as li --pin-stdin
grep -q "^li  *supervisor  *active" "$TMPDIR_TEST/out" || fail "list: $(cat "$TMPDIR_TEST/out")"
grep -q "^wang  *interviewer  *active" "$TMPDIR_TEST/out" || fail "list wang"

# A user changes their own PIN; the old one stops working.
IN='5678\n24680\n' expect 0 "$KESU" user passwd wang --as wang --pin-stdin
IN='5678\n' expect 77 "$KESU" list --as wang --pin-stdin
IN='24680\n' expect 0 "$KESU" list --as wang --pin-stdin
# A supervisor disables a user, who can no longer log in.
IN='1234\n' expect 0 "$KESU" user disable wang --as li --pin-stdin
IN='24680\n' expect 77 "$KESU" list --as wang --pin-stdin
IN='1234\n' expect 0 "$KESU" user list --as li --pin-stdin
grep -q "^wang  *interviewer  *disabled" "$TMPDIR_TEST/out" || fail "disabled"
IN='1234\n' expect 66 "$KESU" user disable nobody --as li --pin-stdin
# With users, reading records needs --as.
IN='' expect 77 "$KESU" list
# Usage errors.
IN='' expect 64 "$KESU" user frobnicate
IN='' expect 64 "$KESU" user list
IN='' expect 0 "$KESU" user --help

# Every change is in the audit log, with who did it.
n=$(sqlite3 "$KESU_DB" "SELECT count(*) FROM audit WHERE action LIKE 'user-%'")
[ "$n" = 4 ] || fail "audit has $n user changes"
[ "$(sqlite3 "$KESU_DB" "SELECT who FROM audit WHERE action = 'user-disable'")" = li ] || fail "audit who"
[ "$(sqlite3 "$KESU_DB" "SELECT count(*) FROM audit WHERE action = 'login-refused'")" -ge 4 ] || fail "refusals not audited"
# No PIN is stored in the clear.
sqlite3 "$KESU_DB" "SELECT pin_hash FROM users" | grep -qv '^\$y\$' && fail "hash not yescrypt"
echo ok
