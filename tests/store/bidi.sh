# C1 controls, bytes that are not UTF-8 and the bidirectional overrides
# (U+202E and its kin, which reorder what follows them) in user names and
# in stored text: a new user name holding one is refused, and every
# human-facing output (user list, list as a table and as CSV, show, export
# CSV, error messages) shows them inert, as '?'.
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db
fail() { echo "FAIL: $*"; exit 1; }
RLO=$'\u202e' C1=$'\xc2\x9b' BAD=$'\xff' LRI=$'\u2066' LRM=$'\u200e'
# raw FILE: 0 when FILE holds a C1 control, a bidi control or invalid UTF-8.
raw() {
	python3 - "$1" <<'PY'
import sys, re
b = open(sys.argv[1], 'rb').read()
try:
    s = b.decode('utf-8')
except UnicodeDecodeError:
    sys.exit(0)
sys.exit(0 if re.search('[\u0080-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]', s) else 1)
PY
}
printf '1234\n' | "$KESU" user add wang --role supervisor --pin-stdin || fail "user add wang"
for bad in "a${RLO}b" "a${C1}b" "a${BAD}b" "x${LRI}y" "x${LRM}" "${RLO}"; do
	printf '1234\n1234\n' | "$KESU" user add "$bad" --role interviewer --as wang --pin-stdin >"$t/out" 2>"$t/err"
	rc=$?
	[ $rc = 65 ] || fail "user add $(printf %q "$bad") exited $rc"
	grep -q "is not a valid user name" "$t/err" || fail "message: $(cat -v "$t/err")"
	raw "$t/err" && fail "the refusal echoed it raw: $(cat -v "$t/err")"
done
# names in other scripts stay allowed
printf '1234\n1234\n' | "$KESU" user add 王小明 --role interviewer --as wang --pin-stdin ||
    fail "a Chinese name was refused"
printf '1234\n1234\n' | "$KESU" user add José.M-1 --role interviewer --as wang --pin-stdin ||
    fail "a Latin name was refused"

# A name that an older kesu let in, and stored text with the same
# characters (a comment, an answer): shown inert everywhere.
sqlite3 "$KESU_DB" "INSERT INTO users (name, role, pin_hash, created, disabled)
    SELECT 'ev${RLO}il${C1}', 'interviewer', pin_hash, created, 0 FROM users WHERE name = 'wang'" ||
    fail "sqlite3"
printf 'age=30\nsmoker=no\nname=x%sy%sz\n' "$RLO" "$C1" >"$t/a.txt"
printf '1234\n' | "$KESU" form run tests/forms/tui-small.csv --answers "$t/a.txt" --save --as wang --pin-stdin \
    >/dev/null 2>"$t/err" || fail "form run: $(cat "$t/err")"
id=$(sqlite3 "$KESU_DB" "SELECT uuid FROM records LIMIT 1")
printf '1234\n' | "$KESU" reject "$id" --comment "see ${RLO}here" --as wang --pin-stdin || fail "reject"
as() { printf '1234\n' | "$KESU" "$@" --as wang --pin-stdin; }
as user list >"$t/o1" || fail "user list"
grep -q "ev?il?" "$t/o1" || fail "user list: $(cat -v "$t/o1")"
as list >"$t/o2" || fail "list"
as list --format csv >"$t/o3" || fail "list csv"
as show "$id" >"$t/o4" || fail "show"
grep -q "see ?here" "$t/o4" || fail "show: comment not inert: $(cat -v "$t/o4")"
as export --format csv --status rejected -o "$t/o5.csv" || fail "export"
grep -q "x?y" "$t/o5.csv" || fail "export: $(cat -v "$t/o5.csv")"
as list --format json >"$t/o6" || fail "list json"
for f in o1 o2 o3 o4 o5.csv o6; do
	raw "$t/$f" && fail "$f holds a raw control: $(cat -v "$t/$f")"
done
exit 0
