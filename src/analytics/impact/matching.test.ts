import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/errors.ts';
import { mulberry32 as rng } from '../graph/random.ts';
import { did2x2 } from './did2x2.ts';
import { balanceTable, matchedDid, matchUnits, strataKey } from './matching.ts';

const normal = (r: () => number) => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());

const EFFECT = 2;

/**
 * Selection on observables: bigger, older firms in some sectors join the pole more often, and
 * the same covariates drive outcome growth, so treated and control trends differ (parallel
 * trends fail unconditionally, hold conditionally on x and the stratum).
 */
function simulate(n: number, seed: number) {
  const r = rng(seed);
  const size = new Float64Array(n);
  const age = new Float64Array(n);
  const sector = new Int32Array(n);
  const province = new Int32Array(n);
  const treated = new Float64Array(n);
  const before = new Float64Array(n);
  const after = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    sector[i] = Math.floor(r() * 4);
    province[i] = Math.floor(r() * 5);
    size[i] = normal(r) + 0.3 * sector[i]!;
    age[i] = normal(r);
    const p =
      1 / (1 + Math.exp(-(-2.2 + 1.0 * size[i]! + 0.6 * age[i]! + 0.4 * sector[i]! - 0.2 * province[i]!)));
    treated[i] = r() < p ? 1 : 0;
    const level = 10 + 3 * size[i]! + sector[i]! + normal(r);
    const trend = 1.5 * size[i]! + 1.0 * age[i]! + 0.5 * sector[i]! + 0.3 * province[i]!;
    before[i] = level + normal(r);
    after[i] = level + trend + EFFECT * treated[i]! + normal(r);
  }
  return { size, age, sector, province, treated, before, after };
}

function naive(s: ReturnType<typeof simulate>) {
  const n = s.treated.length;
  const y = new Float64Array(2 * n);
  const tr = new Float64Array(2 * n);
  const post = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    y.set([s.before[i]!, s.after[i]!], 2 * i);
    tr.set([s.treated[i]!, s.treated[i]!], 2 * i);
    post.set([0, 1], 2 * i);
  }
  return did2x2({ y, treated: tr, post }).att;
}

describe('matching then DiD (simulation with known effect 2)', () => {
  const s = simulate(6000, 2024);
  const covariates = { names: ['size', 'age'], values: [s.size, s.age] };
  const strata = strataKey([s.sector, s.province]);
  const naiveAtt = naive(s);

  it('the naive DiD is biased by more than 0.8', () => {
    expect(Math.abs(naiveAtt - EFFECT)).toBeGreaterThan(0.8);
  });

  for (const method of ['mahalanobis', 'propensity'] as const)
    it(`${method} (exact on sector × province, k = 3, with replacement): effect recovered within 3 SE and 0.25, SMD < 0.1 after`, () => {
      const m = matchUnits(
        { covariates, treated: s.treated, strata },
        { method, k: 3, caliper: method === 'propensity' ? 0.2 : undefined },
      );
      const d = matchedDid({ before: s.before, after: s.after, treated: s.treated, weights: m.weights });
      expect(Math.abs(d.att - EFFECT)).toBeLessThan(Math.min(3 * d.se, 0.25));
      for (const b of m.balance) {
        expect(Math.abs(b.smdBefore)).toBeGreaterThan(0.2);
        expect(Math.abs(b.smdAfter)).toBeLessThan(0.1);
        expect(b.varianceRatioAfter).toBeGreaterThan(0.5);
        expect(b.varianceRatioAfter).toBeLessThan(2);
      }
      // exact strata: every control shares its treated unit's sector and province
      for (const x of m.matches) for (const c of x.controls) expect(strata[c]).toBe(strata[x.treated]);
      expect(m.matches.length + m.unmatched.length).toBe(s.treated.reduce((a, t) => a + t, 0));
    });
});

describe('matchUnits details', () => {
  it('picks the k nearest with replacement and weights controls Σ 1/k', () => {
    // one covariate: treated at 0 and 10; controls at 1, 2, 9, 30
    const x = Float64Array.from([0, 10, 1, 2, 9, 30]);
    const treated = Float64Array.from([1, 1, 0, 0, 0, 0]);
    const m = matchUnits(
      { covariates: { names: ['x'], values: [x] }, treated },
      { method: 'mahalanobis', k: 2 },
    );
    expect(m.matches).toEqual([
      { treated: 0, controls: [2, 3] },
      { treated: 1, controls: [4, 3] },
    ]);
    expect(Array.from(m.weights)).toEqual([1, 1, 0.5, 1, 0.5, 0]);
    expect(m.controlsUsed).toBe(3);
  });

  it('leaves out treated units without a control in their stratum or caliper', () => {
    const x = Float64Array.from([0, 5, 0.2, 0.1, 1, 2, -1, 3]);
    const treated = Float64Array.from([1, 1, 0, 0, 0, 0, 0, 0]);
    const strata = Int32Array.from([0, 1, 0, 0, 0, 0, 0, 0]);
    const m = matchUnits(
      { covariates: { names: ['x'], values: [x] }, treated, strata },
      { method: 'mahalanobis' },
    );
    expect(m.unmatched).toEqual([1]);
    expect(m.matches).toEqual([{ treated: 0, controls: [3] }]);
  });

  it('balance: SMD uses the pooled SD of the unmatched sample', () => {
    const x = Float64Array.from([1, 3, 0, 2, 4]);
    const treated = Float64Array.from([1, 1, 0, 0, 0]);
    const [b] = balanceTable({ names: ['x'], values: [x] }, treated, Float64Array.from([1, 1, 0, 1, 1]));
    // before: treated mean 2 var 2; control mean 2 var 4 → SMD 0; after: control {2, 4} mean 3 var 2
    expect(b!.smdBefore).toBeCloseTo(0, 12);
    expect(b!.smdAfter).toBeCloseTo((2 - 3) / Math.sqrt(3), 12);
    expect(b!.varianceRatioBefore).toBeCloseTo(0.5, 12);
    expect(b!.varianceRatioAfter).toBeCloseTo(1, 12);
  });

  it('rejects missing covariates and a bad k', () => {
    const treated = Float64Array.from([1, 0]);
    expect(() =>
      matchUnits(
        { covariates: { names: ['x'], values: [Float64Array.from([1, Number.NaN])] }, treated },
        { method: 'mahalanobis' },
      ),
    ).toThrowError(ValidationError);
    try {
      matchUnits(
        { covariates: { names: ['x'], values: [Float64Array.from([1, 2])] }, treated },
        { method: 'mahalanobis', k: 0 },
      );
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).details[0]).toMatchObject({
        path: 'k',
        message: 'must be a whole number ≥ 1, got 0',
      });
    }
  });
});
