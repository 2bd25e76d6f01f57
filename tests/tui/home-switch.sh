# Home has "switch user": the next person logs in on the same screen,
# without quitting kesu.
. tests/tui/lib
supervisor
printf '1111\n2222\n' | "$KESU" user add li --role interviewer --as wang --pin-stdin ||
    fail "add li"
start interview --form tests/forms/tui-small.csv --as wang
wait_for "PIN for wang"
keys 1111 Enter
wait_for "kesu: wang (supervisor)"
keys Down Down Down
wait_for "> Switch user"
keys Enter
wait_for "Who are you?"
wait_for "li (interviewer)"
keys Up
wait_for "> li (interviewer)"
keys Enter
wait_for "PIN for li"
keys 2222 Enter
wait_for "kesu: li (interviewer)"
keys F10
wait_gone "kesu: li"
stop
exit 0
