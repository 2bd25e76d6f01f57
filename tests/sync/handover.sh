# Records handed over by USB stick are the supervisor's to upload: the
# interviewer's `kesu sync` leaves them out (not due, not waiting), the
# supervisor's sync uploads them after `transfer import`, and the server
# holds every record once.  Should both laptops send one all the same
# (an old copy of the database), the server answers the identical resend
# as an upload: nothing is doubled.
set -u
t=$TMPDIR_TEST
A=$t/a.db B=$t/b.db
export KESU_CONFIG=$t/kesu.conf
fail() { echo "FAIL: $*"; stop; exit 1; }
form=forms/science-literacy.csv
spid=
start() {
	rm -f "$t/port"
	python3 tests/sync/openrosa_server.py --dir "$t/srv" --port-file "$t/port" --password S3cr3tPw &
	spid=$!
	for _ in $(seq 100); do [ -s "$t/port" ] && break; sleep 0.1; done
	printf 'server = http://127.0.0.1:%s/v1/projects/1\nuser = field@example.org\npassword = S3cr3tPw\n' \
	    "$(cat "$t/port")" >"$KESU_CONFIG"
	chmod 600 "$KESU_CONFIG"
}
stop() { [ -n "$spid" ] && kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null; spid=; }
on_server() { ls "$t/srv" | grep -c '\.xml$'; }
mk() { # N: li's interviews on A
	local i
	for i in $(seq "$1"); do
		printf '2222\n' | "$KESU" --db "$A" form run "$form" --answers forms/examples/literate.txt \
		    --save --as li --pin-stdin >/dev/null || fail "form run"
	done
}

printf '1111\n' | "$KESU" --db "$A" user add wang --role supervisor --pin-stdin || fail "A: wang"
printf '1111\n2222\n' | "$KESU" --db "$A" user add li --role interviewer --as wang --pin-stdin || fail "A: li"
printf '9999\n' | "$KESU" --db "$B" user add zhao --role supervisor --pin-stdin || fail "B: zhao"

# Two interviews go to the supervisor by stick; a third is made after.
mk 2
sqlite3 "$A" ".backup '$t/a-before.db'"
printf '2222\n' | "$KESU" --db "$A" transfer export -o "$t/li.kxf" --as li --pin-stdin \
    >/dev/null || fail "export"
mk 1
start

# The interviewer's sync: the handed-over two are not due, and say why.
"$KESU" --db "$A" sync --dry-run >"$t/out" || fail "dry-run exited $?"
grep -q "^1 record due$" "$t/out" || fail "A dry-run: $(cat "$t/out")"
grep -q "^2 records handed over by file: the supervisor uploads them$" "$t/out" ||
    fail "A dry-run does not say handed over: $(cat "$t/out")"
"$KESU" --db "$A" sync --status >"$t/out" || fail "status exited $?"
grep -q "^waiting for upload: 1 " "$t/out" || fail "A status: $(cat "$t/out")"
grep -q "^handed over by file: 2$" "$t/out" || fail "A status: $(cat "$t/out")"
"$KESU" --db "$A" sync >"$t/out" 2>"$t/err" || fail "A sync exited $?: $(cat "$t/err")"
grep -q "sync: 1 uploaded" "$t/out" || fail "A sync: $(cat "$t/out")"
[ "$(on_server)" = 1 ] || fail "A's sync sent $(on_server) records"
"$KESU" --db "$A" sync >"$t/out" 2>&1 || fail "A second sync exited $?"
[ "$(on_server)" = 1 ] || fail "A's second sync sent more"
[ "$(sqlite3 "$A" "select count(*) from records r join handovers h on h.record = r.id
    where r.status = 'completed'")" = 2 ] || fail "A's handed-over records changed"

# The supervisor imports the stick and uploads the two.
printf '9999\n' | "$KESU" --db "$B" transfer import "$t/li.kxf" --as zhao --pin-stdin \
    >/dev/null || fail "import"
"$KESU" --db "$B" sync >"$t/out" 2>"$t/err" || fail "B sync exited $?: $(cat "$t/err")"
grep -q "sync: 2 uploaded" "$t/out" || fail "B sync: $(cat "$t/out")"
[ "$(on_server)" = 3 ] || fail "the server holds $(on_server) records, expected 3"
[ "$(grep -c new "$t/srv/log")" = 3 ] || fail "server log: $(cat "$t/srv/log")"

# Should a handed-over record be sent from the interviewer's side all the
# same (a copy of A's database from before the export, restored from a
# backup), the server takes the identical resend as an upload and keeps
# one copy.
"$KESU" --db "$t/a-before.db" sync >"$t/out" 2>"$t/err" ||
    fail "sync from the old copy exited $?: $(cat "$t/err")"
grep -q "sync: 2 uploaded" "$t/out" || fail "old copy's sync: $(cat "$t/out")"
[ "$(on_server)" = 3 ] || fail "a resend made $(on_server) records on the server"
[ "$(grep -c new "$t/srv/log")" = 3 ] || fail "server log after a resend: $(cat "$t/srv/log")"
[ "$(grep -c resend "$t/srv/log")" = 2 ] || fail "server log after a resend: $(cat "$t/srv/log")"
stop
echo ok
