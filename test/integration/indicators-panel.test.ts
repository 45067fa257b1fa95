import { beforeAll, describe, expect, it } from 'vitest';
import { makeEnterpriseNumber } from '../../src/domain/enterprise-number.ts';
import { parseCsv } from '../../src/io/csv.ts';
import { createUser } from '../../src/modules/auth/auth.service.ts';
import { useTestApp } from '../helpers/app.ts';
import { makeMembership, makeNetwork, makeOrganisation } from '../helpers/factories.ts';
import { multipartFile } from '../helpers/multipart.ts';
import { importReferenceLists } from '../helpers/reference.ts';

/**
 * The two indicators computed from the firm-year panel (RES_IMPACT_EMPLOYMENT,
 * CTX_REGIONAL_EMPLOYMENT) on a small hand-made panel imported through the API, checked against
 * a reference written here in plain JavaScript over the fixture (never over the database), a
 * few figures stated by hand, the observatory's own series, the dashboard and the open data.
 */

const LIEGE = '62063';
const NAMUR = '92094';
const CHARLEROI = '52011';
const ARLON = '81001';
const GENT = '44021';
const PROVINCE: Record<string, string> = {
  [LIEGE]: '60000',
  [NAMUR]: '90000',
  [CHARLEROI]: '50000',
  [ARLON]: '80000',
  [GENT]: '40000',
};
const WALLOON = new Set(['50000', '60000', '80000', '90000', '20002']);
const YEARS = [2008, 2009, 2010, 2011, 2012];

interface Firm {
  key: string;
  nace: string;
  muni: string;
  /** FTE 2008–2012, null = no row */
  fte: (number | null)[];
  /** memberships: network, joined, left */
  joins?: [net: 'A' | 'B', joined: string, left?: string][];
  /** in the registry without a membership */
  registry?: boolean;
}

const FIRMS: Firm[] = [
  {
    key: 'a1',
    nace: '25620',
    muni: LIEGE,
    fte: [10, 11, 12, 13, 14],
    joins: [
      ['A', '2008-03-01'],
      ['B', '2011-01-01'],
    ],
  },
  // left in 2010: still counted as a member afterwards (the observatory's definition)
  {
    key: 'a2',
    nace: '25620',
    muni: LIEGE,
    fte: [20, 20, 22, 22, 24],
    joins: [['A', '2008-06-01', '2010-06-30']],
  },
  { key: 'a3', nace: '28990', muni: NAMUR, fte: [30, 31, 33, 34, 36], joins: [['A', '2010-01-01']] },
  { key: 'a4', nace: '28990', muni: NAMUR, fte: [5, 6, 6, 7, 8], joins: [['A', '2011-05-01']] },
  // joins after the panel: part of the rest of industry in every year
  { key: 'a5', nace: '20140', muni: LIEGE, fte: [12, 12, 12, 12, 12], joins: [['A', '2013-02-01']] },
  { key: 'b1', nace: '10110', muni: CHARLEROI, fte: [40, 42, 44, 46, 48], joins: [['B', '2009-01-01']] },
  { key: 'b2', nace: '10110', muni: CHARLEROI, fte: [15, 15, 16, 16, 17], joins: [['B', '2009-09-01']] },
  { key: 'r1', nace: '25620', muni: LIEGE, fte: [100, 98, 96, 94, 92], registry: true },
  { key: 'r2', nace: '25620', muni: NAMUR, fte: [50, 49, 48, 47, 46] },
  { key: 'r3', nace: '28990', muni: LIEGE, fte: [60, 60, 59, 58, 57] },
  { key: 'r4', nace: '10110', muni: NAMUR, fte: [25, 24, 24, 23, 22] },
  // no row in 2010: out of every growth that spans it
  { key: 'r5', nace: '20140', muni: CHARLEROI, fte: [8, 8, null, 7, 7] },
  // one firm dominates its division and its province (> 85 %)
  { key: 'd1', nace: '23610', muni: ARLON, fte: [400, 404, 408, 412, 416] },
  { key: 'd2', nace: '23610', muni: ARLON, fte: [2, 2, 2, 2, 2] },
  { key: 'd3', nace: '23610', muni: ARLON, fte: [3, 3, 3, 3, 3] },
  // services: regional employment only; Flanders: neither
  { key: 's1', nace: '62010', muni: LIEGE, fte: [3, 4, 5, 6, 7] },
  { key: 'f1', nace: '25620', muni: GENT, fte: [200, 200, 200, 200, 200] },
];
const enOf = (i: number) => makeEnterpriseNumber(7_300_000 + i);

// ── reference ──────────────────────────────────────────────────────────────────────────────

