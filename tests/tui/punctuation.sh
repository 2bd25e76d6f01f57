# No doubled punctuation where kesu joins a label to its own words: a
# draft stopped on a note ending in 。 reads "…说明，2026-11-28 10:00" at
# home (not "。，"), and the end screen lists a question ending in ？
# as "2. 您几岁了：…" (not "？："); curly quotes in a label are shown as
# written.  Run in zh_CN.UTF-8.
. tests/tui/lib
zh_locale
form=$t/form.md
cat >"$form" <<'FORM'
| survey |         |       |                                |          |               |
|        | type    | name  | label                          | required | relevant      |
|        | note    | intro | 请先读出“调查说明”。           |          |               |
|        | integer | age   | 您几岁了？                     | yes      | ${go} = 1     |
|        | integer | go    | 继续                           |          |               |
| settings | form_id | form_title |
|          | tui_pct | 标点       |
FORM
supervisor
start --lang zh interview --form $form --as wang
wait_for "wang 的 PIN 码"
keys 1111 Enter
wait_for "新访问"
keys Enter
wait_for "请先读出“调查说明”。"
keys F10
wait_for "继续 "
line=$(screen | grep "继续 ")
printf '%s\n' "$line" | grep -q "：请先读出“调查说明”，2026-11-28 10:00$" ||
    fail "the draft line: $line"
keys Down Enter
wait_for "请先读出“调查说明”。"
keys Enter
wait_for "继续"
keys 1 Enter
wait_for "2. 您几岁了"
screen | grep -q "  2\. 您几岁了：" || fail "end screen: $(screen | grep '您几岁了')"
! screen | grep -q "？：" || fail "doubled punctuation on the end screen"
keys F10
stop
exit 0
