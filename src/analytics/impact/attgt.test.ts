import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/errors.ts';
import { mulberry32 } from '../graph/random.ts';
import { attGt, attGtInfluence } from './attgt.ts';
import { simulatePanel } from './simulate.ts';
import type { BalancedPanel } from './types.ts';

/**
 * Behaviour beyond the R fixtures (which have no sampling weights): an independent brute-force
 * computation with weights, recovery of a known truth, `pre_process_did`'s rules, NA cells.
 */

/** Weighted unconditional ATT(g,t) and its ψ by hand: differences of weighted mean changes. */
function bruteForce(panel: BalancedPanel, control: 'never' | 'notyet') {
  const { periods, units: N, y, cohort } = panel;
  const w = panel.weights!;
  const T = periods.length;
  const groups = [...new Set(cohort)].filter((g) => g > periods[0]!).sort((a, b) => a - b);
  const cells: { group: number; time: number; att: number; psi: Float64Array }[] = [];
  for (const g of groups) {
    const base = periods.indexOf(g) - 1;
    for (let p = 1; p < T; p++) {
      const t = periods[p]!;
      const b = t >= g ? base : p - 1;
      const inC = (c: number) => c === 0 || (control === 'notyet' && c > Math.max(t, periods[b]!) && c !== g);
      let W1 = 0;
      let W0 = 0;
      let m1 = 0;
      let m0 = 0;
      for (let i = 0; i < N; i++) {
        const d = y[i * T + p]! - y[i * T + b]!;
        if (cohort[i] === g) {
          W1 += w[i]!;
          m1 += w[i]! * d;
        } else if (inC(cohort[i]!)) {
          W0 += w[i]!;
          m0 += w[i]! * d;
        }
      }
      m1 /= W1;
      m0 /= W0;
      const psi = new Float64Array(N);
      for (let i = 0; i < N; i++) {
        const d = y[i * T + p]! - y[i * T + b]!;
        if (cohort[i] === g) psi[i] = (N * w[i]! * (d - m1)) / W1;
        else if (inC(cohort[i]!)) psi[i] = (-N * w[i]! * (d - m0)) / W0;
      }
      cells.push({ group: g, time: t, att: m1 - m0, psi });
    }
  }
  return cells;
}

function weightedPanel(seed: number): BalancedPanel {
  const { panel } = simulatePanel({ units: 600, periods: 5, cohorts: [3, 4, 5], seed, covariates: 0 });
  const r = mulberry32(seed + 1);
  return { ...panel, weights: Float64Array.from({ length: panel.units }, () => 0.2 + 2 * r()) };
}

describe('sampling weights (no covariates): independent brute force', () => {
  for (const control of ['never', 'notyet'] as const)
    it(`cells and the simple aggregate with its weights' term, ${control}`, () => {
      const panel = weightedPanel(21);
      const report = attGt(panel, { control, method: 'dr' });
      const ref = bruteForce(panel, control);
      const N = panel.units;
      expect(report.attgt.map((c) => [c.group, c.time])).toEqual(ref.map((c) => [c.group, c.time]));
      ref.forEach((c, k) => {
        let ss = 0;
        for (let i = 0; i < N; i++) ss += c.psi[i]! ** 2;
        expect(report.attgt[k]!.att).toBeCloseTo(c.att, 12);
        expect(report.attgt[k]!.se / (Math.sqrt(ss) / N)).toBeCloseTo(1, 10);
      });
      // did's simple aggregate: p_g = mean(w·1{G = g}); ψ = Σ_k p_k/S ψ_k + wif (compute.aggte.R)
      const w = panel.weights!;
      const pg = (g: number) => {
        let s = 0;
        for (let i = 0; i < N; i++) if (panel.cohort[i] === g) s += w[i]!;
        return s / N;
      };
      const post = ref.filter((c) => c.group <= c.time);
      const S = post.reduce((s, c) => s + pg(c.group), 0);
      const att = post.reduce((s, c) => s + (pg(c.group) * c.att) / S, 0);
      const psi = new Float64Array(N);
      for (let i = 0; i < N; i++) {
        let if1 = 0;
        let sumDev = 0;
        for (const c of post) {
          const dev = w[i]! * (panel.cohort[i] === c.group ? 1 : 0) - pg(c.group);
          psi[i]! += (pg(c.group) / S) * c.psi[i]!;
          if1 += (dev / S) * c.att;
          sumDev += dev;
        }
        const if2 = post.reduce((s, c) => s + ((sumDev * pg(c.group)) / (S * S)) * c.att, 0);
        psi[i]! += if1 - if2;
      }
      let ss = 0;
      for (let i = 0; i < N; i++) ss += psi[i]! ** 2;
      expect(report.aggregates.simple.att).toBeCloseTo(att, 12);
      expect(report.aggregates.simple.se / (Math.sqrt(ss) / N)).toBeCloseTo(1, 10);
    });

  it('is invariant to the scale of the weights', () => {
    const panel = weightedPanel(5);
    const a = attGt(panel, { control: 'notyet', method: 'ipw' });
    const b = attGt(
      { ...panel, weights: panel.weights!.map((v) => v * 7) },
      { control: 'notyet', method: 'ipw' },
    );
    a.attgt.forEach((c, k) => {
      expect(b.attgt[k]!.att).toBeCloseTo(c.att, 10);
      expect(b.attgt[k]!.se).toBeCloseTo(c.se, 10);
    });
    expect(b.aggregates.dynamic.se).toBeCloseTo(a.aggregates.dynamic.se, 10);
  });
});

