# The end screen lists what is missing by question number and label (not
# field name), scrolls with Up/Down/PgUp/PgDn with a "more" mark, and
# Enter on an item goes to that question; its footer says so.
. tests/tui/lib
form=tests/forms/tui-end.csv
supervisor
start interview --form $form --as wang
login 1111
keys Enter
wait_for "Welcome to the household module"
keys Enter
wait_for "Does the household have members?"
# Yes makes the twenty age questions before it relevant and required.
keys 1 Enter
wait_for "End of the interview"
s=$(screen)
echo "$s" | grep -q "  2. Household member 1 age" || fail "no number and label: $s"
echo "$s" | grep -q "r1:" && fail "field name shown: $s"
echo "$s" | grep -q "↓ 4 more below" || fail "no more mark: $s"
echo "$s" | grep -q "Enter go there" || fail "footer does not say what Enter does"
keys PageDown
wait_for "↑ more above"
keys End
wait_for " 21. Household member 20 age"
keys Home Down Down
keys Enter
wait_for "Household member 3 age"
screen | grep -q "Question 4 of 22" || fail "not on question 4: $(screen)"
stop
