# "Question N of M" counts what this interview can ask.  An interview not
# started from the sample has no household id, so the household roster
# is never asked: its first screen is question 1, and M leaves the
# roster out.  From the sample the roster is asked, and the same form
# counts its questions too.  M stays put while the answers ahead are
# still to come (the consent question still counts the whole interview
# as askable).  Without LANG, in zh_CN.UTF-8 and in C.UTF-8, English and
# Chinese.
. tests/tui/lib
form=forms/science-literacy.csv
supervisor
printf '1111\n2222\n' | "$KESU" user add li --role interviewer --as wang --pin-stdin >/dev/null || fail "add li"
cat >"$t/sample.csv" <<'CSV'
household_id,street,community,address,interviewer,weight
H0101,yuetan,Yuetan Example Community,No. 1 Example Road,li,250
CSV
as_wang sample load "$t/sample.csv" >/dev/null || fail "sample load"
# The questions of the roster group (asked only from the sample), read
# from the form itself.
roster=$(awk -F, '$2 == "begin_group" && $3 == "household" { on = 1; next }
    on && $2 == "end_group" { exit }
    on && $2 ~ /^(note|text|integer|decimal|select_one|select_multiple|date|time|dateTime|acknowledge|range|rank|geopoint)( |$)/ { n++ }
    END { print n + 0 }' $form)
[ "$roster" -gt 0 ] || fail "no roster questions in $form"
# of: the M of "Question N of M" (English) or "第 N 题，共 M 题" on the screen.
of() {
	screen | sed -n 's/.*Question [0-9]* of \([0-9]*\).*/\1/p;
	    s/.*第 [0-9]* 题，共 \([0-9]*\) 题.*/\1/p' | head -n 1
}
# counter LOCALE LANG Q1 Q2 N1 N2: not from the sample, the consent intro
# (Q1) is question 1 and the consent question (Q2) question 2, of the
# same M; echoes M.
unsampled() {
	local m
	TUI_LOCALE=$1 start --lang $2 interview --form $form --as wang
	login 1111 "$3"
	keys Enter
	wait_for "$4"
	[ $2 = en ] && wait_for "Question 1 of " || wait_for "第 1 题，共 "
	m=$(of)
	keys Enter
	wait_for "$5"
	[ $2 = en ] && wait_for "Question 2 of $m " || wait_for "第 2 题，共 $m 题"
	keys 1 Enter
	[ $2 = en ] && wait_for "Question 3 of $m " || wait_for "第 3 题，共 $m 题"
	keys F10
	stop
	echo "$m"
}
m1=$(unsampled unset en "New interview" "Hello! We are carrying out" "Will you take part?") ||
    { echo "$m1"; exit 1; }
m2=$(unsampled zh_CN.UTF-8 zh "新访问" "您好！我们正在开展" "您愿意接受访问吗") ||
    { echo "$m2"; exit 1; }
m3=$(unsampled C.UTF-8 zh "新访问" "您好！我们正在开展" "您愿意接受访问吗") ||
    { echo "$m3"; exit 1; }
[ "$m1" = "$m2" ] && [ "$m1" = "$m3" ] || fail "M differs by locale: $m1 $m2 $m3"

# From the sample: the roster's intro is question 1 of M + the roster.
start interview --form $form --as li
login 2222 "Households: 1 to visit, 0 of them again"
keys Down
wait_for "> Households"
keys Enter
wait_for "sampled households"
keys Enter
wait_for "List everyone who lives in this household"
wait_for "Question 1 of $((m1 + roster)) "
keys Enter
wait_for "How to refer to this member"
wait_for "Question 2 of $((m1 + roster)) "
keys F10
stop
echo ok
