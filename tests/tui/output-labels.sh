# ${name} in a label is replaced wherever the label is shown, not only on
# the question screen: in choice labels, the jump list, the home screen's
# resume line (from the draft's saved answers) and the supervisor's
# record view (its answers, their choice labels and the paradata), in
# English and in Chinese (zh_CN.UTF-8).
. tests/tui/lib
form=tests/forms/tui-output-labels.csv
TUI_LOCALE=zh_CN.UTF-8
supervisor
no_ref() { screen | grep -q '\${' && fail "a \${name} shown as text: $(screen)"; return 0; }
start interview --form $form --as wang
login 1111
keys Enter
wait_for "Your first name"
keys Lin Enter
wait_for "Does Lin smoke?"
wait_for "1. Yes, Lin smokes"
no_ref
keys F3
wait_for "Does Lin smoke?"
no_ref
keys Escape
wait_for "1. Yes, Lin smokes"
keys F10
wait_for "New interview"
wait_for "Resume "
screen | grep -q "Resume .*Does Lin smoke" || fail "resume line: $(screen)"
no_ref
keys Down Enter
wait_for "1. Yes, Lin smokes"
keys 1 Enter
wait_for "Cigarettes Lin smokes a day"
keys 5 Enter
wait_for "Thank you, Lin"
keys Enter
wait_for "Nothing is missing"
keys Enter
wait_for "New interview"
keys F10
wait_out "completed"
stop
for lang in en zh; do
	start --lang $lang review --as wang
	wait_for "PIN"
	keys 1111 Enter
	if [ $lang = en ]; then wait_for "1 record"; else wait_for "共 1 条记录"; fi
	keys Enter
	if [ $lang = en ]; then
		wait_for "Answers"
		wait_for "Does Lin smoke?"
		wait_for "> Yes, Lin smokes"
		wait_for "Cigarettes Lin smokes a day"
	else
		wait_for "回答"
		wait_for "Lin吸烟吗？"
		wait_for "> 是，Lin吸烟"
	fi
	no_ref
	# The paradata further down name the questions the same way.
	keys NPage
	if [ $lang = en ]; then wait_for "1 visit"; else wait_for "显示 1 次"; fi
	no_ref
	stop
done
echo ok
