import { todayIso } from '../../domain/dates.ts';
import { ValidationError } from '../../domain/errors.ts';
import {
  type Breakdown,
  CATALOGUE,
  CATALOGUE_BY_CODE,
  FIRST_YEAR,
  type Indicator,
  statusOf,
} from '../../domain/indicators/catalogue.ts';
import { cacheEnabled, cacheFor } from '../cache.ts';
import type { Ctx } from '../context.ts';
import { panelIsEmpty } from '../impact/panel.repository.ts';
import { collaborationSeries } from './collaboration-indicators.ts';
import * as repo from './indicators.repository.ts';
import { panelIndicators } from './panel-indicators.ts';

/**
 * The whole indicator set — every computed indicator of the catalogue, for the region and every
 * network, every year from 2006 to the current one, with its breakdowns — computed by three
 * set-based queries, the collaboration graph and loops over the firm-year panel's columnar
 * snapshot (panel-indicators.ts), and cached per data version (and day: the current year's stock
 * is taken today). A panel import moves the data version too.
 */

export interface Scope {
  id: number;
  slug: string;
  name: string;
  kind: 'region' | 'pole' | 'cluster';
}

export const REGION: Scope = {
  id: 0,
  slug: 'region',
  name: 'Wallonie — tous les pôles et clusters',
  kind: 'region',
};

/** Values per year (index 0 = `from`); null where the indicator is undefined (a share of nothing). */
export type Series = (number | null)[];

export interface IndicatorSet {
  from: number;
  to: number;
  today: string;
  scopes: Scope[];
  /** code → scope slug → breakdown key ('' = total, else 'dim:value') → series */
  values: Map<string, Map<string, Map<string, Series>>>;
  /** code → status at this data version (panel indicators: needs_data while the panel is empty) */
  status: Map<string, Indicator['status']>;
  /** the firm-year panel's growth period start and last year, null when it is empty */
  panel: { base: number; lastYear: number } | null;
  /** milliseconds the computation took */
  computedMs: number;
}

const ZERO_UNITS = new Set(['count', 'eur']);

class Store {
  readonly values = new Map<string, Map<string, Map<string, Series>>>();
  constructor(private readonly length: number) {}

  series(code: string, scope: string, key: string): Series {
    let byScope = this.values.get(code);
    if (!byScope) {
      byScope = new Map();
      this.values.set(code, byScope);
    }
    let byKey = byScope.get(scope);
    if (!byKey) {
      byKey = new Map();
      byScope.set(scope, byKey);
    }
    let s = byKey.get(key);
    if (!s) {
      const unit = CATALOGUE_BY_CODE.get(code)!.unit;
      s = new Array(this.length).fill(ZERO_UNITS.has(unit) ? 0 : null);
      byKey.set(key, s);
    }
    return s;
  }

  /** Store unless the breakdown is not one the catalogue lists for the indicator. */
  set(code: string, scope: string, dim: string, value: string, yi: number, v: number | null) {
    if (dim !== '' && !CATALOGUE_BY_CODE.get(code)!.breakdowns.includes(dim as Breakdown)) return;
    this.series(code, scope, dim === '' ? '' : `${dim}:${value}`)[yi] = v;
  }
}

const ratio = (a: number | null, b: number | null) => (a != null && b != null && b > 0 ? a / b : null);

