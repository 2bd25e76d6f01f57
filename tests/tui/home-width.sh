# Home in Chinese, in a zh_CN.UTF-8 locale: a draft whose question label
# is longer than the line keeps its time; the label is what gets cut, at a
# character boundary, with "…"; the F3 jump list cuts long labels with
# "…".
. tests/tui/lib
zh_locale
supervisor
start --lang zh interview --form forms/science-literacy.csv --as wang
wait_for "wang 的 PIN 码"
keys 1111 Enter
wait_for "新访问"
keys Enter
wait_for "您好！我们正在开展"
keys F3
wait_for "跳转"
screen | grep -q "您好！我们正在开展.*…$" || fail "jump list: no … on a long label"
keys Escape
wait_for "您好！我们正在开展"
keys F10
wait_for "继续 "
line=$(screen | grep "继续 ")
printf '%s\n' "$line" | grep -q "…，2026-11-28 10:00$" ||
    fail "the draft line lost its time or its …: $line"
keys F10
stop
exit 0
