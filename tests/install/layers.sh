# The source keeps the layering of docs/architecture.md ("Layout"): a
# folder of src/ includes only its own headers and those of folders below
# it (util at the bottom, then sheet, expr, form, engine, store, sync,
# survey, report, review, ui, cmd).  Every offending #include is named.
set -u
fail() { echo "FAIL: $*"; exit 1; }
order="util sheet expr form engine store sync survey report review ui cmd"
rank() {
	local i=0 l
	for l in $order; do
		[ "$l" = "$1" ] && { echo $i; return; }
		i=$((i + 1))
	done
	echo 99
}
bad=
for dir in src/*/; do
	from=$(basename "$dir")
	r=$(rank "$from")
	[ "$r" = 99 ] && fail "src/$from is not in the layout"
	while IFS= read -r line; do
		to=${line#*#include \"}
		to=${to%%/*}
		[ "$(rank "$to")" -gt "$r" ] && bad="$bad
$line"
	done < <(grep -Hn '^#include "[a-z]*/' "$dir"*.[ch])
done
[ -z "$bad" ] || fail "includes of a folder above:$bad"
exit 0
