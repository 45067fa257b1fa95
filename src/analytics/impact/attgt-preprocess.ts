import { type ErrorDetail, ValidationError } from '../../domain/errors.ts';
import type { BalancedPanel } from './types.ts';

/**
 * Preparation of a balanced panel for `attGt`, following `did::pre_process_did` (did 2.1.2,
 * `R/pre_process_did.R`) step by step:
 *
 * 1. units with a missing value (outcome, covariate or weight, any period) are dropped — `did`
 *    drops the rows, then the unit when it re-balances the panel;
 * 2. a cohort after the last period counts as never treated (0);
 * 3. without never-treated units, "not yet treated" keeps the periods before the last cohort
 *    (minus anticipation) and that last cohort serves only as a comparison ("never" is an error);
 * 4. groups treated at or before the first period (+ anticipation) are not estimated; when some
 *    unit was already treated in the first period, `did` removes every unit whose cohort is not
 *    estimated (it counts them as "already treated"); otherwise such units stay in n but never
 *    enter a comparison.
 *
 * Units are then put in "internal order": sorted by cohort (never treated first), so that every
 * treated group and every comparison set is a union of contiguous ranges.
 */

export interface PreparedPanel {
  panel: BalancedPanel;
  /** Stride of the panel arrays (panel.periods.length). */
  stride: number;
  /** Periods used, ascending (a prefix of panel.periods). */
  periods: Int32Array;
  /** Treated groups whose ATT(g,t) are estimated, ascending. */
  groups: number[];
  /** Units kept, n. */
  n: number;
  /** Internal position → unit index in the panel. */
  order: Int32Array;
  /** Cohort classes in internal order: cohort value and the range [start, end) of their units. */
  classes: CohortClass[];
  /**
   * Outcome by period in internal order: period p, internal unit u at p·n + u (periods used only).
   * A cell then reads its classes as contiguous runs instead of one cache line per unit.
   */
  yByPeriod: Float64Array;
  /** Covariates in the same layout. */
  covByPeriod: Float64Array[];
  /** Sampling weights in internal order (ones when the panel has none). */
  weights: Float64Array;
  hasWeights: boolean;
  covariateCount: number;
  dropped: { missing: number; alreadyTreated: number };
  warnings: string[];
}

export interface CohortClass {
  /** First treated period (0 = never treated, after recoding). */
  cohort: number;
  start: number;
  end: number;
}

export interface PrepareOptions {
  control: 'never' | 'notyet';
  anticipation: number;
  /** Put the per-period columns and weights on shared memory (for worker threads). */
  shared?: boolean;
}

function allocate(length: number, shared: boolean): Float64Array {
  return shared ? new Float64Array(new SharedArrayBuffer(length * 8)) : new Float64Array(length);
}

function fail(message: string, details: ErrorDetail[] = []): never {
  throw new ValidationError(message, details);
}

function validate(panel: BalancedPanel): void {
  const { periods, units: N, y, cohort } = panel;
  const T = periods.length;
  const details: ErrorDetail[] = [];
  if (T < 2) details.push({ path: 'periods', message: `at least 2 periods are needed, got ${T}` });
  for (let p = 1; p < T; p++)
    if (!(periods[p]! > periods[p - 1]!)) {
      details.push({
        path: 'periods',
        message: 'periods must be strictly increasing',
        value: String(periods[p]),
      });
      break;
    }
  if (y.length !== N * T)
    details.push({ path: 'y', message: `expected ${N} × ${T} values, got ${y.length}` });
  if (cohort.length !== N)
    details.push({ path: 'cohort', message: `expected ${N} values, got ${cohort.length}` });
  for (let i = 0; i < cohort.length; i++)
    if (cohort[i]! < 0) {
      details.push({
        path: 'cohort',
        row: i,
        message: 'a cohort is a first treated period or 0 (never treated)',
      });
      break;
    }
  const cov = panel.covariates;
  if (cov) {
    if (cov.names.length !== cov.values.length)
      details.push({
        path: 'covariates',
        message: `${cov.names.length} names for ${cov.values.length} columns`,
      });
    cov.values.forEach((v, j) => {
      if (v.length !== N * T)
        details.push({
          path: `covariates.${cov.names[j] ?? j}`,
          message: `expected ${N} × ${T} values, got ${v.length}`,
        });
    });
  }
  const w = panel.weights;
  if (w) {
    if (w.length !== N) details.push({ path: 'weights', message: `expected ${N} values, got ${w.length}` });
    for (let i = 0; i < w.length; i++)
      if (w[i]! < 0) {
        details.push({
          path: 'weights',
          row: i,
          message: 'weights must be non-negative',
          value: String(w[i]),
        });
        break;
      }
  }
  if (details.length > 0) fail('Invalid panel for the Callaway–Sant’Anna estimator', details);
}

function sortedUnique(values: Iterable<number>): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

