import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/errors.ts';
import { did2x2, didMeans } from './did2x2.ts';

// 3 units per group, 2 periods; one missing outcome (unit 5 after)
const unit = Int32Array.from([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
const treated = Float64Array.from([1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
const post = Float64Array.from([0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
const y = Float64Array.from([10, 14, 12, 15, 9, 14, 11, 12, 8, 10, 13, Number.NaN]);

describe('did2x2', () => {
  it('without covariates, the interaction equals the difference of the four cell means', () => {
    const r = did2x2({ y, treated, post });
    // treated: before 31/3, after 43/3; control: before 32/3, after 22/2
    const expected = 43 / 3 - 31 / 3 - (11 - 32 / 3);
    expect(r.att).toBeCloseTo(expected, 12);
    expect(r.n).toBe(11);
    expect(r.dropped).toBe(1);
    expect(r.vcov).toBe('classic');
    expect(r.coefficients.map((c) => c.name)).toEqual(['(Intercept)', 'treated', 'post', 'treated:post']);
  });

  it('clusters by unit when units are given', () => {
    const r = did2x2({ y, treated, post, unit });
    expect(r.vcov).toBe('cluster');
    expect(r.clusters).toBe(6);
    expect(r.se).toBeGreaterThan(0);
  });

  it('rejects a non-binary indicator with its row, and an empty cell', () => {
    const bad = Float64Array.from(post);
    bad[4] = 2;
    expect(() => did2x2({ y, treated, post: bad })).toThrowError(ValidationError);
    expect(() => did2x2({ y, treated: new Float64Array(12), post })).toThrowError(
      /no observation: treated, before; treated, after/,
    );
  });
});

describe('didMeans', () => {
  it('balanced: change SE is s(Δ)/√n and the DiD SE combines the two groups', () => {
    const m = didMeans({ y, treated, post, unit, balanced: true });
    // treated Δ = 4, 3, 5 → mean 4, s = 1; control Δ (units 3, 4) = 1, 2 → mean 1.5, s = √0.5
    expect(m.treated.change.att).toBeCloseTo(4, 12);
    expect(m.treated.change.se).toBeCloseTo(1 / Math.sqrt(3), 12);
    expect(m.control.change.se).toBeCloseTo(Math.sqrt(0.5 / 2), 12);
    expect(m.did.att).toBeCloseTo(2.5, 12);
    expect(m.did.se).toBeCloseTo(Math.sqrt(1 / 3 + 0.25), 12);
  });

  it('all available: the gap SE is the unequal-variance √(se₁² + se₂²)', () => {
    const m = didMeans({ y, treated, post });
    const se = (v: number[]) => {
      const mu = v.reduce((s, x) => s + x, 0) / v.length;
      return Math.sqrt(v.reduce((s, x) => s + (x - mu) ** 2, 0) / (v.length - 1) / v.length);
    };
    expect(m.gap.before.att).toBeCloseTo(31 / 3 - 32 / 3, 12);
    expect(m.gap.before.se).toBeCloseTo(Math.hypot(se([10, 12, 9]), se([11, 8, 13])), 12);
    // without units, the change of means treats the periods as independent samples
    expect(m.control.change.se).toBeCloseTo(Math.hypot(se([11, 8, 13]), se([12, 10])), 12);
  });
});
