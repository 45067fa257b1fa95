import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../src/domain/dates.ts';
import { CATALOGUE, COMPUTED_CODES } from '../../src/domain/indicators/catalogue.ts';
import { useTestApp } from '../helpers/app.ts';
import { makeMembership, makeNetwork, makeOrganisation } from '../helpers/factories.ts';

/**
 * Every computed indicator, for the region and both networks and every year, checked against a
 * reference written here in plain JavaScript over the fixture itself (never over the database):
 * member sets by day, hand-declared eligibility and submission years, the collaboration graph
 * counted pair by pair. A few figures are also stated by hand, and a few read with direct SQL.
 */

type Kind = 'enterprise' | 'university' | 'research_centre' | 'association' | 'training_operator';
interface Org {
  key: string;
  kind: Kind;
  size: string | null;
  province: string | null;
}
const ORGS: Org[] = [
  { key: 'o1', kind: 'enterprise', size: 'micro', province: '60000' },
  { key: 'o2', kind: 'enterprise', size: 'small', province: '60000' },
  { key: 'o3', kind: 'enterprise', size: 'large', province: '50000' },
  { key: 'o4', kind: 'enterprise', size: 'medium', province: '90000' },
  { key: 'o5', kind: 'enterprise', size: null, province: '90000' },
  { key: 'o6', kind: 'university', size: null, province: '60000' },
  { key: 'o7', kind: 'research_centre', size: null, province: '50000' },
  { key: 'o8', kind: 'association', size: null, province: '80000' },
  { key: 'o9', kind: 'enterprise', size: 'small', province: '20002' },
  { key: 'o10', kind: 'training_operator', size: null, province: null },
];

interface Mship {
  org: string;
  net: 'A' | 'B';
  joined: string;
  left: string | null;
}
const MEMBERSHIPS: Mship[] = [
  { org: 'o1', net: 'A', joined: '2010-03-01', left: null },
  { org: 'o2', net: 'A', joined: '2010-05-01', left: '2015-06-30' },
  { org: 'o2', net: 'A', joined: '2017-01-01', left: null },
  { org: 'o3', net: 'A', joined: '2012-01-01', left: null },
  { org: 'o6', net: 'A', joined: '2010-01-01', left: null },
  // leaves on the last day of 2016: still a member on 31/12/2016
  { org: 'o8', net: 'A', joined: '2014-02-01', left: '2016-12-31' },
  // joins and leaves within 2015: in neither year-end count
  { org: 'o9', net: 'A', joined: '2015-01-01', left: '2015-10-31' },
  { org: 'o3', net: 'B', joined: '2013-01-01', left: null },
  { org: 'o4', net: 'B', joined: '2014-06-01', left: '2018-12-30' },
  { org: 'o5', net: 'B', joined: '2015-01-01', left: null },
  { org: 'o7', net: 'B', joined: '2011-01-01', left: null },
  { org: 'o10', net: 'B', joined: '2016-01-01', left: null },
  { org: 'o6', net: 'B', joined: '2016-07-01', left: null },
];

