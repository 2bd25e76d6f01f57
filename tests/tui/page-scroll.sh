# A page taller than the screen scrolls: the question in hand is always
# whole on it, marks say what is above and below, and PgDn on a page with
# a missing answer scrolls to that question.
. tests/tui/lib
form=tests/forms/tui-page.md
supervisor
v() { sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select value from answers where name = '$1'"; }
start interview --form $form --as wang
login 1111
keys Enter
wait_for "Eight counts"
wait_for "more below"
screen | grep -qF "Count one" || fail "first question not shown"
screen | grep -qF "Count eight" && fail "all eight fit at 80x24?"
keys 1 Tab 2 Tab 3 Tab 4 Tab 5 Tab 6 Tab 7 Tab
wait_for "Count eight"
wait_for "more above"
screen | grep -qF "Count one" && fail "the page did not scroll"
keys 8
[ "$(v q7)" = 7 ] || fail "q7 = '$(v q7)'"
# Back to the top with Up; the eighth is kept as it is left.
keys Up Up Up Up Up Up Up
wait_for "Count one"
[ "$(v q8)" = 8 ] || fail "q8 = '$(v q8)'"
# Clear q5, PgDn: the page scrolls to it with its message.
keys Down Down Down Down C-u Up PageDown
wait_for "Sorry, this response is required."
screen | grep -A2 -F "Count five" | grep -qF "Sorry, this response is required." ||
    fail "message not under Count five"
keys 5 PageDown
wait_for "Thank you"
[ "$(v q5)" = 5 ] || fail "q5 = '$(v q5)'"
stop
