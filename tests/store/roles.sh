# Roles in every command, not only on screens: an interviewer gets 77
# (with a reason) from everything a supervisor alone may do, the
# supervisor gets 0 from the same command, and nothing changed on a
# refusal.
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db
fail() { echo "FAIL: $*"; exit 1; }
form=forms/science-literacy.csv
printf '1111\n' | "$KESU" user add wang --role supervisor --pin-stdin || fail "add wang"
printf '1111\n2222\n' | "$KESU" user add li --role interviewer --as wang --pin-stdin || fail "add li"
printf '1111\n3333\n' | "$KESU" user add zhang --role interviewer --as wang --pin-stdin || fail "add zhang"
printf '3333\n' | "$KESU" form run "$form" --answers forms/examples/literate.txt --save \
    --as zhang --pin-stdin >/dev/null || fail "zhang's record"
id=$("$KESU" list --as wang --pin-stdin --format csv <<<1111 | sed -n '2s/,.*//p')
[ -n "$id" ] || fail "no record"
before=$(sqlite3 "$KESU_DB" "select group_concat(status) from records; select count(*) from users; select group_concat(disabled) from users")

# refused CMD...: li (an interviewer) runs it -> 77 and a reason.
refused() {
	printf '2222\n4444\n' | "$KESU" "$@" --as li --pin-stdin >/dev/null 2>"$t/err"
	local rc=$?
	[ "$rc" = 77 ] || fail "interviewer ran '$*': exit $rc"
	[ -s "$t/err" ] || fail "'$*' refused without a reason"
}
refused approve "$id"
refused reject "$id" --comment "redo"
refused review --summary
refused review --list
refused review
refused user add zhao --role interviewer
refused user list
refused user disable zhang
refused user passwd zhang
# Another's record is, to an interviewer, an unknown ID: 66, no owner.
printf '2222\n' | "$KESU" show "$id" --as li --pin-stdin >/dev/null 2>"$t/err"
[ $? = 66 ] || fail "interviewer's show of zhang's record: not 66"
grep -q zhang "$t/err" && fail "show told li whose record it is"
after=$(sqlite3 "$KESU_DB" "select group_concat(status) from records; select count(*) from users; select group_concat(disabled) from users")
[ "$before" = "$after" ] || fail "a refused command changed something: $before / $after"
# Nobody (no --as) on a database with users: 77 too.
for c in "approve $id" "reject $id --comment x" "review --summary" "list" "show $id"; do
	$KESU $c >/dev/null 2>&1 </dev/null
	[ $? = 77 ] || fail "'$c' without --as: not 77"
done
# What an interviewer may do: their own list (without others' records).
[ "$(printf '2222\n' | "$KESU" list --as li --pin-stdin --format csv | wc -l)" = 1 ] ||
    fail "li sees zhang's record in list"
printf '2222\n5555\n' | "$KESU" user passwd li --as li --pin-stdin || fail "li changes own PIN"
# The supervisor may do each of them.
ok() { printf '1111\n6666\n' | "$KESU" "$@" --as wang --pin-stdin >/dev/null || fail "supervisor: '$*' exited $?"; }
ok review --summary
ok review --list
ok show "$id"
ok user list
ok approve "$id"
ok reject "$id" --comment "k05 again"
ok user add zhao --role interviewer
ok user disable zhang
echo ok
