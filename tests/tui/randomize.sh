# A select with randomize=true and seed=${field} shows its choices in the
# order ODK Collect gives for that seed (the same order ODK's engine gives
# for tests/forms/scen-randomize.md); the number keys pick by that order
# and the answer stored is the choice's name, a select_multiple's in the
# order shown.
. tests/tui/lib
form=tests/forms/scen-randomize.md
supervisor
start interview --form $form --as wang
login 1111
keys Enter
wait_for "Household number"
keys 2 0 2 6 1 1 2 8 Enter
wait_for "Area code"
keys 3 1 1 Enter
wait_for "Which is a star?"
wait_for "1. Jupiter"
screen | grep -q "2. Mercury" || fail "sun: not ODK's order"
screen | grep -q "7. Saturn" || fail "sun: not ODK's order"
keys 3
wait_for "(*) 3. Sun"
keys Enter
wait_for "Which are rocky?"
wait_for "1. Jupiter"
screen | grep -q "3. Earth" || fail "rocky: not ODK's order"
screen | grep -q "7. Venus" || fail "rocky: not ODK's order"
keys 7 4 3 2
wait_for "[x] 2. Mercury"
keys Enter
wait_for "Which is inner?"
wait_for "1. Earth"
screen | grep -q "4. Mars" || fail "inner: not ODK's order"
screen | grep -q "Jupiter" && fail "inner: the filter let Jupiter in"
keys 4 Enter
wait_for "Which is biggest?"
wait_for "1. Sun"
v() { sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select value from answers where name = '$1'"; }
[ "$(v sun)" = sun ] || fail "sun = $(v sun)"
[ "$(v rocky)" = "mercury earth mars venus" ] || fail "rocky = $(v rocky)"
[ "$(v inner)" = mars ] || fail "inner = $(v inner)"
stop
