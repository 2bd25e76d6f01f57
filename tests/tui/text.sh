# Text appearances: a text with appearance numbers refuses a letter at the
# key press and says so, and keeps its leading zero (the value is text);
# a multiline text takes a new line with Ctrl-J, shows each line on a row
# of its own, and Enter confirms it as on every question.
. tests/tui/lib
form=tests/forms/tui-text.md
supervisor
start interview --form $form --as wang
login 1111
keys Enter
wait_for "Telephone number"
keys 0 1 x
wait_for "Only a number here"
screen | grep -q "> 01 *$" || fail "a letter went in: $(screen)"
keys 3 . 5 Enter
wait_for "What happened?"
wait_for "Ctrl-J starts a new line"
keys "The roof fell in" C-j "nobody was hurt"
wait_for "nobody was hurt"
screen | grep -q "> The roof fell in *$" || fail "the first line is not on a row of its own: $(screen)"
screen | grep -q "^ *nobody was hurt *$" || fail "the second line is not on a row of its own: $(screen)"
keys Enter
wait_for "Anything else?"
[ "$(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select value from answers where name = 'phone'")" = "013.5" ] ||
    fail "numbers text not kept as typed"
[ "$(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select value from answers where name = 'story'")" = "The roof fell in
nobody was hurt" ] || fail "the two lines not kept: $(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select value from answers where name = 'story'")"
# Elsewhere Ctrl-J is Enter, as before.
keys "plain" C-j
wait_for "Nothing is missing"
stop
