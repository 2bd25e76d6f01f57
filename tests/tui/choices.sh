# Choices beyond 9: the digits typed in a row make the number (1 picks
# choice 1, a 2 right after moves the pick to 12); a key other than a digit
# ends the number, so a select_multiple gets 11 and then 3.
. tests/tui/lib
form=tests/forms/tui-many.csv
supervisor
start interview --form $form --as wang
login 1111
keys Enter
wait_for "Pick one of twelve"
keys 1 2
wait_for "(*) 12. Choice 12"
screen | grep -q "( ) 1. Choice 1" || fail "choice 1 still picked"
keys Enter
wait_for "Pick some of twelve"
keys 1 1
wait_for "[x] 11. Choice 11"
screen | grep -q "\[ \] 1. Choice 1" || fail "choice 1 left toggled: $(screen)"
keys Down 3
wait_for "[x] 3. Choice 3"
keys Enter
wait_for "Last question"
v() { sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select value from answers where name = '$1'"; }
[ "$(v one)" = c12 ] || fail "one = $(v one)"
[ "$(v many)" = "c3 c11" ] || fail "many = $(v many)"
stop
