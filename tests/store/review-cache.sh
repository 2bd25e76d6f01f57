# kesu review keeps each record's quality figures (record_quality) and
# reads them instead of the XML: the kept figures give exactly what the
# XML gives (--list and --summary compared with the cache emptied, which
# makes kesu compute from the XML), an older database is upgraded and
# backfilled, a record whose XML is rewritten is computed again, and the
# list really reads the kept figures.
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db
fail() { echo "FAIL: $*"; exit 1; }
form=forms/science-literacy.csv
printf '1111\n' | "$KESU" user add wang --role supervisor --pin-stdin || fail "add wang"
printf '1111\n2222\n' | "$KESU" user add li --role interviewer --as wang --pin-stdin || fail "add li"
run() { # run NOW EXAMPLE
	printf '2222\n' | KESU_NOW=$1 "$KESU" form run "$form" \
	    --answers "forms/examples/$2.txt" --save --as li --pin-stdin >/dev/null ||
	    fail "form run $2"
}
run 2026-11-28T10:00:00+08:00 literate
run 2026-11-28T11:00:00+08:00 all-dont-know
run 2026-11-28T12:00:00+08:00 all-correct
run 2026-11-28T23:10:00+08:00 all-wrong
run 2026-11-29T06:30:00+08:00 literate
sqlite3 "$KESU_DB" "update records set duration = (case id % 5 when 1 then 20 when 2 then 22 when 3 then 24 when 4 then 8 else 26 end) * 60" ||
    fail "sqlite3"
export KESU_NOW=2026-11-30T10:00:00+08:00
rv() { printf '1111\n' | "$KESU" review --as wang --pin-stdin "$@"; }
q() { sqlite3 "$KESU_DB" "$1"; }
both() { # both NAME: list and summary as CSV into $t/NAME.list, .sum
	rv --list --format csv >"$t/$1.list" || fail "$1: --list exited $?"
	rv --summary --format csv >"$t/$1.sum" || fail "$1: --summary exited $?"
}
same() { # same A B
	cmp -s "$t/$1.list" "$t/$2.list" || fail "$1 and $2 lists differ: $(diff "$t/$1.list" "$t/$2.list")"
	cmp -s "$t/$1.sum" "$t/$2.sum" || fail "$1 and $2 summaries differ: $(diff "$t/$1.sum" "$t/$2.sum")"
}

both kept
[ "$(q "select count(*) from record_quality where stale = 0")" = 5 ] ||
    fail "figures kept: $(q "select * from record_quality")"
# The don't-know example: every knowledge answer "dk".
[ "$(q "select longest_run >= 10, dk > 0, dk = dk_offered from record_quality where record = 2")" = "1|1|1" ] ||
    fail "record 2's figures: $(q "select * from record_quality where record = 2")"
grep -q ',straight dk$' "$t/kept.list" || fail "no straight dk: $(cat "$t/kept.list")"

# With no kept figures kesu computes from the XML: the same output.
q "delete from record_quality" || fail "sqlite3 delete"
both xml
same kept xml

# An older database (before record_quality): upgraded, backfilled, same.
v=$(q "pragma user_version")
q "drop trigger record_quality_insert; drop trigger record_quality_update;
   drop table record_quality; pragma user_version = 7" || fail "downgrade"
both migrated
[ "$(q "pragma user_version")" = "$v" ] || fail "not upgraded: $(q "pragma user_version")"
[ "$(q "select count(*) from record_quality where stale = 0")" = 5 ] ||
    fail "not backfilled: $(q "select * from record_quality")"
same migrated xml

# The list reads the kept figures (not the XML): a planted run shows.
q "update record_quality set longest_run = 99 where record = 3" || fail "plant"
rv --list --format csv | grep -q "^$(q "select uuid from records where id = 3"),.*,straight$" ||
    fail "planted figures not read: $(rv --list --format csv)"

# XML rewritten (as when a reopened record is completed again): the row
# goes stale and is computed again from the new XML.
q "update records set xml = (select xml from records where id = 2),
   xml_len = (select xml_len from records where id = 2),
   xml_crc = (select xml_crc from records where id = 2) where id in (1, 3)" || fail "rewrite"
[ "$(q "select group_concat(stale) from record_quality where record in (1, 3)")" = "1,1" ] ||
    fail "rewritten XML not stale: $(q "select * from record_quality")"
both rewritten
[ "$(q "select count(*) from record_quality where stale = 0")" = 5 ] || fail "not computed again"
q "delete from record_quality" || fail "sqlite3 delete"
both rewritten-xml
same rewritten rewritten-xml
[ "$(grep -c ',straight dk$' "$t/rewritten.list")" = 3 ] ||
    fail "rewritten records' flags: $(cat "$t/rewritten.list")"
exit 0
