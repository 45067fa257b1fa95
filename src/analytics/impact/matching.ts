import { ValidationError } from '../../domain/errors.ts';
import { type Did2x2Result, did2x2 } from './did2x2.ts';
import { cholesky } from './linalg.ts';
import { logit } from './logit.ts';

/**
 * Matching member firms to comparable non-members on pre-treatment covariates, then a DiD on the
 * matched sample (Heckman, Ichimura & Todd 1997: matching removes selection on observables, the
 * DiD removes time-invariant unobservables).
 *
 * - Nearest neighbours by Mahalanobis distance (Rubin 1980), k per treated unit, with replacement,
 *   exact on strata (e.g. sector × province). The metric is the pooled within-group covariance,
 *   so a shift of the treated group's means does not stretch it.
 * - Nearest neighbours on the propensity score (Rosenbaum & Rubin 1983; logit as R's `glm`), with
 *   a caliper in standard deviations of the score (Austin 2011 suggests 0.2), exact on strata too.
 *   A treated unit without a control within the caliper is left out (reported).
 * - Weights for the ATT: matched treated units weigh 1, each control Σ 1/kᵢ over the treated units
 *   it serves (Stuart 2010, §4; MatchIt's with-replacement weights up to scale).
 * - Balance (Austin 2009; Stuart 2010): standardised mean differences, (x̄_t − x̄_c)/s, with s the
 *   pooled √((s_t² + s_c²)/2) of the unmatched sample before and after (one denominator, so the
 *   change shows only the means moving), and variance ratios s_t²/s_c²; weighted moments after.
 * - `matchedDid`: the 2×2 regression on the matched units' before/after outcomes with these weights,
 *   CR1 clustered by unit. Its SE takes the matched sample as given (it ignores the estimation of
 *   the score and the reuse of controls), as analyses on MatchIt output usually do.
 */

export interface MatchInput {
  /** Pre-treatment covariates, one value per unit each. */
  covariates: { names: string[]; values: Float64Array[] };
  /** 1 = treated (member), 0 = candidate control, per unit. */
  treated: Float64Array;
  /** Exact-matching stratum per unit (see `strataKey`); default one stratum. */
  strata?: Int32Array;
}

export interface MatchOptions {
  method: 'mahalanobis' | 'propensity';
  /** Neighbours per treated unit (default 1). */
  k?: number;
  /** Propensity method: maximum |Δ score| in standard deviations of the score (default none). */
  caliper?: number;
}

export interface BalanceRow {
  name: string;
  meanTreated: number;
  meanControlBefore: number;
  meanControlAfter: number;
  smdBefore: number;
  smdAfter: number;
  varianceRatioBefore: number;
  varianceRatioAfter: number;
}

export interface MatchResult {
  /** ATT weight per unit (0 = not in the matched sample). */
  weights: Float64Array;
  /** For each matched treated unit, its controls (unit indices, nearest first). */
  matches: { treated: number; controls: number[] }[];
  /** Treated units left without a control (empty stratum or caliper), by unit index. */
  unmatched: number[];
  /** Distinct controls used. */
  controlsUsed: number;
  /** Fitted propensity scores (propensity method). */
  propensity?: Float64Array;
  balance: BalanceRow[];
}

/** One exact-matching key per unit from several categorical columns (e.g. sector, province). */
export function strataKey(columns: ArrayLike<number>[]): Int32Array {
  const n = columns[0]?.length ?? 0;
  const keys = new Map<string, number>();
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const key = columns.map((c) => c[i]).join('\u0000');
    let v = keys.get(key);
    if (v === undefined) {
      v = keys.size;
      keys.set(key, v);
    }
    out[i] = v;
  }
  return out;
}