/** Prepare a panel as `did::pre_process_did` does (see the module comment). */
export function preparePanel(panel: BalancedPanel, options: PrepareOptions): PreparedPanel {
  validate(panel);
  const { anticipation, control } = options;
  const N = panel.units;
  const stride = panel.periods.length;
  const covs = panel.covariates?.values ?? [];
  const warnings: string[] = [];

  // 1. complete cases over every period
  const keep = new Uint8Array(N).fill(1);
  let missing = 0;
  for (let i = 0; i < N; i++) {
    let ok = !panel.weights || !Number.isNaN(panel.weights[i]!);
    for (let p = 0; ok && p < stride; p++) {
      if (Number.isNaN(panel.y[i * stride + p]!)) ok = false;
      for (const c of covs) if (Number.isNaN(c[i * stride + p]!)) ok = false;
    }
    if (!ok) {
      keep[i] = 0;
      missing++;
    }
  }
  if (missing > 0) warnings.push(`Dropped ${missing} units with missing data.`);

  // 2. cohorts after the last period are never treated
  const lastPeriod = panel.periods[stride - 1]!;
  const cohort = new Float64Array(N);
  for (let i = 0; i < N; i++) cohort[i] = panel.cohort[i]! > lastPeriod ? 0 : panel.cohort[i]!;

  const keptCohorts = () => {
    const out: number[] = [];
    for (let i = 0; i < N; i++) if (keep[i]) out.push(cohort[i]!);
    return out;
  };
  let periodCount = stride;
  let glist = sortedUnique(keptCohorts());

  // 3. no never-treated units
  if (!glist.includes(0)) {
    if (control === 'never')
      fail('There is no never-treated group: use the not-yet-treated comparison group');
    const maxG = glist[glist.length - 1]!;
    periodCount = 0;
    while (periodCount < stride && panel.periods[periodCount]! < maxG - anticipation) periodCount++;
    glist = glist.filter((g) => g < maxG);
  }
  if (periodCount < 2) fail('Fewer than two periods remain before the last treated cohort');
  const first = panel.periods[0]!;
  glist = glist.filter((g) => g > 0 && g > first + anticipation);

  // 4. units already treated in the first period
  let alreadyTreated = 0;
  let treatedFirst = 0;
  for (let i = 0; i < N; i++) if (keep[i] && cohort[i]! > 0 && cohort[i]! <= first) treatedFirst++;
  if (treatedFirst > 0) {
    const estimated = new Set(glist);
    for (let i = 0; i < N; i++)
      if (keep[i] && cohort[i] !== 0 && !estimated.has(cohort[i]!)) {
        keep[i] = 0;
        alreadyTreated++;
      }
    warnings.push(`Dropped ${alreadyTreated} units that were already treated in the first period.`);
    glist = sortedUnique(keptCohorts()).filter((g) => g > 0 && g > first + anticipation);
  }
  if (glist.length === 0)
    fail('No valid groups: every cohort is treated in the first period (or never treated)', [
      { path: 'cohort', message: 'the first treated period of each unit, 0 if never treated' },
    ]);

  // internal order: by cohort, never treated first (stable: by unit index within a cohort)
  const kept: number[] = [];
  for (let i = 0; i < N; i++) if (keep[i]) kept.push(i);
  kept.sort((a, b) => cohort[a]! - cohort[b]! || a - b);
  const n = kept.length;
  const order = Int32Array.from(kept);
  const classes: CohortClass[] = [];
  for (let u = 0; u < n; u++) {
    const c = cohort[order[u]!]!;
    const last = classes[classes.length - 1];
    if (last && last.cohort === c) last.end = u + 1;
    else classes.push({ cohort: c, start: u, end: u + 1 });
  }
  const weights = allocate(n, options.shared ?? false);
  for (let u = 0; u < n; u++) weights[u] = panel.weights ? panel.weights[order[u]!]! : 1;

  // small groups (did: fewer than #covariates + 5 units)
  const required = covs.length + 5;
  const small = classes.filter((c) => c.end - c.start < required).map((c) => c.cohort);
  if (small.length > 0) {
    warnings.push(`Some groups are small (fewer than ${required} units): ${small.join(', ')}.`);
    if (small.includes(0) && control === 'never')
      fail('The never-treated group is too small: use the not-yet-treated comparison group', [
        { path: 'cohort', message: `fewer than ${required} never-treated units` },
      ]);
  }

  const used = periodCount;
  const transpose = (values: Float64Array) => {
    const out = allocate(used * n, options.shared ?? false);
    for (let u = 0; u < n; u++) {
      const o = order[u]! * stride;
      for (let p = 0; p < used; p++) out[p * n + u] = values[o + p]!;
    }
    return out;
  };

  return {
    panel,
    stride,
    yByPeriod: transpose(panel.y),
    covByPeriod: covs.map(transpose),
    periods: panel.periods.slice(0, periodCount),
    groups: glist,
    n,
    order,
    classes,
    weights,
    hasWeights: panel.weights !== undefined,
    covariateCount: covs.length,
    dropped: { missing, alreadyTreated },
    warnings,
  };
}
