/**
 * Shared shapes of the impact analytics (pure, typed arrays, no I/O).
 *
 * A panel reaches an estimator as columns, never as row objects: the database layer
 * (`src/modules/impact/`) and the file readers (`src/cli/impact.ts`) build these directly.
 */

/** A balanced panel in wide layout: unit i, period index p at `i * periods.length + p`. */
export interface BalancedPanel {
  /** Sorted distinct periods (e.g. years), length T. */
  periods: Int32Array;
  /** Number of units N. */
  units: number;
  /** Outcome, N × T. */
  y: Float64Array;
  /** First treated period of each unit (a value of `periods`), 0 = never treated. Length N. */
  cohort: Int32Array;
  /** Covariates, each N × T (the estimators read the value at the base period). */
  covariates?: { names: string[]; values: Float64Array[] };
  /** Optional sampling weights, length N (default 1). */
  weights?: Float64Array;
  /** Optional unit labels (enterprise numbers, ids from a file), length N. */
  labels?: string[];
}

/** A long (possibly unbalanced) panel: one entry per observed unit-period. */
export interface LongPanel {
  /** Dense unit index 0..units-1 of each observation. */
  unit: Int32Array;
  /** Period value of each observation. */
  time: Int32Array;
  units: number;
  /** Named numeric columns, each of length n (NaN = missing). */
  columns: Record<string, Float64Array>;
}

export interface Estimate {
  att: number;
  se: number;
}

export interface AttGtCell extends Estimate {
  group: number;
  time: number;
}

export interface AggregateRows<K extends string> extends Estimate {
  rows: ({ [k in K]: number } & Estimate)[];
}

export interface AttGtResult {
  attgt: AttGtCell[];
  aggregates: {
    simple: Estimate;
    group: AggregateRows<'group'>;
    dynamic: AggregateRows<'event'>;
    calendar: AggregateRows<'time'>;
  };
}
