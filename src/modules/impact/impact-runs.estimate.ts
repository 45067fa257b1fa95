import { attGt } from '../../analytics/impact/attgt.ts';
import { qnorm } from '../../analytics/impact/attgt-stats.ts';
import type { AttGtReport } from '../../analytics/impact/attgt-types.ts';
import { did2x2, didMeans } from '../../analytics/impact/did2x2.ts';
import { twfe } from '../../analytics/impact/twfe.ts';
import type { BalancedPanel } from '../../analytics/impact/types.ts';
import { estimateMatching } from './impact-runs.matching.ts';
import type { EffectRow, RunParameters, RunResult } from './impact-runs.types.ts';

/**
 * The estimation of one run, from a balanced panel to a serialisable result: pure (no I/O), so
 * the same function runs on the worker thread (`impact-runs.worker.ts`) and in the tests that
 * compare a run's answer with a direct call.
 *
 * - attgt: Callaway & Sant'Anna (2021) through `attGt` (did 2.1.2), every aggregation;
 * - did: the 2×2 regression DiD (`did2x2`), first year vs last year, firms first treated inside
 *   the period against firms never treated in it, covariates at the first year, SE clustered by firm;
 * - twfe: y_it = α_i + λ_t + β·D_it (`twfe`, CR1 by firm), and its event-study form with one
 *   dummy per event time but −1 (Borusyak, Jaravel & Spiess 2024 and Sun & Abraham 2021 show
 *   why it can mislead with staggered adoption; it is here to be compared with attgt);
 * - matching: see `impact-runs.matching.ts`.
 * Every run also reports the naive comparison on the same firms (Card & Krueger's table of
 * means, `didMeans`): the change of the treated minus the change of the others.
 */

export interface EstimateTask {
  params: RunParameters;
  panel: BalancedPanel;
}

const num = (x: number | undefined): number | null => (x === undefined || !Number.isFinite(x) ? null : x);

/** A row with its pointwise interval (att ± z·se) and, when given, the simultaneous band. */
export function effectRow(
  key: number | null,
  att: number,
  se: number,
  z: number,
  counts: { treated: number; comparison: number },
  band?: { lower: number; upper: number },
): EffectRow {
  const lower = att - z * se;
  const upper = att + z * se;
  return {
    key,
    att: num(att),
    se: num(se),
    lower: num(lower),
    upper: num(upper),
    bandLower: num(band ? band.lower : lower),
    bandUpper: num(band ? band.upper : upper),
    treated: counts.treated,
    comparison: counts.comparison,
  };
}

/** Units per treated group, and the units the panel holds as never treated. */
function cohortSizes(panel: BalancedPanel, from: number, to: number) {
  const sizes = new Map<number, number>();
  let never = 0;
  let before = 0;
  for (let i = 0; i < panel.units; i++) {
    const g = panel.cohort[i]!;
    if (g === 0 || g > to) never++;
    else if (g <= from) before++;
    else sizes.set(g, (sizes.get(g) ?? 0) + 1);
  }
  return { sizes, never, before };
}

export function estimate(task: EstimateTask, progress: (share: number, message?: string) => void): RunResult {
  const t0 = performance.now();
  const { params, panel } = task;
  const periods = Array.from(panel.periods);
  const from = periods[0]!;
  const to = periods[periods.length - 1]!;
  const z = qnorm(1 - params.alpha / 2);
  const { sizes, never, before } = cohortSizes(panel, from, to);
  const base: RunResult = {
    estimator: params.estimator,
    sample: {
      units: panel.units,
      periods,
      treatedUnits: [...sizes.values()].reduce((s, v) => s + v, 0),
      neverTreated: never,
      treatedBefore: before,
      cohorts: [...sizes.entries()].sort((a, b) => a[0] - b[0]).map(([group, units]) => ({ group, units })),
    },
    overall: null,
    naive: naive(panel, z),
    warnings: [],
    elapsedMs: 0,
  };
  progress(0, 'estimating');
  let out: RunResult;
  switch (params.estimator) {
    case 'attgt':
      out = { ...base, ...fromAttGt(runAttGt(panel, params, progress), z, sizes) };
      break;
    case 'did':
      out = { ...base, ...runDid(panel, z) };
      break;
    case 'twfe':
      out = { ...base, ...runTwfe(panel, z) };
      break;
    case 'matching':
      out = { ...base, ...estimateMatching(panel, params, z) };
      break;
  }
  progress(1);
  out.elapsedMs = Math.round(performance.now() - t0);
  return out;
}

