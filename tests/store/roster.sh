# The bundled questionnaire started for a sampled household: the roster
# (a repeat of residents), eligibility (18-69, resident 6 months or
# more), the selection of one eligible member from the seed the household
# id gives (at random, or by Kish's tables when the sample's selection
# column says kish), the within-household probability and the design
# weight in the instance, each against a hand computation; a household
# with no eligible member; an interview not started from the sample keeps
# no roster.  Then `kesu report` with no options uses the form's declared
# design (strata street, PSUs community, weight design_weight), leaves
# the records without a weight out and says so on stderr and in the
# heading; with no weight on any record it is unweighted and says that.
set -u
t=$TMPDIR_TEST
export KESU_DB=$t/kesu.db
fail() { echo "FAIL: $*"; exit 1; }
K=$KESU
form=forms/science-literacy.csv
printf '1111\n' | "$K" user add wang --role supervisor --pin-stdin || fail "add wang"
printf '1111\n2222\n' | "$K" user add li --role interviewer --as wang --pin-stdin || fail "add li"
cat >"$t/sample.csv" <<'CSV'
household_id,street,community,address,interviewer,weight,selection,kish_table
H0101,yuetan,月坛示例社区1,示例路1号,li,250,,
H0102,yuetan,月坛示例社区2,示例路2号,li,250,kish,C
H0103,niujie,牛街示例社区1,示例路3号,li,400,kish,
H0104,niujie,牛街示例社区2,示例路4号,li,400,,
CSV
printf '1111\n' | "$K" sample load "$t/sample.csv" --as wang --pin-stdin >/dev/null || fail "sample load"

# Two households' rosters.  A: eligible are members 2 and 3 (1 is 72, 4
# has lived here under 6 months, 5 is 16).  B: eligible are 1, 2, 4, 5
# and 6 (3 is 10).
roster_a() {
	cat <<'ANS'
member[1]/m_name=grandfather
member[1]/m_age=72
member[1]/m_resident=yes
member[2]/m_name=mother
member[2]/m_age=45
member[2]/m_resident=yes
member[3]/m_name=son
member[3]/m_age=20
member[3]/m_resident=yes
member[4]/m_name=lodger
member[4]/m_age=30
member[4]/m_resident=no
member[5]/m_name=daughter
member[5]/m_age=16
member[5]/m_resident=yes
ANS
}
roster_b() {
	local i ages="69 66 10 41 38 18"
	i=0
	for a in $ages; do
		i=$((i + 1))
		printf 'member[%d]/m_name=m%d\nmember[%d]/m_age=%s\nmember[%d]/m_resident=yes\n' \
		    "$i" "$i" "$i" "$a" "$i"
	done
}
# The respondent's answers, without street and community (the sample's).
person() { grep -v '^street=\|^community=' "forms/examples/$1.txt"; }
iv() { # household answers-file -> the instance in $t/HOUSEHOLD.xml
	printf '2222\n' | "$K" form run $form --answers "$2" --save --household "$1" \
	    --as li --pin-stdin >"$t/$1.xml" 2>"$t/err" || fail "interview $1: $(cat "$t/err")"
}
field() { # household field -> its value(s) in the instance, one a line
	grep -o "<$2>[^<]*</$2>\|<$2 />" "$t/$1.xml" | sed 's/<[^>]*>//g; s/<.*//'
}
want() { # household field expected
	[ "$(field "$1" "$2" | tr '\n' ' ' | sed 's/ $//')" = "$3" ] ||
	    fail "$1 $2: '$(field "$1" "$2" | tr '\n' ' ')', expected '$3'"
}

# H0101, at random.  seed = (101 x 48271 + 1) mod (2^31 - 1) = 4875372
# (the digits of the id), draw = 4875372 x 48271 mod (2^31 - 1) =
# 1263364289; 2 eligible: rank 1 + 1263364289 mod 2 = 2, the second
# eligible member, member 3 (son); probability 1/2; weight 250 x 2 = 500.
{ roster_a; person literate; } >"$t/a.txt"
iv H0101 "$t/a.txt"
want H0101 household_id H0101
want H0101 weight 250
want H0101 selection_method random
want H0101 seed 4875372
want H0101 m_eligible "0 1 1 0 0"
want H0101 m_eligible_at " 2 3  "
want H0101 eligible_members "2 3"
want H0101 draw 1263364289
want H0101 n_members 5
want H0101 n_eligible 2
want H0101 target_rank 2
want H0101 respondent_no 3
want H0101 selected_member son
want H0101 stands_for 2
want H0101 selection_prob 0.5
want H0101 design_weight 500
want H0101 kish_letter ""
want H0101 street yuetan
want H0101 community 月坛示例社区1
want H0101 literate 1

