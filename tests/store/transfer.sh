# kesu transfer: records from an interviewer's laptop (database A) to a
# supervisor's (B) by file.  1,000 records round trip byte-identical
# (instance XML, times, summary fields, paradata, audit); a second import
# adds nothing; handed-over records stay on A and leave the next export;
# a record changed under the same ID is kept aside, never overwritten;
# truncated, altered, wrong-key and unencrypted-when-a-key-is-set files
# are refused with nothing imported; roles; kill -9 during an import
# leaves all of the batch or none.
set -u
t=$TMPDIR_TEST
A=$t/a.db B=$t/b.db
export KESU_CONFIG=$t/none.conf
fail() { echo "FAIL: $*"; exit 1; }
form=forms/science-literacy.csv
N=${TRANSFER_RECORDS:-1000}
q() { sqlite3 "$1" "$2"; }

printf '1111\n' | "$KESU" --db "$A" user add wang --role supervisor --pin-stdin || fail "A: wang"
printf '1111\n2222\n' | "$KESU" --db "$A" user add li --role interviewer --as wang --pin-stdin || fail "A: li"
printf '1111\n3333\n' | "$KESU" --db "$A" user add zhang --role interviewer --as wang --pin-stdin || fail "A: zhang"
printf '9999\n' | "$KESU" --db "$B" user add zhao --role supervisor --pin-stdin || fail "B: zhao"
printf '9999\n8888\n' | "$KESU" --db "$B" user add li --role interviewer --as zhao --pin-stdin || fail "B: li"

# N interviews by li (one CSV row each), one by zhang.
awk -F= 'NR == FNR { h = h (h ? "," : "") $1; v = v (v ? "," : "") $2; next }
    END { print h; for (i = 0; i < n; i++) print v }' n="$N" \
    forms/examples/literate.txt forms/examples/literate.txt >"$t/answers.csv"
printf '2222\n' | "$KESU" --db "$A" form run "$form" --answers "$t/answers.csv" --save \
    --as li --pin-stdin >/dev/null || fail "li's interviews"
printf '3333\n' | "$KESU" --db "$A" form run "$form" --answers forms/examples/all-wrong.txt \
    --save --as zhang --pin-stdin >/dev/null || fail "zhang's interview"
[ "$(q "$A" "select count(*) from records where status = 'completed'")" = $((N + 1)) ] ||
    fail "A holds $(q "$A" "select count(*) from records") records"

# An interviewer exports their own records; the file holds no one else's.
mkdir -p "$t/stick"
printf '2222\n' | "$KESU" --db "$A" transfer export -o "$t/stick/li.kxf" --as li --pin-stdin \
    >"$t/out" || fail "export exited $?"
grep -q "^$N records written to $t/stick/li.kxf$" "$t/out" || fail "export said: $(cat "$t/out")"
ls "$t/stick" | grep -qv '^li.kxf$' && fail "a temporary file was left: $(ls "$t/stick")"
# Handed over, still kept, and not exported again.
[ "$(q "$A" "select count(*) from handovers")" = "$N" ] || fail "handovers"
[ "$(q "$A" "select count(*) from records where status = 'completed'")" = $((N + 1)) ] ||
    fail "exported records left A"
printf '2222\n' | "$KESU" --db "$A" transfer export -o "$t/again.kxf" --as li --pin-stdin \
    >"$t/out" || fail "second export"
grep -q "^0 records written" "$t/out" || fail "handed-over records exported again: $(cat "$t/out")"
id=$(q "$A" "select uuid from records where interviewer = 'li' limit 1")
printf '1111\n' | "$KESU" --db "$A" show "$id" --as wang --pin-stdin | grep -q "handed-over" ||
    fail "show does not say the record was handed over"

# Only a supervisor imports.
printf '8888\n' | "$KESU" --db "$B" transfer import "$t/stick/li.kxf" --as li --pin-stdin \
    >/dev/null 2>&1
[ $? = 77 ] || fail "an interviewer imported"
"$KESU" --db "$B" transfer import "$t/stick/li.kxf" </dev/null >/dev/null 2>&1
[ $? = 77 ] || fail "import without --as"
[ "$(q "$B" "select count(*) from records")" = 0 ] || fail "a refused import changed B"

