import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../graph/random.ts';
import { drdidPanel, regDidPanel, stdIpwDidPanel, type TwoPeriodPanel } from './drdid.ts';

/** A seeded two-period panel with selection on x1 and an x-dependent trend. */
function twoPeriods(n: number, seed: number, covariates = true, weights = false): TwoPeriodPanel {
  const r = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const k = covariates ? 3 : 1;
  const X = new Float64Array(n * k);
  const D = new Float64Array(n);
  const dy = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x1 = normal();
    const x2 = r() < 0.4 ? 1 : 0;
    X[i * k] = 1;
    if (covariates) {
      X[i * k + 1] = x1;
      X[i * k + 2] = x2;
    }
    D[i] = r() < 1 / (1 + Math.exp(-(-0.5 + 0.8 * x1 + 0.5 * x2))) ? 1 : 0;
    dy[i] = 0.5 + 0.7 * x1 - 0.4 * x2 + 1.5 * D[i]! + normal();
    w[i] = 0.5 + r();
  }
  return { n, k, X, D, dy, ...(weights ? { weights: w } : {}) };
}

const estimators = { dr: drdidPanel, ipw: stdIpwDidPanel, reg: regDidPanel };

describe('two-period panel DiD without covariates', () => {
  it('all three are the difference of mean changes, with the two-sample influence function', () => {
    const p = twoPeriods(500, 3, false);
    let n1 = 0;
    let m1 = 0;
    let m0 = 0;
    for (let i = 0; i < p.n; i++) {
      if (p.D[i]) {
        n1++;
        m1 += p.dy[i]!;
      } else m0 += p.dy[i]!;
    }
    m1 /= n1;
    m0 /= p.n - n1;
    const p1 = n1 / p.n;
    for (const [name, f] of Object.entries(estimators)) {
      const est = f(p);
      expect(est.att, name).toBeCloseTo(m1 - m0, 12);
      for (let i = 0; i < p.n; i++) {
        const psi = p.D[i] ? (p.dy[i]! - m1) / p1 : -(p.dy[i]! - m0) / (1 - p1);
        expect(Math.abs(est.influence[i]! - psi), `${name} ψ_${i}`).toBeLessThan(1e-10);
      }
    }
  });
});

describe('influence functions are n · ∂ATT/∂w_i (finite differences)', () => {
  // For a weighted M-estimator Σ_j w_j m_j(θ) = 0, n·∂θ/∂w_i = −mean(w ∂m)⁻¹ m_i, and DRDID's
  // ψ_i carries the weight: ψ_i = w_i · n·∂θ/∂w_i. An independent check of every
  // estimation-effect term (logit, OLS, ratios).
  for (const weighted of [false, true])
    for (const [name, f] of Object.entries(estimators))
      it(`${name}${weighted ? ' with sampling weights' : ''}`, () => {
        const p = twoPeriods(300, 11, true, weighted);
        const base = p.weights ?? new Float64Array(p.n).fill(1);
        const est = f({ ...p, weights: base });
        const h = 1e-4;
        let worst = 0;
        let scale = 0;
        for (const i of [0, 1, 2, 5, 17, 40, 99, 150, 222, 299]) {
          const plus = Float64Array.from(base);
          const minus = Float64Array.from(base);
          plus[i]! += h;
          minus[i]! -= h;
          const derivative =
            (p.n * (f({ ...p, weights: plus }).att - f({ ...p, weights: minus }).att)) / (2 * h);
          worst = Math.max(worst, Math.abs(base[i]! * derivative - est.influence[i]!));
          scale = Math.max(scale, Math.abs(est.influence[i]!));
        }
        expect(worst / scale).toBeLessThan(1e-5);
      });
});

describe('doubly robust estimator', () => {
  it('recovers a known effect when the outcome model is right, and its ψ has mean ≈ 0', () => {
    const p = twoPeriods(20_000, 5);
    const est = drdidPanel(p);
    expect(Math.abs(est.att - 1.5)).toBeLessThan(4 * est.se);
    let mean = 0;
    for (let i = 0; i < p.n; i++) mean += est.influence[i]!;
    expect(Math.abs(mean / p.n)).toBeLessThan(1e-8);
  });
  it('throws on a comparison design without variation (did turns this into an NA cell)', () => {
    const p = twoPeriods(200, 7);
    for (let i = 0; i < p.n; i++) if (!p.D[i]) p.X[i * p.k + 2] = 0;
    expect(() => regDidPanel(p)).toThrow(/singular/);
  });
});
