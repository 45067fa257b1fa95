/**
 * Descriptive series of a firm-year panel on typed columns: yearly totals of an outcome per
 * group of firms, indexed (base year = 100), and growth over a period — what a policy headline
 * quotes ("employment in member firms +13 % over 2007–2017"). Descriptive, not causal: members
 * differ from other firms before they join (see the impact estimators for effects).
 *
 * Two compositions, which answer different questions and must be labelled:
 * - `balanced` (fixed composition): only firms with a value in every year of the period, so a
 *   change is the change of the same firms (no entry, exit or missing filings);
 * - `open` (open composition): every firm with a value in a year counts that year, so totals also
 *   move with entries, exits and gaps in the sources.
 * Index_t = 100 × total_t / total_base; growth = total_to / total_from − 1 (Eurostat, "Volume
 * index" conventions for a fixed base year).
 */

export type Composition = 'balanced' | 'open';

export interface SeriesInput {
  /** per row: firm index, year, outcome (NaN = missing) */
  firm: Int32Array;
  year: Int32Array;
  value: Float64Array;
  firms: number;
  /**
   * Groups of each firm as CSR: the groups of firm f are `groups[groupStart[f] .. groupStart[f+1])`
   * (a firm may be in several groups, e.g. several networks; none = excluded).
   */
  groupStart: Int32Array;
  groups: Int32Array;
  groupCount: number;
  from: number;
  to: number;
  composition: Composition;
  /**
   * When the rows are grouped by firm (firm f's rows are `firmStart[f] .. firmStart[f+1])`, as in
   * the panel snapshot), each firm is read once and firms in no group are skipped: one pass
   * instead of two for the balanced composition.
   */
  firmStart?: Int32Array;
}

export interface SeriesResult {
  years: number[];
  /** G × T (group-major): sum of the outcome */
  total: Float64Array;
  /** G × T: firms with a value */
  count: Int32Array;
  /** G × T: the largest single firm's value (for the dominance rule) */
  largest: Float64Array;
  /** G × T: 100 × total / total at `from` (NaN when the base total is 0 or missing) */
  index: Float64Array;
  /** per group: total at `to` / total at `from` − 1 */
  growth: Float64Array;
  /** per group: firms in the group that count (balanced: present every year; open: ever present) */
  firmsCounted: Int32Array;
}

/** Yearly totals, counts, index and growth per group. O(rows × groups per firm). */
export function indexedSeries(input: SeriesInput): SeriesResult {
  const { from, to, groupCount: G } = input;
  if (!(to >= from)) throw new RangeError(`the period ends (${to}) before it starts (${from})`);
  const T = to - from + 1;
  const total = new Float64Array(G * T);
  const count = new Int32Array(G * T);
  const largest = new Float64Array(G * T);
  const firmsCounted = new Int32Array(G);
  if (input.firmStart) sumByFirm(input, T, total, count, largest, firmsCounted);
  else sumByRow(input, T, total, count, largest, firmsCounted);
  const index = new Float64Array(G * T);
  const growth = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    const base = total[g * T]!;
    const ok = count[g * T]! > 0 && base !== 0;
    for (let t = 0; t < T; t++)
      index[g * T + t] = ok && count[g * T + t]! > 0 ? (100 * total[g * T + t]!) / base : Number.NaN;
    growth[g] = ok && count[g * T + T - 1]! > 0 ? total[g * T + T - 1]! / base - 1 : Number.NaN;
  }
  return {
    years: Array.from({ length: T }, (_, t) => from + t),
    total,
    count,
    largest,
    index,
    growth,
    firmsCounted,
  };
}