/** Match every treated unit to its k nearest controls; see the module notes for the rules. */
export function matchUnits(input: MatchInput, options: MatchOptions): MatchResult {
  const { covariates, treated } = input;
  const n = treated.length;
  const p = covariates.names.length;
  const k = options.k ?? 1;
  check(input, k);
  const strata = input.strata ?? new Int32Array(n);
  // points in a space where the distance is Euclidean
  let dim: number;
  let point: Float64Array;
  let propensity: Float64Array | undefined;
  let radius = Number.POSITIVE_INFINITY;
  if (options.method === 'mahalanobis') {
    dim = p;
    point = whiten(covariates.values, treated, covariates.names);
  } else {
    const X = new Float64Array(n * (p + 1));
    for (let i = 0; i < n; i++) {
      X[i * (p + 1)] = 1;
      for (let j = 0; j < p; j++) X[i * (p + 1) + j + 1] = covariates.values[j]![i]!;
    }
    propensity = logit(X, n, p + 1, treated, { names: ['(Intercept)', ...covariates.names] }).fitted;
    dim = 1;
    point = propensity;
    if (options.caliper !== undefined) radius = options.caliper * sd(propensity);
  }
  // controls grouped by stratum
  const byStratum = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    if (treated[i] !== 0) continue;
    const list = byStratum.get(strata[i]!) ?? [];
    list.push(i);
    byStratum.set(strata[i]!, list);
  }
  const weights = new Float64Array(n);
  const matches: MatchResult['matches'] = [];
  const unmatched: number[] = [];
  const best: { d: number; j: number }[] = [];
  for (let i = 0; i < n; i++) {
    if (treated[i] !== 1) continue;
    best.length = 0;
    for (const j of byStratum.get(strata[i]!) ?? []) {
      let d = 0;
      for (let a = 0; a < dim; a++) d += (point[i * dim + a]! - point[j * dim + a]!) ** 2;
      if (Math.sqrt(d) > radius) continue;
      // keep the k nearest, ties to the lower index (stable insertion)
      if (best.length === k && d >= best[k - 1]!.d) continue;
      let at = best.length === k ? k - 1 : best.length;
      if (best.length < k) best.push({ d, j });
      while (at > 0 && best[at - 1]!.d > d) {
        best[at] = best[at - 1]!;
        at--;
      }
      best[at] = { d, j };
    }
    if (best.length === 0) {
      unmatched.push(i);
      continue;
    }
    weights[i] = 1;
    for (const b of best) weights[b.j]! += 1 / best.length;
    matches.push({ treated: i, controls: best.map((b) => b.j) });
  }
  let controlsUsed = 0;
  for (let i = 0; i < n; i++) if (treated[i] === 0 && weights[i]! > 0) controlsUsed++;
  return {
    weights,
    matches,
    unmatched,
    controlsUsed,
    propensity,
    balance: balanceTable(covariates, treated, weights),
  };
}

/** Standardised mean differences and variance ratios before and after weighting. */
export function balanceTable(
  covariates: { names: string[]; values: Float64Array[] },
  treated: Float64Array,
  weights: Float64Array,
): BalanceRow[] {
  const ones = new Float64Array(treated.length).fill(1);
  return covariates.names.map((name, j) => {
    const x = covariates.values[j]!;
    const t0 = moments(x, treated, 1, ones);
    const c0 = moments(x, treated, 0, ones);
    const t1 = moments(x, treated, 1, weights);
    const c1 = moments(x, treated, 0, weights);
    const s = Math.sqrt((t0.variance + c0.variance) / 2);
    return {
      name,
      meanTreated: t1.mean,
      meanControlBefore: c0.mean,
      meanControlAfter: c1.mean,
      smdBefore: (t0.mean - c0.mean) / s,
      smdAfter: (t1.mean - c1.mean) / s,
      varianceRatioBefore: t0.variance / c0.variance,
      varianceRatioAfter: t1.variance / c1.variance,
    };
  });
}

/** Weighted mean and variance (reliability weights: Σw(x − m)² / (Σw − Σw²/Σw)) of one group. */
function moments(x: Float64Array, treated: Float64Array, group: number, w: Float64Array) {
  let sw = 0;
  let sw2 = 0;
  let sx = 0;
  for (let i = 0; i < x.length; i++) {
    if (treated[i] !== group || !(w[i]! > 0)) continue;
    sw += w[i]!;
    sw2 += w[i]! ** 2;
    sx += w[i]! * x[i]!;
  }
  const mean = sx / sw;
  let ss = 0;
  for (let i = 0; i < x.length; i++) if (treated[i] === group && w[i]! > 0) ss += w[i]! * (x[i]! - mean) ** 2;
  return { mean, variance: ss / (sw - sw2 / sw) };
}

