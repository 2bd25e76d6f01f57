# Reject on the review screen: the comment is typed in the line editor;
# the record becomes rejected and its interviewer reads the comment with
# `kesu show`; Enter on an empty comment rejects nothing; approving the
# rejected record is refused on the screen with the store's reason.
. tests/tui/lib
form=forms/science-literacy.csv
printf '1111\n' | "$KESU" user add wang --role supervisor --pin-stdin || fail "add wang"
printf '1111\n2222\n' | "$KESU" user add li --role interviewer --as wang --pin-stdin || fail "add li"
printf '2222\n' | "$KESU" form run $form --answers forms/examples/literate.txt --save \
    --as li --pin-stdin >/dev/null || fail "form run"
id=$(printf '2222\n' | "$KESU" list --as li --pin-stdin --format csv | sed -n '2s/,.*//p')
start --lang en review --as wang
wait_for "PIN for wang"
keys 1111 Enter
wait_for " 1 record "
# An empty comment: nothing is rejected.
keys r
wait_for "Why is it rejected?"
keys Enter
wait_for "Not rejected: a rejection needs a comment"
screen | grep -q " completed " || fail "rejected without a comment"
# With a comment (edited: a typo removed with Backspace).
keys r
wait_for "Why is it rejected?"
keys "k05: ask agaim" BSpace "n, the respondent hesitated" Enter
wait_for "rejected; its interviewer sees the comment."
screen | grep -q " rejected " || fail "list still shows the old status"
# A rejected record cannot be approved: the reason, on the screen.
keys a
wait_for "The record is rejected; it cannot be changed to approved."
keys q
sleep 0.5
stop
printf '2222\n' | "$KESU" show "$id" --as li --pin-stdin >"$t/show" || fail "show as li"
grep -q "^status  *rejected" "$t/show" || fail "not rejected: $(cat "$t/show")"
grep -q "wang .*completed -> rejected: k05: ask again, the respondent hesitated" "$t/show" ||
    fail "the interviewer does not see the comment: $(cat "$t/show")"
exit 0
