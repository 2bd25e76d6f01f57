# Likert batteries and the other select layouts, under zh_CN.UTF-8 in
# Chinese: a table-list group is a grid (questions down, choices across,
# Chinese labels lined up by display width); a digit marks the row in hand,
# keeps it and takes the next row.  A likert question lays its choices
# across (Left/Right move), a minimal one is a drop-down (Space opens it,
# closed it shows the label chosen), and a `label` row heads the
# list-nolabel rows under it.  What is seen is what is stored.
. tests/tui/lib
TUI_LOCALE=zh_CN.UTF-8
form=forms/examples/attitudes.md
supervisor
v() { sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select value from answers where name = '$1'"; }
start --lang zh interview --form $form --as wang
login 1111 "新访问"
keys Enter
wait_for "关于您"
keys 4 2 Tab 2 Tab E l m PageDown
wait_for "您在多大程度上同意"
s=$(screen)
# The choices over the columns, each question a row with a mark per
# choice, the marks of every row in the same columns.
echo "$s" | grep -q "1 非常不.*2 不同意.*3 说不清.*4 同意" || fail "no grid header: $s"
row() { screen | grep -F "$1"; }
[ "$(row 科学使我们的生活更健康 | grep -o '( )' | wc -l)" = 5 ] || fail "row without 5 marks"
# The display columns before a row's first mark (wc -L counts a Chinese
# character as two).
col() { row "$1" | sed 's/( ).*//' | wc -L; }
[ "$(col 科学使我们的生活更健康)" = "$(col 我希望孩子成为科学家)" ] ||
    fail "columns not lined up: $(screen)"
# Digits: 4 for the first row, 2 for the second, each kept at once.
keys 4
wait_for "(*)"
[ "$(v v_use)" = 4 ] || fail "v_use = '$(v v_use)'"
keys 2 5
[ "$(v v_fast)" = 2 ] || fail "v_fast = '$(v v_fast)'"
[ "$(v v_fund)" = 5 ] || fail "v_fund = '$(v v_fund)'"
# The page is checked on the way on: the last row is missing.
keys PageDown
wait_for "抱歉，此题必须回答。"
row 我希望孩子成为科学家 >/dev/null || fail "row gone"
keys 3 Enter
wait_for "科学家值得信任"
[ "$(v v_kids)" = 3 ] || fail "v_kids = '$(v v_kids)'"
# likert: the five choices across one line, Right moves, Space marks.
line=$(screen | grep -F "( )")
[ "$(echo "$line" | grep -o '( )' | wc -l)" = 5 ] || fail "likert not across: $(screen)"
screen | grep -q "1 非常不同意.*5 非常同意" || fail "likert labels not across"
keys Right Right Right Space
wait_for "(*)"
keys Enter
wait_for "所在区"
[ "$(v trust)" = 4 ] || fail "trust = '$(v trust)'"
# minimal: closed, no list; Space opens it; Down and Enter pick; closed
# again it shows the label chosen.
screen | grep -qF "海淀区" && fail "drop-down open before Space"
keys Space
wait_for "4. 海淀区"
keys Down Down Down Enter
wait_gone "1. 东城区"
screen | grep -qF "[ 海淀区" || fail "chosen label not shown: $(screen)"
keys Enter
wait_for "您从哪里了解科学"
[ "$(v district)" = haidian ] || fail "district = '$(v district)'"
# label + list-nolabel: one header (the `label` row), the rows under it.
screen | grep -q "渠道.*1 经常.*2 有时.*3 从不" || fail "no label header: $(screen)"
keys 1 2 3
[ "$(v m_tv)" = often ] || fail "m_tv = '$(v m_tv)'"
[ "$(v m_net)" = sometimes ] || fail "m_net = '$(v m_net)'"
[ "$(v m_talk)" = never ] || fail "m_talk = '$(v m_talk)'"
keys Enter
wait_for "没有缺漏"
keys Enter
wait_for "已完成"
keys F10
stop
# The instance holds what was picked, as form run gives it.
xml=$(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select count(*) from records where status = 'completed'")
[ "$xml" = 1 ] || fail "not completed: $xml"
