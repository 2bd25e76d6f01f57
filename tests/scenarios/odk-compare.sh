#!/usr/bin/env bash
# tests/scenarios/odk-compare.sh - check a scenario's expected instance
# against ODK's own engine.
#
#   tests/scenarios/odk-compare.sh SCENARIO_DIR...
#
# For each scenario whose cmd is `kesu form run FORM --answers FILE`, FORM
# is converted with pyxform and filled with the same answers by
# @getodk/xforms-engine (the engine of ODK Web Forms, through
# odk-run.mjs); every element's text in ODK's submission must equal the
# text in the scenario's `expected` (the instanceID aside).  With
# ORDER="q1 q2", ODK's choice order for those selects is printed too, to
# compare with a randomised scenario's screen order.
#
# A developer check, run by hand; it fetches nothing.  It needs
# ODK_REF (default /work/ref/odk): a folder where `npm install
# @getodk/xforms-engine jsdom` was run, and PYXFORM (default
# $ODK_REF/pyxform-src): pyxform's source, run with /usr/bin/python3 and
# Debian's python3-openpyxl python3-xlrd python3-defusedxml python3-lark.
# Set TZ to the offset of KESU_NOW (Asia/Shanghai for tests/run's).
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${ODK_REF:=/work/ref/odk}" "${PYXFORM:=$ODK_REF/pyxform-src}"
: "${TZ:=Asia/Shanghai}"
export TZ
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$here/odk-run.mjs" "$ODK_REF/odk-run.mjs" || exit 1
status=0
# element=text lines of one instance, instanceID left out
fields() {
	python3 -c '
import re, sys
t = sys.stdin.read()
for m in re.finditer(r"<([A-Za-z_][\w.-]*)(?: ?/>|>([^<]*)</\1>)", t):
	if m.group(1) != "instanceID":
		print("%s=%s" % (m.group(1), m.group(2) or ""))'
}
for d in "$@"; do
	d=$(cd "${d%/}" && pwd)
	name=$(basename "$d")
	form=$(grep -o 'form run [^ ]*' "$d/cmd" | sed 's/^form run //; s/"//g')
	ans=$(grep -o -- '--answers [^ ]*' "$d/cmd" | sed 's/^--answers //')
	if [ -z "$form" ] || [ -z "$ans" ]; then
		echo "$name: not a form run with answers"
		continue
	fi
	(cd "$PYXFORM" && /usr/bin/python3 -m pyxform.xls2xform \
	    --skip_validate "$d/$form" "$tmp/$name.xml" >/dev/null) || {
		echo "$name: pyxform failed"; status=1; continue; }
	# shellcheck disable=SC2086
	(cd "$ODK_REF" && node odk-run.mjs "$tmp/$name.xml" "$d/$ans" \
	    ${ORDER:+--order $ORDER}) >"$tmp/odk" 2>&1 || {
		echo "$name: ODK's engine failed:"; tail -3 "$tmp/odk";
		status=1; continue; }
	grep -v '^<' "$tmp/odk"
	grep '^<' "$tmp/odk" | fields >"$tmp/odk.f"
	fields <"$d/expected" >"$tmp/kesu.f"
	if cmp -s "$tmp/odk.f" "$tmp/kesu.f"; then
		echo "$name: same as ODK"
	else
		echo "$name: differs from ODK (< ODK, > kesu)"
		diff "$tmp/odk.f" "$tmp/kesu.f"
		status=1
	fi
done
exit $status
