import { describe, expect, it } from 'vitest';
import { locationQuotients } from './location-quotient.ts';

/**
 * Hand example: two sectors (0 = metal products C25, 1 = food C10) in two provinces (0 = Liège,
 * 1 = Namur), one row per establishment:
 *
 *              Liège              Namur            sector total
 *   C25   40 + 30 + 30 = 100       20                   120
 *   C10        100          50 + 50 + 50 + 30 = 180     280
 *   area       200                200                   400
 *
 *   LQ(C25, Liège) = (100/200) / (120/400) = 0.5 / 0.3 = 5/3
 *   LQ(C10, Liège) = (100/200) / (280/400) = 0.5 / 0.7 = 5/7
 *   LQ(C25, Namur) = ( 20/200) / (120/400) = 0.1 / 0.3 = 1/3
 *   LQ(C10, Namur) = (180/200) / (280/400) = 0.9 / 0.7 = 9/7
 *
 * Candidates (LQ ≥ 1, ≥ 50 jobs, ≥ 3 establishments): (C25, Liège) 5/3 with 100 jobs in 3
 * establishments, (C10, Namur) 9/7 with 180 jobs in 4. n = 2, ⌈2/4⌉ = 1: the threshold is the
 * highest, 5/3, so only (C25, Liège) is strong.
 */
const rows = {
  sector: Int32Array.from([0, 0, 0, 1, 0, 1, 1, 1, 1]),
  area: Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1, 1]),
  jobs: Float64Array.from([40, 30, 30, 100, 20, 50, 50, 50, 30]),
  nSectors: 2,
  nAreas: 2,
};
const cell = (s: number, a: number) => s * 2 + a;

describe('locationQuotients', () => {
  it('computes the quotients of the hand example', () => {
    const r = locationQuotients(rows);
    expect(r.totalJobs).toBe(400);
    expect([...r.areaJobs]).toEqual([200, 200]);
    expect([...r.sectorJobs]).toEqual([120, 280]);
    expect(r.jobs[cell(0, 0)]).toBe(100);
    expect(r.establishments[cell(0, 0)]).toBe(3);
    expect(r.establishments[cell(1, 1)]).toBe(4);
    expect(r.lq[cell(0, 0)]).toBeCloseTo(5 / 3, 12);
    expect(r.lq[cell(1, 0)]).toBeCloseTo(5 / 7, 12);
    expect(r.lq[cell(0, 1)]).toBeCloseTo(1 / 3, 12);
    expect(r.lq[cell(1, 1)]).toBeCloseTo(9 / 7, 12);
    expect([...r.strong]).toEqual([1, 0, 0, 0]);
    expect(r.threshold).toBeCloseTo(5 / 3, 12);
  });

  it('applies the size thresholds before the quartile', () => {
    // with ≥ 4 establishments required, (C25, Liège) is no longer a candidate: (C10, Namur) is the top
    const r = locationQuotients(rows, { minEstablishments: 4 });
    expect([...r.strong]).toEqual([0, 0, 0, 1]);
    expect(r.threshold).toBeCloseTo(9 / 7, 12);
    // with 200 jobs required, nothing qualifies
    const none = locationQuotients(rows, { minJobs: 200 });
    expect([...none.strong]).toEqual([0, 0, 0, 0]);
    expect(none.threshold).toBeNull();
  });

  it('takes pre-aggregated rows with their establishment counts', () => {
    const r = locationQuotients({
      sector: Int32Array.from([0, 1, 0, 1]),
      area: Int32Array.from([0, 0, 1, 1]),
      jobs: Float64Array.from([100, 100, 20, 180]),
      establishments: Float64Array.from([3, 1, 1, 4]),
      nSectors: 2,
      nAreas: 2,
    });
    expect([...r.lq]).toEqual([...locationQuotients(rows).lq]);
    expect([...r.strong]).toEqual([1, 0, 0, 0]);
  });

  it('keeps the top quartile of six candidates (⌈6/4⌉ = 2 highest) and marks empty sectors NaN', () => {
    // five areas; sector 0 holds 100, 100, 100, 100, 100 jobs of each area's 200, 250, 300, 350, 400;
    // sector 1 the rest; sector 2 has no job at all
    const sector: number[] = [];
    const area: number[] = [];
    const jobs: number[] = [];
    const own = [200, 250, 300, 350, 400];
    own.forEach((t, a) => {
      for (let k = 0; k < 4; k++) {
        sector.push(0, 1);
        area.push(a, a);
        jobs.push(25, (t - 100) / 4);
      }
    });
    const r = locationQuotients(
      {
        sector: Int32Array.from(sector),
        area: Int32Array.from(area),
        jobs: Float64Array.from(jobs),
        nSectors: 3,
        nAreas: 5,
      },
      { minJobs: 0, minEstablishments: 0 },
    );
    // E(0,R)/E(R) = 500/1500 = 1/3: LQ(0, a) = (100/t) · 3 = 1.5, 1.2, 1, 6/7, 0.75
    expect(r.lq[0]).toBeCloseTo(1.5, 12);
    expect(r.lq[1]).toBeCloseTo(1.2, 12);
    expect(r.lq[2]).toBeCloseTo(1, 12);
    // sector 1: (t−100)/t ÷ (1000/1500): 0.75, 0.9, 1, 15/14, 1.125 → candidates 1, 15/14, 1.125
    // candidates overall: 1.5, 1.2, 1, 1, 15/14, 1.125 (n = 6, ⌈6/4⌉ = 2): threshold 1.2
    expect(r.threshold).toBeCloseTo(1.2, 12);
    expect(r.strong[0]).toBe(1);
    expect(r.strong[1]).toBe(1);
    expect(r.strong[5 + 4]).toBe(0);
    expect(Number.isNaN(r.lq[10]!)).toBe(true);
    expect(r.strong[10]).toBe(0);
  });

  it('rejects misaligned or out-of-range rows', () => {
    expect(() => locationQuotients({ ...rows, jobs: Float64Array.from([1]) })).toThrow(/same length/);
    expect(() =>
      locationQuotients({ ...rows, sector: Int32Array.from([0, 0, 0, 1, 0, 1, 1, 1, 7]) }),
    ).toThrow(/row 8/);
  });
});
