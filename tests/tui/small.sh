# The question screen on a small form: a constraint keeps the question and
# shows its message; skip logic skips; F2 switches language live; F10
# saves a draft that resumes on the same question; an answer holding an
# escape sequence is shown inert; Enter on the end screen finalizes.
. tests/tui/lib
form=tests/forms/tui-small.csv
supervisor
start interview --form $form --as wang
login 1111
keys Enter
wait_for "Age of the respondent"
screen | grep -q "1 of" || fail "no n of N"
keys 1 2 Enter
wait_for "Age must be 18 to 69"
screen | grep -q "Age of the respondent" || fail "constraint moved on"
keys BSpace BSpace 4 2 Enter
wait_for "Do you smoke?"
keys F2
wait_for "您吸烟吗"
keys F2
wait_for "Do you smoke?"
keys 2 Enter
# Skip logic: smoker = no skips the cigarettes question.
wait_for "Your street"
screen | grep -q "Cigarettes" && fail "cigs not skipped"
# ESC [31m typed: the editor keeps no control character, the rest shows
# as text, nothing is coloured.
keys Escape '[31mRED'
screen | grep -qF '> [31mRED' || fail "escape not shown inert"
tmux capture-pane -e -p -t "$S" | grep -F 'RED' | grep -qF $'\e[31m' &&
    fail "answer coloured the terminal"
keys F10
wait_for "Draft saved: uuid:"
keys F10
wait_out "draft saved: uuid:"
id=$(sed -n 's/^draft saved: uuid://p' "$t/out" | tr -d '\r')
[ -n "$id" ] || fail "no draft id: $(cat "$t/out")"
stop
start interview --form $form --resume "$id" --as wang
wait_for "PIN"
keys 1111 Enter
wait_for "Your street"
keys Enter
wait_for "Nothing is missing"
keys Enter
wait_for "Completed: uuid:$id"
keys F10
wait_out "completed:"
grep -q "^completed: uuid:$id" "$t/out" || fail "not completed: $(cat "$t/out")"
stop
as_wang list --format csv >"$t/list.csv" || fail "list"
grep -q "^$id,completed" "$t/list.csv" || fail "record: $(cat "$t/list.csv")"
# deviceid: one ID per laptop, generated once and kept in the config dir.
dev=$(cat "$t/config/kesu/deviceid") || fail "no deviceid file"
case $dev in kesu:????????-????-4???-????-????????????) ;; *) fail "deviceid '$dev'" ;; esac
as_wang show "$id" | grep -qF "<deviceid>$dev</deviceid>" || fail "record's deviceid is not $dev"