interface Cell {
  count: number;
  total: number;
  largest: number;
}
const cell = (values: number[]): Cell => ({
  count: values.length,
  total: values.reduce((a, b) => a + b, 0),
  largest: Math.max(0, ...values),
});
/** ≥ 3 firms and none above 85 % of the total (impact.policy.ts) */
const ok = (c: Cell) => c.count >= 3 && c.largest <= 0.85 * c.total;
const fteAt = (f: Firm, y: number) => f.fte[y - 2008] ?? null;
const division = (f: Firm) => f.nace.slice(0, 2);
const manufacturing = (f: Firm) => Number(division(f)) >= 10 && Number(division(f)) <= 33;
const walloon = (f: Firm) => WALLOON.has(PROVINCE[f.muni]!);
const firstJoin = (f: Firm, net?: 'A' | 'B') =>
  Math.min(...(f.joins ?? []).filter((j) => !net || j[0] === net).map((j) => Number(j[1].slice(0, 4))));

function gapRef(scope: 'region' | 'A' | 'B', y: number): number | null {
  if (y <= 2008 || y > 2012) return null;
  const pop = FIRMS.filter(
    (f) => manufacturing(f) && walloon(f) && YEARS.filter((x) => x <= y).every((x) => fteAt(f, x) != null),
  );
  const members = pop.filter((f) => firstJoin(f, scope === 'region' ? undefined : scope) <= y);
  const rest = pop.filter((f) => !(firstJoin(f) <= y));
  const growth = (g: Firm[]) => {
    const b = cell(g.map((f) => fteAt(f, 2008)!));
    const e = cell(g.map((f) => fteAt(f, y)!));
    return ok(b) && ok(e) ? e.total / b.total - 1 : null;
  };
  const m = growth(members);
  const r = growth(rest);
  return m === null || r === null ? null : m - r;
}

/** CTX cells of a year: key → value, withheld cells null (primary, then complementary per breakdown). */
function employmentRef(y: number): Map<string, number | null> {
  const out = new Map<string, number | null>();
  if (y < 2008 || y > 2012) return out;
  const rows = FIRMS.filter((f) => walloon(f) && fteAt(f, y) != null);
  const total = cell(rows.map((f) => fteAt(f, y)!));
  out.set('', ok(total) ? total.total : null);
  for (const [dim, of] of [
    ['division', division],
    ['province', (f: Firm) => PROVINCE[f.muni]!],
  ] as const) {
    const cells = new Map<string, Cell>();
    for (const v of new Set(rows.map(of)))
      cells.set(v, cell(rows.filter((f) => of(f) === v).map((f) => fteAt(f, y)!)));
    const hidden = new Set([...cells].filter(([, c]) => !ok(c)).map(([k]) => k));
    const union = () => cell(rows.filter((f) => hidden.has(of(f))).map((f) => fteAt(f, y)!));
    const bySize = [...cells].filter(([k]) => !hidden.has(k)).sort((a, b) => a[1].total - b[1].total);
    while (hidden.size > 0 && !ok(union()) && bySize.length > 0) hidden.add(bySize.shift()![0]);
    for (const [k, c] of cells) out.set(`${dim}:${k}`, hidden.has(k) ? null : c.total);
  }
  return out;
}

// ── the test ───────────────────────────────────────────────────────────────────────────────

