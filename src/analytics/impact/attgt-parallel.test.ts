import { describe, expect, it } from 'vitest';
import { attGt } from './attgt.ts';
import { attGtParallel } from './attgt-parallel.ts';
import { simulatePanel } from './simulate.ts';

describe('attGtParallel', () => {
  it('gives the numbers of attGt (cells on 2 workers, bootstrap blocks split by work)', async () => {
    const sim = simulatePanel({ units: 3000, periods: 6, cohorts: [3, 4, 5], seed: 8 });
    const options = { control: 'notyet' as const, method: 'dr' as const, bootstrap: 199, seed: 2 };
    const a = attGt(sim.panel, options);
    const calls: number[] = [];
    const b = await attGtParallel(sim.panel, {
      ...options,
      threads: 2,
      fallback: 'throw',
      onProgress: (done, total) => calls.push(done / total),
    });
    expect(b.attgt.map((c) => c.att)).toEqual(a.attgt.map((c) => c.att));
    b.attgt.forEach((c, k) => {
      expect(c.se).toBeCloseTo(a.attgt[k]!.se, 12);
      expect(c.seAnalytic).toBe(a.attgt[k]!.seAnalytic);
    });
    expect(b.critical).toBeCloseTo(a.critical, 12);
    expect(b.aggregates.dynamic.se).toBeCloseTo(a.aggregates.dynamic.se, 12);
    expect(b.pretest).toEqual(a.pretest);
    expect(calls.at(-1)).toBe(1);
  }, 60_000);
});
