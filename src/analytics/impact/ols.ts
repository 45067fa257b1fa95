import { ValidationError } from '../../domain/errors.ts';
import {
  addOuter,
  cholesky,
  choleskyInverse,
  choleskySolve,
  crossProduct,
  crossProductVector,
  sandwich,
} from './linalg.ts';
import { studentTwoSidedP } from './t-distribution.ts';

/**
 * Ordinary (or weighted) least squares with three variance estimators:
 *
 * - `classic`: σ̂² (X'WX)⁻¹, σ̂² = Σ wᵢ eᵢ² / (N − K) (R `lm`, Stata `regress`).
 * - `hc1`: N/(N − K) · B (Σ wᵢ² eᵢ² xᵢxᵢ') B with B = (X'WX)⁻¹ (White 1980; MacKinnon & White
 *   1985; Stata `, robust`, `sandwich::vcovHC(type = "HC1")`).
 * - `cluster` (CR1): G/(G − 1) · (N − 1)/(N − K) · B (Σ_g u_g u_g') B, u_g = Σ_{i∈g} wᵢ eᵢ xᵢ
 *   (Liang & Zeger 1986; Stata `vce(cluster)`, `sandwich::vcovCL(type = "HC1")`; Cameron & Miller
 *   2015, §VI.A). Inference uses t(G − 1), as Stata and fixest do; the others t(N − K).
 *
 * N counts observations with a positive weight. `absorbedDof` adds parameters swept out before the
 * fit (fixed effects by a within transformation) to K for the residual degrees of freedom;
 * `clusterK` overrides the K of the CR1 factor (fixest's `fixef.K = "nested"`, see `twfe.ts`).
 */

export type VcovType = 'classic' | 'hc1' | 'cluster';

export interface OlsOptions {
  /** Column names (messages, output); default x1, x2, … */
  names?: readonly string[];
  /** Analytic weights, length n; rows with weight 0 are left out. */
  weights?: Float64Array;
  /** Variance estimator, default `classic` (or `cluster` when `cluster` is given). */
  vcov?: VcovType;
  /** Cluster of each observation (any integers), length n; needed by `cluster`. */
  cluster?: Int32Array;
  /** Parameters absorbed before the fit (fixed effects), counted in N − K. Default 0. */
  absorbedDof?: number;
  /** K in the CR1 factor (N − 1)/(N − K); default k + absorbedDof. */
  clusterK?: number;
}

export interface OlsFit {
  names: string[];
  coefficients: Float64Array;
  se: Float64Array;
  /** Variance of the coefficients, k × k row-major. */
  covariance: Float64Array;
  tValues: Float64Array;
  pValues: Float64Array;
  residuals: Float64Array;
  /** Observations used (positive weight). */
  n: number;
  k: number;
  /** N − K, K = k + absorbedDof. */
  dfResidual: number;
  /** Degrees of freedom of the t tests: N − K, or G − 1 when clustered. */
  dfInference: number;
  /** Weighted residual sum of squares. */
  rss: number;
  /** √(rss / dfResidual). */
  sigma: number;
  vcov: VcovType;
  /** Number of clusters G (cluster variance only). */
  clusters?: number;
  /** (X'WX)⁻¹, for callers that build their own sandwich. */
  bread: Float64Array;
}

