# Command-line tables pad and cut by display width: a long Chinese
# interviewer name is cut at a character boundary with "…" and the
# columns after it start where their heads do (kesu list, kesu review
# --list), in Chinese as in English.
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db
fail() { echo "FAIL: $*"; exit 1; }
printf '1111\n' | "$KESU" user add wang --role supervisor --pin-stdin || fail "add wang"
name=欧阳娜娜丽莎司马相如
printf '1111\n2222\n' | "$KESU" user add $name --role interviewer --as wang --pin-stdin ||
    fail "add $name"
"$KESU" form run forms/science-literacy.csv --answers forms/examples/literate.txt \
    --save --as $name --pin-stdin >/dev/null <<<2222 || fail "form run"
# The display column where TEXT starts on line N of FILE.
col() { sed -n "$2p" "$1" | python3 -c 'import sys, unicodedata
s = sys.stdin.read(); i = s.index(sys.argv[1])
print(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s[:i]))' "$3"; }
for lang in en zh; do
	printf '1111\n' | "$KESU" --lang $lang list --as wang --pin-stdin >"$t/list" ||
	    fail "list"
	grep -q " 欧阳娜娜丽… " "$t/list" || fail "$lang: the name is not cut with …: $(cat "$t/list")"
	[ "$(col "$t/list" 2 2026-)" = "$(col "$t/list" 1 "$(sed -n 1p "$t/list" |
	    awk '{print $4}')")" ] || fail "$lang: the start column moved: $(cat "$t/list")"
	printf '1111\n' | "$KESU" --lang $lang review --list --as wang --pin-stdin >"$t/rl" ||
	    fail "review --list"
	grep -q " 欧阳娜娜丽… " "$t/rl" || fail "$lang: review --list: $(cat "$t/rl")"
done
exit 0
