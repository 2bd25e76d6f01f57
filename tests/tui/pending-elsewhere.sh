# Input kept as pending (F10 on a value the form refuses) is not lost
# when the draft resumes on another question than the one it was typed
# on (here a draft whose stored position is gone, so it opens on the
# first question): it comes back, with its message, when its question is
# reached, and not on the questions before it.  Run in zh_CN.UTF-8.
. tests/tui/lib
zh_locale
form=$t/form.md
cat >"$form" <<'FORM'
| survey |         |      |                |                      |                     |
|        | type    | name | label          | constraint           | constraint_message  |
|        | text    | hh   | Household code |                      |                     |
|        | integer | age  | Age            | . >= 18 and . <= 69  | Age must be 18 to 69 |
|        | text    | town | Town           |                      |                     |
| settings | form_id  | form_title |
|          | tui_pend | Pending    |
FORM
supervisor
start interview --form $form --as wang
login 1111
keys Enter
wait_for "Household code"
keys A 1 Enter
wait_for "Age"
keys 1 5 F10
wait_for "New interview"
keys F10
stop
[ "$(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select field || '=' || value from draft_pending")" = "age=15" ] ||
    fail "the refused age is not held"
sqlite3 -cmd ".timeout 10000" "$KESU_DB" "update records set question = ''" || fail "sqlite3"
start interview --form $form --as wang
login 1111
keys Down Enter
wait_for "Household code"
screen | grep -q "> A1" || fail "hh answer"
! screen | grep -q "Age must be" || fail "the age's message on another question"
keys Enter
wait_for "Age"
screen | grep -q "> 15" || fail "the pending age is not shown again"
screen | grep -q "Age must be 18 to 69" || fail "no message with the pending age"
stop
exit 0
