# Colours where the terminal has them (white on blue bars), reverse video
# where it has none (vt100): the same screen either way.
. tests/tui/lib
form=tests/forms/tui-small.csv
supervisor
for term in xterm vt100; do
	TUI_TERM=$term start interview --form $form --as wang
	login 1111
	keys Enter
	wait_for "Age of the respondent"
	bar=$(tmux capture-pane -e -p -t "$S" | grep -F "F10 save and leave")
	case $term in
	xterm) printf '%s' "$bar" | grep -qF $'\e[44m' || fail "xterm: no colour: $bar" ;;
	vt100) printf '%s' "$bar" | grep -qF $'\e[4' && fail "vt100: colour: $bar"
	       printf '%s' "$bar" | grep -qF $'\e[7m' || fail "vt100: no reverse: $bar" ;;
	esac
	stop
done