interface Out {
  jobs: number;
  patents: number;
  products: number;
  spinoffs: number;
}
interface Prj {
  key: string;
  type: 'rd' | 'training';
  source?: 'regional' | 'cordis' | 'import';
  status: string;
  nets: ('A' | 'B')[];
  submittedAt: string | null;
  /** by hand: the year of submittedAt in Brussels (else of the labelling) */
  submittedYear: number | null;
  /** by hand: found eligible */
  eligible: boolean;
  labelledOn: string | null;
  start: string | null;
  end: string | null;
  budget: number;
  funding: number;
  partners: string[];
  external?: string[];
  promised?: Out;
  actual?: Partial<Record<keyof Out, number | null>>;
  transitions?: string[];
}
const PROJECTS: Prj[] = [
  {
    key: 'P1',
    type: 'rd',
    status: 'closed',
    nets: ['A'],
    submittedAt: '2014-03-10T10:00:00Z',
    submittedYear: 2014,
    eligible: true,
    labelledOn: '2014-10-01',
    start: '2015-01-01',
    end: '2017-12-31',
    budget: 2_000_000,
    funding: 1_200_000,
    partners: ['o1', 'o2', 'o6'],
    promised: { jobs: 10, patents: 2, products: 1, spinoffs: 0 },
    actual: { jobs: 4, patents: 1, products: 1, spinoffs: 0 },
  },
  {
    key: 'P2',
    type: 'rd',
    status: 'running',
    nets: ['A', 'B'],
    submittedAt: '2015-02-01T10:00:00Z',
    submittedYear: 2015,
    eligible: true,
    labelledOn: '2015-09-15',
    start: '2016-01-01',
    end: '2019-12-31',
    budget: 3_000_000,
    funding: 2_000_000,
    partners: ['o3', 'o6', 'o7'],
    promised: { jobs: 20, patents: 3, products: 2, spinoffs: 1 },
  },
  {
    key: 'P3',
    type: 'training',
    status: 'closed',
    nets: ['B'],
    // 31/12/2015 23:30 UTC is 1 January 2016, 00:30 in Brussels
    submittedAt: '2015-12-31T23:30:00Z',
    submittedYear: 2016,
    eligible: true,
    labelledOn: '2016-06-01',
    start: '2016-09-01',
    end: '2018-08-31',
    budget: 500_000,
    funding: 300_000,
    partners: ['o4', 'o5'],
    promised: { jobs: 3, patents: 0, products: 2, spinoffs: 1 },
    actual: { jobs: 3, patents: 0, products: 1, spinoffs: 1 },
  },
  {
    key: 'P4',
    type: 'rd',
    status: 'rejected',
    nets: ['B'],
    submittedAt: '2016-02-01T10:00:00Z',
    submittedYear: 2016,
    eligible: true,
    labelledOn: null,
    start: null,
    end: null,
    budget: 900_000,
    funding: 0,
    partners: ['o4', 'o7'],
  },
  {
    key: 'P5',
    type: 'rd',
    status: 'ineligible',
    nets: ['A'],
    submittedAt: '2016-02-02T10:00:00Z',
    submittedYear: 2016,
    eligible: false,
    labelledOn: null,
    start: null,
    end: null,
    budget: 400_000,
    funding: 0,
    partners: ['o1'],
  },
  {
    key: 'P6',
    type: 'rd',
    status: 'draft',
    nets: ['A'],
    submittedAt: null,
    submittedYear: null,
    eligible: false,
    labelledOn: null,
    start: null,
    end: null,
    budget: 100_000,
    funding: 0,
    partners: ['o1', 'o3'],
  },
  {
    key: 'P7',
    type: 'rd',
    status: 'abandoned',
    nets: ['A'],
    submittedAt: '2017-03-01T10:00:00Z',
    submittedYear: 2017,
    eligible: true,
    labelledOn: null,
    start: null,
    end: null,
    budget: 700_000,
    funding: 0,
    partners: ['o1', 'o6'],
    transitions: ['submitted', 'eligible', 'abandoned'],
  },
  {
    key: 'P8',
    type: 'rd',
    status: 'abandoned',
    nets: ['A'],
    submittedAt: '2017-03-02T10:00:00Z',
    submittedYear: 2017,
    eligible: false,
    labelledOn: null,
    start: null,
    end: null,
    budget: 700_000,
    funding: 0,
    partners: ['o3', 'o6'],
    transitions: ['submitted', 'abandoned'],
  },
  {
    key: 'P9',
    type: 'rd',
    source: 'cordis',
    status: 'closed',
    nets: [],
    submittedAt: null,
    submittedYear: null,
    eligible: false,
    labelledOn: null,
    start: '2017-01-01',
    end: '2019-12-31',
    budget: 5_000_000,
    funding: 4_000_000,
    partners: ['o1', 'o3'],
  },
  {
    key: 'P10',
    type: 'rd',
    status: 'closed',
    nets: ['A', 'B'],
    submittedAt: '2016-03-01T10:00:00Z',
    submittedYear: 2016,
    eligible: true,
    labelledOn: '2016-10-01',
    start: '2017-01-01',
    end: '2019-06-30',
    budget: 1_000_000,
    funding: 800_000,
    partners: ['o2', 'o3', 'o5'],
    external: ['999999999'],
    promised: { jobs: 5, patents: 1, products: 1, spinoffs: 0 },
    actual: { jobs: null, patents: 0, products: 2, spinoffs: null },
  },
  {
    key: 'P11',
    type: 'rd',
    source: 'import',
    status: 'labelled',
    nets: ['B'],
    submittedAt: null,
    submittedYear: 2018,
    eligible: true,
    labelledOn: '2018-05-01',
    start: null,
    end: null,
    budget: 150_000,
    funding: 100_000,
    partners: ['o7', 'o10'],
  },
];

