# Picking a roster member on the screen: select_one ${m_name} offers the
# names typed in the roster, those its choice_filter leaves out (a child)
# are not shown, and the number key picks one; a name is marked as a
# whole ("Li Ming" chosen does not mark "Li").
. tests/tui/lib
form=tests/forms/tui-roster-pick.md
supervisor
start interview --form $form --as wang
login 1111
keys Enter
wait_for "Name of the member"
keys "Li Ming" Enter
wait_for "Age of the member"
keys 4 0 Enter
wait_for "Add another Member"
keys 1
wait_for "Member 2 of 2"
keys W a n g Enter
wait_for "Age of the member"
keys 1 2 Enter
wait_for "Add another Member"
keys 1
wait_for "Member 3 of 3"
keys L i Enter
wait_for "Age of the member"
keys 3 5 Enter
wait_for "Add another Member"
keys Enter
wait_for "Who answers the survey?"
screen | grep -q "1\. Li Ming" || fail "first adult offered"
screen | grep -q "2\. Li$" || fail "second adult offered"
screen | grep -q "Wang" && fail "a child offered"
keys 1
keys Enter
wait_for "End of the interview"
keys PageUp
wait_for "Who answers the survey?"
screen | grep -q "(\*) 1\. Li Ming" || fail "the answer marked"
screen | grep -q "( ) 2\. Li$" || fail "another name marked"
keys PageDown
wait_for "End of the interview"
keys F10
wait_for "Draft saved"
v=$(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select value from answers where name = 'resp'")
[ "$v" = "Li Ming" ] || fail "answer: $v"
stop
