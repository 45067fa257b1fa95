import { ValidationError } from '../../domain/errors.ts';
import { CATALOGUE_BY_CODE } from '../../domain/indicators/catalogue.ts';
import {
  KIND_LABELS,
  PROVINCE_NAMES,
  SIZE_LABELS,
  TYPE_LABELS,
  UNKNOWN_LABEL,
} from '../../domain/indicators/labels.ts';
import type { Ctx } from '../context.ts';
import {
  cachedAnswer,
  findScope,
  type IndicatorSet,
  indicatorSet,
  type Scope,
  seriesValue,
} from './indicators.service.ts';

/**
 * Dashboards: the headline figures, trends and breakdowns of the region or one network, read from
 * the cached indicator set and shaped for ECharts (arrays of { label, value }).
 */

export interface Figure {
  code: string;
  unit: string;
  /** 'year': the value of the year; 'cumulative': summed from 2006 to the year */
  period: 'year' | 'cumulative';
  value: number | null;
  previous: number | null;
  status: 'computed' | 'needs_data';
  /** the period a growth is measured over, when it is not the dashboard's year */
  years?: { from: number; to: number };
  /** where the figure is explained further (the impact observatory for the employment growth) */
  link?: string;
}

export interface Point {
  year: number;
  label: string;
  value: number | null;
}

export interface Slice {
  key: string;
  label: string;
  value: number | null;
}

export interface Dashboard {
  network: { slug: string; name: string; kind: Scope['kind'] };
  year: number;
  headline: Record<string, Figure>;
  trends: Record<string, Point[]>;
  breakdowns: Record<string, Slice[]>;
}

function cumulative(set: IndicatorSet, code: string, scope: string, year: number, key = ''): number {
  const s = set.values.get(code)?.get(scope)?.get(key);
  let sum = 0;
  if (s) for (let y = set.from; y <= year; y++) sum += s[y - set.from] ?? 0;
  return sum;
}

function figure(
  set: IndicatorSet,
  code: string,
  scope: string,
  year: number,
  period: Figure['period'],
): Figure {
  const unit = CATALOGUE_BY_CODE.get(code)!.unit;
  const at = (y: number) =>
    y < set.from
      ? null
      : period === 'cumulative'
        ? cumulative(set, code, scope, y)
        : seriesValue(set, code, scope, y);
  return { code, unit, period, value: at(year), previous: at(year - 1), status: 'computed' };
}

/**
 * Members' employment growth against the rest of Walloon manufacturing from the start of the
 * period to the dashboard's year — or to the panel's last year when the panel stops earlier
 * (firm accounts come a year or two late) — with the same gap a year earlier. Descriptive: the
 * causal estimate is the observatory's.
 */
function employmentGrowth(set: IndicatorSet, scope: string, year: number): Figure {
  const code = 'RES_IMPACT_EMPLOYMENT';
  const figure: Figure = {
    code,
    unit: 'share',
    period: 'cumulative',
    value: null,
    previous: null,
    status: set.status.get(code) ?? 'needs_data',
    link: '/observatoire',
  };
  if (!set.panel || figure.status !== 'computed') return figure;
  const to = Math.min(year, set.panel.lastYear);
  if (to <= set.panel.base) return figure;
  figure.years = { from: set.panel.base, to };
  figure.value = seriesValue(set, code, scope, to);
  figure.previous = to - 1 > set.panel.base ? seriesValue(set, code, scope, to - 1) : null;
  return figure;
}

function trend(set: IndicatorSet, code: string, scope: string, year: number): Point[] {
  const out: Point[] = [];
  for (let y = set.from; y <= year; y++)
    out.push({ year: y, label: String(y), value: seriesValue(set, code, scope, y) });
  return out;
}

/** One breakdown of an indicator in a year (or summed up to it), largest first. */
function slices(
  set: IndicatorSet,
  code: string,
  scope: string,
  year: number,
  dim: string,
  label: (k: string) => string,
  opts: { cumulative?: boolean; skip?: string[] } = {},
): Slice[] {
  const byKey = set.values.get(code)?.get(scope);
  if (!byKey) return [];
  const out: Slice[] = [];
  for (const k of byKey.keys()) {
    if (!k.startsWith(`${dim}:`)) continue;
    const key = k.slice(dim.length + 1);
    if (opts.skip?.includes(key)) continue;
    const value = opts.cumulative
      ? cumulative(set, code, scope, year, k)
      : seriesValue(set, code, scope, year, k);
    if (!value) continue;
    out.push({ key, label: label(key), value });
  }
  return out.sort((a, b) => (b.value ?? 0) - (a.value ?? 0) || a.key.localeCompare(b.key));
}

