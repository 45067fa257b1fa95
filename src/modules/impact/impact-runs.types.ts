/**
 * The stored and served shape of an impact run's result (`impact_runs.result`). Numbers that are
 * not finite (an NA cell) are null, as JSON has no NaN. Keys are camelCase without underscores
 * (the database layer reads the JSON as text, so keys are kept as written anyway).
 */

export type { RunParameters } from './impact-runs.schemas.ts';

/** One estimate with its pointwise interval and its simultaneous band (= pointwise when not bootstrapped). */
export interface EffectRow {
  /** group (first treated year), event time, calendar year — null for a single estimate */
  key: number | null;
  att: number | null;
  se: number | null;
  lower: number | null;
  upper: number | null;
  bandLower: number | null;
  bandUpper: number | null;
  /** treated units behind the estimate, and the fewest comparison units of its cells */
  treated: number;
  comparison: number;
  /** the event-study reference period (0 by construction) */
  reference?: true;
  /** hidden for this reader by the confidentiality rule (values null) */
  suppressed?: true;
}

export interface CellRow extends EffectRow {
  group: number;
  time: number;
  post: boolean;
}

/** One covariate of the matching balance table (standardised mean differences, Austin 2009). */
export interface BalanceRow {
  variable: string;
  meanTreated: number | null;
  meanControlBefore: number | null;
  meanControlAfter: number | null;
  smdBefore: number | null;
  smdAfter: number | null;
  varianceRatioAfter?: number | null;
  suppressed?: true;
}

export interface RunResult {
  estimator: 'attgt' | 'did' | 'twfe' | 'matching';
  /** the firms the estimation used */
  sample: {
    /** firms of the population observed with the outcome every year of the period */
    units: number;
    periods: number[];
    /** first treated inside the period (after its first year) */
    treatedUnits: number;
    /** never treated, or first treated after the period */
    neverTreated: number;
    /** treated in or before the first year: not estimable, left out by every estimator */
    treatedBefore: number;
    cohorts: { group: number; units: number }[];
    /** population firms left out: incomplete years, treated at the start, no common support (added by the service) */
    dropped?: { incomplete: number; treatedAtStart: number; noSupport: number };
    /** reference and dummy NACE divisions of the sector covariate */
    sectors?: { reference: string | null; dummies: string[] };
    /** firms of the population (added by the service) */
    population?: number;
    panelVersion?: number;
  };
  /** the main estimate: simple ATT (attgt), the DiD coefficient (did, twfe), the matched DiD */
  overall: EffectRow | null;
  cells?: CellRow[];
  group?: EffectRow[];
  dynamic?: EffectRow[];
  calendar?: EffectRow[];
  critical?: { pointwise: number; band: number | null };
  pretest?: { statistic: number; df: number; pValue: number } | null;
  dropped?: { missing: number; alreadyTreated: number };
  regression?: { name: string; estimate: number; se: number; pValue: number }[];
  balance?: BalanceRow[];
  matched?: { treated: number; controls: number; unmatched: number; method: string };
  /** change of the treated minus change of the others on the same firms (no design) */
  naive: { treatedChange: number | null; controlChange: number | null; difference: EffectRow } | null;
  /** the observatory's descriptive headline for the same outcome, treatment, population and period */
  descriptive?: {
    membersGrowth: number | null;
    restGrowth: number | null;
    headline: { fr: string; en: string } | null;
    composition: 'balanced';
    suppressed: boolean;
  } | null;
  warnings: string[];
  elapsedMs: number;
}
