# A record rejected while its upload is in flight: the server takes it
# (201), and sync records it as on the server, keeps the rejection, goes on
# with the other records and exits 0.  Reopened, corrected and completed,
# the record gets a new instance ID and goes up as an edit of the server's
# copy (<deprecatedID>), answered 201, never 409.
. tests/tui/lib
form=tests/forms/tui-small.csv
supervisor
printf '1111\n2222\n' | "$KESU" user add li --role interviewer --as wang --pin-stdin || fail "add li"
printf 'age=42\nsmoker=yes\ncigs=5\nname=xinjiekou\n' >"$t/ans"
for i in 1 2 3; do
	printf '2222\n' | "$KESU" form run $form --answers "$t/ans" --save \
	    --as li --pin-stdin >/dev/null || fail "form run"
done
first=$(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "SELECT uuid FROM records ORDER BY started, id LIMIT 1")
spid=
serve() {
	rm -f "$t/port"
	python3 tests/sync/openrosa_server.py --dir "$t/srv" --port-file "$t/port" "$@" &
	spid=$!
	for _ in $(seq 100); do [ -s "$t/port" ] && break; sleep 0.1; done
	printf 'server = http://127.0.0.1:%s/v1/projects/1\nuser = field@example.org\npassword = secret\n' \
	    "$(cat "$t/port")" >"$t/kesu.conf"
	chmod 600 "$t/kesu.conf"
}
unserve() { [ -n "$spid" ] && kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null; spid=; }
export KESU_CONFIG=$t/kesu.conf
serve --fault slow --slow 2
"$KESU" sync >"$t/sync.out" 2>"$t/sync.err" &
sync=$!
# the first POST is in flight: reject its record now
for _ in $(seq 300); do grep -q "^POST" "$t/srv/inflight" 2>/dev/null && break; sleep 0.1; done
grep -q "^POST" "$t/srv/inflight" || { unserve; fail "no POST in flight"; }
as_wang reject "$first" --comment "age is wrong" >/dev/null || { unserve; fail "reject"; }
wait $sync
rc=$?
unserve
[ $rc = 0 ] || fail "sync exited $rc: $(cat "$t/sync.err")"
grep -q "3 uploaded" "$t/sync.out" || fail "summary: $(cat "$t/sync.out")"
[ -f "$t/srv/uuid_$first.xml" ] || fail "the server did not get the first record"
[ "$(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "SELECT count(*) FROM records WHERE status = 'uploaded'")" = 2 ] ||
    fail "not 2 uploaded: $(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "SELECT uuid, status FROM records")"
[ "$(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "SELECT status || ' ' || on_server FROM records WHERE uuid = '$first'")" = "rejected $first" ] ||
    fail "the first: $(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "SELECT status, on_server FROM records WHERE uuid = '$first'")"

# li reopens it from home, corrects the age, completes it: a new ID.
start interview --form $form --as li
login 2222 "Rejected"
keys Down
wait_for "> Rejected"
keys Enter
wait_for "Age of the respondent"
keys BSpace BSpace 3 5 Enter
wait_for "Do you smoke?"
keys Enter
wait_for "Cigarettes a day"
keys Enter
wait_for "Your street"
keys Enter
wait_for "Nothing is missing"
keys Enter
wait_for "Completed: uuid:"
keys F10
wait_out "completed: uuid:"
stop
new=$(sed -n 's/^completed: uuid://p' "$t/out" | tr -d '\r')
[ -n "$new" ] && [ "$new" != "$first" ] || fail "no new instance ID: $(cat "$t/out")"
as_wang show "$new" >"$t/show" || fail "show"
grep -q "<instanceID>uuid:$new</instanceID><deprecatedID>uuid:$first</deprecatedID>" "$t/show" ||
    fail "no deprecatedID: $(cat "$t/show")"

# The next sync sends the edit: 201, nothing flagged, 0 records lost.
serve
"$KESU" sync >"$t/sync.out" 2>"$t/sync.err"
rc=$?
unserve
[ $rc = 0 ] || fail "second sync exited $rc: $(cat "$t/sync.err") $(cat "$t/sync.out")"
grep -q "1 uploaded, 0 flagged" "$t/sync.out" || fail "second sync: $(cat "$t/sync.out")"
grep -q "<age>35</age>" "$t/srv/uuid_$new.xml" || fail "the edit did not reach the server"
[ "$(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "SELECT count(*) FROM records WHERE status = 'uploaded'")" = 3 ] ||
    fail "not 3 uploaded"
[ "$(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "SELECT count(*) FROM sync_log WHERE http = 409")" = 0 ] || fail "a 409"
exit 0
