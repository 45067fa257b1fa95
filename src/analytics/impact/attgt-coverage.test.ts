import { describe, expect, it } from 'vitest';
import { attGt } from './attgt.ts';
import { populationShares, simulatedEffect, simulatePanel } from './simulate.ts';

/**
 * Monte Carlo: 200 seeded replications of a small staggered panel (500 units, 5 periods, cohorts
 * 3/4/5 + never treated, selection on covariates, conditional parallel trends). The analytic 95 %
 * intervals of every ATT(g,t), of the group rows and of the simple and event-study aggregates
 * must cover the design's true values at close to the nominal rate.
 *
 * Tolerances. 200 replications × 12 cells = 2,400 intervals (correlated within a replication):
 * at 95 % the pooled rate has a Monte-Carlo SD of ≈ 0.6 %, so [0.93, 0.97] is a ±3 SD band.
 * A correct estimator lands at 0.950 here; the same intervals with SEs 20 % too small cover
 * 0.867, which the band rejects (checked below, so the test has power). Each aggregate has 200
 * intervals (SD 1.5 %), and there are 13 of them: ±3.5 SD, [0.895, 0.995] (observed 0.91–0.975).
 * Mean SE over the Monte-Carlo SD of the estimates (itself ±5 %) must be within [0.85, 1.15].
 */

const DESIGN = { units: 500, periods: 5, cohorts: [3, 4, 5] };
const REPS = 200;
const Z = 1.959963984540054;

describe('coverage of the analytic intervals (dr, never treated)', () => {
  const shares = populationShares({ ...DESIGN, seed: 0 });
  const G = DESIGN.cohorts;
  const periods = [1, 2, 3, 4, 5];
  const tau = (j: number, t: number) => simulatedEffect(j, t - G[j]!);
  // true aggregates: p_g-weighted averages of the true cells (compute.aggte's estimands)
  let num = 0;
  let den = 0;
  G.forEach((g, j) => {
    for (const t of periods.filter((t) => t >= g)) {
      num += shares[j]! * tau(j, t);
      den += shares[j]!;
    }
  });
  const simpleTruth = num / den;
  const groupTruth = G.map((g, j) => {
    const post = periods.filter((t) => t >= g);
    return post.reduce((s, t) => s + tau(j, t), 0) / post.length;
  });
  const eventTruth = (e: number) => {
    let n = 0;
    let d = 0;
    G.forEach((g, j) => {
      if (g + e >= 2 && g + e <= 5) {
        n += shares[j]! * (e >= 0 ? tau(j, g + e) : 0);
        d += shares[j]!;
      }
    });
    return n / d;
  };
  const dynamicTruth = (eventTruth(0) + eventTruth(1) + eventTruth(2)) / 3;

  const cells = { hits: 0, narrowHits: 0, total: 0 };
  const targets = new Map<string, { hits: number; est: number[]; se: number[] }>();
  const record = (key: string, est: number, se: number, truth: number) => {
    const t = targets.get(key) ?? { hits: 0, est: [], se: [] };
    if (Math.abs(est - truth) <= Z * se) t.hits++;
    t.est.push(est);
    t.se.push(se);
    targets.set(key, t);
  };

  it(`covers at the nominal rate over ${REPS} replications`, () => {
    for (let rep = 0; rep < REPS; rep++) {
      const sim = simulatePanel({ ...DESIGN, seed: 1000 + rep });
      const r = attGt(sim.panel, { control: 'never', method: 'dr' });
      for (const c of r.attgt) {
        const err = Math.abs(c.att - sim.trueAtt(c.group, c.time));
        cells.total++;
        if (err <= Z * c.se) cells.hits++;
        if (err <= Z * 0.8 * c.se) cells.narrowHits++;
        record(`ATT(${c.group},${c.time})`, c.att, c.se, sim.trueAtt(c.group, c.time));
      }
      record('simple', r.aggregates.simple.att, r.aggregates.simple.se, simpleTruth);
      record('dynamic', r.aggregates.dynamic.att, r.aggregates.dynamic.se, dynamicTruth);
      for (const row of r.aggregates.group.rows)
        record(`group ${row.group}`, row.att, row.se, groupTruth[G.indexOf(row.group)]!);
      for (const row of r.aggregates.dynamic.rows)
        record(`event ${row.event}`, row.att, row.se, eventTruth(row.event));
    }
    const pooled = cells.hits / cells.total;
    expect(pooled).toBeGreaterThan(0.93);
    expect(pooled).toBeLessThan(0.97);
    // power: SEs 20 % too small are caught
    expect(cells.narrowHits / cells.total).toBeLessThan(0.93);
    for (const [key, t] of targets) {
      const coverage = t.hits / REPS;
      if (!key.startsWith('ATT')) {
        expect(coverage, key).toBeGreaterThan(0.895);
        expect(coverage, key).toBeLessThan(0.995);
      }
      const mean = t.est.reduce((a, b) => a + b, 0) / REPS;
      const sd = Math.sqrt(t.est.reduce((a, b) => a + (b - mean) ** 2, 0) / (REPS - 1));
      const meanSe = t.se.reduce((a, b) => a + b, 0) / REPS;
      expect(meanSe / sd, key).toBeGreaterThan(0.85);
      expect(meanSe / sd, key).toBeLessThan(1.15);
    }
  });
});
