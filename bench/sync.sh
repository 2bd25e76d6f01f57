#!/usr/bin/env bash
# bench/sync.sh DIR - kesu sync of N records (10,000) to the test server
# on loopback, beside the curl command posting the same instance bodies
# to the same server program (a fresh instance) in one process over one
# kept-alive connection: records per second of each, their ratio, and the
# HTTP bytes on the wire per record as the server counted them.  Both go
# through the same single-threaded Python server, which may be the
# bottleneck of both; the ratio is what kesu adds on top.
set -eu
cd "$(dirname "$0")/.."
: "${BUILD:=$PWD/build}"
: "${KESU:=$BUILD/kesu}"
d=$1/sync
N=${SYNC_BENCH_RECORDS:-10000}
mkdir -p "$d"
export KESU_DB=$d/kesu.db KESU_CONFIG=$d/kesu.conf
now() { date +%s.%N; }
spid=
start() { # NAME
	rm -f "$d/port"
	python3 tests/sync/openrosa_server.py --dir "$d/$1" --port-file "$d/port" \
	    --password pw --wire "$d/$1.wire" &
	spid=$!
	for _ in $(seq 300); do [ -s "$d/port" ] && break; sleep 0.1; done
	url=http://127.0.0.1:$(cat "$d/port")/v1/projects/1
}
stop() { [ -z "$spid" ] || { kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null || true; }; spid=; }
trap stop EXIT
wire() { awk '{ rx += $1; tx += $2 } END { printf "%.0f", (rx + tx) / n }' n="$N" "$d/$1.wire"; }

{ echo who,age,knows; for i in $(seq "$N"); do echo "p$i,$((18 + i % 50)),yes"; done; } >"$d/a.csv"
"$KESU" form run tests/sync/data/tiny.csv --answers "$d/a.csv" --save >/dev/null

start kesu
printf 'server = %s\nuser = field@example.org\npassword = pw\n' "$url" >"$KESU_CONFIG"
chmod 600 "$KESU_CONFIG"
t0=$(now)
"$KESU" sync >/dev/null
t1=$(now)
stop
got=$(grep -c '^new ' "$d/kesu/log")

# the same bodies, by curl: one process, one connection, --next between
start curl
sep=
for f in "$d"/kesu/*.xml; do
	printf '%surl = "%s/submission"\nform = "xml_submission_file=@%s;type=text/xml"\nheader = "X-OpenRosa-Version: 1.0"\nheader = "Expect:"\nuser = "field@example.org:pw"\noutput = "/dev/null"\n' "$sep" "$url" "$f"
	sep=$'next\n'
done >"$d/curl.cfg"
t2=$(now)
curl -s -K "$d/curl.cfg"
t3=$(now)
stop
cgot=$(grep -c '^new ' "$d/curl/log")

awk -v n="$N" -v a="$t0" -v b="$t1" -v c="$t2" -v e="$t3" -v g="$got" -v h="$cgot" \
    -v kw="$(wire kesu)" -v cw="$(wire curl)" 'BEGIN {
	k = n / (b - a); u = n / (e - c)
	printf "sync of %d records to the loopback test server: kesu %.0f records/s (%d stored), curl with keep-alive %.0f records/s (%d stored); ratio %.2f (goal >= 0.8); HTTP bytes per record: kesu %d, curl %d\n", n, k, g, u, h, k / u, kw, cw
}'
