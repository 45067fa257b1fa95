import { matchedDid, matchUnits } from '../../analytics/impact/matching.ts';
import type { BalancedPanel } from '../../analytics/impact/types.ts';
import { effectRow } from './impact-runs.estimate.ts';
import type { RunParameters, RunResult } from './impact-runs.types.ts';

/** The name of the pre-treatment outcome among the matching covariates. */
export const BASELINE_OUTCOME = 'outcome (first year)';

/**
 * The matching estimator of a run (`matching.ts`: Heckman, Ichimura & Todd 1997): firms first
 * treated inside the period are matched to never-treated firms on the run's covariates at the
 * first year plus the outcome itself in that year (matching on the pre-treatment level is what
 * makes the comparison firms "look like" the members before they joined), then the DiD of the
 * first and last years on the matched sample, with the balance table before and after.
 */
export function estimateMatching(panel: BalancedPanel, params: RunParameters, z: number): Partial<RunResult> {
  const T = panel.periods.length;
  const from = panel.periods[0]!;
  const to = panel.periods[T - 1]!;
  const units: number[] = [];
  for (let i = 0; i < panel.units; i++) {
    const g = panel.cohort[i]!;
    if (g === 0 || (g > from && g <= to)) units.push(i);
  }
  const n = units.length;
  const treated = Float64Array.from(units, (i) => (panel.cohort[i]! > 0 ? 1 : 0));
  const before = Float64Array.from(units, (i) => panel.y[i * T]!);
  const after = Float64Array.from(units, (i) => panel.y[i * T + T - 1]!);
  const names = [BASELINE_OUTCOME];
  const values = [before];
  const cov = panel.covariates;
  cov?.names.forEach((name, j) => {
    const v = Float64Array.from(units, (i) => cov.values[j]![i * T]!);
    // a column with one value among these firms carries no information (and makes the metric singular)
    if (v.some((x) => x !== v[0])) {
      names.push(name);
      values.push(v);
    }
  });
  const m = params.matching ?? { method: 'propensity', neighbours: 1, caliper: null };
  const match = matchUnits(
    { covariates: { names, values }, treated },
    { method: m.method, k: m.neighbours, caliper: m.caliper ?? undefined },
  );
  const did = matchedDid({ before, after, treated, weights: match.weights });
  const counts = { treated: match.matches.length, comparison: match.controlsUsed };
  return {
    overall: effectRow(null, did.att, did.se, z, counts),
    matched: {
      treated: match.matches.length,
      controls: match.controlsUsed,
      unmatched: match.unmatched.length,
      method: m.method,
    },
    balance: match.balance.map((b) => ({
      variable: b.name,
      meanTreated: b.meanTreated,
      meanControlBefore: b.meanControlBefore,
      meanControlAfter: b.meanControlAfter,
      smdBefore: b.smdBefore,
      smdAfter: b.smdAfter,
      varianceRatioAfter: Number.isFinite(b.varianceRatioAfter) ? b.varianceRatioAfter : null,
    })),
    warnings:
      n > 0 && match.unmatched.length > 0
        ? [`${match.unmatched.length} treated firm(s) without a control within the caliper.`]
        : [],
  };
}
