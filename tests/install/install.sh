# make install DESTDIR=... PREFIX=/usr: the installed kesu, run from
# another folder with no help from the environment, finds its own
# catalogues (a Chinese message, and the installed catalogue rather than
# the build tree's) and its bundled form (form run headless, and the
# interview screen with no --form); the units name the installed binary and
# pass systemd-analyze verify where it exists; the man pages lint clean
# where mandoc exists; make uninstall leaves no file behind.
set -u
t=$TMPDIR_TEST
src=$PWD
dest=$t/dest
fail() { echo "FAIL: $*"; exit 1; }
san=
[ "${SANITIZE:-}" = 1 ] && san=SANITIZE=1

make -s -C "$src" install DESTDIR="$dest" PREFIX=/usr $san >"$t/make.log" 2>&1 ||
    { cat "$t/make.log"; fail "make install"; }
for f in bin/kesu share/locale/zh_CN/LC_MESSAGES/kesu.mo \
    share/locale/en/LC_MESSAGES/kesu.mo share/kesu/forms/science-literacy.csv \
    share/kesu/forms/README.md share/kesu/forms/examples/literate.txt \
    share/man/man1/kesu.1 share/man/man5/kesu.conf.5 \
    lib/systemd/user/kesu-sync.service lib/systemd/user/kesu-sync.timer \
    share/bash-completion/completions/kesu; do
	[ -f "$dest/usr/$f" ] || fail "not installed: /usr/$f"
done
[ -x "$dest/usr/bin/kesu" ] || fail "kesu not executable"
grep -qx 'ExecStart=/usr/bin/kesu sync' "$dest/usr/lib/systemd/user/kesu-sync.service" ||
    fail "the service does not run /usr/bin/kesu"
grep -q '@BINDIR@' "$dest/usr/lib/systemd/user/"* && fail "@BINDIR@ left in a unit"

# The installed binary, from another folder, with nothing pointing at the
# build tree.
mkdir "$t/elsewhere"
cd "$t/elsewhere" || fail "cd"
kesu() {
	env -u KESU_LOCALEDIR -u KESU_LANG -u KESU_FORM KESU_DB="$t/kesu.db" \
	    HOME="$t" XDG_CONFIG_HOME="$t/config" XDG_DATA_HOME="$t/data" \
	    "$dest/usr/bin/kesu" "$@"
}
share=$dest/usr/share/kesu/forms
kesu --lang zh form run "$share/science-literacy.csv" \
    --answers "$share/examples/literate.txt" --save >"$t/xml" ||
    fail "form run on the installed form"
grep -q '<literate>1</literate>' "$t/xml" || fail "no literate result"
kesu --lang zh list >"$t/list" || fail "list"
grep -q '已完成' "$t/list" || fail "list not in Chinese: $(cat "$t/list")"
kesu --lang zh show no-such-record 2>"$t/err"
grep -q '^kesu: .*no-such-record' "$t/err" && ! grep -q 'not found\|unknown' "$t/err" ||
    fail "show's error not in Chinese: $(cat "$t/err")"
# The installed catalogue (not the build tree's) answers: mark one message
# in it and see the mark.
sed 's/^msgstr "命令：\\n"$/msgstr "命令（已安装）：\\n"/' "$src/locale/zh_CN.po" |
    msgfmt -o "$dest/usr/share/locale/zh_CN/LC_MESSAGES/kesu.mo" - ||
    fail "msgfmt"
kesu --lang zh --help | grep -q '命令（已安装）：' ||
    fail "the installed catalogue is not the one read"
"$dest/usr/bin/kesu" --version | grep -qx 'kesu [0-9][0-9.~a-z+-]*' ||
    fail "kesu --version"

# The interview screen with no --form finds the installed bundled form.
if command -v tmux >/dev/null 2>&1; then
	S=kesu-install-$$
	printf '1111\n' | kesu user add wang --role supervisor --pin-stdin ||
	    fail "user add"
	tmux new-session -d -x 80 -y 24 -s "$S" "cd $t/elsewhere && env -u KESU_LOCALEDIR -u KESU_FORM LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm HOME=$t XDG_CONFIG_HOME=$t/config KESU_DB=$t/kesu.db KESU_LANG=zh $dest/usr/bin/kesu --as wang >$t/out 2>&1; sleep 30"
	seen=
	for step in PIN home question; do
		for _ in $(seq 100); do
			scr=$(tmux capture-pane -p -t "$S")
			case $step in
			PIN) [[ $scr == *PIN* ]] && { tmux send-keys -t "$S" 1111 Enter; seen=$step; break; } ;;
			home) [[ $scr == *新访问* || $scr == *"New interview"* ]] && { tmux send-keys -t "$S" Enter; seen=$step; break; } ;;
			question) [[ $scr == *西城区公民科学素质调查* ]] && { seen=$step; break; } ;;
			esac
			sleep 0.1
		done
	done
	tmux kill-session -t "$S" 2>/dev/null
	[ "$seen" = question ] ||
	    fail "the screen did not open the installed form (reached: $seen): $scr $(cat "$t/out")"
fi

# systemd-analyze verify: the installed units as they are, but for
# ExecStart pointing into the staging tree (the path was checked above),
# so that verify also sees an executable there.
if command -v systemd-analyze >/dev/null 2>&1; then
	mkdir "$t/units"
	for u in kesu-sync.service kesu-sync.timer; do
		sed "s|^ExecStart=/usr/bin/|ExecStart=$dest/usr/bin/|" \
		    "$dest/usr/lib/systemd/user/$u" >"$t/units/$u"
	done
	systemd-analyze verify "$t/units/kesu-sync.service" \
	    "$t/units/kesu-sync.timer" >"$t/verify" 2>&1 ||
	    { cat "$t/verify"; fail "systemd-analyze verify"; }
	[ -s "$t/verify" ] && { cat "$t/verify"; fail "systemd-analyze said something"; }
fi
if command -v mandoc >/dev/null 2>&1; then
	mandoc -Tlint -W warning "$src/man/kesu.1" "$src/man/kesu.conf.5" ||
	    fail "mandoc -Tlint"
fi

cd "$src" || fail "cd"
make -s uninstall DESTDIR="$dest" PREFIX=/usr $san >"$t/make.log" 2>&1 ||
    { cat "$t/make.log"; fail "make uninstall"; }
left=$(find "$dest" ! -type d)
[ -z "$left" ] || fail "left after uninstall: $left"
exit 0
