import type { EdgeInput } from '../analytics/graph/types.ts';
import { type ErrorDetail, ValidationError } from '../domain/errors.ts';
import { stripAccents } from '../domain/text.ts';
import { readSheet, type Sheet } from './spreadsheet.ts';

/**
 * Edge lists as analysts keep them: one undirected edge per row (`source,target[,weight]`), or a
 * two-mode list (`organisation,project`: one affiliation per row) to project onto one side. CSV
 * with `,` `;` or tab, UTF-8 or Windows-1252, or XLSX — read by `readSheet`. All-or-nothing: every
 * bad row is reported at once (up to MAX_REPORTED), naming row, column, value and reason.
 */

/** Problems listed one by one; beyond this, one closing line counts the rest. */
export const MAX_REPORTED = 100;

export interface SheetInfo {
  format: Sheet['format'];
  encoding?: Sheet['encoding'];
  delimiter?: string;
  /** data rows read (blank rows skipped) */
  rows: number;
}

export interface EdgeListOptions {
  /** Column of the first end (default `source`). */
  source?: string;
  /** Column of the second end (default `target`). */
  target?: string;
  /**
   * Column of the weight. Default: the `weight` column when there is one (else every edge weighs 1);
   * a column named here must exist.
   */
  weight?: string;
}

export interface EdgeList extends SheetInfo {
  edges: EdgeInput[];
  /** the weight column used, if any */
  weightColumn: string | null;
  /** rows repeating an edge already read (either direction): their weights add up in the graph */
  repeated: number;
}

export interface TwoModeOptions {
  /** Column of the side to project onto (organisations). */
  left: string;
  /** Column of the other side (projects, events). */
  right: string;
}

export interface TwoModeList extends SheetInfo {
  /** distinct affiliations, in file order */
  pairs: { left: string; right: string }[];
  /** rows repeating an affiliation already read (counted once) */
  repeated: number;
}

const keyOf = (h: string) =>
  stripAccents(h)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** The index of a column: exact header first, then ignoring case, accents and punctuation. */
function findColumn(headers: string[], name: string): number {
  const exact = headers.indexOf(name);
  if (exact >= 0) return exact;
  const k = keyOf(name);
  return k === '' ? -1 : headers.findIndex((h) => keyOf(h) === k);
}

function missingColumn(headers: string[], name: string, role: string): ErrorDetail {
  return {
    path: `row 1 / column "${name}"`,
    row: 1,
    column: name,
    message: `the ${role} column "${name}" is missing; the header row has: ${headers.map((h) => `"${h}"`).join(', ') || 'nothing'}`,
  };
}

/** Cap a problem list for a report: the first MAX_REPORTED, then one line counting the others. */
export function capDetails(details: ErrorDetail[]): ErrorDetail[] {
  if (details.length <= MAX_REPORTED) return details;
  return [
    ...details.slice(0, MAX_REPORTED),
    { path: 'file', message: `… and ${details.length - MAX_REPORTED} more problem(s)` },
  ];
}

function reject(what: string, details: ErrorDetail[], rows: number): never {
  const bad = new Set(details.map((d) => d.row).filter((r) => r !== undefined && r > 1)).size;
  const summary = bad > 0 ? `${bad} of ${rows} row(s) have problems` : 'the header row has problems';
  throw new ValidationError(
    `The ${what} cannot be read: ${summary}; nothing was computed`,
    capDetails(details),
  );
}

