#!/usr/bin/env python3
"""Turn a form (.csv) and an answers file (name=value) into the keys an
interviewer presses on the question screen, one tmux send-keys argument
per line: a select's choice as its number (then Enter when beyond 9), a
select_multiple as one number per choice, text as typed, then Enter.
Notes get Enter when their relevance is empty or listed in --shown.
When the questionnaire changes, this follows it: no key list to edit."""
import csv, sys

form, answers = sys.argv[1], sys.argv[2]
shown = set(sys.argv[3].split(',')) if len(sys.argv) > 3 else set()
ans = {}
for line in open(answers, encoding='utf-8'):
    line = line.rstrip('\n')
    if '=' in line and not line.startswith('#'):
        k, v = line.split('=', 1)
        ans[k] = v
rows = list(csv.reader(open(form, encoding='utf-8')))
sheet, head, survey, choices = None, None, [], {}
for r in rows:
    if r and r[0]:
        sheet, head = r[0], r
        continue
    d = dict(zip(head, r))
    if sheet == 'survey':
        survey.append(d)
    elif sheet == 'choices':
        choices.setdefault(d['list_name'], []).append(d['name'])
for d in survey:
    t, name = d['type'].split(), d['name']
    if not t:
        continue
    if t[0] == 'note':
        if not d.get('relevant') or name in shown:
            print('Enter')
        continue
    if name not in ans:
        continue
    v = ans[name]
    if t[0] in ('select_one', 'select_multiple'):
        lst = choices[t[1]]
        for c in v.split():
            i = lst.index(c) + 1
            print(str(i))
            if i > 9:
                sys.exit('choice %s of %s is beyond 9' % (c, name))
    else:
        print('-l\t' + v)
    print('Enter')
