# The record view never lets answer text drive the terminal, and wraps
# long answers by display width: a 2,000-character text answer (words,
# a tab, what the engine keeps of escape sequences) is shown wrapped on
# indented lines to its last word; a draft whose stored answer holds raw
# escape sequences (ESC, BEL: a damaged or foreign database) shows them
# as '?' and the terminal's title does not change.
. tests/tui/lib
form=tests/forms/tui-small.csv
printf '1111\n' | "$KESU" user add wang --role supervisor --pin-stdin || fail "add wang"
long=$(for i in $(seq -w 1 333); do printf 'w0%s ' "$i"; done)
printf 'age=30\nsmoker=no\nname=\x1b[31mRED\ttab %s\n' "$long" >"$t/answers"
[ "$(sed -n 3p "$t/answers" | wc -c)" -ge 2000 ] || fail "answer shorter than 2000"
printf '1111\n' | "$KESU" form run $form --answers "$t/answers" --save --as wang --pin-stdin \
    >/dev/null || fail "form run"
# A second record, turned into a draft whose answer holds raw escapes.
printf '1111\n' | "$KESU" form run $form --answers "$t/answers" --save --as wang --pin-stdin \
    >/dev/null || fail "form run 2"
sqlite3 -cmd ".timeout 10000" "$KESU_DB" "update records set status = 'draft', xml = NULL where id = 2;
    insert or replace into answers (record, name, value) values
    (2, 'name', 'X' || char(27) || ']2;pwned' || char(7) || char(27) || '[2J' || char(27) || '[31mRAW');" ||
    fail "sqlite3"
start --lang en review --as wang
wait_for "PIN for wang"
keys 1111 Enter
title=$(tmux display -p -t "$S" '#{pane_title}')
wait_for " 1 record "
keys Enter
wait_for "Your street"
screen | grep -q '^    > \[31mRED?tab w0001 w0002' || fail "tab not shown as '?' or answer missing"
# Wrapped: continued lines indented by six, no word cut, every line fits.
[ "$(screen | grep -c '^      w0[0-9][0-9][0-9] ')" -ge 10 ] || fail "long answer not wrapped"
screen | grep '^      w0' | grep -Evq '^      (w0[0-9]{3} )*w0[0-9]{3} ?$' && fail "a word was cut"
for i in 1 2 3; do keys NPage; done
wait_for "w0333"
keys q
wait_for "Review  wang"
# The draft (status filter: completed, approved, rejected, uploaded, draft).
keys f f f f f
wait_for "status: draft"
keys Enter
wait_for "Your street"
screen | grep -qF '    > X?]2;pwned??[2J?[31mRAW' || fail "escapes not shown inert"
[ "$(tmux display -p -t "$S" '#{pane_title}')" = "$title" ] || fail "the answer retitled the terminal"
screen | grep -q "Answers" || fail "screen cleared by the answer"
keys q q
sleep 0.3
stop
exit 0
