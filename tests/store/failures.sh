# A full disk, a read-only file, a lock held past the timeout, a file that
# is not a kesu database, a database from a newer kesu, a path that cannot
# be created: each one line on stderr with its sysexits code, nothing
# half-written, the database still sound.
set -u
t=$TMPDIR_TEST
fail() { echo "FAIL: $*"; exit 1; }
run() { # run WANT_RC DB CMD... ; PIN lines from $IN
	local want=$1 db=$2; shift 2
	printf '%b' "${IN:-}" | KESU_DB=$db "$KESU" "$@" >"$t/out" 2>"$t/err"
	local rc=$?
	[ "$rc" = "$want" ] || fail "$* on $db exited $rc, expected $want: $(cat "$t/err")"
	[ "$want" = 0 ] || [ "$(wc -l <"$t/err")" = 1 ] || fail "not one line: $(cat "$t/err")"
}
users() { sqlite3 "$1" "SELECT count(*) FROM users"; }
sound() { [ "$(sqlite3 "$1" "PRAGMA integrity_check")" = ok ] || fail "$1 damaged"; }

# Not a kesu database: text, or another program's SQLite file (65).
head -c 20000 /dev/urandom >"$t/noise.db"
IN='1234\n' run 65 "$t/noise.db" user add li --role supervisor --pin-stdin
grep -q "not a kesu database" "$t/err" || fail "noise: $(cat "$t/err")"
sqlite3 "$t/other.db" "CREATE TABLE t (x); INSERT INTO t VALUES (1)"
IN='1234\n' run 65 "$t/other.db" user add li --role supervisor --pin-stdin
[ "$(sqlite3 "$t/other.db" "SELECT count(*) FROM sqlite_master")" = 1 ] || fail "other.db touched"

# A database from a newer kesu (65), left as it is.
IN='1234\n' run 0 "$t/new.db" user add li --role supervisor --pin-stdin
sqlite3 "$t/new.db" "PRAGMA user_version = 42"
run 65 "$t/new.db" list
grep -q "newer kesu" "$t/err" || fail "newer: $(cat "$t/err")"
[ "$(sqlite3 "$t/new.db" "PRAGMA user_version")" = 42 ] || fail "version changed"

# Cannot create the folder or the file (73).
touch "$t/afile"
IN='1234\n' run 73 "$t/afile/kesu.db" user add li --role supervisor --pin-stdin

# Locked by another process past the busy timeout (75); nothing added.
IN='1234\n' run 0 "$t/lock.db" user add li --role supervisor --pin-stdin
(echo "BEGIN IMMEDIATE; INSERT INTO audit (at, action) VALUES (0, 'x');"; sleep 8; echo "ROLLBACK;") |
    sqlite3 "$t/lock.db" &
holder=$!
sleep 0.5
IN='1234\n5678\n' run 75 "$t/lock.db" user add wang --role interviewer --as li --pin-stdin
grep -q "locked" "$t/err" || fail "lock: $(cat "$t/err")"
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
[ "$(users "$t/lock.db")" = 1 ] || fail "a user was added under the lock"
sound "$t/lock.db"

# A full disk (74): a small tmpfs, filled up.
mkdir -p "$t/full"
if mount -t tmpfs -o size=400k tmpfs "$t/full" 2>/dev/null; then
	trap 'umount "$t/full" 2>/dev/null; umount "$t/ro" 2>/dev/null' EXIT
	IN='1234\n' run 0 "$t/full/kesu.db" user add li --role supervisor --pin-stdin
	dd if=/dev/zero of="$t/full/filler" bs=4k 2>/dev/null
	IN='1234\n5678\n' run 74 "$t/full/kesu.db" user add wang --role interviewer --as li --pin-stdin
	grep -q "disk is full" "$t/err" || fail "full: $(cat "$t/err")"
	# reading still works on the full disk
	IN='1234\n' run 0 "$t/full/kesu.db" user list --as li --pin-stdin
	grep -q "^li " "$t/out" || fail "user list on a full disk: $(cat "$t/out")"
	IN='1234\n' run 0 "$t/full/kesu.db" list --as li --pin-stdin
	rm -f "$t/full/filler"
	[ "$(users "$t/full/kesu.db")" = 1 ] || fail "half a user on a full disk"
	sound "$t/full/kesu.db"
	IN='1234\n5678\n' run 0 "$t/full/kesu.db" user add wang --role interviewer --as li --pin-stdin
	echo "disk full: tmpfs of 400 KiB"
else
	echo "disk full: no tmpfs mount here; covered by test_store's max_page_count"
fi

# A read-only file (74): a read-only bind mount, else an immutable file
# (root ignores file modes).
mkdir -p "$t/rw" "$t/ro"
IN='1234\n' run 0 "$t/rw/kesu.db" user add li --role supervisor --pin-stdin
if mount --bind -o ro "$t/rw" "$t/ro" 2>/dev/null; then
	db=$t/ro/kesu.db how="read-only bind mount"
elif chattr +i "$t/rw/kesu.db" 2>/dev/null; then
	db=$t/rw/kesu.db how="immutable file"
else
	db=""
fi
if [ -n "$db" ]; then
	IN='1234\n5678\n' run 74 "$db" user add wang --role interviewer --as li --pin-stdin
	grep -q "read-only" "$t/err" || fail "read-only: $(cat "$t/err")"
	# reading still works on read-only media, and leaves no -shm
	IN='1234\n' run 0 "$db" user list --as li --pin-stdin
	grep -q "^li " "$t/out" || fail "user list read-only: $(cat "$t/out")"
	IN='1234\n' run 0 "$db" list --as li --pin-stdin
	ls "$(dirname "$db")" | grep -q -- '-shm\|-wal' && fail "read-only: $(ls "$(dirname "$db")")"
	umount "$t/ro" 2>/dev/null; chattr -i "$t/rw/kesu.db" 2>/dev/null
	[ "$(users "$t/rw/kesu.db")" = 1 ] || fail "user added to a read-only file"
	echo "read-only: $how"
else
	echo "read-only: neither bind mounts nor chattr here; covered by test_store"
fi
echo ok
