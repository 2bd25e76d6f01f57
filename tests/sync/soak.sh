# Fault soak: for every fault mode of the test server, N records (100 in
# make check, 1000 in make sync-torture) synced over as many runs as it
# takes, the clock moved past the longest backoff between runs; a fault
# that is permanent for a record (413 flags it) is followed by a
# supervisor's kesu sync --retry all against a normal server.  A captive
# portal first answers everything: nothing may be marked uploaded.  Then
# kill -9 of sync in the middle of uploads.  At the end the server holds
# exactly the stored records' instanceIDs, each stored once, byte-identical
# to the stored instances (tests/bin/dumpxml, diff -r).  Last, a supervisor
# rejects records while their uploads are in flight: sync never stops for
# it, each record the server took is marked on the server (uploaded, or
# rejected and on the server), and none is lost.
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db KESU_CONFIG=$t/kesu.conf KESU_SYNC_TIMEOUT=${SOAK_TIMEOUT:-0.5}
fail() { echo "FAIL: $*"; stop; exit 1; }
form=tests/sync/data/tiny.csv
N=${SOAK_RECORDS:-100} KILLS=${SOAK_KILLS:-8}
base=$(date -u -d 2026-11-28T02:00:00Z +%s) clock=0
tick() { # move the clock past the longest backoff (6 h)
	clock=$((clock + 25200))
	export KESU_NOW=$(date -u -d @$((base + clock + 28800)) +%Y-%m-%dT%H:%M:%S+08:00)
}
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
mk() {
	{ echo who,age,knows; for i in $(seq "$1"); do echo "p$i,$((18 + i % 50)),yes"; done; } >"$t/a.csv"
	printf '5678\n' | "$KESU" form run "$form" --answers "$t/a.csv" --save --as ann --pin-stdin >/dev/null || fail "form run"
}
# "waiting for upload: T (D due now, W waiting to retry, F flagged ...)"
counts() { "$KESU" sync --status | sed -n 's/^waiting for upload: [0-9]* (\([0-9]*\) due now, \([0-9]*\) waiting to retry, \([0-9]*\) flagged.*/\1 \2 \3/p'; }
uploaded() { sqlite3 "$KESU_DB" "SELECT count(*) FROM records WHERE status = 'uploaded'"; }
# records on the server: uploaded, or rejected while in flight
onserver() { sqlite3 "$KESU_DB" "SELECT count(*) FROM records WHERE status = 'uploaded' OR
    (status = 'rejected' AND on_server = uuid)"; }
runs_total=0
drain() { # sync until nothing is due or waiting; flagged ones stay
	local runs=0 rc
	while :; do
		tick
		set -- $(counts)
		[ "$1" = 0 ] && [ "$2" = 0 ] && break
		runs=$((runs + 1)) runs_total=$((runs_total + 1))
		[ $runs -le 80 ] || fail "$mode: still $1 due, $2 waiting after 80 runs"
		"$KESU" sync >/dev/null 2>"$t/err"
		rc=$?
		case $rc in 0|75|65) ;; *) fail "$mode: sync exited $rc: $(cat "$t/err")";; esac
	done
	echo "$mode: $runs runs"
}
check() {
	rm -rf "$t/dump" && mkdir "$t/dump"
	total=$("$BUILD/tests/bin/dumpxml" "$KESU_DB" "$t/dump") || fail "dumpxml"
	[ "$(onserver)" = "$total" ] || fail "$1: $(onserver) of $total marked on the server"
	[ "$(grep -c '^new ' "$t/srv/log")" = "$total" ] || fail "$1: $(grep -c '^new ' "$t/srv/log") stored for $total records"
	[ -z "$(grep '^new ' "$t/srv/log" | sort | uniq -d)" ] || fail "$1: an instance was stored twice"
	diff -r -x log -x inflight -x '*.tmp' "$t/srv" "$t/dump" >"$t/diff" || fail "$1: server and store differ: $(head -5 "$t/diff")"
}

