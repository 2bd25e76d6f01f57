# Paging the review list by sort key: PgDn, Down past the page, PgUp, Up
# past the top, G (last page) and g (first) show exactly the rows SQLite
# puts there, also when sorted by duration descending; the line of what
# waits for upload stays above the legend.
. tests/tui/lib
printf '1111\n' | "$KESU" user add wang --role supervisor --pin-stdin || fail "add wang"
printf '1111\n' | "$KESU" form run forms/science-literacy.csv --answers forms/examples/literate.txt \
    --save --as wang --pin-stdin >/dev/null || fail "form run"
sqlite3 -cmd ".timeout 10000" "$KESU_DB" "WITH RECURSIVE c(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM c WHERE k < 99)
    INSERT INTO records (id, uuid, form, status, interviewer, started, tz, ended, duration,
      question, lang, xml, xml_len, xml_crc, summary, updated, sessions)
    SELECT id + k, lower(printf('%s-%s-4%s-8%s-%s', hex(randomblob(4)), hex(randomblob(2)),
      substr(hex(randomblob(2)), 2), substr(hex(randomblob(2)), 2), hex(randomblob(6)))),
      form, status, interviewer, started + (k / 3) * 60, tz, ended, 600 + (k * 37) % 900,
      question, lang, xml, xml_len, xml_crc, summary, updated, sessions FROM records, c;" ||
    fail "sqlite3"
# nth ORDER N: the short id of row N (1-based) in that order.
nth() { sqlite3 -cmd ".timeout 10000" "$KESU_DB" "select substr(uuid, 1, 8) from records order by $1 limit 1 offset $(($2 - 1))"; }
first() { screen | sed -n 4p | cut -c1-8; }
cur() { tmux capture-pane -p -e -t "$S" | grep $'\e\[7m[0-9a-f]\{8\} ' | sed 's/.*\x1b\[7m//' | cut -c1-8; }
# at_top N WHAT: wait (up to 5 s) for row N of the order at the top.
at_top() {
	local want i
	want=$(nth "$by" "$1")
	for i in $(seq 50); do
		[ "$(first)" = "$want" ] && return 0
		sleep 0.1
	done
	fail "$2: $(first) at the top, not row $1 ($want)"
}
start --lang en review --as wang
wait_for "PIN for wang"
keys 1111 Enter
wait_for "100 records"
# What waits for upload, above the legend, as on the home screen.
wait_for "Waiting for upload: 100   Last sync: never"
by="started, id"
at_top 1 "first page"
keys NPage
at_top 19 "PgDn"
keys NPage NPage NPage
at_top 73 "PgDn at the end"
keys PPage
at_top 55 "PgUp"
keys g
at_top 1 "g"
for i in $(seq 18); do keys Down; done
at_top 2 "Down past the page"
[ "$(cur)" = "$(nth "$by" 19)" ] || fail "cursor: $(cur)"
keys G
at_top 83 "G"
keys s o
wait_for "sort: duration v"
by="ifnull(duration, 0) desc, id desc"
at_top 1 "by duration"
keys NPage NPage
at_top 37 "by duration, PgDn"
keys PPage Up
at_top 18 "by duration, Up past the top"
keys q
stop
exit 0
