# The record view at 80x24: several flags are listed as the language
# lists things (", " in English, the enumeration comma "、" in Chinese,
# as kesu review --list does), and the facts line wraps between its
# facts: "Duration: 0.0 min" is never split from its number, nor moved
# whole to a line of its own while it fits after the others.  English
# under C.UTF-8, Chinese under zh_CN.UTF-8 and with LANG unset.
. tests/tui/lib
supervisor
printf '1111\n2222\n' | "$KESU" user add li --role interviewer --as wang --pin-stdin >/dev/null ||
    fail "add li"
# All "don't know": straight-lining and don't-know flags.
printf '2222\n' | KESU_NOW=2026-11-28T15:00:00+08:00 "$KESU" form run forms/science-literacy.csv \
    --answers forms/examples/all-dont-know.txt --save --as li --pin-stdin >/dev/null ||
    fail "form run"
as_wang --lang zh review --list >"$t/list" || fail "review --list"
view() { # view LOCALE LANG: open the record, keep the screen in $t/LANG
	TUI_LOCALE=$1 start --lang $2 review --as wang
	wait_for "PIN"
	keys 1111 Enter
	if [ $2 = en ]; then wait_for "1 record"; else wait_for "共 1 条记录"; fi
	keys Enter
	if [ $2 = en ]; then wait_for "Answers"; else wait_for "回答"; fi
	screen >"$t/$2.screen"
	stop
}
view C.UTF-8 en
grep -q "^Flags: straight, dk$" "$t/en.screen" || fail "en flags: $(cat "$t/en.screen")"
grep -q "^Started: 2026-11-28 15:00  Duration: [0-9.]* min$" "$t/en.screen" ||
    fail "en duration split: $(cat "$t/en.screen")"
grep -q "^  Duration" "$t/en.screen" && fail "en duration alone on its line: $(cat "$t/en.screen")"
for loc in zh_CN.UTF-8 unset; do
	view $loc zh
	grep -q "^标记：直线作答、不知道多$" "$t/zh.screen" || fail "zh flags ($loc): $(cat "$t/zh.screen")"
	grep -q "^开始：2026-11-28 15:00  时长：[0-9.]* 分钟$" "$t/zh.screen" ||
	    fail "zh duration split ($loc): $(cat "$t/zh.screen")"
	grep -q "^  时长" "$t/zh.screen" && fail "zh duration alone ($loc): $(cat "$t/zh.screen")"
done
# The --list column too.
grep -q "直线作答、不知道多" "$t/list" || fail "--list flags: $(cat "$t/list")"
echo ok
