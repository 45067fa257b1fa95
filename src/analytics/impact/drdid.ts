import { fitLogitFused } from './drdid-logit.ts';
import { cholesky, choleskyInverse, choleskySolve } from './linalg.ts';
import type { LogitFit } from './logit.ts';

/**
 * The two-period panel DiD estimators of the ATT that `did::att_gt` calls for each (g, t) cell,
 * as the R package DRDID 1.0.3 computes them (Sant'Anna & Zhao 2020, "Doubly robust
 * difference-in-differences estimators", J. Econometrics 219(1), 101–122):
 *
 * - `drdidPanel` — the locally efficient doubly robust estimator, eq. (3.1) (`drdid_panel`);
 * - `stdIpwDidPanel` — the normalised (Hájek) IPW estimator (`std_ipw_did_panel`), Abadie (2005);
 * - `regDidPanel` — the outcome-regression estimator (`reg_did_panel`), Heckman, Ichimura & Todd (1997).
 *
 * Each returns the ATT and its influence function ψ (one value per unit, mean ≈ 0), from which
 * `did` builds every standard error: se = √(Σψ²)/n. The propensity score is a logit fitted by
 * IRLS as R's `glm` (`drdid-logit.ts`, same algorithm as `logit.ts`); its Hessian is `vcov(glm) · n`, i.e. the information at the
 * working weights of the last iteration, as DRDID 1.0.3 takes it. Sampling weights are used as
 * given (DRDID 1.0.3 does not normalise them; every estimator here is invariant to their scale).
 */

/** One two-period panel: n units, a design X (n × k, row-major, intercept column included). */
export interface TwoPeriodPanel {
  n: number;
  k: number;
  /** Covariates, n × k row-major; the first column is the intercept (ones). */
  X: Float64Array;
  /** Treatment-group indicator D (1 = treated group, 0 = comparison), length n. */
  D: Float64Array;
  /** Outcome change y_post − y_pre, length n. */
  dy: Float64Array;
  /** Sampling weights, length n (default 1). */
  weights?: Float64Array;
}

export interface TwoPeriodEstimate {
  att: number;
  /** Influence function, length n. */
  influence: Float64Array;
  /** √(Σ(ψ − ψ̄)²)/n, for reference (`did` uses ψ itself). */
  se: number;
}

export interface EstimatorOptions {
  /** A logit of D on X already fitted with the same weights (saves a fit). */
  pscore?: LogitFit;
  /** Where to write ψ (length ≥ n); a new array otherwise. */
  out?: Float64Array;
}

/** Weighted least squares of dy on X over the comparison units (D = 0): R's `lm(dy ~ -1 + X, subset = D == 0, weights)`. */
function controlRegression(p: TwoPeriodPanel): { beta: Float64Array; xpxInverse: Float64Array } {
  const { n, k, X, D, dy, weights } = p;
  const A = new Float64Array(k * k);
  const b = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    if (D[i] !== 0) continue;
    const wi = weights ? weights[i]! : 1;
    const o = i * k;
    for (let a = 0; a < k; a++) {
      const xa = X[o + a]! * wi;
      b[a]! += xa * dy[i]!;
      for (let c = a; c < k; c++) A[a * k + c]! += xa * X[o + c]!;
    }
  }
  for (let a = 0; a < k; a++) for (let c = 0; c < a; c++) A[a * k + c] = A[c * k + a]!;
  const L = cholesky(A, k);
  // XpX⁻¹ in DRDID is (Σ w x x' / n)⁻¹ = n · (X'WX)⁻¹
  const inv = choleskyInverse(L, k);
  for (let j = 0; j < inv.length; j++) inv[j]! *= n;
  return { beta: choleskySolve(L, k, b), xpxInverse: inv };
}

