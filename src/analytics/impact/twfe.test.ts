import { describe, expect, it } from 'vitest';
import { mulberry32 as rng } from '../graph/random.ts';
import { ols } from './ols.ts';
import { twfe } from './twfe.ts';

/** An unbalanced panel: 30 units × up to 8 periods, ~25 % of unit-periods missing. */
function panel(seed: number) {
  const r = rng(seed);
  const unit: number[] = [];
  const time: number[] = [];
  const x1: number[] = [];
  const x2: number[] = [];
  const y: number[] = [];
  const alpha = Array.from({ length: 30 }, () => r() * 4);
  const gamma = Array.from({ length: 8 }, () => r() * 2);
  for (let u = 0; u < 30; u++)
    for (let t = 0; t < 8; t++) {
      if (r() < 0.25) continue;
      const a = r() + alpha[u]! * 0.3;
      const b = r() < 0.5 ? 1 : 0;
      unit.push(u);
      time.push(2010 + t);
      x1.push(a);
      x2.push(b);
      y.push(1.5 * a - 0.7 * b + alpha[u]! + gamma[t]! + (r() - 0.5) * (1 + alpha[u]!));
    }
  return { unit, time, x1, x2, y };
}

/** The dummy-variable regression (LSDV) with ols: an independent path to the same slopes. */
function lsdv(p: ReturnType<typeof panel>, twoWay: boolean, vcov: 'classic' | 'cluster') {
  const n = p.y.length;
  const periods = [...new Set(p.time)].sort();
  const k = 2 + 30 + (twoWay ? periods.length - 1 : 0);
  const X = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    X[i * k] = p.x1[i]!;
    X[i * k + 1] = p.x2[i]!;
    X[i * k + 2 + p.unit[i]!] = 1;
    const t = periods.indexOf(p.time[i]!);
    if (twoWay && t > 0) X[i * k + 31 + t] = 1;
  }
  return ols(X, n, k, Float64Array.from(p.y), { vcov, cluster: Int32Array.from(p.unit) });
}

describe('twfe', () => {
  const p = panel(42);
  const input = {
    unit: Int32Array.from(p.unit),
    y: Float64Array.from(p.y),
    x: { names: ['x1', 'x2'], values: [Float64Array.from(p.x1), Float64Array.from(p.x2)] },
  };

  it('two-way on an unbalanced panel equals LSDV: slopes to 1e-9, CR1 (K full) and classic SEs to 1e-8', () => {
    const a = twfe({ ...input, time: Int32Array.from(p.time) });
    const b = lsdv(p, true, 'cluster');
    expect(a.iterations).toBeGreaterThan(1);
    expect(a.absorbedDof).toBe(30 + 8 - 1);
    expect(a.clusterK).toBe(2 + 37);
    for (let j = 0; j < 2; j++) {
      expect(Math.abs(a.coefficients[j]! - b.coefficients[j]!)).toBeLessThan(1e-9);
      expect(Math.abs(a.se[j]! / b.se[j]! - 1)).toBeLessThan(1e-8);
    }
    const c = twfe({ ...input, time: Int32Array.from(p.time), vcov: 'classic' });
    const d = lsdv(p, true, 'classic');
    expect(c.fit.dfResidual).toBe(d.dfResidual);
    for (let j = 0; j < 2; j++) expect(Math.abs(c.se[j]! / d.se[j]! - 1)).toBeLessThan(1e-8);
  });

  it('weighted: weighted demeaning + weighted least squares equal weighted LSDV', () => {
    const w = Float64Array.from(p.y, (_, i) => 0.5 + ((i * 7) % 5) / 2);
    const a = twfe({ ...input, time: Int32Array.from(p.time), weights: w, vcov: 'classic' });
    const n = p.y.length;
    const periods = [...new Set(p.time)].sort();
    const k = 2 + 30 + periods.length - 1;
    const X = new Float64Array(n * k);
    for (let i = 0; i < n; i++) {
      X[i * k] = p.x1[i]!;
      X[i * k + 1] = p.x2[i]!;
      X[i * k + 2 + p.unit[i]!] = 1;
      const t = periods.indexOf(p.time[i]!);
      if (t > 0) X[i * k + 31 + t] = 1;
    }
    const b = ols(X, n, k, Float64Array.from(p.y), { weights: w });
    for (let j = 0; j < 2; j++) {
      expect(Math.abs(a.coefficients[j]! - b.coefficients[j]!)).toBeLessThan(1e-9);
      expect(Math.abs(a.se[j]! / b.se[j]! - 1)).toBeLessThan(1e-8);
    }
  });

  it('one-way (unit) equals LSDV with unit dummies, in one sweep', () => {
    const a = twfe({ ...input, vcov: 'classic' });
    const b = lsdv(p, false, 'classic');
    expect(a.iterations).toBe(1);
    expect(a.absorbedDof).toBe(30);
    for (let j = 0; j < 2; j++) {
      expect(Math.abs(a.coefficients[j]! - b.coefficients[j]!)).toBeLessThan(1e-10);
      expect(Math.abs(a.se[j]! / b.se[j]! - 1)).toBeLessThan(1e-10);
    }
  });

  it('nested K drops the unit effects nested in unit clusters: SE ratio √((N−K_full)/(N−K_nested))', () => {
    const full = twfe({ ...input, time: Int32Array.from(p.time) });
    const nested = twfe({ ...input, time: Int32Array.from(p.time), fixefK: 'nested' });
    expect(nested.clusterK).toBe(2 + 7);
    const n = full.n;
    const ratio = Math.sqrt((n - full.clusterK) / (n - nested.clusterK));
    expect(nested.se[0]! / full.se[0]!).toBeCloseTo(ratio, 12);
  });

  it('a regressor constant within units is reported as absorbed by the fixed effects', () => {
    const constant = Float64Array.from(p.unit.map((u) => u % 3));
    expect(() =>
      twfe({
        ...input,
        time: Int32Array.from(p.time),
        x: { names: ['x1', 'sector'], values: [input.x.values[0]!, constant] },
      }),
    ).toThrowError(/"sector" has no variation.*absorbed by them/);
  });

  it('counts two disconnected groups of the unit–period graph', () => {
    // units 0–1 seen only in 2001–2002, units 2–3 only in 2003–2004: two components
    const unit = Int32Array.from([0, 0, 1, 1, 2, 2, 3, 3]);
    const time = Int32Array.from([2001, 2002, 2001, 2002, 2003, 2004, 2003, 2004]);
    const x = Float64Array.from([1, 2, 0.5, 3, 2, 1, 4, 0]);
    const y = Float64Array.from([2, 4.1, 1.2, 5.9, 4.2, 1.9, 8.1, 0.2]);
    const r = twfe({ unit, time, y, x: { names: ['x'], values: [x] }, vcov: 'classic' });
    expect(r.absorbedDof).toBe(4 + 4 - 2);
  });
});
