# The review screen: the list with its columns and flags, a filter by
# interviewer and by status, sorting, the record view (answers in the
# form language, F2 switches; scores, paradata, history), approve from
# the view, and the approval seen by `kesu show`.
. tests/tui/lib
form=forms/science-literacy.csv
printf '1111\n' | "$KESU" user add wang --role supervisor --pin-stdin || fail "add wang"
printf '1111\n2222\n' | "$KESU" user add li --role interviewer --as wang --pin-stdin || fail "add li"
printf '1111\n3333\n' | "$KESU" user add zhang --role interviewer --as wang --pin-stdin || fail "add zhang"
run() { printf '%s\n' "$2" | KESU_NOW=$3 "$KESU" form run $form --answers "forms/examples/$4.txt" \
    --save --as "$1" --pin-stdin >/dev/null || fail "form run $4"; }
run li 2222 2026-11-28T10:00:00+08:00 literate
run li 2222 2026-11-28T11:00:00+08:00 all-dont-know
run zhang 3333 2026-11-28T23:10:00+08:00 all-wrong
start --lang en review --as wang
wait_for "PIN for wang"
keys 1111 Enter
wait_for "Review  wang  3 records"
screen | grep -q "^id  *interviewer  *start  *min  *status  *street  *score  *flags" || fail "column heads"
screen | grep -q "li  *2026-11-28 10:00  *-  *completed  *Xinjiekou S…  *83" || fail "first row"
screen | grep -q "li  *2026-11-28 11:00 .* 0  *LD$" || fail "straight-lining and don't know flags"
screen | grep -q "zhang  *2026-11-28 23:10 .*H$" || fail "odd-hours flag"
# Filter by interviewer, then clear.
keys i
wait_for "Interviewer (empty: all):"
keys zhang Enter
wait_for " 1 record "
screen | grep -q "interviewer: zhang" || fail "filter line"
! screen | grep -q " li  " || fail "li's records shown under the zhang filter"
keys c
wait_for "3 records"
# Sort by duration, then by interviewer descending: zhang first.
keys s s o
wait_for "sort: interviewer v"
screen | sed -n 4p | grep -q zhang || fail "zhang not first when sorted by interviewer descending"
keys s s o
wait_for "sort: start ^"
# The record view of the first record, English then Chinese.
keys Enter
wait_for "Answers"
screen | grep -q "^Status: completed  Interviewer: li$" || fail "view head"
screen | grep -q "^Started: 2026-11-28 10:00  Duration: " || fail "view head, second line"
screen | grep -q "^In what year were you born" || fail "English label"
screen | grep -q "    > Xinjiekou Subdistrict" || fail "choice label"
keys F2
wait_for "您是哪一年出生的"
screen | grep -q "    > 新街口街道" || fail "Chinese choice label"
keys F2
wait_for "In what year were you born"
for i in 1 2 3 4 5 6 7 8; do keys NPage; done
wait_for "Total score"
screen | grep -q "Total score  *83" || fail "score breakdown"
for i in 1 2 3 4 5 6 7 8; do keys NPage; done
wait_for "Status history"
screen | grep -q "draft → completed" || fail "history"
screen | grep -q "^Paradata\|sessions," || fail "paradata"
# Approve from the view.
keys a
wait_for "approved."
keys q
wait_for "Review  wang"
screen | grep -q "li  *2026-11-28 10:00  *-  *approved" || fail "the list does not show the approval"
# Status filter: approved only.
keys f f
wait_for "status: approved"
wait_for " 1 record "
keys q
sleep 0.5
stop
id=$(printf '1111\n' | "$KESU" review --list --format csv --status approved --as wang --pin-stdin | sed -n '2s/,.*//p')
[ -n "$id" ] || fail "no approved record"
printf '1111\n' | "$KESU" show "$id" --as wang --pin-stdin | grep -q "wang .*completed -> approved" ||
    fail "show: no approval by wang"
exit 0
