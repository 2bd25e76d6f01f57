# SIGTERM mid-interview saves the draft and restores the terminal; resume
# returns to the question that was shown, its answers kept.
. tests/tui/lib
form=tests/forms/tui-small.csv
start interview --form $form
wait_for "Age of the respondent"
keys 5 0 Enter
wait_for "Do you smoke?"
pid=$(pgrep -f "^$KESU interview --form $form" | head -1)
[ -n "$pid" ] || fail "no kesu process"
kill -TERM "$pid"
sleep 0.8
id=$(sed -n 's/^draft saved: uuid://p' "$t/out" | tr -d '\r')
[ -n "$id" ] || fail "no draft saved on SIGTERM: $(cat "$t/out")"
screen | grep -q "Do you smoke?" && fail "terminal not restored"
stop
start interview --form $form --resume "$id"
wait_for "Do you smoke?"
keys PageUp
wait_for "> 50"
stop
