# kesu report against R's survey package: the fixture tests/report/data.csv
# is loaded with `kesu form run --save`, and kesu's estimates are compared
# with the committed outputs of tests/report/make-expected.R (estimates and
# SEs to 1e-9, intervals and raked results to 1e-6; the same domains,
# tiny ones included).  Then the formats, --status and the refusals.
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db
fail() { echo "FAIL: $*"; exit 1; }
here=tests/report
design="--strata stratum --cluster psu --weight weight"

"$KESU" form run tests/forms/report-design.csv --answers $here/data.csv --save >/dev/null ||
    fail "loading the fixture"

cmp_r() { # name tol_est tol_ci kesu-args...
	local name=$1 te=$2 tc=$3
	shift 3
	"$KESU" report "$@" --format csv >"$t/$name.csv" || fail "report $name exited $?"
	python3 $here/compare.py "$t/$name.csv" "$here/expected-$name.csv" "$te" "$tc" ||
	    fail "$name differs from R"
}
cmp_r design 1e-9 1e-6 $design --by street,key_group
cmp_r mean 1e-9 1e-6 --outcome score $design --by street,key_group
cmp_r weights 1e-9 1e-6 --weight weight --by key_group
cmp_r raked 1e-6 1e-6 $design --by street,key_group --rake $here/rake.csv
# The comparison can tell designs apart.
python3 $here/compare.py "$t/raked.csv" $here/expected-design.csv 1e-6 1e-6 >/dev/null &&
    fail "raked and unraked results compare equal"

# csv: the overall row first; json: the same numbers.
head -2 "$t/design.csv" | tail -1 | grep -q '^all,all,500,' || fail "overall row: $(sed -n 2p "$t/design.csv")"
"$KESU" report $design --by street --format json >"$t/j" || fail "json exited $?"
python3 - "$t/j" "$t/design.csv" <<'PY' || fail "json differs from csv"
import csv, json, sys
top = json.load(open(sys.argv[1]))
assert top["outcome"] == "literate" and top["statistic"] == "proportion", top
assert top["ci_method"] == "logit" and top["lonely_psu"] == "adjust", top
assert top["strata"] == 5 and top["psus"] == 30 and top["lonely_strata"] == 1, top
j = top["estimates"]
c = {(r["by"], r["level"]): r for r in csv.DictReader(open(sys.argv[2]))}
assert len(j) == 1 + 15, len(j)
for r in j:
    w = c[(r["by"], r["level"])]
    assert r["n"] == int(w["n"])
    for k in ("estimate", "se", "ci_low", "ci_high"):
        if w[k] == "NA":
            assert r[k] is None, (r, k)
        else:
            assert abs(r[k] - float(w[k])) < 1e-12, (r, k)
PY

# table: a heading, one line per row, the chart's whiskers; aligned.
"$KESU" report $design --by key_group >"$t/table" || fail "table exited $?"
[ "$(wc -l <"$t/table")" = 9 ] || fail "table lines: $(cat "$t/table")"
grep -q '5 strata, 30 PSUs' "$t/table" || fail "table heading: $(head -1 "$t/table")"
sed -n 2p "$t/table" | grep -q '^strata with a single PSU: 1; --lonely-psu adjust' ||
    fail "table heading: $(sed -n 2p "$t/table")"
grep '^all ' "$t/table" | grep -q '43\.5%.*39\.3%–47\.7% *█*├─*┼─*┤$' || fail "overall line: $(grep '^all' "$t/table")"
[ "$(sed 1,3d "$t/table" | awk '{ print index($0, "%") }' | sort -u | wc -l)" = 1 ] ||
    fail "estimates not aligned: $(cat "$t/table")"

# Which records count.
"$KESU" report $design --status draft >/dev/null 2>"$t/err"
[ $? = 65 ] || fail "no draft records: not 65"
"$KESU" report $design --status completed --format csv | grep -q '^all,all,500,' || fail "--status completed"
"$KESU" report --status finished >/dev/null 2>&1
[ $? = 64 ] || fail "unknown status: not 64"
"$KESU" report --format xml >/dev/null 2>&1
[ $? = 64 ] || fail "--format xml: not 64"
"$KESU" report --help | grep -q 'survey.lonely.psu' || fail "--help names the lonely-PSU rule"
"$KESU" report --lonely-psu drop >/dev/null 2>&1
[ $? = 64 ] || fail "--lonely-psu drop: not 64"
"$KESU" report --ci wald >/dev/null 2>&1
[ $? = 64 ] || fail "--ci wald: not 64"

