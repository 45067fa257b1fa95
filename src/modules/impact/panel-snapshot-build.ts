import type { PanelRows } from '../../io/panel-rows.ts';
import type { PanelSnapshot } from './panel-snapshot.ts';

/**
 * Building the columnar snapshot from firm-year columns in any order — the rows an import has just
 * read, the table's COPY text, or a stored snapshot merged with a new import — into one canonical
 * form: firms in enterprise-number order, each firm's rows in year order, dictionaries sorted.
 * The same data therefore gives the same arrays whatever path built them (the estimators' unit
 * order, hence their bootstrap draws, do not depend on how the server started), and each firm's
 * rows are contiguous (`firmStart`), which the per-firm loops read sequentially.
 */

/** Sort `src` into a snapshot. Throws if a firm-year appears twice (the table's key forbids it). */
export function buildSnapshot(src: PanelRows, version: number, stamp: string): PanelSnapshot {
  const n = src.rows;
  // firms: rows mostly arrive grouped by firm, so the map is consulted only when the number changes
  const tmpOf = new Int32Array(n);
  const index = new Map<number, number>();
  const keys: number[] = [];
  let prevKey = Number.NaN;
  let prevTmp = -1;
  for (let i = 0; i < n; i++) {
    const k = src.enterprise[i]!;
    if (k !== prevKey) {
      let t = index.get(k);
      if (t === undefined) {
        t = keys.length;
        keys.push(k);
        index.set(k, t);
      }
      prevKey = k;
      prevTmp = t;
    }
    tmpOf[i] = prevTmp;
  }
  const F = keys.length;
  const byKey = Int32Array.from({ length: F }, (_, t) => t).sort((a, b) => keys[a]! - keys[b]!);
  const rankOf = new Int32Array(F);
  for (let r = 0; r < F; r++) rankOf[byKey[r]!] = r;

  // counting sort by firm (stable), then years within each firm (insertion: usually sorted already)
  const firmStart = new Int32Array(F + 1);
  for (let i = 0; i < n; i++) firmStart[rankOf[tmpOf[i]!]! + 1]!++;
  for (let f = 0; f < F; f++) firmStart[f + 1]! += firmStart[f]!;
  const next = firmStart.slice(0, F);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[next[rankOf[tmpOf[i]!]!]!++] = i;
  const year = src.year;
  for (let f = 0; f < F; f++) {
    const a = firmStart[f]!;
    const b = firmStart[f + 1]!;
    for (let j = a + 1; j < b; j++) {
      const row = order[j]!;
      const y = year[row]!;
      let k = j - 1;
      while (k >= a && year[order[k]!]! > y) {
        order[k + 1] = order[k]!;
        k--;
      }
      order[k + 1] = row;
    }
    for (let j = a + 1; j < b; j++)
      if (year[order[j]!] === year[order[j - 1]!])
        throw new Error(`firm-year ${keys[byKey[f]!]} ${year[order[j]!]} appears twice in the panel rows`);
  }

  const nace = sortedDictionary(src.nace, src.naceDict, n);
  const muni = sortedDictionary(src.muni, src.muniDict, n);
  const out: PanelSnapshot = {
    version,
    stamp,
    rows: n,
    firm: new Int32Array(n),
    year: new Int32Array(n),
    fte: new Float64Array(n),
    valueAdded: new Float64Array(n),
    turnover: new Float64Array(n),
    exports: new Float64Array(n),
    nace: new Int32Array(n),
    muni: new Int32Array(n),
    rowTreatment: new Int16Array(n),
    firmStart,
    enterprise: new Array<string>(F),
    naceDict: nace.dict,
    muniDict: muni.dict,
    treatmentColumn: new Int32Array(F),
    minYear: 0,
    maxYear: 0,
    timing: { source: 'import', ms: 0, copy: 0, parse: 0 },
  };
  for (let f = 0; f < F; f++) out.enterprise[f] = String(keys[byKey[f]!]!).padStart(10, '0');
  let minYear = Number.POSITIVE_INFINITY;
  let maxYear = Number.NEGATIVE_INFINITY;
  for (let f = 0; f < F; f++) {
    let treated = 0;
    for (let j = firmStart[f]!; j < firmStart[f + 1]!; j++) {
      const i = order[j]!;
      const y = year[i]!;
      out.firm[j] = f;
      out.year[j] = y;
      if (y < minYear) minYear = y;
      if (y > maxYear) maxYear = y;
      out.fte[j] = src.fte[i]!;
      out.valueAdded[j] = src.valueAdded[i]!;
      out.turnover[j] = src.turnover[i]!;
      out.exports[j] = src.exports[i]!;
      out.nace[j] = src.nace[i]! < 0 ? -1 : nace.remap[src.nace[i]!]!;
      out.muni[j] = src.muni[i]! < 0 ? -1 : muni.remap[src.muni[i]!]!;
      const t = src.treatment[i]!;
      out.rowTreatment[j] = t;
      // the earliest year the file gives for the firm (panel-import reports the disagreements)
      if (t > 0 && (treated === 0 || t < treated)) treated = t;
    }
    out.treatmentColumn[f] = treated;
  }
  out.minYear = n ? minYear : 0;
  out.maxYear = n ? maxYear : 0;
  return out;
}

