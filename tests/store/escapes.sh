# Names, values and cells echoed in error messages never reach the
# terminal raw: every control character (ESC, BEL, ...) on stderr shows
# as '?', as `kesu list` shows them; the lines of a multi-line message
# (form check) stay lines.
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db
fail() { echo "FAIL: $*"; exit 1; }
E=$'\e' B=$'\a'
# clean WANT_RC TEXT CMD...: exits WANT_RC, stderr holds TEXT and no
# control character but newlines.
clean() {
	local want=$1 text=$2; shift 2
	printf '%b' "${IN:-}" | "$@" >"$t/out" 2>"$t/err"
	local rc=$?
	[ "$rc" = "$want" ] || fail "$* exited $rc, expected $want: $(cat -v "$t/err")"
	LC_ALL=C grep -q '[[:cntrl:]]' <(tr -d '\n' <"$t/err") &&
	    fail "$*: raw control characters: $(cat -v "$t/err")"
	[ -z "$text" ] || grep -qF -- "$text" "$t/err" || fail "$*: no '$text' in: $(cat -v "$t/err")"
}

# A user name with ESC: refused, shown inert.
IN='1234\n' clean 65 "'a?[31mb?' is not a valid user name" "$KESU" user add "a${E}[31mb${B}" --role supervisor --pin-stdin
IN='1234\n' clean 0 "" "$KESU" user add li --role supervisor --pin-stdin
IN='1234\n' clean 77 "user 'x?]0;pwned?' or the PIN" "$KESU" user list --as "x${E}]0;pwned${B}" --pin-stdin
IN='1234\n' clean 66 "no user 'w?[2J'" "$KESU" user passwd "w${E}[2J" --as li --pin-stdin
# A record ID with ESC.
IN='1234\n' clean 66 "no record '?[2J'" "$KESU" show "${E}[2J" --as li --pin-stdin
# An unknown command.
clean 64 "unknown command '?[2Jx'" "$KESU" "${E}[2Jx"
clean 64 "unknown subcommand '?[2J'" "$KESU" form "${E}[2J"
# Options: kesu's own message, not the C library's raw echo.
clean 64 "unknown option '--?[2J'" "$KESU" "--${E}[2J"
for c in list show sync user interview; do
	clean 64 "unknown option '--?[2J'" "$KESU" $c "--${E}[2J"
done
clean 64 "--as needs a value" "$KESU" list --as

# A form whose cells hold ESC: form check's lines stay lines.
printf 'survey,type,name,label\n,integer%s[2J,age,Age\n,text,n%sme,Name\n' "$E" "$B" >"$t/bad.csv"
clean 65 "unknown type 'integer?[2J'" "$KESU" form check "$t/bad.csv"
[ "$(wc -l <"$t/err")" -ge 2 ] || fail "form check lines joined: $(cat -v "$t/err")"
clean 65 "unknown type 'integer?[2J'" "$KESU" form run "$t/bad.csv"
# Answers naming a field with ESC, and a value with ESC.
printf 'survey,type,name,label,constraint\n,integer,age,Age,. > 0\n,text,city,City,\n' >"$t/ok.csv"
printf 'ci%sty=x\n' "$E" >"$t/a1.txt"
clean 65 "no field named 'ci?ty'" "$KESU" form run "$t/ok.csv" --answers "$t/a1.txt"
printf 'age=1%s[2J\n' "$E" >"$t/a2.txt"
clean 65 "age" "$KESU" form run "$t/ok.csv" --answers "$t/a2.txt"
echo ok
