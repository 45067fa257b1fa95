import { collect, toCsv } from './table-export.ts';

/**
 * A graph written for Gephi, yEd, Cytoscape, networkx or a spreadsheet: GEXF 1.3, GraphML, and
 * node / edge lists as CSV. Output is deterministic: nodes, edges and attributes come out in the
 * order given, attribute types are inferred from the values, and numbers are written in their
 * shortest round-trip form (16, not 16.0; 0.1, not 0.1000000000000000055).
 */

export type AttributeValue = string | number | boolean | null;

export interface ExportNode {
  id: string;
  label?: string;
  attributes: Record<string, AttributeValue>;
}

export interface ExportEdge {
  source: string;
  target: string;
  weight?: number;
}

export interface GraphExport {
  nodes: ExportNode[];
  edges: ExportEdge[];
}

export type AttributeType = 'integer' | 'long' | 'double' | 'boolean' | 'string';

export interface AttributeDeclaration {
  name: string;
  type: AttributeType;
}

const INT32_MAX = 2 ** 31 - 1;

/** NaN and ±Infinity have no portable spelling (Gephi, yEd and Excel differ): written as missing. */
const present = (v: AttributeValue | undefined): v is string | number | boolean =>
  v != null && (typeof v !== 'number' || Number.isFinite(v));

/**
 * Every attribute name, in order of first appearance, with the narrowest type holding all its
 * values: boolean, integer (32-bit), long, double, else string. An attribute with no value is a string.
 */
export function declareAttributes(nodes: readonly ExportNode[]): AttributeDeclaration[] {
  const kinds = new Map<string, Set<AttributeType>>();
  for (const n of nodes) {
    for (const [name, v] of Object.entries(n.attributes)) {
      let set = kinds.get(name);
      if (!set) {
        set = new Set();
        kinds.set(name, set);
      }
      if (!present(v)) continue;
      if (typeof v === 'boolean') set.add('boolean');
      else if (typeof v === 'string') set.add('string');
      else if (!Number.isInteger(v)) set.add('double');
      else if (Math.abs(v) <= INT32_MAX) set.add('integer');
      else if (Number.isSafeInteger(v)) set.add('long');
      else set.add('double');
    }
  }
  return [...kinds].map(([name, set]) => ({ name, type: narrowest(set) }));
}

function narrowest(set: Set<AttributeType>): AttributeType {
  if (set.size === 0 || set.has('string')) return 'string';
  if (set.has('boolean')) return set.size === 1 ? 'boolean' : 'string';
  if (set.has('double')) return 'double';
  if (set.has('long')) return 'long';
  return 'integer';
}

