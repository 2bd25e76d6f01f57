# The screen's input ends (stdin at end of file, a closed pipe): kesu leaves
# at once with one line on stderr instead of waiting for keys forever, and
# an open interview is kept as its draft.
. tests/tui/lib
form=tests/forms/tui-small.csv
supervisor
# done TEXT: up to 30 s for the pane's shell to print TEXT after kesu.
done_with() {
	local i
	for i in $(seq 300); do
		screen | grep -qF -- "$1" && return 0
		sleep 0.1
	done
	fail "kesu never left: $(cat "$t/err" 2>/dev/null)"
}
run_sh() { # run_sh SHELL-COMMAND: in an 80x24 tmux pane, a real terminal
	tmux new-session -d -x 80 -y 24 -s "$S" \
	    "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm KESU_DB=$KESU_DB KESU_NOW=$KESU_NOW KESU_LANG=en ${KESU_LOCALEDIR:+KESU_LOCALEDIR=$KESU_LOCALEDIR} sh -c '$1'; sleep 30"
}

# The login screen, stdin at end of file.
run_sh "$KESU interview --form $form </dev/null 2>$t/err; echo rc=\$?"
done_with "rc="
screen | grep -q "rc=74" || fail "exit: $(screen | grep rc=)"
[ "$(wc -l <"$t/err")" = 1 ] || fail "stderr: $(cat "$t/err")"
grep -q "input ended" "$t/err" || fail "stderr: $(cat "$t/err")"
stop

# An interview with an answer, its input a pipe that closes: the draft
# keeps the answer.
start interview --form $form --as wang
login 1111
keys Enter
wait_for "Age of the respondent"
keys 33 Enter
wait_for "Do you smoke?"
keys F10
wait_for "Draft saved: uuid:"
id=$(screen | sed -n 's/.*Draft saved: uuid:\([0-9a-f-]*\).*/\1/p' | head -1)
[ -n "$id" ] || fail "no draft ID"
keys F10
wait_gone "F10 quit"
stop
run_sh "printf \"1111\\\\n\" | $KESU interview --form $form --as wang --pin-stdin --resume $id >$t/out 2>$t/err; echo rc=\$?"
done_with "rc="
screen | grep -q "rc=74" || fail "exit: $(screen | grep rc=)"
[ "$(wc -l <"$t/err")" = 1 ] || fail "stderr: $(cat "$t/err")"
grep -q "draft saved: uuid:$id" "$t/out" || fail "stdout: $(cat "$t/out")"
stop
# the draft resumes on its question with the answer kept
start interview --form $form --resume "$id" --as wang
login 1111 "Do you smoke?"
keys PageUp
wait_for "> 33"
stop

# The supervisor's review screen, its input ending after the PIN.
run_sh "printf \"1111\\\\n\" | $KESU review --as wang --pin-stdin 2>$t/err; echo rc=\$?"
done_with "rc="
screen | grep -q "rc=74" || fail "review exit: $(screen | grep rc=)"
[ "$(wc -l <"$t/err")" = 1 ] || fail "review stderr: $(cat "$t/err")"
stop
exit 0
