# The counter counts the questions this interview can ask: before the
# smoking question is answered the cigarettes question may still come
# (question 2 of 4); once "no" settles it, it no longer counts and the
# street is question 3 of 3, in English and in Chinese (zh_CN.UTF-8).
# Going back keeps the count the answers give (2 of 3), never a number
# for a question that will not be asked.
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
screen | grep -q "Question 3 of 3" || fail "street not 3 of 3: $(screen)"
keys F2
wait_for "您的街道"
screen | grep -q "第 3 题，共 3 题" || fail "counter not in Chinese: $(screen)"
keys PageUp
wait_for "第 2 题，共 3 题"
# "yes" opens the cigarettes question again: the street is 4 of 4.
keys 1 Enter
wait_for "第 3 题，共 4 题"
keys 2 0 Enter
wait_for "第 4 题，共 4 题"
stop
