# The record view of an interview that ended early (a non-resident
# respondent) says where it ended and with which answer, in the UI
# language, instead of an empty score section; the list does not flag it
# as speeding.  Figures keep their units and plurals are right.
. tests/tui/lib
supervisor
KESU_NOW=2026-11-28T10:00:00+08:00 "$KESU" form run forms/science-literacy.csv \
    --answers forms/examples/nonresident.txt --save --as wang --pin-stdin \
    >/dev/null <<<1111 || fail "form run"
start --lang en review --as wang
wait_for "PIN for wang"
keys 1111 Enter
wait_for "Review  wang  1 record "
keys Enter
wait_for "Scores"
screen | tr -d '\n' | grep -q 'The interview ended early, at "Have you lived in Xicheng.*(answer: No, less than 6 months)' ||
    fail "no reason for the missing scores"
# A figure stays with its unit; one session is "1 session".
screen | grep -q "0\.0 min" || fail "the unit left its figure"
screen | grep -q "  1 session, 0 s interviewing." || fail "no singular: $(screen | grep session)"
keys q
wait_for "Review  wang"
keys q
stop
exit 0
