# A full interview of the bundled questionnaire, keys only, in English and
# in Chinese: the keys come from forms/examples/literate.txt through
# tests/tui/keys.py, and the stored record scores as literate.
. tests/tui/lib
form=forms/science-literacy.csv
python3 tests/tui/keys.py $form forms/examples/literate.txt thanks >"$t/keys" ||
    fail "keys"
supervisor
n=0
for lang in en zh; do
	start --lang $lang interview --form $form --as wang
	if [ $lang = en ]; then login 1111; else login 1111 "新访问"; fi
	keys Enter
	# The first question shown is the greeting (the household roster
	# before it is for sampled households only).
	if [ $lang = en ]; then wait_for "Hello! We are carrying out"; else wait_for "您好"; fi
	[ $lang = zh ] && { screen | grep -q "您好" || fail "not in Chinese: $(screen)"; }
	while IFS= read -r k; do
		case $k in
		-l$'\t'*) PAUSE=0.1 keys -l "${k#-l	}" ;;
		*) PAUSE=0.1 keys "$k" ;;
		esac
	done <"$t/keys"
	if [ $lang = en ]; then wait_for "Nothing is missing"; else wait_for "没有缺漏"; fi
	keys Enter
	if [ $lang = en ]; then wait_for "Completed: uuid:"; else wait_for "已完成：uuid:"; fi
	keys F10
	wait_out "uuid:"
	grep -Eq "^(completed|已完成)(: |：)uuid:" "$t/out" || fail "$lang: not completed: $(cat "$t/out")"
	stop
	n=$((n + 1))
done
as_wang list --format csv >"$t/list.csv" || fail "list"
c=$(head -1 "$t/list.csv" | tr , '\n' | grep -nx literate | cut -d: -f1)
[ "$(sed 1d "$t/list.csv" | cut -d, -f"$c" | sort -u)" = 1 ] ||
    fail "not literate: $(cat "$t/list.csv")"
[ "$(sed 1d "$t/list.csv" | grep -c ',completed,')" = 2 ] || fail "two records expected"
