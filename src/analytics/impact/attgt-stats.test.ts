import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, qnorm, quantileType1, Sfc32 } from './attgt-stats.ts';

describe('qnorm (AS 241)', () => {
  it('matches R qnorm to 1e-14', () => {
    // R 4.2: sprintf("%.17g", qnorm(c(.975, .75, .5, .95, 1e-10, 1 - 1e-12)))
    expect(qnorm(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(qnorm(0.75)).toBeCloseTo(0.6744897501960817, 14);
    expect(qnorm(0.5)).toBe(0);
    expect(qnorm(0.95)).toBeCloseTo(1.6448536269514722, 14);
    expect(qnorm(1e-10)).toBeCloseTo(-6.3613409024040557, 13);
    expect(qnorm(1 - 1e-12)).toBeCloseTo(7.034483825301132, 4);
    expect(qnorm(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(qnorm(2)).toBeNaN();
  });
  it('is antisymmetric', () => {
    for (const p of [0.01, 0.2, 0.3, 0.4999]) expect(qnorm(p)).toBeCloseTo(-qnorm(1 - p), 12);
  });
});

describe('chiSquareSurvival', () => {
  it('has the closed forms of 2 degrees of freedom (exp(−x/2)) and the 5 % point of χ²₁', () => {
    for (const x of [0.1, 1, 5, 30]) expect(chiSquareSurvival(x, 2)).toBeCloseTo(Math.exp(-x / 2), 14);
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 12);
  });
  it('matches R 1 - pchisq on the fixtures’ Wald statistics', () => {
    // test/fixtures/impact/sim-small.did.json (dr, never) and sim-notyet.did.json (dr, never)
    expect(chiSquareSurvival(7.005150106804726, 6)).toBeCloseTo(0.3203711824269335, 14);
    expect(chiSquareSurvival(10, 5)).toBeCloseTo(0.07523524614651217, 14);
  });
});

describe('quantileType1', () => {
  it('is R quantile(type = 1)', () => {
    const x = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    expect(quantileType1(x, 0.25)).toBe(3);
    expect(quantileType1(x, 0.75)).toBe(8);
    expect(quantileType1(x, 0.5)).toBe(5);
    expect(quantileType1(x, 0.95)).toBe(10);
    expect(quantileType1([1, 2, 3, 4], 0.5)).toBe(2);
  });
});

describe('Sfc32', () => {
  it('is deterministic per key list and spreads bits evenly', () => {
    const a = new Sfc32(1, 2, 3);
    const b = new Sfc32(1, 2, 3);
    const c = new Sfc32(1, 2, 4);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
    let ones = 0;
    const r = new Sfc32(9);
    for (let i = 0; i < 10_000; i++) ones += r.next() & 1;
    expect(ones / 10_000).toBeGreaterThan(0.48);
    expect(ones / 10_000).toBeLessThan(0.52);
  });
});
