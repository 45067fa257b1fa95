import type { MultiplierWeights } from './attgt-bootstrap.ts';
import type { AttGtCell, AttGtResult, Estimate } from './types.ts';

/** Options of `attGt` (the arguments of `did::att_gt` and `did::aggte` that apply to panels). */
export interface AttGtOptions {
  /** Comparison units: never treated (`nevertreated`) or not yet treated (`notyettreated`). */
  control: 'never' | 'notyet';
  /** 2×2 estimator per cell: doubly robust (default in `did`), normalised IPW, or outcome regression. */
  method: 'dr' | 'ipw' | 'reg';
  /** Periods of anticipation δ (default 0). */
  anticipation?: number;
  /** Pre-treatment cells compare consecutive periods (`varying`, default) or all use g − δ − 1. */
  basePeriod?: 'varying' | 'universal';
  /** Multiplier-bootstrap draws (0 = analytic standard errors only, the default). */
  bootstrap?: number;
  /** Seed of the bootstrap draws (default 1). */
  seed?: number;
  /** Multiplier weights: Rademacher as `did` (BMisc) draws them (default), or Mammen's two-point law. */
  multiplier?: MultiplierWeights;
  /** Significance level α (default 0.05). */
  alpha?: number;
  /** Simultaneous (uniform) bands when bootstrapped (default true). */
  cband?: boolean;
  /** `did` reproduces compute.aggte's group-aggregation weights term as is (see attgt-aggregate.ts). */
  groupWif?: 'did' | 'corrected';
  /** Called as cells are estimated and bootstrap blocks are done. */
  onProgress?: (done: number, total: number) => void;
}

/** A confidence interval: pointwise, or a band with the simultaneous critical value. */
export interface Bounds {
  lower: number;
  upper: number;
}

export interface AttGtRow extends AttGtCell, Bounds {
  /** Treated in `time` (g ≤ t). */
  post: boolean;
  /** The comparison period of the cell. */
  basePeriod: number;
  /** Units in the treated group and in the comparison group of the cell. */
  treated: number;
  comparison: number;
  /** Analytic SE when `se` is the bootstrap one. */
  seAnalytic?: number;
  /** Why the cell is NA (att and se NaN), as `did` warns. */
  note?: string;
}

export type AggregateRow<K extends string> = { [k in K]: number } & Estimate &
  Bounds & { seAnalytic?: number };

export interface AggregateBand<K extends string> extends Estimate, Bounds {
  rows: AggregateRow<K>[];
  /** Critical value of the rows' intervals (uniform band when bootstrapped with cband). */
  critical: number;
  seAnalytic?: number;
}

export interface PreTest {
  /** Wald statistic n·θ̂'V̂⁻¹θ̂ on the pre-treatment ATT(g,t). */
  W: number;
  df: number;
  /** P(χ²_df > W) (`did` prints it rounded to 5 digits). */
  pValue: number;
}

export interface AttGtReport extends AttGtResult {
  attgt: AttGtRow[];
  aggregates: {
    simple: Estimate & Bounds & { seAnalytic?: number };
    group: AggregateBand<'group'>;
    dynamic: AggregateBand<'event'>;
    calendar: AggregateBand<'time'>;
  };
  /** The pre-test of parallel trends, null when there is nothing to test (with the reason in `warnings`). */
  pretest: PreTest | null;
  /** Critical value of the ATT(g,t) intervals: the uniform band's when bootstrapped with cband. */
  critical: number;
  band: 'pointwise' | 'uniform';
  /** Units used (n), periods and treated groups estimated. */
  n: number;
  periods: number[];
  groups: number[];
  dropped: { missing: number; alreadyTreated: number };
  warnings: string[];
  bootstrap: { draws: number; seed: number; multiplier: MultiplierWeights } | null;
}
