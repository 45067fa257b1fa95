import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../graph/random.ts';
import { fitLogitFused } from './drdid-logit.ts';
import { logit } from './logit.ts';

describe('fused IRLS logit', () => {
  it('matches R glm on the fixture (sim-small, cohort 3 vs never ~ x1 + x2): coefficients, vcov, iterations', () => {
    const dir = new URL('../../../test/fixtures/impact/', import.meta.url);
    const ref = (
      JSON.parse(readFileSync(new URL('glm-reference.json', dir), 'utf8')) as {
        logit: {
          n: number;
          coefficients: number[];
          vcov: number[][];
          deviance: number;
          iterations: number;
        }[];
      }
    ).logit[1]!;
    const lines = readFileSync(new URL('sim-small.csv', dir), 'utf8').trim().split('\n').slice(1);
    const rows = lines
      .map((l) => l.split(',').map(Number))
      .filter((r) => r[1] === 1 && (r[3] === 0 || r[3] === 3));
    const n = rows.length;
    expect(n).toBe(ref.n);
    const X = new Float64Array(n * 3);
    const y = new Float64Array(n);
    rows.forEach((r, i) => {
      X.set([1, r[4]!, r[5]!], i * 3);
      y[i] = r[3] === 3 ? 1 : 0;
    });
    const fit = fitLogitFused(X, n, 3, y);
    expect(fit.iterations).toBe(ref.iterations);
    expect(fit.deviance).toBeCloseTo(ref.deviance, 9);
    ref.coefficients.forEach((b, j) => {
      expect(fit.coefficients[j]).toBeCloseTo(b, 10);
    });
    ref.vcov.flat().forEach((v, j) => {
      expect(Math.abs(fit.covariance[j]! - v) / Math.abs(v)).toBeLessThan(1e-9);
    });
  });

  it('agrees with the general routine (logit.ts) step for step, with and without weights', () => {
    const r = mulberry32(3);
    const n = 5000;
    const k = 4;
    const X = new Float64Array(n * k);
    const y = new Float64Array(n);
    const w = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      X.set([1, r() * 2 - 1, r() < 0.3 ? 1 : 0, r() * 4], i * k);
      y[i] = r() < 1 / (1 + Math.exp(-(-1 + X[i * k + 1]! + 0.5 * X[i * k + 3]!))) ? 1 : 0;
      w[i] = 0.5 + r();
    }
    for (const weights of [undefined, w]) {
      const a = fitLogitFused(X, n, k, y, weights);
      const b = logit(X, n, k, y, weights ? { weights } : {});
      expect(a.iterations).toBe(b.iterations);
      for (let j = 0; j < k; j++) expect(a.coefficients[j]).toBeCloseTo(b.coefficients[j]!, 12);
      for (let j = 0; j < k * k; j++) expect(a.information[j]! / b.information[j]!).toBeCloseTo(1, 12);
      for (let i = 0; i < n; i += 97) expect(a.fitted[i]).toBeCloseTo(b.fitted[i]!, 14);
    }
  });

  it('drives separated data to the boundary, as glm does (did then sets the cell to NA)', () => {
    const n = 200;
    const X = new Float64Array(n * 2);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      X.set([1, i < 100 ? -1 - i / 100 : 1 + i / 100], i * 2);
      y[i] = i < 100 ? 0 : 1;
    }
    const fit = fitLogitFused(X, n, 2, y);
    expect(Math.max(...fit.fitted)).toBeGreaterThan(0.999);
  });
});
