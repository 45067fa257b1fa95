import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellDisclosable, indexedSeries, singleGroups } from './descriptive.ts';

/** A tiny panel written out by hand: 4 firms, 2010–2012. */
function tiny() {
  // firm 0 (group 0): 10, 11, 12 · firm 1 (group 0): 20, —, 30 · firm 2 (group 1): 5, 5, 6
  // firm 3 (group 1): enters in 2011: 4, 4
  const rows: [number, number, number][] = [
    [0, 2010, 10],
    [0, 2011, 11],
    [0, 2012, 12],
    [1, 2010, 20],
    [1, 2012, 30],
    [2, 2010, 5],
    [2, 2011, 5],
    [2, 2012, 6],
    [3, 2011, 4],
    [3, 2012, 4],
  ];
  return {
    firm: Int32Array.from(rows.map((r) => r[0])),
    year: Int32Array.from(rows.map((r) => r[1])),
    value: Float64Array.from(rows.map((r) => r[2])),
    firms: 4,
    ...singleGroups(Int32Array.from([0, 0, 1, 1])),
    groupCount: 2,
    from: 2010,
    to: 2012,
  };
}

describe('indexedSeries', () => {
  it('open composition: every firm present in a year counts that year', () => {
    const r = indexedSeries({ ...tiny(), composition: 'open' });
    expect(r.years).toEqual([2010, 2011, 2012]);
    expect(Array.from(r.total)).toEqual([30, 11, 42, 5, 9, 10]);
    expect(Array.from(r.count)).toEqual([2, 1, 2, 1, 2, 2]);
    expect(r.index[1]).toBeCloseTo((100 * 11) / 30, 12);
    expect(r.growth[0]).toBeCloseTo(42 / 30 - 1, 12);
    expect(r.growth[1]).toBeCloseTo(10 / 5 - 1, 12);
    expect(Array.from(r.firmsCounted)).toEqual([2, 2]);
  });

  it('balanced composition: only firms with a value every year', () => {
    const r = indexedSeries({ ...tiny(), composition: 'balanced' });
    // group 0 keeps firm 0 only (firm 1 misses 2011); group 1 keeps firm 2 only (firm 3 enters late)
    expect(Array.from(r.total)).toEqual([10, 11, 12, 5, 5, 6]);
    expect(r.growth[0]).toBeCloseTo(0.2, 12);
    expect(r.growth[1]).toBeCloseTo(0.2, 12);
    expect(Array.from(r.firmsCounted)).toEqual([1, 1]);
    expect(Array.from(r.index)).toEqual([100, 110, 120, 100, 100, 120]);
  });

  it('a firm in two groups counts in both; excluded firms in none', () => {
    const t = tiny();
    const r = indexedSeries({
      ...t,
      groupStart: Int32Array.from([0, 2, 2, 3, 3]),
      groups: Int32Array.from([0, 1, 1]),
      composition: 'open',
    });
    expect(Array.from(r.total)).toEqual([10, 11, 12, 15, 16, 18]);
  });

  it('property: totals equal a direct sum over row objects', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 9 }),
            fc.integer({ min: 2000, max: 2005 }),
            fc.double({ min: 0, max: 1e6, noNaN: true }),
          ),
          { maxLength: 60 },
        ),
        fc.array(fc.integer({ min: -1, max: 2 }), { minLength: 10, maxLength: 10 }),
        fc.constantFrom('open', 'balanced'),
        (raw, gof, composition) => {
          // one row per firm-year, as the table's key guarantees
          const uniq = new Map(raw.map((r) => [`${r[0]}:${r[1]}`, r]));
          const rows = [...uniq.values()];
          const input = {
            firm: Int32Array.from(rows.map((r) => r[0])),
            year: Int32Array.from(rows.map((r) => r[1])),
            value: Float64Array.from(rows.map((r) => r[2])),
            firms: 10,
            ...singleGroups(Int32Array.from(gof)),
            groupCount: 3,
            from: 2001,
            to: 2004,
            composition: composition as 'open' | 'balanced',
          };
          const r = indexedSeries(input);
          const inWindow = rows.filter((x) => x[1] >= 2001 && x[1] <= 2004);
          for (let g = 0; g < 3; g++)
            for (let y = 2001; y <= 2004; y++) {
              const firmsOk = (f: number) =>
                composition === 'open' || inWindow.filter((x) => x[0] === f).length === 4;
              const expected = inWindow
                .filter((x) => gof[x[0]] === g && x[1] === y && firmsOk(x[0]))
                .reduce((s, x) => s + x[2], 0);
              expect(r.total[g * 4 + (y - 2001)]).toBeCloseTo(expected, 6);
            }
        },
      ),
    );
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => indexedSeries({ ...tiny(), from: 2012, to: 2010, composition: 'open' })).toThrow(RangeError);
  });
});

describe('cellDisclosable', () => {
  const rule = { minFirms: 3, dominance: 0.85 };
  it('applies the threshold and the dominance rules', () => {
    expect(cellDisclosable(2, 100, 10, rule)).toBe(false);
    expect(cellDisclosable(3, 100, 85, rule)).toBe(true);
    expect(cellDisclosable(3, 100, 86, rule)).toBe(false);
    expect(cellDisclosable(5, 0, 0, rule)).toBe(true);
  });
});

describe('indexedSeries over rows grouped by firm', () => {
  it('gives what the row-order path gives, for both compositions', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            years: fc.uniqueArray(fc.integer({ min: 2008, max: 2016 }), { maxLength: 9 }),
            groups: fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }),
            missing: fc.integer({ min: 0, max: 9 }),
          }),
          { maxLength: 30 },
        ),
        fc.constantFrom<'open' | 'balanced'>('open', 'balanced'),
        (firms, composition) => {
          const firm: number[] = [];
          const year: number[] = [];
          const value: number[] = [];
          const firmStart = [0];
          const groupStart = [0];
          const groups: number[] = [];
          firms.forEach((f, i) => {
            for (const y of [...f.years].sort()) {
              firm.push(i);
              year.push(y);
              value.push(y === 2008 + f.missing ? Number.NaN : ((i * 7 + y) % 13) - 3);
            }
            firmStart.push(firm.length);
            groups.push(...f.groups);
            groupStart.push(groups.length);
          });
          const base = {
            firm: Int32Array.from(firm),
            year: Int32Array.from(year),
            value: Float64Array.from(value),
            firms: firms.length,
            groupStart: Int32Array.from(groupStart),
            groups: Int32Array.from(groups),
            groupCount: 4,
            from: 2009,
            to: 2014,
            composition,
          };
          const byRow = indexedSeries(base);
          const byFirm = indexedSeries({ ...base, firmStart: Int32Array.from(firmStart) });
          expect(byFirm).toEqual(byRow);
        },
      ),
      { numRuns: 300 },
    );
  });
});
