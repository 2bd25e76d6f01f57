# A database on read-only media (here: a file and folder this user may not
# write) still answers the read commands (list, show, export, user list)
# and leaves no -wal or -shm beside it; a change says "read-only" (74).  A
# database this user may not read says "permission denied" (77).
set -u
t=$TMPDIR_TEST
fail() { echo "FAIL: $*"; exit 1; }
[ "$(id -u)" = 0 ] && command -v setpriv >/dev/null || { echo "SKIP: needs root and setpriv"; exit 0; }
as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
mkdir -p "$t/media" "$t/out"
chmod 755 "$t" "$t/media"
chmod 777 "$t/out"
db=$t/media/kesu.db
printf '1234\n' | "$KESU" --db "$db" user add wang --role supervisor --pin-stdin || fail "user add"
printf '1234\n' | "$KESU" --db "$db" form run forms/science-literacy.csv --answers forms/examples/literate.txt \
    --save --as wang --pin-stdin >/dev/null || fail "form run"
id=$(sqlite3 "$db" "SELECT uuid FROM records")
ls "$t/media" | grep -q -- '-shm\|-wal' && fail "left open: $(ls "$t/media")"

chmod 600 "$db"
printf '1234\n' | as_nobody "$KESU" --db "$db" list --as wang --pin-stdin >"$t/o" 2>"$t/e"; rc=$?
[ $rc = 77 ] || fail "unreadable: exit $rc: $(cat "$t/e")"
grep -q "permission denied" "$t/e" || fail "unreadable: $(cat "$t/e")"

chmod 644 "$db"
run() { # run WANT CMD...: as nobody with wang's PIN
	local want=$1; shift
	printf '1234\n' | as_nobody "$KESU" --db "$db" "$@" --as wang --pin-stdin >"$t/o" 2>"$t/e"
	local rc=$?
	[ "$rc" = "$want" ] || fail "$*: exit $rc, expected $want: $(cat "$t/e")"
}
run 0 list
grep -q "${id:0:8}" "$t/o" || fail "list: $(cat "$t/o")"
run 0 show "$id"
grep -q "<instanceID>uuid:$id" "$t/o" || fail "show: $(cat "$t/o")"
run 0 user list
grep -q "^wang" "$t/o" || fail "user list: $(cat "$t/o")"
run 0 export --format csv -o "$t/out/x.csv"
grep -q "$id" "$t/out/x.csv" || fail "export"
run 74 approve "$id"
grep -q "read-only" "$t/e" || fail "approve: $(cat "$t/e")"
ls "$t/media" | grep -q -- '-shm\|-wal' && fail "left beside it: $(ls "$t/media")"
exit 0