/** The direct call the runs make (also what the tests compare a run with). */
export function runAttGt(
  panel: BalancedPanel,
  params: RunParameters,
  progress: (share: number) => void = () => {},
): AttGtReport {
  return attGt(panel, {
    control: params.control,
    method: params.method,
    bootstrap: params.bootstrap,
    seed: params.seed,
    alpha: params.alpha,
    onProgress: (done, total) => progress(total > 0 ? done / total : 0),
  });
}

function fromAttGt(r: AttGtReport, z: number, sizes: Map<number, number>): Partial<RunResult> {
  const agg = r.aggregates;
  // comparison units behind each aggregate row: the fewest of its cells (the confidentiality rule)
  const post = r.attgt.filter((c) => c.post);
  const fewest = (cells: typeof r.attgt) => (cells.length ? Math.min(...cells.map((c) => c.comparison)) : 0);
  const size = (g: number) => sizes.get(g) ?? r.attgt.find((c) => c.group === g)?.treated ?? 0;
  const band = (b: { lower: number; upper: number }) => (r.band === 'uniform' ? b : undefined);
  const totalTreated = r.groups.reduce((s, g) => s + size(g), 0);
  return {
    overall: effectRow(null, agg.simple.att, agg.simple.se, z, {
      treated: totalTreated,
      comparison: fewest(post),
    }),
    cells: r.attgt.map((c) => ({
      ...effectRow(null, c.att, c.se, z, { treated: c.treated, comparison: c.comparison }, band(c)),
      group: c.group,
      time: c.time,
      post: c.post,
    })),
    group: agg.group.rows.map((g) =>
      effectRow(
        g.group,
        g.att,
        g.se,
        z,
        { treated: size(g.group), comparison: fewest(post.filter((c) => c.group === g.group)) },
        band(g),
      ),
    ),
    dynamic: agg.dynamic.rows.map((e) => {
      const cells = r.attgt.filter((c) => c.time - c.group === e.event);
      const treated = cells.reduce((s, c) => s + c.treated, 0);
      return effectRow(e.event, e.att, e.se, z, { treated, comparison: fewest(cells) }, band(e));
    }),
    calendar: agg.calendar.rows.map((t) => {
      const cells = post.filter((c) => c.time === t.time);
      const treated = cells.reduce((s, c) => s + c.treated, 0);
      return effectRow(t.time, t.att, t.se, z, { treated, comparison: fewest(cells) }, band(t));
    }),
    critical: { pointwise: z, band: r.band === 'uniform' ? agg.dynamic.critical : null },
    pretest: r.pretest ? { statistic: r.pretest.W, df: r.pretest.df, pValue: r.pretest.pValue } : null,
    warnings: r.warnings,
    dropped: r.dropped,
  };
}

/** First and last year of the panel as two rows per firm, `treated` = first treated inside the period. */
function twoPeriods(panel: BalancedPanel) {
  const T = panel.periods.length;
  const from = panel.periods[0]!;
  const to = panel.periods[T - 1]!;
  const rows: number[] = [];
  for (let i = 0; i < panel.units; i++) {
    const g = panel.cohort[i]!;
    if (g !== 0 && g <= from) continue; // treated before the period: neither group
    rows.push(i);
  }
  const n = rows.length * 2;
  const y = new Float64Array(n);
  const treated = new Float64Array(n);
  const postCol = new Float64Array(n);
  const unit = new Int32Array(n);
  rows.forEach((i, r) => {
    const g = panel.cohort[i]!;
    const tr = g > from && g <= to ? 1 : 0;
    for (const p of [0, 1]) {
      const k = 2 * r + p;
      y[k] = panel.y[i * T + (p === 0 ? 0 : T - 1)]!;
      treated[k] = tr;
      postCol[k] = p;
      unit[k] = r;
    }
  });
  return { rows, y, treated, post: postCol, unit, T };
}

