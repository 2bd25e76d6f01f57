# debian/control's Build-Depends are the Makefile's DEBPKGS (one list):
# debian/control is what build-aux/debcontrol makes of debian/control.in
# and that list (`make debian/control` after changing DEBPKGS), and
# debian/changelog's version is what kesu --version prints.
set -u
t=$TMPDIR_TEST
fail() { echo "FAIL: $*"; exit 1; }

pkgs=$(make -s --no-print-directory print-debpkgs) || fail "print-debpkgs"
[ -n "$pkgs" ] || fail "no DEBPKGS"
build-aux/debcontrol "$pkgs" <debian/control.in >"$t/control" ||
    fail "debcontrol"
diff -u debian/control "$t/control" ||
    fail "debian/control is stale: run make debian/control"
for p in $pkgs; do
	grep -qx " ${p#*:},\{0,1\}" debian/control ||
	    fail "${p#*:} not in Build-Depends"
done
v=$(sed -n '1s/^kesu (\(.*\)) .*/\1/p' debian/changelog)
[ "$("$KESU" --version)" = "kesu $v" ] || fail "kesu --version is not $v"
exit 0
