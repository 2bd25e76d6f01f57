# A rank answer in the record view: the choices' labels numbered in the
# order ranked, as the interviewer left them, not the stored names.
. tests/tui/lib
form=tests/forms/tui-rank.md
supervisor
printf 'pref=web talk tv paper\nwhy=habit\n' >"$t/answers"
"$KESU" form run $form --answers "$t/answers" --save --as wang \
    --pin-stdin >/dev/null <<<1111 || fail "form run"
start --lang en review --as wang
wait_for "PIN for wang"
keys 1111 Enter
wait_for "1 record"
keys Enter
wait_for "Answers"
wait_for "Rank where you learn of science"
screen | grep -q "^    > 1\. The internet; 2\. Talking with people; 3\. Television; 4\. Newspapers *$" ||
    fail "the ranking's labels in order"
! screen | grep -q "web talk tv paper" || fail "the stored names on the screen"
keys q
wait_for "Review  wang"
keys q
wait_gone "Review"
stop
exit 0
