# Typed input, in zh_CN.UTF-8: a number refuses a letter at the key press
# and says so; after a constraint message the refused value is selected,
# so the next digits replace it (1850 then 2030... here 12 then 42 gives
# 42); Ctrl-W deletes a word, Ctrl-U clears, Home and End move.  The PIN
# field says so when it refuses a letter.
. tests/tui/lib
TUI_LOCALE=zh_CN.UTF-8
form=tests/forms/tui-small.csv
supervisor
start interview --form $form --as wang
wait_for "PIN"
keys 1 a
wait_for "The PIN is digits only"
keys 111 Enter
wait_for "New interview"
keys Enter
wait_for "Age of the respondent"
keys 4 x
wait_for "Only digits here"
screen | grep -q "> 4 *$" || fail "a letter went in: $(screen)"
keys BSpace 1 2 Enter
wait_for "Age must be 18 to 69"
keys 4 2
wait_for "> 42"
screen | grep -q "> 1242" && fail "the refused value was not replaced"
keys Enter
wait_for "Do you smoke?"
keys 2 Enter
wait_for "Your street"
keys "Old Elm" C-w
wait_for "> Old"
screen | grep -q "Elm" && fail "Ctrl-W left the word"
keys C-u "lm" Home E End " Road"
wait_for "> Elm Road"
keys C-u
wait_gone "> Elm"
keys "长安街" Enter
wait_for "Nothing is missing"
[ "$(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select value from answers where name = 'name'")" = "长安街" ] ||
    fail "street not kept"
[ "$(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select value from answers where name = 'age'")" = 42 ] ||
    fail "age not 42"
stop
