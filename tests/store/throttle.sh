# PIN throttling, shared by every command and the screen: after 5 wrong
# PINs in a row each try waits (1 s, doubling), refused with how long to
# wait; the 10th in a row locks the user for 15 minutes (77, the message
# names the unlock command); a supervisor unlocks; a right PIN resets.
set -u
export KESU_DB=$TMPDIR_TEST/kesu.db
fail() { echo "FAIL: $*"; exit 1; }
at() { # at HH:MM:SS RC PIN: `kesu list --as li` at that time of day
	printf '%s\n' "$3" | KESU_NOW="2026-11-28T$1+08:00" "$KESU" list \
	    --as li --pin-stdin >"$TMPDIR_TEST/out" 2>"$TMPDIR_TEST/err"
	local rc=$?
	[ "$rc" = "$2" ] || fail "at $1 PIN $3: exit $rc, expected $2: $(cat "$TMPDIR_TEST/err")"
}
says() { grep -qF -- "$1" "$TMPDIR_TEST/err" || fail "expected '$1', got: $(cat "$TMPDIR_TEST/err")"; }
printf '1234\n' | "$KESU" user add wang --role supervisor --pin-stdin || fail "add wang"
printf '1234\n5678\n' | "$KESU" user add li --role interviewer --as wang \
    --pin-stdin || fail "add li"

# A right PIN resets the count: 4 wrong, 1 right, then 4 wrong again
# still have no wait.
for i in 1 2 3 4; do at 10:00:00 77 0000; done
at 10:00:00 0 5678
for i in 1 2 3 4; do at 10:00:00 77 0000; done
says "is not accepted"
grep -q wait "$TMPDIR_TEST/err" && fail "a wait after 4 refusals"
at 10:00:00 0 5678
[ "$(sqlite3 "$KESU_DB" "select failed_pins from users where name='li'")" = 0 ] ||
    fail "count not reset"

# Five wrong: the fifth says to wait 1 s; the sixth try, at once, is
# refused without checking the PIN (even the right one).
for i in 1 2 3 4; do at 10:00:00 77 0000; done
at 10:00:00 77 0000
says "wait 1 s before the next try"
at 10:00:00 77 5678
says "wait 1 s, then try again"
# The waits double: 2, 4, 8 s.
at 10:00:01 77 0000
says "wait 2 s before the next try"
at 10:00:02 77 0000
says "wait 1 s, then try again"
at 10:00:03 77 0000
says "wait 4 s before"
at 10:00:07 77 0000
says "wait 8 s before"
at 10:00:15 77 0000
says "wait 16 s before"
# The tenth in a row locks li for 15 minutes; even the right PIN is
# refused until then, and the CLI says so.
at 10:00:31 77 0000
says "locked after 10 wrong PINs in a row, until 10:15"
says "kesu user unlock li"
at 10:10:00 77 5678
says "locked until 10:15"
printf '1234\n' | KESU_NOW=2026-11-28T10:10:00+08:00 "$KESU" user list \
    --as wang --pin-stdin >"$TMPDIR_TEST/list" || fail "user list"
grep -q "^li  *interviewer  *locked .*until 10:15" "$TMPDIR_TEST/list" ||
    fail "list: $(cat "$TMPDIR_TEST/list")"

# An interviewer cannot unlock; a supervisor can, and li logs in.
printf '5678\n' | KESU_NOW=2026-11-28T10:10:00+08:00 "$KESU" user unlock li \
    --as li --pin-stdin 2>/dev/null && fail "li unlocked herself"
printf '1234\n' | KESU_NOW=2026-11-28T10:10:00+08:00 "$KESU" user unlock li \
    --as wang --pin-stdin || fail "unlock"
printf '1234\n' | KESU_NOW=2026-11-28T10:10:00+08:00 "$KESU" user list \
    --as wang --pin-stdin >"$TMPDIR_TEST/list" || fail "user list"
grep -q "^li  *interviewer  *active" "$TMPDIR_TEST/list" ||
    fail "still locked: $(cat "$TMPDIR_TEST/list")"
at 10:10:00 0 5678

# Every refusal, the lock and the unlock are in the audit log.
q() { sqlite3 "$KESU_DB" "select count(*) from audit where who = '${2:-li}' and action = '$1'"; }
[ "$(q login-refused)" = 22 ] || fail "$(q login-refused) refusals audited, expected 22"
[ "$(q user-locked)" = 1 ] || fail "lock not audited"
[ "$(q user-unlock wang)" = 1 ] || fail "unlock not audited"
exit 0
