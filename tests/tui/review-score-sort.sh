# The review list sorted by score (t): the records in the order of the
# form's declared score (kesu_score), highest first after o; the score
# column stays after c clears the filters.  Run with LANG unset.
. tests/tui/lib
TUI_LOCALE=unset
supervisor
run() { KESU_NOW=$2 "$KESU" form run forms/science-literacy.csv --answers \
    "forms/examples/$1.txt" --save --as wang --pin-stdin >/dev/null <<<1111 ||
    fail "form run $1"; }
# Started in an order that is not the score's.
run literate 2026-11-28T09:00:00+08:00
run all-correct 2026-11-28T10:00:00+08:00
run all-wrong 2026-11-28T11:00:00+08:00
start --lang en review --as wang
wait_for "PIN for wang"
keys 1111 Enter
wait_for "Review  wang  3 records"
scores() { screen | sed -n '4,6p' | awk '{ print $(NF) ~ /^[A-Z]+$/ ? $(NF-1) : $NF }' | tr '\n' ' '; }
[ "$(scores)" = "83 100 0 " ] || fail "scores by start: $(scores)"
keys t
wait_for "sort: score ^"
[ "$(scores)" = "0 83 100 " ] || fail "scores sorted ascending: $(scores)"
keys o
wait_for "sort: score v"
[ "$(scores)" = "100 83 0 " ] || fail "scores sorted descending: $(scores)"
keys c
wait_for "sort: score v"
[ "$(scores)" = "100 83 0 " ] || fail "after c: $(scores)"
keys q
wait_gone "Review  wang"
stop
exit 0
