/**
 * Firm-year rows held as growable typed columns: what a panel file is read into, what the COPY
 * into `firm_years` is written from, and what the columnar snapshot is built from — so 2 million
 * rows never exist as row objects (../shared/STACK.md: 2 M rows pulled as objects cost ~12 s,
 * a loop over typed columns ~20 ms).
 *
 * Enterprise numbers are kept as numbers (ten digits, exact in a double; the canonical string is
 * the number left-padded with zeros to ten digits). NACE codes and municipalities are
 * dictionary-coded (-1 = empty); missing numbers are NaN; a treatment year of 0 means none.
 */

/** Columns of `rows` firm-years; arrays may be longer than `rows` (capacity). */
export interface PanelRows {
  rows: number;
  enterprise: Float64Array;
  year: Int32Array;
  fte: Float64Array;
  valueAdded: Float64Array;
  turnover: Float64Array;
  exports: Float64Array;
  nace: Int32Array;
  naceDict: string[];
  muni: Int32Array;
  muniDict: string[];
  treatment: Int32Array;
}

/** The canonical ten-digit string of an enterprise number held as a number. */
export function enterpriseString(key: number): string {
  return String(key).padStart(10, '0');
}

/** A PanelRows that grows as rows are appended (doubling), with the dictionaries' indexes. */
export class PanelRowsBuilder implements PanelRows {
  rows = 0;
  enterprise: Float64Array;
  year: Int32Array;
  fte: Float64Array;
  valueAdded: Float64Array;
  turnover: Float64Array;
  exports: Float64Array;
  nace: Int32Array;
  naceDict: string[] = [];
  muni: Int32Array;
  muniDict: string[] = [];
  treatment: Int32Array;
  /** spreadsheet row of each row (for error reports); filled by readers that know it */
  line: Int32Array;
  readonly #naceIndex = new Map<string, number>();
  readonly #muniIndex = new Map<string, number>();

  constructor(capacity = 1024) {
    const n = Math.max(16, capacity);
    this.enterprise = new Float64Array(n);
    this.year = new Int32Array(n);
    this.fte = new Float64Array(n);
    this.valueAdded = new Float64Array(n);
    this.turnover = new Float64Array(n);
    this.exports = new Float64Array(n);
    this.nace = new Int32Array(n);
    this.muni = new Int32Array(n);
    this.treatment = new Int32Array(n);
    this.line = new Int32Array(n);
  }

  /** Dictionary index of a NACE code (null → -1). */
  naceCode(code: string | null): number {
    return code === null ? -1 : code2index(code, this.naceDict, this.#naceIndex);
  }

  /** Dictionary index of a municipality NIS code (null → -1). */
  muniCode(nis: string | null): number {
    return nis === null ? -1 : code2index(nis, this.muniDict, this.#muniIndex);
  }

  /** Append one row; returns its index. Codes are dictionary indices (see naceCode, muniCode). */
  push(
    enterprise: number,
    year: number,
    fte: number,
    valueAdded: number,
    turnover: number,
    exports: number,
    nace: number,
    muni: number,
    treatment: number,
    line: number,
  ): number {
    const i = this.rows;
    if (i === this.year.length) this.#grow();
    this.enterprise[i] = enterprise;
    this.year[i] = year;
    this.fte[i] = fte;
    this.valueAdded[i] = valueAdded;
    this.turnover[i] = turnover;
    this.exports[i] = exports;
    this.nace[i] = nace;
    this.muni[i] = muni;
    this.treatment[i] = treatment;
    this.line[i] = line;
    this.rows = i + 1;
    return i;
  }

  #grow(): void {
    const n = this.year.length * 2;
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.enterprise = f64(this.enterprise);
    this.year = i32(this.year);
    this.fte = f64(this.fte);
    this.valueAdded = f64(this.valueAdded);
    this.turnover = f64(this.turnover);
    this.exports = f64(this.exports);
    this.nace = i32(this.nace);
    this.muni = i32(this.muni);
    this.treatment = i32(this.treatment);
    this.line = i32(this.line);
  }
}

function code2index(code: string, dict: string[], index: Map<string, number>): number {
  let k = index.get(code);
  if (k === undefined) {
    k = dict.length;
    dict.push(code);
    index.set(code, k);
  }
  return k;
}
