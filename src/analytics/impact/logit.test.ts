import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/errors.ts';
import { mulberry32 as rng } from '../graph/random.ts';
import { logit } from './logit.ts';

function normal(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

/**
 * Independent reference: plain Newton–Raphson on the log-likelihood in a different
 * parameterisation (columns 2..k standardised), written with nested arrays and Gauss–Jordan
 * elimination, iterated to machine precision, then mapped back to the original columns.
 */
function newtonReference(X: number[][], y: number[], w: number[]): { beta: number[]; info: number[][] } {
  const n = X.length;
  const k = X[0]!.length;
  const mean = Array.from({ length: k }, (_, j) => (j === 0 ? 0 : X.reduce((s, r) => s + r[j]!, 0) / n));
  const sd = Array.from({ length: k }, (_, j) =>
    j === 0 ? 1 : Math.sqrt(X.reduce((s, r) => s + (r[j]! - mean[j]!) ** 2, 0) / n),
  );
  const Z = X.map((r) => r.map((v, j) => (j === 0 ? 1 : (v - mean[j]!) / sd[j]!)));
  let g = new Array<number>(k).fill(0);
  const hessian = (b: number[]) => {
    const H = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    const grad = new Array<number>(k).fill(0);
    for (let i = 0; i < n; i++) {
      const eta = Z[i]!.reduce((s, v, j) => s + v * b[j]!, 0);
      const p = 1 / (1 + Math.exp(-eta));
      for (let a = 0; a < k; a++) {
        grad[a]! += w[i]! * (y[i]! - p) * Z[i]![a]!;
        for (let c = 0; c < k; c++) H[a]![c]! += w[i]! * p * (1 - p) * Z[i]![a]! * Z[i]![c]!;
      }
    }
    return { H, grad };
  };
  for (let it = 0; it < 100; it++) {
    const { H, grad } = hessian(g);
    const step = gaussJordanSolve(H, grad);
    g = g.map((v, j) => v + step[j]!);
    if (Math.max(...step.map(Math.abs)) < 1e-14) break;
  }
  // back to the original columns: beta_j = g_j / sd_j, intercept = g_0 − Σ g_j mean_j / sd_j
  const beta = g.map((v, j) =>
    j === 0 ? v - g.reduce((s, u, c) => (c === 0 ? s : s + (u * mean[c]!) / sd[c]!), 0) : v / sd[j]!,
  );
  // information in the original columns at the converged estimate
  const info = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < n; i++) {
    const eta = X[i]!.reduce((s, v, j) => s + v * beta[j]!, 0);
    const p = 1 / (1 + Math.exp(-eta));
    for (let a = 0; a < k; a++)
      for (let c = 0; c < k; c++) info[a]![c]! += w[i]! * p * (1 - p) * X[i]![a]! * X[i]![c]!;
  }
  return { beta, info };
}

function gaussJordanSolve(A: number[][], b: number[]): number[] {
  const k = b.length;
  const M = A.map((r, i) => [...r, b[i]!]);
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r;
    [M[c], M[p]] = [M[p]!, M[c]!];
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = M[r]![c]! / M[c]![c]!;
      for (let j = c; j <= k; j++) M[r]![j]! -= f * M[c]![j]!;
    }
  }
  return M.map((r, i) => r[k]! / r[i]!);
}

function simulate(n: number, seed: number, weighted: boolean) {
  const r = rng(seed);
  const rows: number[][] = [];
  const y: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < n; i++) {
    const x1 = normal(r) * 3 + 10;
    const x2 = r() < 0.4 ? 1 : 0;
    const x3 = normal(r);
    const p = 1 / (1 + Math.exp(-(-4 + 0.35 * x1 - 0.8 * x2 + 0.5 * x3)));
    rows.push([1, x1, x2, x3]);
    y.push(r() < p ? 1 : 0);
    w.push(weighted ? 0.5 + 2 * r() : 1);
  }
  return { rows, y, w, X: Float64Array.from(rows.flat()) };
}

describe('logit (IRLS as glm.fit)', () => {
  for (const weighted of [false, true])
    it(`agrees with an independent Newton fit${weighted ? ' (with weights)' : ''}: β to 1e-7, information to 1e-5 relative`, () => {
      const { rows, y, w, X } = simulate(800, weighted ? 11 : 5, weighted);
      const fit = logit(X, 800, 4, Float64Array.from(y), weighted ? { weights: Float64Array.from(w) } : {});
      const ref = newtonReference(rows, y, w);
      expect(fit.converged).toBe(true);
      expect(fit.iterations).toBeGreaterThan(2);
      expect(fit.iterations).toBeLessThan(10);
      for (let j = 0; j < 4; j++)
        expect(Math.abs(fit.coefficients[j]! - ref.beta[j]!)).toBeLessThan(
          1e-7 * (1 + Math.abs(ref.beta[j]!)),
        );
      for (let a = 0; a < 4; a++)
        for (let c = 0; c < 4; c++) {
          const v = ref.info[a]![c]!;
          expect(Math.abs(fit.information[a * 4 + c]! - v)).toBeLessThan(1e-5 * Math.abs(v) + 1e-9);
        }
      for (let i = 0; i < 800; i += 97) {
        const eta = rows[i]!.reduce((s, v, j) => s + v * ref.beta[j]!, 0);
        expect(fit.fitted[i]).toBeCloseTo(1 / (1 + Math.exp(-eta)), 8);
      }
    });

  it('leaves out observations with weight 0', () => {
    const { X, y } = simulate(300, 3, false);
    const w = new Float64Array(300).fill(1);
    for (let i = 200; i < 300; i++) w[i] = 0;
    const a = logit(X, 300, 4, Float64Array.from(y), { weights: w });
    const b = logit(X.subarray(0, 800), 200, 4, Float64Array.from(y.slice(0, 200)));
    for (let j = 0; j < 4; j++) expect(a.coefficients[j]).toBeCloseTo(b.coefficients[j]!, 10);
  });

  it('flags separated data as boundary, without crashing', () => {
    const X = Float64Array.from([1, 1, 1, 2, 1, 3, 1, 4, 1, 5, 1, 6]);
    const y = Float64Array.from([0, 0, 0, 1, 1, 1]);
    const fit = logit(X, 6, 2, y);
    expect(fit.boundary).toBe(true);
    expect(fit.coefficients[1]).toBeGreaterThan(10);
  });

  it('rejects y outside [0, 1] and names the collinear column', () => {
    const X = Float64Array.from([1, 2, 1, 3, 1, 4]);
    expect(() => logit(X, 3, 2, Float64Array.from([0, 2, 1]))).toThrowError(ValidationError);
    const Xc = Float64Array.from([1, 2, 4, 1, 3, 6, 1, 4, 8, 1, 1, 2]);
    expect(() => logit(Xc, 4, 3, Float64Array.from([0, 1, 0, 1]), { names: ['c', 'a', 'b'] })).toThrowError(
      /"b" is collinear/,
    );
  });
});
