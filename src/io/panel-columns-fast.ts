import { ABSURD, type NumberLocale, OUTCOME_FIELDS, type PanelColumnMap } from './panel-columns.ts';
import { plainDecimal } from './panel-numbers.ts';
import type { PanelRowsBuilder } from './panel-rows.ts';

/**
 * The fast lane of the panel reader: complete, quote-free CSV lines read straight from the decoded
 * text into typed columns, with no string made per cell — 2 million firm-years are mostly plain
 * digits, and cutting them into cell strings, row objects and regular-expression checks cost
 * ~12 µs a row (bench/impact-panel.ts). A line is taken here only when every cell has a plain
 * shape: a ten-digit or dotted enterprise number with a valid check, a four-digit year in range,
 * plain numbers within the bounds (`plainDecimal`: `1234`, `-1.234,5`, `12.5` by the locale), a
 * NACE code or municipality the caller resolves. Any other line is cut into cells and handed to
 * the general reader (`readPanelRow`), which accepts the other spellings and words the errors — so
 * a row the fast lane takes is one the general reader takes, with the same values (property test
 * in panel-columns-fast.test.ts).
 */

export interface FastLane {
  map: PanelColumnMap;
  locale: NumberLocale;
  maxYear: number;
  /** dictionary index of a NACE cell as written (not empty), or null: not accepted as it is */
  nace: (raw: string) => number | null;
  /** dictionary index of a municipality cell as written (not empty), or null: not accepted */
  municipality: (raw: string) => number | null;
}

/** What `readPlainLines` saw: records (the spreadsheet's row count) and non-blank rows. */
export interface PlainLinesResult {
  records: number;
  rows: number;
}

const CR = 13;
const SPACE = 32;

/** Whether `text` may go through the fast lane: no quotes, no line ending in a lone CR. */
export function plainText(text: string): boolean {
  if (text.indexOf('"') >= 0) return false;
  return text.indexOf('\r') < 0 || !/\r(?!\n)/.test(text);
}

/**
 * Read the lines of `text` (complete records, `plainText`) into `out`; the first line is
 * spreadsheet row `firstLine`. Lines the fast lane does not take go to `slow(cells, line)`.
 */
export function readPlainLines(
  text: string,
  delimiter: string,
  firstLine: number,
  lane: FastLane,
  out: PanelRowsBuilder,
  slow: (cells: string[], line: number) => void,
): PlainLinesResult {
  const r = new LineReader(lane, out);
  const width = r.width;
  const starts = r.starts;
  const ends = r.ends;
  let records = 0;
  let rows = 0;
  const n = text.length;
  let pos = 0;
  while (pos < n) {
    let lineEnd = text.indexOf('\n', pos);
    const next = lineEnd < 0 ? n : lineEnd + 1;
    if (lineEnd < 0) lineEnd = n;
    const stop = lineEnd > pos && text.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
    const line = firstLine + records;
    records++;
    // cut the cells the map uses (a missing trailing cell is empty)
    let fields = 0;
    let p = pos;
    while (fields < width) {
      let e = text.indexOf(delimiter, p);
      if (e < 0 || e > stop) e = stop;
      starts[fields] = p;
      ends[fields] = e;
      fields++;
      if (e === stop) break;
      p = e + 1;
    }
    const lineStart = pos;
    pos = next;
    if (fields === 1 && isBlank(text, lineStart, stop)) continue; // a blank row
    rows++;
    for (let k = fields; k < width; k++) starts[k] = ends[k] = stop;
    if (!r.row(text, line)) slow(text.slice(lineStart, stop).split(delimiter), line);
  }
  return { records, rows };
}

/** The per-file state of the fast lane: column positions, memos of code cells. */
class LineReader {
  readonly width: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly #cEn: number;
  readonly #cYear: number;
  readonly #cOut: number[];
  readonly #scale: number[];
  readonly #cNace: number;
  readonly #cMuni: number;
  readonly #cTreat: number;
  readonly #vals = new Float64Array(4);
  readonly #naceMemo = new Map<number, number>();
  readonly #muniMemo = new Map<number, number>();
  #lastNaceKey = -1;
  #lastNace = -1;
  #lastMuniKey = -1;
  #lastMuni = -1;

  constructor(
    private readonly lane: FastLane,
    private readonly out: PanelRowsBuilder,
  ) {
    const idx = lane.map.index;
    const col = (i: number | undefined) => (i === undefined ? -1 : i);
    this.width = Math.max(...Object.values(idx).map((v) => v ?? 0)) + 1;
    this.starts = new Int32Array(this.width);
    this.ends = new Int32Array(this.width);
    this.#cEn = col(idx.enterpriseNumber);
    this.#cYear = col(idx.year);
    this.#cOut = OUTCOME_FIELDS.map((f) => col(idx[f]));
    this.#scale = OUTCOME_FIELDS.map((f) => lane.map.scale[f] ?? 1);
    this.#cNace = col(idx.naceCode);
    this.#cMuni = col(idx.municipality);
    this.#cTreat = col(idx.treatmentYear);
  }