describe('indicators from the firm-year panel', () => {
  const t = useTestApp();
  const slug = { region: 'region', A: '', B: '' };
  let admin: string;

  const get = async (url: string) => {
    const res = await t.app.inject({ url });
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
    return res.json();
  };
  const series = async (code: string, q = '') =>
    (await get(`/api/v1/indicators/${code}?${q}`)).series as {
      network: string;
      year: number;
      value: number | null;
      breakdown?: string;
    }[];

  beforeAll(async () => {
    const db = t.handle.db;
    await importReferenceLists(db);
    const a = await makeNetwork(db, { kind: 'pole' });
    const b = await makeNetwork(db, { kind: 'cluster' });
    slug.A = a.slug;
    slug.B = b.slug;
    const netId = { A: a.id, B: b.id };
    for (const [i, f] of FIRMS.entries()) {
      if (!f.joins && !f.registry) continue;
      const o = await makeOrganisation(db, { enterpriseNumber: enOf(i), municipalityNis: f.muni });
      for (const [net, joined, left] of f.joins ?? [])
        await makeMembership(db, o.id, netId[net], joined, left);
    }
    await createUser(db, { email: 'admin@panel-ind.test', password: 'panel-ind-admin-pw', admin: true });
    admin = await t.login('admin@panel-ind.test', 'panel-ind-admin-pw');
  });

  async function importPanel(firms: Firm[]) {
    const lines = ["Numéro d'entreprise;Année;ETP;NACE;Commune"];
    for (const [i, f] of firms.entries())
      f.fte.forEach((v, k) => {
        if (v != null)
          lines.push(`${enOf(i)};${2008 + k};${v};${f.nace.slice(0, 2)}.${f.nace.slice(2)};${f.muni}`);
      });
    const m = multipartFile(Buffer.from(lines.join('\r\n'), 'utf8'), { filename: 'panel.csv' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/impact/panel/import',
      payload: m.payload,
      headers: { ...m.headers, cookie: admin },
    });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
  }

  it('reports both as needs_data, and computes nothing, while the panel is empty', async () => {
    const { items } = await get('/api/v1/indicators');
    const status = Object.fromEntries(items.map((i: { code: string; status: string }) => [i.code, i.status]));
    expect(status.RES_IMPACT_EMPLOYMENT).toBe('needs_data');
    expect(status.CTX_REGIONAL_EMPLOYMENT).toBe('needs_data');
    expect(await series('RES_IMPACT_EMPLOYMENT')).toEqual([]);
    const d = await get('/api/v1/dashboards/region');
    expect(d.headline.employmentGrowth).toMatchObject({ status: 'needs_data', value: null });
    await importPanel(FIRMS);
    const after = (await get('/api/v1/indicators')).items.filter((i: { code: string }) =>
      ['RES_IMPACT_EMPLOYMENT', 'CTX_REGIONAL_EMPLOYMENT'].includes(i.code),
    );
    expect(after.map((i: { status: string }) => i.status)).toEqual(['computed', 'computed']);
  });

  it('computes the growth gap members vs industry for the region and each network, every year, as the reference does', async () => {
    const points = await series('RES_IMPACT_EMPLOYMENT');
    let checked = 0;
    let values = 0;
    for (const s of ['region', 'A', 'B'] as const) {
      const mine = points.filter((p) => p.network === slug[s]);
      expect(mine.length).toBeGreaterThan(15); // 2006 to the current year
      for (const p of mine) {
        const want = gapRef(s, p.year);
        if (want === null) expect(p.value, `${s} ${p.year}`).toBeNull();
        else expect(p.value, `${s} ${p.year}`).toBeCloseTo(want, 12);
        checked++;
        if (want !== null) values++;
      }
    }
    expect(checked).toBeGreaterThan(45);
    expect(values).toBe(9); // region 2009–2012, A 2010–2012, B 2011–2012
    // by hand, region 2012: members a1–a4, b1, b2 120 → 147 FTE; the rest (r5 lacks 2010) 652 → 650
    const region2012 = points.find((p) => p.network === 'region' && p.year === 2012)!;
    expect(region2012.value).toBeCloseTo(147 / 120 - 650 / 652, 12);
    // network B has two members until a1 joins it in 2011: withheld before
    expect(points.find((p) => p.network === slug.B && p.year === 2010)!.value).toBeNull();
    expect(points.find((p) => p.network === slug.B && p.year === 2011)!.value).not.toBeNull();
  });

  it('agrees with the observatory’s descriptive series over the same period', async () => {
    const a = await get('/api/v1/impact/series?from=2008&to=2012&composition=balanced&breakdown=network');
    const growth = (code: string) =>
      a.breakdown.find((s: { stratum: { code: string } }) => s.stratum.code === code).growth as number;
    const [members, rest] = a.overall;
    const points = await series('RES_IMPACT_EMPLOYMENT', 'from=2012&to=2012');
    const at = (n: string) => points.find((p) => p.network === n)!.value!;
    expect(at('region')).toBeCloseTo(members.growth - rest.growth, 12);
    expect(at(slug.A)).toBeCloseTo(growth(slug.A) - growth('none'), 12);
    expect(at(slug.B)).toBeCloseTo(growth(slug.B) - growth('none'), 12);
  });

  it('computes regional employment by division and province, withholding small and dominated cells', async () => {
    for (const dim of ['', 'division', 'province']) {
      const points = await series(
        'CTX_REGIONAL_EMPLOYMENT',
        `network=region${dim ? `&breakdown=${dim}` : ''}`,
      );
      for (const p of points) {
        const want = employmentRef(p.year).get(dim ? `${dim}:${p.breakdown}` : '') ?? null;
        const label = `${p.year} ${dim}=${p.breakdown}`;
        if (want === null) expect(p.value, label).toBeNull();
        else expect(p.value, label).toBeCloseTo(want, 9);
      }
      expect(points.filter((p) => p.value !== null).length, dim).toBeGreaterThan(4);
    }
    const v = async (q: string, y: number) =>
      (await series('CTX_REGIONAL_EMPLOYMENT', `network=region&from=${y}&to=${y}${q}`)).reduce(
        (m, p) => m.set(p.breakdown ?? '', p.value),
        new Map<string, number | null>(),
      );
    // by hand, 2010: every Walloon firm but r5 (no row): 790 FTE
    expect((await v('', 2010)).get('')).toBe(790);
    // provinces 2010: Hainaut has 2 firms, Luxembourg one dominant firm; together still > 85 %
    // from one firm, so Namur (the smallest published) is withheld too; Liège alone is shown
    expect(Object.fromEntries(await v('&breakdown=province', 2010))).toEqual({
      '50000': null,
      '60000': 206,
      '80000': null,
      '90000': null,
    });
    // a network has no regional context
    const nets = await series('CTX_REGIONAL_EMPLOYMENT', `network=${slug.A}&from=2010&to=2010`);
    expect(nets).toEqual([{ network: slug.A, year: 2010, value: null }]);
    // years the panel does not cover are unknown, not 0
    expect((await v('', 2015)).get('')).toBeNull();
  });

  it('shows the growth gap on the dashboards, up to the panel’s last year, with a link to the observatory', async () => {
    const d = await get('/api/v1/dashboards/region?year=2014');
    expect(d.headline.employmentGrowth).toMatchObject({
      code: 'RES_IMPACT_EMPLOYMENT',
      status: 'computed',
      period: 'cumulative',
      years: { from: 2008, to: 2012 },
      link: '/observatoire',
    });
    expect(d.headline.employmentGrowth.value).toBeCloseTo(gapRef('region', 2012)!, 12);
    expect(d.headline.employmentGrowth.previous).toBeCloseTo(gapRef('region', 2011)!, 12);
    const b = await get(`/api/v1/dashboards/networks/${slug.B}?year=2010`);
    expect(b.headline.employmentGrowth).toMatchObject({ status: 'computed', value: null });
    const values = await get(`/api/v1/indicators/values?network=${slug.A}&year=2011`);
    const item = values.items.find((i: { code: string }) => i.code === 'RES_IMPACT_EMPLOYMENT');
    expect(item.status).toBe('computed');
    expect(item.value).toBeCloseTo(gapRef('A', 2011)!, 12);
    expect(item.previous).toBeCloseTo(gapRef('A', 2010)!, 12);
  });

  it('publishes the same aggregates as open data, withheld cells empty, no firm in the files', async () => {
    const csv = await t.app.inject({ url: '/open-data/indicator-series.csv' });
    expect(csv.statusCode).toBe(200);
    const [header, ...rows] = parseCsv(csv.body, ',');
    const col = (name: string) => header!.indexOf(name);
    const ctx = rows.filter(
      (r) => r[col('code')] === 'CTX_REGIONAL_EMPLOYMENT' && r[col('network')] === 'region',
    );
    let checked = 0;
    for (const r of ctx) {
      const y = Number(r[col('year')]);
      const key = r[col('breakdown')] ? `${r[col('breakdown')]}:${r[col('breakdown_value')]}` : '';
      const want = employmentRef(y).get(key) ?? null;
      expect(r[col('value')], `${y} ${key}`).toBe(want === null ? '' : String(want));
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
    const gap = rows.find(
      (r) =>
        r[col('code')] === 'RES_IMPACT_EMPLOYMENT' &&
        r[col('network')] === 'region' &&
        r[col('year')] === '2012',
    )!;
    expect(Number(gap[col('value')])).toBeCloseTo(gapRef('region', 2012)!, 12);
    const catalogue = await t.app.inject({ url: '/open-data/indicators.csv' });
    expect(catalogue.body).toMatch(/RES_IMPACT_EMPLOYMENT,.*,computed\r\n/);
    // no enterprise number leaves through open data (the cells are checked above)
    for (const [i] of FIRMS.entries()) expect(csv.body).not.toContain(enOf(i));
  });

  it('follows the panel: a new import moves the figures (cache per data version)', async () => {
    const before = (await series('CTX_REGIONAL_EMPLOYMENT', 'network=region&from=2010&to=2010'))[0]!.value;
    await importPanel(FIRMS.map((f) => (f.key === 'r1' ? { ...f, fte: [100, 98, 106, 94, 92] } : f)));
    const after = (await series('CTX_REGIONAL_EMPLOYMENT', 'network=region&from=2010&to=2010'))[0]!.value;
    expect(after).toBe(before! + 10);
  });
});
