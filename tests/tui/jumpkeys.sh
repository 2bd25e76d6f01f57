# The jump list: a note not yet reached is not marked answered; Home and
# End go to the first and last question; Esc goes back (at once: the
# terminal's ESCDELAY is kesu's 25 ms, not a second).
. tests/tui/lib
form=tests/forms/tui-decimal.csv
supervisor
start interview --form $form --as wang
login 1111
keys Enter
wait_for "Yearly income"
keys F3
wait_for "Jump to a question"
screen | grep -q "\[ \]   2. Thank you" || fail "a note not reached marked: $(screen)"
keys Escape
wait_gone "Jump to a question"
keys 5 0 0 Enter
wait_for "Thank you"
keys F3
wait_for "Jump to a question"
keys Home Enter
wait_for "> 500"
keys F3
wait_for "Jump to a question"
screen | grep -q "\[x\]   2. Thank you" || fail "a note passed not marked: $(screen)"
keys End Enter
wait_for "Thank you"
screen | grep -q "Question 2 of 2" || fail "End did not pick the last: $(screen)"
stop
