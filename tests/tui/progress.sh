# The counter is the question's place among all questions of the form, so
# skip logic never makes it jump back ("5 of 5" then "6 of 55"): with the
# cigarettes question skipped the street is still question 4 of 4, in
# English and in Chinese (zh_CN.UTF-8).
. tests/tui/lib
TUI_LOCALE=zh_CN.UTF-8
form=tests/forms/tui-small.csv
supervisor
start interview --form $form --as wang
login 1111
keys Enter
wait_for "Question 1 of 4"
keys 4 2 Enter
wait_for "Question 2 of 4"
keys 2 Enter
wait_for "Your street"
screen | grep -q "Question 4 of 4" || fail "street not 4 of 4: $(screen)"
keys F2
wait_for "您的街道"
screen | grep -q "第 4 题，共 4 题" || fail "counter not in Chinese: $(screen)"
keys PageUp
wait_for "第 2 题，共 4 题"
stop