function fitPscore(p: TwoPeriodPanel, given?: LogitFit): { ps: Float64Array; hessian: Float64Array } {
  const fit = given ?? fitLogitFused(p.X, p.n, p.k, p.D, p.weights);
  const ps = new Float64Array(p.n);
  // DRDID 1.0.3: ps.fit <- pmin(ps.fit, 1 - 1e-16)
  for (let i = 0; i < p.n; i++) ps[i] = Math.min(fit.fitted[i]!, 1 - 1e-16);
  const hessian = Float64Array.from(fit.covariance, (v) => v * p.n);
  return { ps, hessian };
}

/** x_i · a for row i of X. */
function rowDot(X: Float64Array, k: number, i: number, a: Float64Array): number {
  let s = 0;
  const o = i * k;
  for (let j = 0; j < k; j++) s += X[o + j]! * a[j]!;
  return s;
}

/** M · v for a k × k row-major M. */
function matVec(M: Float64Array, k: number, v: Float64Array): Float64Array {
  const out = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    let s = 0;
    for (let c = 0; c < k; c++) s += M[a * k + c]! * v[c]!;
    out[a] = s;
  }
  return out;
}

function finish(att: number, influence: Float64Array, n: number): TwoPeriodEstimate {
  let mean = 0;
  for (let i = 0; i < n; i++) mean += influence[i]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (influence[i]! - mean) ** 2;
  return { att, influence, se: Math.sqrt(ss) / n };
}

/** Locally efficient doubly robust DiD (Sant'Anna & Zhao 2020, eq. 3.1; DRDID `drdid_panel`). */
export function drdidPanel(p: TwoPeriodPanel, options: EstimatorOptions = {}): TwoPeriodEstimate {
  const { n, k, X, D, dy, weights } = p;
  const { ps, hessian } = fitPscore(p, options.pscore);
  const { beta, xpxInverse } = controlRegression(p);
  const psi = options.out ?? new Float64Array(n);
  // residual e = dy − x'β, weights of the treated and (odds-reweighted) comparison units
  let sumWt = 0;
  let sumWc = 0;
  let sumWtE = 0;
  let sumWcE = 0;
  const M1 = new Float64Array(k);
  const M3 = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i]! : 1;
    const e = dy[i]! - rowDot(X, k, i, beta);
    psi[i] = e; // keep the residual until the second pass
    const wt = w * D[i]!;
    const wc = (w * ps[i]! * (1 - D[i]!)) / (1 - ps[i]!);
    sumWt += wt;
    sumWc += wc;
    sumWtE += wt * e;
    sumWcE += wc * e;
    const o = i * k;
    for (let j = 0; j < k; j++) {
      M1[j]! += wt * X[o + j]!;
      M3[j]! += wc * X[o + j]!;
    }
  }
  const etaTreat = sumWtE / sumWt;
  const etaCont = sumWcE / sumWc;
  const M2 = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i]! : 1;
    const wc = (w * ps[i]! * (1 - D[i]!)) / (1 - ps[i]!);
    const f = wc * (psi[i]! - etaCont);
    const o = i * k;
    for (let j = 0; j < k; j++) M2[j]! += f * X[o + j]!;
  }
  for (let j = 0; j < k; j++) {
    M1[j]! /= n;
    M2[j]! /= n;
    M3[j]! /= n;
  }
  const a1 = matVec(xpxInverse, k, M1);
  const a2 = matVec(hessian, k, M2);
  const a3 = matVec(xpxInverse, k, M3);
  const meanWt = sumWt / n;
  const meanWc = sumWc / n;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i]! : 1;
    const d = D[i]!;
    const e = psi[i]!;
    const wt = w * d;
    const wc = (w * ps[i]! * (1 - d)) / (1 - ps[i]!);
    const ols = w * (1 - d) * e; // asymptotic linear representation of β̂: ols · x'XpX⁻¹
    const score = w * (d - ps[i]!); // of the logit's γ̂: score · x'Hessian
    const infTreat = (wt * (e - etaTreat) - ols * rowDot(X, k, i, a1)) / meanWt;
    const infCont = (wc * (e - etaCont) + score * rowDot(X, k, i, a2) - ols * rowDot(X, k, i, a3)) / meanWc;
    psi[i] = infTreat - infCont;
  }
  return finish(etaTreat - etaCont, psi, n);
}

