# The review screen in Chinese on a machine with LANG unset: it opens the
# terminal as the interview screen does (a UTF-8 locale even then), so
# Chinese labels are drawn, not "????" and not English; a street label
# longer than its column and a long Chinese interviewer name are cut at
# a character boundary with "…", and the columns after them stay in
# place.
. tests/tui/lib
form=$t/form.csv
# The bundled form with a long Chinese street label.
sed 's/,新街口街道,/,新街口街道办事处西城区第一社区,/' forms/science-literacy.csv >"$form"
printf '1111\n' | "$KESU" user add wang --role supervisor --pin-stdin || fail "add wang"
printf '1111\n2222\n' | "$KESU" user add 欧阳娜娜丽莎司马 --role interviewer --as wang --pin-stdin ||
    fail "add the interviewer"
printf '2222\n' | "$KESU" form run "$form" --answers forms/examples/literate.txt \
    --save --as 欧阳娜娜丽莎司马 --pin-stdin >/dev/null || fail "form run"
TUI_LOCALE=unset
start --lang zh review --as wang
wait_for "wang 的 PIN 码"
keys 1111 Enter
wait_for "审核  wang  共 1 条记录"
! screen | grep -q '??' || fail "question marks instead of Chinese"
# 编号 at 0, 调查员 at 9, ..., 街道 at 53, 得分 at 66 (display columns).
head=$(screen | sed -n 3p)
printf "%s\n" "$head" | grep -q "^编号  *调查员 .* 街道  *得分 标记" || fail "heads: $head"
row=$(screen | sed -n 4p)
printf '%s\n' "$row" | grep -q " 欧阳娜娜丽… " || fail "the name is not cut with …: $row"
printf '%s\n' "$row" | grep -q " 新街口街道…  *83\( \|$\)" || fail "the street is not cut with … before the score: $row"
# The score starts where its head does: the same display column.  It is
# looked for after the street, as the record's id may hold "83" too.
col() { printf '%s' "$1" | python3 -c 'import sys, unicodedata
s = sys.stdin.read(); i = s.index(sys.argv[1], s.index(sys.argv[2]) if len(sys.argv) > 2 else 0); print(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s[:i]))' "$2" ${3:+"$3"}; }
[ "$(col "$head" 得分)" -le "$(col "$row" 83 新街口街道…)" ] || fail "the score left its column"
[ "$(col "$row" 83 新街口街道…)" -lt 72 ] || fail "the score ran past its column"
keys Enter
wait_for "新街口街道办事处西城区第一社区"
keys q
wait_for "审核  wang"
keys q
wait_gone "审核"
stop
exit 0
