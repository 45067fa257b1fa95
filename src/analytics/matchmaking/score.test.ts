import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proximityScratch } from './proximity.ts';
import {
  breakdownOf,
  partsOf,
  type Signals,
  scalesOf,
  scoreAll,
  scoreOf,
  topK,
  weightsFor,
} from './score.ts';

describe('score', () => {
  it('the fast loop equals the weighted sum of the breakdown (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (n, nu, seed) => {
          let x = seed;
          const rnd = () => {
            x = (x * 1103515245 + 12345) % 2 ** 31;
            return x / 2 ** 31;
          };
          const prox = proximityScratch(n);
          const s: Signals = {
            n,
            text: Float32Array.from({ length: n }, () => (rnd() < 0.5 ? 0 : rnd())),
            complementarity: Float32Array.from({ length: n }, () => (rnd() < 0.5 ? 0 : rnd())),
            proximity: prox,
            sameNetwork: Uint8Array.from({ length: n }, () => (rnd() < 0.5 ? 1 : 0)),
            projects: Int32Array.from({ length: n }, () => Math.floor(rnd() * 8)),
            candidate: Uint8Array.from({ length: n }, () => (rnd() < 0.8 ? 1 : 0)),
          };
          for (let i = 0; i < n; i++) {
            prox.shared[i] = Math.floor(rnd() * 3);
            prox.allocation[i] = rnd() < 0.5 ? 0 : rnd();
          }
          const w = weightsFor(nu);
          const fast = scoreAll(s, w);
          const sc = scalesOf(s);
          for (let i = 0; i < n; i++) {
            if (!s.candidate[i]) expect(fast[i]).toBe(-Infinity);
            else expect(fast[i]).toBeCloseTo(scoreOf(breakdownOf(partsOf(s, sc, i)), w), 6);
          }
        },
      ),
    );
  });

  it('topK returns the best scores first, ties by index, never −∞', () => {
    const s = Float64Array.from([0.2, 0.9, -Infinity, 0.9, 0.5]);
    expect([...topK(s, 3)]).toEqual([1, 3, 4]);
    expect([...topK(s, 10)]).toEqual([1, 3, 4, 0]);
  });
});