/**
 * DiD on the matched sample: units with outcomes before and after, weights from `matchUnits`.
 * ATT = mean change of the treated − weighted mean change of their matched controls.
 */
export function matchedDid(input: {
  before: Float64Array;
  after: Float64Array;
  treated: Float64Array;
  weights: Float64Array;
}): Did2x2Result {
  const { before, after, treated, weights } = input;
  const units: number[] = [];
  for (let i = 0; i < weights.length; i++) if (weights[i]! > 0) units.push(i);
  const m = units.length;
  const y = new Float64Array(2 * m);
  const tr = new Float64Array(2 * m);
  const post = new Float64Array(2 * m);
  const w = new Float64Array(2 * m);
  const unit = new Int32Array(2 * m);
  units.forEach((i, r) => {
    y.set([before[i]!, after[i]!], 2 * r);
    tr.set([treated[i]!, treated[i]!], 2 * r);
    post.set([0, 1], 2 * r);
    w.set([weights[i]!, weights[i]!], 2 * r);
    unit.set([i, i], 2 * r);
  });
  return did2x2({ y, treated: tr, post, weights: w, unit, vcov: 'cluster' });
}

/** Covariates mapped to z = L⁻¹x, L L' the pooled within-group covariance: ‖zᵢ − zⱼ‖ is Mahalanobis. */
function whiten(values: Float64Array[], treated: Float64Array, names: string[]): Float64Array {
  const p = values.length;
  const n = treated.length;
  const means = [0, 1].map((g) => values.map((v) => mean(v, (i) => treated[i] === g)));
  const S = new Float64Array(p * p);
  for (let i = 0; i < n; i++) {
    const m = means[treated[i]!]!;
    for (let a = 0; a < p; a++)
      for (let b = 0; b < p; b++) S[a * p + b]! += (values[a]![i]! - m[a]!) * (values[b]![i]! - m[b]!);
  }
  for (let a = 0; a < p * p; a++) S[a]! /= n - 2;
  const L = cholesky(S, p, names);
  const z = new Float64Array(n * p);
  for (let i = 0; i < n; i++)
    for (let a = 0; a < p; a++) {
      let s = values[a]![i]!;
      for (let b = 0; b < a; b++) s -= L[a * p + b]! * z[i * p + b]!;
      z[i * p + a] = s / L[a * p + a]!;
    }
  return z;
}

function mean(v: Float64Array, keep: (i: number) => boolean): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < v.length; i++)
    if (keep(i)) {
      s += v[i]!;
      c++;
    }
  return s / c;
}

function sd(v: Float64Array): number {
  const m = mean(v, () => true);
  let ss = 0;
  for (const x of v) ss += (x - m) ** 2;
  return Math.sqrt(ss / (v.length - 1));
}

function check(input: MatchInput, k: number): void {
  const n = input.treated.length;
  const problems: { path: string; message: string; row?: number }[] = [];
  if (!Number.isInteger(k) || k < 1)
    problems.push({ path: 'k', message: `must be a whole number ≥ 1, got ${k}` });
  if (input.covariates.names.length === 0)
    problems.push({ path: 'covariates', message: 'at least one is needed' });
  input.covariates.values.forEach((v, j) => {
    const name = input.covariates.names[j] ?? `x${j + 1}`;
    if (v.length !== n) problems.push({ path: name, message: `expected ${n} values, got ${v.length}` });
    const bad = v.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0)
      problems.push({
        path: name,
        row: bad,
        message: 'missing or not finite: matching needs complete covariates',
      });
  });
  if (input.strata && input.strata.length !== n)
    problems.push({ path: 'strata', message: `expected ${n} values` });
  const bad = input.treated.findIndex((t) => t !== 0 && t !== 1);
  if (bad >= 0)
    problems.push({ path: 'treated', row: bad, message: `must be 0 or 1, got ${input.treated[bad]}` });
  if (problems.length > 0) throw new ValidationError('Invalid matching input', problems);
}
