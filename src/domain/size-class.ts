/**
 * EU SME size classes, Commission Recommendation 2003/361/EC, Annex art. 2:
 * - medium: < 250 persons AND (turnover ≤ 50 M€ OR balance-sheet total ≤ 43 M€)
 * - small:  < 50 persons  AND (turnover ≤ 10 M€ OR balance-sheet total ≤ 10 M€)
 * - micro:  < 10 persons  AND (turnover ≤ 2 M€  OR balance-sheet total ≤ 2 M€)
 * The headcount ceiling is mandatory; the firm may choose either financial ceiling.
 * When financial figures are unknown, the class follows headcount alone.
 */

export const SIZE_CLASSES = ['micro', 'small', 'medium', 'large'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];

export interface SizeFigures {
  /** Staff headcount in annual work units. */
  headcount?: number | null;
  /** Annual turnover in EUR. */
  turnoverEur?: number | null;
  /** Annual balance-sheet total in EUR. */
  balanceSheetEur?: number | null;
}

const THRESHOLDS: ReadonlyArray<{ cls: SizeClass; staff: number; turnover: number; balance: number }> = [
  { cls: 'micro', staff: 10, turnover: 2_000_000, balance: 2_000_000 },
  { cls: 'small', staff: 50, turnover: 10_000_000, balance: 10_000_000 },
  { cls: 'medium', staff: 250, turnover: 50_000_000, balance: 43_000_000 },
];

/** The EU size class, or null when the headcount is unknown. */
export function sizeClass(f: SizeFigures): SizeClass | null {
  const staff = f.headcount;
  if (staff == null || !Number.isFinite(staff) || staff < 0) return null;
  const hasMoney = f.turnoverEur != null || f.balanceSheetEur != null;
  for (const t of THRESHOLDS) {
    if (staff >= t.staff) continue;
    if (!hasMoney) return t.cls;
    const turnoverOk = f.turnoverEur != null && f.turnoverEur <= t.turnover;
    const balanceOk = f.balanceSheetEur != null && f.balanceSheetEur <= t.balance;
    if (turnoverOk || balanceOk) return t.cls;
  }
  return 'large';
}

export function isSme(cls: SizeClass | null): boolean {
  return cls === 'micro' || cls === 'small' || cls === 'medium';
}
