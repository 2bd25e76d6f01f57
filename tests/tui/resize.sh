# 80x24 -> 120x40 -> 80x24: the question, its choices and the keys stay
# readable, and what was typed stays.
. tests/tui/lib
form=tests/forms/tui-small.csv
supervisor
start interview --form $form --as wang
login 1111
keys Enter
wait_for "Age of the respondent"
keys 3 3
for size in "120 40" "80 24"; do
	set -- $size
	tmux resize-window -t "$S" -x "$1" -y "$2" 2>/dev/null ||
	    tmux resize-pane -t "$S" -x "$1" -y "$2"
	sleep 0.5
	screen | grep -q "Age of the respondent" || fail "$1x$2: label"
	screen | grep -q "> 33" || fail "$1x$2: typed input lost"
	screen | grep -q "F10 save and leave" || fail "$1x$2: footer"
	[ "$(screen | wc -l)" -ge "$2" ] || fail "$1x$2: lines"
done
stop
