# kesu export without --form: on a survey day the newest records are the
# visit form's (forms/visit.csv, from `kesu sample visit`), yet the export
# is of the questionnaire, the form `kesu report` reads (the one that
# declares kesu_outcome), and stderr names it.  With --form nothing is
# said.
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db
fail() { echo "FAIL: $*"; exit 1; }
K=$KESU
printf '1111\n' | "$K" user add wang --role supervisor --pin-stdin || fail "add wang"
printf '1111\n2222\n' | "$K" user add li --role interviewer --as wang --pin-stdin || fail "add li"
printf 'household_id,street,community,address,interviewer,probability\nH01,xinjiekou,c1,a1,li,0.5\nH02,xinjiekou,c1,a2,li,0.5\n' >"$t/sample.csv"
printf '1111\n' | "$K" sample load "$t/sample.csv" --as wang --pin-stdin >/dev/null || fail "sample load"

printf '2222\n' | "$K" form run forms/science-literacy.csv --answers forms/examples/literate.txt \
    --save --as li --pin-stdin >/dev/null || fail "questionnaire run --save exited $?"
printf '2222\n' | "$K" sample visit H02 --disposition nobody_home --as li --pin-stdin >/dev/null ||
    fail "sample visit exited $?"

printf '1111\n' | "$K" export --format csv -o "$t/out.csv" --as wang --pin-stdin 2>"$t/err" ||
    fail "export exited $?: $(cat "$t/err")"
python3 - "$t/out.csv" <<'PY' || fail "exported rows: $(cut -c1-200 "$t/out.csv")"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
assert len(rows) == 1, len(rows)
assert rows[0]["form_id"] == "xicheng_science_literacy", rows[0]["form_id"]
assert "literate" in rows[0], "not the questionnaire's columns"
PY
grep -q "xicheng_science_literacy" "$t/err" || fail "stderr does not name the form: $(cat "$t/err")"

# Asked for by name: that form, and nothing on stderr.
printf '1111\n' | "$K" export --format csv --form xicheng_visit -o "$t/visit.csv" --as wang --pin-stdin 2>"$t/err" ||
    fail "export --form xicheng_visit exited $?"
[ ! -s "$t/err" ] || fail "export --form says: $(cat "$t/err")"
grep -q ",xicheng_visit," "$t/visit.csv" || fail "export --form xicheng_visit: $(head -2 "$t/visit.csv")"
echo ok
