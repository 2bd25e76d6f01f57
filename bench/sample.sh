#!/usr/bin/env bash
# bench/sample.sh TMP - a 1,000-household sample: `kesu sample load` and
# `kesu sample list` (one interviewer's households, what their home shows,
# and the whole sample) beside their floors on the same machine: sqlite3
# importing the same CSV into a bare table in one transaction, and
# selecting the same rows back.  CPU seconds (user+sys) of the whole
# processes, best of 5; the database's size after the load.  Then what a
# survey round writes (records and bytes per interview and per visit) and
# the households list on the screen beside a pty round trip
# (bench/households.py).
set -eu
tmp=$1
: "${KESU:?}"
db=$tmp/bench-sample.db
csv=$tmp/sample-1000.csv
awk 'BEGIN {
	split("xichanganjie xinjiekou yuetan zhanlanlu desheng jinrongjie shichahai " \
	    "dashilar tianqiao chunshu taoranting guanganmennei niujie baizhifang " \
	    "guanganmenwai", street, " ")
	print "household_id,street,community,address,interviewer,probability,stratum"
	for (i = 1; i <= 1000; i++)
		printf "H%04d,%s,community%03d,No. %d Example Road,iv%02d,%.8f,s%d\n",
		    i, street[i % 15 + 1], i % 120, i, i % 20, 20 / (8000 + i), i % 15
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

# What a survey round on this sample writes: interviews of households
# (form run --household, a roster of one eligible member) and visits that
# gave none (sample visit), as iv07; the records' count and the
# database's growth per record (after a checkpoint), and what 1,000
# households with one record each would add at that rate.
{ printf 'member[1]/m_name=A\nmember[1]/m_age=40\nmember[1]/m_resident=yes\n'
  grep -v '^street=\|^community=' forms/examples/literate.txt; } >"$tmp/hh-answers.txt"
size() { sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null; stat -c %s "$db"; }
hh() { sed 1d "$csv" | awk -F, -v k="$1" '$5 == "iv07" { if (++n > k) print $1 }' | head -n "$2"; }
iv() { printf '2222\n' | "$KESU" --db "$db" form run forms/science-literacy.csv --answers "$tmp/hh-answers.txt" \
    --save --household "$1" --as iv07 --pin-stdin >/dev/null; }
iv "$(hh 0 1)"	# the first stores the form itself: not counted
s0=$(size)
for h in $(hh 1 10); do
	iv "$h"
done
s1=$(size)
for h in $(hh 11 10); do
	printf '2222\n' | "$KESU" --db "$db" sample visit "$h" --disposition nobody_home --as iv07 --pin-stdin >/dev/null
done
s2=$(size)
n=$(sqlite3 "$db" "SELECT count(*) FROM records")
awk -v n="$n" -v a="$((s1 - s0))" -v b="$((s2 - s1))" -v s="$s2" 'BEGIN {
	printf "survey round records: %d (11 interviews with a roster, 10 visits without one); database %d KiB; growth %.1f KiB per interview, %.1f KiB per visit record; 1,000 households at one record each: %.1f MB of interviews or %.1f MB of visits\n",
	    n, s / 1024, a / 10 / 1024, b / 10 / 1024, a / 10 * 1000 / 1e6, b / 10 * 1000 / 1e6 }'
python3 bench/households.py "$KESU" "$db" iv07 2222 30
