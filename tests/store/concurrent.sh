# An interviewer and a sync on one database: both finish, no "locked"
# error reaches either, every finalized record is uploaded.
set -eu
out=$("$BUILD/tests/bin/concurrent" "$TMPDIR_TEST/kesu.db" \
    forms/science-literacy.csv 10)
echo "$out"
grep -q "10 interviews;.* 10 *$" <<<"$out"
