#!/usr/bin/env bash
# bench/sample.sh TMP - a 1,000-household sample: `kesu sample load` and
# `kesu sample list` (one interviewer's households, what their home shows,
# and the whole sample) beside their floors on the same machine: sqlite3
# importing the same CSV into a bare table in one transaction, and
# selecting the same rows back.  CPU seconds (user+sys) of the whole
# processes, best of 5; the database's size after the load.
set -eu
tmp=$1
: "${KESU:?}"
db=$tmp/bench-sample.db
csv=$tmp/sample-1000.csv
awk 'BEGIN {
	print "household_id,street,community,address,interviewer,probability,stratum"
	for (i = 1; i <= 1000; i++)
		printf "H%04d,street%02d,community%03d,No. %d Example Road,iv%02d,%.8f,s%d\n",
		    i, i % 15, i % 120, i, i % 20, 20 / (8000 + i), i % 15
}' >"$csv"
rm -f "$db" "$tmp/floor.db"
printf '1111\n' | "$KESU" --db "$db" user add sup --role supervisor --pin-stdin
for i in $(seq -w 0 19); do
	printf '1111\n2222\n' | "$KESU" --db "$db" user add "iv$i" --role interviewer --as sup --pin-stdin
done
cpu() { # best CPU seconds (user+sys) of 5 runs of "$@", to the microsecond
	python3 - "$@" <<'PY'
import resource, subprocess, sys
best = 1e9
for _ in range(5):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    best = min(best, r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
print("%.4f" % best)
PY
}
auth=$(cpu sh -c "printf '2222\n' | '$KESU' --db '$db' list --as iv07 --pin-stdin")
load=$(cpu sh -c "printf '1111\n' | '$KESU' --db '$db' sample load '$csv' --as sup --pin-stdin")
floor_load=$(cpu sh -c "rm -f '$tmp/floor.db'; sqlite3 '$tmp/floor.db' '.mode csv' '.import $csv sample'")
one=$(cpu sh -c "printf '2222\n' | '$KESU' --db '$db' sample list --as iv07 --pin-stdin")
floor_one=$(cpu sqlite3 "$tmp/floor.db" "SELECT * FROM sample WHERE interviewer = 'iv07'")
all=$(cpu sh -c "printf '1111\n' | '$KESU' --db '$db' sample list --format csv --as sup --pin-stdin")
floor_all=$(cpu sqlite3 -csv "$tmp/floor.db" "SELECT * FROM sample")
echo "sample, 1,000 households: load $load s CPU, less the login $(awk -v a="$load" -v b="$auth" 'BEGIN { printf "%.4f", a - b }') s (floor: sqlite3 .import of the same CSV $floor_load s), database $(( $(stat -c %s "$db") / 1024 )) KiB"
echo "sample list: one interviewer's 50 households $one s CPU, all 1,000 as CSV $all s; of which the login alone (kesu list on no records, the yescrypt PIN check) $auth s; floors: sqlite3 SELECT of the same rows $floor_one s and $floor_all s (each a whole process)"
