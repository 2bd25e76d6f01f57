# A rejected record goes back to its interviewer: the supervisor rejects
# with a comment; li sees it at home, Enter reopens the record on its
# first question with the answers kept; li changes the age and completes
# it again; the supervisor approves it; `kesu show` gives it approved,
# with the new age, the same instance ID and every step in the audit.
. tests/tui/lib
form=tests/forms/tui-small.csv
supervisor
printf '1111\n2222\n' | "$KESU" user add li --role interviewer --as wang --pin-stdin || fail "add li"
printf 'age=42\nsmoker=yes\ncigs=5\nname=xinjiekou\n' >"$t/ans"
printf '2222\n' | "$KESU" form run $form --answers "$t/ans" --save \
    --as li --pin-stdin >/dev/null || fail "form run"
id=$(printf '2222\n' | "$KESU" list --as li --pin-stdin --format csv | sed -n '2s/,.*//p')
[ -n "$id" ] || fail "no record"
as_wang reject "$id" --comment "age is wrong" >/dev/null || fail "reject"
# Another interviewer or the supervisor cannot reopen it.
printf '1111\n' | "$KESU" interview --form $form --as wang --pin-stdin \
    --resume "$id" </dev/null >/dev/null 2>&1
printf '1111\n' | "$KESU" show "$id" --as wang --pin-stdin | grep -q "^status  *rejected" ||
    fail "the supervisor reopened it"
start interview --form $form --as li
login 2222 "Rejected"
screen | grep -q "Rejected ${id:0:8} by wang: age is wrong" || fail "rejected line: $(screen)"
keys Down
wait_for "> Rejected"
keys Enter
wait_for "Age of the respondent"
screen | grep -q "42" || fail "the answer was not restored: $(screen)"
keys BSpace BSpace 3 5 Enter
wait_for "Do you smoke?"
keys Enter
wait_for "Cigarettes a day"
keys Enter
wait_for "Your street"
keys Enter
wait_for "Nothing is missing"
keys Enter
wait_for "Completed: uuid:"
screen | grep -q "Rejected " && fail "still listed as rejected: $(screen)"
keys F10
wait_out "completed: uuid:$id"
stop
as_wang approve "$id" >/dev/null || fail "approve"
as_wang show "$id" >"$t/show" || fail "show"
grep -q "^status  *approved" "$t/show" || fail "not approved: $(cat "$t/show")"
grep -q "<age>35</age>" "$t/show" || fail "age not changed: $(cat "$t/show")"
grep -q "<name>xinjiekou</name>" "$t/show" || fail "street lost: $(cat "$t/show")"
for step in "li .*draft -> completed" "wang .*completed -> rejected: age is wrong" \
    "li .*rejected -> draft" "wang .*completed -> approved"; do
	grep -q "$step" "$t/show" || fail "audit lacks '$step': $(cat "$t/show")"
done
[ "$(grep -c "draft -> completed" "$t/show")" = 2 ] || fail "not completed twice: $(cat "$t/show")"
exit 0
