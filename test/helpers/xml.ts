/**
 * A small strict XML reader for tests of the GEXF / GraphML writers: it throws on anything that is
 * not well-formed (unclosed or mismatched tags, unquoted or repeated attributes, a raw `<` or a bad
 * `&` reference, forbidden control characters, more than one root) and returns the element tree with
 * attribute values and text decoded. No DTDs, CDATA or processing instructions beyond the XML
 * declaration: the writers never produce them.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_.:]*/y;
const FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching the control characters XML forbids is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, at: number): string {
  if (raw.includes('<')) throw new Error(`raw "<" near offset ${at}`);
  return raw.replace(/&([^;]*);?/g, (m, ref: string) => {
    if (!m.endsWith(';')) throw new Error(`unterminated reference "${m}" near offset ${at}`);
    if (ref in NAMED) return NAMED[ref]!;
    const num = /^#(\d+)$/.exec(ref) ?? /^#x([0-9a-fA-F]+)$/.exec(ref);
    if (!num) throw new Error(`unknown entity "${m}" near offset ${at}`);
    return String.fromCodePoint(Number.parseInt(num[1]!, ref.startsWith('#x') ? 16 : 10));
  });
}

export function parseXml(xml: string): XmlElement {
  if (FORBIDDEN.test(xml)) throw new Error('forbidden control character');
  let i = 0;
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) throw new Error('unterminated XML declaration');
    i = end + 2;
  }
  const skipSpace = () => {
    while (i < xml.length && /\s/.test(xml[i]!)) i++;
  };
  const name = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(xml);
    if (!m) throw new Error(`a name is expected at offset ${i}`);
    i += m[0].length;
    return m[0];
  };
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  for (;;) {
    const lt = xml.indexOf('<', i);
    const text = lt < 0 ? xml.slice(i) : xml.slice(i, lt);
    const top = stack.at(-1);
    if (top) top.text += decode(text, i);
    else if (text.trim() !== '') throw new Error(`text outside the root element at offset ${i}`);
    if (lt < 0) break;
    i = lt + 1;
    if (xml.startsWith('!--', i)) {
      const end = xml.indexOf('-->', i);
      if (end < 0) throw new Error('unterminated comment');
      i = end + 3;
      continue;
    }
    if (xml[i] === '/') {
      i++;
      const n = name();
      skipSpace();
      if (xml[i] !== '>') throw new Error(`">" expected at offset ${i}`);
      i++;
      const open = stack.pop();
      if (!open || open.name !== n) throw new Error(`</${n}> closes <${open?.name ?? 'nothing'}>`);
      continue;
    }
    const el: XmlElement = { name: name(), attributes: {}, children: [], text: '' };
    if (top) top.children.push(el);
    else if (root) throw new Error('more than one root element');
    else root = el;
    for (;;) {
      const before = i;
      skipSpace();
      if (xml[i] === '/' && xml[i + 1] === '>') {
        i += 2;
        break;
      }
      if (xml[i] === '>') {
        i++;
        stack.push(el);
        break;
      }
      if (i === before) throw new Error(`white space expected before an attribute at offset ${i}`);
      const a = name();
      skipSpace();
      if (xml[i] !== '=') throw new Error(`"=" expected after ${a} at offset ${i}`);
      i++;
      skipSpace();
      const q = xml[i];
      if (q !== '"' && q !== "'") throw new Error(`attribute ${a} is not quoted at offset ${i}`);
      const end = xml.indexOf(q, i + 1);
      if (end < 0) throw new Error(`attribute ${a} is never closed`);
      if (a in el.attributes) throw new Error(`attribute ${a} repeated on <${el.name}>`);
      el.attributes[a] = decode(xml.slice(i + 1, end), i);
      i = end + 1;
    }
  }
  if (stack.length) throw new Error(`<${stack.at(-1)!.name}> is never closed`);
  if (!root) throw new Error('no root element');
  return root;
}

/** Every descendant element with this name, in document order. */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}
