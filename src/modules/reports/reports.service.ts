import { todayIso } from '../../domain/dates.ts';
import { PolarisError, ValidationError } from '../../domain/errors.ts';
import {
  PROJECT_STATUS_LABELS,
  PROJECT_TYPE_LABELS,
  type ProjectStatus,
  type ProjectType,
} from '../../domain/project.ts';
import { cacheEnabled, cacheFor } from '../cache.ts';
import type { Ctx } from '../context.ts';
import { findNetworkBySlug } from '../registry/networks.repository.ts';
import {
  KPI_KEYS,
  KPI_LABELS,
  KPI_UNITS,
  type KpiKey,
  type KpiUnit,
  type Lang,
  WORDS,
} from './reports.labels.ts';
import * as repo from './reports.repository.ts';

/**
 * The annual report of a network (or of the region): key figures of the year against the previous
 * year, the projects labelled / running / closed in the year, the member changes, the events.
 * Public data only (public projects, organisations' names), so anyone may read it. The figures are
 * computed here in SQL (reports.repository.ts); the indicator catalogue may later supply them.
 */

/** First year a report may cover (memberships and projects before the poles are history imports). */
export const FIRST_YEAR = 1990;

export interface Kpi {
  key: KpiKey;
  label: string;
  description: string;
  unit: KpiUnit;
  value: number | null;
  previous: number | null;
  /** value − previous (for a share: in share points, 0.05 = 5 points) */
  change: number | null;
  /** (value − previous) / previous; null when previous is 0 or unknown */
  changePct: number | null;
}

function ratio(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

function kpiValues(f: repo.YearFigures): Record<KpiKey, number | null> {
  return {
    members: f.members,
    joins: f.joins,
    departures: f.departures,
    smeShare: ratio(f.smes, f.enterprises),
    labelledProjects: f.labelledProjects,
    fundingGranted: f.fundingGranted,
    runningProjects: f.runningProjects,
    partners: f.partners,
    closedProjects: f.closedProjects,
    promisedJobs: f.promisedJobs,
    actualJobs: f.actualJobs,
    jobsRealisation: ratio(f.actualJobs, f.promisedJobs),
  };
}

export function compareKpis(cur: repo.YearFigures, prev: repo.YearFigures, lang: Lang): Kpi[] {
  const a = kpiValues(cur);
  const b = kpiValues(prev);
  return KPI_KEYS.map((key) => {
    const value = a[key];
    const previous = b[key];
    const change = value != null && previous != null ? value - previous : null;
    return {
      key,
      label: KPI_LABELS[key].label[lang],
      description: KPI_LABELS[key].description[lang],
      unit: KPI_UNITS[key],
      value,
      previous,
      change,
      changePct: change != null && previous ? change / previous : null,
    };
  });
}

function checkYear(year: number): void {
  const last = new Date().getUTCFullYear();
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > last)
    throw new ValidationError(`No annual report for ${year}`, [
      { path: 'year', message: `the year must be between ${FIRST_YEAR} and ${last}`, value: String(year) },
    ]);
}

async function scopeOf(ctx: Ctx, slug: string, lang: Lang) {
  if (slug === 'region')
    return { id: null, network: { slug: 'region', name: WORDS.region[lang], kind: 'region' as const } };
  const n = await findNetworkBySlug(ctx.db, slug);
  if (!n)
    throw new PolarisError('not_found', `Network "${slug}" not found`, [
      { path: 'network', message: `no network has the slug "${slug}" (or use "region")`, value: slug },
    ]);
  return { id: n.id, network: { slug: n.slug, name: n.name, kind: n.kind } };
}

function projectView(p: repo.ReportProjectRow, lang: Lang) {
  const { labelledInYear: _l, runningInYear: _r, closedInYear: _c, ...rest } = p;
  return {
    ...rest,
    typeLabel: PROJECT_TYPE_LABELS[p.projectType as ProjectType]?.[lang] ?? p.projectType,
    statusLabel: PROJECT_STATUS_LABELS[p.status as ProjectStatus]?.[lang] ?? p.status,
  };
}

export type AnnualReport = Awaited<ReturnType<typeof computeReport>>;
export type ReportProject = ReturnType<typeof projectView>;

/** Members are counted on 31 December, or today during the current year (year to date). */
function stockDayOf(year: number, today = todayIso()): string {
  return year === Number(today.slice(0, 4)) ? today : `${year}-12-31`;
}

async function computeReport(
  ctx: Ctx,
  scope: Awaited<ReturnType<typeof scopeOf>>,
  year: number,
  lang: Lang,
  asOf: string,
) {
  const [cur, prev, projects, changes] = await Promise.all([
    repo.yearFigures(ctx.db, scope.id, year, asOf),
    repo.yearFigures(ctx.db, scope.id, year - 1),
    repo.yearProjects(ctx.db, scope.id, year),
    repo.memberChanges(ctx.db, scope.id, year, asOf),
  ]);
  const member = (c: repo.MemberChangeRow) => ({
    organisationId: c.organisationId,
    name: c.name,
    kind: c.kind,
    sizeClass: c.sizeClass,
    networks: c.networks,
    /** the same as text: the slug itself in a network's report (the web page reads this one) */
    network: c.networks.join(', '),
    date: c.day,
  });
  return {
    title: `${WORDS.title[lang]} ${year} — ${scope.network.name}`,
    lang,
    network: scope.network,
    year,
    previousYear: year - 1,
    /** the day members are counted for `year` */
    asOf,
    kpis: compareKpis(cur, prev, lang),
    projects: {
      labelled: projects.filter((p) => p.labelledInYear).map((p) => projectView(p, lang)),
      running: projects.filter((p) => p.runningInYear).map((p) => projectView(p, lang)),
      closed: projects.filter((p) => p.closedInYear).map((p) => projectView(p, lang)),
    },
    members: {
      joined: changes.filter((c) => c.change === 'joined').map(member),
      left: changes.filter((c) => c.change === 'left').map(member),
    },
    events: { items: [] as never[], note: WORDS.eventsNote[lang] },
  };
}

/** The report document; cached per data version. */
export async function annualReport(ctx: Ctx, slug: string, year: number, lang: Lang): Promise<AnnualReport> {
  checkYear(year);
  const scope = await scopeOf(ctx, slug, lang);
  const asOf = stockDayOf(year);
  if (!cacheEnabled()) return computeReport(ctx, scope, year, lang, asOf);
  return cacheFor(ctx.db).get(ctx.db, `annual:${scope.network.slug}:${year}:${lang}:${asOf}`, () =>
    computeReport(ctx, scope, year, lang, asOf),
  );
}
