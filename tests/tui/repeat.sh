# A roster on the screen: the first member is asked at once; after the
# last, "add another?" (1 adds, Enter goes on); the jump list shows each
# member's questions; F4 deletes a member after a 'y'; the draft keeps
# what is left.
. tests/tui/lib
form=tests/forms/tui-repeat.md
supervisor
start interview --form $form --as wang
login 1111
keys Enter
wait_for "Household code"
keys A 1 Enter
wait_for "Name of the member"
screen | grep -q "Member 1 of 1" || fail "instance line"
keys L i Enter
wait_for "Age of the member"
keys 4 0 Enter
wait_for "Add another Member"
screen | grep -q "Member: 1 so far." || fail "count on the prompt"
keys 1
wait_for "Member 2 of 2"
keys W a n g Enter
wait_for "Age of the member"
keys 1 2 Enter
wait_for "Add another Member"
keys F3
wait_for "Jump to a question"
screen | grep -q "Name of the member  (member\[2\]/mname)" ||
    fail "jump list instance"
keys Escape
wait_for "Add another Member"
keys PageUp
wait_for "Member 2 of 2"
keys F4
wait_for "Delete Member 2 and all its answers?"
keys n
wait_for "Member 2 of 2"
keys F4
wait_for "Delete Member 2 and all its answers?"
keys y
wait_for "Member: 1 so far."
keys Enter
wait_for "End of the roster"
keys F10
wait_for "Draft saved"
v=$(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select group_concat(name || '=' || value, ';') from (select name, value from answers order by name)")
[ "$v" = "hh=A1;member=1;member[1]/age=40;member[1]/mname=Li" ] ||
    fail "draft answers: $v"
stop
