#!/usr/bin/env bash
# bench/report.sh KESU TMP - kesu report on 100,000 records (15 strata,
# 260 PSUs) by street and by key group, against R's survey package on the
# same data in the same run (skipped with a message when Rscript or the
# survey package is missing), and beside the floor: the sqlite3 command
# reading the same field rows from the same index (process start
# included, as in kesu's figure).  Also checks that both
# give the same numbers.
set -eu
kesu=$1 tmp=$2
here=$(cd "$(dirname "$0")/.." && pwd)
db=$tmp/report.db
[ -d /dev/shm ] && [ -w /dev/shm ] && db=$(mktemp -d /dev/shm/kesu-bench.XXXXXX)/report.db
python3 "$here/tests/report/make-data.py" 100000 15 260 2026 >"$tmp/report.csv"
t0=$(date +%s.%N)
KESU_DB=$db "$kesu" form run "$here/tests/forms/report-design.csv" \
    --answers "$tmp/report.csv" --save >/dev/null
t1=$(date +%s.%N)
# CPU seconds (user + system) of a command, the best of three runs: the
# machine may be shared, so wall time would measure the neighbours.
secs() {
	local i best= t
	for i in 1 2 3; do
		t=$( { TIMEFORMAT='%U %S'; time "$@" >/dev/null 2>&1; } 2>&1 | awk '{ print $1 + $2 }')
		best=$(awk -v a="$best" -v b="$t" 'BEGIN { print (a == "" || b < a) ? b : a }')
	done
	echo "$best"
}
design="--strata stratum --cluster psu --weight weight"
ks=$(secs env KESU_DB="$db" "$kesu" report $design --by street --format csv)
kk=$(secs env KESU_DB="$db" "$kesu" report $design --by key_group --format csv)
KESU_DB=$db "$kesu" report $design --by street,key_group --format csv >"$tmp/kesu.csv" 2>/dev/null
floor=$(secs sqlite3 "$db" "SELECT count(*), sum(length(f.value)) FROM json_each('[\"literate\",\"weight\",\"stratum\",\"psu\",\"street\"]') j CROSS JOIN record_fields f INDEXED BY record_fields_value WHERE f.name = j.value")
awk -v l="$(echo "$t0 $t1" | awk '{ print $2 - $1 }')" 'BEGIN { printf "report: loading 100,000 records with kesu form run --save: %.1f s\n", l }'
awk -v s="$ks" -v k="$kk" -v f="$floor" 'BEGIN { printf "report: kesu report, 100,000 records, 15 strata, 260 PSUs: by street %.3f s CPU, by key_group %.3f s CPU; floor (sqlite3 reading the same index rows) %.3f s CPU: %.1fx the floor\n", s, k, f, (s + k) / 2 / f }'
if ! command -v Rscript >/dev/null || ! Rscript -e 'suppressMessages(library(survey))' >/dev/null 2>&1; then
	echo "report: R survey comparison skipped (no Rscript with the survey package; apt-get install r-cran-survey)"
else
	rt0=$(date +%s.%N)
	rin=$(Rscript "$here/bench/report.R" "$tmp/report.csv" "$tmp/r.csv" 2>/dev/null)
	rt1=$(date +%s.%N)
	awk -v s="$ks" -v k="$kk" -v r="$rin" -v t="$(echo "$rt0 $rt1" | awk '{ print $2 - $1 }')" 'BEGIN { printf "report: R survey on the same data, by street and by key_group: %.3f s CPU estimating (%.3f s wall with R start and read.csv); kesu (both, from SQLite, whole command): %.3f s CPU: %.1fx less CPU than R estimating\n", r, t, s + k, r / (s + k) }'
	python3 "$here/tests/report/compare.py" "$tmp/kesu.csv" "$tmp/r.csv" 1e-9 1e-6 | sed 's/^/report: same numbers: /'
fi
case $db in /dev/shm/*) rm -rf "$(dirname "$db")" ;; esac
