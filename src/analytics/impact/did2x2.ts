import { ValidationError } from '../../domain/errors.ts';
import { type OlsFit, ols, type VcovType } from './ols.ts';
import type { Estimate } from './types.ts';

/**
 * The 2×2 difference-in-differences, two ways.
 *
 * Regression form (Wooldridge, *Introductory Econometrics*, §13.2; Angrist & Pischke 2009, §5.2):
 * y = a + b·treated + c·post + d·treated·post [+ covariates] + e, ATT = d. Its variance is the
 * regression's (classic, HC1, or CR1 clustered by unit when the same units are seen twice).
 *
 * Difference of group means (Card & Krueger 1994, Table 3): the four cell means with SE s/√n; the
 * treated − control gap in each period with the unequal-variance SE √(se₁² + se₂²); the change of
 * each group's mean, whose SE accounts for the units seen in both periods, and the DiD
 * = change(treated) − change(control) with SE √(se_Δt² + se_Δc²), the two groups being independent
 * samples. With `balanced`, only units observed in both periods are kept and the change SE is the
 * plain s(Δᵢ)/√n of the unit changes.
 */

/** A 0/1 column, as numbers (NaN = missing). */
type Column = Float64Array;

export interface Did2x2Input {
  y: Column;
  /** 1 for the treated group. */
  treated: Column;
  /** 1 for the period after treatment. */
  post: Column;
  covariates?: { names: string[]; values: Column[] };
  weights?: Float64Array;
  /** Unit of each row (clusters the variance by unit). */
  unit?: Int32Array;
  /** Default `cluster` with `unit`, else `classic`. */
  vcov?: VcovType;
}

export interface Did2x2Result extends Estimate {
  pValue: number;
  /** Rows used (rows with a missing value in any used column are left out). */
  n: number;
  /** Rows left out for a missing value. */
  dropped: number;
  vcov: VcovType;
  clusters?: number;
  /** Every coefficient of the regression. */
  coefficients: { name: string; estimate: number; se: number; pValue: number }[];
  fit: OlsFit;
}

const isBinary = (v: number) => v === 0 || v === 1;

/** 2×2 DiD by regression; rows with a missing (NaN) value are left out, as R's `lm` does. */
export function did2x2(input: Did2x2Input): Did2x2Result {
  const { y, treated, post, covariates, weights, unit } = input;
  const n = y.length;
  const covs = covariates?.values ?? [];
  const names = ['(Intercept)', 'treated', 'post', 'treated:post', ...(covariates?.names ?? [])];
  const k = names.length;
  const keep: number[] = [];
  const problems: { path: string; message: string; row?: number }[] = [];
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(y[i]!) || Number.isNaN(treated[i]!) || Number.isNaN(post[i]!)) continue;
    if (covs.some((c) => Number.isNaN(c[i]!))) continue;
    if (weights && !(weights[i]! > 0)) continue;
    if (!isBinary(treated[i]!) && problems.length < 10)
      problems.push({ path: 'treated', row: i, message: `must be 0 or 1, got ${treated[i]}` });
    if (!isBinary(post[i]!) && problems.length < 10)
      problems.push({ path: 'post', row: i, message: `must be 0 or 1, got ${post[i]}` });
    keep.push(i);
  }
  if (problems.length > 0)
    throw new ValidationError('The treatment and period indicators must be 0 or 1', problems);
  const m = keep.length;
  const X = new Float64Array(m * k);
  const yy = new Float64Array(m);
  const ww = weights ? new Float64Array(m) : undefined;
  const cl = unit ? new Int32Array(m) : undefined;
  const cells = [0, 0, 0, 0];
  keep.forEach((i, r) => {
    const t = treated[i]!;
    const p = post[i]!;
    X.set([1, t, p, t * p], r * k);
    for (let j = 0; j < covs.length; j++) X[r * k + 4 + j] = covs[j]![i]!;
    yy[r] = y[i]!;
    if (ww) ww[r] = weights![i]!;
    if (cl) cl[r] = unit![i]!;
    cells[t * 2 + p]!++;
  });
  const empty = ['control, before', 'control, after', 'treated, before', 'treated, after'].filter(
    (_, c) => cells[c] === 0,
  );
  if (empty.length > 0)
    throw new ValidationError(`A 2×2 cell has no observation: ${empty.join('; ')}`, [
      { path: 'treated/post', message: `no observation in: ${empty.join('; ')}` },
    ]);
  const vcov = input.vcov ?? (unit ? 'cluster' : 'classic');
  const fit = ols(X, m, k, yy, { names, weights: ww, vcov, cluster: vcov === 'cluster' ? cl : undefined });
  return {
    att: fit.coefficients[3]!,
    se: fit.se[3]!,
    pValue: fit.pValues[3]!,
    n: m,
    dropped: n - m,
    vcov,
    clusters: fit.clusters,
    coefficients: names.map((name, j) => ({
      name,
      estimate: fit.coefficients[j]!,
      se: fit.se[j]!,
      pValue: fit.pValues[j]!,
    })),
    fit,
  };
}

