#!/usr/bin/env bash
# tests/forms/xform/convert.sh - remake the XForm fixtures: pyxform's
# conversion of every bundled and test form that pyxform converts, as
# tests/forms/xform/SOURCE/STEM.xml (SOURCE is the source's file name, so
# that twin.csv, twin.md and twin.xlsx keep apart; STEM keeps the form's
# default id).  tests/store/xform.sh checks kesu reads each one into the
# same instances as its source.
#
# A developer tool, run by hand (pyxform is not a kesu dependency): Debian's
# /usr/bin/python3 with python3-openpyxl, python3-xlrd, python3-defusedxml
# and python3-lark, and pyxform's source in $PYXFORM (default
# /tmp/pyxform).  Forms pyxform refuses are listed and skipped.  The
# attachments a conversion names (jr://file-csv/NAME) are copied beside it
# from the source's folder, as `kesu form install` keeps them.
set -u
cd "$(dirname "$0")/../../.."
: "${PYXFORM:=/tmp/pyxform}"
out=tests/forms/xform
for src in forms/*.csv forms/examples/*.md tests/forms/*.csv tests/forms/*.md \
    tests/forms/*.xlsx tests/forms/attach/*.md tests/fixtures/twin.csv tests/fixtures/twin.md tests/fixtures/twin.xlsx; do
	[ -f "$src" ] || continue
	name=$(basename "$src")
	stem=${name%.*}
	mkdir -p "$out/$name"
	if ! (cd "$PYXFORM" && /usr/bin/python3 -m pyxform.xls2xform --skip_validate \
	    "$OLDPWD/$src" "$OLDPWD/$out/$name/$stem.xml") >/dev/null 2>&1; then
		echo "pyxform refuses $src"
		rm -rf "${out:?}/$name"
		continue
	fi
	for a in $(grep -o 'src="jr://file[a-z-]*/[^"]*"' "$out/$name/$stem.xml" |
	    sed 's#.*/##; s#"$##' | sort -u); do
		cp "$(dirname "$src")/$a" "$out/$name/" ||
		    echo "$src: no attachment $a beside it"
	done
done
