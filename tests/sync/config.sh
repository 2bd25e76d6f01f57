# kesu.conf is read strictly: an unknown key (a misspelt require_approval
# would otherwise let unapproved records upload), a line without '=' or a
# bad value stops kesu sync with exit 78, naming file:line and the nearest
# known key; comments, [sections] and blank lines are fine.
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db KESU_CONFIG=$t/kesu.conf
fail() { echo "FAIL: $*"; cat "$t/err"; exit 1; }

"$KESU" form run forms/science-literacy.csv \
    --answers forms/examples/literate.txt --save >/dev/null ||
    fail "form run"

# conf WANT_RC MESSAGE [kesu options]: the config from stdin, then sync.
conf() {
	local want=$1 msg=$2 rc
	shift 2
	cat >"$KESU_CONFIG"
	chmod 600 "$KESU_CONFIG"
	"$KESU" "$@" sync >"$t/out" 2>"$t/err"
	rc=$?
	[ "$rc" = "$want" ] || fail "exit $rc, expected $want, for: $msg"
	[ -z "$msg" ] || grep -qxF "kesu: $msg" "$t/err" ||
	    fail "no message: kesu: $msg"
}

conf 78 "$KESU_CONFIG:3: unknown key 'require_aproval' (did you mean 'require_approval'?)" <<'CONF'
# the district's server
server = http://127.0.0.1:9/v1/projects/1
require_aproval = true
CONF
conf 78 "$KESU_CONFIG:2: expected key = value, as in 'require_approval = ...'" <<'CONF'
server = http://127.0.0.1:9/v1/projects/1
require_approval true
CONF
conf 78 "$KESU_CONFIG:1: require_approval takes true or false, not 'maybe'" <<'CONF'
require_approval = maybe
CONF
conf 78 "$KESU_CONFIG:1：未知配置项“pasword”（您是不是要写“password”？）" --lang zh <<'CONF'
pasword = x
CONF
# A good file with a comment, a section and a blank line is read: the
# completed record is not approved, so nothing is due and sync exits 0
# without trying the (unreachable) server.
conf 0 "" <<'CONF'
; kesu.conf
[sync]

server = http://127.0.0.1:9/v1/projects/1
require_approval = yes
CONF
# The same without require_approval: the record is due, the server is not
# there: 75.
conf 75 "" <<'CONF'
server = http://127.0.0.1:9/v1/projects/1
CONF
exit 0
