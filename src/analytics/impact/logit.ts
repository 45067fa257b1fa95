import { ValidationError } from '../../domain/errors.ts';
import { cholesky, choleskyInverse, choleskySolve, crossProduct, crossProductVector } from './linalg.ts';

/**
 * Logistic regression by iteratively reweighted least squares, step for step as R's
 * `glm.fit(family = binomial())` (R Core, `src/library/stats/R/glm.R`; McCullagh & Nelder 1989,
 * §2.5): start from μ₀ = (w·y + ½)/(w + 1), iterate the weighted least-squares fit of the working
 * response z = η + (y − μ)/μ′(η) with working weights w·μ′(η)²/(μ(1 − μ)), and stop when
 * |D − D_old| / (|D| + 0.1) < ε (ε = 1e-8) or after 25 iterations. The clamps of R's C logit link
 * (η beyond ±30: μ′ = DBL_EPSILON; μ kept inside [ε, 1 − ε]) are reproduced so that separated data
 * behave as in R.
 *
 * `information` is X'WX with the working weights of the last iteration — what R's QR holds, so
 * `covariance` = `vcov(glm(...))` exactly, and `information / n` is the Hessian that the
 * Callaway–Sant'Anna / DRDiD influence functions use (`vcov(ps.fit) * n` in `DRDiD`).
 */

export interface LogitOptions {
  /** Prior (case) weights, length n; observations with weight 0 are left out, as R does. */
  weights?: Float64Array;
  /** Relative deviance change below which IRLS stops (R's `glm.control(epsilon)`), 1e-8. */
  epsilon?: number;
  /** Maximum number of IRLS iterations (R's `glm.control(maxit)`), 25. */
  maxIterations?: number;
  /** Column names, for messages about a singular design. */
  names?: readonly string[];
}

export interface LogitFit {
  /** Coefficients, length k. */
  coefficients: Float64Array;
  /** Fitted probabilities μ, length n. */
  fitted: Float64Array;
  /** Linear predictor η = Xβ, length n. */
  linearPredictor: Float64Array;
  /** Fisher information X'WX (k × k, row-major) at the working weights of the last iteration. */
  information: Float64Array;
  /** Its inverse: the model-based covariance of the coefficients (R's `vcov`). */
  covariance: Float64Array;
  /** Standard errors √diag(covariance). */
  se: Float64Array;
  /** Residual deviance −2 log L (weighted). */
  deviance: number;
  iterations: number;
  converged: boolean;
  /** Some fitted probability is numerically 0 or 1 (R warns: separation). */
  boundary: boolean;
}

/** R's `.Machine$double.eps`. */
export const DBL_EPSILON = 2.220446049250313e-16;
/** R's `logit_linkinv` bounds η at ±(−log DBL_EPSILON) and `logit_mu_eta` at ±30. */
export const LINKINV_THRESH = -Math.log(DBL_EPSILON);
export const MU_ETA_THRESH = 30;

function linkinv(eta: number): number {
  const t = eta < -LINKINV_THRESH ? DBL_EPSILON : eta > LINKINV_THRESH ? 1 / DBL_EPSILON : Math.exp(eta);
  return t / (1 + t);
}

function muEta(eta: number): number {
  if (eta > MU_ETA_THRESH || eta < -MU_ETA_THRESH) return DBL_EPSILON;
  const e = Math.exp(eta);
  return e / ((1 + e) * (1 + e));
}

/** Binomial deviance residuals 2·w·(y log(y/μ) + (1 − y) log((1 − y)/(1 − μ))), y ∈ [0, 1]. */
function deviance(y: Float64Array, mu: Float64Array, w: Float64Array | undefined): number {
  let d = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = w ? w[i]! : 1;
    if (wi === 0) continue;
    const yi = y[i]!;
    const m = mu[i]!;
    const a = yi > 0 ? yi * Math.log(yi / m) : 0;
    const b = yi < 1 ? (1 - yi) * Math.log((1 - yi) / (1 - m)) : 0;
    d += 2 * wi * (a + b);
  }
  return d;
}

/**
 * Fit P(y = 1 | x) = 1 / (1 + exp(−x'β)) for an n × k row-major design X (include the intercept
 * column yourself) and outcomes y in [0, 1].
 */
