import type { CohortClass } from './attgt-preprocess.ts';

/**
 * Influence functions of the ATT(g,t) cells, kept sparse. A cell's sample is the treated group g
 * plus its comparison units, and in internal order (units sorted by cohort) that is a union of
 * whole cohort classes; ψ is zero elsewhere. So each cell stores the classes it covers and one
 * value per unit of those classes — never-treated units appear in every cell, a treated unit
 * only in its own cohort's cells (and, with "not yet treated" comparisons, in the cells it
 * serves as a comparison). `did` keeps the same numbers in a sparse n × cells matrix.
 *
 * Aggregated parameters (`aggte`) have influence functions that are linear combinations of the
 * cells' ψ plus terms for the estimated group shares, w_i·1{G_i = g} − p_g; an
 * `InfluenceExpression` holds those coefficients so that analytic standard errors and bootstrap
 * draws of any aggregate come from the same cell columns.
 */

export interface CellInfluence {
  /** Indices into the class list covered by the cell, ascending. */
  classes: Int32Array;
  /** Offset in `values` of each listed class's first unit. */
  offsets: Int32Array;
  /** ψ for the units of the listed classes, in internal order (already scaled by n/n₁). */
  values: Float64Array;
}

export interface InfluenceStore {
  /** Units n. */
  n: number;
  classes: CohortClass[];
  /** One entry per ATT(g,t) cell; null when the cell is NA (not estimable). */
  cells: (CellInfluence | null)[];
  /** Sampling weights in internal order. */
  weights: Float64Array;
  /** Class index of each estimated group (the indicator columns w_i·1{G_i = g}). */
  groupClass: Int32Array;
}

/** ψ of an aggregate: Σ_k cells[k]·ψ_k + Σ_g groups[g]·w·1{G = g} + constant. */
export interface InfluenceExpression {
  cells: Float64Array;
  groups: Float64Array;
  constant: number;
}

export function emptyExpression(cellCount: number, groupCount: number): InfluenceExpression {
  return { cells: new Float64Array(cellCount), groups: new Float64Array(groupCount), constant: 0 };
}

/** target += s · source, coefficient by coefficient. */
export function addExpression(target: InfluenceExpression, source: InfluenceExpression, s: number): void {
  for (let k = 0; k < target.cells.length; k++) target.cells[k]! += s * source.cells[k]!;
  for (let g = 0; g < target.groups.length; g++) target.groups[g]! += s * source.groups[g]!;
  target.constant += s * source.constant;
}

/** Allocate a cell covering the given classes (ascending), optionally on shared memory. */
export function allocateCell(classes: CohortClass[], covered: number[], shared: boolean): CellInfluence {
  const offsets = new Int32Array(covered.length);
  let size = 0;
  covered.forEach((c, j) => {
    offsets[j] = size;
    size += classes[c]!.end - classes[c]!.start;
  });
  const values = shared
    ? new Float64Array(new SharedArrayBuffer(size * Float64Array.BYTES_PER_ELEMENT))
    : new Float64Array(size);
  return { classes: Int32Array.from(covered), offsets, values };
}

/** Σ ψ² of one cell. */
export function sumOfSquares(cell: CellInfluence): number {
  let s = 0;
  const v = cell.values;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return s;
}

/** Σ ψ_a ψ_b over the units two cells share. */
export function crossProductOf(a: CellInfluence, b: CellInfluence, classes: CohortClass[]): number {
  let s = 0;
  let j = 0;
  for (let i = 0; i < a.classes.length; i++) {
    const c = a.classes[i]!;
    while (j < b.classes.length && b.classes[j]! < c) j++;
    if (j >= b.classes.length) break;
    if (b.classes[j] !== c) continue;
    const len = classes[c]!.end - classes[c]!.start;
    const oa = a.offsets[i]!;
    const ob = b.offsets[j]!;
    for (let u = 0; u < len; u++) s += a.values[oa + u]! * b.values[ob + u]!;
  }
  return s;
}

/** The dense ψ (length n, internal order) of an expression. */
export function evaluateExpression(store: InfluenceStore, expr: InfluenceExpression): Float64Array {
  const out = new Float64Array(store.n).fill(expr.constant);
  store.cells.forEach((cell, k) => {
    const coef = expr.cells[k]!;
    if (coef === 0 || !cell) return;
    cell.classes.forEach((c, j) => {
      const { start, end } = store.classes[c]!;
      const o = cell.offsets[j]! - start;
      for (let u = start; u < end; u++) out[u]! += coef * cell.values[o + u]!;
    });
  });
  expr.groups.forEach((coef, g) => {
    if (coef === 0) return;
    const { start, end } = store.classes[store.groupClass[g]!]!;
    for (let u = start; u < end; u++) out[u]! += coef * store.weights[u]!;
  });
  return out;
}

/** Analytic standard error of an expression: √(mean(ψ²)/n) as `did`'s `getSE`. */
export function expressionSe(store: InfluenceStore, expr: InfluenceExpression): number {
  const psi = evaluateExpression(store, expr);
  let s = 0;
  for (let i = 0; i < psi.length; i++) s += psi[i]! * psi[i]!;
  return Math.sqrt(s) / store.n;
}