// ── the reference, in plain JavaScript ──────────────────────────────────────────────────
const TODAY = todayIso();
const CURRENT = Number(TODAY.slice(0, 4));
const YEARS = Array.from({ length: CURRENT - 2006 + 1 }, (_, i) => 2006 + i);
const stockDay = (y: number) => (y === CURRENT ? TODAY : `${y}-12-31`);
const year = (d: string | null) => (d ? Number(d.slice(0, 4)) : null);
type ScopeKey = 'region' | 'A' | 'B';
const inScope = (nets: string[], s: ScopeKey) => (s === 'region' ? true : nets.includes(s));

function memberOn(org: string, s: ScopeKey, day: string): boolean {
  return MEMBERSHIPS.some(
    (m) =>
      m.org === org &&
      (s === 'region' || m.net === s) &&
      m.joined <= day &&
      (m.left == null || m.left >= day),
  );
}
const networksOn = (org: string, day: string) =>
  new Set(
    MEMBERSHIPS.filter((m) => m.org === org && m.joined <= day && (m.left == null || m.left >= day)).map(
      (m) => m.net,
    ),
  ).size;
const sizeKey = (o: Org) => (o.kind === 'enterprise' ? (o.size ?? 'unknown') : 'not_enterprise');
const orgFacet = (o: Org, dim: string) =>
  dim === 'kind' ? o.kind : dim === 'size' ? sizeKey(o) : dim === 'province' ? (o.province ?? 'unknown') : '';
const ACADEMIA = new Set(['university', 'university_college', 'research_centre']);
const share = (a: number, b: number) => (b > 0 ? a / b : null);

function memberRef(code: string, s: ScopeKey, y: number, keep: (o: Org) => boolean): number | null {
  const orgs = ORGS.filter(keep);
  const end = orgs.filter((o) => memberOn(o.key, s, stockDay(y)));
  const start = orgs.filter((o) => memberOn(o.key, s, `${y - 1}-12-31`));
  const has = (list: Org[], o: Org) => list.includes(o);
  const ent = end.filter((o) => o.kind === 'enterprise');
  switch (code) {
    case 'MEM_TOTAL':
      return end.length;
    case 'MEM_JOINS':
      return end.filter((o) => !has(start, o)).length;
    case 'MEM_DEPARTURES':
      return start.filter((o) => !has(end, o)).length;
    case 'MEM_RETENTION':
      return share(start.filter((o) => has(end, o)).length, start.length);
    case 'MEM_MULTI_NETWORK':
      return end.filter((o) => networksOn(o.key, stockDay(y)) >= 2).length;
    case 'MEM_SME_SHARE':
      return share(ent.filter((o) => ['micro', 'small', 'medium'].includes(o.size ?? '')).length, ent.length);
    case 'MEM_SHARE_COMPANIES':
      return share(ent.length, end.length);
    case 'MEM_SHARE_ACADEMIA':
      return share(end.filter((o) => ACADEMIA.has(o.kind)).length, end.length);
    case 'MEM_SHARE_OTHERS':
      return share(end.filter((o) => o.kind !== 'enterprise' && !ACADEMIA.has(o.kind)).length, end.length);
    case 'PRJ_MEMBER_PARTICIPATION':
      return share(
        end.filter((o) =>
          PROJECTS.some(
            (p) =>
              p.labelledOn != null &&
              p.labelledOn <= stockDay(y) &&
              inScope(p.nets, s) &&
              p.partners.includes(o.key),
          ),
        ).length,
        end.length,
      );
  }
  throw new Error(`no member reference for ${code}`);
}

