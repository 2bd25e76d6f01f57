# A sampled household interviewed on the screen with the bundled
# questionnaire: from the households list, Enter starts it with the
# household id and base weight from the sample; the roster asks each
# member in turn; the form selects the respondent from the seed the id
# gives and says whom to interview.  Here the selected member declines:
# the record keeps the roster, the selection, its probability and the
# design weight.
. tests/tui/lib
form=forms/science-literacy.csv
supervisor
printf '1111\n2222\n' | "$KESU" user add li --role interviewer --as wang --pin-stdin >/dev/null || fail "add li"
cat >"$t/sample.csv" <<'CSV'
household_id,street,community,address,interviewer,weight
H0101,yuetan,Yuetan Example Community,No. 1 Example Road,li,250
CSV
as_wang sample load "$t/sample.csv" >/dev/null || fail "sample load"

start interview --form $form --as li
login 2222 "Households: 1 to visit, 0 of them again"
keys Down
wait_for "> Households"
keys Enter
wait_for "sampled households"
keys Enter
wait_for "List everyone who lives in this household"
keys Enter
wait_for "How to refer to this member"
screen | grep -q "Household member 1 of 1" || fail "instance line"
keys m o t h e r Enter
wait_for "Age in completed years"
keys 4 5 Enter
wait_for "Has this member lived in Xicheng for 6 months or more?"
keys 1 Enter
wait_for "Add another Household member"
# The prompt is no question of its own: it carries the next one's number.
screen | grep -q "Question 0 of" && fail "the add-another prompt is question 0: $(screen)"
screen | grep -q "Question [1-9][0-9]* of" || fail "no question number on the prompt: $(screen)"
keys 1
wait_for "Household member 2 of 2"
keys s o n Enter
wait_for "Age in completed years"
keys 2 0 Enter
wait_for "Has this member lived in Xicheng for 6 months or more?"
keys 1 Enter
wait_for "Add another Household member"
keys 1
wait_for "Household member 3 of 3"
keys g r a n d m a Enter
wait_for "Age in completed years"
keys 7 5 Enter
wait_for "Has this member lived in Xicheng for 6 months or more?"
keys 1 Enter
wait_for "Add another Household member"
keys Enter
# H0101: seed 4875372, draw 1263364289; 2 eligible (mother, son): the
# second, son (member 2).
wait_for "Interview this member (drawn from the eligible members"
screen | grep -q "^  > son$" || fail "the selected member: $(screen)"
keys Enter
wait_for "Hello! We are carrying out"
keys Enter
wait_for "Will you take part?"
keys 2 Enter
wait_for "Nothing is missing. Enter finalizes."
keys Enter
wait_for "Households: 0 to visit, 0 of them again"
keys F10
wait_out "completed: uuid:"
stop
id=$(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select uuid from records where status = 'completed'")
[ -n "$id" ] || fail "no completed record"
xml=$(as_wang show "$id")
for want in "<household_id>H0101</household_id>" "<weight>250</weight>" \
    "<n_members>3</n_members>" "<n_eligible>2</n_eligible>" \
    "<respondent_no>2</respondent_no>" "<selected_member>son</selected_member>" \
    "<selection_prob>0.5</selection_prob>" "<design_weight>500</design_weight>" \
    "<consent>no</consent>"; do
	echo "$xml" | grep -q "$want" || fail "$want: $xml"
done
echo ok
