# A mistyped --db path: commands that only read or change what is there
# (list, show, report, review, approve, reject, export, sync, user
# list/passwd/disable) exit 66 "no such database" and create nothing, no
# folder and no file; commands that write (user add, form run --save)
# create.  A path that is not a regular file (/dev/null, a folder, a FIFO)
# is refused before SQLite opens it: no "-journal" or "-wal" beside it.
set -u
t=$TMPDIR_TEST
fail() { echo "FAIL: $*"; exit 1; }
run() { # run WANT_RC CMD... ; stdin from $IN
	local want=$1; shift
	printf '%b' "${IN:-}" | "$KESU" "$@" >"$t/out" 2>"$t/err"
	local rc=$?
	[ "$rc" = "$want" ] || fail "$* exited $rc, expected $want: $(cat "$t/err")"
	[ "$want" = 0 ] || [ "$(wc -l <"$t/err")" = 1 ] || fail "not one line: $(cat "$t/err")"
}
form=tests/forms/scen-validate.md
answers=tests/scenarios/scen-valid/answers.txt

# Read commands on a missing path: 66, nothing created.
for cmd in "list" "show 0123" "sync --dry-run --server http://127.0.0.1:9" "user list --as li --pin-stdin" \
    "user passwd li --as li --pin-stdin" "user disable li --as li --pin-stdin" \
    "report" "review --summary" "review --list" "approve 0123" "reject 0123 --comment x" \
    "sync --status" "sync --retry all --as li --pin-stdin" "export --format csv -o $t/out.csv"; do
	# shellcheck disable=SC2086
	IN='1234\n1234\n' run 66 --db "$t/no/such/dir/x.db" $cmd
	grep -q "no such database" "$t/err" || fail "$cmd: $(cat "$t/err")"
	grep -qF "$t/no/such/dir/x.db" "$t/err" || fail "$cmd: path not named: $(cat "$t/err")"
	[ -e "$t/no" ] && fail "$cmd created $(find "$t/no")"
	IN='1234\n' run 66 --db "$t/x.db" $cmd
	[ -e "$t/x.db" ] && fail "$cmd created x.db"
	[ -e "$t/out.csv" ] && fail "$cmd wrote $t/out.csv"
done
# form run without --save needs no database at all.
run 0 --db "$t/no/x.db" form run "$form" --answers "$answers"
[ -e "$t/no" ] && fail "form run without --save created a database"

# Write commands create it (folders 0700, file 0600).
IN='1234\n' run 0 --db "$t/a/b/x.db" user add li --role supervisor --pin-stdin
[ -f "$t/a/b/x.db" ] || fail "user add did not create"
IN='1234\n' run 0 --db "$t/c/x.db" form run "$form" --answers "$answers" --save
[ -f "$t/c/x.db" ] || fail "form run --save did not create"
run 0 --db "$t/c/x.db" list
[ "$(wc -l <"$t/out")" = 2 ] || fail "list after --save: $(cat "$t/out")"

# Not a regular file: refused before SQLite opens it.
mkdir "$t/dir"
mkfifo "$t/fifo"
for p in /dev/null "$t/dir" "$t/fifo"; do
	for cmd in "list" "user add li --role supervisor --pin-stdin"; do
		IN='1234\n' run 66 --db "$p" $cmd
		grep -q "not a regular file\|is a folder" "$t/err" || fail "$p $cmd: $(cat "$t/err")"
		grep -qF "$p" "$t/err" || fail "$p: not named: $(cat "$t/err")"
	done
	for x in -journal -wal -shm; do
		[ -e "$p$x" ] && { rm -f "$p$x"; fail "$p$x was created"; }
	done
done
[ -z "$(ls -A "$t/dir")" ] || fail "something was created in the folder: $(ls -A "$t/dir")"
echo ok
