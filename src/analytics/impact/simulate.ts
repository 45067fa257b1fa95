import { mulberry32 } from '../graph/random.ts';
import type { BalancedPanel } from './types.ts';

/**
 * A seeded staggered-adoption panel with a known ATT(g,t), for tests and benchmarks.
 *
 * - covariates x1 ~ N(0, 1), x2 ~ Bernoulli(½) (and optionally x3 ~ N(0, 1)), constant over time
 *   unless `covariateDrift` adds period noise to the continuous ones;
 * - cohort by a multinomial logit on the covariates: P(G = g | x) ∝ exp(a_g + s·(0.8·x1 + 0.5·x2)),
 *   never treated the reference (a_0 = 0, a_g set from the wanted share) — selection on x, so a
 *   binary logit of one cohort against the never treated is correctly specified;
 * - y_it = α_i + λ_t + t·(γ₁·x1 + γ₂·x2) + τ_g(t − g)·1{t ≥ g} + ε_it, with α_i ~ N(x1, 1):
 *   trends depend on x, so parallel trends hold only conditionally on the covariates;
 * - τ_g(e) = (1 + e/2)(1 + j/4) for the j-th cohort: dynamic and heterogeneous across cohorts,
 *   identical within a cohort, so the population ATT(g,t) is exactly τ_g(t − g) (0 before g).
 */

export interface SimulationOptions {
  units: number;
  periods: number;
  /** Value of the first period (default 1). */
  firstPeriod?: number;
  /** First treated periods of the cohorts. */
  cohorts: number[];
  /** Share of never-treated units (default 0.4). */
  neverShare?: number;
  /** Number of covariates: 0, 2 or 3 (default 2). */
  covariates?: 0 | 2 | 3;
  /** Strength of the selection on covariates (default 1; 0 = random assignment). */
  selection?: number;
  /** Trend slopes on x1 and x2 per period (default 0.3, 0.2). */
  trend?: [number, number];
  /** Standard deviation of the idiosyncratic error (default 1). */
  noise?: number;
  /**
   * SD of period-to-period noise added to the continuous covariates as observed (default 0:
   * constant over time); outcomes still follow the unit's baseline values.
   */
  covariateDrift?: number;
  seed: number;
}

export interface SimulatedPanel {
  panel: BalancedPanel;
  /** Population ATT(g,t) of the design (0 for t < g). */
  trueAtt: (group: number, time: number) => number;
}

/** Cohort effect τ_g(e) of the j-th cohort at event time e ≥ 0. */
export function simulatedEffect(cohortIndex: number, event: number): number {
  return event < 0 ? 0 : (1 + event / 2) * (1 + cohortIndex / 4);
}

/** Intercepts a_g: with E[exp(index)] ≈ 1 per cohort, share_g / share_0 ≈ exp(a_g). */
function cohortIntercepts(options: SimulationOptions): number[] {
  const neverShare = options.neverShare ?? 0.4;
  const perCohort = (1 - neverShare) / Math.max(1, options.cohorts.length);
  return options.cohorts.map(
    () => Math.log(perCohort / Math.max(neverShare, 1e-9)) - (options.selection ?? 1) * 0.5,
  );
}

/**
 * Population P(G = g) of the design, by quadrature over x1 ~ N(0, 1) (and x2 ∈ {0, 1}): the
 * group shares that `aggte`'s weights estimate, for the true value of an aggregate.
 */
export function populationShares(options: SimulationOptions): number[] {
  const a = cohortIntercepts(options);
  const s = options.selection ?? 1;
  const never = (options.neverShare ?? 0.4) > 0 ? 1 : 0;
  const shares = a.map(() => 0);
  const h = 0.001;
  for (let x1 = -9; x1 <= 9; x1 += h) {
    const density = (Math.exp((-x1 * x1) / 2) / Math.sqrt(2 * Math.PI)) * h;
    for (const x2 of [0, 1]) {
      const odds = a.map((aj) => Math.exp(aj + s * (0.8 * x1 + 0.5 * x2)));
      const total = never + odds.reduce((t, o) => t + o, 0);
      odds.forEach((o, j) => {
        shares[j]! += (0.5 * density * o) / total;
      });
    }
  }
  return shares;
}

export function simulatePanel(options: SimulationOptions): SimulatedPanel {
  const { units: N, periods: T, cohorts, seed } = options;
  const first = options.firstPeriod ?? 1;
  const neverShare = options.neverShare ?? 0.4;
  const nCov = options.covariates ?? 2;
  const s = options.selection ?? 1;
  const [g1, g2] = options.trend ?? [0.3, 0.2];
  const sd = options.noise ?? 1;
  const drift = options.covariateDrift ?? 0;
  const random = mulberry32(seed);
  let spare: number | null = null;
  const normal = () => {
    if (spare !== null) {
      const v = spare;
      spare = null;
      return v;
    }
    const u = 1 - random();
    const v = random();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  const a = cohortIntercepts(options);

  const periods = Int32Array.from({ length: T }, (_, p) => first + p);
  const y = new Float64Array(N * T);
  const cohort = new Int32Array(N);
  const covValues = Array.from({ length: nCov }, () => new Float64Array(N * T));
  const lambda = Float64Array.from({ length: T }, (_, p) => 0.5 * p + 0.3 * Math.sin(p));
  const odds = new Float64Array(cohorts.length);
  for (let i = 0; i < N; i++) {
    const x1 = normal();
    const x2 = random() < 0.5 ? 1 : 0;
    const x3 = nCov === 3 ? normal() : 0;
    const index = s * (0.8 * x1 + 0.5 * x2);
    let total = neverShare > 0 ? 1 : 0;
    for (let j = 0; j < cohorts.length; j++) {
      odds[j] = Math.exp(a[j]! + index);
      total += odds[j]!;
    }
    let pick = random() * total - (neverShare > 0 ? 1 : 0);
    let j = -1;
    while (pick >= 0 && j < cohorts.length - 1) pick -= odds[++j]!;
    const cohortIndex = pick < 0 ? j : cohorts.length - 1;
    const g = cohortIndex >= 0 ? cohorts[cohortIndex]! : 0;
    cohort[i] = g;
    const alpha = x1 + normal();
    for (let p = 0; p < T; p++) {
      const t = first + p;
      const effect = g > 0 && t >= g ? simulatedEffect(cohortIndex, t - g) : 0;
      y[i * T + p] = alpha + lambda[p]! + p * (g1 * x1 + g2 * x2 + 0.1 * x3) + effect + sd * normal();
      if (nCov >= 2) {
        covValues[0]![i * T + p] = drift > 0 ? x1 + drift * normal() : x1;
        covValues[1]![i * T + p] = x2;
      }
      if (nCov === 3) covValues[2]![i * T + p] = drift > 0 ? x3 + drift * normal() : x3;
    }
  }
  const names = ['x1', 'x2', 'x3'].slice(0, nCov);
  const panel: BalancedPanel = {
    periods,
    units: N,
    y,
    cohort,
    ...(nCov > 0 ? { covariates: { names, values: covValues } } : {}),
  };
  const cohortIndexOf = new Map(cohorts.map((g, j) => [g, j]));
  return {
    panel,
    trueAtt: (group, time) => simulatedEffect(cohortIndexOf.get(group) ?? 0, time - group),
  };
}
