# kesu sync against tests/sync/openrosa_server.py on loopback: happy path,
# 409 flagged, 500 then recovery an hour later, captive portal, auth failure, config
# permission refusal, dry-run.
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db KESU_CONFIG=$t/kesu.conf
fail() { echo "FAIL: $*"; stop; exit 1; }
form=forms/science-literacy.csv
spid=
start() { # args for the server
	rm -f "$t/port"
	python3 tests/sync/openrosa_server.py --dir "$t/srv" --port-file "$t/port" --password S3cr3tPw "$@" &
	spid=$!
	for _ in $(seq 50); do [ -s "$t/port" ] && break; sleep 0.1; done
	url=http://127.0.0.1:$(cat "$t/port")/v1/projects/1
}
stop() { [ -n "$spid" ] && kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null; spid=; }
conf() { printf 'server = %s\nuser = field@example.org\npassword = %s\n' "$url" "$1" >"$KESU_CONFIG"; chmod 600 "$KESU_CONFIG"; }
mk() { for _ in $(seq "$1"); do "$KESU" form run "$form" --answers forms/examples/literate.txt --save >/dev/null || fail "form run"; done; }
uploaded() { "$KESU" list --status uploaded --format csv | tail -n +2 | wc -l; }

mk 3
start
conf S3cr3tPw
"$KESU" sync --dry-run >"$t/dry" || fail "dry-run exited $?"
grep -q "3 records due" "$t/dry" || fail "dry-run: $(cat "$t/dry")"
[ "$(ls "$t/srv" 2>/dev/null | grep -c xml)" = 0 ] || fail "dry-run uploaded"

# config readable by others while it holds a password: 78
chmod 644 "$KESU_CONFIG"
"$KESU" sync >/dev/null 2>"$t/err"; rc=$?
[ $rc = 78 ] || fail "readable config: exit $rc"
grep -q S3cr3tPw "$t/err" && fail "password printed"
chmod 600 "$KESU_CONFIG"

# wrong password: nothing uploaded, not 0, password never printed
conf Wr0ngPw
"$KESU" sync >"$t/out" 2>"$t/err"; rc=$?
[ $rc = 77 ] || fail "bad password: exit $rc"
grep -q Wr0ngPw "$t/out" "$t/err" && fail "password printed"
[ "$(uploaded)" = 0 ] || fail "uploaded with a wrong password"

conf S3cr3tPw
"$KESU" sync >"$t/out" 2>"$t/err" || fail "sync exited $?: $(cat "$t/err")"
grep -q "3 uploaded" "$t/out" || fail "summary: $(cat "$t/out")"
[ "$(uploaded)" = 3 ] || fail "not 3 uploaded"
for f in "$t"/srv/*.xml; do
	id=$(basename "$f" .xml | sed 's/^uuid_//')
	"$KESU" show "$id" | grep -F -q -x -f "$f" || fail "server copy of $id differs"
done
# the sync log: one row per upload, HTTP 201 and the server's message
[ "$(sqlite3 "$KESU_DB" "SELECT count(*) FROM sync_log WHERE http = 201 AND message LIKE 'full submission%'")" = 3 ] ||
    fail "sync_log: $(sqlite3 "$KESU_DB" 'SELECT * FROM sync_log')"
# nothing due: a second run uploads nothing, server unchanged
"$KESU" sync >"$t/out" 2>&1 || fail "second sync"
[ "$(grep -c new "$t/srv/log")" = 3 ] || fail "server log: $(cat "$t/srv/log")"
stop

# 409: the server holds other XML for the next record's instanceID
"$KESU" form run "$form" --answers forms/examples/literate.txt --save >"$t/one.xml"
iid=$(sed -n 's/.*<instanceID>\([^<]*\)<.*/\1/p' "$t/one.xml")
printf '<data>other</data>' >"$t/srv/$(echo "$iid" | tr ':' '_').xml"
start
conf S3cr3tPw
"$KESU" sync >"$t/out" 2>&1
grep -q "1 flagged" "$t/out" || fail "409 not flagged: $(cat "$t/out")"
[ "$(sqlite3 "$KESU_DB" "SELECT count(*) FROM sync_log WHERE http = 409 AND message LIKE '%different XML%'")" = 1 ] ||
    fail "409 not logged with the server's message"
"$KESU" sync >"$t/out" 2>&1
grep -q "1 flagged" "$t/out" && fail "a flagged record was resent"
stop

# 500 on every request after the HEAD, then recovery
mk 2
start --fault 500 --every 2
conf S3cr3tPw
"$KESU" sync >"$t/out" 2>&1; rc=$?
stop
start
conf S3cr3tPw
# the records that got a 500 wait (backoff); an hour later they are due
# (65: the 409 record stays flagged for a person)
KESU_NOW=2026-11-28T11:00:00+08:00 "$KESU" sync >"$t/out" 2>&1; rc=$?
[ $rc = 65 ] || fail "recovery: exit $rc: $(cat "$t/out")"
[ "$(uploaded)" = 5 ] || fail "after 500s: $(uploaded) uploaded"
stop

# captive portal: exit 75, one line, nothing marked uploaded
mk 1
start --fault portal
conf S3cr3tPw
"$KESU" sync >"$t/out" 2>"$t/err"; rc=$?
[ $rc = 75 ] || fail "portal: exit $rc"
[ "$(wc -l <"$t/err")" = 1 ] || fail "portal: $(cat "$t/err")"
[ "$(uploaded)" = 5 ] || fail "portal marked uploaded"
stop

# nothing listening: 75
url=http://127.0.0.1:9/v1/projects/1
conf S3cr3tPw
"$KESU" sync >/dev/null 2>"$t/err"; rc=$?
[ $rc = 75 ] || fail "offline: exit $rc"

# one sync per database: a second one while the first uploads gets 75
mk 3
start --fault slow --slow 1
conf S3cr3tPw
"$KESU" sync >/dev/null 2>&1 &
first=$!
sleep 0.5
"$KESU" sync >/dev/null 2>"$t/err"; rc=$?
[ $rc = 75 ] || fail "second concurrent sync: exit $rc"
grep -q "another sync" "$t/err" || fail "lock: $(cat "$t/err")"
wait $first; rc=$?
[ $rc = 65 ] || fail "first sync exited $rc"
[ "$(uploaded)" = 9 ] || fail "after the locked run: $(uploaded) uploaded"
stop

# plain http to a remote host is refused
"$KESU" sync --server http://example.org/v1/projects/1 >/dev/null 2>&1; rc=$?
[ $rc = 78 ] || fail "plain http remote: exit $rc"
exit 0
