# Fault soak: N records synced over repeated runs under each fault mode of
# the test server (each fault on ~30% of requests), then kill -9 of sync
# in the middle of uploads.  At the end the server holds exactly the set
# of instanceIDs, each once, byte-identical to the stored instances.
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db KESU_CONFIG=$t/kesu.conf KESU_SYNC_BACKOFF_MS=1 KESU_SYNC_TIMEOUT=1
fail() { echo "FAIL: $*"; stop; exit 1; }
form=forms/science-literacy.csv
N=${SOAK_RECORDS:-10} KILLS=${SOAK_KILLS:-8}
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
mk() { for _ in $(seq "$1"); do "$KESU" form run "$form" --answers forms/examples/literate.txt --save >/dev/null || fail "form run"; done; }
due() { "$KESU" sync --dry-run | sed -n 's/^\([0-9]*\) record(s) due$/\1/p'; }
check() { # every stored record on the server once, byte-identical
	total=$("$KESU" list --format csv | tail -n +2 | wc -l)
	[ "$(ls "$t/srv" | grep -c '\.xml$')" = "$total" ] || fail "$1: server holds $(ls "$t/srv" | grep -c '\.xml$') of $total"
	[ "$(grep -c '^new ' "$t/srv/log")" = "$total" ] || fail "$1: an instance was stored twice"
	for id in $("$KESU" list --format csv | tail -n +2 | cut -d, -f1); do
		f=$t/srv/uuid_$id.xml
		[ -f "$f" ] || fail "$1: $id missing"
		"$KESU" show "$id" | grep -F -q -x -f "$f" || fail "$1: $id differs"
	done
}

for mode in 500 reset hang slow 413 ctype portal; do
	mk "$N"
	start --fault "$mode" --prob 0.3 --seed 7 --slow 0.05
	runs=0
	while [ "$(due)" != 0 ]; do
		runs=$((runs + 1))
		[ $runs -le 60 ] || fail "$mode: still $(due) due after 60 runs"
		"$KESU" sync >/dev/null 2>&1
		rc=$?
		case $rc in 0|75) ;; *) fail "$mode: sync exited $rc";; esac
	done
	stop
	check "$mode"
done

# kill -9 in the middle of uploads, against a slow server
mk "$N"
start --fault slow --slow 0.05
for _ in $(seq "$KILLS"); do
	"$KESU" sync >/dev/null 2>&1 &
	p=$!
	sleep 0.$((RANDOM % 4 + 1))
	kill -9 $p 2>/dev/null
	wait $p 2>/dev/null
done
runs=0
while [ "$(due)" != 0 ]; do
	runs=$((runs + 1))
	[ $runs -le 10 ] || fail "kill: still due"
	"$KESU" sync >/dev/null 2>&1
done
stop
check kill
exit 0
