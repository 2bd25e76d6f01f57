# kesu sync when the server does not hold the record's form version: ODK
# Central answers 404 with "...submission &#39;V&#39; does not exist." (its
# messages are XML-escaped); the record is flagged for a person, the other
# one goes, and the sync log and kesu show give the server's sentence
# decoded, quotes and all.
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db KESU_CONFIG=$t/kesu.conf
fail() { echo "FAIL: $*"; stop; exit 1; }
spid=
stop() { [ -n "$spid" ] && kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null; spid=; }

"$KESU" form run forms/science-literacy.csv --answers forms/examples/literate.txt --save >"$t/new.xml" ||
    fail "form run (bundled form)"
"$KESU" form run tests/forms/science-literacy-2026112801.csv \
    --answers tests/forms/science-literacy-2026112801.txt --save >"$t/old.xml" ||
    fail "form run (the previous round's form)"
old=$(sed -n 's/.*<instanceID>uuid:\([^<]*\)<.*/\1/p' "$t/old.xml")
held=$(sed -n 's/.*<data [^>]*version="\([^"]*\)".*/\1/p' "$t/new.xml")
[ -n "$old" ] && [ -n "$held" ] || fail "no instanceID or version"

python3 tests/sync/openrosa_server.py --dir "$t/srv" --port-file "$t/port" \
    --password S3cr3tPw --versions "$held" &
spid=$!
for _ in $(seq 50); do [ -s "$t/port" ] && break; sleep 0.1; done
printf 'server = http://127.0.0.1:%s/v1/projects/1\nuser = field@example.org\npassword = S3cr3tPw\n' \
    "$(cat "$t/port")" >"$KESU_CONFIG"
chmod 600 "$KESU_CONFIG"

"$KESU" --lang en sync >"$t/out" 2>&1
grep -q "1 uploaded, 1 flagged" "$t/out" || fail "summary: $(cat "$t/out")"
want="The form version specified in this submission '2026112801' does not exist."
got=$(sqlite3 "$KESU_DB" "SELECT http || ' ' || message FROM sync_log WHERE http <> 201")
[ "$got" = "404 $want" ] || fail "sync log: $got"
"$KESU" --lang en show "$old" >"$t/show" || fail "show"
grep -F -q "HTTP 404: $want" "$t/show" || fail "show: $(grep -i http "$t/show")"
grep -q '&#' "$t/show" "$t/out" && fail "a character reference shown"
# flagged, so not resent
"$KESU" --lang en sync >"$t/out" 2>&1
[ "$(sqlite3 "$KESU_DB" "SELECT count(*) FROM sync_log WHERE http = 404")" = 1 ] ||
    fail "a flagged record was resent"
stop
exit 0
