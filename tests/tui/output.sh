# ${name} in a label or hint shows that field's current value, as ODK's
# <output> does: the typed name in the next label and in a note, a
# decimal as ODK prints a number (70.0 as 70), and in the jump list.
. tests/tui/lib
form=tests/forms/tui-output.csv
supervisor
start interview --form $form --as wang
login 1111
keys Enter
wait_for "Your first name"
keys Lin Enter
wait_for "Your weight, Lin"
keys 70.0 Enter
wait_for "Thank you, Lin"
wait_for "You said 70 kg"
screen | grep -q '\${' && fail "a \${name} shown as text: $(screen)"
keys F3
wait_for "Your weight, Lin"
stop
