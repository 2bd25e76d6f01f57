# Nothing typed is lost: F10, Ctrl-C, SIGTERM and SIGHUP keep what is on
# the screen.  A valid value becomes the answer; one the form refuses is
# held in the draft and comes back on resume with its message.  The end
# of the input (the terminal gone) saves the draft too.
. tests/tui/lib
form=tests/forms/tui-small.csv
supervisor
v() { sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select value from answers where name = '$1'"; }
resume() { # resume ID TEXT: open draft ID, wait for TEXT
	start interview --form $form --as wang --resume "$1"
	wait_for "PIN"
	keys 1111 Enter
	wait_for "$2"
}
start interview --form $form --as wang
login 1111
keys Enter
wait_for "Age of the respondent"
# 50 typed, F10: kept as the answer.
keys 5 0 F10
wait_for "New interview"
id=$(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select uuid from records")
[ "$(v age)" = 50 ] || fail "age after F10 = '$(v age)'"
keys F10
stop
# 12 typed (the form wants 18 to 69), Ctrl-C: held, shown again with its
# message on resume; the answer stays 50.
resume "$id" "> 50"
keys BSpace BSpace 1 2 C-c
wait_for "Draft saved"
[ "$(v age)" = 50 ] || fail "age after Ctrl-C = '$(v age)'"
p=$(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select field || '=' || value from draft_pending")
[ "$p" = "age=12" ] || fail "pending = '$p'"
stop
resume "$id" "> 12"
wait_for "Age must be 18 to 69"
# Fixed now: the pending input is gone once an answer is kept.
keys BSpace BSpace 4 0 Enter
wait_for "Do you smoke?"
[ "$(v age)" = 40 ] || fail "age = '$(v age)'"
# A choice marked, not confirmed, then SIGTERM: kept.
keys 1
wait_for "(*) 1. Yes"
pid=$(pgrep -f "^$KESU interview --form $form" | head -1)
kill -TERM "$pid"
wait_out "draft saved"
stop
[ "$(v smoker)" = yes ] || fail "smoker after SIGTERM = '$(v smoker)'"
[ "$(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select count(*) from draft_pending")" = 0 ] ||
    fail "pending left behind"
# SIGHUP on the cigarettes question with 7 typed.
resume "$id" "(*) 1. Yes"
keys Enter
wait_for "Cigarettes a day"
keys 7
pid=$(pgrep -f "^$KESU interview --form $form" | head -1)
kill -HUP "$pid"
wait_out "draft saved"
stop
[ "$(v cigs)" = 7 ] || fail "cigs after SIGHUP = '$(v cigs)'"
# The input ends (a pipe: the PIN, then keys, then nothing): the street
# typed so far is kept.
mkfifo "$t/in"
tmux new-session -d -x 80 -y 24 -s "$S" \
    "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm KESU_DB=$KESU_DB KESU_NOW=$KESU_NOW KESU_LANG=en KESU_LOCALEDIR=$KESU_LOCALEDIR $KESU interview --form $form --as wang --pin-stdin --resume $id <$t/in >$t/out 2>&1; echo EXIT \$?; sleep 30"
exec 3>"$t/in"
printf '1111\n' >&3
wait_for "Cigarettes a day"
printf '\n' >&3
wait_for "Your street"
printf 'Elm' >&3
wait_for "> Elm"
exec 3>&-
# One line says why kesu left (exit 74, an I/O error), the draft kept.
wait_for "EXIT 74"
grep -q "the terminal's input ended" "$t/out" || fail "no line: $(cat "$t/out")"
[ "$(v name)" = Elm ] || fail "street after EOF = '$(v name)'"
stop
