# One language per run.  Without KESU_LANG or --lang, the UI language
# comes from the locale (English for en_*, else Chinese), and the form's
# texts (labels, constraint messages) follow it when the form has that
# language; when the Chinese catalogue is missing the whole run is English.
# A zh run's stderr has Chinese on every line; an en run's has none.
set -u
t=$TMPDIR_TEST
fail() { echo "FAIL: $*"; exit 1; }
# k ENV... -- ARGS: kesu with only the given locale variables.
k() {
	local envs=()
	while [ "$1" != -- ]; do envs+=("$1"); shift; done; shift
	env -u KESU_LANG -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG "${envs[@]}" \
	    "$KESU" "$@" >"$t/out" 2>"$t/err"
}
# all_zh / all_en: every stderr line is Chinese / none is.
all_zh() {
	[ -s "$t/err" ] || fail "$1: nothing on stderr"
	LC_ALL=C grep -v '[^ -~]' "$t/err" | grep -q . &&
	    fail "$1: English in a Chinese run: $(cat "$t/err")"
	return 0
}
all_en() {
	[ -s "$t/err" ] || fail "$1: nothing on stderr"
	LC_ALL=C grep -q '[^ -~]' "$t/err" && fail "$1: Chinese in an English run: $(cat "$t/err")"
	return 0
}
en_form=tests/forms/tui-small.csv      # English first, Chinese too
zh_form=tests/forms/scen-validate.md   # Chinese first, English too
printf 'age=12\n' >"$t/young.txt"
printf 'name=x\nage=17\n' >"$t/17.txt"

# LANG=C.UTF-8: Chinese, the English-first form's message too.
k LANG=C.UTF-8 -- form run "$en_form" --answers "$t/young.txt"
[ $? = 65 ] || fail "exit"
all_zh "C.UTF-8 form run"
grep -q "年龄须在18至69之间" "$t/err" || fail "form message: $(cat "$t/err")"
# An unknown global option: kesu's own words, not the C library's.
k LANG=C.UTF-8 -- --frob
[ $? = 64 ] || fail "--frob exit"
all_zh "C.UTF-8 --frob"
k LC_ALL=C.UTF-8 -- list --format xml
all_zh "C.UTF-8 list"
k LANG=C.UTF-8 -- list --frob
all_zh "C.UTF-8 list --frob"
k LANG=zh_CN.UTF-8 KESU_LOCALEDIR=$t/none -- list --frob
all_en "missing catalogue list --frob"
# LANG=en_US.UTF-8: English, the Chinese-first form's message too.
k LANG=en_US.UTF-8 -- form run "$zh_form" --answers "$t/17.txt"
[ $? = 65 ] || fail "exit en"
all_en "en form run"
grep -q "Age must be from 18 to 69" "$t/err" || fail "en message: $(cat "$t/err")"
k LANG=en_US.UTF-8 -- --frob
all_en "en --frob"
# zh_CN.UTF-8 with kesu's catalogue missing: all English, not half.
k LANG=zh_CN.UTF-8 KESU_LOCALEDIR=$t/none -- form run "$zh_form" --answers "$t/17.txt"
all_en "missing catalogue form run"
k LANG=zh_CN.UTF-8 KESU_LOCALEDIR=$t/none -- frob
all_en "missing catalogue frob"
# --lang and KESU_LANG still choose, for both.
k LANG=C.UTF-8 KESU_LANG=en -- form run "$zh_form" --answers "$t/17.txt"
all_en "KESU_LANG=en"
k LANG=en_US.UTF-8 -- --lang zh form run "$en_form" --answers "$t/young.txt"
all_zh "--lang zh"
echo ok
