# A large decimal is stored as Collect writes it (1.2E7) but shown for
# editing in plain digits, as Collect's decimal widget shows it, so going
# back and changing it takes no exponent.
. tests/tui/lib
form=tests/forms/tui-decimal.csv
supervisor
start interview --form $form --as wang
login 1111
keys Enter
wait_for "Yearly income"
keys 1 2 0 0 0 0 0 0 Enter
wait_for "Thank you"
keys PageUp
wait_for "Yearly income"
screen | grep -q '> 12000000' || fail "income not shown in digits: $(screen)"
screen | grep -q 'E7' && fail "exponent shown for editing"
keys 5 Enter
wait_for "Thank you"
keys PageUp
wait_for "> 120000005"
stop
