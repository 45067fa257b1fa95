import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/errors.ts';
import { ols } from './ols.ts';
import { incompleteBeta, normalUpper, studentTwoSidedP } from './t-distribution.ts';

// A small data set with references from R 4.2.2: lm(y ~ x1 + x2 [, weights = w]) and
// sandwich 3.0-2 vcovHC(type = "HC1"), vcovCL(cluster = g, type = "HC1").
const x1 = [1.2, 0.4, 3.1, 2.2, 0.9, 1.7, 2.8, 3.3, 0.2, 1.1, 2.5, 1.9];
const x2 = [0, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0];
const y = Float64Array.from([3.1, 2.0, 6.2, 5.9, 2.8, 3.9, 5.5, 8.1, 1.2, 2.4, 6.6, 4.0]);
const g = Int32Array.from([1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 5, 5]);
const w = Float64Array.from([1, 2, 1, 0.5, 1, 3, 1, 1, 2, 1, 0.5, 1]);
const X = Float64Array.from(x1.flatMap((v, i) => [1, v, x2[i]!]));
const names = ['(Intercept)', 'x1', 'x2'];

/** Relative agreement to 1e-10 (R prints 17 digits; both solve the same normal equations). */
function close(actual: Float64Array, expected: number[]): void {
  for (const [j, e] of expected.entries()) expect(Math.abs(actual[j]! - e)).toBeLessThan(1e-10 * Math.abs(e));
}

describe('ols against R lm + sandwich', () => {
  it('classic: coefficients, SEs and t-test p-values', () => {
    const f = ols(X, 12, 3, y, { names });
    close(f.coefficients, [0.1083884398726442, 2.07200587803086, 1.04426891991183]);
    close(f.se, [0.226509486253059, 0.0943948867292173, 0.187071042524069]);
    // p-values through the incomplete beta: 1e-8 relative
    for (const [j, p] of [0.643693316652566, 3.99028185793394e-9, 0.000341982276652529].entries())
      expect(Math.abs(f.pValues[j]! - p)).toBeLessThan(1e-8 * p);
    expect(f.dfResidual).toBe(9);
  });

  it('HC1 and CR1 (cluster = g)', () => {
    close(ols(X, 12, 3, y, { vcov: 'hc1' }).se, [0.225589922861269, 0.0912194585663076, 0.180278155911764]);
    const c = ols(X, 12, 3, y, { cluster: g });
    expect(c.vcov).toBe('cluster');
    expect(c.clusters).toBe(5);
    expect(c.dfInference).toBe(4);
    close(c.se, [0.260587976407124, 0.102905716132802, 0.151561235816524]);
  });

  it('weighted: classic, HC1, CR1', () => {
    const f = ols(X, 12, 3, y, { weights: w });
    close(f.coefficients, [0.18736711577272, 2.0658594127512, 0.889717105824166]);
    close(f.se, [0.219507525729119, 0.096440667402729, 0.192740281807633]);
    close(
      ols(X, 12, 3, y, { weights: w, vcov: 'hc1' }).se,
      [0.2099814539562, 0.0961788645899951, 0.175202417112022],
    );
    close(
      ols(X, 12, 3, y, { weights: w, cluster: g }).se,
      [0.278083633854168, 0.125147062541012, 0.129022479285988],
    );
  });

  it('a zero weight drops the row', () => {
    const w0 = Float64Array.from(w);
    w0[3] = 0;
    const keep = [0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11];
    const a = ols(X, 12, 3, y, { weights: w0, cluster: g });
    const b = ols(
      Float64Array.from(keep.flatMap((i) => [1, x1[i]!, x2[i]!])),
      11,
      3,
      Float64Array.from(keep.map((i) => y[i]!)),
      {
        weights: Float64Array.from(keep.map((i) => w[i]!)),
        cluster: Int32Array.from(keep.map((i) => g[i]!)),
      },
    );
    expect(a.n).toBe(11);
    for (let j = 0; j < 3; j++) expect(a.se[j]).toBeCloseTo(b.se[j]!, 12);
  });

  it('rejects a singular design naming the column, and a cluster variance without clusters', () => {
    const Xs = Float64Array.from(x1.flatMap((v, i) => [1, v, x2[i]!, 1 - x2[i]!]));
    expect(() => ols(Xs, 12, 4, y, { names: [...names, 'not_x2'] })).toThrowError(/"not_x2" is collinear/);
    expect(() => ols(X, 12, 3, y, { vcov: 'cluster' })).toThrowError(ValidationError);
  });
});

describe('t distribution', () => {
  it('matches R pt and pnorm to 1e-10 relative', () => {
    const cases: [number, number, number][] = [
      [1.63, 816, 0.103487414633778],
      [-2.4229, 10, 0.0358832382656125],
      [0.5, 3, 0.651447964848151],
      [3.7, 1000, 0.00022735131627369],
    ];
    for (const [t, df, p] of cases) expect(Math.abs(studentTwoSidedP(t, df) - p)).toBeLessThan(1e-10 * p);
    const normals: [number, number][] = [
      [0.3, 0.764177155622095],
      [1.96, 0.0499957902964409],
      [2.5, 1.241933065155227e-2],
      [4, 6.33424836662398e-5],
    ];
    for (const [z, p] of normals) expect(Math.abs(2 * normalUpper(z) - p)).toBeLessThan(1e-10 * p);
    expect(incompleteBeta(0.5, 2, 2)).toBeCloseTo(0.5, 14);
  });
});