/** The used entries of a dictionary, sorted, and the old index → new index map. */
function sortedDictionary(
  codes: Int32Array,
  dict: string[],
  n: number,
): { dict: string[]; remap: Int32Array } {
  const used = new Uint8Array(dict.length);
  for (let i = 0; i < n; i++) if (codes[i]! >= 0) used[codes[i]!] = 1;
  const kept = dict.map((c, k) => ({ c, k })).filter((e) => used[e.k]);
  kept.sort((a, b) => (a.c < b.c ? -1 : a.c > b.c ? 1 : 0));
  const remap = new Int32Array(dict.length).fill(-1);
  kept.forEach((e, r) => {
    remap[e.k] = r;
  });
  return { dict: kept.map((e) => e.c), remap };
}

/**
 * The panel after an import that replaces firm-years: `stored` (the table's snapshot) with the
 * rows of `incoming` added, a firm-year of both taken from `incoming` (the latest import wins,
 * as `loadReplacing` does in the table). Both are canonical, so this is one merge pass.
 */
export function mergeSnapshots(
  stored: PanelSnapshot,
  incoming: PanelSnapshot,
): { rows: PanelRows; replaced: number } {
  const cap = stored.rows + incoming.rows;
  const out: PanelRows = {
    rows: 0,
    enterprise: new Float64Array(cap),
    year: new Int32Array(cap),
    fte: new Float64Array(cap),
    valueAdded: new Float64Array(cap),
    turnover: new Float64Array(cap),
    exports: new Float64Array(cap),
    nace: new Int32Array(cap),
    naceDict: [...stored.naceDict, ...incoming.naceDict],
    muni: new Int32Array(cap),
    muniDict: [...stored.muniDict, ...incoming.muniDict],
    treatment: new Int32Array(cap),
  };
  const naceShift = stored.naceDict.length;
  const muniShift = stored.muniDict.length;
  const keyA = stored.enterprise.map(Number);
  const keyB = incoming.enterprise.map(Number);
  let replaced = 0;
  let m = 0;
  const copy = (s: PanelSnapshot, i: number, key: number, naceAt: number, muniAt: number) => {
    out.enterprise[m] = key;
    out.year[m] = s.year[i]!;
    out.fte[m] = s.fte[i]!;
    out.valueAdded[m] = s.valueAdded[i]!;
    out.turnover[m] = s.turnover[i]!;
    out.exports[m] = s.exports[i]!;
    out.nace[m] = s.nace[i]! < 0 ? -1 : s.nace[i]! + naceAt;
    out.muni[m] = s.muni[i]! < 0 ? -1 : s.muni[i]! + muniAt;
    out.treatment[m] = s.rowTreatment[i]!;
    m++;
  };
  let a = 0;
  let b = 0;
  while (a < stored.rows || b < incoming.rows) {
    const ka = a < stored.rows ? keyA[stored.firm[a]!]! : Number.POSITIVE_INFINITY;
    const kb = b < incoming.rows ? keyB[incoming.firm[b]!]! : Number.POSITIVE_INFINITY;
    const cmp =
      ka !== kb ? ka - kb : a < stored.rows && b < incoming.rows ? stored.year[a]! - incoming.year[b]! : 0;
    if (cmp < 0) copy(stored, a++, ka, 0, 0);
    else if (cmp > 0) copy(incoming, b++, kb, naceShift, muniShift);
    else {
      replaced++;
      a++;
      copy(incoming, b++, kb, naceShift, muniShift);
    }
  }
  out.rows = m;
  // the concatenated dictionaries may repeat a code: point repeats at the first
  dedupe(out.nace, out.naceDict, m);
  dedupe(out.muni, out.muniDict, m);
  return { rows: out, replaced };
}

