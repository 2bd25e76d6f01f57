# Exit codes a cron job can trust: 0 only when everything due went; 65
# when a record is flagged for a person (409, 413, another 4xx); 75 when
# records wait for a later run (5xx, backoff), also when nothing is due
# now but something waits; one line on stderr for each.  Secrets in the
# server URL never show, in any case and any length.
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db KESU_CONFIG=$t/kesu.conf
fail() { echo "FAIL: $*"; stop; exit 1; }
form=forms/science-literacy.csv
spid=
start() {
	rm -f "$t/port"
	python3 tests/sync/openrosa_server.py --dir "$t/srv" --port-file "$t/port" --password pw "$@" &
	spid=$!
	for _ in $(seq 50); do [ -s "$t/port" ] && break; sleep 0.1; done
	printf 'server = http://127.0.0.1:%s/v1/projects/1\nuser = field@example.org\npassword = pw\n' \
	    "$(cat "$t/port")" >"$KESU_CONFIG"
	chmod 600 "$KESU_CONFIG"
}
stop() { [ -n "$spid" ] && kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null; spid=; }
mk() { "$KESU" form run "$form" --answers forms/examples/literate.txt --save >"$t/one.xml" || fail "form run"; }
sync_rc() { # sync_rc WANT TEXT: sync exits WANT, stderr one line holding TEXT
	"$KESU" sync >"$t/out" 2>"$t/err"
	local rc=$?
	[ "$rc" = "$1" ] || fail "sync exited $rc, expected $1: $(cat "$t/err") / $(cat "$t/out")"
	[ "$1" = 0 ] || [ "$(wc -l <"$t/err")" = 1 ] || fail "not one line: $(cat "$t/err")"
	[ -z "$2" ] || grep -q -- "$2" "$t/err" || fail "no '$2' in: $(cat "$t/err")"
}

mk
start
sync_rc 0 ""
stop

# 409: flagged for a person -> 65, and 65 again while it stays flagged
mk
iid=$(sed -n 's/.*<instanceID>\([^<]*\)<.*/\1/p' "$t/one.xml")
printf '<data>other</data>' >"$t/srv/$(echo "$iid" | tr ':' '_').xml"
start
sync_rc 65 "flagged for a person"
grep -q "1 flagged" "$t/out" || fail "summary: $(cat "$t/out")"
sync_rc 65 "flagged for a person"
stop
sqlite3 "$KESU_DB" "UPDATE sync_state SET flagged = 0" || fail "sqlite3"
rm -f "$t/srv/$(echo "$iid" | tr ':' '_').xml"

# 413 from a proxy: flagged -> 65
start --fault 413 --every 2
sync_rc 65 "flagged for a person"
stop
sqlite3 "$KESU_DB" "UPDATE sync_state SET flagged = 0" || fail "sqlite3"

# 500: waits for a later run -> 75; nothing due now but it waits -> 75
start --fault 500 --every 2
sync_rc 75 "retried later"
sync_rc 75 "retried later"
grep -q "waiting to retry" "$t/out" || fail "backoff not said: $(cat "$t/out")"
stop

# the server URL's secrets never show, in any case, any length
mk
for u in 'http://127.0.0.1:9/v1/key//T/projects/1' 'http://127.0.0.1:9/v1/KEY/Secr3tTok/projects/1' \
    'http://127.0.0.1:9/v1/projects/1?token=Secr3tTok' 'http://u:Secr3tTok@127.0.0.1:9/v1/projects/1'; do
	"$KESU" sync --server "$u" >"$t/out" 2>"$t/err"; rc=$?
	[ $rc = 75 ] || fail "$u: exit $rc: $(cat "$t/err")"
	grep -q "Secr3tTok" "$t/err" "$t/out" && fail "$u: secret shown: $(cat "$t/err")"
	grep -q '\*\*\*\|127.0.0.1:9/v1/projects' "$t/err" || fail "$u: $(cat "$t/err")"
done
exit 0