/** Fit y = Xβ + e by (weighted) least squares; X is n × k row-major (add the intercept yourself). */
export function ols(
  X: Float64Array,
  n: number,
  k: number,
  y: Float64Array,
  options: OlsOptions = {},
): OlsFit {
  const { weights: w, cluster, absorbedDof = 0 } = options;
  const vcov: VcovType = options.vcov ?? (cluster ? 'cluster' : 'classic');
  const names = Array.from({ length: k }, (_, j) => options.names?.[j] ?? `x${j + 1}`);
  check(X, n, k, y, w, cluster, vcov);
  const L = cholesky(crossProduct(X, n, k, w), k, names);
  const beta = choleskySolve(L, k, crossProductVector(X, n, k, y, w));
  const bread = choleskyInverse(L, k);
  const residuals = new Float64Array(n);
  let rss = 0;
  let used = 0;
  for (let i = 0; i < n; i++) {
    let f = 0;
    for (let j = 0; j < k; j++) f += X[i * k + j]! * beta[j]!;
    const e = y[i]! - f;
    residuals[i] = e;
    const wi = w ? w[i]! : 1;
    if (wi > 0) {
      used++;
      rss += wi * e * e;
    }
  }
  const K = k + absorbedDof;
  const dfResidual = used - K;
  if (dfResidual <= 0)
    throw new ValidationError(`Not enough observations: ${used} for ${K} parameters`, [
      { path: 'n', message: `${used} observation(s) with a positive weight, ${K} parameter(s)` },
    ]);
  let covariance: Float64Array;
  let dfInference = dfResidual;
  let clusters: number | undefined;
  if (vcov === 'classic') {
    const s2 = rss / dfResidual;
    covariance = bread.map((v) => v * s2);
  } else if (vcov === 'hc1') {
    const meat = new Float64Array(k * k);
    const u = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const we = (w ? w[i]! : 1) * residuals[i]!;
      if (we === 0) continue;
      for (let j = 0; j < k; j++) u[j] = X[i * k + j]! * we;
      addOuter(meat, u, k);
    }
    covariance = sandwich(bread, meat, k).map((v) => (v * used) / dfResidual);
  } else {
    const scores = clusterScores(X, n, k, residuals, w, cluster!);
    clusters = scores.length;
    if (clusters < 2)
      throw new ValidationError('Cluster-robust variance needs at least 2 clusters', [
        { path: 'cluster', message: `${clusters} cluster(s)` },
      ]);
    const meat = new Float64Array(k * k);
    for (const u of scores) addOuter(meat, u, k);
    const Kc = options.clusterK ?? K;
    const factor = (clusters / (clusters - 1)) * ((used - 1) / (used - Kc));
    covariance = sandwich(bread, meat, k).map((v) => v * factor);
    dfInference = clusters - 1;
  }
  const se = new Float64Array(k);
  const tValues = new Float64Array(k);
  const pValues = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    se[j] = Math.sqrt(covariance[j * k + j]!);
    tValues[j] = beta[j]! / se[j]!;
    pValues[j] = studentTwoSidedP(tValues[j]!, dfInference);
  }
  return {
    names,
    coefficients: beta,
    se,
    covariance,
    tValues,
    pValues,
    residuals,
    n: used,
    k,
    dfResidual,
    dfInference,
    rss,
    sigma: Math.sqrt(rss / dfResidual),
    vcov,
    clusters,
    bread,
  };
}

/** Per-cluster score sums u_g = Σ_{i∈g} wᵢ eᵢ xᵢ (clusters with only zero-weight rows are skipped). */
export function clusterScores(
  X: Float64Array,
  n: number,
  k: number,
  residuals: Float64Array,
  w: Float64Array | undefined,
  cluster: Int32Array,
): Float64Array[] {
  const index = new Map<number, number>();
  const scores: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i]! : 1;
    if (wi === 0) continue;
    const c = cluster[i]!;
    let g = index.get(c);
    if (g === undefined) {
      g = scores.length;
      index.set(c, g);
      scores.push(new Float64Array(k));
    }
    const u = scores[g]!;
    const we = wi * residuals[i]!;
    for (let j = 0; j < k; j++) u[j]! += X[i * k + j]! * we;
  }
  return scores;
}

function check(
  X: Float64Array,
  n: number,
  k: number,
  y: Float64Array,
  w: Float64Array | undefined,
  cluster: Int32Array | undefined,
  vcov: VcovType,
): void {
  const problems: { path: string; message: string; row?: number }[] = [];
  if (X.length !== n * k) problems.push({ path: 'X', message: `expected ${n * k} values, got ${X.length}` });
  if (y.length !== n) problems.push({ path: 'y', message: `expected ${n} values, got ${y.length}` });
  if (w && w.length !== n)
    problems.push({ path: 'weights', message: `expected ${n} values, got ${w.length}` });
  if (vcov === 'cluster' && !cluster)
    problems.push({ path: 'cluster', message: 'cluster variance needs clusters' });
  if (cluster && cluster.length !== n)
    problems.push({ path: 'cluster', message: `expected ${n} values, got ${cluster.length}` });
  for (let i = 0; i < n && problems.length < 5; i++) {
    if (w && !(w[i]! >= 0 && Number.isFinite(w[i]!)))
      problems.push({ path: 'weights', row: i, message: `weight must be finite and ≥ 0, got ${w[i]}` });
    if ((w ? w[i]! : 1) === 0) continue;
    if (!Number.isFinite(y[i]!))
      problems.push({ path: 'y', row: i, message: `not a finite number: ${y[i]}` });
    for (let j = 0; j < k; j++)
      if (!Number.isFinite(X[i * k + j]!))
        problems.push({ path: `x${j + 1}`, row: i, message: `not a finite number: ${X[i * k + j]}` });
  }
  if (problems.length > 0) throw new ValidationError('Invalid regression input', problems.slice(0, 5));
}
