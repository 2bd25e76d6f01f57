# The sampled households on the screen: home counts what is still to
# visit; the list shows each household's state; v records a visit that
# gave no interview through the visit form (pre-filled from the sample),
# after which the household waits for its agreed revisit; Enter starts
# the household's interview, pre-filled, and once completed the household
# is interviewed.
. tests/tui/lib
form=tests/forms/tui-small.csv
supervisor
printf '1111\n2222\n' | "$KESU" user add li --role interviewer --as wang --pin-stdin >/dev/null || fail "add li"
cat >"$t/sample.csv" <<'CSV'
household_id,street,community,address,interviewer,weight
H01,yuetan,Yuetan Example Community,No. 1 Example Road,li,500
H02,niujie,Niujie Example Community,No. 2 Example Road,li,500
H03,niujie,Niujie Example Community,No. 3 Example Road,wang,500
CSV
as_wang sample load "$t/sample.csv" >/dev/null || fail "sample load"

start interview --form $form --as li
login 2222 "Households: 2 to visit, 0 of them again"
keys Down
wait_for "> Households"
keys Enter
wait_for "sampled households"
screen | grep -q "H01 *Yuetan Example Community No. 1 Example Road *not visited" ||
    fail "H01 line: $(screen)"
screen | grep -q "H03" && fail "li sees wang's household"
# A visit without an interview: nobody at home, back on the 29th.
keys v
wait_for "Household ID"
screen | grep -q "H01" || fail "household id not pre-filled: $(screen)"
keys Enter
wait_for "Subdistrict"
keys Enter
wait_for "Community"
keys Enter
wait_for "Outcome of this visit"
keys 5 Enter
wait_for "Agreed time of the next visit"
keys "2026-11-29 18:00" Enter
wait_for "Note"
keys "evenings only" Enter
wait_for "Nothing is missing"
keys Enter
wait_for "Households: 2 to visit, 1 of them again"
# The interview of H02: the form's field of the sample's name is filled.
keys Down Enter
wait_for "sampled households"
screen | grep -q "H01 .*revisit 2026-11-29 18:00" || fail "H01 after the visit: $(screen)"
keys Down Enter
wait_for "Age of the respondent"
keys 4 2 Enter
wait_for "Do you smoke?"
keys 2 Enter
wait_for "Your street"
keys Enter
wait_for "Nothing is missing"
keys Enter
wait_for "Households: 1 to visit, 1 of them again"
keys F10
wait_out "completed: uuid:"
stop
as_wang sample list --format csv >"$t/list.csv" || fail "sample list"
grep -q '^H01,.*,revisit,1,nobody_home,NC,2026-11-29 18:00$' "$t/list.csv" || fail "H01: $(cat "$t/list.csv")"
grep -q '^H02,.*,interviewed,1,interview,I,$' "$t/list.csv" || fail "H02: $(cat "$t/list.csv")"
grep -q '^H03,.*,new,0,,,$' "$t/list.csv" || fail "H03: $(cat "$t/list.csv")"
echo ok
