// odk-run.mjs FORM.xml ANSWERS.txt [--order NAME...]: answer an XForm with
// ODK's own engine (@getodk/xforms-engine, with jsdom for the DOM) and print
// the submission XML; with --order, first print the choice order ODK offers
// for each named select.  Run by tests/scenarios/odk-compare.sh from $ODK_REF.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
const dom = new JSDOM('');
for (const k of ['DOMParser', 'XMLSerializer', 'Node', 'Document', 'Element', 'document', 'XPathResult', 'NodeFilter', 'Attr', 'Text', 'XMLDocument']) globalThis[k] = dom.window[k];
globalThis.__dirname = new URL('./node_modules/@getodk/xforms-engine/dist/', import.meta.url).pathname;
const { createInstance } = await import('@getodk/xforms-engine');

const [formPath, ansPath, flag, ...orderOf] = process.argv.slice(2);
const xml = readFileSync(formPath, 'utf8');
const lines = readFileSync(ansPath, 'utf8').split('\n').filter(l => l.trim() && !l.startsWith('#'));
const inst = await createInstance(xml, { instance: { stateFactory: (o) => o } });
const root = inst.root ?? inst;
const kids = (n) => n.currentState.children ?? [];
function find(node, name) {
  for (const k of kids(node)) {
    if (k.currentState.reference.split('/').pop() === name) return k;
    if (k.nodeType === 'group') { const f = find(k, name); if (f) return f; }
  }
  return null;
}
for (const line of lines) {
  const eq = line.indexOf('=');
  const key = line.slice(0, eq).trim(), value = line.slice(eq + 1);
  const n = find(root, key);
  if (!n) throw new Error('no node ' + key);
  if (n.nodeType === 'select') {
    const many = n.definition.bodyElement?.type === 'select';
    if (many) n.selectValues(value.split(' ').filter(Boolean));
    else n.selectValue(value || null);
  } else if (n.nodeType === 'rank') {
    n.setValues(value.split(' ').filter(Boolean));
  } else if (n.nodeType === 'input' || n.nodeType === 'range') {
    const vt = n.valueType;
    n.setValue(value === '' ? null : vt === 'int' ? BigInt(value) :
      vt === 'decimal' ? Number(value) : value);
  } else if (n.nodeType === 'trigger') {
    n.setValue(value !== '');
  } else throw new Error('cannot answer ' + key + ' (' + n.nodeType + ')');
}
if (flag === '--order') {
  for (const name of orderOf) {
    const n = find(root, name);
    console.log(name + ': ' + n.currentState.valueOptions.map(o => o.value).join(' '));
  }
}
const payload = await root.prepareInstancePayload();
const file = payload.data[0].get('xml_submission_file');
process.stdout.write(await file.text() + '\n');
