# Backoff across runs and flags for a person: a 500 makes a record wait
# (1 min doubling, jitter, capped at 6 h) and later runs skip it until it
# is due; 409 and 413 flag it with the server's message, shown by list and
# show, until a supervisor runs kesu sync --retry; --status counts.
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db KESU_CONFIG=$t/kesu.conf
fail() { echo "FAIL: $*"; stop; exit 1; }
form=tests/sync/data/tiny.csv
base=$(date -u -d 2026-11-28T02:00:00Z +%s)
at() { export KESU_NOW=$(date -u -d @$((base + $1 + 28800)) +%Y-%m-%dT%H:%M:%S+08:00); }
spid=
start() {
	rm -f "$t/port"
	python3 tests/sync/openrosa_server.py --dir "$t/srv" --port-file "$t/port" --password pw "$@" &
	spid=$!
	for _ in $(seq 50); do [ -s "$t/port" ] && break; sleep 0.1; done
	printf 'server = http://127.0.0.1:%s/v1/projects/1\nuser = field@example.org\npassword = pw\n' "$(cat "$t/port")" >"$KESU_CONFIG"
	chmod 600 "$KESU_CONFIG"
}
stop() { [ -n "$spid" ] && kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null; spid=; }
mk() { # N [--as USER --pin-stdin], the PIN on stdin
	n=$1; shift
	{ echo who,age,knows; for i in $(seq "$n"); do echo "p$i,30,yes"; done; } >"$t/a.csv"
	"$KESU" form run "$form" --answers "$t/a.csv" --save "$@" >/dev/null || fail "form run"; }
sql() { sqlite3 "$KESU_DB" "$1"; }
posts() { grep -c . "$t/srv/log" 2>/dev/null || echo 0; }

at 0
mk 1
id=$(sql "SELECT uuid FROM records")

# 500 on every POST (the HEAD is request 1): the record waits
start --fault 500 --every 2
"$KESU" sync >"$t/out" 2>"$t/err"; rc=$?
[ $rc = 75 ] || fail "500: exit $rc"
grep -q "1 to retry" "$t/out" || fail "500 summary: $(cat "$t/out")"
grep -q "1 record waiting to retry, at 2026-11-28 10:0" "$t/out" || fail "500: no waiting line: $(cat "$t/out")"
[ "$(sql "SELECT tries FROM sync_state")" = 1 ] || fail "tries not 1"
d=$(sql "SELECT next_try - $base FROM sync_state")
awk -v d="$d" 'BEGIN { exit !(d >= 30 && d <= 60) }' || fail "first delay $d not in [30, 60] s"
"$KESU" show "$id" >"$t/show"
grep -q "^sync .*1 attempt(s) to retry later.*HTTP 500: internal server error" "$t/show" || fail "show: $(grep ^sync "$t/show")"
stop

# not yet due: a run at +20 s posts nothing and says so, exit 0
start
at 20
"$KESU" sync --dry-run >"$t/dry" || fail "dry-run exited $?"
grep -q "^0 records due" "$t/dry" || fail "dry-run: $(cat "$t/dry")"
grep -q "^1 record waiting to retry" "$t/dry" || fail "dry-run waiting: $(cat "$t/dry")"
"$KESU" sync >"$t/out" 2>&1; rc=$?
[ $rc = 75 ] || fail "not-due run exited $rc (a record waits: 75)"
grep -q "nothing due" "$t/out" || fail "not-due run: $(cat "$t/out")"
[ "$(posts)" = 0 ] || fail "a record not due was sent"
stop

# doubling up to the cap: 12 more 500s, each run when the record is due
start --fault 500 --every 2
now=0
for i in $(seq 2 13); do
	now=$(sql "SELECT CAST(ceil(next_try) AS INTEGER) - $base FROM sync_state")
	at "$now"
	"$KESU" sync >/dev/null 2>&1
	[ "$(sql "SELECT tries FROM sync_state")" = "$i" ] || fail "try $i not counted"
	d=$(sql "SELECT next_try - ($base + $now) FROM sync_state")
	lo=$((60 << (i - 1) > 21600 ? 10800 : 30 << (i - 1)))
	hi=$((60 << (i - 1) > 21600 ? 21600 : 60 << (i - 1)))
	awk -v d="$d" -v lo="$lo" -v hi="$hi" 'BEGIN { exit !(d >= lo && d <= hi) }' ||
	    fail "try $i: delay $d not in [$lo, $hi] s"
done
stop

# due again with a working server: uploaded, the state no longer matters
start
at $((now + 6 * 3600 + 1))
"$KESU" sync >"$t/out" 2>&1 || fail "recovery exited $?: $(cat "$t/out")"
grep -q "1 uploaded" "$t/out" || fail "recovery: $(cat "$t/out")"
cmp -s "$t/srv/uuid_$id.xml" <("$BUILD/tests/bin/dumpxml" "$KESU_DB" "$t" >/dev/null && cat "$t/uuid_$id.xml") || fail "server copy differs"
stop

