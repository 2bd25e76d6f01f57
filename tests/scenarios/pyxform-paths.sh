#!/usr/bin/env bash
# tests/scenarios/pyxform-paths.sh - check that the instances a scenario
# expects have the element tree of pyxform's XForm for the same form.
#
#   tests/scenarios/pyxform-paths.sh [SCENARIO_DIR...]   (default: all)
#
# For each scenario whose cmd runs `kesu form run FORM`, FORM is converted
# with pyxform and every instance in the scenario's `expected` is checked:
# the root element's name and its id and version attributes are those of
# pyxform's primary instance, and every element path of the instance is
# one of pyxform's, in pyxform's order (a submitted instance is pyxform's
# tree minus non-relevant fields and groups).  The paths an instance
# leaves out are listed, so a person can see they are the non-relevant
# ones.  When a cmd runs several forms, the Nth instance is checked
# against the Nth form.
#
# A developer check, run by hand (pyxform is not a kesu dependency):
# /usr/bin/python3 with pyxform importable from $PYXFORM (/tmp/pyxform).
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${PYXFORM:=/tmp/pyxform}"
[ $# -gt 0 ] || set -- "$here"/*/
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for d in "$@"; do
	d=${d%/}
	name=$(basename "$d")
	[ -f "$d/cmd" ] && [ -f "$d/expected" ] || continue
	forms=$(grep -o 'form run [^ ;|&<>]*' "$d/cmd" |
	    sed -e 's/^form run //' -e 's/"//g')
	if [ -z "$forms" ]; then
		continue
	fi
	if ! grep -q '^<?xml' "$d/expected"; then
		echo "$name: no instance expected (an error case)"
		continue
	fi
	xforms=()
	n=0
	for f in $forms; do
		n=$((n + 1))
		if ! PYTHONPATH=$PYXFORM /usr/bin/python3 -m \
		    pyxform.xls2xform --skip_validate "$d/$f" \
		    "$tmp/$name.$n.xml" >"$tmp/log" 2>&1; then
			echo "$name: pyxform cannot convert $f:"
			cat "$tmp/log"
			status=1
			continue 2
		fi
		xforms+=("$tmp/$name.$n.xml")
	done
	if ! /usr/bin/python3 - "$name" "$d/expected" "${xforms[@]}" <<'EOF'
import sys
import xml.etree.ElementTree as ET

name, expected, xforms = sys.argv[1], sys.argv[2], sys.argv[3:]
XF = "{http://www.w3.org/2002/xforms}"

def local(tag):
    return tag.rsplit("}", 1)[-1]

def paths(root):
    out = []
    def walk(el, prefix):
        for child in el:
            p = prefix + "/" + local(child.tag)
            out.append(p)
            walk(child, p)
    walk(root, "")
    return out

def primary(path):
    doc = ET.parse(path).getroot()
    inst = doc.find(".//" + XF + "model/" + XF + "instance")
    return list(inst)[0]

ok = True
with open(expected, "rb") as f:
    lines = [l.rstrip(b"\n") for l in f if l.startswith(b"<?xml")]
for k, line in enumerate(lines):
    ref = primary(xforms[min(k, len(xforms) - 1)])
    got = ET.fromstring(line)
    where = "%s: instance %d" % (name, k + 1)
    for what, a, b in (("root", local(got.tag), local(ref.tag)),
                       ("id", got.get("id"), ref.get("id")),
                       ("version", got.get("version"), ref.get("version"))):
        if a != b:
            print("%s: %s is %r, pyxform has %r" % (where, what, a, b))
            ok = False
    want, have = paths(ref), paths(got)
    i = 0
    for p in have:
        while i < len(want) and want[i] != p:
            i += 1
        if i == len(want):
            print("%s: %s is not in pyxform's instance (or out of order)"
                  % (where, p))
            ok = False
            break
        i += 1
    else:
        missing = [p for p in want if p not in have]
        print("%s: %d paths, all pyxform's, in its order%s" % (where,
              len(have), "; left out: " + " ".join(missing)
              if missing else ""))
sys.exit(0 if ok else 1)
EOF
	then
		status=1
	fi
done
exit $status
