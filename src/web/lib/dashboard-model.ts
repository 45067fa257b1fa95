import type { IndicatorUnit, LabelValue } from '../api/indicator-types.ts';

/** A headline figure of a dashboard; `needs_data` when its source is not in Polaris yet. */
export interface DashFigure {
  key: string;
  unit: IndicatorUnit;
  value: number | null;
  previous?: number | null;
  /** 'cumulative': summed from 2006 to the year */
  period?: 'year' | 'cumulative';
  status: 'computed' | 'needs_data';
}

export interface DashTrend {
  key: string;
  unit: IndicatorUnit;
  type: 'bar' | 'line';
  points: { year: number; value: number | null }[];
}

export interface DashBreakdown {
  key: string;
  unit: IndicatorUnit;
  rows: LabelValue[];
}

/** What a dashboard shows, whatever the details of the answer it was read from. */
export interface DashboardView {
  year: number | null;
  figures: DashFigure[];
  trends: DashTrend[];
  breakdowns: DashBreakdown[];
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const numOrNull = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/** Units of the headline figures the server names (anything else is a count). */
const UNITS: Record<string, IndicatorUnit> = {
  smeShare: 'share',
  publicFunding: 'eur',
  funding: 'eur',
  employmentGrowth: 'share',
  jobsRate: 'share',
};

function figureOf(key: string, x: unknown): DashFigure {
  if (isObj(x)) {
    const status = x.status === 'needs_data' ? 'needs_data' : 'computed';
    return {
      key,
      unit: (typeof x.unit === 'string' ? x.unit : (UNITS[key] ?? 'count')) as IndicatorUnit,
      value: numOrNull(x.value),
      previous: numOrNull(x.previous),
      period: x.period === 'cumulative' ? 'cumulative' : 'year',
      status,
    };
  }
  return {
    key,
    unit: UNITS[key] ?? 'count',
    value: numOrNull(x),
    status: x == null ? 'needs_data' : 'computed',
  };
}

function pointsOf(x: unknown): { year: number; value: number | null }[] {
  if (!Array.isArray(x)) return [];
  return x
    .filter(isObj)
    .map((p) => ({ year: Number(p.year ?? p.label), value: numOrNull(p.value) }))
    .filter((p) => Number.isFinite(p.year));
}

function rowsOf(x: unknown): LabelValue[] {
  if (!Array.isArray(x)) return [];
  return x.filter(isObj).map((r) => ({
    key: typeof r.key === 'string' ? r.key : undefined,
    label: String(r.label ?? r.key ?? ''),
    value: numOrNull(r.value),
  }));
}

/**
 * Read a dashboard answer (GET /dashboards/region or /dashboards/networks/:slug): headline figures
 * as an object of `{ value, status }` (or plain numbers), trends as arrays of `{ year, value }`,
 * breakdowns as arrays of `{ label, value }`.
 */
export function toDashboardView(raw: unknown): DashboardView {
  const d = isObj(raw) ? raw : {};
  const headline = isObj(d.headline) ? d.headline : isObj(d.figures) ? d.figures : {};
  const trends = isObj(d.trends) ? d.trends : {};
  const breakdowns = isObj(d.breakdowns) ? d.breakdowns : {};
  return {
    year: numOrNull(d.year),
    figures: Object.entries(headline).map(([k, v]) => figureOf(k, v)),
    trends: Object.entries(trends).map(([k, v]) => ({
      key: k,
      unit: UNITS[k] ?? (/funding/i.test(k) ? 'eur' : 'count'),
      type: /member/i.test(k) ? 'bar' : 'line',
      points: pointsOf(v),
    })),
    breakdowns: Object.entries(breakdowns).map(([k, v]) => ({
      key: k,
      unit: /funding/i.test(k) ? 'eur' : 'count',
      rows: rowsOf(v),
    })),
  };
}
