import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/errors.ts';
import { mulberry32 as rng } from '../graph/random.ts';
import {
  addOuter,
  cholesky,
  choleskySolve,
  crossProduct,
  crossProductVector,
  multiply,
  sandwich,
  solveSymmetric,
  symmetricInverse,
} from './linalg.ts';

describe('cholesky', () => {
  it('factors the textbook 3 × 3 example exactly', () => {
    // A = L L' with L = [[2,0,0],[6,1,0],[-8,5,3]] (a standard worked example).
    const A = Float64Array.from([4, 12, -16, 12, 37, -43, -16, -43, 98]);
    expect(Array.from(cholesky(A, 3))).toEqual([2, 0, 0, 6, 1, 0, -8, 5, 3]);
  });

  it('solves and inverts: A x = b and A A⁻¹ = I to 1e-12 on random SPD matrices', () => {
    const r = rng(7);
    for (const k of [1, 2, 5, 12]) {
      const n = 3 * k + 5;
      const X = Float64Array.from({ length: n * k }, () => r() * 2 - 1);
      const A = crossProduct(X, n, k);
      const xTrue = Float64Array.from({ length: k }, () => r() * 10 - 5);
      const b = multiply(A, xTrue, k, k, 1);
      const x = solveSymmetric(A, k, b);
      for (let j = 0; j < k; j++) expect(x[j]).toBeCloseTo(xTrue[j]!, 10);
      const I = multiply(A, symmetricInverse(A, k), k, k, k);
      for (let a = 0; a < k; a++)
        for (let c = 0; c < k; c++) expect(Math.abs(I[a * k + c]! - (a === c ? 1 : 0))).toBeLessThan(1e-12);
    }
  });

  it('names the collinear column', () => {
    // columns: const, x, 2x + 1 (exact combination of the first two)
    const n = 6;
    const X = new Float64Array(n * 3);
    for (let i = 0; i < n; i++) X.set([1, i, 2 * i + 1], i * 3);
    const A = crossProduct(X, n, 3);
    expect(() => cholesky(A, 3, ['(Intercept)', 'x', 'z'])).toThrowError(/column "z" is collinear/);
    try {
      cholesky(A, 3, ['(Intercept)', 'x', 'z']);
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).details[0]?.column).toBe('z');
    }
  });

  it('names a column of zeros as having no variation', () => {
    const X = Float64Array.from([1, 0, 1, 0, 1, 0]);
    expect(() => cholesky(crossProduct(X, 3, 2), 2, ['a', 'b'])).toThrowError(/column "b" has no variation/);
  });
});

describe('cross products', () => {
  it("X'WX and X'Wy equal the explicit sums", () => {
    const X = Float64Array.from([1, 2, 1, -1, 1, 0.5]);
    const w = Float64Array.from([1, 2, 0.5]);
    const y = Float64Array.from([3, 1, 4]);
    // by hand: X'WX = [[3.5, 0.25], [0.25, 4 + 2 + 0.125]], X'Wy = [3 + 2 + 2, 6 - 2 + 1]
    expect(Array.from(crossProduct(X, 3, 2, w))).toEqual([3.5, 0.25, 0.25, 6.125]);
    expect(Array.from(crossProductVector(X, 3, 2, y, w))).toEqual([7, 5]);
  });

  it("sandwich and addOuter compose B (u u') B", () => {
    const B = Float64Array.from([2, 0, 0, 3]);
    const M = new Float64Array(4);
    addOuter(M, Float64Array.from([1, 2]), 2);
    expect(Array.from(sandwich(B, M, 2))).toEqual([4, 12, 12, 36]);
    const L = cholesky(Float64Array.from([4, 2, 2, 3]), 2);
    const x = choleskySolve(L, 2, Float64Array.from([6, 5]));
    expect(x[0]).toBeCloseTo(1, 14);
    expect(x[1]).toBeCloseTo(1, 14);
  });
});
