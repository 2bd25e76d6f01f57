# SIGTERM mid-interview saves the draft and restores the terminal; resume
# returns to the question that was shown, its answers kept.
. tests/tui/lib
form=tests/forms/tui-small.csv
supervisor
start interview --form $form --as wang
login 1111
keys Enter
wait_for "Age of the respondent"
keys 5 0 Enter
wait_for "Do you smoke?"
pid=$(pgrep -f "^$KESU interview --form $form" | head -1)
[ -n "$pid" ] || fail "no kesu process"
kill -TERM "$pid"
wait_out "draft saved: uuid:"
id=$(sed -n 's/^draft saved: uuid://p' "$t/out" | tr -d '\r')
[ -n "$id" ] || fail "no draft saved on SIGTERM: $(cat "$t/out")"
screen | grep -q "Do you smoke?" && fail "terminal not restored"
stop
start interview --form $form --resume "$id" --as wang
wait_for "PIN"
keys 1111 Enter
wait_for "Do you smoke?"
keys PageUp
wait_for "> 50"
stop