imp() { # DB FILE: import as B's supervisor
	printf '9999\n' | "$KESU" --db "$1" transfer import "$2" --as zhao --pin-stdin
}
imp "$B" "$t/stick/li.kxf" >"$t/out" || fail "import exited $?"
grep -q ": $N imported, 0 already here, 0 kept aside" "$t/out" || fail "import said: $(cat "$t/out")"

# Byte-identical: every column of every record, its fields, paradata and
# (but for the import's own row) its audit; the forms.
dump() {
	sqlite3 "$1" "select r.uuid, r.status, r.interviewer, r.started, r.tz, r.ended,
	      r.duration, r.question, r.lang, r.sessions, r.updated, r.xml_len, r.xml_crc,
	      hex(r.summary), hex(r.xml), f.sha256 from records r join forms f on f.id = r.form
	    where r.interviewer = 'li' order by r.uuid;
	  select r.uuid, v.name, v.value from record_fields v join records r on r.id = v.record
	    where r.interviewer = 'li' order by r.uuid, v.name;
	  select r.uuid, e.seq, e.session, e.kind, e.field, e.old, e.new, e.wall, e.mono
	    from events e join records r on r.id = e.record where r.interviewer = 'li'
	    order by r.uuid, e.seq;
	  select r.uuid, a.at, a.tz, a.who, a.action, a.detail from audit a
	    join records r on r.id = a.record
	    where r.interviewer = 'li' and a.action not in ('handed-over', 'transfer-import')
	    order by r.uuid, a.id;
	  select sha256, form_id, version, hex(source), hex(dict) from forms order by sha256;
	  select f.sha256, ff.pos, ff.name, ff.kind, ff.indexed from form_fields ff
	    join forms f on f.id = ff.form order by f.sha256, ff.pos;"
}
dump "$A" >"$t/a.dump"
dump "$B" >"$t/b.dump"
cmp -s "$t/a.dump" "$t/b.dump" || { diff "$t/a.dump" "$t/b.dump" | head -5; fail "B differs from A"; }
[ "$(grep -c . "$t/a.dump")" -gt $((N * 3)) ] || fail "the dump is too small to mean anything"
# The instance as a supervisor sees it is the one the interviewer made.
printf '1111\n' | "$KESU" --db "$A" show "$id" --as wang --pin-stdin | sed -n '/^<?xml\|^<data/,$p' |
    head -1 >"$t/a.xml"
printf '9999\n' | "$KESU" --db "$B" show "$id" --as zhao --pin-stdin | sed -n '/^<?xml\|^<data/,$p' |
    head -1 >"$t/b.xml"
[ -s "$t/a.xml" ] && cmp -s "$t/a.xml" "$t/b.xml" || fail "show differs"
# zhang's record stayed on A.
[ "$(q "$B" "select count(*) from records where interviewer = 'zhang'")" = 0 ] ||
    fail "li's file carried zhang's record"

# A second import: nothing new.
imp "$B" "$t/stick/li.kxf" >"$t/out" || fail "second import exited $?"
grep -q ": 0 imported, $N already here, 0 kept aside" "$t/out" || fail "second import said: $(cat "$t/out")"
[ "$(q "$B" "select count(*) from records")" = "$N" ] || fail "duplicates after a second import"

