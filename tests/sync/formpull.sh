# kesu form pull against tests/sync/openrosa_server.py serving forms as
# ODK Central serves them to app users: the formList, a manifest, the form
# and its media downloaded and kept (md5 checked); a form or media file
# whose bytes do not match the listed hash is refused with nothing kept;
# a new version is kept beside the old one; a draft started on the old
# version is finished on it (the interview screen, in tmux); kesu sync
# pulls too; form install keeps files the same way.
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db KESU_CONFIG=$t/kesu.conf
fail() { echo "FAIL: $*"; stop; tmux kill-session -t "kesu-pull-$$" 2>/dev/null; exit 1; }
q() { sqlite3 "$KESU_DB" "$1"; }
spid=
start() { # args for the server
	rm -f "$t/port"
	python3 tests/sync/openrosa_server.py --dir "$t/srv" --port-file "$t/port" \
	    --token T0k3n --forms "$t/pub" "$@" &
	spid=$!
	for _ in $(seq 100); do [ -s "$t/port" ] && break; sleep 0.1; done
	url=http://127.0.0.1:$(cat "$t/port")/v1/key/T0k3n/projects/1
}
stop() { [ -n "$spid" ] && kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null; spid=; }
src=tests/forms/xform/tui-small.csv/tui-small.xml
publish() { # VERSION LABEL: tui-small at VERSION, its age question labelled LABEL
	sed -e 's/<data id="tui-small">/<data id="tui-small" version="'"$1"'">/' \
	    -e 's/Age of the respondent/'"$2"'/' "$src" >"$t/pub/tui-small.xml"
}
mkdir -p "$t/pub/tui-small"
printf 'street,label\nxinjiekou,Xinjiekou\n' >"$t/pub/tui-small/streets.csv"
printf '\211PNG\r\n\032\nnot really a picture' >"$t/pub/tui-small/logo.png"
publish 1 "Age of the respondent"
printf '1111\n' | "$KESU" user add wang --role supervisor --pin-stdin || fail "user add"
printf 'server = %s\n' "http://127.0.0.1:1/unused" >"$KESU_CONFIG"
chmod 600 "$KESU_CONFIG"

# A hash mismatch (the form, then a media file): refused, nothing kept.
start --corrupt tui-small.xml
"$KESU" form pull --server "$url" >"$t/out" 2>"$t/err"; rc=$?
[ $rc = 65 ] || fail "corrupt form: exit $rc ($(cat "$t/err"))"
grep -q "hash mismatch" "$t/err" || fail "corrupt form: $(cat "$t/err")"
grep -q T0k3n "$t/out" "$t/err" && fail "the app-user token was printed"
[ "$(q "select count(*) from forms")" = 0 ] || fail "a corrupt form was kept"
stop
start --corrupt logo.png
"$KESU" form pull --server "$url" >"$t/out" 2>"$t/err"; rc=$?
[ $rc = 65 ] || fail "corrupt media: exit $rc"
grep -q "logo.png: hash mismatch" "$t/err" || fail "corrupt media: $(cat "$t/err")"
[ "$(q "select count(*) from forms")" = 0 ] || fail "a form with a corrupt media file was kept"
[ "$(q "select count(*) from form_media")" = 0 ] || fail "media of a refused form kept"
stop

# formList, manifest, download: kept with both media files.
start
"$KESU" form pull --server "$url" >"$t/out" 2>"$t/err" || fail "pull exited $? ($(cat "$t/err"))"
grep -qx "installed tui-small version 1 with 2 media files" "$t/out" || fail "pull said: $(cat "$t/out")"
grep -q "get tui-small.xml" "$t/srv/log" || fail "the form was not downloaded"
[ "$(q "select form_id, version from forms")" = "tui-small|1" ] || fail "forms: $(q "select form_id, version from forms")"
[ "$(q "select group_concat(name) from (select name from form_media order by name)")" = "logo.png,streets.csv" ] ||
    fail "media: $(q "select name from form_media")"
[ "$(q "select hex(data) from form_media where name = 'logo.png'")" = "$(od -An -tx1 "$t/pub/tui-small/logo.png" | tr -d ' \n' | tr a-f A-F)" ] ||
    fail "the media file's bytes changed"
# The same list again: nothing new, nothing downloaded.
: >"$t/srv/log"
"$KESU" form pull --server "$url" >"$t/out" 2>"$t/err" || fail "second pull exited $?"
[ -s "$t/out" ] && fail "second pull installed: $(cat "$t/out")"
grep -q "^get " "$t/srv/log" && fail "an unchanged form was downloaded again"

# A draft on version 1 (the interview screen, the stored form by its id).
S=kesu-pull-$$
tmux new-session -d -x 80 -y 24 -s "$S" \
    "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm XDG_CONFIG_HOME=$t/config KESU_DB=$KESU_DB KESU_CONFIG=$KESU_CONFIG KESU_NOW=$KESU_NOW KESU_LANG=en KESU_LOCALEDIR=$KESU_LOCALEDIR $KESU interview --form tui-small --as wang >$t/tui.out 2>&1; sleep 30"