export async function dashboard(ctx: Ctx, slug: string, year?: number): Promise<Dashboard> {
  return cachedAnswer(ctx, `dashboard:${slug}:${year ?? ''}`, () => buildDashboard(ctx, slug, year));
}

async function buildDashboard(ctx: Ctx, slug: string, year?: number): Promise<Dashboard> {
  const set = await indicatorSet(ctx);
  const scope = findScope(set, slug, slug === 'region' ? 'network' : 'slug');
  const y = year ?? set.to;
  if (y < set.from || y > set.to)
    throw new ValidationError(`No dashboard for ${y}`, [
      { path: 'year', message: `the indicators run from ${set.from} to ${set.to}` },
    ]);
  const s = scope.slug;
  const jobsPromised = cumulative(set, 'OUT_JOBS_PROMISED', s, y);
  const jobsActual = cumulative(set, 'OUT_JOBS_ACTUAL', s, y);
  const jobsPromisedBefore = cumulative(set, 'OUT_JOBS_PROMISED', s, y - 1);
  const jobsActualBefore = cumulative(set, 'OUT_JOBS_ACTUAL', s, y - 1);
  const fr = (m: Record<string, { fr: string }>) => (k: string) =>
    m[k]?.fr ?? (k === 'unknown' ? UNKNOWN_LABEL.fr : k);
  return {
    network: { slug: s, name: scope.name, kind: scope.kind },
    year: y,
    headline: {
      members: figure(set, 'MEM_TOTAL', s, y, 'year'),
      smeShare: figure(set, 'MEM_SME_SHARE', s, y, 'year'),
      labelledProjects: figure(set, 'PRJ_LABELLED', s, y, 'cumulative'),
      publicFunding: figure(set, 'PRJ_FUNDING_PUBLIC', s, y, 'cumulative'),
      jobsPromised: figure(set, 'OUT_JOBS_PROMISED', s, y, 'cumulative'),
      jobsActual: figure(set, 'OUT_JOBS_ACTUAL', s, y, 'cumulative'),
      jobsRate: {
        code: 'OUT_JOBS_RATE',
        unit: 'share',
        period: 'cumulative',
        value: jobsPromised > 0 ? jobsActual / jobsPromised : null,
        previous: jobsPromisedBefore > 0 ? jobsActualBefore / jobsPromisedBefore : null,
        status: 'computed',
      },
      employmentGrowth: employmentGrowth(set, s, y),
    },
    trends: {
      members: trend(set, 'MEM_TOTAL', s, y),
      labelledProjects: trend(set, 'PRJ_LABELLED', s, y),
      publicFunding: trend(set, 'PRJ_FUNDING_PUBLIC', s, y),
    },
    breakdowns: {
      kind: slices(set, 'MEM_TOTAL', s, y, 'kind', fr(KIND_LABELS)),
      size: slices(set, 'MEM_TOTAL', s, y, 'size', fr(SIZE_LABELS), { skip: ['not_enterprise'] }),
      province: slices(
        set,
        'MEM_TOTAL',
        s,
        y,
        'province',
        (k) => PROVINCE_NAMES[k] ?? (k === 'unknown' ? UNKNOWN_LABEL.fr : k),
      ),
      projectType: slices(set, 'PRJ_LABELLED', s, y, 'type', fr(TYPE_LABELS), { cumulative: true }),
      projectTypeFunding: slices(set, 'PRJ_FUNDING_PUBLIC', s, y, 'type', fr(TYPE_LABELS), {
        cumulative: true,
      }),
    },
  };
}

/** A dashboard as one table (CSV/XLSX): section, series, key, label, value. */
export function dashboardRows(d: Dashboard) {
  const rows: { section: string; series: string; key: string; label: string; value: number | null }[] = [];
  for (const [k, f] of Object.entries(d.headline))
    rows.push({ section: 'headline', series: k, key: f.code, label: f.period, value: f.value });
  for (const [k, pts] of Object.entries(d.trends))
    for (const p of pts)
      rows.push({ section: 'trend', series: k, key: String(p.year), label: p.label, value: p.value });
  for (const [k, sl] of Object.entries(d.breakdowns))
    for (const x of sl)
      rows.push({ section: 'breakdown', series: k, key: x.key, label: x.label, value: x.value });
  return rows;
}