export function logit(
  X: Float64Array,
  n: number,
  k: number,
  y: Float64Array,
  options: LogitOptions = {},
): LogitFit {
  const { weights: pw, epsilon = 1e-8, maxIterations = 25, names } = options;
  checkInput(X, n, k, y, pw);
  const mu = new Float64Array(n);
  const eta = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const wi = pw ? pw[i]! : 1;
    mu[i] = (wi * y[i]! + 0.5) / (wi + 1);
    eta[i] = Math.log(mu[i]! / (1 - mu[i]!));
  }
  let devOld = deviance(y, mu, pw);
  const z = new Float64Array(n);
  const w = new Float64Array(n);
  let beta: Float64Array = new Float64Array(k);
  let information: Float64Array = new Float64Array(k * k);
  let L: Float64Array = new Float64Array(k * k);
  let converged = false;
  let iter = 0;
  let dev = devOld;
  while (iter < maxIterations) {
    iter++;
    for (let i = 0; i < n; i++) {
      const me = muEta(eta[i]!);
      const m = mu[i]!;
      z[i] = eta[i]! + (y[i]! - m) / me;
      w[i] = ((pw ? pw[i]! : 1) * me * me) / (m * (1 - m));
    }
    information = crossProduct(X, n, k, w);
    L = cholesky(information, k, names);
    beta = choleskySolve(L, k, crossProductVector(X, n, k, z, w));
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += X[i * k + j]! * beta[j]!;
      eta[i] = s;
      mu[i] = linkinv(s);
    }
    dev = deviance(y, mu, pw);
    // glm.fit halves the step only for a non-finite deviance, which the clamped link prevents.
    if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < epsilon) {
      converged = true;
      break;
    }
    devOld = dev;
  }
  return finishLogitFit({ L, k, beta, mu, eta, information, dev, iter, converged }, pw);
}

/** The state an IRLS loop ends with; `L` is the Cholesky factor of `information`. */
export interface IrlsEnd {
  L: Float64Array;
  k: number;
  beta: Float64Array;
  mu: Float64Array;
  eta: Float64Array;
  information: Float64Array;
  dev: number;
  iter: number;
  converged: boolean;
}

/**
 * The tail shared by `logit` and `fitLogitFused` (`drdid-logit.ts`): covariance (X'WX)⁻¹ from the
 * last Cholesky factor, standard errors, and glm.fit's boundary check (some μ within
 * 10·DBL_EPSILON of 0 or 1). With `boundaryWeights`, rows of weight 0 are left out of that check.
 */
export function finishLogitFit(end: IrlsEnd, boundaryWeights?: Float64Array): LogitFit {
  const { L, k, mu } = end;
  let boundary = false;
  const eps = 10 * DBL_EPSILON;
  for (let i = 0; i < mu.length; i++) {
    if ((boundaryWeights ? boundaryWeights[i]! : 1) > 0 && (mu[i]! < eps || mu[i]! > 1 - eps))
      boundary = true;
  }
  const covariance = choleskyInverse(L, k);
  const se = new Float64Array(k);
  for (let j = 0; j < k; j++) se[j] = Math.sqrt(covariance[j * k + j]!);
  return {
    coefficients: end.beta,
    fitted: mu,
    linearPredictor: end.eta,
    information: end.information,
    covariance,
    se,
    deviance: end.dev,
    iterations: end.iter,
    converged: end.converged,
    boundary,
  };
}

function checkInput(X: Float64Array, n: number, k: number, y: Float64Array, w?: Float64Array): void {
  const problems: { path: string; message: string; row?: number }[] = [];
  if (X.length !== n * k) problems.push({ path: 'X', message: `expected ${n * k} values, got ${X.length}` });
  if (y.length !== n) problems.push({ path: 'y', message: `expected ${n} values, got ${y.length}` });
  if (w && w.length !== n)
    problems.push({ path: 'weights', message: `expected ${n} values, got ${w.length}` });
  for (let i = 0; i < y.length && problems.length < 5; i++) {
    const v = y[i]!;
    if (!(v >= 0 && v <= 1)) problems.push({ path: 'y', row: i, message: `y must be in [0, 1], got ${v}` });
    if (w && !(w[i]! >= 0))
      problems.push({ path: 'weights', row: i, message: `weight must be ≥ 0, got ${w[i]}` });
  }
  for (let i = 0; i < X.length && problems.length < 5; i++)
    if (!Number.isFinite(X[i]!))
      problems.push({ path: 'X', row: Math.floor(i / k), message: `column ${(i % k) + 1} is not finite` });
  if (problems.length > 0) throw new ValidationError('Invalid logistic regression input', problems);
}
