# Keyset paging over more records than one batch: kesu review --list
# returns every record exactly once, in start order (ties by record), as
# SQLite orders them; filters stay exact across batch boundaries.
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db
fail() { echo "FAIL: $*"; exit 1; }
printf '1111\n' | "$KESU" user add wang --role supervisor --pin-stdin || fail "add wang"
for f in literate all-correct all-wrong; do
	printf '1111\n' | "$KESU" form run forms/science-literacy.csv --answers forms/examples/$f.txt \
	    --save --as wang --pin-stdin >/dev/null || fail "form run $f"
done
# 3 -> 900 records; many share a start time (ties across batches of 256).
sqlite3 "$KESU_DB" "WITH RECURSIVE c(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM c WHERE k < 299)
    INSERT INTO records (id, uuid, form, status, interviewer, started, tz, ended, duration,
      question, lang, xml, xml_len, xml_crc, summary, updated, sessions)
    SELECT id + k * 3, lower(printf('%s-%s-4%s-8%s-%s', hex(randomblob(4)), hex(randomblob(2)),
      substr(hex(randomblob(2)), 2), substr(hex(randomblob(2)), 2), hex(randomblob(6)))),
      form, status, 'int' || (k % 4), started + (k % 50) * 60, tz, ended, 600 + k, question, lang,
      xml, xml_len, xml_crc, summary, updated, sessions FROM records, c;" || fail "sqlite3"
rv() { printf '1111\n' | "$KESU" review --as wang --pin-stdin --list --format csv "$@" | sed 1d | cut -d, -f1; }
rv >"$t/got" || fail "review --list"
[ "$(wc -l <"$t/got")" = 900 ] || fail "$(wc -l <"$t/got") records listed, 900 expected"
[ "$(sort -u "$t/got" | wc -l)" = 900 ] || fail "a record listed twice"
sqlite3 "$KESU_DB" "select uuid from records order by started, id" >"$t/want"
cmp -s "$t/got" "$t/want" || fail "order differs from (started, id)"
rv --interviewer int2 >"$t/got"
sqlite3 "$KESU_DB" "select uuid from records where interviewer = 'int2' order by started, id" >"$t/want"
cmp -s "$t/got" "$t/want" || fail "--interviewer across batches"
echo ok