# Raking refusals name the field and the level.
printf 'field,level,population\nkey_group,cadre,10\nkey_group,worker,10\nkey_group,elderly,10\nkey_group,youth,10\n' >"$t/short.csv"
"$KESU" report $design --rake "$t/short.csv" >/dev/null 2>"$t/err"
[ $? = 65 ] || fail "rake without 'other': not 65"
grep -q "key_group.*'other'" "$t/err" || fail "rake message: $(cat "$t/err")"
printf 'field,level,population\nkey_group,cadre,10\nkey_group,worker,10\nkey_group,elderly,10\nkey_group,youth,10\nkey_group,other,1\nkey_group,retired,5\n' >"$t/extra.csv"
"$KESU" report $design --rake "$t/extra.csv" >/dev/null 2>"$t/err"
[ $? = 65 ] || fail "rake with a level no record has: not 65"
grep -q "'retired'" "$t/err" || fail "rake message: $(cat "$t/err")"

# With users: --as is needed, and an interviewer's report covers only
# their own records.
printf '1111\n' | "$KESU" user add li --role supervisor --pin-stdin || fail "add li"
printf '1111\n2222\n' | "$KESU" user add wang --role interviewer --as li --pin-stdin || fail "add wang"
"$KESU" report $design >/dev/null 2>&1
[ $? = 77 ] || fail "report without --as on a database with users: not 77"
printf '2222\n' | "$KESU" form run tests/forms/report-design.csv --answers $here/data.csv --save --as wang --pin-stdin >/dev/null ||
    fail "wang's records"
printf '2222\n' | "$KESU" report $design --format csv --as wang --pin-stdin | grep -q '^all,all,500,' ||
    fail "wang's report is not his 500 records"
printf '1111\n' | "$KESU" report $design --format csv --as li --pin-stdin | grep -q '^all,all,1000,' ||
    fail "li's report is not all 1000 records"

# Records of other statuses do not count, both when the records' keys run
# without a gap (read as one span less the others) and when they do not
# (read key by key); the two give the same report.
sqlite3 "$KESU_DB" "UPDATE records SET status = 'draft' WHERE id % 10 = 0" || fail "drafts"
printf '1111\n' | "$KESU" report $design --by street --format csv --as li --pin-stdin >"$t/span.csv" ||
    fail "report over a span exited $?"
grep -q '^all,all,900,' "$t/span.csv" || fail "drafts counted: $(sed -n 2p "$t/span.csv")"
sqlite3 "$KESU_DB" "DELETE FROM records WHERE id = 10" || fail "gap"
printf '1111\n' | "$KESU" report $design --by street --format csv --as li --pin-stdin >"$t/keys.csv" ||
    fail "report over keys exited $?"
cmp -s "$t/span.csv" "$t/keys.csv" || fail "span and keys differ: $(diff "$t/span.csv" "$t/keys.csv" | head -4)"

# Records without a value for the outcome stay in the design, counted on
# stderr, and the estimate is that of the others.
sqlite3 "$KESU_DB" "DELETE FROM record_fields WHERE name = 'literate' AND record % 7 = 0" || fail "no literate"
printf '1111\n' | "$KESU" report $design --by street --format csv --as li --pin-stdin >"$t/left.csv" 2>"$t/err" ||
    fail "report with records left out exited $?"
python3 - "$KESU_DB" "$t/left.csv" "$t/err" <<'PY' || fail "records left out: $(cat "$t/err")"
import csv, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
def col(name):
    return dict(db.execute("SELECT record, value FROM record_fields WHERE name = ?", (name,)))
ids = [r for (r,) in db.execute("SELECT id FROM records WHERE status = 'completed'")]
lit, w = col("literate"), col("weight")
kept = [i for i in ids if i in lit]
street = col("street")
def est(rows):
    return sum(float(w[i]) * float(lit[i]) for i in rows) / sum(float(w[i]) for i in rows)