/** Compute every indicator, uncached (the benchmark times this). */
export async function computeIndicatorSet(ctx: Ctx, today = todayIso()): Promise<IndicatorSet> {
  const t0 = performance.now();
  const to = Number(today.slice(0, 4));
  const from = FIRST_YEAR;
  const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const stockDays = years.map((y) => (y === to ? today : `${y}-12-31`));
  const [nets, members, projects, participations, periods] = await Promise.all([
    repo.listScopes(ctx.db),
    repo.memberFacts(ctx.db, from, to, today),
    repo.projectFacts(ctx.db, from, to),
    repo.labelledParticipations(ctx.db),
    repo.membershipPeriods(ctx.db),
  ]);
  const scopes: Scope[] = [
    REGION,
    ...nets.map((n) => ({ id: n.id, slug: n.slug, name: n.name, kind: n.kind })),
  ];
  const panel = await panelIndicators(ctx, scopes, years);
  const status = new Map(CATALOGUE.map((i) => [i.code, statusOf(i, panel !== null)]));
  const slugOf = new Map(scopes.map((s) => [s.id, s.slug]));
  const store = new Store(years.length);
  // every computed total exists for every scope, even with nothing to count
  for (const ind of CATALOGUE)
    if (status.get(ind.code) === 'computed') for (const s of scopes) store.series(ind.code, s.slug, '');

  if (panel) {
    for (const s of scopes) {
      const gap = panel.growthGap.get(s.slug)!;
      for (let yi = 0; yi < gap.length; yi++)
        store.set('RES_IMPACT_EMPLOYMENT', s.slug, '', '', yi, gap[yi]!);
      // regional context: the region's; a network has none (null, not 0)
      if (s.kind !== 'region') store.series('CTX_REGIONAL_EMPLOYMENT', s.slug, '').fill(null);
    }
    for (const [key, values] of panel.employment) {
      const colon = key.indexOf(':');
      const [dim, value] = colon < 0 ? ['', ''] : [key.slice(0, colon), key.slice(colon + 1)];
      for (let yi = 0; yi < values.length; yi++)
        store.set('CTX_REGIONAL_EMPLOYMENT', REGION.slug, dim, value, yi, values[yi]!);
    }
  }

  for (const r of members) {
    const scope = slugOf.get(r.scope);
    if (scope === undefined) continue;
    const yi = r.year - from;
    const put = (code: string, v: number | null) => store.set(code, scope, r.dim, r.key, yi, v);
    put('MEM_TOTAL', r.members);
    put('MEM_JOINS', r.joins);
    put('MEM_DEPARTURES', r.departures);
    put('MEM_RETENTION', ratio(r.stayed, r.atStart));
    put('MEM_MULTI_NETWORK', r.multi);
    put('MEM_SME_SHARE', ratio(r.smes, r.enterprises));
    put('MEM_SHARE_COMPANIES', ratio(r.enterprises, r.members));
    put('MEM_SHARE_ACADEMIA', ratio(r.academia, r.members));
    put('MEM_SHARE_OTHERS', ratio(r.members - r.enterprises - r.academia, r.members));
    put('PRJ_MEMBER_PARTICIPATION', ratio(r.participants, r.members));
  }

  for (const r of projects) {
    const scope = slugOf.get(r.scope);
    if (scope === undefined) continue;
    const yi = r.year - from;
    const dim = r.type === '' ? '' : 'type';
    const put = (code: string, v: number | null) => store.set(code, scope, dim, r.type, yi, v);
    put('PRJ_SUBMITTED', r.submitted);
    put('PRJ_ELIGIBLE', r.eligible);
    put('PRJ_LABELLED', r.labelled);
    put('PRJ_SUCCESS_RATE', ratio(r.cohortLabelled, r.eligible));
    put('PRJ_FUNDING_PUBLIC', r.funding);
    put('PRJ_BUDGET_TOTAL', r.budget);
    put('PRJ_LEVERAGE', ratio(r.budget, r.funding));
    put('PRJ_CROSS_NETWORK', r.crossNetwork);
    for (const [k, U] of [
      ['Jobs', 'JOBS'],
      ['Patents', 'PATENTS'],
      ['Products', 'PRODUCTS'],
      ['Spinoffs', 'SPINOFFS'],
    ] as const) {
      const promised = r[`promised${k}`] ?? 0;
      const actual = r[`actual${k}`] ?? 0;
      put(`OUT_${U}_PROMISED`, promised);
      put(`OUT_${U}_ACTUAL`, actual);
      put(`OUT_${U}_RATE`, ratio(actual, promised));
    }
  }

  const graph = collaborationSeries(
    participations,
    periods,
    scopes.map((s) => s.id),
    years,
    stockDays,
  );
  for (const s of scopes) {
    const g = graph.get(s.id)!;
    store.values.get('NET_DENSITY')!.get(s.slug)!.set('', g.density);
    store.values.get('NET_CROSS_NETWORK_SHARE')!.get(s.slug)!.set('', g.crossShare);
    store.values.get('NET_NEW_TIES')!.get(s.slug)!.set('', g.newTies);
  }
  return {
    from,
    to,
    today,
    scopes,
    values: store.values,
    status,
    panel: panel && { base: panel.base, lastYear: panel.lastYear },
    computedMs: performance.now() - t0,
  };
}

/** The indicator set of the current data version (computed once per version and day). */
export async function indicatorSet(ctx: Ctx): Promise<IndicatorSet> {
  const today = todayIso();
  if (!cacheEnabled()) return computeIndicatorSet(ctx, today);
  return cacheFor(ctx.db).get(ctx.db, `indicators:set:${today}`, () => computeIndicatorSet(ctx, today));
}

/**
 * An answer read from the set, cached per data version too: a dashboard request then costs one
 * version lookup (the set itself is only read when the answer is not cached yet).
 */
export async function cachedAnswer<T>(ctx: Ctx, key: string, compute: () => Promise<T>): Promise<T> {
  if (!cacheEnabled()) return compute();
  return cacheFor(ctx.db).get(ctx.db, `indicators:answer:${todayIso()}:${key}`, compute);
}

// ── reading the set ───────────────────────────────────────────────────────────────────────

/** The catalogue, each indicator with its status now (panel indicators follow the panel). */
export async function catalogue(ctx: Ctx): Promise<{ items: Indicator[] }> {
  return cachedAnswer(ctx, 'catalogue', async () => {
    const panel = !(await panelIsEmpty(ctx.db));
    return { items: CATALOGUE.map((i) => ({ ...i, status: statusOf(i, panel) })) };
  });
}