/** Normalised (Hájek) inverse-probability-weighted DiD (Abadie 2005; DRDID `std_ipw_did_panel`). */
export function stdIpwDidPanel(p: TwoPeriodPanel, options: EstimatorOptions = {}): TwoPeriodEstimate {
  const { n, k, X, D, dy, weights } = p;
  const { ps, hessian } = fitPscore(p, options.pscore);
  const psi = options.out ?? new Float64Array(n);
  let sumWt = 0;
  let sumWc = 0;
  let sumWtY = 0;
  let sumWcY = 0;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i]! : 1;
    const wt = w * D[i]!;
    const wc = (w * ps[i]! * (1 - D[i]!)) / (1 - ps[i]!);
    sumWt += wt;
    sumWc += wc;
    sumWtY += wt * dy[i]!;
    sumWcY += wc * dy[i]!;
  }
  const etaTreat = sumWtY / sumWt;
  const etaCont = sumWcY / sumWc;
  const M2 = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i]! : 1;
    const wc = (w * ps[i]! * (1 - D[i]!)) / (1 - ps[i]!);
    const f = wc * (dy[i]! - etaCont);
    const o = i * k;
    for (let j = 0; j < k; j++) M2[j]! += f * X[o + j]!;
  }
  for (let j = 0; j < k; j++) M2[j]! /= n;
  const a2 = matVec(hessian, k, M2);
  const meanWt = sumWt / n;
  const meanWc = sumWc / n;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i]! : 1;
    const d = D[i]!;
    const wt = w * d;
    const wc = (w * ps[i]! * (1 - d)) / (1 - ps[i]!);
    const infTreat = (wt * (dy[i]! - etaTreat)) / meanWt;
    const infCont = (wc * (dy[i]! - etaCont) + w * (d - ps[i]!) * rowDot(X, k, i, a2)) / meanWc;
    psi[i] = infTreat - infCont;
  }
  return finish(etaTreat - etaCont, psi, n);
}

/**
 * Outcome-regression DiD (Heckman, Ichimura & Todd 1997; DRDID `reg_did_panel`): the treated
 * units' mean change minus the comparison regression's prediction for them.
 */
export function regDidPanel(
  p: TwoPeriodPanel,
  options: Pick<EstimatorOptions, 'out'> = {},
): TwoPeriodEstimate {
  const { n, k, X, D, dy, weights } = p;
  const { beta, xpxInverse } = controlRegression(p);
  const psi = options.out ?? new Float64Array(n);
  // DRDID 1.0.3 weighs both components by the treated (w.cont <- i.weights * D)
  let sumWt = 0;
  let sumWtY = 0;
  let sumWtFit = 0;
  const M1 = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const wt = (weights ? weights[i]! : 1) * D[i]!;
    if (wt === 0) continue;
    const fit = rowDot(X, k, i, beta);
    sumWt += wt;
    sumWtY += wt * dy[i]!;
    sumWtFit += wt * fit;
    const o = i * k;
    for (let j = 0; j < k; j++) M1[j]! += wt * X[o + j]!;
  }
  for (let j = 0; j < k; j++) M1[j]! /= n;
  const etaTreat = sumWtY / sumWt;
  const etaCont = sumWtFit / sumWt;
  const a1 = matVec(xpxInverse, k, M1);
  const meanW = sumWt / n;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i]! : 1;
    const d = D[i]!;
    const wt = w * d;
    const fit = rowDot(X, k, i, beta);
    const ols = w * (1 - d) * (dy[i]! - fit);
    const infTreat = (wt * (dy[i]! - etaTreat)) / meanW;
    const infCont = (wt * (fit - etaCont) + ols * rowDot(X, k, i, a1)) / meanW;
    psi[i] = infTreat - infCont;
  }
  return finish(etaTreat - etaCont, psi, n);
}