out = {(r["by"], r["level"]): r for r in csv.DictReader(open(sys.argv[2]))}
assert int(out["all", "all"]["n"]) == len(kept) < len(ids), (out["all", "all"]["n"], len(kept), len(ids))
assert abs(float(out["all", "all"]["estimate"]) - est(kept)) < 1e-12
for s in set(street[i] for i in kept):
    rows = [i for i in kept if street[i] == s]
    r = out["street", s]
    assert int(r["n"]) == len(rows) and abs(float(r["estimate"]) - est(rows)) < 1e-12, (s, r, len(rows), est(rows))
assert ("%d records without a number for literate stay in the design" % (len(ids) - len(kept))) in open(sys.argv[3]).read()
PY

# Messy data (tests/report/messy.csv, on a form that declares its roles):
# missing outcomes, a PSU whose respondents all lack it, crossed domains,
# a text PSU, 0% and 100% domains, each lonely-PSU rule, beta intervals
# and raking, against R.
export KESU_DB=$t/messy.db
"$KESU" form run $here/messy-form.csv --answers $here/messy.csv --save >/dev/null ||
    fail "loading the messy fixture"
cmp_r missing 1e-9 1e-6 $design --by street,key_group,key_group:sex
"$KESU" report $design --format csv 2>"$t/err" >/dev/null || fail "missing: exited $?"
grep -q '^kesu: report: 52 records without a number for literate stay in the design' "$t/err" ||
    fail "missing outcomes not said: $(cat "$t/err")"
grep -q '^kesu: report: strata with a single PSU: 1 (--lonely-psu adjust)$' "$t/err" ||
    fail "lonely PSU not said: $(cat "$t/err")"
cmp_r text-psu 1e-9 1e-6 --strata stratum --cluster community --weight weight --by key_group:sex
cmp_r beta 1e-9 1e-6 $design --by street,key_group:sex --ci beta
for m in average remove certainty; do
	cmp_r lonely-$m 1e-9 1e-6 $design --by key_group --lonely-psu $m
	"$KESU" report $design --lonely-psu $m --format csv 2>/dev/null | sed -n 2p |
	    grep -q ",$m,1,\$" || fail "--lonely-psu $m not in the csv"
	"$KESU" report $design --lonely-psu $m 2>/dev/null | sed -n 2p |
	    grep -q "^strata with a single PSU: 1; --lonely-psu $m" || fail "--lonely-psu $m not in the heading"
done
cmp_r raked-missing 1e-6 1e-6 $design --by street,key_group --rake $here/rake.csv
"$KESU" report $design --lonely-psu fail >/dev/null 2>"$t/err"
[ $? = 65 ] || fail "--lonely-psu fail: not 65"
grep -q "stratum 5 has only one PSU" "$t/err" || fail "--lonely-psu fail: $(cat "$t/err")"

# A domain with no interval says why: in the table, the CSV and the JSON.
"$KESU" report $design --by street,key_group:sex --ci beta --format csv 2>/dev/null >"$t/why.csv"
grep -q '^street,s14,2,.*,no_df$' "$t/why.csv" || fail "s14 without why: $(grep s14 "$t/why.csv")"
"$KESU" report $design --by street 2>/dev/null | grep -q '^street  *Street 14 .*– (too few PSUs)' ||
    fail "table: s14 without why"

# The table names levels by their labels in the UI language, a crossed
# level as its parts' labels; CSV and JSON keep the codes.
"$KESU" report $design --by key_group,key_group:sex >"$t/labels" 2>/dev/null || fail "labels exited $?"
grep -q '^key_group:sex  *Cadres × Male  ' "$t/labels" || fail "crossed labels (en): $(cat "$t/labels")"
grep -q '^key_group  *Elderly  ' "$t/labels" || fail "labels (en): $(cat "$t/labels")"
grep -q '^all  *all  ' "$t/labels" || fail "overall row (en): $(cat "$t/labels")"
# (characters, not bytes: "×" is two bytes and one cell)
python3 -c 'import sys; print(*{l.index("%") for l in open(sys.argv[1]).read().splitlines()[4:]})' "$t/labels" |
    grep -q '^[0-9]*$' || fail "labelled table not aligned: $(cat "$t/labels")"
