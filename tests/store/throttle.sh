# PIN throttling, shared by every command and the screen: after 5 wrong
# PINs in a row each try waits (1 s, doubling), refused with how long to
# wait; the 10th in a row locks the user for 15 minutes (77, the message
# names the unlock command); a supervisor unlocks; a right PIN resets.
# Waits and locks run on the system's clock: KESU_NOW (record times)
# neither shortens nor lengthens them, a wait stored by a clock that was
# then set back lasts no longer than a wait can, and parallel tries are
# checked one after another.  Time passing is played by moving the stored
# ends back ("pass N"), so no test waits.
set -u
export KESU_DB=$TMPDIR_TEST/kesu.db
fail() { echo "FAIL: $*"; exit 1; }
# at TIME RC PIN: `kesu list --as li`, KESU_NOW at that time of day (which
# must not matter to the throttling)
at() {
	printf '%s\n' "$3" | KESU_NOW="2026-11-28T$1+08:00" "$KESU" list \
	    --as li --pin-stdin >"$TMPDIR_TEST/out" 2>"$TMPDIR_TEST/err"
	local rc=$?
	[ "$rc" = "$2" ] || fail "at $1 PIN $3: exit $rc, expected $2: $(cat "$TMPDIR_TEST/err")"
}
pass() { # pass SECONDS: li's wait and lock end that much sooner
	sqlite3 "$KESU_DB" "UPDATE users SET next_try = next_try - $1,
	    locked_until = locked_until - $1 WHERE name = 'li' AND next_try + locked_until > 0" ||
	    fail "sqlite3"
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

# Five wrong: the fifth says to wait 1 s; a try before the wait ends is
# refused without checking the PIN (even the right one), whatever KESU_NOW
# says ("pass -20": the next tries come 20 s before the wait ends).
for i in 1 2 3 4; do at 10:00:00 77 0000; done
at 10:00:00 77 0000
says "wait 1 s before the next try"
pass -20
at 10:00:00 77 5678
says "s, then try again"
at 23:59:59 77 5678
says "s, then try again"
pass 21
# The waits double: 2, 4, 8, 16 s.
at 10:00:00 77 0000
says "wait 2 s before the next try"
pass 2
at 10:00:00 77 0000
says "wait 4 s before"
pass 4
at 10:00:00 77 0000
says "wait 8 s before"
pass 8
at 10:00:00 77 0000
says "wait 16 s before"
# KESU_NOW moved back a day makes no day-long wait, nor ends the wait.
pass -10
at 00:00:00 77 0000
says "s, then try again"
grep -q "wait 2[0-9] s" "$TMPDIR_TEST/err" || fail "KESU_NOW moved the wait: $(cat "$TMPDIR_TEST/err")"
# A wait stored by a clock that was then set back lasts no longer than a
# wait can (30 s), not days.
sqlite3 "$KESU_DB" "UPDATE users SET next_try = next_try + 375545 WHERE name = 'li'"
at 10:00:00 77 0000
says "wait 30 s, then try again"
pass 30
# The tenth in a row locks li for 15 minutes; even the right PIN is
# refused until then, whatever KESU_NOW says, and the CLI says so.
at 10:00:31 77 0000
says "locked after 10 wrong PINs in a row, until "
says "kesu user unlock li"
at 10:10:00 77 5678
says "is locked until "
at 23:59:00 77 5678
says "is locked until "
printf '1234\n' | KESU_NOW=2026-11-29T10:10:00+08:00 "$KESU" user list \
    --as wang --pin-stdin >"$TMPDIR_TEST/list" || fail "user list"
grep -q "^li  *interviewer  *locked .*until [0-2][0-9]:[0-5][0-9]" "$TMPDIR_TEST/list" ||
    fail "list: $(cat "$TMPDIR_TEST/list")"

# An interviewer cannot unlock; a supervisor can, and li logs in.
printf '5678\n' | "$KESU" user unlock li \
    --as li --pin-stdin 2>/dev/null && fail "li unlocked herself"
printf '1234\n' | "$KESU" user unlock li \
    --as wang --pin-stdin || fail "unlock"
printf '1234\n' | "$KESU" user list \
    --as wang --pin-stdin >"$TMPDIR_TEST/list" || fail "user list"
grep -q "^li  *interviewer  *active" "$TMPDIR_TEST/list" ||
    fail "still locked: $(cat "$TMPDIR_TEST/list")"
at 10:10:00 0 5678

# Every refusal, the lock and the unlock are in the audit log.
q() { sqlite3 "$KESU_DB" "select count(*) from audit where who = '${2:-li}' and action = '$1'"; }
[ "$(q login-refused)" = 25 ] || fail "$(q login-refused) refusals audited, expected 25"
[ "$(q user-locked)" = 1 ] || fail "lock not audited"
[ "$(q user-unlock wang)" = 1 ] || fail "unlock not audited"

# Parallel wrong PINs are checked one after another: at the 9th refusal
# in a row, five tries at once check one PIN (the 10th, which locks) and
# refuse the other four unchecked.
sqlite3 "$KESU_DB" "UPDATE users SET failed_pins = 9, next_try = 0 WHERE name = 'li'"
for i in 1 2 3 4 5; do
	printf '0000\n' | "$KESU" list --as li --pin-stdin >/dev/null 2>&1 &
done
wait
[ "$(sqlite3 "$KESU_DB" "select failed_pins from users where name = 'li'")" = 10 ] ||
    fail "parallel: $(sqlite3 "$KESU_DB" "select failed_pins from users where name = 'li'") PINs checked, expected 10"
exit 0