# Damaged files: refused (65), nothing imported.
C=$t/c.db
printf '9999\n' | "$KESU" --db "$C" user add zhao --role supervisor --pin-stdin || fail "C"
refused() { # FILE WHAT [RC]
	imp "$C" "$1" >/dev/null 2>"$t/err"
	local rc=$?
	[ "$rc" = "${3:-65}" ] || fail "$2: exit $rc ($(cat "$t/err"))"
	[ -s "$t/err" ] || fail "$2: refused without a reason"
	[ "$(q "$C" "select count(*) from records")" = 0 ] || fail "$2: something was imported"
}
size=$(stat -c %s "$t/stick/li.kxf")
head -c $((size - 1)) "$t/stick/li.kxf" >"$t/cut1.kxf"
head -c $((size / 2)) "$t/stick/li.kxf" >"$t/cut2.kxf"
head -c 12 "$t/stick/li.kxf" >"$t/cut3.kxf"
refused "$t/cut1.kxf" "a file missing its last byte"
refused "$t/cut2.kxf" "half a file"
refused "$t/cut3.kxf" "a file cut after its header"
grep -q "truncated\|altered" "$t/err" || fail "the message does not say what is wrong: $(cat "$t/err")"
flip() { # IN OUT OFFSET: one byte changed
	python3 -c 'import sys; d = bytearray(open(sys.argv[1], "rb").read()); o = int(sys.argv[3]); d[o] ^= 1; open(sys.argv[2], "wb").write(d)' "$@"
}
flip "$t/stick/li.kxf" "$t/alt1.kxf" $((size / 2))
flip "$t/stick/li.kxf" "$t/alt2.kxf" $((size - 1))
flip "$t/stick/li.kxf" "$t/alt3.kxf" 12
refused "$t/alt1.kxf" "a byte changed in the middle"
refused "$t/alt2.kxf" "a byte changed in the checksum"
refused "$t/alt3.kxf" "a byte changed in the length"
cat "$t/stick/li.kxf" "$t/stick/li.kxf" >"$t/twice.kxf"
refused "$t/twice.kxf" "a file with more after its end"
printf 'id,status\n' >"$t/not.kxf"
refused "$t/not.kxf" "not a transfer file"
refused "$t/missing.kxf" "a missing file" 66
# Whole and unaltered, but carrying a form kesu cannot read.
refused tests/fuzz/seeds/transfer/plain.kxf "a file whose form does not load"
grep -q "does not load" "$t/err" || fail "bad form message: $(cat "$t/err")"

# A record changed under the same ID: kept aside, never overwritten.
q "$A" "update records set xml = (select xml from records where interviewer = 'zhang'),
    xml_len = (select xml_len from records where interviewer = 'zhang'),
    xml_crc = (select xml_crc from records where interviewer = 'zhang')
    where uuid = '$id'" || fail "changing a record"
before=$(q "$B" "select hex(xml) from records where uuid = '$id'")
printf '2222\n' | "$KESU" --db "$A" transfer export --again -o "$t/changed.kxf" --as li --pin-stdin \
    >/dev/null || fail "export --again"
imp "$B" "$t/changed.kxf" >"$t/out" 2>"$t/err" || fail "import with a conflict exited $?"
grep -q ": 0 imported, $((N - 1)) already here, 1 kept aside" "$t/out" || fail "conflict import said: $(cat "$t/out")"
grep -q "differ" "$t/err" || fail "the conflict was not told: $(cat "$t/err")"
[ "$(q "$B" "select hex(xml) from records where uuid = '$id'")" = "$before" ] ||
    fail "the changed record overwrote the one here"
[ "$(q "$B" "select count(*) from transfer_conflicts where uuid = '$id'")" = 1 ] || fail "conflict not kept"
printf '9999\n' | "$KESU" --db "$B" show "$id" --as zhao --pin-stdin | grep -q "transfer-conflict" ||
    fail "show does not flag the conflict"
imp "$B" "$t/changed.kxf" >/dev/null 2>&1 || fail "import the conflict again"
[ "$(q "$B" "select count(*) from transfer_conflicts")" = 1 ] || fail "the conflict was kept twice"

# Encrypted: sealed with the key in kesu.conf, opened only with it.
key=$("$KESU" transfer key) || fail "transfer key"
[ "${#key}" = 44 ] || fail "key: $key"
printf 'transfer_key = %s\n' "$key" >"$t/k1.conf"
chmod 600 "$t/k1.conf"
printf 'transfer_key = %s\n' "$("$KESU" transfer key)" >"$t/k2.conf"
chmod 600 "$t/k2.conf"
chmod 644 "$t/k1.conf"
KESU_CONFIG=$t/k1.conf "$KESU" --db "$A" transfer export --again -o "$t/x.kxf" --as li --pin-stdin \
    <<<2222 >/dev/null 2>&1
[ $? = 78 ] || fail "a key others can read was used"
chmod 600 "$t/k1.conf"
printf '2222\n' | KESU_CONFIG=$t/k1.conf "$KESU" --db "$A" transfer export --again \
    -o "$t/sealed.kxf" --as li --pin-stdin >"$t/out" || fail "sealed export exited $?"
