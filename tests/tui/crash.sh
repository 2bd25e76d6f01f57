# kill -9 mid-interview, then resume: no confirmed answer is lost and the
# screen returns to the question that was shown.
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
pid=$(pgrep -f "^$KESU interview --form $form" | head -1)
[ -n "$pid" ] || fail "no kesu process"
kill -9 "$pid"
sleep 0.3
stop
id=$(as_wang list --status draft --format csv | sed -n '2s/,.*//p')
[ -n "$id" ] || fail "no draft after kill -9"
start interview --form $form --resume "$id" --as wang
wait_for "PIN"
keys 1111 Enter
wait_for "Cigarettes a day"
keys PageUp
wait_for "Do you smoke?"
screen | grep -q '(\*) 1. Yes' || fail "smoker answer lost: $(screen)"
keys PageUp
wait_for "Age of the respondent"
screen | grep -q '> 42' || fail "age answer lost"
stop
