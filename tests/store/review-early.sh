# Quality flags mean what they say: an interview that ended early (a
# refusal, a non-resident) is short because it ended, not because it was
# rushed: it is never flagged as speeding, and it does not pull down the
# median that complete interviews are compared with.
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db
fail() { echo "FAIL: $*"; exit 1; }
form=forms/science-literacy.csv
printf '1111\n' | "$KESU" user add wang --role supervisor --pin-stdin || fail "add wang"
n=0
run() { # run EXAMPLE MINUTES
	n=$((n + 1))
	KESU_NOW=2026-11-28T1$n:00:00+08:00 "$KESU" form run "$form" \
	    --answers "forms/examples/$1.txt" --save --as wang --pin-stdin \
	    >/dev/null <<<1111 || fail "form run $1"
	sqlite3 "$KESU_DB" "update records set duration = $2 * 60 where id = $n" ||
	    fail "sqlite3"
}
run literate 20
run all-correct 22
run all-wrong 24
run literate 8
run refusal 1
run nonresident 2
run refusal 1
printf '1111\n' | "$KESU" review --list --format csv --as wang --pin-stdin >"$t/list" ||
    fail "review --list"
flags() { sed -n "$(($1 + 1))p" "$t/list" | awk -F, '{print $NF}'; }
# The complete ones: 20, 22, 24, 8 minutes, median 21; 8 is speeding.
[ "$(flags 4)" = "speeding" ] || fail "8 of 21 minutes not flagged: $(cat "$t/list")"
for i in 1 2 3 5 6 7; do
	[ "$(flags $i)" = "" ] || fail "record $i flagged '$(flags $i)': $(cat "$t/list")"
done
exit 0
