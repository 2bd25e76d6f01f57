#!/usr/bin/env bash
# tests/scenarios/odk-expected.sh - write a scenario's `expected` from
# ODK's own engine: the scenario's form converted by pyxform, filled by
# @getodk/xforms-engine (the engine of ODK Web Forms) with the scenario's
# answers file, and its submission written as Collect serialises it.
#
#   tests/scenarios/odk-expected.sh SCENARIO_DIR...
#
# The scenario's cmd must run `kesu form run FORM --answers FILE` (name=
# value lines; keys as README.md "Repeats in answers files" describes).
# Collect's serialisation differs from Web Forms' only in form: the XML
# declaration, the namespace declarations on the root element (in the
# order Collect writes them, see src/engine/instance.c) and "<name />"
# for an empty element; the instance ID becomes uuid:1 as tests/run
# numbers it.
#
# A cmd that loads a sample (`sample load FILE`) and runs the interview of
# one household (`--household ID`) gets that row's values written into the
# form's primary instance before ODK's engine loads it, as kesu fills them
# in; `--as USER` gives the username the same way.  The engine's clock
# stands at KESU_NOW (tests/run's by default), in TZ (Asia/Shanghai).
#
# A developer tool, run by hand, never by make check.  Needs
# /usr/bin/python3 with pyxform importable from $PYXFORM
# (/work/ref/pyxform) and node with @getodk/xforms-engine and jsdom
# installed under $ODK (/work/ref/odk-r), outside the repository.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
: "${PYXFORM:=/work/ref/pyxform}" "${ODK:=/work/ref/odk-r}"
: "${KESU_NOW:=2026-11-28T10:00:00+08:00}" "${TZ:=Asia/Shanghai}"
export KESU_NOW TZ
ns=' xmlns:ev="http://www.w3.org/2001/xml-events" xmlns:orx="http://openrosa.org/xforms" xmlns:odk="http://www.opendatakit.org/xforms" xmlns:h="http://www.w3.org/1999/xhtml" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:jr="http://openrosa.org/javarosa"'
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for d in "$@"; do
	d=${d%/}
	line=$(grep -o 'form run [^;|&<>]*' "$d/cmd")
	form=$(echo "$line" | awk '{print $3}' | tr -d '"')
	answers=$(echo "$line" | sed -n 's/.*--answers \([^ ]*\).*/\1/p')
	hh=$(echo "$line" | sed -n 's/.*--household \([^ ]*\).*/\1/p')
	user=$(echo "$line" | sed -n 's/.*--as \([^ ]*\).*/\1/p')
	sample=$(grep -o 'sample load [^ ]*' "$d/cmd" | awk '{print $3}' || true)
	: >"$tmp/preset"
	[ -n "$user" ] && echo "username=$user" >>"$tmp/preset"
	if [ -n "$hh" ]; then
		(cd "$d" && /usr/bin/python3 -c '
import csv, sys
for row in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
	if row["household_id"] == sys.argv[2]:
		for k, v in row.items():
			if v != "":
				print("%s=%s" % (k, v))' "$sample" "$hh") >>"$tmp/preset"
	fi
	PYTHONPATH=$PYXFORM /usr/bin/python3 -m pyxform.xls2xform \
	    --skip_validate "$d/$form" "$tmp/form.xml" >/dev/null 2>&1
	cp "$here/odk-drive.mjs" "$ODK/odk-drive.mjs"
	(cd "$d" && node "$ODK/odk-drive.mjs" "$tmp/form.xml" "$answers" \
	    "$(dirname "$form")" "$tmp/preset") >"$tmp/out"
	sed -e "s|^<\([^ >]*\)\([^>]*\)>|<?xml version='1.0' encoding='UTF-8' ?><\1\2$ns>|" \
	    -e 's|<\([A-Za-z_][-A-Za-z0-9_.]*\)/>|<\1 />|g' \
	    -e 's/uuid:[-0-9a-f]*/uuid:1/' "$tmp/out" >"$d/expected"
	echo "$d: expected written"
done
