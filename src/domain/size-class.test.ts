import { describe, expect, it } from 'vitest';
import { isSme, type SizeClass, sizeClass } from './size-class.ts';

const M = 1_000_000;

/** Commission Recommendation 2003/361/EC, Annex art. 2: headcount ceilings 10 / 50 / 250. */
describe('sizeClass — headcount alone (financial figures unknown)', () => {
  it.each<[number, SizeClass]>([
    [0, 'micro'],
    [1, 'micro'],
    [9, 'micro'],
    [10, 'small'],
    [49, 'small'],
    [50, 'medium'],
    [249, 'medium'],
    [250, 'large'],
    [12_000, 'large'],
  ])('%i persons → %s', (headcount, cls) => {
    expect(sizeClass({ headcount })).toBe(cls);
    expect(sizeClass({ headcount, turnoverEur: null, balanceSheetEur: null })).toBe(cls);
  });

  it('is unknown without a headcount, whatever the money', () => {
    expect(sizeClass({})).toBeNull();
    expect(sizeClass({ headcount: null, turnoverEur: 1 * M, balanceSheetEur: 1 * M })).toBeNull();
    expect(sizeClass({ headcount: -1 })).toBeNull();
    expect(sizeClass({ headcount: Number.NaN })).toBeNull();
  });
});

describe('sizeClass — turnover OR balance-sheet total (the firm may choose either ceiling)', () => {
  it.each<[string, number, number | null, number | null, SizeClass]>([
    ['30 staff, 12 M€ turnover but 9 M€ balance sheet', 30, 12 * M, 9 * M, 'small'],
    ['30 staff, 12 M€ turnover and 11 M€ balance sheet', 30, 12 * M, 11 * M, 'medium'],
    ['30 staff, both at the small ceiling (10 M€)', 30, 10 * M, 10 * M, 'small'],
    ['5 staff, 3 M€ turnover but 1.5 M€ balance sheet', 5, 3 * M, 1.5 * M, 'micro'],
    ['5 staff, turnover exactly 2 M€', 5, 2 * M, 3 * M, 'micro'],
    ['5 staff, both just above 2 M€', 5, 2 * M + 1, 2 * M + 1, 'small'],
    ['9 staff, 60 M€ turnover and 50 M€ balance sheet', 9, 60 * M, 50 * M, 'large'],
    ['100 staff, 60 M€ turnover but 40 M€ balance sheet', 100, 60 * M, 40 * M, 'medium'],
    ['100 staff, 60 M€ turnover and 44 M€ balance sheet', 100, 60 * M, 44 * M, 'large'],
    ['200 staff, turnover exactly 50 M€', 200, 50 * M, 45 * M, 'medium'],
    ['200 staff, balance sheet exactly 43 M€', 200, 51 * M, 43 * M, 'medium'],
    ['250 staff, tiny money: headcount ceiling is mandatory', 250, 1 * M, 1 * M, 'large'],
    ['49 staff with 1 M€ turnover only', 49, 1 * M, null, 'small'],
  ])('%s → %s', (_label, headcount, turnoverEur, balanceSheetEur, cls) => {
    expect(sizeClass({ headcount, turnoverEur, balanceSheetEur })).toBe(cls);
  });
});

describe('isSme', () => {
  it('counts micro, small and medium as SMEs, not large or unknown', () => {
    expect(['micro', 'small', 'medium', 'large', null].map((c) => isSme(c as SizeClass | null))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});
