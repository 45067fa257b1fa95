import type { IndicatorUnit } from '../api/indicator-types.ts';

/** A KPI of the annual report against the previous year. */
export interface ReportKpi {
  code: string;
  /** in the language the report was asked in (French or English) */
  name: { fr: string; en: string } | string;
  description: string | null;
  unit: IndicatorUnit;
  status: 'computed' | 'needs_data';
  value: number | null;
  previous: number | null;
  change: number | null;
  changePct: number | null;
}

/** A project of the year (labelled, running or closed). */
export interface ReportProject {
  id: number | string;
  acronym: string | null;
  title: string | null;
  type: string | null;
  fundingGranted: number | null;
  coordinator: string | null;
  startDate?: string | null;
  endDate?: string | null;
}

/** An organisation that joined or left during the year. */
export interface ReportMember {
  id: number | string;
  name: string;
  kind: string | null;
  /** the networks joined or left (slugs) */
  networks: string[];
  date: string | null;
}

export interface ReportView {
  scope: string;
  scopeName: string;
  year: number;
  previousYear: number;
  /** the day the figures are taken (today during the current year) */
  asOf: string | null;
  /** the server's note on the events of the year (not recorded yet) */
  eventsNote: string | null;
  kpis: ReportKpi[];
  projects: { key: string; items: ReportProject[]; count: number }[];
  members: { key: string; items: ReportMember[]; count: number }[];
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const str = (x: unknown): string | null => (typeof x === 'string' ? x : null);

function kpiOf(x: Obj): ReportKpi {
  const value = num(x.value);
  const previous = num(x.previous);
  const change = num(x.change) ?? (value != null && previous != null ? value - previous : null);
  return {
    code: String(x.key ?? x.code ?? ''),
    name: isObj(x.name)
      ? { fr: String(x.name.fr ?? ''), en: String(x.name.en ?? '') }
      : String(x.label ?? x.name ?? x.key ?? ''),
    description: str(x.description),
    unit: (str(x.unit) ?? 'count') as IndicatorUnit,
    status: x.status === 'needs_data' ? 'needs_data' : 'computed',
    value,
    previous,
    change,
    changePct: num(x.changePct) ?? num(x.changeRate),
  };
}

function projectOf(x: Obj): ReportProject {
  return {
    id: (x.id as number | string) ?? '',
    acronym: str(x.acronym),
    title: str(x.title),
    type: str(x.projectType ?? x.type),
    fundingGranted: num(x.publicFundingEur ?? x.fundingGranted ?? x.funding),
    coordinator: str(x.coordinator),
    startDate: str(x.startDate),
    endDate: str(x.endDate),
  };
}

function memberOf(x: Obj): ReportMember {
  return {
    id: (x.organisationId as number | string) ?? (x.id as number | string) ?? '',
    networks: Array.isArray(x.networks)
      ? x.networks.filter((n): n is string => typeof n === 'string')
      : str(x.network)
        ? [String(x.network)]
        : [],
    name: String(x.name ?? ''),
    kind: str(x.kind),
    date: str(x.date ?? x.joinedOn ?? x.leftOn),
  };
}

/** A group of items: an array, or `{ count, items }`. */
function group<T>(x: unknown, of: (o: Obj) => T): { items: T[]; count: number } {
  if (Array.isArray(x)) return { items: x.filter(isObj).map(of), count: x.length };
  if (isObj(x)) {
    const items = Array.isArray(x.items) ? x.items.filter(isObj).map(of) : [];
    return { items, count: num(x.count) ?? num(x.total) ?? items.length };
  }
  return { items: [], count: num(x) ?? 0 };
}

/** Read GET /reports/annual/:network/:year (tolerant of the groups' exact nesting). */
export function toReportView(raw: unknown, scope: string, year: number): ReportView {
  const d = isObj(raw) ? raw : {};
  const net = isObj(d.network) ? d.network : {};
  const kpis = Array.isArray(d.kpis) ? d.kpis : Array.isArray(d.items) ? d.items : [];
  const projects = isObj(d.projects) ? d.projects : {};
  const members = isObj(d.members) ? d.members : isObj(d.memberChanges) ? d.memberChanges : {};
  return {
    scope: str(net.slug) ?? str(d.network) ?? scope,
    scopeName: str(net.name) ?? str(d.networkName) ?? scope,
    year: num(d.year) ?? year,
    previousYear: num(d.previousYear) ?? year - 1,
    asOf: str(d.asOf),
    eventsNote: isObj(d.events) ? str(d.events.note) : null,
    kpis: kpis.filter(isObj).map(kpiOf),
    projects: Object.entries(projects).map(([key, v]) => ({ key, ...group(v, projectOf) })),
    members: Object.entries(members).map(([key, v]) => ({ key, ...group(v, memberOf) })),
  };
}
