# One language per screen: F2 on a question switches its label, the
# footer, the counter and the message on the status line together, and
# home follows; a draft resumes in the interviewer's language of now, not
# the one it was left in.  Under zh_CN.UTF-8.
. tests/tui/lib
TUI_LOCALE=zh_CN.UTF-8
form=tests/forms/tui-small.csv
supervisor
start interview --form $form --as wang
login 1111
keys Enter
wait_for "Age of the respondent"
keys 1 2 Enter
wait_for "Age must be 18 to 69"
keys F2
wait_for "受访者年龄"
s=$(screen)
echo "$s" | grep -q "年龄须在18至69之间" || fail "message not in Chinese: $s"
echo "$s" | grep -q "Age must be" && fail "English message left: $s"
echo "$s" | grep -q "第 1 题，共 4 题" || fail "counter not in Chinese: $s"
echo "$s" | grep -q "F10 保存并离开" || fail "footer not in Chinese: $s"
keys F2
wait_for "Age of the respondent"
screen | grep -q "Age must be 18 to 69" || fail "message not back in English"
screen | grep -q "F10 save and leave" || fail "footer not back in English"
keys C-u 4 2 Enter
wait_for "Do you smoke?"
# The required message too.
keys Enter
wait_for "Sorry, this response is required."
keys F2
wait_for "抱歉，此题必须回答。"
keys F2
wait_for "Sorry, this response is required."
# Left in English; home switched to Chinese; the draft resumes in Chinese.
keys F10
wait_for "New interview"
keys F2
wait_for "继续"
keys Down Enter
wait_for "您吸烟吗"
screen | grep -q "Do you smoke" && fail "resumed in English: $(screen)"
screen | grep -q "F2 语言" || fail "footer not in Chinese"
stop
