// odk-drive.mjs FORM.xml ANSWERS.txt [ATTACHDIR [PRESETS]] - fill an
// XForm with ODK's own engine (@getodk/xforms-engine, the engine of ODK
// Web Forms) and print its submission XML.  ANSWERS holds name=value lines
// with kesu's keys: name, rep[2]/name, rep=N (the number of instances of a
// repeat without repeat_count).  Form attachments are read from
// ATTACHDIR.  PRESETS holds name=value lines written into the form's
// primary instance before it is loaded, as defaults are: what kesu fills
// in from a sample row (--household) and the username (--as), as Collect
// fills a form from an entity and its settings.  With KESU_NOW set the
// engine's clock stands at that time.  Used by odk-expected.sh, from a
// folder where the engine and jsdom are installed (the script is copied
// there); never by make check.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
globalThis.__dirname = new URL('./node_modules/@getodk/xforms-engine/dist', import.meta.url).pathname;
const { JSDOM } = await import('jsdom');
const dom = new JSDOM('');
for (const k of ['DOMParser', 'XMLSerializer', 'Node', 'Element', 'Document', 'XMLDocument', 'Attr', 'Text', 'NodeFilter', 'document', 'XPathResult', 'CharacterData', 'DocumentFragment', 'ProcessingInstruction', 'Comment'])
  if (dom.window[k] !== undefined && globalThis[k] === undefined) globalThis[k] = dom.window[k];
if (process.env.KESU_NOW) {
  const now = new Date(process.env.KESU_NOW).getTime();
  const RealDate = Date;
  globalThis.Date = class extends RealDate {
    constructor(...a) { if (a.length) super(...a); else super(now); }
    static now() { return now; }
  };
}
const { createInstance } = await import('@getodk/xforms-engine');

const [formPath, ansPath, attachDir, presetPath] = process.argv.slice(2);
let xml = readFileSync(formPath, 'utf8');
if (presetPath) {
  // The primary instance is the first <instance> of the model.
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const inst = doc.getElementsByTagName('instance')[0];
  const top = [...inst.childNodes].find(n => n.nodeType === 1);
  const byName = (el, name) => {
    if (el.localName === name) return el;
    for (const k of el.children) { const f = byName(k, name); if (f) return f; }
    return null;
  };
  for (const line of readFileSync(presetPath, 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const el = byName(top, line.slice(0, eq));
    if (el) el.textContent = line.slice(eq + 1);
  }
  xml = new XMLSerializer().serializeToString(doc);
}
// A .csv answers file: its header and first row (RFC 4180 quoting, so a
// value may hold a line break), as name=value lines would give them.
function csvPairs(text) {
  const rows = [[]]; let cell = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') q = false;
      else cell += c;
    } else if (c === '"') q = true;
    else if (c === ',') { rows[rows.length - 1].push(cell); cell = ''; }
    else if (c === '\n') { rows[rows.length - 1].push(cell); cell = ''; rows.push([]); }
    else if (c !== '\r') cell += c;
  }
  if (cell !== '' || rows[rows.length - 1].length) rows[rows.length - 1].push(cell);
  return rows[0].map((name, k) => name + '=' + (rows[1][k] ?? ''));
}
const ansText = readFileSync(ansPath, 'utf8');
const lines = ansPath.endsWith('.csv') ? csvPairs(ansText) :
  ansText.split('\n').filter(l => l.trim() && !l.startsWith('#'));

const fetchFormAttachment = async (url) => {
  const name = String(url).replace(/^jr:\/\/file(-csv)?\//, '');
  const body = readFileSync(join(attachDir || '.', name));
  return new Response(body, { status: 200 });
};
const inst = await createInstance(xml, { form: { fetchFormAttachment }, instance: { stateFactory: (o) => o } });
const root = inst.root ?? inst;

function kids(node) { return node.currentState.children ?? []; }
function find(node, name) {
  // search descendants through groups (not into repeats)
  for (const k of kids(node)) {
    if ((k.definition.qualifiedName?.localPart ?? k.definition.nodeName ?? k.definition.bind?.nodeset?.split('/').pop()) === name) return k;
    if (k.nodeType === 'group') { const f = find(k, name); if (f) return f; }
  }
  return null;
}
function resolve(key, create) {
  let node = root;
  const segs = key.split('/');
  for (let i = 0; i < segs.length; i++) {
    const m = segs[i].match(/^([^\[]+)(?:\[(\d+)\])?$/);
    const n = find(node, m[1]);
    if (!n) throw new Error('no node ' + key);
    if (m[2]) {
      const idx = +m[2];
      while (kids(n).length < idx && create) n.addInstances();
      node = kids(n)[idx - 1];
      if (!node) throw new Error('no instance ' + key);
    } else node = n;
  }
  return node;
}
for (const line of lines) {
  const eq = line.indexOf('=');
  const key = line.slice(0, eq).trim(), value = line.slice(eq + 1);
  const n = resolve(key, true);
  if (n.nodeType === 'repeat-range:uncontrolled') {
    const want = +value;
    while (kids(n).length < want) n.addInstances();
    while (kids(n).length > want) n.removeInstances(kids(n).length - 1);
  } else if (n.nodeType === 'select') {
    if (n.selectValues && value.includes(' ')) n.selectValues(value.split(' ').filter(Boolean));
    else if (n.selectValues && n.definition.bodyElement?.type === 'select') n.selectValues(value.split(' ').filter(Boolean));
    else n.selectValue(value || null);
  } else if (n.nodeType === 'rank') {
    n.setValues(value.split(' ').filter(Boolean));
  } else if (n.nodeType === 'input') {
    const vt = n.valueType;
    n.setValue(vt === 'int' ? (value === '' ? null : BigInt(value)) : vt === 'decimal' ? (value === '' ? null : Number(value)) : value);
  } else if (n.nodeType === 'trigger') {
    n.setValue(value !== '');
  } else throw new Error('cannot answer ' + key + ' (' + n.nodeType + ')');
}
const payload = await root.prepareInstancePayload();
const file = payload.data[0].get('xml_submission_file');
process.stdout.write(await file.text() + '\n');