describe('recovering a known effect (conditional parallel trends, heterogeneous dynamic effects)', () => {
  const sim = simulatePanel({ units: 20_000, periods: 7, cohorts: [3, 4, 6], seed: 2024 });
  for (const control of ['never', 'notyet'] as const)
    it(`dr, ${control}: every cell and the simple ATT within 4 SE of the truth`, () => {
      const r = attGt(sim.panel, { control, method: 'dr' });
      for (const c of r.attgt) {
        const truth = sim.trueAtt(c.group, c.time);
        expect(Math.abs(c.att - truth), `ATT(${c.group},${c.time})`).toBeLessThan(4 * c.se);
      }
      for (const row of r.aggregates.dynamic.rows) {
        if (row.event < 0) expect(Math.abs(row.att)).toBeLessThan(4 * row.se);
      }
      expect(r.pretest!.pValue).toBeGreaterThan(0.001);
    });
  it('the unconditional comparison is biased here (the trend depends on x), as designed', () => {
    const r = attGt(sim.panel, { control: 'never', method: 'dr', ...{} });
    const noCov = attGt({ ...sim.panel, covariates: undefined } as BalancedPanel, {
      control: 'never',
      method: 'dr',
    });
    expect(noCov.pretest!.pValue).toBeLessThan(1e-6);
    expect(Math.abs(noCov.aggregates.simple.att - r.aggregates.simple.att)).toBeGreaterThan(
      5 * r.aggregates.simple.se,
    );
  });
});

describe('preparation as did::pre_process_did', () => {
  const base = () => simulatePanel({ units: 300, periods: 5, cohorts: [3, 4], seed: 8, covariates: 2 }).panel;

  it('treats a cohort after the last period as never treated and drops units treated in period 1', () => {
    const panel = base();
    const cohort = Int32Array.from(panel.cohort);
    cohort[0] = 99;
    cohort[1] = 1;
    cohort[2] = 1;
    const r = attGt({ ...panel, cohort }, { control: 'never', method: 'reg' });
    expect(r.groups).toEqual([3, 4]);
    expect(r.dropped.alreadyTreated).toBe(2);
    expect(r.n).toBe(298);
    expect(r.warnings.join(' ')).toMatch(/already treated/);
  });

  it('drops units with a missing value', () => {
    const panel = base();
    const y = Float64Array.from(panel.y);
    y[7] = Number.NaN;
    const r = attGt({ ...panel, y }, { control: 'never', method: 'dr' });
    expect(r.dropped.missing).toBe(1);
    expect(r.n).toBe(299);
  });

  it('without never-treated units: an error for "never", the last cohort as comparison for "notyet"', () => {
    const panel = base();
    const cohort = panel.cohort.map((g) => (g === 0 ? 5 : g));
    expect(() => attGt({ ...panel, cohort }, { control: 'never', method: 'dr' })).toThrow(ValidationError);
    const r = attGt({ ...panel, cohort }, { control: 'notyet', method: 'dr' });
    expect(r.groups).toEqual([3, 4]);
    expect(r.periods).toEqual([1, 2, 3, 4]);
    expect(Math.max(...r.attgt.map((c) => c.time))).toBe(4);
  });

  it('refuses a never-treated group smaller than #covariates + 5', () => {
    const panel = base();
    let kept = 0;
    const cohort = panel.cohort.map((g) => (g === 0 && kept++ >= 4 ? 3 : g));
    expect(() => attGt({ ...panel, cohort }, { control: 'never', method: 'dr' })).toThrow(/too small/);
  });
});