printf '1234\n' | "$KESU" user add boss --role supervisor --pin-stdin || fail "user add"
printf '1234\n5678\n' | "$KESU" user add ann --role interviewer --as boss --pin-stdin || fail "user add ann"
mkdir -p "$t/srv"
SECONDS=0
for mode in 500 reset hang slow 413 ctype portal; do
	mk "$N"
	if [ $mode = portal ]; then
		# a captive portal answering everything: nothing uploaded
		before=$(uploaded)
		start --fault portal
		tick
		"$KESU" sync >/dev/null 2>&1; rc=$?
		[ $rc = 75 ] || fail "portal: exit $rc"
		[ "$(uploaded)" = "$before" ] || fail "portal marked records uploaded"
		[ "$(grep -c '^new ' "$t/srv/log")" = "$before" ] || fail "portal stored something"
		stop
	fi
	prob=0.3
	[ $mode = hang ] && prob=${SOAK_HANG_PROB:-0.05}
	start --fault "$mode" --prob "$prob" --seed 7 --slow 0.05
	drain
	stop
	set -- $(counts)
	if [ "$3" != 0 ]; then
		[ $mode = 413 ] || fail "$mode: $3 flagged"
		echo "$mode: $3 flagged, retried by the supervisor against a normal server"
		start
		printf '1234\n' | "$KESU" sync --retry all --as boss --pin-stdin >/dev/null || fail "retry all"
		mode=$mode-retried drain
		stop
	fi
	check "$mode"
	echo "$mode: ok after ${SECONDS}s"
done

# kill -9 in the middle of uploads, against a slow server
mk "$N"
start --fault slow --slow 0.02
for _ in $(seq "$KILLS"); do
	tick
	"$KESU" sync >/dev/null 2>&1 &
	p=$!
	sleep "$(awk -v r=$RANDOM 'BEGIN { printf "%.2f", 0.1 + r / 32768 * 1.4 }')"
	kill -9 $p 2>/dev/null
	wait $p 2>/dev/null
done
mode=kill drain
stop
check kill
echo "kill: $(grep -c '^resend ' "$t/srv/log") identical resends answered 201 over the whole soak"

# Rejects while uploads are in flight: each time the server starts on the
# k-th POST of the run, the supervisor rejects the k-th record due.
mk "$N"
tick
sqlite3 "$KESU_DB" "SELECT uuid FROM records WHERE status = 'completed' ORDER BY started, id" >"$t/order"
rm -f "$t/srv/inflight"
start --fault slow --slow 0.3
"$KESU" sync >/dev/null 2>"$t/err" &
p=$!
rejected=0 k=1
while kill -0 $p 2>/dev/null && [ $k -le $((N / 10)) ]; do
	posts=$(grep -c '^POST' "$t/srv/inflight" 2>/dev/null)
	if [ "${posts:-0}" -ge $((k * 5)) ]; then
		id=$(sed -n "$((k * 5))p" "$t/order")
		printf '1234\n' | "$KESU" reject "$id" --comment "in flight" --as boss --pin-stdin \
		    >/dev/null 2>&1 && rejected=$((rejected + 1))
		k=$((k + 1))
	fi
	sleep 0.05
done
wait $p
rc=$?
case $rc in 0|75) ;; *) fail "reject in flight: sync exited $rc: $(cat "$t/err")";; esac
mode=reject drain
stop
check reject
lost=$(( $(grep -c '^new ' "$t/srv/log") - $(onserver) ))
inflight=$(sqlite3 "$KESU_DB" "SELECT count(*) FROM records WHERE status = 'rejected' AND on_server = uuid")
echo "reject: $rejected rejected while their upload was in flight, $inflight of them marked on the server; lost=$lost"
echo "$(onserver) records, $runs_total runs, $KILLS kills, ${SECONDS}s"
exit 0
