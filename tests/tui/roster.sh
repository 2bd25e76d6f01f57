# The household-roster example on the screen: two members, no third, and
# the finalized instance selects the member the stored seed gives (the
# same one `kesu form run` and ODK's engine select: scen-example-roster).
. tests/tui/lib
form=forms/examples/household-roster.md
supervisor
start interview --form $form --as wang
login 1111
keys Enter
wait_for "Household sample number"
keys 1 0 4 3 Enter
wait_for "Name (or initials)"
screen | grep -q "Household member 1 of 1" || fail "instance line"
keys L i Enter
wait_for "Age in completed years"
keys 4 5 Enter
wait_for "Has lived here for 6 months or more?"
keys 1 Enter
wait_for "Add another Household member"
keys 1
wait_for "Household member 2 of 2"
keys W a n g Enter
wait_for "Age in completed years"
keys 4 3 Enter
wait_for "Has lived here for 6 months or more?"
keys 1 Enter
wait_for "Add another Household member"
keys Enter
wait_for "The respondent is chosen"
keys Enter
wait_for "Nothing is missing. Enter finalizes."
keys Enter
wait_for "New interview"
keys F10
id=$(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select uuid from records where status = 'completed'")
[ -n "$id" ] || fail "no completed record"
xml=$(as_wang show "$id")
echo "$xml" | grep -q "<seed>50346653</seed>" || fail "seed: $xml"
echo "$xml" | grep -q "<respondent>Wang</respondent>" || fail "respondent: $xml"
echo "$xml" | grep -q "<selection_prob>0.5</selection_prob>" ||
    fail "probability: $xml"
stop