/** Card & Krueger's comparison of means on the same firms: what a reader would compute first. */
function naive(panel: BalancedPanel, z: number): RunResult['naive'] {
  const tp = twoPeriods(panel);
  let nt = 0;
  for (let k = 0; k < tp.treated.length; k += 2) nt += tp.treated[k]!;
  const nc = tp.rows.length - nt;
  if (nt < 2 || nc < 2) return null;
  const m = didMeans({ y: tp.y, treated: tp.treated, post: tp.post, unit: tp.unit, balanced: true });
  return {
    treatedChange: m.treated.change.att,
    controlChange: m.control.change.att,
    difference: effectRow(null, m.did.att, m.did.se, z, { treated: nt, comparison: nc }),
  };
}

function runDid(panel: BalancedPanel, z: number): Partial<RunResult> {
  const tp = twoPeriods(panel);
  const covs = panel.covariates;
  // covariates at the first year, repeated on both rows of the firm
  const covariates = covs?.names.length
    ? {
        names: covs.names,
        values: covs.values.map((v) => {
          const out = new Float64Array(tp.y.length);
          tp.rows.forEach((i, r) => {
            out[2 * r] = v[i * tp.T]!;
            out[2 * r + 1] = v[i * tp.T]!;
          });
          return out;
        }),
      }
    : undefined;
  const r = did2x2({
    y: tp.y,
    treated: tp.treated,
    post: tp.post,
    unit: tp.unit,
    covariates,
    vcov: 'cluster',
  });
  let nt = 0;
  for (let k = 0; k < tp.treated.length; k += 2) nt += tp.treated[k]!;
  return {
    overall: effectRow(null, r.att, r.se, z, { treated: nt, comparison: tp.rows.length - nt }),
    regression: r.coefficients.map((c) => ({
      name: c.name,
      estimate: c.estimate,
      se: c.se,
      pValue: c.pValue,
    })),
    warnings: r.dropped > 0 ? [`${r.dropped} firm-year row(s) left out for a missing covariate.`] : [],
  };
}

function runTwfe(panel: BalancedPanel, z: number): Partial<RunResult> {
  const T = panel.periods.length;
  const from = panel.periods[0]!;
  const keep: number[] = [];
  for (let i = 0; i < panel.units; i++) {
    const g = panel.cohort[i]!;
    if (g === 0 || g > from) keep.push(i);
  }
  const n = keep.length * T;
  const unit = new Int32Array(n);
  const time = new Int32Array(n);
  const y = new Float64Array(n);
  const d = new Float64Array(n);
  const rel = new Int32Array(n).fill(Number.MIN_SAFE_INTEGER);
  const events = new Set<number>();
  keep.forEach((i, r) => {
    const g = panel.cohort[i]!;
    const treatedInPanel = g !== 0 && g <= panel.periods[T - 1]!;
    for (let p = 0; p < T; p++) {
      const k = r * T + p;
      const year = panel.periods[p]!;
      unit[k] = r;
      time[k] = year;
      y[k] = panel.y[i * T + p]!;
      d[k] = treatedInPanel && year >= g ? 1 : 0;
      if (treatedInPanel) {
        rel[k] = year - g;
        if (year - g !== -1) events.add(year - g);
      }
    }
  });
  const units = keep.filter((i) => {
    const g = panel.cohort[i]!;
    return g !== 0 && g <= panel.periods[T - 1]!;
  }).length;
  const counts = { treated: units, comparison: keep.length - units };
  const fit = twfe({ unit, time, y, x: { names: ['treated'], values: [d] } });
  const out: Partial<RunResult> = {
    overall: effectRow(null, fit.coefficients[0]!, fit.se[0]!, z, counts),
    warnings: [fit.convention],
  };
  const eventList = [...events].sort((a, b) => a - b);
  try {
    const values = eventList.map((e) => Float64Array.from(rel, (v) => (v === e ? 1 : 0)));
    const dyn = twfe({ unit, time, y, x: { names: eventList.map((e) => `event ${e}`), values } });
    out.dynamic = eventList.map((e, j) => {
      let tr = 0;
      for (let k = 0; k < n; k++) if (rel[k] === e) tr++;
      return effectRow(e, dyn.coefficients[j]!, dyn.se[j]!, z, {
        treated: tr,
        comparison: counts.comparison,
      });
    });
    // the reference period, 0 by construction
    out.dynamic.push({ ...effectRow(-1, 0, 0, z, counts), se: null, reference: true });
    out.dynamic.sort((a, b) => (a.key ?? 0) - (b.key ?? 0));
  } catch (e) {
    out.warnings!.push(`Event-study TWFE not estimated: ${e instanceof Error ? e.message : String(e)}`);
  }
  return out;
}
