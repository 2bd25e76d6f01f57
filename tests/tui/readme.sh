# The README's screen captures are what the screen shows: two whole
# interviews of the bundled form by keys only (Chinese, then English)
# and a review session (the list, a street filter picked by its label,
# a record opened, one rejected with a comment, one approved, the
# report), each at 80x24 from tmux.  The README marks each capture with
# a line "<!-- capture: NAME -->" before its code block; the screens of
# one block are separated by a line "…".  Record IDs are compared as
# "ID" (they are random).
#
# Run by hand with README_WRITE=1 to write the captures into the README
# (README points at another file):
#   README_WRITE=1 TMPDIR_TEST=$(mktemp -d) KESU=build/kesu BUILD=build \
#       KESU_LOCALEDIR=build/locale bash tests/tui/readme.sh
. tests/tui/lib
readme=${README:-README.md}
form=forms/science-literacy.csv
caps=$t/caps
mkdir -p "$caps"
# settle: until the screen stays the same for a moment (kesu has drawn).
settle() {
	local a b i
	a=$(screen)
	for i in $(seq 50); do
		sleep 0.2
		b=$(screen)
		[ "$a" = "$b" ] && return 0
		a=$b
	done
}
# cap BLOCK: add the screen to capture block BLOCK.
cap() {
	settle
	[ -s "$caps/$1" ] && printf '…\n' >>"$caps/$1"
	screen >>"$caps/$1"
}
supervisor
python3 tests/tui/keys.py $form forms/examples/literate.txt thanks >"$t/keys" ||
    fail "keys"

# The interviews: home, then each screen named below as it comes, the
# end screen, and home again with the record completed.
for lang in zh en; do
	if [ $lang = zh ]; then
		home=新访问 last=没有缺漏 done=已完成：uuid:
	else
		home="New interview" last="Nothing is missing" done="Completed: uuid:"
	fi
	start --lang $lang interview --form $form --as wang
	login 1111 "$home"
	cap interview-$lang
	keys Enter
	if [ $lang = en ]; then wait_for "Hello! We are carrying out"; else wait_for "您好！我们正在开展"; fi
	cap interview-$lang
	if [ $lang = zh ]; then
		set -- 您愿意接受访问吗 您是哪一年出生的 您住在西城区的哪个街道 地心非常热 在家里闻到燃气泄漏
	else
		set -- "Will you take part" "In what year were you born" \
		    "Which subdistrict" "The centre of the Earth" "You smell leaking gas"
	fi
	while IFS= read -r k; do
		case $k in
		-l$'\t'*) PAUSE=0.1 keys -l "${k#-l	}" ;;
		*) PAUSE=0.1 keys "$k" ;;
		esac
		# The next screen to keep, once it shows (before its answer).
		if [ $# -gt 0 ] && screen | grep -qF -- "$1"; then
			cap interview-$lang
			shift
		fi
	done <"$t/keys"
	[ $# -eq 0 ] || fail "$lang: never showed '$1'"
	wait_for "$last"
	cap interview-$lang
	keys Enter
	wait_for "$done"
	cap interview-$lang
	keys F10
	wait_out "uuid:"
	stop
done

# The review session, on a database of its own (the interviews' minutes
# are the real time they took): records of two interviewers, in
# Tianqiao, Xinjiekou and Niujie.
export KESU_DB=$t/review.db
supervisor
printf '1111\n2222\n' | "$KESU" user add li --role interviewer --as wang --pin-stdin ||
    fail "add li"
printf '1111\n3333\n' | "$KESU" user add zhao --role interviewer --as wang --pin-stdin ||
    fail "add zhao"
run() { # run USER PIN TIME ANSWERS [STREET]
	local a=forms/examples/$4.txt
	if [ -n "${5:-}" ]; then
		sed "s/^street=.*/street=$5/" "$a" >"$t/a.txt"
		a=$t/a.txt
	fi
	printf '%s\n' "$2" | KESU_NOW=$3 "$KESU" form run $form --answers "$a" \
	    --save --as "$1" --pin-stdin >/dev/null || fail "form run $4"
}
run li 2222 2026-11-28T09:30:00+08:00 literate
run li 2222 2026-11-28T14:00:00+08:00 all-correct tianqiao
run li 2222 2026-11-28T15:00:00+08:00 all-dont-know tianqiao
run zhao 3333 2026-11-28T16:30:00+08:00 all-wrong
run zhao 3333 2026-11-28T22:40:00+08:00 literate tianqiao
start --lang en review --as wang
wait_for "PIN for wang"
keys 1111 Enter
wait_for "Review  wang  5 records"
cap review
keys w
wait_for "Filter by street"
keys Down Down Down Down Down Down Down Down Down
cap review
keys Enter
wait_for "street: Tianqiao Subdistrict"
wait_for "3 records"
cap review
keys Enter
wait_for "Answers"
cap review
keys r
wait_for "Why is it rejected?"
keys -l "k05: ask the question again, word for word"
cap review
keys Enter
wait_for "its interviewer sees the comment"
keys q
wait_for "Review  wang"
keys Down a
wait_for "approved."
cap review
keys e
wait_for "weighted proportion"
cap review
keys q
wait_for "Review  wang"
keys q
wait_gone "Review  wang"
stop

# The captures against the README's blocks (IDs masked), or into them.
mask() {
	sed -E -e 's/uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/uuid:ID/g' \
	    -e 's/^[0-9a-f]{8} /ID       /' \
	    -e 's/(Resume|继续|Rejected|退回) [0-9a-f]{8}/\1 ID/g'
}
block() { # block NAME: the README's block NAME
	awk -v m="<!-- capture: $1 -->" '
	$0 == m { on = 1; next }
	on == 1 && /^```/ { on = 2; next }
	on == 2 && /^```/ { exit }
	on == 2 { print }' "$readme"
}
if [ -n "${README_WRITE:-}" ]; then
	for f in "$caps"/*; do
		python3 - "$readme" "$(basename "$f")" "$f" <<'PY' || fail "write $f"
import sys
path, name, cap = sys.argv[1:]
text = open(path, encoding='utf-8').read()
mark = '<!-- capture: %s -->\n```\n' % name
i = text.index(mark) + len(mark)
j = text.index('```\n', i)
text = text[:i] + open(cap, encoding='utf-8').read() + text[j:]
open(path, 'w', encoding='utf-8').write(text)
PY
	done
	exit 0
fi
for f in "$caps"/*; do
	n=$(basename "$f")
	block "$n" | mask >"$t/want"
	mask <"$f" >"$t/got"
	[ -s "$t/want" ] || fail "README has no capture block $n"
	diff -u "$t/want" "$t/got" >"$t/diff" ||
	    fail "README capture $n differs from the screen (README_WRITE=1 rewrites it): $(head -40 "$t/diff")"
done
exit 0
