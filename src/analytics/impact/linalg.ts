import { ValidationError } from '../../domain/errors.ts';

/**
 * Small dense linear algebra for the impact estimators, on row-major `Float64Array`s.
 *
 * Designs here are tall and thin (n up to millions, k up to a few dozen), so the estimators form
 * the k × k cross-product X'WX in one pass and factor it by Cholesky. That squares the condition
 * number compared with a QR of X, which is why collinearity is detected on the Cholesky pivots
 * with a tolerance relative to each column's own squared norm (see `cholesky`).
 *
 * Layout: an n × k matrix `X` holds row i, column j at `X[i * k + j]`.
 */

/**
 * A pivot d_j ≤ tol · A_jj means column j keeps less than √tol of its norm once the previous
 * columns are projected out. √1e-11 ≈ 3e-6: far above Cholesky's rounding (≈ k·ε·A_jj), far below
 * any design an analyst would call identified. R's `lm` drops a column below 1e-7 of its norm in
 * its pivoted QR, a stricter (smaller) bound that the normal equations cannot resolve reliably.
 */
export const COLLINEARITY_TOLERANCE = 1e-11;

/** Names used in messages: the given names, else `x1`, `x2`, … */
function columnName(names: readonly string[] | undefined, j: number): string {
  return names?.[j] ?? `x${j + 1}`;
}

/**
 * X'WX for an n × k row-major X and optional weights w (length n). Returns the full symmetric
 * k × k matrix (row-major). Rows with weight 0 contribute nothing.
 */
export function crossProduct(X: Float64Array, n: number, k: number, w?: Float64Array): Float64Array {
  checkShape(X, n, k, 'X');
  const A = new Float64Array(k * k);
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i]! : 1;
    if (wi === 0) continue;
    const o = i * k;
    for (let a = 0; a < k; a++) {
      const xa = X[o + a]! * wi;
      if (xa === 0) continue;
      const ra = a * k;
      for (let b = a; b < k; b++) A[ra + b]! += xa * X[o + b]!;
    }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) A[a * k + b] = A[b * k + a]!;
  return A;
}

/** X'Wy for an n × k row-major X, a vector y (length n) and optional weights w. */
export function crossProductVector(
  X: Float64Array,
  n: number,
  k: number,
  y: Float64Array,
  w?: Float64Array,
): Float64Array {
  checkShape(X, n, k, 'X');
  const v = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const wy = (w ? w[i]! : 1) * y[i]!;
    if (wy === 0) continue;
    const o = i * k;
    for (let a = 0; a < k; a++) v[a]! += X[o + a]! * wy;
  }
  return v;
}

/**
 * Cholesky factor L (lower triangular, row-major, zeros above the diagonal) of a symmetric
 * positive definite k × k matrix A, so that A = L L'.
 *
 * Throws a `ValidationError` naming the first column whose pivot falls below
 * `tol · A_jj` (it is, up to rounding, a linear combination of the columns before it), or
 * whose diagonal is zero (a column of zeros, e.g. a covariate absorbed by fixed effects).
 */
export function cholesky(
  A: Float64Array,
  k: number,
  names?: readonly string[],
  tol: number = COLLINEARITY_TOLERANCE,
): Float64Array {
  checkShape(A, k, k, 'A');
  const L = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    const ajj = A[j * k + j]!;
    let d = ajj;
    for (let p = 0; p < j; p++) d -= L[j * k + p]! ** 2;
    if (!(ajj > 0) || !(d > tol * ajj)) throw singular(names, j, ajj > 0);
    const ljj = Math.sqrt(d);
    L[j * k + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      let s = A[i * k + j]!;
      for (let p = 0; p < j; p++) s -= L[i * k + p]! * L[j * k + p]!;
      L[i * k + j] = s / ljj;
    }
  }
  return L;
}

function singular(names: readonly string[] | undefined, j: number, nonZero: boolean): ValidationError {
  const name = columnName(names, j);
  const before = names ? names.slice(0, j).map((s) => `"${s}"`) : [];
  const message = nonZero
    ? `column "${name}" is collinear with ${before.length > 0 ? before.join(', ') : 'the columns before it'}: the design is singular`
    : `column "${name}" has no variation left (all zeros, or absorbed by the fixed effects): the design is singular`;
  return new ValidationError(`Singular design: ${message}`, [{ path: name, column: name, message }]);
}

