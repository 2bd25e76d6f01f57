# The review list's keys: the footer spells them out, F1 or ? lists them
# all, w offers the streets by their labels to pick from (not choice
# names to type), the filter line names the street by its label, and Esc
# does what the footer's q does.  Run in a zh_CN.UTF-8 locale.
. tests/tui/lib
zh_locale
supervisor
run() { "$KESU" form run forms/science-literacy.csv --answers "$1" --save \
    --as wang --pin-stdin >/dev/null <<<1111 || fail "form run $1"; }
run forms/examples/literate.txt
sed 's/^street=.*/street=tianqiao/' forms/examples/literate.txt >"$t/tq.txt"
run "$t/tq.txt"
start --lang en review --as wang
wait_for "PIN for wang"
keys 1111 Enter
wait_for "Review  wang  2 records"
screen | tail -1 | grep -q "w street  f status  e report  ? keys  q quit" ||
    fail "footer: $(screen | tail -1)"
keys '?'
wait_for "Keys of the review list"
screen | grep -q "filter by street (pick from a list)" || fail "help"
keys x
wait_for "Review  wang  2 records"
keys F1
wait_for "Keys of the review list"
keys x
wait_for "Review  wang  2 records"
keys w
wait_for "Filter by street (15)"
screen | grep -q "> All streets" || fail "first item"
screen | grep -q "  Tianqiao Subdistrict" || fail "no labels to pick from: $(screen)"
for i in 1 2 3 4 5 6 7 8 9; do keys Down; done
wait_for "> Tianqiao Subdistrict"
keys Enter
wait_for "Review  wang  1 record "
screen | grep -q "street: Tianqiao Subdistrict" || fail "filter line: $(screen | sed -n 2p)"
keys w
wait_for "> Tianqiao Subdistrict"
keys Escape
wait_for "Review  wang  1 record "
keys Escape
wait_gone "Review  wang"
stop
exit 0
