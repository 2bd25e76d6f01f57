# An interviewer cannot reopen another interviewer's draft: refused as an
# unknown ID (66) before the screen opens, and the draft gains no session.
. tests/tui/lib
form=tests/forms/tui-small.csv
printf '1111\n' | "$KESU" user add wang --role supervisor --pin-stdin ||
    fail "user add wang"
printf '1111\n2222\n' | "$KESU" user add li --role interviewer --as wang \
    --pin-stdin || fail "user add li"
printf '1111\n3333\n' | "$KESU" user add zhang --role interviewer --as wang \
    --pin-stdin || fail "user add zhang"
start interview --form $form --as li
login 2222
keys Enter
wait_for "Age of the respondent"
keys 4 2 Enter
wait_for "Do you smoke?"
keys F10
wait_for "Draft saved"
keys F10
wait_out "draft saved"
stop
id=$(printf '1111\n' | "$KESU" list --as wang --pin-stdin --status draft \
    --format csv | sed -n '2s/,.*//p')
[ -n "$id" ] || fail "no draft of li's"
before=$(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select sessions from records")
printf '3333\n' | "$KESU" interview --form $form --as zhang --pin-stdin \
    --resume "$id" </dev/stdin >"$t/zhang.out" 2>"$t/zhang.err"
rc=$?
[ "$rc" = 66 ] || fail "zhang resumed li's draft: exit $rc"
grep -q "no record '$id'" "$t/zhang.err" ||
    fail "not as an unknown ID: $(cat "$t/zhang.err")"
grep -q "li's" "$t/zhang.err" && fail "the owner is named: $(cat "$t/zhang.err")"
after=$(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select sessions from records")
[ "$before" = "$after" ] || fail "the refused resume wrote a session"
exit 0