function info(sheet: Sheet): SheetInfo {
  return {
    format: sheet.format,
    encoding: sheet.encoding,
    delimiter: sheet.delimiter,
    rows: sheet.rows.length,
  };
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * A weight: `4`, `0.5`, `1e-3`, or `0,5` with a decimal comma (Belgian Excel, semicolon files).
 * Thousands separators are refused rather than guessed (`1.234` is 1.234, never 1234).
 */
export function parseWeight(raw: string): number | string {
  const s = raw.trim().replace(/^([+-]?\d+),(\d+)$/, '$1.$2');
  if (s === '') return 'the weight is empty (write 1 for an unweighted edge, or leave out the column)';
  if (!DECIMAL.test(s)) return `"${raw}" is not a number`;
  const w = Number(s);
  if (!Number.isFinite(w)) return `"${raw}" is out of range`;
  if (w < 0) return `the weight ${raw} is negative; weights count ties and must be > 0`;
  if (w === 0) return 'the weight is 0; an edge of weight 0 is no tie: remove the row';
  return w;
}

function emptyFile(what: string, headers: string[]): never {
  throw new ValidationError(`The ${what} is empty`, [
    {
      path: 'file',
      message: `the header row (${headers.map((h) => `"${h}"`).join(', ')}) is followed by no data row`,
    },
  ]);
}

/** Read an undirected edge list (CSV or XLSX bytes). Throws ValidationError listing every bad row. */
export async function readEdgeList(bytes: Uint8Array, opts: EdgeListOptions = {}): Promise<EdgeList> {
  const sheet = await readSheet(bytes);
  const { headers } = sheet;
  const sourceName = opts.source ?? 'source';
  const targetName = opts.target ?? 'target';
  const s = findColumn(headers, sourceName);
  const t = findColumn(headers, targetName);
  let w = -1;
  if (opts.weight !== undefined) w = findColumn(headers, opts.weight);
  else w = findColumn(headers, 'weight');
  const header: ErrorDetail[] = [];
  if (s < 0) header.push(missingColumn(headers, sourceName, 'source'));
  if (t < 0) header.push(missingColumn(headers, targetName, 'target'));
  if (opts.weight !== undefined && w < 0) header.push(missingColumn(headers, opts.weight, 'weight'));
  if (header.length) reject('edge list', header, sheet.rows.length);
  if (s === t)
    reject(
      'edge list',
      [
        {
          path: `row 1 / column "${headers[s]}"`,
          row: 1,
          column: headers[s],
          message: 'the source and target columns are the same column',
        },
      ],
      sheet.rows.length,
    );
  if (sheet.rows.length === 0) emptyFile('edge list', headers);

  const sCol = headers[s]!;
  const tCol = headers[t]!;
  const wCol = w >= 0 ? headers[w]! : null;
  const details: ErrorDetail[] = [];
  const edges: EdgeInput[] = [];
  const seen = new Set<string>();
  let repeated = 0;
  const cellError = (line: number, column: string, value: string, message: string) =>
    details.push({ path: `row ${line} / column "${column}"`, row: line, column, value, message });

  for (const { line, cells } of sheet.rows) {
    const a = (cells[s] ?? '').trim();
    const b = (cells[t] ?? '').trim();
    let ok = true;
    if (a === '') {
      cellError(line, sCol, '', 'the source node id is empty');
      ok = false;
    }
    if (b === '') {
      cellError(line, tCol, '', 'the target node id is empty');
      ok = false;
    }
    if (ok && a === b) {
      cellError(line, tCol, b, `the edge joins "${a}" to itself; self-loops are not supported`);
      ok = false;
    }
    let weight: number | undefined;
    if (wCol !== null) {
      const raw = cells[w] ?? '';
      const parsed = parseWeight(raw);
      if (typeof parsed === 'string') {
        cellError(line, wCol, raw, parsed);
        ok = false;
      } else weight = parsed;
    }
    if (!ok || details.length > 0) continue;
    const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    if (seen.has(key)) repeated++;
    else seen.add(key);
    edges.push(weight === undefined ? { source: a, target: b } : { source: a, target: b, weight });
  }
  if (details.length) reject('edge list', details, sheet.rows.length);
  return { ...info(sheet), edges, weightColumn: wCol, repeated };
}

/** Read a two-mode (affiliation) list: one `left`–`right` tie per row, e.g. organisation–project. */
export async function readTwoModeList(bytes: Uint8Array, opts: TwoModeOptions): Promise<TwoModeList> {
  const sheet = await readSheet(bytes);
  const { headers } = sheet;
  const l = findColumn(headers, opts.left);
  const r = findColumn(headers, opts.right);
  const header: ErrorDetail[] = [];
  if (l < 0) header.push(missingColumn(headers, opts.left, 'left (--left)'));
  if (r < 0) header.push(missingColumn(headers, opts.right, 'right (--right)'));
  if (header.length === 0 && l === r)
    header.push({
      path: `row 1 / column "${headers[l]}"`,
      row: 1,
      column: headers[l],
      message: 'the left and right columns are the same column',
    });
  if (header.length) reject('two-mode list', header, sheet.rows.length);
  if (sheet.rows.length === 0) emptyFile('two-mode list', headers);

  const lCol = headers[l]!;
  const rCol = headers[r]!;
  const details: ErrorDetail[] = [];
  const pairs: { left: string; right: string }[] = [];
  const seen = new Set<string>();
  let repeated = 0;
  for (const { line, cells } of sheet.rows) {
    const a = (cells[l] ?? '').trim();
    const b = (cells[r] ?? '').trim();
    if (a === '')
      details.push({
        path: `row ${line} / column "${lCol}"`,
        row: line,
        column: lCol,
        value: '',
        message: 'the left id is empty',
      });
    if (b === '')
      details.push({
        path: `row ${line} / column "${rCol}"`,
        row: line,
        column: rCol,
        value: '',
        message: 'the right id is empty',
      });
    if (a === '' || b === '' || details.length > 0) continue;
    const key = `${a}\u0000${b}`;
    if (seen.has(key)) {
      repeated++;
      continue;
    }
    seen.add(key);
    pairs.push({ left: a, right: b });
  }
  if (details.length) reject('two-mode list', details, sheet.rows.length);
  return { ...info(sheet), pairs, repeated };
}
