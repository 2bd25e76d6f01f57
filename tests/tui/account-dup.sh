# Adding an interviewer whose name is taken is refused when the name is
# entered, before any PIN is asked.
. tests/tui/lib
supervisor
printf '1111\n2222\n' | "$KESU" user add li --role interviewer --as wang --pin-stdin ||
    fail "add li"
start interview --form tests/forms/tui-small.csv --as wang
wait_for "PIN for wang"
keys 1111 Enter
wait_for "New interview"
keys Down Down
wait_for "> Add an interviewer"
keys Enter
wait_for "A new interviewer's account"
keys li Enter
wait_for "There is already a user called li"
# The cursor is still on the name: more letters go there.
keys 2 Enter
wait_gone "There is already a user"
keys 3333 Enter 3333 Enter
wait_for "Interviewer li2 added."
keys F10
stop
exit 0