export interface CellMean {
  mean: number;
  se: number;
  n: number;
}

export interface MeansTable {
  treated: { before: CellMean; after: CellMean; change: Estimate };
  control: { before: CellMean; after: CellMean; change: Estimate };
  /** Treated − control in each period (unequal-variance SE). */
  gap: { before: Estimate; after: Estimate };
  /** change(treated) − change(control). */
  did: Estimate;
  /** Only units observed in both periods were used. */
  balanced: boolean;
}

/**
 * Card & Krueger's Table 3 layout: cell means, gaps, changes and the DiD of means. `unit` pairs
 * the two observations of a unit (needed for `balanced` and for the covariance of the change).
 */
export function didMeans(input: {
  y: Column;
  treated: Column;
  post: Column;
  unit?: Int32Array;
  balanced?: boolean;
}): MeansTable {
  const { y, treated, post, unit, balanced = false } = input;
  if (balanced && !unit)
    throw new ValidationError('A balanced comparison needs unit ids', [
      { path: 'unit', message: 'required' },
    ]);
  const group = (t: 0 | 1) => {
    const before = new Map<number, number>();
    const after = new Map<number, number>();
    const b: number[] = [];
    const a: number[] = [];
    for (let i = 0; i < y.length; i++) {
      if (treated[i] !== t || Number.isNaN(y[i]!) || Number.isNaN(post[i]!)) continue;
      const target = post[i] === 1 ? a : b;
      target.push(y[i]!);
      if (unit) (post[i] === 1 ? after : before).set(unit[i]!, y[i]!);
    }
    const pairs: [number, number][] = [];
    for (const [u, v] of before) {
      const w = after.get(u);
      if (w !== undefined) pairs.push([v, w]);
    }
    if (balanced) {
      b.length = 0;
      a.length = 0;
      for (const [v, w] of pairs) {
        b.push(v);
        a.push(w);
      }
    }
    const cb = cell(b);
    const ca = cell(a);
    // Var(ā − b̄) = s_a²/n_a + s_b²/n_b − 2·cov(a, b)·n_ab/(n_a n_b), cov over the n_ab paired units
    let variance = ca.se ** 2 + cb.se ** 2;
    if (pairs.length > 1) variance -= (2 * covariance(pairs) * pairs.length) / (ca.n * cb.n);
    return { before: cb, after: ca, change: { att: ca.mean - cb.mean, se: Math.sqrt(variance) } };
  };
  const tr = group(1);
  const co = group(0);
  const gap = (p: 'before' | 'after'): Estimate => ({
    att: tr[p].mean - co[p].mean,
    se: Math.hypot(tr[p].se, co[p].se),
  });
  return {
    treated: tr,
    control: co,
    gap: { before: gap('before'), after: gap('after') },
    did: { att: tr.change.att - co.change.att, se: Math.hypot(tr.change.se, co.change.se) },
    balanced,
  };
}

function cell(v: number[]): CellMean {
  const n = v.length;
  if (n < 2)
    throw new ValidationError('A 2×2 cell has fewer than 2 observations', [
      { path: 'y', message: `${n} observation(s)` },
    ]);
  const mean = v.reduce((s, x) => s + x, 0) / n;
  const ss = v.reduce((s, x) => s + (x - mean) ** 2, 0);
  return { mean, se: Math.sqrt(ss / (n - 1) / n), n };
}

function covariance(pairs: [number, number][]): number {
  const n = pairs.length;
  let ma = 0;
  let mb = 0;
  for (const [a, b] of pairs) {
    ma += a;
    mb += b;
  }
  ma /= n;
  mb /= n;
  let s = 0;
  for (const [a, b] of pairs) s += (a - ma) * (b - mb);
  return s / (n - 1);
}