export function findIndicator(code: string): Indicator {
  const ind = CATALOGUE_BY_CODE.get(code);
  if (!ind)
    throw new ValidationError(`Unknown indicator "${code}"`, [
      { path: 'code', message: `no indicator has the code "${code}" (GET /api/v1/indicators lists them)` },
    ]);
  return ind;
}

export function findScope(set: IndicatorSet, slug: string, field = 'network'): Scope {
  const s = set.scopes.find((x) => x.slug === slug);
  if (!s)
    throw new ValidationError(`Unknown network "${slug}"`, [
      { path: field, message: `no network has the slug "${slug}" (use a network slug or "region")` },
    ]);
  return s;
}

function checkYears(set: IndicatorSet, from: number | undefined, to: number | undefined) {
  const f = from ?? set.from;
  const t = to ?? set.to;
  if (t < f)
    throw new ValidationError('The period ends before it starts', [
      { path: 'to', message: `"to" (${t}) is before "from" (${f})` },
    ]);
  return { from: Math.max(f, set.from), to: Math.min(t, set.to) };
}

export interface SeriesPoint {
  network: string;
  year: number;
  value: number | null;
  breakdown?: string;
}

export interface SeriesQuery {
  network?: string;
  from?: number;
  to?: number;
  breakdown?: Breakdown;
}

/** One indicator's series: every scope (or one), the years asked, the total or one breakdown. */
export async function indicatorSeries(ctx: Ctx, code: string, q: SeriesQuery) {
  return cachedAnswer(ctx, `series:${JSON.stringify([code, q.network, q.from, q.to, q.breakdown])}`, () =>
    computeSeries(ctx, code, q),
  );
}

async function computeSeries(ctx: Ctx, code: string, q: SeriesQuery) {
  const indicator = findIndicator(code);
  if (q.breakdown && !indicator.breakdowns.includes(q.breakdown))
    throw new ValidationError(`"${code}" has no breakdown by ${q.breakdown}`, [
      {
        path: 'breakdown',
        message: `"${code}" breaks down by ${indicator.breakdowns.join(', ')}; not by "${q.breakdown}"`,
      },
    ]);
  const set = await indicatorSet(ctx);
  const scopes = q.network ? [findScope(set, q.network)] : set.scopes;
  const { from, to } = checkYears(set, q.from, q.to);
  const series: SeriesPoint[] = [];
  const byScope = set.values.get(code);
  if (byScope) {
    const dim = q.breakdown && q.breakdown !== 'network' ? `${q.breakdown}:` : null;
    for (const s of scopes) {
      const byKey = byScope.get(s.slug);
      if (!byKey) continue;
      const keys = [...byKey.keys()].filter((k) => (dim ? k.startsWith(dim) : k === '')).sort();
      for (const k of keys) {
        const values = byKey.get(k)!;
        for (let y = from; y <= to; y++) {
          const point: SeriesPoint = { network: s.slug, year: y, value: values[y - set.from] ?? null };
          if (dim) point.breakdown = k.slice(dim.length);
          series.push(point);
        }
      }
    }
  }
  // a panel indicator is needs_data while the panel is empty, as in the catalogue
  return { indicator: { ...indicator, status: set.status.get(code) ?? indicator.status }, series };
}

/** Total value of an indicator for a scope and year (null when undefined or not computed). */
export function seriesValue(
  set: IndicatorSet,
  code: string,
  scope: string,
  year: number,
  key = '',
): number | null {
  return set.values.get(code)?.get(scope)?.get(key)?.[year - set.from] ?? null;
}

/** Every indicator of one network-year, with the previous year's value and the change. */
export async function indicatorValues(ctx: Ctx, q: { network?: string; year?: number }) {
  return cachedAnswer(ctx, `values:${q.network ?? 'region'}:${q.year ?? ''}`, () => computeValues(ctx, q));
}

async function computeValues(ctx: Ctx, q: { network?: string; year?: number }) {
  const set = await indicatorSet(ctx);
  const scope = findScope(set, q.network ?? 'region');
  const year = q.year ?? set.to;
  if (year < set.from || year > set.to)
    throw new ValidationError(`No indicators for ${year}`, [
      { path: 'year', message: `the indicators run from ${set.from} to ${set.to}` },
    ]);
  const items = CATALOGUE.map((ind) => {
    const status = set.status.get(ind.code)!;
    const value = status === 'computed' ? seriesValue(set, ind.code, scope.slug, year) : null;
    const previous =
      status === 'computed' && year > set.from ? seriesValue(set, ind.code, scope.slug, year - 1) : null;
    return {
      code: ind.code,
      name: ind.name,
      kind: ind.kind,
      unit: ind.unit,
      status,
      value,
      previous,
      change: value != null && previous != null ? value - previous : null,
      changeRate:
        value != null && previous != null && previous !== 0 ? (value - previous) / Math.abs(previous) : null,
    };
  });
  return { network: scope.slug, networkName: scope.name, year, items };
}
