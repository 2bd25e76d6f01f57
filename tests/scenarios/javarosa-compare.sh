#!/usr/bin/env bash
# tests/scenarios/javarosa-compare.sh - check a scenario's expected
# instance against JavaRosa, the engine of ODK Collect.
#
#   tests/scenarios/javarosa-compare.sh SCENARIO_DIR...
#
# For each scenario whose cmd runs `kesu form run FORM --answers FILE`
# (with `--household ID` and `sample load FILE`, the sample row's values
# are written into the form's primary instance first, as odk-expected.sh
# does; `--as USER` is the username), FORM is converted by pyxform and
# filled by JavaRosa through jr-drive.java; every element's text must
# equal the scenario's `expected`, except the instance ID and what reads
# the clock (start, end, today, instanceName: JavaRosa runs on the wall
# clock, and it writes a dateTime inside concat() as its date alone).
#
# A developer check, run by hand; it fetches and builds nothing but its
# own driver.  Needs a JDK, Debian's libjoda-time-java libkxml2-java
# libjackson2-databind-java libbcprov-java libcommons-csv-java
# libcommons-io-java libslf4j-java, and JavaRosa's classes, compiled by
# the developer from JavaRosa's src/main/java (kotlin.Pair and the
# JetBrains annotations it imports given on the class path) into
# $JAVAROSA_CLASSES.  pyxform as for odk-expected.sh.
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${PYXFORM:=/work/ref/pyxform}"
: "${JAVAROSA_CLASSES:=${TMPDIR:-/tmp}/javarosa-classes}"
j=/usr/share/java
cp="$JAVAROSA_CLASSES"
for jar in joda-time kxml2 jackson-databind jackson-core jackson-annotations \
    bcprov commons-csv commons-io slf4j-api slf4j-nop; do
	cp="$cp:$j/$jar.jar"
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -f "$JAVAROSA_CLASSES/org/javarosa/core/model/FormDef.class" ] || {
	echo "javarosa-compare: no JavaRosa classes in $JAVAROSA_CLASSES (see the head of this script)"
	exit 1
}
# Only kesu's own driver is compiled here.
if [ ! -f "$JAVAROSA_CLASSES/JrDrive.class" ]; then
	javac -nowarn -encoding UTF-8 -d "$JAVAROSA_CLASSES" -cp "$cp" \
	    "$here/jr-drive.java" >"$tmp/javac" 2>&1 || { tail -20 "$tmp/javac"; exit 1; }
fi
# element=text lines of one instance, the clock's and the ID left out
fields() {
	/usr/bin/python3 -c '
import re, sys
t = sys.stdin.read()
for m in re.finditer(r"<([A-Za-z_][\w.-]*)(?: ?/>|>([^<]*)</\1>)", t):
	if m.group(1) not in ("instanceID", "start", "end", "today", "instanceName"):
		print("%s=%s" % (m.group(1), m.group(2) or ""))'
}
status=0
for d in "$@"; do
	d=$(cd "${d%/}" && pwd)
	name=$(basename "$d")
	line=$(grep -o 'form run [^;|&<>]*' "$d/cmd")
	form=$(echo "$line" | awk '{print $3}' | tr -d '"')
	answers=$(echo "$line" | sed -n 's/.*--answers \([^ ]*\).*/\1/p')
	hh=$(echo "$line" | sed -n 's/.*--household \([^ ]*\).*/\1/p')
	user=$(echo "$line" | sed -n 's/.*--as \([^ ]*\).*/\1/p')
	sample=$(grep -o 'sample load [^ ]*' "$d/cmd" | awk '{print $3}')
	PYTHONPATH=$PYXFORM /usr/bin/python3 -m pyxform.xls2xform --skip_validate \
	    "$d/$form" "$tmp/form.xml" >/dev/null 2>&1 || {
		echo "$name: pyxform failed"; status=1; continue; }
	(cd "$d" && /usr/bin/python3 -c '
import csv, sys, xml.dom.minidom
form, sample, hh = sys.argv[1:4]
doc = xml.dom.minidom.parse(form)
vals = {}
if hh:
	for row in csv.DictReader(open(sample, encoding="utf-8")):
		if row["household_id"] == hh:
			vals = {k: v for k, v in row.items() if v != ""}
inst = doc.getElementsByTagName("instance")[0]
top = [n for n in inst.childNodes if n.nodeType == 1][0]
def find(el, name):
	if el.localName == name:
		return el
	for c in el.childNodes:
		if c.nodeType == 1:
			f = find(c, name)
			if f is not None:
				return f
for k, v in vals.items():
	el = find(top, k)
	if el is not None:
		for c in list(el.childNodes):
			el.removeChild(c)
		el.appendChild(doc.createTextNode(v))
open(form, "w", encoding="utf-8").write(doc.toxml())' "$tmp/form.xml" "$sample" "$hh")
	reps=$(grep -o '<repeat [^>]*nodeset="[^"]*"' "$tmp/form.xml" |
	    sed 's#.*/##; s#"$##' | paste -sd, -)
	(cd "$d" && JRUSER=$user java -cp "$cp" JrDrive "$tmp/form.xml" "$answers" \
	    "${reps:-none}") >"$tmp/jr" 2>"$tmp/err" || {
		echo "$name: JavaRosa failed:"; tail -3 "$tmp/err"; status=1; continue; }
	grep ': answer refused' "$tmp/err"
	fields <"$tmp/jr" >"$tmp/jr.f"
	fields <"$d/expected" >"$tmp/kesu.f"
	if cmp -s "$tmp/jr.f" "$tmp/kesu.f"; then
		echo "$name: same as JavaRosa"
	else
		echo "$name: differs from JavaRosa (< expected, > JavaRosa):"
		diff "$tmp/kesu.f" "$tmp/jr.f" | grep '^[<>]'
		status=1
	fi
done
exit $status
