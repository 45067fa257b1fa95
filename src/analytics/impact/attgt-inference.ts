import { crossProductOf, type InfluenceExpression, type InfluenceStore } from './attgt-influence.ts';
import { chiSquareSurvival, qnorm, quantileType1, SE_FLOOR } from './attgt-stats.ts';
import { cholesky, choleskySolve } from './linalg.ts';

/**
 * Inference of `did` from influence functions: the pre-test of parallel trends (`att_gt.R`) and
 * the summaries of multiplier-bootstrap draws (`mboot.R`): IQR-based standard errors and the
 * sup-t critical value of a simultaneous band.
 */

/** Draws of one expression from the bootstrap matrix (B × columns; columns = cells, groups, constant). */
export function expressionDraws(
  draws: Float64Array,
  columns: number,
  B: number,
  expr: InfluenceExpression,
): Float64Array {
  const K = expr.cells.length;
  const terms: [number, number][] = [];
  expr.cells.forEach((c, k) => {
    if (c !== 0) terms.push([k, c]);
  });
  expr.groups.forEach((c, g) => {
    if (c !== 0) terms.push([K + g, c]);
  });
  if (expr.constant !== 0) terms.push([columns - 1, expr.constant]);
  const out = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    let s = 0;
    const o = b * columns;
    for (const [col, c] of terms) s += c * draws[o + col]!;
    out[b] = s;
  }
  return out;
}

/** One column of cell draws. */
export function columnDraws(draws: Float64Array, columns: number, B: number, col: number): Float64Array {
  const out = new Float64Array(B);
  for (let b = 0; b < B; b++) out[b] = draws[b * columns + col]!;
  return out;
}

const IQR_TO_SD = qnorm(0.75) - qnorm(0.25);

export interface BootstrapSummary {
  /** Bootstrap SE per column (NaN for a degenerate column). */
  se: number[];
  /** Sup-t critical value over the columns. */
  critical: number;
}

/**
 * `mboot`: columns with Σb² ≤ √ε·10 (or NaN) are degenerate; σ_b = IQR/(Φ⁻¹(.75) − Φ⁻¹(.25)) with
 * type-1 quantiles; se = σ_b/√n; critical value = the (1 − α) type-1 quantile of max_c |b_c/σ_c|
 * over draws whose maximum is finite. `floorSigma` also drops columns with σ_b ≤ √ε·10 from the
 * maximum, as `att_gt` does for the ATT(g,t) band.
 */
export function summarizeDraws(
  cols: Float64Array[],
  n: number,
  alpha: number,
  floorSigma = false,
): BootstrapSummary {
  const B = cols[0]?.length ?? 0;
  const sigma = cols.map((c) => {
    let ss = 0;
    for (let b = 0; b < B; b++) ss += c[b]! * c[b]!;
    if (!(ss > SE_FLOOR)) return Number.NaN;
    const sorted = Float64Array.from(c).sort();
    return (quantileType1(sorted, 0.75) - quantileType1(sorted, 0.25)) / IQR_TO_SD;
  });
  const se = sigma.map((s) => s / Math.sqrt(n));
  const maxima: number[] = [];
  for (let b = 0; b < B; b++) {
    let m = Number.NaN;
    cols.forEach((c, j) => {
      const s = sigma[j]!;
      if (Number.isNaN(s) || (floorSigma && s <= SE_FLOOR)) return;
      const t = Math.abs(c[b]! / s);
      if (!Number.isNaN(t) && !(t <= m)) m = t;
    });
    if (Number.isFinite(m)) maxima.push(m);
  }
  maxima.sort((a, b) => a - b);
  return { se, critical: quantileType1(maxima, 1 - alpha) };
}

/** `compute.aggte`'s checks on a band's critical value: unusable or below the pointwise one → pointwise. */
export function checkedCritical(crit: number, alpha: number, warnings: string[], what: string): number {
  const pointwise = qnorm(1 - alpha / 2);
  if (!Number.isFinite(crit)) {
    warnings.push(`${what}: the simultaneous critical value is NA; pointwise intervals reported.`);
    return pointwise;
  }
  if (crit < pointwise) {
    warnings.push(
      `${what}: the simultaneous band is narrower than the pointwise one; pointwise intervals reported.`,
    );
    return pointwise;
  }
  if (crit >= 7)
    warnings.push(
      `${what}: the simultaneous critical value (${crit.toFixed(2)}) is arguably too large to be reliable.`,
    );
  return crit;
}

/**
 * The Wald pre-test of `att_gt` (Callaway & Sant'Anna 2021, §4): the pre-treatment cells
 * (g > t) with a standard error, W = n·θ̂'V̂⁻¹θ̂ with V̂ = Ψ'Ψ/n over those cells, χ² with as many
 * degrees of freedom. Null with a reason when there is nothing to test or V̂ is singular.
 */
export function waldPretest(
  cells: { group: number; time: number; att: number }[],
  se: number[],
  store: InfluenceStore,
): { W: number; df: number; pValue: number } | { reason: string } {
  const pre: number[] = [];
  cells.forEach((c, k) => {
    if (c.group > c.time && !Number.isNaN(se[k]!)) pre.push(k);
  });
  const q = pre.length;
  if (q === 0) return { reason: 'No pre-treatment periods to test' };
  const V = new Float64Array(q * q);
  for (let a = 0; a < q; a++)
    for (let b = a; b < q; b++) {
      const v = crossProductOf(store.cells[pre[a]!]!, store.cells[pre[b]!]!, store.classes) / store.n;
      V[a * q + b] = v;
      V[b * q + a] = v;
    }
  const theta = Float64Array.from(pre, (k) => cells[k]!.att);
  let x: Float64Array;
  try {
    x = choleskySolve(cholesky(V, q), q, theta);
  } catch {
    return { reason: 'Not returning the pre-test Wald statistic: singular covariance matrix' };
  }
  let W = 0;
  for (let j = 0; j < q; j++) W += theta[j]! * x[j]!;
  W *= store.n;
  return { W, df: q, pValue: chiSquareSurvival(W, q) };
}
