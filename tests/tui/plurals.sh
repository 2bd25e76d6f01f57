# Counts speak in the right number (ngettext): one record of one session
# gives "1 session" and "1 visit" in the record view and in kesu show, a
# dry-run "1 record due", a report of one street "1 stratum", a sample
# of one household "1 household"; Chinese (one form) reads the same
# counts.  No "1 strata", no "record(s)".
. tests/tui/lib
TUI_LOCALE=zh_CN.UTF-8
form=tests/forms/tui-small.csv
supervisor
start interview --form $form --as wang
login 1111
keys Enter
wait_for "Age of the respondent"
keys 4 2 Enter
wait_for "Do you smoke?"
keys 2 Enter
wait_for "Your street"
keys Enter
wait_for "Nothing is missing"
keys Enter
wait_for "New interview"
keys F10
wait_out "completed"
stop
start --lang en review --as wang
wait_for "PIN"
keys 1111 Enter
wait_for "1 record"
keys Enter
wait_for "Answers"
keys NPage
wait_for "Paradata"
screen | grep -q "Age of the respondent .* 1 visit  0 changes" ||
    fail "record view counts: $(screen)"
stop
id=$(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select uuid from records")
as_wang --lang en show "$id" >"$t/show" || fail "show"
grep -q " 1 session," "$t/show" || fail "show: $(grep session "$t/show")"
grep -q "sessions\|1 jumps\|1 events" "$t/show" && fail "show: $(grep session "$t/show")"
LANG=zh_CN.UTF-8 as_wang --lang zh show "$id" >"$t/show.zh" || fail "show zh"
grep -q "分 1 次进行" "$t/show.zh" || fail "show zh: $(cat "$t/show.zh")"
"$KESU" --lang en sync --dry-run --server http://127.0.0.1:9/ >"$t/sync" 2>&1
grep -q "^1 record due" "$t/sync" || fail "sync: $(cat "$t/sync")"
grep -q "record(s)" "$t/sync" && fail "sync: $(cat "$t/sync")"

# The bundled form, one record: one stratum.
"$KESU" form run forms/science-literacy.csv --answers forms/examples/literate.txt \
    --save --as wang --pin-stdin >/dev/null <<<1111 || fail "form run"
as_wang --lang en report >"$t/report" 2>"$t/report.err" || fail "report: $(cat "$t/report.err")"
grep -q ", 1 stratum, 1 PSU" "$t/report" || fail "report heading: $(head -3 "$t/report")"
as_wang --lang zh report >"$t/report.zh" 2>&1 || fail "report zh"
grep -q "1 个层，1 个 PSU" "$t/report.zh" || fail "report heading zh: $(head -3 "$t/report.zh")"

# One household in the sample.
cat >"$t/sample.csv" <<'CSV'
household_id,street,community,address,interviewer,weight
H01,yuetan,Yuetan Example Community,No. 1 Example Road,wang,500
CSV
as_wang --lang en sample load "$t/sample.csv" >"$t/sample" || fail "sample load"
grep -q ": 1 household, 1 added, 0 changed" "$t/sample" || fail "sample: $(cat "$t/sample")"
echo ok