grep -q "(encrypted)" "$t/out" || fail "sealed export said: $(cat "$t/out")"
grep -c "$id\|consent" "$t/sealed.kxf" >/dev/null && fail "the sealed file shows answers or IDs"
KESU_CONFIG=$t/k2.conf refused "$t/sealed.kxf" "another key"
grep -q "does not open" "$t/err" || fail "wrong key message: $(cat "$t/err")"
refused "$t/sealed.kxf" "a sealed file without a key" 78
KESU_CONFIG=$t/k1.conf refused "$t/stick/li.kxf" "a plain file where a key is set"
ssize=$(stat -c %s "$t/sealed.kxf")
head -c $((ssize - 1)) "$t/sealed.kxf" >"$t/scut.kxf"
flip "$t/sealed.kxf" "$t/salt.kxf" $((ssize / 2))
KESU_CONFIG=$t/k1.conf refused "$t/scut.kxf" "a truncated sealed file"
KESU_CONFIG=$t/k1.conf refused "$t/salt.kxf" "an altered sealed file"
KESU_CONFIG=$t/k1.conf imp "$C" "$t/sealed.kxf" >"$t/out" || fail "sealed import exited $?"
grep -q ": $N imported" "$t/out" || fail "sealed import said: $(cat "$t/out")"
# The key from a file works the same.
printf '%s\n' "$key" >"$t/key"
printf 'transfer_key_file = %s\n' "$t/key" >"$t/k3.conf"
KESU_CONFIG=$t/k3.conf imp "$C" "$t/sealed.kxf" >"$t/out" || fail "key file import exited $?"
grep -q ": 0 imported, $N already here" "$t/out" || fail "key file import said: $(cat "$t/out")"

# kill -9 during an import: all of the batch or none, every time.  With
# KESU_PAUSE_AT=POINT kesu stops at that place of the import and says so
# on stderr; the test waits for those words and kills it there: before
# the transaction (the file read and checked), inside it (begun, half the
# batch merged, all merged but not committed) and after its commit.
D0=$t/d0.db D=$t/d.db
printf '9999\n' | "$KESU" --db "$D0" user add zhao --role supervisor --pin-stdin || fail "D"
printf '9999\n' >"$t/pin"
kill_at() { # POINT EXPECTED: kill an import paused at POINT; EXPECTED records
	local point=$1 want=$2 pid i n
	rm -f "$D" "$D-wal" "$D-shm"
	cp "$D0" "$D"
	KESU_PAUSE_AT=$point "$KESU" --db "$D" transfer import "$t/stick/li.kxf" \
	    --as zhao --pin-stdin <"$t/pin" >/dev/null 2>"$t/pause" &
	pid=$!
	for i in $(seq 1200); do # up to two minutes on a loaded machine
		grep -q "paused at $point" "$t/pause" && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	grep -q "^kesu: paused at $point$" "$t/pause" ||
	    fail "$point: the import did not pause there: $(head -3 "$t/pause")"
	kill -KILL "$pid"
	wait "$pid" 2>/dev/null
	n=$(q "$D" "select count(*) from records")
	[ "$n" = 0 ] || [ "$n" = "$N" ] || fail "kill -9 at $point: $n of $N records"
	[ "$n" = "$want" ] || fail "kill -9 at $point: $n records, expected $want"
	[ "$(q "$D" "pragma integrity_check")" = ok ] || fail "kill -9 at $point: damaged database"
	[ "$(q "$D" "select count(*) from record_fields where record not in
	    (select id from records)")" = 0 ] || fail "kill -9 at $point: fields without a record"
	if [ "$n" = 0 ]; then
		# What was killed is imported whole by the next try.
		"$KESU" --db "$D" transfer import "$t/stick/li.kxf" --as zhao --pin-stdin \
		    <"$t/pin" >"$t/out" || fail "import after a kill at $point"
		grep -q ": $N imported, 0 already here" "$t/out" || fail "after $point: $(cat "$t/out")"
		none=$((none + 1))
	else
		"$KESU" --db "$D" transfer import "$t/stick/li.kxf" --as zhao --pin-stdin \
		    <"$t/pin" >"$t/out" || fail "import after a kill at $point"
		grep -q ": 0 imported, $N already here" "$t/out" || fail "after $point: $(cat "$t/out")"
		all=$((all + 1))
	fi
}
none=0 all=0
for p in read begun half merged; do kill_at "transfer-import:$p" 0; done
kill_at transfer-import:committed "$N"
[ "$none" = 4 ] && [ "$all" = 1 ] || fail "kill -9: $none none, $all all"
echo "kill -9 during an import: $none kills left nothing, $all (after the commit) all $N"
echo ok