/** Solve A x = b given the Cholesky factor L of A (forward then back substitution). */
export function choleskySolve(L: Float64Array, k: number, b: Float64Array): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < k; i++) {
    let s = x[i]!;
    for (let p = 0; p < i; p++) s -= L[i * k + p]! * x[p]!;
    x[i] = s / L[i * k + i]!;
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let p = i + 1; p < k; p++) s -= L[p * k + i]! * x[p]!;
    x[i] = s / L[i * k + i]!;
  }
  return x;
}

/** Inverse of A from its Cholesky factor L: (L L')⁻¹ = L'⁻¹ L⁻¹, symmetric, row-major. */
export function choleskyInverse(L: Float64Array, k: number): Float64Array {
  // Li = L⁻¹ (lower triangular), column by column.
  const Li = new Float64Array(k * k);
  for (let c = 0; c < k; c++) {
    Li[c * k + c] = 1 / L[c * k + c]!;
    for (let i = c + 1; i < k; i++) {
      let s = 0;
      for (let p = c; p < i; p++) s -= L[i * k + p]! * Li[p * k + c]!;
      Li[i * k + c] = s / L[i * k + i]!;
    }
  }
  const inv = new Float64Array(k * k);
  for (let a = 0; a < k; a++)
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let p = a; p < k; p++) s += Li[p * k + a]! * Li[p * k + b]!;
      inv[a * k + b] = s;
      inv[b * k + a] = s;
    }
  return inv;
}

/**
 * Inverse of a symmetric positive definite k × k matrix (via Cholesky). Throws a
 * `ValidationError` naming the offending column when A is singular.
 */
export function symmetricInverse(
  A: Float64Array,
  k: number,
  names?: readonly string[],
  tol?: number,
): Float64Array {
  return choleskyInverse(cholesky(A, k, names, tol), k);
}

/** Solve the symmetric positive definite system A x = b (Cholesky); errors as `cholesky`. */
export function solveSymmetric(
  A: Float64Array,
  k: number,
  b: Float64Array,
  names?: readonly string[],
): Float64Array {
  return choleskySolve(cholesky(A, k, names), k, b);
}

/** y = X b for an n × k row-major X. */
export function multiplyVector(X: Float64Array, n: number, k: number, b: Float64Array): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    const o = i * k;
    for (let j = 0; j < k; j++) s += X[o + j]! * b[j]!;
    y[i] = s;
  }
  return y;
}

/** C = A B for row-major A (r × m) and B (m × c). */
export function multiply(A: Float64Array, B: Float64Array, r: number, m: number, c: number): Float64Array {
  const C = new Float64Array(r * c);
  for (let i = 0; i < r; i++)
    for (let p = 0; p < m; p++) {
      const a = A[i * m + p]!;
      if (a === 0) continue;
      for (let j = 0; j < c; j++) C[i * c + j]! += a * B[p * c + j]!;
    }
  return C;
}

/**
 * The sandwich B M B for symmetric k × k B (bread) and M (meat), the shape of every robust
 * variance here (White 1980; Liang & Zeger 1986).
 */
export function sandwich(bread: Float64Array, meat: Float64Array, k: number): Float64Array {
  const V = multiply(multiply(bread, meat, k, k, k), bread, k, k, k);
  // Symmetrise: rounding leaves V_ab and V_ba a few ulps apart.
  for (let a = 0; a < k; a++)
    for (let b = 0; b < a; b++) {
      const m = (V[a * k + b]! + V[b * k + a]!) / 2;
      V[a * k + b] = m;
      V[b * k + a] = m;
    }
  return V;
}

/** Add s · u u' to the symmetric k × k matrix M in place (an outer-product update of the meat). */
export function addOuter(M: Float64Array, u: Float64Array, k: number, s = 1): void {
  for (let a = 0; a < k; a++) {
    const ua = u[a]! * s;
    if (ua === 0) continue;
    for (let b = 0; b < k; b++) M[a * k + b]! += ua * u[b]!;
  }
}

/** Square roots of the diagonal of a k × k matrix (standard errors from a variance matrix). */
export function diagonalSqrt(V: Float64Array, k: number): Float64Array {
  const s = new Float64Array(k);
  for (let j = 0; j < k; j++) s[j] = Math.sqrt(V[j * k + j]!);
  return s;
}

function checkShape(M: Float64Array, r: number, c: number, what: string): void {
  if (M.length !== r * c)
    throw new ValidationError(`Matrix ${what} has ${M.length} values, expected ${r} × ${c} = ${r * c}`, [
      { path: what, message: `expected ${r * c} values, got ${M.length}` },
    ]);
}