/** Characters XML 1.0 forbids (C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates). */
const XML_FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching the control characters XML forbids is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // kept as character references: a parser would turn a raw tab or line break in an attribute into a space
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Text safe in XML content and in double- or single-quoted attributes; forbidden characters dropped. */
export function escapeXml(s: string): string {
  return s.replace(XML_FORBIDDEN, '').replace(/[&<>"'\t\n\r]/g, (c) => ENTITIES[c]!);
}

/** Shortest round-trip decimal form; booleans as `true`/`false`. */
export function formatValue(v: string | number | boolean): string {
  return String(v);
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';

export interface GexfOptions {
  /** `<meta><description>`. */
  description?: string;
  /** `lastmodifieddate` (YYYY-MM-DD); left out by default so the output depends on the graph alone. */
  date?: string;
}

/** GEXF 1.3 (http://gexf.net/1.3), undirected, node attributes declared with their types. */
export function toGexf(g: GraphExport, opts: GexfOptions = {}): string {
  const decls = declareAttributes(g.nodes);
  const out: string[] = [XML_HEAD];
  out.push(
    '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n',
  );
  out.push(`  <meta${opts.date ? ` lastmodifieddate="${escapeXml(opts.date)}"` : ''}>\n`);
  out.push('    <creator>Polaris</creator>\n');
  if (opts.description) out.push(`    <description>${escapeXml(opts.description)}</description>\n`);
  out.push('  </meta>\n');
  out.push('  <graph mode="static" defaultedgetype="undirected">\n');
  if (decls.length) {
    out.push('    <attributes class="node">\n');
    decls.forEach((d, i) => {
      out.push(`      <attribute id="${i}" title="${escapeXml(d.name)}" type="${d.type}"/>\n`);
    });
    out.push('    </attributes>\n');
  }
  out.push('    <nodes>\n');
  for (const n of g.nodes) {
    const label = escapeXml(n.label ?? n.id);
    const values: string[] = [];
    decls.forEach((d, i) => {
      const v = n.attributes[d.name];
      if (present(v)) values.push(`<attvalue for="${i}" value="${escapeXml(formatValue(v))}"/>`);
    });
    if (values.length === 0) out.push(`      <node id="${escapeXml(n.id)}" label="${label}"/>\n`);
    else {
      out.push(`      <node id="${escapeXml(n.id)}" label="${label}">\n        <attvalues>\n`);
      for (const v of values) out.push(`          ${v}\n`);
      out.push('        </attvalues>\n      </node>\n');
    }
  }
  out.push('    </nodes>\n');
  out.push('    <edges>\n');
  g.edges.forEach((e, i) => {
    const w = e.weight !== undefined && Number.isFinite(e.weight) ? ` weight="${String(e.weight)}"` : '';
    out.push(`      <edge id="${i}" source="${escapeXml(e.source)}" target="${escapeXml(e.target)}"${w}/>\n`);
  });
  out.push('    </edges>\n');
  out.push('  </graph>\n</gexf>\n');
  return out.join('');
}

const GRAPHML_TYPE: Record<AttributeType, string> = {
  integer: 'int',
  long: 'long',
  double: 'double',
  boolean: 'boolean',
  string: 'string',
};

/** GraphML (http://graphml.graphdrawing.org), undirected; keys declared with `attr.type`. */
export function toGraphml(g: GraphExport): string {
  const decls = declareAttributes(g.nodes);
  const hasLabel = g.nodes.some((n) => n.label !== undefined);
  const hasWeight = g.edges.some((e) => e.weight !== undefined && Number.isFinite(e.weight));
  const out: string[] = [XML_HEAD];
  out.push(
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n',
  );
  if (hasLabel) out.push('  <key id="label" for="node" attr.name="label" attr.type="string"/>\n');
  decls.forEach((d, i) => {
    out.push(
      `  <key id="d${i}" for="node" attr.name="${escapeXml(d.name)}" attr.type="${GRAPHML_TYPE[d.type]}"/>\n`,
    );
  });
  if (hasWeight) out.push('  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>\n');
  out.push('  <graph id="G" edgedefault="undirected">\n');
  for (const n of g.nodes) {
    const data: string[] = [];
    if (n.label !== undefined) data.push(`<data key="label">${escapeXml(n.label)}</data>`);
    decls.forEach((d, i) => {
      const v = n.attributes[d.name];
      if (present(v)) data.push(`<data key="d${i}">${escapeXml(formatValue(v))}</data>`);
    });
    if (data.length === 0) out.push(`    <node id="${escapeXml(n.id)}"/>\n`);
    else {
      out.push(`    <node id="${escapeXml(n.id)}">\n`);
      for (const d of data) out.push(`      ${d}\n`);
      out.push('    </node>\n');
    }
  }
  g.edges.forEach((e, i) => {
    const open = `    <edge id="e${i}" source="${escapeXml(e.source)}" target="${escapeXml(e.target)}"`;
    if (e.weight !== undefined && Number.isFinite(e.weight))
      out.push(`${open}>\n      <data key="weight">${String(e.weight)}</data>\n    </edge>\n`);
    else out.push(`${open}/>\n`);
  });
  out.push('  </graph>\n</graphml>\n');
  return out.join('');
}

/**
 * `plain`: RFC 4180 with commas, `.` decimals, LF, no byte-order mark (pandas, R, networkx).
 * `excel`: Belgian Excel, as every Polaris list export (table-export.ts): BOM, `;`, decimal comma, CRLF.
 */
export type CsvDialect = 'plain' | 'excel';

function plainCell(v: AttributeValue | undefined): string {
  if (!present(v)) return '';
  const s = formatValue(v);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

async function writeCsv(header: string[], rows: AttributeValue[][], dialect: CsvDialect): Promise<string> {
  if (dialect === 'excel') {
    const columns = header.map((h, i) => ({
      header: h,
      value: (r: AttributeValue[]) => {
        const v = r[i];
        return present(v) ? v : null;
      },
    }));
    return collect(toCsv(rows, columns));
  }
  const lines = [header.map(plainCell).join(',')];
  for (const r of rows) lines.push(r.map(plainCell).join(','));
  return `${lines.join('\n')}\n`;
}

/** Node list: `id`, `label`, then every attribute (declareAttributes order). */
export function toNodesCsv(g: GraphExport, dialect: CsvDialect = 'plain'): Promise<string> {
  const decls = declareAttributes(g.nodes);
  const header = ['id', 'label', ...decls.map((d) => d.name)];
  const rows = g.nodes.map((n) => [n.id, n.label ?? n.id, ...decls.map((d) => n.attributes[d.name] ?? null)]);
  return writeCsv(header, rows, dialect);
}

/** Edge list: `source`, `target`, and `weight` when any edge has one. */
export function toEdgesCsv(g: GraphExport, dialect: CsvDialect = 'plain'): Promise<string> {
  const weighted = g.edges.some((e) => e.weight !== undefined);
  const header = weighted ? ['source', 'target', 'weight'] : ['source', 'target'];
  const rows = g.edges.map((e) => (weighted ? [e.source, e.target, e.weight ?? null] : [e.source, e.target]));
  return writeCsv(header, rows, dialect);
}
