# kesu review --list / --summary: quality flags (speeding against the
# median, straight-lining, don't know, odd hours) with their options, the
# filters, and the per-interviewer summary; supervisors only.
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db
fail() { echo "FAIL: $*"; exit 1; }
form=forms/science-literacy.csv
printf '1111\n' | "$KESU" user add wang --role supervisor --pin-stdin || fail "add wang"
printf '1111\n2222\n' | "$KESU" user add li --role interviewer --as wang --pin-stdin || fail "add li"
printf '1111\n3333\n' | "$KESU" user add zhang --role interviewer --as wang --pin-stdin || fail "add zhang"
run() { # run USER PIN NOW EXAMPLE
	printf '%s\n' "$2" | KESU_NOW=$3 "$KESU" form run "$form" \
	    --answers "forms/examples/$4.txt" --save --as "$1" --pin-stdin >/dev/null ||
	    fail "form run $4 as $1"
}
run li 2222 2026-11-28T10:00:00+08:00 literate
run li 2222 2026-11-28T11:00:00+08:00 all-dont-know
run li 2222 2026-11-28T12:00:00+08:00 all-correct
run zhang 3333 2026-11-28T23:10:00+08:00 all-wrong
run zhang 3333 2026-11-29T06:30:00+08:00 literate
# Headless runs have no duration; give them the durations of real
# interviews (minutes): 20, 22, 24, 8 (speeding: under half of 21), 26.
sqlite3 "$KESU_DB" "update records set duration = (case id % 5 when 1 then 20 when 2 then 22 when 3 then 24 when 4 then 8 else 26 end) * 60" ||
    fail "sqlite3"
export KESU_NOW=2026-11-30T10:00:00+08:00
rv() { printf '1111\n' | "$KESU" review --as wang --pin-stdin "$@"; }
rv --list --format csv >"$t/list" || fail "review --list exited $?"
head -1 "$t/list" | grep -qx 'id,interviewer,started,duration,status,street,score_total,flags' ||
    fail "header: $(head -1 "$t/list")"
[ "$(sed 1d "$t/list" | wc -l)" = 5 ] || fail "5 records expected: $(cat "$t/list")"
flags() { sed -n "$1p" "$t/list" | awk -F, '{print $NF}'; }
[ "$(flags 2)" = "" ] || fail "literate at 10:00 flagged: $(flags 2)"
[ "$(flags 3)" = "straight dk" ] || fail "all don't know: '$(flags 3)'"
[ "$(flags 4)" = "" ] || fail "all correct flagged: $(flags 4)"
[ "$(flags 5)" = "speeding hours" ] || fail "8 min at 23:10: '$(flags 5)'"
[ "$(flags 6)" = "hours" ] || fail "06:30: '$(flags 6)'"
sed -n 2p "$t/list" | grep -q ',li,2026-11-28T10:00:00.000+08:00,1200,completed,xinjiekou,83,' ||
    fail "row: $(sed -n 2p "$t/list")"

# Options move the thresholds.
rv --list --format csv --speeding-share 0.3 | sed -n 5p | grep -q ',hours$' ||
    fail "--speeding-share 0.3 still flags 8 of 21 minutes"
rv --list --format csv --dk-share 0.02 | sed -n 2p | grep -q ',dk$' ||
    fail "--dk-share 0.02: one don't know in the literate example"
rv --list --format csv --straight-run 200 | sed -n 3p | grep -q ',dk$' ||
    fail "--straight-run 200"
rv --list --format csv --dk-name nothing --straight-run 200 | sed -n 3p | grep -q ',$' ||
    fail "--dk-name nothing"
rv --list --speeding-share 2 >/dev/null 2>&1
[ $? = 64 ] || fail "--speeding-share 2 accepted"

# Filters.
[ "$(rv --list --format csv --interviewer zhang | sed 1d | wc -l)" = 2 ] || fail "--interviewer"
[ "$(rv --list --format csv --street tianqiao | sed 1d | wc -l)" = 1 ] || fail "--street"
[ "$(rv --list --format csv --from 2026-11-29 | sed 1d | wc -l)" = 1 ] || fail "--from"
[ "$(rv --list --format csv --to 2026-11-28 | sed 1d | wc -l)" = 4 ] || fail "--to (the whole day)"
id=$(sed -n 2p "$t/list" | cut -d, -f1)
printf '1111\n' | "$KESU" approve "$id" --as wang --pin-stdin || fail "approve"
[ "$(rv --list --format csv --status approved | sed 1d | cut -d, -f1)" = "$id" ] || fail "--status approved"
rv --list --status nonsense >/dev/null 2>&1
[ $? = 64 ] || fail "--status nonsense"

# The summary, one line per interviewer.
rv --summary --format csv >"$t/sum" || fail "summary exited $?"
head -1 "$t/sum" | grep -qx 'interviewer,draft,completed,approved,rejected,uploaded,median_seconds,flagged,flagged_share,dk_rate,speeding,straight,dk,hours' ||
    fail "summary header: $(head -1 "$t/sum")"
grep -qx 'li,0,2,1,0,0,1320,1,0.333,0.3[0-9]*,0,1,1,0' "$t/sum" || fail "li: $(grep ^li "$t/sum")"
grep -q '^zhang,0,2,0,0,0,1020,2,1.000,0.0[0-9]*,1,0,0,2$' "$t/sum" || fail "zhang: $(grep ^zhang "$t/sum")"
rv --summary >"$t/table" || fail "summary table"
grep -q '^li  *0  *2  *1  *0  *0  *22.0  *33  *3[0-9]$' "$t/table" || fail "table: $(cat "$t/table")"

# Supervisors only.
for args in "--summary" "--list" "--summary --format csv"; do
	printf '2222\n' | "$KESU" review --as li --pin-stdin $args >/dev/null 2>"$t/err"
	[ $? = 77 ] || fail "interviewer ran review $args"
	grep -q "needs a supervisor" "$t/err" || fail "no reason: $(cat "$t/err")"
done
"$KESU" review --summary >/dev/null 2>&1
[ $? = 77 ] || fail "review without --as"
echo ok
