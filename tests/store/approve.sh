# kesu approve / reject: supervisors only (an interviewer or nobody -> 77,
# the refusal in the record's history), transitions the store allows
# (else 65 with the reason), reject needs a comment (64), and show prints
# every status change with its comment.
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db
fail() { echo "FAIL: $*"; exit 1; }
form=forms/science-literacy.csv
printf '1111\n' | "$KESU" user add wang --role supervisor --pin-stdin || fail "add wang"
printf '1111\n2222\n' | "$KESU" user add li --role interviewer --as wang --pin-stdin || fail "add li"
for i in 1 2 3; do
	printf '2222\n' | "$KESU" form run "$form" --answers forms/examples/literate.txt \
	    --save --as li --pin-stdin >/dev/null || fail "form run $i"
done
ids=$(printf '1111\n' | "$KESU" list --as wang --pin-stdin --format csv | sed 1d | cut -d, -f1)
a=$(echo "$ids" | sed -n 1p) b=$(echo "$ids" | sed -n 2p) c=$(echo "$ids" | sed -n 3p)
[ -n "$c" ] || fail "three records expected"

# The interviewer may not approve or reject: 77, a reason, nothing changed.
printf '2222\n' | "$KESU" approve "$a" --as li --pin-stdin 2>"$t/err"
[ $? = 77 ] || fail "interviewer approved: not 77"
grep -q "interviewer; this needs a supervisor" "$t/err" || fail "no reason: $(cat "$t/err")"
printf '2222\n' | "$KESU" reject "$a" --comment "no" --as li --pin-stdin 2>/dev/null
[ $? = 77 ] || fail "interviewer rejected: not 77"
"$KESU" approve "$a" 2>"$t/err"
[ $? = 77 ] || fail "approve without --as: not 77"
grep -q -- "--as USER" "$t/err" || fail "no --as hint: $(cat "$t/err")"
printf '9999\n' | "$KESU" approve "$a" --as wang --pin-stdin 2>/dev/null
[ $? = 77 ] || fail "wrong PIN: not 77"
printf '1111\n' | "$KESU" show "$a" --as wang --pin-stdin >"$t/show" || fail "show"
grep -q "^status  *completed" "$t/show" || fail "status changed by a refused approve"
grep -q "approve-refused" "$t/show" || fail "refusal not in the history"
grep -q "reject-refused" "$t/show" || fail "reject refusal not in the history"

# Reject needs a comment.
printf '1111\n' | "$KESU" reject "$a" --as wang --pin-stdin 2>"$t/err"
[ $? = 64 ] || fail "reject without comment: not 64"
printf '1111\n' | "$KESU" reject "$a" --comment "  " --as wang --pin-stdin 2>/dev/null
[ $? = 64 ] || fail "reject with a blank comment: not 64"

# The supervisor approves one, rejects another with a comment.
printf '1111\n' | "$KESU" approve "$a" --comment "fine" --as wang --pin-stdin || fail "approve"
printf '1111\n' | "$KESU" reject "$b" --comment "k05: ask again, the respondent hesitated" \
    --as wang --pin-stdin || fail "reject"
printf '1111\n' | "$KESU" show "$a" --as wang --pin-stdin >"$t/show" || fail "show a"
grep -q "^status  *approved" "$t/show" || fail "a not approved"
grep -q "wang .*completed -> approved: fine" "$t/show" || fail "approve not in history: $(cat "$t/show")"
# The interviewer sees the comment on their own record.
printf '2222\n' | "$KESU" show "$b" --as li --pin-stdin >"$t/show" || fail "show b as li"
grep -q "^status  *rejected" "$t/show" || fail "b not rejected"
grep -q "completed -> rejected: k05: ask again, the respondent hesitated" "$t/show" ||
    fail "comment not shown to the interviewer"

# Transitions the store refuses: 65 with the reason.
printf '1111\n' | "$KESU" approve "$b" --as wang --pin-stdin 2>"$t/err"
[ $? = 65 ] || fail "approving a rejected record: not 65"
grep -q "The record is rejected; it cannot be changed to approved." "$t/err" || fail "reason: $(cat "$t/err")"
printf '1111\n' | "$KESU" --lang zh approve "$b" --as wang --pin-stdin 2>"$t/err"
grep -q "该记录的状态是“已退回”，不能改为“已审核通过”。" "$t/err" ||
    fail "the reason in Chinese, by the statuses' labels: $(cat "$t/err")"
printf '1111\n' | "$KESU" approve "$a" --as wang --pin-stdin 2>"$t/err"
[ $? = 65 ] || fail "approving twice: not 65"
grep -q "a approved" "$t/err" && fail "'a approved': $(cat "$t/err")"
# An approved record may still be rejected.
printf '1111\n' | "$KESU" reject "$a" --comment "second look: k12" --as wang --pin-stdin ||
    fail "reject an approved record"
# Unknown record: 66.
printf '1111\n' | "$KESU" approve 00000000-0000-4000-8000-000000000000 --as wang --pin-stdin 2>/dev/null
[ $? = 66 ] || fail "unknown id: not 66"
"$KESU" approve 2>/dev/null
[ $? = 64 ] || fail "no id: not 64"
"$KESU" approve --help | grep -q "usage: kesu approve" || fail "approve --help"
echo ok