# H0102, Kish table C (the sample's column), 5 eligible: table C gives
# the third eligible in roster order, member 4 (m4).  With 5 eligible, tables C
# and E1 (1/6 + 1/12 of households) pick the third: probability 1/4, so
# the respondent stands for 4 and the weight is 250 x 4 = 1000 (not
# 250 x 5: Kish's tables are not equal-probability for 5 members).
{ roster_b; person all-wrong; } >"$t/b.txt"
iv H0102 "$t/b.txt"
want H0102 selection_method kish
want H0102 kish_letter C
want H0102 kish_at 23
want H0102 n_eligible 5
want H0102 eligible_members "1 2 4 5 6"
want H0102 target_rank 3
want H0102 respondent_no 4
want H0102 selected_member m4
want H0102 stands_for 4
want H0102 selection_prob 0.25
want H0102 design_weight 1000
want H0102 literate 0

# H0103, Kish without a table in the sample: seed (103 x 48271 + 1) mod
# (2^31 - 1) = 4971914, 4971914 mod 12 = 2: the third of the 12 slots
# (A A B1 B2 C C D D E1 E2 F F), table B1; roster A, 2 eligible: B1
# gives the first, member 2 (mother); probability 1/2; weight 800.
{ roster_a; person all-correct; } >"$t/c.txt"
iv H0103 "$t/c.txt"
want H0103 seed 4971914
want H0103 kish_letter B1
want H0103 kish_rank 1
want H0103 respondent_no 2
want H0103 selected_member mother
want H0103 selection_prob 0.5
want H0103 design_weight 800
want H0103 literate 1

# H0104: nobody eligible; the interview ends after the roster, with no
# respondent, probability or weight.
printf 'member[1]/m_name=grandfather\nmember[1]/m_age=75\nmember[1]/m_resident=yes\nmember[2]/m_name=grandmother\nmember[2]/m_age=72\nmember[2]/m_resident=yes\n' >"$t/d.txt"
iv H0104 "$t/d.txt"
want H0104 n_eligible 0
want H0104 respondent_no 0
want H0104 selection_prob ""
want H0104 design_weight ""
grep -q '<consent>' "$t/H0104.xml" && fail "H0104: consent asked with nobody eligible"

# The visit that records it (a record of the visit form, stored after
# the questionnaire: the report is still of the questionnaire).
printf '2222\n' | "$K" sample visit H0104 --disposition no_eligible --as li --pin-stdin >/dev/null ||
    fail "visit H0104"

# Not from the sample: no household id, no roster, as before.
printf '2222\n' | "$K" form run $form --answers forms/examples/literate.txt --save \
    --as li --pin-stdin >"$t/free.xml" || fail "interview without a household"
grep -q '<username>li</username><household_id /><consent_intro />' "$t/free.xml" ||
    fail "free interview: $(grep -o '<username>.*<consent_intro />' "$t/free.xml")"
grep -q '<household>\|<member>' "$t/free.xml" && fail "a roster without a household"

# The report with no options: the form's design.  Weighted by hand:
# literate (1, 0, 1) x design_weight (500, 1000, 800) = 1300 / 2300 =
# 13/23.  The free interview has no weight, H0104's interview (no
# eligible member) not even a street: each left out, and said.  The visit
# records are another form's: not in the report at all.
printf '1111\n' | "$K" report --format csv --as wang --pin-stdin >"$t/r.csv" 2>"$t/err" ||
    fail "report: $(cat "$t/err")"
grep -q '1 record without a value for the weight design_weight is left out' "$t/err" &&
    grep -q '1 record without a value for a design field is left out' "$t/err" ||
    fail "report stderr: $(cat "$t/err")"
grep '^all,all,' "$t/r.csv" | awk -F, '{ exit !($3 == 3 && $4 == 2300 &&
    $5 - 13/23 < 1e-12 && 13/23 - $5 < 1e-12) }' || fail "weighted estimate: $(cat "$t/r.csv")"
printf '1111\n' | "$K" report --as wang --pin-stdin >"$t/r.txt" 2>/dev/null || fail "report table"
sed -n 1p "$t/r.txt" | grep -q '^literate: weighted proportion with 95% interval (logit), 2 strata, 3 PSUs$' ||
    fail "heading: $(head -3 "$t/r.txt")"
grep -q '^weight design_weight; 1 record without it is left out$' "$t/r.txt" ||
    fail "heading on the weight: $(head -4 "$t/r.txt")"

# Only records without a weight: the report is unweighted, and says so.
export KESU_DB=$t/free.db
"$K" form run $form --answers forms/examples/literate.txt --save >/dev/null || fail "free 1"
"$K" form run $form --answers forms/examples/all-wrong.txt --save >/dev/null || fail "free 2"
"$K" report --format csv >"$t/r.csv" 2>"$t/err" || fail "unweighted report: $(cat "$t/err")"
grep -q 'no record has a value for the weight design_weight: the estimates are unweighted' "$t/err" ||
    fail "unweighted stderr: $(cat "$t/err")"
grep -q '^all,all,2,2,0.5,' "$t/r.csv" || fail "unweighted: $(cat "$t/r.csv")"
"$K" report >"$t/r.txt" 2>/dev/null || fail "unweighted table"
grep -q '^unweighted: no record has a value for the weight design_weight$' "$t/r.txt" ||
    fail "unweighted heading: $(head -4 "$t/r.txt")"
echo ok
