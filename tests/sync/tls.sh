# kesu sync over HTTPS to the local server with its own CA (made here with
# openssl): the CA given in kesu.conf verifies; a wrong CA fails clearly
# and uploads nothing, as configuration (78), not "try later"; so does a
# ca_file that does not exist.
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db KESU_CONFIG=$t/kesu.conf
fail() { echo "FAIL: $*"; stop; exit 1; }
command -v openssl >/dev/null || { echo "SKIP: no openssl"; exit 0; }
spid=
stop() { [ -n "$spid" ] && kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null; spid=; }
cd "$t" && {
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=kesu-test-ca \
	    -keyout ca.key -out ca.pem 2>/dev/null &&
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=other-ca \
	    -keyout other.key -out other.pem 2>/dev/null &&
	openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 \
	    -keyout srv.key -out srv.csr 2>/dev/null &&
	printf 'subjectAltName=IP:127.0.0.1\n' >ext &&
	openssl x509 -req -in srv.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
	    -days 2 -extfile ext -out srv.pem 2>/dev/null
} || fail "openssl"
cd - >/dev/null
"$KESU" form run forms/science-literacy.csv --answers forms/examples/literate.txt --save >/dev/null || fail "form run"
python3 tests/sync/openrosa_server.py --dir "$t/srv" --port-file "$t/port" --password pw \
    --cert "$t/srv.pem" --key "$t/srv.key" &
spid=$!
for _ in $(seq 50); do [ -s "$t/port" ] && break; sleep 0.1; done
conf() { printf 'server = https://127.0.0.1:%s/v1/projects/1\nuser = field@example.org\npassword = pw\nca_file = %s\n' "$(cat "$t/port")" "$1" >"$KESU_CONFIG"; chmod 600 "$KESU_CONFIG"; }

conf "$t/other.pem"
"$KESU" sync >"$t/out" 2>"$t/err"; rc=$?
[ $rc = 78 ] || fail "wrong CA: exit $rc"
grep -qi "certificate\|SSL" "$t/err" || fail "wrong CA: unclear error: $(cat "$t/err")"
[ "$(wc -l <"$t/err")" = 1 ] || fail "wrong CA: not one line: $(cat "$t/err")"
[ "$(ls "$t/srv" 2>/dev/null | grep -c xml)" = 0 ] || fail "uploaded through a wrong CA"

conf "$t/no-such-ca.pem"
"$KESU" sync >"$t/out" 2>"$t/err"; rc=$?
[ $rc = 78 ] || fail "missing ca_file: exit $rc"
grep -q "no-such-ca.pem" "$t/err" || fail "missing ca_file not named: $(cat "$t/err")"
[ "$(ls "$t/srv" 2>/dev/null | grep -c xml)" = 0 ] || fail "uploaded without its CA"

conf "$t/ca.pem"
"$KESU" sync >"$t/out" 2>"$t/err" || fail "right CA: exit $?: $(cat "$t/err")"
grep -q "1 uploaded" "$t/out" || fail "right CA: $(cat "$t/out")"
stop
exit 0