function projectRef(code: string, s: ScopeKey, y: number, keep: (p: Prj) => boolean): number | null {
  const ps = PROJECTS.filter((p) => keep(p) && inScope(p.nets, s));
  const submitted = ps.filter((p) => p.status !== 'draft' && p.source !== 'cordis' && p.submittedYear === y);
  const eligible = submitted.filter((p) => p.eligible);
  const labelled = ps.filter((p) => year(p.labelledOn) === y);
  const closed = ps.filter((p) => p.labelledOn && p.status === 'closed' && year(p.end ?? p.labelledOn) === y);
  const sum = (list: Prj[], f: (p: Prj) => number) => list.reduce((t, p) => t + f(p), 0);
  const m = /^OUT_(\w+)_(PROMISED|ACTUAL|RATE)$/.exec(code);
  if (m) {
    const k = m[1]!.toLowerCase() as keyof Out;
    const reported = closed.filter((p) => p.actual?.[k] != null);
    const promised = sum(reported, (p) => p.promised?.[k] ?? 0);
    const actual = sum(reported, (p) => p.actual![k]!);
    return m[2] === 'PROMISED' ? promised : m[2] === 'ACTUAL' ? actual : share(actual, promised);
  }
  switch (code) {
    case 'PRJ_SUBMITTED':
      return submitted.length;
    case 'PRJ_ELIGIBLE':
      return eligible.length;
    case 'PRJ_SUCCESS_RATE':
      return share(eligible.filter((p) => p.labelledOn).length, eligible.length);
    case 'PRJ_LABELLED':
      return labelled.length;
    case 'PRJ_FUNDING_PUBLIC':
      return sum(labelled, (p) => p.funding);
    case 'PRJ_BUDGET_TOTAL':
      return sum(labelled, (p) => p.budget);
    case 'PRJ_LEVERAGE':
      return share(
        sum(labelled, (p) => p.budget),
        sum(labelled, (p) => p.funding),
      );
    case 'PRJ_CROSS_NETWORK':
      return labelled.filter((p) => p.nets.length >= 2).length;
  }
  throw new Error(`no project reference for ${code}`);
}

/** The cumulative graph of labelled projects, counted pair by pair. */
function graphRef(code: string, s: ScopeKey, y: number): number | null {
  const ps = PROJECTS.filter((p) => p.labelledOn && inScope(p.nets, s));
  const pyear = (p: Prj) => year(p.start ?? p.labelledOn)!;
  const nodesOf = (p: Prj) => [...p.partners, ...(p.external ?? []).map((x) => `pic:${x}`)];
  const upTo = ps.filter((p) => pyear(p) <= y);
  const nodes = new Set(upTo.flatMap(nodesOf));
  const tieKey = (a: string, b: string) => [a, b].sort().join('|');
  const ties = new Map<string, number>();
  for (const p of [...ps].sort((a, b) => pyear(a) - pyear(b))) {
    const ns = nodesOf(p);
    for (const a of ns)
      for (const b of ns) if (a < b && !ties.has(tieKey(a, b))) ties.set(tieKey(a, b), pyear(p));
  }
  const present = [...ties].filter(([, fy]) => fy <= y);
  if (code === 'NET_NEW_TIES') return present.filter(([, fy]) => fy === y).length;
  if (code === 'NET_DENSITY')
    return nodes.size > 1 ? (2 * present.length) / (nodes.size * (nodes.size - 1)) : null;
  // main network: oldest current membership, slug order on ties (A before B)
  const main = (org: string) =>
    MEMBERSHIPS.filter(
      (m) => m.org === org && m.joined <= stockDay(y) && (m.left == null || m.left >= stockDay(y)),
    ).sort((a, b) => a.joined.localeCompare(b.joined) || a.net.localeCompare(b.net))[0]?.net ?? null;
  let both = 0;
  let crossing = 0;
  for (const [k] of present) {
    const [a, b] = k.split('|') as [string, string];
    const ga = main(a);
    const gb = main(b);
    if (ga == null || gb == null) continue;
    both++;
    if (ga !== gb) crossing++;
  }
  return share(crossing, both);
}

