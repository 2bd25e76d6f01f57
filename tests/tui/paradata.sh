# Paradata from the screen: every question shown is a "show" event (also
# after F2, PgUp, an F3 jump and a resume), so `kesu show` gives each
# question its visits and seconds, and the seconds grow while a question
# waits on the screen.
. tests/tui/lib
form=tests/forms/tui-small.csv
supervisor
start interview --form $form --as wang
login 1111
keys Enter
wait_for "Age of the respondent"
sleep 2  # the interviewer reads the question out
keys 4 2 Enter
wait_for "Do you smoke?"
keys F2
wait_for "您吸烟吗"
keys F2
wait_for "Do you smoke?"
keys PageUp
wait_for "> 42"
keys Enter
wait_for "Do you smoke?"
keys 2 Enter
wait_for "Your street"
keys F3
wait_for "Jump to a question"
keys Up Enter
wait_for "Do you smoke?"
keys F10
wait_for "New interview"
keys F10
wait_out "draft saved"
stop
id=$(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select uuid from records")
start interview --form $form --as wang --resume "$id"
wait_for "PIN"
keys 1111 Enter
wait_for "Do you smoke?"
keys Enter
wait_for "Your street"
keys Enter
wait_for "Nothing is missing"
keys Enter
wait_for "Completed"
keys F10
stop
as_wang show "$id" >"$t/show" || fail "show: $(cat "$t/show")"
row() { awk -v f="$1" '$1 == f { print $2, $3 }' "$t/show"; }
read -r s n <<<"$(row age)"
[ "${n:-0}" -eq 2 ] || fail "age visits '$n': $(cat "$t/show")"
awk -v s="$s" 'BEGIN { exit !(s >= 2.0) }' || fail "age seconds '$s' after a wait of 2 s"
read -r s n <<<"$(row smoker)"
# First shown, F2 twice, back again, after the jump, after the resume.
[ "${n:-0}" -eq 6 ] || fail "smoker visits '$n': $(cat "$t/show")"
read -r s n <<<"$(row name)"
[ "${n:-0}" -eq 2 ] || fail "street visits '$n'"
