# Labels, not codes, in the UI language: the record view's scores by the
# form's labels (科学知识得分, not score_knowledge), and `kesu review
# --list` with the street's label; the CSV keeps the codes.  The screen
# runs with LANG unset.
. tests/tui/lib
TUI_LOCALE=unset
supervisor
"$KESU" form run forms/science-literacy.csv --answers forms/examples/literate.txt \
    --save --as wang --pin-stdin >/dev/null <<<1111 || fail "form run"
KESU_LANG=zh as_wang --lang zh review --list >"$t/zh" || fail "review --list"
grep -q " 新街口街道 " "$t/zh" || fail "--list in Chinese: $(cat "$t/zh")"
as_wang --lang en review --list >"$t/en" || fail "review --list"
grep -q " Xinjiekou Subd… " "$t/en" || fail "--list in English: $(cat "$t/en")"
as_wang review --list --format csv >"$t/csv" || fail "review --list --format csv"
grep -q ",completed,xinjiekou,83," "$t/csv" || fail "the CSV's codes: $(cat "$t/csv")"
start --lang zh review --as wang
wait_for "wang 的 PIN 码"
keys 1111 Enter
wait_for "共 1 条记录"
keys Enter
wait_for "回答"
i=0
while ! screen | grep -q "总分"; do
	i=$((i + 1))
	[ $i -lt 20 ] || fail "no total score"
	keys NPage
done
screen | grep -q "科学知识得分  *34" || fail "the knowledge score's label"
screen | grep -q "总分  *83" || fail "the total's label: $(screen)"
! screen | grep -q "score_" || fail "a score's field name on the screen"
keys q
wait_for "审核  wang"
keys q
wait_gone "审核"
stop
exit 0
