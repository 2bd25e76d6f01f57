# The lines kesu prints on leaving list each record once, as it ended:
# a draft saved, resumed and completed in the same run is "completed",
# not also "draft saved".
. tests/tui/lib
form=tests/forms/tui-small.csv
supervisor
start interview --form $form --as wang
login 1111
keys Enter
wait_for "Age of the respondent"
keys 4 0 Enter
wait_for "Do you smoke?"
keys F10
wait_for "Resume "
keys Down Enter
wait_for "Do you smoke?"
keys 2 Enter
wait_for "Your street"
keys E l m Enter
wait_for "Nothing is missing"
keys Enter
wait_for "Completed: uuid:"
keys F10
wait_out "uuid:"
n=$(grep -c "uuid:" "$t/out")
[ "$n" = 1 ] || fail "$n lines for one record: $(cat "$t/out")"
grep -q "^completed: uuid:" "$t/out" || fail "not completed: $(cat "$t/out")"
stop
exit 0
