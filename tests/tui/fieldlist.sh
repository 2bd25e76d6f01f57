# A field-list group is one screen: every question that applies, Tab and
# the arrows move between them, each answer is kept the moment it is
# confirmed (a choice when it is marked, so a question it makes relevant
# appears at once), a refused value keeps its message under its own
# question, PgDn checks the whole page and goes to the first question that
# fails; F10 keeps what is typed; every question shown has a show event.
# With LANG unset.
. tests/tui/lib
TUI_LOCALE=unset
form=forms/examples/attitudes.md
supervisor
v() { sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select value from answers where name = '$1'"; }
start interview --form $form --as wang
login 1111
keys Enter
wait_for "About you"
s=$(screen)
for q in "Age of the respondent" "Do you smoke?" "Your street"; do
	echo "$s" | grep -qF "$q" || fail "'$q' not on the page"
done
echo "$s" | grep -qF "Cigarettes a day" && fail "cigs shown before it applies"
# A refused age stays, with its message on the page; Tab does not leave it.
keys 1 2 Tab
wait_for "Age must be 18 to 69"
[ -z "$(v age)" ] || fail "refused age stored: '$(v age)'"
keys C-u 4 2 Tab
wait_gone "Age must be 18 to 69"
[ "$(v age)" = 42 ] || fail "age = '$(v age)' after Tab"
# A choice is kept when marked; the question it opens appears at once.
keys 1
wait_for "Cigarettes a day"
[ "$(v smoker)" = yes ] || fail "smoker = '$(v smoker)'"
# Down past the last choice: the next question.
keys Down Down
# PgDn checks the page: cigs is required and empty, the page stays there.
keys PageDown
wait_for "Sorry, this response is required."
screen | grep -qF "How far do you agree" && fail "left a page that fails"
# The message is under its question (the line after the input line).
screen | grep -A1 "^  >" | grep -qF "Sorry, this response is required." ||
    fail "message not under its question"
# F10 keeps what is typed on the page.
keys 7 F10
wait_for "New interview"
[ "$(v cigs)" = 7 ] || fail "cigs after F10 = '$(v cigs)'"
keys F10
wait_out "draft saved"
stop
id=$(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select uuid from records")
start interview --form $form --as wang --resume "$id"
wait_for "PIN"
keys 1111 Enter
wait_for "Cigarettes a day"
screen | grep -qF "> 7" || fail "cigs not back on resume"
screen | grep -qF "> 42" || fail "age not on the page on resume"
# Up goes to the question above: the choice; 2 unmarks yes and cigs goes.
keys Up 2
wait_gone "Cigarettes a day"
[ "$(v smoker)" = no ] || fail "smoker = '$(v smoker)' after 2"
[ -z "$(v cigs)" ] || fail "cigs kept after it stopped applying"
keys Tab
keys E l m
keys PageDown
wait_for "How far do you agree"
[ "$(v street)" = Elm ] || fail "street = '$(v street)'"
# PgUp: back to the page, on its first question.
keys PageUp
wait_for "About you"
keys PageDown
wait_for "How far do you agree"
# F3 to a question of a page: the page, with that question in hand.
keys F3
wait_for "Jump to a question"
keys Home Enter
wait_for "About you"
screen | grep -qF "> 42" || fail "jump: not the page"
keys 3
wait_for "> 423"
keys C-u 4 3 PageDown
wait_for "How far do you agree"
[ "$(v age)" = 43 ] || fail "age after the jump = '$(v age)'"
keys F10
wait_for "New interview"
keys F10
wait_out "draft saved"
stop
# A show event for every question shown on the page.
for q in age smoker cigs street; do
	n=$(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select count(*) from events where kind = 'show' and field = '$q'")
	[ "$n" -ge 1 ] || fail "no show event for $q"
done