"$KESU" --lang zh report $design --by key_group:sex 2>/dev/null | grep -q '^key_group:sex  *干部 × 男  ' ||
    fail "crossed labels (zh): $("$KESU" --lang zh report $design --by key_group:sex 2>&1)"
"$KESU" report $design --by key_group:sex --format csv 2>/dev/null | grep -q '^key_group:sex,cadre:m,' ||
    fail "csv level is not the codes"

# JSON: one object, the report's metadata and "estimates" (levels as codes).
"$KESU" report $design --by key_group:sex --ci beta --lonely-psu average --format json 2>/dev/null >"$t/j" ||
    fail "json exited $?"
python3 - "$t/j" <<'PY' || fail "json shape: $(head -c 600 "$t/j")"
import json, sys
top = json.load(open(sys.argv[1]))
meta = {"outcome": "literate", "statistic": "proportion", "ci_method": "beta",
        "strata": 5, "psus": 30, "lonely_psu": "average", "lonely_strata": 1,
        "raked": False, "missing_outcome": 52}
for k, v in meta.items():
    assert top[k] == v, (k, top[k])
rows = top["estimates"]
assert rows[0]["by"] == "all" and rows[0]["level"] == "all", rows[0]
assert any(r["by"] == "key_group:sex" and r["level"] == "cadre:m" for r in rows), rows
for r in rows:
    assert set(r) == {"by", "level", "n", "weighted_n", "estimate", "se", "ci_low", "ci_high", "no_ci"}, r
    assert (r["no_ci"] is None) == (r["ci_low"] is not None), r
assert any(r["no_ci"] == "no_variance" for r in rows), rows
# No sample loaded: no response rates.
assert top["response_rates"] is None, top["response_rates"]
PY
grep -q 'response rates' "$t/labels" && fail "response rates without a sample: $(tail -2 "$t/labels")"
"$KESU" report $design --format csv 2>/dev/null | head -1 | grep -q ',rr1,' && fail "rate columns without a sample"

# Every field name is checked, with the nearest one.
for case in "--outcome literat:literate" "--by key_grop:key_group" "--by key_group:sx:sex" \
    "--strata stratm:stratum" "--cluster comunity:community" "--weight weigth:weight"; do
	opt=${case%:*} near=${case##*:}
	"$KESU" report $opt >/dev/null 2>"$t/err"
	[ $? = 65 ] || fail "report $opt: not 65"
	bad=${opt##* }
	bad=${bad##*:}
	grep -q "no field '$bad' in the forms; the nearest is '$near'" "$t/err" || fail "report $opt: $(cat "$t/err")"
done

# The form's declared roles are the defaults: outcome literate, strata,
# community PSUs, weights and the crossed groups.
"$KESU" report --format csv >"$t/roles.csv" 2>/dev/null || fail "report from roles exited $?"
"$KESU" report --strata stratum --cluster community --weight weight --by key_group:sex --format csv \
    >"$t/explicit.csv" 2>/dev/null || fail "explicit report exited $?"
cmp -s "$t/roles.csv" "$t/explicit.csv" || fail "roles are not the defaults: $(diff "$t/roles.csv" "$t/explicit.csv" | head -4)"

# form check: a role naming no field, and a misspelt role column.
sed 's/,weight,key_group:sex$/,weight,key_group:sx/' $here/messy-form.csv >"$t/role.csv"
"$KESU" form check "$t/role.csv" 2>"$t/err"
[ $? = 65 ] || fail "form check of a role naming no field: not 65"
grep -q "role.csv:settings:[0-9]*: kesu_groups: no field 'sx' in the survey sheet" "$t/err" ||
    fail "form check role: $(cat "$t/err")"
sed 's/kesu_weight,/kesu_wieght,/' $here/messy-form.csv >"$t/role.csv"
"$KESU" form check "$t/role.csv" 2>"$t/err"
[ $? = 65 ] || fail "form check of a misspelt role: not 65"
grep -q "unknown column 'kesu_wieght' (did you mean 'kesu_weight'?)" "$t/err" ||
    fail "form check misspelt role: $(cat "$t/err")"
"$KESU" form check forms/science-literacy.csv || fail "the bundled form's roles"
exit 0
