# A record the supervisor sent back opens with the comment on the status
# line, on the question the comment names ("name: ..."); a comment naming
# no question opens on the first question with the comment.
. tests/tui/lib
form=tests/forms/tui-small.csv
supervisor
printf 'age=40\nsmoker=no\nname=Elm\n' >"$t/a1"
printf '1111\n' | "$KESU" form run "$form" --answers "$t/a1" --save --as wang \
    --pin-stdin >/dev/null || fail "form run"
id=$(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select uuid from records")
as_wang reject "$id" --comment "name: ask for the whole street" || fail "reject"
start interview --form $form --as wang
login 1111 "Rejected"
keys Down Enter
wait_for "Supervisor's comment: name: ask for the whole street"
screen | grep -q "Your street" || fail "not on the street question: $(screen)"
screen | grep -q "> Elm" || fail "answer not kept"
keys " Road" Enter
wait_for "Nothing is missing"
keys Enter
wait_for "Completed"
stop
as_wang reject "$id" --comment "please check the age again" || fail "reject 2"
start interview --form $form --as wang
login 1111 "Rejected"
keys Down Enter
wait_for "Supervisor's comment: please check the age again"
screen | grep -q "Age of the respondent" || fail "not on the first question"
keys F2
wait_for "督导意见：please check the age again"
stop
