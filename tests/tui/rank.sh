# A rank question: digits give the choices their places in order, shown
# beside each choice and spelt out under them; a digit on a placed choice
# takes it out, Backspace the last placed; a ranking that leaves a choice
# out is refused; the value is the names in order, as ODK stores it.
. tests/tui/lib
form=tests/forms/tui-rank.md
supervisor
start interview --form $form --as wang
login 1111
keys Enter
wait_for "Rank where you learn of science"
wait_for "[ ] 1. Television"
wait_for "Type the numbers in order of preference"
keys 2
wait_for "[1] 2. The internet"
wait_for "Order: The internet"
keys 4 1
wait_for "Order: The internet > Talking with people > Television"
wait_for "[3] 1. Television"
keys 4
wait_for "Order: The internet > Television"
wait_for "[2] 1. Television"
keys BSpace
wait_for "Order: The internet"
screen | grep -q "Television$" && screen | grep -q "\[2\]" && fail "Backspace left the last place"
keys 4 1 Enter
wait_for "'paper' is not ranked; rank every choice"
keys 3
wait_for "Order: The internet > Talking with people > Television > Newspapers"
keys Enter
wait_for "Why that order?"
[ "$(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select value from answers where name = 'pref'")" = "web talk tv paper" ] ||
    fail "ranking not kept: $(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select name, value from answers")"
keys PPage
wait_for "[2] 4. Talking with people"
stop