/** Rows in any order: a pass to find the balanced firms, a pass to sum. */
function sumByRow(
  input: SeriesInput,
  T: number,
  total: Float64Array,
  count: Int32Array,
  largest: Float64Array,
  firmsCounted: Int32Array,
): void {
  const { firm, year, value, from, to, groupStart, groups } = input;
  const n = firm.length;
  // balanced: a firm counts only with a value in each of the T years (the key makes each
  // firm-year unique, so counting values per firm is enough)
  let keep: Uint8Array | null = null;
  if (input.composition === 'balanced') {
    const present = new Int32Array(input.firms);
    for (let i = 0; i < n; i++) {
      const y = year[i]!;
      if (y >= from && y <= to && !Number.isNaN(value[i]!)) present[firm[i]!]!++;
    }
    keep = new Uint8Array(input.firms);
    for (let f = 0; f < input.firms; f++) keep[f] = present[f] === T ? 1 : 0;
  }
  const seen = new Uint8Array(input.firms);
  for (let i = 0; i < n; i++) {
    const y = year[i]!;
    if (y < from || y > to) continue;
    const v = value[i]!;
    if (Number.isNaN(v)) continue;
    const f = firm[i]!;
    if (keep && keep[f] === 0) continue;
    seen[f] = 1;
    const t = y - from;
    for (let k = groupStart[f]!; k < groupStart[f + 1]!; k++) {
      const c = groups[k]! * T + t;
      total[c]! += v;
      count[c]!++;
      if (Math.abs(v) > largest[c]!) largest[c] = Math.abs(v);
    }
  }
  for (let f = 0; f < input.firms; f++)
    if (seen[f]) for (let k = groupStart[f]!; k < groupStart[f + 1]!; k++) firmsCounted[groups[k]!]!++;
}

/** Rows grouped by firm: each firm in a group read once (the balanced check on its own rows). */
function sumByFirm(
  input: SeriesInput,
  T: number,
  total: Float64Array,
  count: Int32Array,
  largest: Float64Array,
  firmsCounted: Int32Array,
): void {
  const { year, value, from, to, groupStart, groups } = input;
  const firmStart = input.firmStart!;
  const balanced = input.composition === 'balanced';
  for (let f = 0; f < input.firms; f++) {
    const g0 = groupStart[f]!;
    const g1 = groupStart[f + 1]!;
    if (g0 === g1) continue;
    const a = firmStart[f]!;
    const b = firmStart[f + 1]!;
    if (balanced) {
      // the key makes each firm-year unique: T values in the window means every year
      let present = 0;
      for (let i = a; i < b; i++) {
        const y = year[i]!;
        if (y >= from && y <= to && !Number.isNaN(value[i]!)) present++;
      }
      if (present !== T) continue;
    }
    let seen = false;
    for (let i = a; i < b; i++) {
      const y = year[i]!;
      if (y < from || y > to) continue;
      const v = value[i]!;
      if (Number.isNaN(v)) continue;
      seen = true;
      const t = y - from;
      const abs = Math.abs(v);
      for (let k = g0; k < g1; k++) {
        const c = groups[k]! * T + t;
        total[c]! += v;
        count[c]!++;
        if (abs > largest[c]!) largest[c] = abs;
      }
    }
    if (seen) for (let k = g0; k < g1; k++) firmsCounted[groups[k]!]!++;
  }
}

/** Build the CSR group layout from one group per firm (-1 = excluded). */
export function singleGroups(groupOf: Int32Array): { groupStart: Int32Array; groups: Int32Array } {
  const groupStart = new Int32Array(groupOf.length + 1);
  let m = 0;
  for (let f = 0; f < groupOf.length; f++) {
    groupStart[f] = m;
    if (groupOf[f]! >= 0) m++;
  }
  groupStart[groupOf.length] = m;
  const groups = new Int32Array(m);
  for (let f = 0; f < groupOf.length; f++) if (groupOf[f]! >= 0) groups[groupStart[f]!] = groupOf[f]!;
  return { groupStart, groups };
}

/**
 * Whether a cell may be published: at least `minFirms` firms and no firm above `dominance` of
 * the total (threshold and (1, k) dominance rules of statistical disclosure control).
 */
export function cellDisclosable(
  count: number,
  total: number,
  largest: number,
  rule: { minFirms: number; dominance: number },
): boolean {
  if (count < rule.minFirms) return false;
  const denom = Math.abs(total);
  return denom > 0 ? largest / denom <= rule.dominance : count >= rule.minFirms;
}
