import type { BalancedPanel } from '../../analytics/impact/types.ts';
import type { Outcome, PanelSnapshot } from './panel-snapshot.ts';

/**
 * The estimators' input from the snapshot: a balanced wide panel (N firms × T years) of one
 * outcome, with each firm's first treated year and the covariates conditional parallel trends
 * rest on — size class (from FTE in each year: < 50, 50–249, ≥ 250; dummies for the two upper
 * classes) and sector (NACE division dummies; the most frequent division is the reference).
 * The estimators read covariates at the base period.
 *
 * Kept: firms of `include` with a (positive, when logged) value in every year of [from, to].
 * Dropped and counted: incomplete firms; firms treated in or before `from` (no pre-period: the
 * estimators cannot use them); firms of a division without both treated and never-treated
 * firms (no common support — their propensity would be 0 or 1). A first treated year after `to`
 * counts as never treated within the window.
 */

export interface BalancedOptions {
  outcome: Outcome;
  /** take the natural log (growth rates; firms need positive values) */
  log?: boolean;
  from: number;
  to: number;
  /** first treated year per firm (0 = never) */
  cohort: Int32Array;
  /** per firm: 1 = eligible (the population) */
  include?: Uint8Array;
  covariates?: ('size' | 'sector')[];
  /** per firm: the firm's NACE code index (snap.naceDict), -1 unknown; needed for `sector` */
  nace?: Int32Array;
}

export interface BalancedResult {
  panel: BalancedPanel;
  /** snapshot firm index of each panel unit */
  firmIndex: Int32Array;
  dropped: { incomplete: number; treatedAtStart: number; noSupport: number };
  /** reference and dummy divisions of the sector covariate */
  sectors: { reference: string | null; dummies: string[] };
}

export function balancedPanel(snap: PanelSnapshot, o: BalancedOptions): BalancedResult {
  const T = o.to - o.from + 1;
  const F = snap.enterprise.length;
  const useSize = o.covariates?.includes('size') === true;
  const wide = new Float64Array(F * T).fill(Number.NaN);
  const fte = new Float64Array(F * T).fill(Number.NaN);
  const y = snap[o.outcome];
  for (let i = 0; i < snap.rows; i++) {
    const t = snap.year[i]! - o.from;
    if (t < 0 || t >= T) continue;
    const f = snap.firm[i]!;
    wide[f * T + t] = y[i]!;
    fte[f * T + t] = snap.fte[i]!;
  }
  const cohortOf = (f: number) => {
    const g = o.cohort[f]!;
    return g > o.to ? 0 : g;
  };
  const dropped = { incomplete: 0, treatedAtStart: 0, noSupport: 0 };
  const candidate: number[] = [];
  for (let f = 0; f < F; f++) {
    if (o.include && !o.include[f]) continue;
    let ok = true;
    for (let t = 0; t < T && ok; t++) {
      const v = wide[f * T + t]!;
      if (Number.isNaN(v) || (o.log && !(v > 0))) ok = false;
      if (useSize && Number.isNaN(fte[f * T + t]!)) ok = false;
    }
    if (!ok) dropped.incomplete++;
    else if (cohortOf(f) > 0 && cohortOf(f) <= o.from) dropped.treatedAtStart++;
    else candidate.push(f);
  }
  // common support by division
  const useSector = o.covariates?.includes('sector') === true;
  const division = (f: number) => {
    const k = o.nace?.[f] ?? -1;
    return k >= 0 ? snap.naceDict[k]!.slice(0, 2) : '?';
  };
  let kept = candidate;
  let reference: string | null = null;
  let dummies: string[] = [];
  if (useSector) {
    const treated = new Map<string, number>();
    const never = new Map<string, number>();
    for (const f of candidate) {
      const d = division(f);
      const m = cohortOf(f) > 0 ? treated : never;
      m.set(d, (m.get(d) ?? 0) + 1);
    }
    kept = candidate.filter((f) => {
      const d = division(f);
      const ok = d !== '?' && (treated.get(d) ?? 0) > 0 && (never.get(d) ?? 0) > 0;
      if (!ok) dropped.noSupport++;
      return ok;
    });
    const counts = new Map<string, number>();
    for (const f of kept) counts.set(division(f), (counts.get(division(f)) ?? 0) + 1);
    const divs = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    reference = divs[0]?.[0] ?? null;
    dummies = divs
      .slice(1)
      .map((d) => d[0])
      .sort();
  }
  const N = kept.length;
  const out = new Float64Array(N * T);
  const cohort = new Int32Array(N);
  const names: string[] = [];
  const values: Float64Array[] = [];
  if (useSize) names.push('size_medium', 'size_large');
  if (useSector) for (const d of dummies) names.push(`nace_${d}`);
  for (let c = 0; c < names.length; c++) values.push(new Float64Array(N * T));
  const dummyPos = new Map(dummies.map((d, i) => [d, i]));
  const c0 = useSize ? 2 : 0;
  for (let n = 0; n < N; n++) {
    const f = kept[n]!;
    cohort[n] = cohortOf(f);
    const d = useSector ? dummyPos.get(division(f)) : undefined;
    for (let t = 0; t < T; t++) {
      const v = wide[f * T + t]!;
      out[n * T + t] = o.log ? Math.log(v) : v;
      if (useSize) {
        const e = fte[f * T + t]!;
        values[0]![n * T + t] = e >= 50 && e < 250 ? 1 : 0;
        values[1]![n * T + t] = e >= 250 ? 1 : 0;
      }
      if (d !== undefined) values[c0 + d]![n * T + t] = 1;
    }
  }
  const panel: BalancedPanel = {
    periods: Int32Array.from({ length: T }, (_, t) => o.from + t),
    units: N,
    y: out,
    cohort,
    labels: kept.map((f) => snap.enterprise[f]!),
  };
  if (names.length) panel.covariates = { names, values };
  return { panel, firmIndex: Int32Array.from(kept), dropped, sectors: { reference, dummies } };
}