  /** Take the row whose cells are at starts/ends, or return false (the general reader will). */
  row(text: string, line: number): boolean {
    const { starts, ends, lane } = this;
    // enterprise number: digits with the usual separators, optional BE prefix, mod-97 check
    let s = starts[this.#cEn]!;
    let e = ends[this.#cEn]!;
    while (s < e && text.charCodeAt(s) === SPACE) s++;
    while (e > s && text.charCodeAt(e - 1) === SPACE) e--;
    if (e - s >= 2 && (text.charCodeAt(s) | 32) === 98 && (text.charCodeAt(s + 1) | 32) === 101) {
      s += 2;
      while (s < e && text.charCodeAt(s) === SPACE) s++;
    }
    let en = 0;
    let digits = 0;
    for (let i = s; i < e; i++) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        en = en * 10 + (c - 48);
        digits++;
      } else if (c !== 46 && c !== SPACE && c !== 45 && c !== 47) return false;
    }
    if ((digits !== 10 && digits !== 9) || en >= 2e9) return false; // ten digits, the first 0 or 1
    const head = Math.floor(en / 100);
    if (en - head * 100 !== 97 - (head % 97)) return false;
    const year = fourDigits(text, starts[this.#cYear]!, ends[this.#cYear]!);
    if (year < ABSURD.minYear || year > lane.maxYear) return false;
    const vals = this.#vals;
    for (let k = 0; k < 4; k++) {
      const c = this.#cOut[k]!;
      if (c < 0) {
        vals[k] = Number.NaN;
        continue;
      }
      let v = decimal(text, starts[c]!, ends[c]!, lane.locale);
      if (v === undefined) return false;
      if (!Number.isNaN(v)) {
        v *= this.#scale[k]!;
        if (k !== 1 && v < 0) return false; // only value added may be negative
        if (k === 0 ? v > ABSURD.fte : Math.abs(v) > ABSURD.money) return false;
      }
      vals[k] = v;
    }
    // NACE and municipality: resolved once per distinct cell (and the same as the previous row's
    // most of the time)
    let nace = -1;
    if (this.#cNace >= 0) {
      const key = cellKey(text, starts[this.#cNace]!, ends[this.#cNace]!);
      if (key === -2) return false;
      if (key >= 0) {
        if (key !== this.#lastNaceKey) {
          let k = this.#naceMemo.get(key);
          if (k === undefined) {
            k = lane.nace(text.slice(starts[this.#cNace]!, ends[this.#cNace]!).trim()) ?? -2;
            this.#naceMemo.set(key, k);
          }
          this.#lastNaceKey = key;
          this.#lastNace = k;
        }
        if (this.#lastNace === -2) return false;
        nace = this.#lastNace;
      }
    }
    let muni = -1;
    if (this.#cMuni >= 0) {
      const key = cellKey(text, starts[this.#cMuni]!, ends[this.#cMuni]!);
      if (key === -2) return false;
      if (key >= 0) {
        if (key !== this.#lastMuniKey) {
          let k = this.#muniMemo.get(key);
          if (k === undefined) {
            k = lane.municipality(text.slice(starts[this.#cMuni]!, ends[this.#cMuni]!).trim()) ?? -2;
            this.#muniMemo.set(key, k);
          }
          this.#lastMuniKey = key;
          this.#lastMuni = k;
        }
        if (this.#lastMuni === -2) return false;
        muni = this.#lastMuni;
      }
    }
    let treatment = 0;
    if (this.#cTreat >= 0) {
      const ts = starts[this.#cTreat]!;
      const te = ends[this.#cTreat]!;
      if (!isBlank(text, ts, te) && !(te - ts === 1 && text.charCodeAt(ts) === 48)) {
        treatment = fourDigits(text, ts, te);
        if (treatment < ABSURD.minYear || treatment > 2100) return false;
      }
    }
    this.out.push(en, year, vals[0]!, vals[1]!, vals[2]!, vals[3]!, nace, muni, treatment, line);
    return true;
  }
}

function isBlank(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (text.charCodeAt(i) !== SPACE) return false;
  return true;
}

/** Four digits (spaces around allowed) → the number; -1 otherwise. */
function fourDigits(text: string, s: number, e: number): number {
  while (s < e && text.charCodeAt(s) === SPACE) s++;
  while (e > s && text.charCodeAt(e - 1) === SPACE) e--;
  if (e - s !== 4) return -1;
  let v = 0;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** A number cell: NaN when empty, undefined unless plain (`plainDecimal`). */
function decimal(text: string, s: number, e: number, locale: NumberLocale): number | undefined {
  while (s < e && text.charCodeAt(s) === SPACE) s++;
  while (e > s && text.charCodeAt(e - 1) === SPACE) e--;
  return s === e ? Number.NaN : plainDecimal(text, s, e, locale);
}

/**
 * A numeric key of a short cell (≤ 7 ASCII characters, spaces around ignored): -1 when empty, -2
 * when the cell is longer or not ASCII (the general reader takes the row).
 */
function cellKey(text: string, s: number, e: number): number {
  while (s < e && text.charCodeAt(s) === SPACE) s++;
  while (e > s && text.charCodeAt(e - 1) === SPACE) e--;
  if (s === e) return -1;
  if (e - s > 7) return -2;
  let key = 0;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return -2;
    key = key * 128 + c;
  }
  return key * 8 + (e - s);
}
