# kesu export of a form with table-list grids: the record holds the
# fields pyxform generates for each grid (generated_table_list_label_ROW,
# reserved_name_for_field_list_labels_ROW, empty), as Collect submits
# them; the export has a column per question and none for those.
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db
fail() { echo "FAIL: $*"; exit 1; }
form=forms/examples/attitudes.md
"$KESU" form run $form --answers forms/examples/attitudes.txt --save \
    >"$t/xml" || fail "form run --save exited $?"
grep -q '<views><generated_table_list_label_8 /><reserved_name_for_field_list_labels_9 /><v_use>4</v_use>' "$t/xml" ||
    fail "the instance lacks the generated fields: $(cat "$t/xml")"
"$KESU" export --format csv -o "$t/out.csv" || fail "export csv exited $?"
head -1 "$t/out.csv" | tr -d '\r' | tr ',' '\n' | sed -n '/^age$/,$p' | tr '\n' ' ' >"$t/cols"
want="age smoker cigs street v_use v_fast v_fund v_kids trust district m_head m_tv m_net m_talk "
[ "$(cat "$t/cols")" = "$want" ] || fail "columns: $(cat "$t/cols")"
python3 - "$t/out.csv" <<'PY' || fail "csv contents: $(cat "$t/out.csv")"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
r = dict(zip(rows[0], rows[1]))
assert (r["v_use"], r["v_fast"], r["v_fund"], r["v_kids"]) == ("4", "2", "5", "3"), r
PY
echo ok