describe('cells and reports', () => {
  const sim = simulatePanel({ units: 800, periods: 6, cohorts: [3, 5], seed: 4 });

  it('sets a cell to NA when a covariate separates the group (overlap), and aggregates the others', () => {
    const x1 = Float64Array.from(sim.panel.covariates!.values[0]!);
    const T = 6;
    // cohort 5 units sit far to the right on x1: the logit separates them from the never treated
    for (let i = 0; i < sim.panel.units; i++)
      for (let p = 0; p < T; p++) if (sim.panel.cohort[i] === 5) x1[i * T + p]! += 20;
    const panel = {
      ...sim.panel,
      covariates: { names: ['x1', 'x2'], values: [x1, sim.panel.covariates!.values[1]!] },
    };
    const r = attGt(panel, { control: 'never', method: 'dr' });
    const na = r.attgt.filter((c) => Number.isNaN(c.att));
    expect(na.map((c) => c.group)).toEqual([5, 5, 5, 5, 5]);
    expect(na[0]!.note).toMatch(/overlap/);
    expect(r.aggregates.simple.att).toBeGreaterThan(0);
    expect(r.aggregates.group.rows.map((g) => g.group)).toEqual([3]);
    expect(r.warnings.join(' ')).toMatch(/na.rm/);
  });

  it('warns that the pre-test over-rejects when pre-treatment cells hold few treated units', () => {
    const small = attGt(simulatePanel({ units: 100, periods: 6, cohorts: [3, 5], seed: 4 }).panel, {
      control: 'never',
      method: 'dr',
    });
    expect(small.attgt.some((c) => !c.post && c.treated < 50)).toBe(true);
    expect(small.warnings.join(' ')).toMatch(/Pre-test: groups .* over-rejects/);
    const large = attGt(simulatePanel({ units: 6000, periods: 6, cohorts: [3, 5], seed: 4 }).panel, {
      control: 'never',
      method: 'dr',
    });
    expect(large.attgt.every((c) => c.post || c.treated >= 50)).toBe(true);
    expect(large.warnings.join(' ')).not.toMatch(/Pre-test/);
  });

  it('universal base period: the reference cell is 0 with no SE', () => {
    const r = attGt(sim.panel, { control: 'never', method: 'dr', basePeriod: 'universal' });
    const ref = r.attgt.filter((c) => c.time === c.group - 1);
    expect(ref.map((c) => c.att)).toEqual([0, 0]);
    expect(ref.every((c) => Number.isNaN(c.se))).toBe(true);
    expect(r.attgt).toHaveLength(2 * 6);
    expect(r.aggregates.dynamic.rows.find((row) => row.event === -1)!.se).toBeNaN();
  });

  it('groupWif "corrected" changes only the group aggregation’s overall SE', () => {
    const a = attGt(sim.panel, { control: 'never', method: 'dr' });
    const b = attGt(sim.panel, { control: 'never', method: 'dr', groupWif: 'corrected' });
    expect(b.aggregates.group.att).toBe(a.aggregates.group.att);
    expect(b.aggregates.group.rows).toEqual(a.aggregates.group.rows);
    expect(b.aggregates.group.se).not.toBeCloseTo(a.aggregates.group.se, 6);
    expect(b.aggregates.simple).toEqual(a.aggregates.simple);
  });

  it('reports progress, keeps ψ out of the serialisable result, and gives pointwise bounds', () => {
    const calls: [number, number][] = [];
    const r = attGt(sim.panel, {
      control: 'notyet',
      method: 'ipw',
      onProgress: (d, t) => calls.push([d, t]),
    });
    expect(calls.at(-1)).toEqual([10, 10]);
    expect(JSON.stringify(r).length).toBeLessThan(20_000);
    const store = attGtInfluence(r)!;
    expect(store.cells).toHaveLength(10);
    expect(store.n).toBe(800);
    const c = r.attgt[4]!;
    expect(c.upper - c.att).toBeCloseTo(1.959963984540054 * c.se, 12);
    expect(r.band).toBe('pointwise');
  });
});
