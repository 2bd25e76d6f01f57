# First run, login and home: on an empty database the screen asks for the
# supervisor (PIN twice, masked), who lands at home and adds an
# interviewer; the interviewer logs in (a wrong PIN refused, then the
# right one), leaves a draft, sees it at home with its last question and
# time, and resumes it on that question; home shows a rejected record's
# comment, the uploads waiting and the last sync; F2 switches language;
# repeated wrong PINs on the screen get the wait the CLI gives.
. tests/tui/lib
form=tests/forms/tui-small.csv
start interview --form $form
wait_for "This database has no users yet"
keys wang Enter 1111 Enter 1112 Enter
wait_for "the two PINs differ"
keys 1111 Enter 1111 Enter
wait_for "kesu: wang (supervisor)"
wait_for "New interview"
screen | grep -q "1111" && fail "a PIN was shown"
screen | grep -q "Waiting for upload: 0   Last sync: never" || fail "status line"
as_wang user list | grep -q "^wang  *supervisor  *active" || fail "no supervisor wang"
# The supervisor adds an interviewer from home.
keys Down Down
wait_for "> Add an interviewer"
keys Enter
wait_for "A new interviewer's account"
keys li Enter 2222 Enter 2222 Enter
wait_for "Interviewer li added."
keys F10
wait_gone "F10 quit"
stop

# li logs in from the list (li, wang): a wrong PIN, then the right one.
start interview --form $form
wait_for "Who are you?"
wait_for "> li (interviewer)"
keys Enter
wait_for "PIN for li"
keys 9999
screen | grep -q "PIN for li: \*\*\*\*" || fail "PIN not masked: $(screen)"
keys Enter
wait_for "user 'li' or the PIN is not accepted"
keys 2222 Enter
wait_for "kesu: li (interviewer)"
screen | grep -q "Add an interviewer" && fail "an interviewer may add users"
keys Enter
wait_for "Age of the respondent"
keys 4 2 Enter
wait_for "Do you smoke?"
keys F10
wait_for "Draft saved: uuid:"
# The draft at home: its last question and time; Enter resumes it there.
wait_for "Resume "
screen | grep -Eq "> New interview" || fail "new interview not first"
screen | grep -Eq "Resume [0-9a-f]{8}: Do you smoke, 2026-11-28 10:0" ||
    fail "draft line: $(screen)"
keys F2
wait_for "继续"
screen | grep -q "您吸烟吗，2026" || fail "draft label not in Chinese: $(screen)"
keys F2
wait_for "Resume "
keys Down Enter
wait_for "Do you smoke?"
screen | grep -q "2 of" || fail "not on question 2: $(screen)"
keys PageUp
wait_for "> 42"
keys PageDown 1 Enter
wait_for "Cigarettes a day"
keys 5 Enter
wait_for "Your street"
keys Enter
wait_for "Nothing is missing"
keys Enter
wait_for "Completed: uuid:"
screen | grep -q "Resume " && fail "a finalized draft still listed"
screen | grep -q "Waiting for upload: 1   Last sync: never" ||
    fail "waiting count: $(screen)"
keys F10
wait_out "completed: uuid:"
stop
id=$(sed -n 's/^completed: uuid://p' "$t/out" | tr -d '\r')

# A supervisor's rejection (with its comment) and a sync attempt, as the
# review and sync commands leave them in the database.
key=$(sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select id from records where uuid = '$id'")
sqlite3 -cmd ".timeout 10000" "$KESU_DB" "update records set status = 'rejected' where id = $key;
  insert into audit (at, tz, who, action, record, detail) values
  (1795831200, 28800, 'wang', 'status', $key, 'completed -> rejected: street is missing');
  insert into sync_log (at, tz, record, http, message) values
  (1795831200, 28800, $key, 503, 'Service Unavailable')" || fail "fixture"
start interview --form $form --as li
login 2222 "Rejected"
screen | grep -q "Rejected ${id:0:8} by wang: street is missing" ||
    fail "rejected line: $(screen)"
screen | grep -q "Waiting for upload: 0   Last sync: 2026-11-28 10:00, HTTP 503 Service" ||
    fail "status line: $(screen)"
keys F10
wait_gone "F10 quit"
stop

# Five wrong PINs on the screen: the fifth says to wait; the next try at
# once, even with the right PIN, is refused with the time left.
start interview --form $form --as li
wait_for "PIN for li"
for i in 1 2 3 4; do keys 0000 Enter; done
keys 0000 Enter
wait_for "wait 1 s before the next try"
keys 2222 Enter
wait_for "wait 1 s, then try again"
screen | grep -q "New interview" && fail "logged in during the wait"
stop
exit 0
