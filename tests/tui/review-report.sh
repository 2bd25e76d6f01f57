# The review screen's report (e): with nothing to count it says so; over
# 45 records in 15 streets it shows, line by line, the n, estimate and
# 95% interval that `kesu report --by street,key_group` prints for the
# same database without the form's design (each record its own PSU,
# unweighted: --strata '' --cluster '' --weight ''), with the chart's whiskers, fitted to 80 columns; PgDn
# scrolls to the rest and q goes back to the list.
. tests/tui/lib
supervisor
start --lang en review --as wang
login 1111 "records"
keys e
wait_for "No completed, approved or uploaded records with a literacy result yet."
keys q
wait_for "No records match."
keys q
stop

# 45 interviews: street i mod 15, one in four literate, of several ages.
streets=$(awk -F, '$2 == "street" { print $3 }' forms/science-literacy.csv | head -15)
[ "$(echo "$streets" | wc -l)" = 15 ] || fail "streets of the form: $streets"
i=0
for st in $streets $streets $streets; do
	case $((i % 4)) in
	0) src=forms/examples/literate.txt ;;
	*) src=forms/examples/all-wrong.txt ;;
	esac
	year=$((1960 + (i * 7) % 45))
	sed -e "s/^street=.*/street=$st/" -e "s/^birth_year=.*/birth_year=$year/" "$src" >"$t/a$i.txt"
	as_wang form run forms/science-literacy.csv --answers "$t/a$i.txt" --save >/dev/null ||
	    fail "record $i"
	i=$((i + 1))
done
as_wang report --by street,key_group --strata '' --cluster '' --weight '' --format csv \
    >"$t/report.csv" || fail "kesu report"

start --lang en review --as wang
login 1111 "45 records"
keys e
wait_for "literate: weighted proportion with 95% interval (logit)"
screen >"$t/page1"
keys NPage
wait_gone "literate: weighted proportion"
screen >"$t/page2"
python3 - "$t/report.csv" "$t/page1" "$t/page2" <<'PY' || fail "report screen differs from kesu report"
import csv, re, sys
rows = list(csv.DictReader(open(sys.argv[1])))
pages = [open(p).read().splitlines() for p in sys.argv[2:]]
lines = pages[0] + pages[1]
# Levels are shown by their English labels (cut with "…" to fit).
labels = {"all": "all"}
for c in csv.reader(open("forms/science-literacy.csv")):
    if len(c) > 4 and c[0] == "" and c[1] in ("street", "key_group"):
        labels[c[2]] = c[4]
def level(code):
    lab = labels.get(code, code)
    return "(?:%s)" % "|".join([re.escape(lab)] +
        [re.escape(lab[:i]) + "…" for i in range(1, len(lab))])
def pct(v):
    return "-" if v == "NA" else "%.1f%%" % (100 * float(v))
assert len(rows) > 16, len(rows)
for r in rows:
    ci = "-" if r["ci_low"] == "NA" else pct(r["ci_low"]) + "–" + pct(r["ci_high"])
    want = re.compile(r"^%s +%s +%s +%s +%s( |$)" % (re.escape(r["by"]), level(r["level"]),
        r["n"], re.escape(pct(r["estimate"])), re.escape(ci)))
    hit = [l for l in lines if want.match(l)]
    assert hit, "no line for %s %s: %s %s %s" % (r["by"], r["level"], r["n"], pct(r["estimate"]), ci)
    if r["by"] == "all":
        assert re.search("├─*┼─*┤", hit[0]), hit[0]
for p in pages:
    for l in p:
        assert len(l) <= 80, l
# The first page starts at the heading, the second no longer shows it.
assert pages[0][0].startswith("literate: "), pages[0][0]
assert not any(l.startswith("literate: ") for l in pages[1]), pages[1][:2]
PY
keys q
wait_for "45 records"
wait_for "e report"
keys q
stop
exit 0