wait_for() {
	local i
	for i in $(seq 100); do
		tmux capture-pane -p -t "$S" | grep -qF -- "$1" && return 0
		sleep 0.1
	done
	fail "never showed '$1': $(tmux capture-pane -p -t "$S")"
}
keys() { tmux send-keys -t "$S" "$@"; sleep 0.3; }
wait_for "PIN"
keys 1111 Enter
wait_for "New interview"
keys Enter
wait_for "Age of the respondent"
keys 4 2 Enter
wait_for "Do you smoke?"
keys F10
wait_for "Draft saved: uuid:"
keys F10
for _ in $(seq 100); do grep -q "draft saved" "$t/tui.out" && break; sleep 0.1; done
id=$(sed -n 's/^draft saved: uuid://p' "$t/tui.out" | tr -d '\r')
[ -n "$id" ] || fail "no draft: $(cat "$t/tui.out")"
tmux kill-session -t "$S"

# Version 2 published: kept beside version 1.
publish 2 "Age in years"
"$KESU" form pull --server "$url" >"$t/out" 2>"$t/err" || fail "pull of version 2 exited $?"
grep -qx "installed tui-small version 2 with 2 media files" "$t/out" || fail "v2 pull said: $(cat "$t/out")"
[ "$(q "select group_concat(version) from (select version from forms where form_id = 'tui-small' order by id)")" = "1,2" ] ||
    fail "versions kept: $(q "select form_id, version from forms")"
# A changed form under a version already here is refused.
sed -i 's/Age in years/Age, changed/' "$t/pub/tui-small.xml"
"$KESU" form pull --server "$url" >"$t/out" 2>"$t/err"; rc=$?
[ $rc = 65 ] && grep -q "differs from the one here" "$t/err" || fail "same version, other bytes: exit $rc, $(cat "$t/err")"
publish 2 "Age in years"

# The old draft, resumed while version 2 is the newest, finishes on 1.
tmux new-session -d -x 80 -y 24 -s "$S" \
    "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm XDG_CONFIG_HOME=$t/config KESU_DB=$KESU_DB KESU_CONFIG=$KESU_CONFIG KESU_NOW=$KESU_NOW KESU_LANG=en KESU_LOCALEDIR=$KESU_LOCALEDIR $KESU interview --form tui-small --resume $id --as wang >$t/tui.out 2>&1; sleep 30"
wait_for "PIN"
keys 1111 Enter
wait_for "Do you smoke?"
keys 2 Enter
wait_for "Your street"
keys PageUp PageUp
wait_for "Age of the respondent"
tmux capture-pane -p -t "$S" | grep -q "Age in years" && fail "the draft shows version 2"
keys Enter Enter Enter
wait_for "Nothing is missing"
keys Enter
wait_for "Completed: uuid:$id"
keys F10
for _ in $(seq 100); do grep -q "^completed" "$t/tui.out" && break; sleep 0.1; done
tmux kill-session -t "$S"
printf '1111\n' | "$KESU" show "$id" --as wang --pin-stdin >"$t/show" || fail "show"
grep -q '<data id="tui-small" version="1"' "$t/show" || fail "the old draft was not finished on version 1: $(grep '<data' "$t/show")"
[ "$(q "select f.version from records r join forms f on f.id = r.form where r.uuid = '$id'")" = 1 ] ||
    fail "the record points at another version"

# kesu sync pulls forms too (nothing due to upload).
publish 3 "Age (v3)"
printf 'server = %s\n' "$url" >"$KESU_CONFIG"
"$KESU" sync >"$t/out" 2>"$t/err" || fail "sync exited $? ($(cat "$t/err"))"
grep -qx "installed tui-small version 3 with 2 media files" "$t/out" || fail "sync did not pull: $(cat "$t/out")"
stop

# form install: a file (XForm or spreadsheet) with attachments, versioned
# the same way.
"$KESU" form install "$t/pub/tui-small.xml" >"$t/out" || fail "install of a pulled version exited $?"
grep -qx "form tui-small version 3 is already installed" "$t/out" || fail "install said: $(cat "$t/out")"
sed 's/version="3"/version="4"/' "$t/pub/tui-small.xml" >"$t/v4.xml"
"$KESU" form install "$t/v4.xml" "$t/pub/tui-small/streets.csv" >"$t/out" || fail "install v4 exited $?"
grep -qx "installed tui-small version 4" "$t/out" || fail "install v4 said: $(cat "$t/out")"
[ "$(q "select count(*) from form_media m join forms f on f.id = m.form where f.version = '4'")" = 1 ] ||
    fail "install kept no media"
sed -i 's/Age (v3)/Age (v4 changed)/' "$t/v4.xml"
"$KESU" form install "$t/v4.xml" >"$t/out" 2>"$t/err"; rc=$?
[ $rc = 65 ] || fail "install of other bytes under version 4: exit $rc"
"$KESU" form install tests/forms/household.md >"$t/out" || fail "install of an XLSForm exited $?"
grep -q "^installed household" "$t/out" || fail "install household said: $(cat "$t/out")"
echo ok