function dedupe(codes: Int32Array, dict: string[], n: number): void {
  const first = new Map<string, number>();
  const to = dict.map((c, k) => {
    const f = first.get(c);
    if (f !== undefined) return f;
    first.set(c, k);
    return k;
  });
  for (let i = 0; i < n; i++) if (codes[i]! >= 0) codes[i] = to[codes[i]!]!;
}

const TAB = 9;
const LF = 10;
const BACKSLASH = 92;
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const utf8 = new TextDecoder();

interface CodeIndex {
  short: Map<number, number>;
  long: Map<string, number>;
}

/**
 * Parse the COPY text of `SNAPSHOT_COLUMNS` (enterprise_number, year, fte, value_added,
 * turnover, exports, nace_code, municipality_nis, treatment_year) into columns. Every field is
 * ASCII. Codes are dictionary-coded by a numeric key of their bytes, so no string is made per row.
 */
export function parsePanelCopyRows(bytes: Uint8Array): PanelRows {
  let rows = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === LF) rows++;
  const out: PanelRows = {
    rows,
    enterprise: new Float64Array(rows),
    year: new Int32Array(rows),
    fte: new Float64Array(rows),
    valueAdded: new Float64Array(rows),
    turnover: new Float64Array(rows),
    exports: new Float64Array(rows),
    nace: new Int32Array(rows),
    naceDict: [],
    muni: new Int32Array(rows),
    muniDict: [],
    treatment: new Int32Array(rows),
  };
  const naceOf: CodeIndex = { short: new Map(), long: new Map() };
  const muniOf: CodeIndex = { short: new Map(), long: new Map() };
  const nums = [out.fte, out.valueAdded, out.turnover, out.exports];
  let p = 0;
  // a code field → dictionary index (-1 for \N); a short ASCII code is keyed by its bytes as a
  // number (7 bytes of 7 bits and the length: exact below 2^53), so no string is made per row
  const code = (dict: string[], index: CodeIndex): number => {
    if (bytes[p] === BACKSLASH) {
      p += 2;
      return -1;
    }
    const start = p;
    let key = 0;
    let ascii = true;
    for (let c = bytes[p]!; c !== TAB && c !== LF; c = bytes[++p]!) {
      key = key * 128 + c;
      if (c >= 128) ascii = false;
    }
    const len = p - start;
    if (ascii && len <= 7) {
      key = key * 8 + len;
      let k = index.short.get(key);
      if (k === undefined) {
        k = dict.length;
        dict.push(String.fromCharCode(...bytes.subarray(start, p)));
        index.short.set(key, k);
      }
      return k;
    }
    const text = utf8.decode(bytes.subarray(start, p));
    let k = index.long.get(text);
    if (k === undefined) {
      k = dict.length;
      dict.push(text);
      index.long.set(text, k);
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
  for (let r = 0; r < rows; r++) {
    let en = 0;
    while (bytes[p] !== TAB) en = en * 10 + (bytes[p++]! - 48);
    out.enterprise[r] = en;
    p++;
    let y = 0;
    while (bytes[p] !== TAB) y = y * 10 + (bytes[p++]! - 48);
    out.year[r] = y;
    for (let k = 0; k < 4; k++) {
      p++;
      nums[k]![r] = number();
    }
    p++;
    out.nace[r] = code(out.naceDict, naceOf);
    p++;
    out.muni[r] = code(out.muniDict, muniOf);
    p++;
    if (bytes[p] === BACKSLASH) p += 2;
    else {
      let t = 0;
      while (bytes[p] !== LF) t = t * 10 + (bytes[p++]! - 48);
      out.treatment[r] = t;
    }
    p++; // line end
  }
  return out;
}
