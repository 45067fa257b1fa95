import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../graph/random.ts';
import { attGt, attGtInfluence } from './attgt.ts';
import { bootstrapTask, drawsFromSubsetSums, subsetSums } from './attgt-bootstrap.ts';
import { emptyExpression, evaluateExpression, type InfluenceStore } from './attgt-influence.ts';
import { simulatePanel } from './simulate.ts';

/** Dense columns of the bootstrap (cells, group indicators × weights, constant), internal order. */
function denseColumns(store: InfluenceStore): Float64Array[] {
  const K = store.cells.length;
  const nG = store.groupClass.length;
  const cols: Float64Array[] = [];
  for (let c = 0; c < K + nG + 1; c++) {
    const e = emptyExpression(K, nG);
    if (c < K) e.cells[c] = 1;
    else if (c < K + nG) e.groups[c - K] = 1;
    else e.constant = 1;
    cols.push(evaluateExpression(store, e));
  }
  return cols;
}

describe('subset-sum bootstrap engine', () => {
  it('equals the naive Σ_i v_bi ψ_i / √n for given masks (not-yet comparisons, weights)', () => {
    const sim = simulatePanel({ units: 203, periods: 5, cohorts: [3, 4, 5], seed: 3 });
    const r0 = mulberry32(9);
    const weights = Float64Array.from({ length: 203 }, () => 0.5 + r0());
    const report = attGt({ ...sim.panel, weights }, { control: 'notyet', method: 'dr' });
    const store = attGtInfluence(report)!;
    const B = 37;
    const task = bootstrapTask(store, B, 1, 'rademacher');
    const r = mulberry32(4);
    // u[b][unit], recorded as the engine asks for each block's masks
    const u = Array.from({ length: B }, () => new Uint8Array(store.n));
    const sums = subsetSums(task, {
      masks: (h, block, draws, units) => {
        const out = new Uint8Array(draws);
        for (let b = 0; b < draws; b++) {
          let m = 0;
          for (let j = 0; j < units; j++)
            if (r() < 0.5) {
              m |= 1 << j;
              u[b]![store.classes[h]!.start + 8 * block + j] = 1;
            }
          out[b] = m;
        }
        return out;
      },
    });
    const draws = drawsFromSubsetSums(task, sums);
    const cols = denseColumns(store);
    let worst = 0;
    cols.forEach((col, c) => {
      for (let b = 0; b < B; b++) {
        let s = 0;
        for (let i = 0; i < store.n; i++) s += (2 * u[b]![i]! - 1) * col[i]!;
        s /= Math.sqrt(store.n);
        worst = Math.max(worst, Math.abs(draws[b * task.columns + c]! - s) / (1 + Math.abs(s)));
      }
    });
    expect(worst).toBeLessThan(1e-12);
  });

  it('draws with mean 0 and the covariance Ψ′Ψ/n (Mammen and Rademacher)', () => {
    const sim = simulatePanel({ units: 400, periods: 4, cohorts: [3, 4], seed: 5 });
    const store = attGtInfluence(attGt(sim.panel, { control: 'never', method: 'ipw' }))!;
    const cols = denseColumns(store);
    for (const multiplier of ['rademacher', 'mammen'] as const) {
      const B = 20_000;
      const task = bootstrapTask(store, B, 77, multiplier);
      const draws = drawsFromSubsetSums(task, subsetSums(task));
      for (const c of [0, 3, 5]) {
        let target = 0;
        for (let i = 0; i < store.n; i++) target += cols[c]![i]! ** 2 / store.n;
        let m = 0;
        let v = 0;
        for (let b = 0; b < B; b++) m += draws[b * task.columns + c]! / B;
        for (let b = 0; b < B; b++) v += (draws[b * task.columns + c]! - m) ** 2 / (B - 1);
        // sd of a variance estimate from 20,000 draws ≈ 1.4 % (√(2/B), heavier for Mammen)
        expect(Math.abs(v / target - 1), `${multiplier} column ${c}`).toBeLessThan(0.06);
        expect(Math.abs(m) / Math.sqrt(target)).toBeLessThan(0.05);
      }
    }
  });
});

describe('attGt with the multiplier bootstrap', () => {
  const sim = simulatePanel({ units: 3000, periods: 6, cohorts: [3, 4, 5], seed: 12 });

  for (const multiplier of ['rademacher', 'mammen'] as const)
    it(`bootstrap SEs within 10 % of the analytic ones (${multiplier}, 999 draws)`, () => {
      const r = attGt(sim.panel, { control: 'never', method: 'dr', bootstrap: 999, seed: 3, multiplier });
      const ratios = [
        ...r.attgt.map((c) => c.se / c.seAnalytic!),
        r.aggregates.simple.se / r.aggregates.simple.seAnalytic!,
        ...r.aggregates.dynamic.rows.map((row) => row.se / row.seAnalytic!),
        ...r.aggregates.group.rows.map((row) => row.se / row.seAnalytic!),
        ...r.aggregates.calendar.rows.map((row) => row.se / row.seAnalytic!),
      ];
      for (const ratio of ratios) {
        expect(ratio).toBeGreaterThan(0.9);
        expect(ratio).toBeLessThan(1.1);
      }
      // a sup-t band over 15 cells is wider than pointwise, narrower than Bonferroni's 3.2
      expect(r.band).toBe('uniform');
      expect(r.critical).toBeGreaterThan(2.3);
      expect(r.critical).toBeLessThan(3.2);
      expect(r.aggregates.dynamic.critical).toBeGreaterThan(1.96);
      const c = r.attgt[3]!;
      expect(c.upper - c.att).toBeCloseTo(r.critical * c.se, 12);
    });

  it('is reproducible from its seed', () => {
    const a = attGt(sim.panel, { control: 'notyet', method: 'reg', bootstrap: 199, seed: 5 });
    const b = attGt(sim.panel, { control: 'notyet', method: 'reg', bootstrap: 199, seed: 5 });
    const c = attGt(sim.panel, { control: 'notyet', method: 'reg', bootstrap: 199, seed: 6 });
    expect(b).toEqual(a);
    expect(c.attgt[0]!.se).not.toBe(a.attgt[0]!.se);
    expect(c.attgt[0]!.att).toBe(a.attgt[0]!.att);
  });
});
