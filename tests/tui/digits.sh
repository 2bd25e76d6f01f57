# Choice numbers beyond 9 (a list of twelve), under no LANG at all: digits
# typed without a pause make one number, shown on the status line before
# Enter keeps it; a pause of a second starts a new number, so a "1", a
# pause and a "1" is choice 1, never 11; a digit that would make a number
# beyond the list starts a new one.  KESU_DIGIT_PAUSE_MS sets the pause.
. tests/tui/lib
TUI_LOCALE=unset
form=tests/forms/tui-many.csv
supervisor
start interview --form $form --as wang
login 1111
keys Enter
wait_for "Pick one of twelve"
keys 1 1
wait_for "(*) 11. Choice 11"
screen | grep -q "Choice number 11; Enter confirms" || fail "11 not on the status line"
# One, then a pause of the real default (the status line says when the
# number is complete), then one again: still choice 1.
keys 1
wait_for "(*) 1. Choice 1"
screen | grep -q "Choice number 1 (a digit now makes it longer)" ||
    fail "the number being typed not shown"
wait_for "Choice number 1; Enter confirms"
keys 1
wait_for "(*) 1. Choice 1"
screen | grep -q "(\*) 11\." && fail "a pause made 11"
# 1 then 5: 15 is beyond the list, so 5 starts a new number.
keys 1 5
wait_for "(*) 5. Choice 5"
screen | grep -q "Choice number 5" || fail "5 not on the status line"
keys 1 2 Enter
wait_for "Pick some of twelve"
v() { sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select value from answers where name = '$1'"; }
[ "$(v one)" = c12 ] || fail "one = $(v one)"
stop
# A shorter pause from the environment: 1, the pause, 2 toggles 1 and 2.
export KESU_DIGIT_PAUSE_MS=200
id=$(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select uuid from records")
start interview --form $form --as wang --resume "$id"
wait_for "PIN"
keys 1111 Enter
wait_for "Pick some of twelve"
keys 1
wait_for "Choice number 1; Enter confirms"
keys 2
wait_for "[x] 2. Choice 2"
screen | grep -q "\[x\] 1\. Choice 1" || fail "1 not kept: $(screen)"
screen | grep -q "\[x\] 12\." && fail "12 after a pause"
keys Enter
wait_for "Last question"
[ "$(v many)" = "c1 c2" ] || fail "many = $(v many)"
stop
