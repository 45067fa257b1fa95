/**
 * Shapes of the impact observatory API (/api/v1/impact/panel, /impact/series, /impact/runs) as
 * the web app reads them; they mirror the OpenAPI description (the server's own types live in
 * src/modules/impact: descriptive.service.ts, impact-runs.types.ts, impact-runs.service.ts).
 */

export type Outcome = 'fte' | 'valueAdded' | 'turnover' | 'exports';
export type Estimator = 'attgt' | 'did' | 'twfe' | 'matching';
export type Composition = 'balanced' | 'open';
export type SeriesBreakdown = 'sector' | 'division' | 'size' | 'province' | 'network';
export type RunStatus = 'queued' | 'running' | 'done' | 'failed';

export const OUTCOMES: readonly Outcome[] = ['fte', 'valueAdded', 'turnover', 'exports'];
export const ESTIMATORS: readonly Estimator[] = ['attgt', 'did', 'twfe', 'matching'];
export const BREAKDOWNS: readonly SeriesBreakdown[] = ['sector', 'division', 'size', 'province', 'network'];
export const TREATMENTS = ['any', 'pole', 'cluster', 'project', 'column'] as const;

export interface PanelSummary {
  rows: number;
  firms: number;
  years: { from: number; to: number } | null;
  inRegistry: number;
  members: number;
  coverage: { year: number; firms: number; withFte: number; withValueAdded: number }[];
  dataVersion: number;
  panelVersion: number;
}

export interface SeriesPoint {
  year: number;
  total: number | null;
  firms: number;
  index: number | null;
  suppressed: boolean;
}

export interface Series {
  status: 'members' | 'rest';
  stratum: { code: string; fr: string; en: string } | null;
  firms: number;
  points: SeriesPoint[];
  growth: number | null;
  growthSuppressed: boolean;
}

export interface SeriesAnswer {
  query: { outcome: Outcome; treatment: string; from: number; to: number; composition: Composition };
  overall: Series[];
  breakdown: Series[];
  headline: { fr: string; en: string } | null;
  definitions: { fr: string[]; en: string[] };
  confidentiality: { minFirms: number; dominance: number; applied: boolean; suppressedCells: number };
  dataVersion: number;
  panelVersion: number;
}

export interface RunParameters {
  estimator: Estimator;
  outcome: Outcome;
  log: boolean;
  treatment: string;
  control?: 'never' | 'notyet';
  method?: 'dr' | 'ipw' | 'reg';
  covariates?: ('size' | 'sector')[];
  bootstrap?: number;
  seed?: number;
  alpha: number;
  period: { from: number; to: number };
  sectors: string[];
  region: 'wallonia' | 'all';
  provinces: string[];
  matching?: { method: 'mahalanobis' | 'propensity'; neighbours: number; caliper: number | null };
}

export interface EffectRow {
  key: number | null;
  att: number | null;
  se: number | null;
  lower: number | null;
  upper: number | null;
  bandLower: number | null;
  bandUpper: number | null;
  treated: number;
  comparison: number;
  reference?: true;
  suppressed?: true;
}

export interface CellRow extends EffectRow {
  group: number;
  time: number;
  post: boolean;
}

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
  estimator: Estimator;
  sample: {
    units: number;
    periods: number[];
    treatedUnits: number;
    neverTreated: number;
    treatedBefore: number;
    cohorts: { group: number; units: number }[];
    population?: number;
    dropped?: { incomplete: number; treatedAtStart: number; noSupport: number };
    sectors?: { reference: string | null; dummies: string[] };
    panelVersion?: number;
  };
  overall: EffectRow | null;
  cells?: CellRow[];
  group?: EffectRow[];
  dynamic?: EffectRow[];
  calendar?: EffectRow[];
  critical?: { pointwise: number; band: number | null };
  pretest?: { statistic: number; df: number; pValue: number } | null;
  regression?: { name: string; estimate: number; se: number; pValue: number }[];
  balance?: BalanceRow[];
  matched?: { treated: number; controls: number; unmatched: number; method: string };
  naive: { treatedChange: number | null; controlChange: number | null; difference: EffectRow } | null;
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

export interface Run {
  id: number;
  kind: Estimator;
  status: RunStatus;
  progress: number;
  message: string | null;
  dataVersion: number;
  parameters: RunParameters;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  createdBy?: number | null;
  result: RunResult | null;
  confidentiality: { minFirms: number; applied: boolean; suppressed: number };
  reused?: boolean;
}

export type RunTable = 'attgt' | 'dynamic' | 'group' | 'calendar' | 'balance' | 'overall';
