import type { Db } from '../../db/database.ts';
import { copyPanelOut, panelVersion } from './panel.repository.ts';

/**
 * The firm-year panel as typed columns, built in one pass over a `COPY (SELECT …) TO` of the
 * table and kept per panel version (a counter only firm-year writes move, so registry edits do
 * not rebuild it). Pulling 2 M rows as row objects costs ~12 s on PGlite; the COPY text parsed
 * byte by byte costs a fraction of that, and the estimators and the descriptive series then loop
 * over columns (../shared/STACK.md).
 *
 * Row order is the table's; `firm` indexes `enterprise` (dictionary coding), `nace` and `muni`
 * index their dictionaries (-1 = empty); numbers are NaN when empty.
 */
export interface PanelSnapshot {
  /** panel version this snapshot was read at */
  version: number;
  rows: number;
  firm: Int32Array;
  year: Int32Array;
  fte: Float64Array;
  valueAdded: Float64Array;
  turnover: Float64Array;
  exports: Float64Array;
  nace: Int32Array;
  muni: Int32Array;
  /** firm index → enterprise number (ten digits) */
  enterprise: string[];
  naceDict: string[];
  muniDict: string[];
  /** per firm: the earliest treatment year of the file's custom column, 0 = none */
  treatmentColumn: Int32Array;
  minYear: number;
  maxYear: number;
  /** milliseconds: COPY out, parse */
  timing: { copy: number; parse: number };
}

export type Outcome = 'fte' | 'valueAdded' | 'turnover' | 'exports';

const cache = new WeakMap<Db, { version: number; snapshot: Promise<PanelSnapshot> }>();

/** The snapshot at the current panel version (built once per version and database handle). */
export async function panelSnapshot(db: Db): Promise<PanelSnapshot> {
  const version = await panelVersion(db);
  const hit = cache.get(db);
  if (hit && hit.version === version) return hit.snapshot;
  const snapshot = loadSnapshot(db, version);
  cache.set(db, { version, snapshot });
  snapshot.catch(() => {
    if (cache.get(db)?.snapshot === snapshot) cache.delete(db);
  });
  return snapshot;
}

/** Read the table now (no cache): COPY out, then parse. */
export async function loadSnapshot(db: Db, version: number): Promise<PanelSnapshot> {
  const t0 = performance.now();
  const bytes = await copyPanelOut(db);
  const t1 = performance.now();
  const s = parsePanelCopy(bytes, version);
  s.timing = { copy: Math.round(t1 - t0), parse: Math.round(performance.now() - t1) };
  return s;
}

const TAB = 9;
const LF = 10;
const BACKSLASH = 92;
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * Parse the COPY text of `SNAPSHOT_COLUMNS` (enterprise_number, year, fte, value_added,
 * turnover, exports, nace_code, municipality_nis, treatment_year). Every field is ASCII.
 */
export function parsePanelCopy(bytes: Uint8Array, version: number): PanelSnapshot {
  let rows = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === LF) rows++;
  const firm = new Int32Array(rows);
  const year = new Int32Array(rows);
  const nums = [0, 1, 2, 3].map(() => new Float64Array(rows));
  const nace = new Int32Array(rows);
  const muni = new Int32Array(rows);
  const enterprise: string[] = [];
  const firmOf = new Map<number, number>();
  const naceDict: string[] = [];
  const naceOf = new Map<number, number>();
  const muniDict: string[] = [];
  const muniOf = new Map<number, number>();
  let treatment: number[] = [];
  let minYear = Number.POSITIVE_INFINITY;
  let maxYear = Number.NEGATIVE_INFINITY;

  let p = 0;
  // a code field (digits, or one section letter) → dictionary index; -1 for \N
  const code = (dict: string[], index: Map<number, number>): number => {
    if (bytes[p] === BACKSLASH) {
      p += 3;
      return -1;
    }
    const start = p;
    let key = 0;
    while (bytes[p] !== TAB && bytes[p] !== LF) key = key * 64 + (bytes[p++]! - 44);
    key = key * 8 + (p - start);
    let k = index.get(key);
    if (k === undefined) {
      k = dict.length;
      dict.push(String.fromCharCode(...bytes.subarray(start, p)));
      index.set(key, k);
    }
    return k;
  };
  const number = (): number => {
    if (bytes[p] === BACKSLASH) {
      p += 2;
      return Number.NaN;
    }
    const start = p;
    let neg = false;
    if (bytes[p] === 45) {
      neg = true;
      p++;
    }
    let mant = 0;
    let digits = 0;
    let frac = -1;
    let simple = true;
    for (;;) {
      const c = bytes[p]!;
      if (c >= 48 && c <= 57) {
        mant = mant * 10 + (c - 48);
        digits++;
        if (frac >= 0) frac++;
      } else if (c === 46 && frac < 0) frac = 0;
      else if (c === TAB || c === LF) break;
      else simple = false;
      p++;
    }
    // Clinger's fast path: an exact integer mantissa (< 2^53) divided by an exact power of ten
    // is correctly rounded, so it equals Number(text); anything else goes through Number().
    if (simple && digits <= 15 && frac <= 22) {
      const v = frac > 0 ? mant / POW10[frac]! : mant;
      return neg ? -v : v;
    }
    return Number(String.fromCharCode(...bytes.subarray(start, p)));
  };
  const skipTab = () => {
    p++;
  };

  for (let r = 0; r < rows; r++) {
    // enterprise number: ten digits, below 2^31
    let en = 0;
    const s = p;
    while (bytes[p] !== TAB) en = en * 10 + (bytes[p++]! - 48);
    let f = firmOf.get(en);
    if (f === undefined) {
      f = enterprise.length;
      enterprise.push(String.fromCharCode(...bytes.subarray(s, p)));
      firmOf.set(en, f);
      treatment.push(0);
    }
    firm[r] = f;
    skipTab();
    let y = 0;
    while (bytes[p] !== TAB) y = y * 10 + (bytes[p++]! - 48);
    year[r] = y;
    if (y < minYear) minYear = y;
    if (y > maxYear) maxYear = y;
    for (let k = 0; k < 4; k++) {
      skipTab();
      nums[k]![r] = number();
    }
    skipTab();
    nace[r] = code(naceDict, naceOf);
    skipTab();
    muni[r] = code(muniDict, muniOf);
    skipTab();
    if (bytes[p] === BACKSLASH) p += 2;
    else {
      let t = 0;
      while (bytes[p] !== LF) t = t * 10 + (bytes[p++]! - 48);
      const cur = treatment[f]!;
      if (cur === 0 || t < cur) treatment[f] = t;
    }
    p++; // line end
  }
  const out: PanelSnapshot = {
    version,
    rows,
    firm,
    year,
    fte: nums[0]!,
    valueAdded: nums[1]!,
    turnover: nums[2]!,
    exports: nums[3]!,
    nace,
    muni,
    enterprise,
    naceDict,
    muniDict,
    treatmentColumn: Int32Array.from(treatment),
    minYear: rows ? minYear : 0,
    maxYear: rows ? maxYear : 0,
    timing: { copy: 0, parse: 0 },
  };
  treatment = [];
  return out;
}

/** The outcome column of a snapshot. */
export function outcomeColumn(s: PanelSnapshot, outcome: Outcome): Float64Array {
  return s[outcome];
}