# 409 and 413 flag for a person, with the server's message
printf '1234\n' | "$KESU" user add boss --role supervisor --pin-stdin || fail "user add"
printf '1234\n5678\n' | "$KESU" user add ann --role interviewer --as boss --pin-stdin || fail "user add ann"
printf '5678\n' | mk 2 --as ann --pin-stdin
two=$(sql "SELECT uuid FROM records WHERE status = 'completed' ORDER BY id" | head -1)
printf '<data>other</data>' >"$t/srv/uuid_$two.xml"
start --fault 413 --every 3   # request 3: the second POST
"$KESU" sync >"$t/out" 2>&1; rc=$?
[ $rc = 65 ] || fail "flags: exit $rc: $(cat "$t/out")"
grep -q "0 uploaded, 2 flagged for a person, 0 to retry" "$t/out" || fail "flags: $(cat "$t/out")"
[ "$(sql "SELECT count(*) FROM sync_state WHERE flagged AND http = 409 AND message LIKE '%different XML%'")" = 1 ] || fail "409 state"
[ "$(sql "SELECT count(*) FROM sync_state WHERE flagged AND http = 413 AND message = '413 Request Entity Too Large'")" = 1 ] ||
    fail "413 state: $(sql 'SELECT * FROM sync_state')"
big=$(sql "SELECT r.uuid FROM records r JOIN sync_state x ON x.record = r.id WHERE x.http = 413")
printf '1234\n' | "$KESU" list --as boss --pin-stdin >"$t/list"
[ "$(grep -c '^........ completed!' "$t/list")" = 2 ] || fail "list marks: $(cat "$t/list")"
grep -q "^! 2 records flagged for a person" "$t/list" || fail "list footer: $(cat "$t/list")"
printf '1234\n' | "$KESU" list --as boss --pin-stdin --format json | grep -q '"sync_flag":"HTTP 413: 413 Request Entity Too Large"' || fail "list json"
printf '1234\n' | "$KESU" show "$big" --as boss --pin-stdin >"$t/show"
grep -q "^sync .*flagged for a person: HTTP 413: 413 Request Entity Too Large" "$t/show" || fail "show 413: $(cat "$t/show")"
grep -q "a record cannot be split" "$t/show" || fail "show 413 explanation"
printf '1234\n' | "$KESU" show "$two" --as boss --pin-stdin | grep -q "^sync .*HTTP 409: A submission already exists" || fail "show 409"
# flagged records are not sent again, even much later
at 999999
"$KESU" sync >"$t/out" 2>&1; rc=$?
[ $rc = 65 ] || fail "flagged rerun exited $rc"
grep -q "nothing due" "$t/out" || fail "flagged rerun: $(cat "$t/out")"
grep -q "^2 records flagged for a person" "$t/out" || fail "flagged rerun: $(cat "$t/out")"
"$KESU" sync --status >"$t/st" || fail "status exited $?"
grep -q "^waiting for upload: 2 (0 due now, 0 waiting to retry, 2 flagged for a person); 1 uploaded" "$t/st" || fail "status: $(cat "$t/st")"
grep -q "^last sync: 2026-[0-9-]* [0-9:]* record ........ HTTP 413: 413 Request Entity Too Large" "$t/st" || fail "status last: $(cat "$t/st")"
stop

# --retry: a supervisor only
"$KESU" sync --retry "$big" >/dev/null 2>&1; rc=$?
[ $rc = 77 ] || fail "retry without --as: exit $rc"
printf '5678\n' | "$KESU" sync --retry "$big" --as ann --pin-stdin >/dev/null 2>&1; rc=$?
[ $rc = 77 ] || fail "retry by an interviewer: exit $rc"
printf '1234\n' | "$KESU" sync --retry "$big" --as boss --pin-stdin >"$t/out" || fail "retry exited $?"
grep -q "record $big goes at the next sync" "$t/out" || fail "retry: $(cat "$t/out")"
printf '1234\n' | "$KESU" sync --retry "$big" --as boss --pin-stdin >/dev/null 2>&1; rc=$?
[ $rc = 65 ] || fail "retry of a cleared record: exit $rc"
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'sync-cleared' AND who = 'boss'")" = 1 ] || fail "retry not audited"
"$KESU" sync --dry-run | grep -q "^1 record due" || fail "cleared record not due"
start
"$KESU" sync >"$t/out" 2>&1; rc=$?
[ $rc = 65 ] || fail "after retry: exit $rc (the 409 record is still flagged): $(cat "$t/out")"
grep -q "1 uploaded, 0 flagged" "$t/out" || fail "after retry: $(cat "$t/out")"
printf '1234\n' | "$KESU" sync --retry all --as boss --pin-stdin >"$t/out" || fail "retry all"
grep -q "^1 record goes at the next sync" "$t/out" || fail "retry all: $(cat "$t/out")"
"$KESU" sync >"$t/out" 2>&1
grep -q "0 uploaded, 1 flagged" "$t/out" || fail "409 again after retry all: $(cat "$t/out")"
stop
exit 0