function reference(code: string, s: ScopeKey, y: number, dim?: string, value?: string): number | null {
  if (code.startsWith('NET_')) return graphRef(code, s, y);
  if (code.startsWith('MEM_') || code === 'PRJ_MEMBER_PARTICIPATION')
    return memberRef(code, s, y, (o) => !dim || orgFacet(o, dim) === value);
  return projectRef(code, s, y, (p) => !dim || p.type === value);
}

/** computed from the registry; the firm-year panel's indicators are tested in indicators-panel.test.ts */
const PANEL_CODES = CATALOGUE.filter((i) => i.requires === 'firm_panel')
  .map((i) => i.code)
  .sort();
const REGISTRY_CODES = COMPUTED_CODES.filter((c) => !PANEL_CODES.includes(c));

describe('indicators API', () => {
  const t = useTestApp();
  const ids: Record<string, number> = {};
  const slug: Record<ScopeKey, string> = { region: 'region', A: '', B: '' };

  beforeAll(async () => {
    const db = t.handle.db;
    const a = await makeNetwork(db, { kind: 'pole' });
    const b = await makeNetwork(db, { kind: 'cluster' });
    // "A" is the network whose slug sorts first (the main-network tie rule uses slug order)
    const [first, second] = [a, b].sort((x, y) => x.slug.localeCompare(y.slug)) as [typeof a, typeof b];
    slug.A = first.slug;
    slug.B = second.slug;
    const netId = { A: first.id, B: second.id };
    for (const o of ORGS) {
      const r = await makeOrganisation(db, {
        name: `Org ${o.key}`,
        kind: o.kind,
        sizeClass: o.size,
        provinceNis: o.province,
      });
      ids[o.key] = r.id;
    }
    for (const m of MEMBERSHIPS) await makeMembership(db, ids[m.org]!, netId[m.net], m.joined, m.left);
    for (const p of PROJECTS) {
      const { id } = await db
        .insertInto('projects')
        .values({
          source: p.source ?? 'regional',
          externalId: p.source === 'cordis' || p.source === 'import' ? p.key : null,
          acronym: p.key,
          title: p.key,
          projectType: p.type,
          status: p.status,
          submittedAt: p.submittedAt,
          labelledOn: p.labelledOn,
          startDate: p.start,
          endDate: p.end,
          totalBudgetEur: p.budget,
          publicFundingEur: p.funding,
          promisedJobs: p.promised?.jobs ?? null,
          promisedPatents: p.promised?.patents ?? null,
          promisedProducts: p.promised?.products ?? null,
          promisedSpinoffs: p.promised?.spinoffs ?? null,
          actualJobs: p.actual?.jobs ?? null,
          actualPatents: p.actual?.patents ?? null,
          actualProducts: p.actual?.products ?? null,
          actualSpinoffs: p.actual?.spinoffs ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (p.nets.length)
        await db
          .insertInto('projectNetworks')
          .values(p.nets.map((n) => ({ projectId: id, networkId: netId[n] })))
          .execute();
      await db
        .insertInto('projectPartners')
        .values([
          ...p.partners.map((k, i) => ({
            projectId: id,
            organisationId: ids[k]!,
            role: i === 0 ? 'coordinator' : 'partner',
          })),
          ...(p.external ?? []).map((x) => ({ projectId: id, externalId: x, externalKind: 'enterprise' })),
        ])
        .execute();
      let from: string | null = null;
      for (const to of p.transitions ?? []) {
        await db
          .insertInto('projectTransitions')
          .values({ projectId: id, fromStatus: from, toStatus: to })
          .execute();
        from = to;
      }
    }
  });

  const get = async (url: string) => {
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json();
  };

  it('lists a complete catalogue: unique codes, definitions, units, kinds, breakdowns', async () => {
    const { items } = await get('/api/v1/indicators');
    expect(items).toHaveLength(CATALOGUE.length);
    const codes = items.map((i: { code: string }) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const i of items) {
      expect(i.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(i.name.fr && i.name.en).toBeTruthy();
      expect(i.definition.fr.length).toBeGreaterThan(20);
      expect(i.definition.en.length).toBeGreaterThan(20);
      expect(i.formula).toBeTruthy();
      expect(['count', 'share', 'eur', 'ratio', 'per_10000', 'density']).toContain(i.unit);
      expect(['context', 'resource', 'achievement', 'result']).toContain(i.kind);
      expect(i.periodicity).toBe('annual');
      expect(i.sources.length).toBeGreaterThan(0);
      for (const b of i.breakdowns)
        expect(['network', 'kind', 'size', 'province', 'type', 'division']).toContain(b);
    }
    // the panel's indicators wait for it (this database has no firm-year panel)
    const needs = items
      .filter((i: { status: string }) => i.status === 'needs_data')
      .map((i: { code: string }) => i.code);
    expect(needs.sort()).toEqual(['CTX_REGIONAL_EMPLOYMENT', 'RES_IMPACT_EMPLOYMENT']);
    expect(needs.sort()).toEqual(PANEL_CODES);
    expect(new Set(items.map((i: { kind: string }) => i.kind))).toEqual(
      new Set(['context', 'resource', 'achievement', 'result']),
    );
  });

  it('computes every computed indicator for the region and each network, every year, as the reference does', async () => {
    let checked = 0;
    for (const code of PANEL_CODES) {
      const body = await get(`/api/v1/indicators/${code}`);
      expect(body.series, code).toEqual([]);
      expect(body.indicator.status, code).toBe('needs_data'); // as the catalogue says
    }
    for (const code of REGISTRY_CODES) {
      const { series } = await get(`/api/v1/indicators/${code}`);
      for (const s of ['region', 'A', 'B'] as ScopeKey[]) {
        const points = series.filter((p: { network: string }) => p.network === slug[s]);
        expect(
          points.map((p: { year: number }) => p.year),
          `${code} ${s}`,
        ).toEqual(YEARS);
        for (const p of points) {
          const want = reference(code, s, p.year);
          if (want == null) expect(p.value, `${code} ${s} ${p.year}`).toBeNull();
          else expect(p.value, `${code} ${s} ${p.year}`).toBeCloseTo(want, 9);
          checked++;
        }
      }
    }
    expect(checked).toBe(REGISTRY_CODES.length * 3 * YEARS.length);
  });

  it('computes every breakdown as the reference does, and counts add up to the total', async () => {
    for (const ind of CATALOGUE.filter((i) => REGISTRY_CODES.includes(i.code))) {
      for (const dim of ind.breakdowns.filter((d) => d !== 'network')) {
        for (const s of ['region', 'A', 'B'] as ScopeKey[]) {
          const { series } = await get(`/api/v1/indicators/${ind.code}?network=${slug[s]}&breakdown=${dim}`);
          const sums = new Map<number, number>();
          for (const p of series) {
            const want = reference(ind.code, s, p.year, dim, p.breakdown);
            const label = `${ind.code} ${s} ${p.year} ${dim}=${p.breakdown}`;
            if (want == null) expect(p.value, label).toBeNull();
            else expect(p.value, label).toBeCloseTo(want, 9);
            sums.set(p.year, (sums.get(p.year) ?? 0) + (p.value ?? 0));
          }
          if (ind.unit === 'count' || ind.unit === 'eur')
            for (const y of YEARS)
              expect(sums.get(y) ?? 0, `${ind.code} ${s} ${y} Σ ${dim}`).toBeCloseTo(
                reference(ind.code, s, y)!,
                6,
              );
        }
      }
    }
  });

  it('agrees with figures counted by hand', async () => {
    const v = async (code: string, s: ScopeKey, y: number) =>
      (await get(`/api/v1/indicators/${code}?network=${slug[s]}&from=${y}&to=${y}`)).series[0].value;
    // A on 31/12/2016: o1, o3, o6, o8 (o8's last day); o2 left in 2015, o9 came and went in 2015
    expect(await v('MEM_TOTAL', 'A', 2016)).toBe(4);
    // A in 2017: o2 is back, o8 gone; 3 of the 4 stayed
    expect(await v('MEM_JOINS', 'A', 2017)).toBe(1);
    expect(await v('MEM_DEPARTURES', 'A', 2017)).toBe(1);
    expect(await v('MEM_RETENTION', 'A', 2017)).toBeCloseTo(3 / 4, 12);
    // region 2016: o1 o3 o6 o8 | o4 o5 o7 o10 → 8, two in both networks (o3, o6)
    expect(await v('MEM_TOTAL', 'region', 2016)).toBe(8);
    expect(await v('MEM_MULTI_NETWORK', 'region', 2016)).toBe(2);
    // cohort 2016 (P3 by Brussels time, P4, P5, P10): 4 submitted, 3 eligible, 2 labelled
    expect(await v('PRJ_SUBMITTED', 'region', 2016)).toBe(4);
    expect(await v('PRJ_ELIGIBLE', 'region', 2016)).toBe(3);
    expect(await v('PRJ_SUCCESS_RATE', 'region', 2016)).toBeCloseTo(2 / 3, 12);
    // labelled in 2016: P3 (0.3 M of 0.5 M) and P10 (0.8 M of 1 M): leverage 1.5 / 1.1
    expect(await v('PRJ_FUNDING_PUBLIC', 'region', 2016)).toBe(1_100_000);
    expect(await v('PRJ_LEVERAGE', 'region', 2016)).toBeCloseTo(1.5 / 1.1, 12);
    expect(await v('PRJ_CROSS_NETWORK', 'region', 2016)).toBe(1);
    // graph up to 2016: P1 (o1 o2 o6), P2 (o3 o6 o7), P3 (o4 o5): 7 nodes, 7 ties → 14/42
    expect(await v('NET_DENSITY', 'region', 2016)).toBeCloseTo(1 / 3, 12);
    expect(await v('NET_NEW_TIES', 'region', 2016)).toBe(4);
    // main networks on 31/12/2016: o1 o3 o6 → A, o4 o5 o7 → B, o2 none: o3–o7 and o6–o7 cross, of 5
    expect(await v('NET_CROSS_NETWORK_SHARE', 'region', 2016)).toBeCloseTo(2 / 5, 12);
    // closed in 2019: P10 reported patents (1 → 0) and products (1 → 2), not jobs
    expect(await v('OUT_PRODUCTS_RATE', 'region', 2019)).toBeCloseTo(2, 12);
    expect(await v('OUT_JOBS_PROMISED', 'region', 2019)).toBe(0);
    expect(await v('OUT_JOBS_RATE', 'region', 2019)).toBeNull();
  });

  it('matches direct SQL for the funding and the labelled projects per year', async () => {
    const rows = await sql<{ y: number; n: number; f: number }>`
      SELECT date_part('year', labelled_on)::int AS y, count(*)::int AS n, sum(public_funding_eur)::float8 AS f
      FROM projects WHERE labelled_on IS NOT NULL GROUP BY 1`.execute(t.handle.db);
    const labelled = (await get('/api/v1/indicators/PRJ_LABELLED?network=region')).series;
    const funding = (await get('/api/v1/indicators/PRJ_FUNDING_PUBLIC?network=region')).series;
    for (const y of YEARS) {
      const r = rows.rows.find((x) => x.y === y);
      expect(labelled.find((p: { year: number }) => p.year === y).value).toBe(r?.n ?? 0);
      expect(funding.find((p: { year: number }) => p.year === y).value).toBe(r?.f ?? 0);
    }
  });

  it('gives one network-year with the previous year and the change, and downloads it', async () => {
    const v = await get(`/api/v1/indicators/values?network=${slug.A}&year=2017`);
    expect(v.items).toHaveLength(CATALOGUE.length);
    const mem = v.items.find((i: { code: string }) => i.code === 'MEM_TOTAL');
    expect(mem).toMatchObject({ value: 4, previous: 4, change: 0 });
    const needs = v.items.find((i: { code: string }) => i.code === 'RES_IMPACT_EMPLOYMENT');
    expect(needs).toMatchObject({ status: 'needs_data', value: null });
    const csv = await t.app.inject({
      url: `/api/v1/indicators/values?network=${slug.A}&year=2017&format=csv`,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain('MEM_TOTAL;');
    const xlsx = await t.app.inject({ url: '/api/v1/indicators/MEM_TOTAL?format=xlsx' });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
  });

  it('builds the dashboards from the same figures', async () => {
    const d = await get(`/api/v1/dashboards/networks/${slug.B}?year=2018`);
    expect(d.year).toBe(2018);
    expect(d.headline.members.value).toBe(reference('MEM_TOTAL', 'B', 2018));
    // labelled up to 2018 in B: P2, P3, P10, P11
    expect(d.headline.labelledProjects).toMatchObject({ value: 4, period: 'cumulative' });
    expect(d.headline.publicFunding.value).toBe(2_000_000 + 300_000 + 800_000 + 100_000);
    expect(d.headline.employmentGrowth).toMatchObject({ status: 'needs_data', value: null });
    expect(d.trends.members.map((p: { value: number }) => p.value)).toEqual(
      YEARS.filter((y) => y <= 2018).map((y) => reference('MEM_TOTAL', 'B', y)),
    );
    const kinds = Object.fromEntries(
      d.breakdowns.kind.map((x: { key: string; value: number }) => [x.key, x.value]),
    );
    // B on 31/12/2018: o3 o5 o7 o10 o6 (o4 left on 30/12)
    expect(kinds).toEqual({ enterprise: 2, research_centre: 1, training_operator: 1, university: 1 });
    expect(d.breakdowns.projectType.map((x: { key: string; value: number }) => [x.key, x.value])).toEqual([
      ['rd', 3],
      ['training', 1],
    ]);
    const region = await get('/api/v1/dashboards/region');
    expect(region.headline.members.value).toBe((await get('/api/v1/stats')).members);
    const csv = await t.app.inject({ url: '/api/v1/dashboards/region?format=csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('trend;members;2010');
  });

  it('answers 400 naming the field for an unknown network, indicator, breakdown or period', async () => {
    const bad = async (url: string, path: string) => {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().details[0].path, url).toBe(path);
    };
    await bad('/api/v1/indicators/NOPE', 'code');
    await bad('/api/v1/indicators/MEM_TOTAL?network=nowhere', 'network');
    await bad('/api/v1/indicators/MEM_TOTAL?breakdown=type', 'breakdown');
    await bad('/api/v1/indicators/MEM_TOTAL?breakdown=colour', 'breakdown');
    await bad('/api/v1/indicators/MEM_TOTAL?from=2020&to=2010', 'to');
    await bad('/api/v1/indicators/values?network=nowhere', 'network');
    await bad('/api/v1/indicators/values?year=1999', 'year');
    await bad('/api/v1/dashboards/networks/nowhere', 'slug');
  });

  it('follows the data: a new membership changes the figures (cache per data version)', async () => {
    const before = (await get(`/api/v1/indicators/MEM_TOTAL?network=region&from=${CURRENT}`)).series[0].value;
    const o = await makeOrganisation(t.handle.db, { kind: 'enterprise' });
    const n = await t.handle.db
      .selectFrom('networks')
      .select('id')
      .where('slug', '=', slug.A)
      .executeTakeFirstOrThrow();
    await makeMembership(t.handle.db, o.id, n.id, '2020-01-01');
    const after = (await get(`/api/v1/indicators/MEM_TOTAL?network=region&from=${CURRENT}`)).series[0].value;
    expect(after).toBe(before + 1);
  });
});
