# F3 lists every question shown now, marked answered or unanswered; Enter
# jumps to the highlighted one, which keeps its answer; F3 again goes back
# without moving.
. tests/tui/lib
form=tests/forms/tui-small.csv
supervisor
start interview --form $form --as wang
login 1111
keys Enter
wait_for "Age of the respondent"
keys 4 2 Enter
wait_for "Do you smoke?"
keys 1 Enter
wait_for "Cigarettes a day"
keys F3
wait_for "Jump to a question"
screen | grep -q "\[x\]   1. Age of the respondent" || fail "age mark: $(screen)"
screen | grep -q "\[x\]   2. Do you smoke?" || fail "smoker mark"
screen | grep -q "\[ \]   3. Cigarettes a day" || fail "cigs mark"
screen | grep -q "\[ \]   4. Your street" || fail "street mark"
keys F3
wait_for "Cigarettes a day"
keys F3
wait_for "Jump to a question"
keys Up Up Enter
wait_for "> 42"
screen | grep -q "Age of the respondent" || fail "not on age"
n=$(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select count(*) from events where kind = 'jump' and field = 'age'")
[ "$n" = 1 ] || fail "jump event: $n"
stop
