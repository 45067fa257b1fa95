import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/modules/auth/actor.ts';
import { importBoundaries } from '../../src/modules/reference/reference.service.ts';
import { useTestApp } from '../helpers/app.ts';
import { makeMembership, makeNetwork, makeOrganisation } from '../helpers/factories.ts';
import { importReferenceLists, readReference } from '../helpers/reference.ts';

/**
 * Maps and specialisation on a hand-made registry. The nine members with a headcount reproduce
 * the location-quotient example of src/analytics/location-quotient.test.ts:
 *
 *              Liège (60000)            Namur (90000)
 *   C25   L1 40 + L2 30 + L3 30 = 100    M1 20
 *   C10   L4 100                         M2 50 + M3 50 + M4 50 + M5 30 = 180
 *
 *   LQ(25, Liège) = (100/200)/(120/400) = 5/3   LQ(10, Liège) = 5/7
 *   LQ(25, Namur) = ( 20/200)/(120/400) = 1/3   LQ(10, Namur) = 9/7
 *   strong: (25, Liège) only (top quartile of the two candidates with ≥ 50 jobs and ≥ 3 firms).
 *
 * Besides: X1 (member, no headcount), X2 (member university, no place), X3 (not a member, Arlon),
 * X4 (former member, Wavre, left 30/06/2016).
 */
interface O {
  key: string;
  nace: string[];
  headcount: number | null;
  muni: string | null;
  province: string | null;
  net: 'N1' | 'N2' | null;
  kind?: string;
  left?: string;
}
const ORGS: O[] = [
  { key: 'L1', nace: ['25110'], headcount: 40, muni: '62063', province: '60000', net: 'N1' },
  { key: 'L2', nace: ['25620'], headcount: 30, muni: '62096', province: '60000', net: 'N1' },
  { key: 'L3', nace: ['25500'], headcount: 30, muni: '62063', province: '60000', net: 'N2' },
  { key: 'L4', nace: ['10110'], headcount: 100, muni: '62096', province: '60000', net: 'N2' },
  { key: 'M1', nace: ['25110'], headcount: 20, muni: '92094', province: '90000', net: 'N1' },
  { key: 'M2', nace: ['10710'], headcount: 50, muni: '92094', province: '90000', net: 'N1' },
  { key: 'M3', nace: ['10890'], headcount: 50, muni: '92003', province: '90000', net: 'N2' },
  { key: 'M4', nace: ['10110'], headcount: 50, muni: '92094', province: '90000', net: 'N2' },
  { key: 'M5', nace: ['10520', '25110'], headcount: 30, muni: '92003', province: '90000', net: 'N1' },
  { key: 'X1', nace: ['25110'], headcount: null, muni: '52011', province: '50000', net: 'N1' },
  { key: 'X2', nace: ['72190'], headcount: 500, muni: null, province: null, net: 'N2', kind: 'university' },
  { key: 'X3', nace: ['25110'], headcount: 10, muni: '81001', province: '80000', net: null },
  {
    key: 'X4',
    nace: ['62010'],
    headcount: 5,
    muni: '25112',
    province: '20002',
    net: 'N1',
    left: '2016-06-30',
  },
];

describe('maps and specialisation API', () => {
  const t = useTestApp();
  const ids: Record<string, number> = {};
  const nets: Record<string, string> = {};

  beforeAll(async () => {
    const db = t.handle.db;
    await importReferenceLists(db);
    const ctx = { db, actor: SYSTEM };
    await importBoundaries(ctx, readReference('be-geo/wallonia_provinces.geojson'), 'province');
    await importBoundaries(ctx, readReference('be-geo/wallonia_municipalities.geojson'), 'municipality');
    const n1 = await makeNetwork(db);
    const n2 = await makeNetwork(db);
    nets.N1 = n1.slug;
    nets.N2 = n2.slug;
    for (const o of ORGS) {
      const r = await makeOrganisation(db, {
        name: `Org ${o.key}`,
        kind: o.kind ?? 'enterprise',
        headcount: o.headcount,
        naceCodes: o.nace,
        municipalityNis: o.muni,
        provinceNis: o.province,
      });
      ids[o.key] = r.id;
      if (o.net) await makeMembership(db, r.id, o.net === 'N1' ? n1.id : n2.id, '2015-01-01', o.left ?? null);
    }
  });

  const get = async (url: string) => {
    const res = await t.app.inject({ url });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json();
  };

  it('computes the location quotients of the hand example, strong cell included', async () => {
    const r = await get('/api/v1/specialisation');
    expect(r).toMatchObject({ level: 'division', population: 'members', minJobs: 50, minEstablishments: 3 });
    const cell = (s: string, a: string) =>
      r.items.find((x: { sector: string; area: string }) => x.sector === s && x.area === a);
    expect(r.items).toHaveLength(4);
    expect(cell('25', '60000')).toMatchObject({
      jobs: 100,
      establishments: 3,
      strong: true,
      areaName: 'Liège',
    });
    expect(cell('25', '60000').lq).toBeCloseTo(5 / 3, 12);
    expect(cell('25', '60000').sectorLabel).toMatch(/produits métalliques/);
    expect(cell('10', '60000').lq).toBeCloseTo(5 / 7, 12);
    expect(cell('25', '90000').lq).toBeCloseTo(1 / 3, 12);
    expect(cell('10', '90000')).toMatchObject({ jobs: 180, establishments: 4, strong: false });
    expect(cell('10', '90000').lq).toBeCloseTo(9 / 7, 12);
    expect(r.threshold).toBeCloseTo(5 / 3, 12);
    // thresholds are parameters: with 4 establishments required, (10, Namur) is the strong one
    const r4 = await get('/api/v1/specialisation?minEstablishments=4');
    expect(
      r4.items.filter((x: { strong: boolean }) => x.strong).map((x: { sector: string }) => x.sector),
    ).toEqual(['10']);
  });

  it('changes population, level and network as asked', async () => {
    // every organisation: X3 (Arlon, 10 jobs in 25) and X4 (Wavre, 5 jobs in 62) join;
    // total 415 jobs, sector 25 has 130: LQ(25, Luxembourg) = (10/10) / (130/415)
    const all = await get('/api/v1/specialisation?population=all');
    const lux = all.items.find(
      (x: { sector: string; area: string }) => x.sector === '25' && x.area === '80000',
    );
    expect(lux.lq).toBeCloseTo(415 / 130, 12);
    expect(all.totalJobs).toBe(415);
    // sections: 25 and 10 are both manufacturing (C): one sector, LQ 1 everywhere
    const sec = await get('/api/v1/specialisation?level=section');
    expect(sec.items.map((x: { sector: string; lq: number }) => [x.sector, x.lq])).toEqual([
      ['C', 1],
      ['C', 1],
    ]);
    // network N1: L1 L2 M1 M2 M5 (X1 has no headcount, X4 left)
    const n1 = await get(`/api/v1/specialisation?network=${nets.N1}`);
    expect(n1.totalJobs).toBe(40 + 30 + 20 + 50 + 30);
    const csv = await t.app.inject({ url: '/api/v1/specialisation?format=csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Quotient de localisation');
    const bad = await t.app.inject({ url: '/api/v1/specialisation?network=nowhere' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].path).toBe('network');
  });

  it('counts members per province as direct SQL does, per 10,000 inhabitants of the summed municipalities', async () => {
    const m = await get('/api/v1/maps/members?level=province');
    const direct = await sql<{ nis: string; n: number }>`
      SELECT mu.province_nis AS nis, count(DISTINCT o.id)::int AS n
      FROM organisations o
      JOIN municipalities mu ON mu.nis = o.municipality_nis
      JOIN memberships ms ON ms.organisation_id = o.id
      WHERE ms.joined_on <= current_date AND coalesce(ms.left_on, current_date) >= current_date
      GROUP BY mu.province_nis`.execute(t.handle.db);
    const pop = await sql<{ nis: string; p: number }>`
      SELECT province_nis AS nis, sum(population)::int AS p FROM municipalities GROUP BY province_nis`.execute(
      t.handle.db,
    );
    expect(m.areas).toHaveLength(5);
    for (const a of m.areas) {
      const want = direct.rows.find((r) => r.nis === a.nis)?.n ?? 0;
      const p = pop.rows.find((r) => r.nis === a.nis)!.p;
      expect(a.members, a.name).toBe(want);
      expect(a.population).toBe(p);
      expect(a.per10000).toBeCloseTo((want / p) * 10_000, 12);
    }
    // by hand: Liège L1–L4, Namur M1–M5, Hainaut X1; X2 has no place
    const by = Object.fromEntries(m.areas.map((a: { nis: string; members: number }) => [a.nis, a.members]));
    expect(by).toEqual({ '20002': 0, '50000': 1, '60000': 4, '80000': 0, '90000': 5 });
    expect(m).toMatchObject({ members: 11, unplaced: 1 });
  });

  it('counts members per municipality on a past day, by network and kind', async () => {
    const m = await get(`/api/v1/maps/members?level=municipality&network=${nets.N1}&asOf=2016-01-01`);
    expect(m.areas.length).toBeGreaterThan(250);
    const nonzero = Object.fromEntries(
      m.areas
        .filter((a: { members: number }) => a.members > 0)
        .map((a: { nis: string; members: number }) => [a.nis, a.members]),
    );
    // N1 on 1/1/2016: L1 (Liège), L2 (Seraing), M1 M2 (Namur), M5 (Andenne), X1 (Charleroi), X4 (Wavre)
    expect(nonzero).toEqual({ '62063': 1, '62096': 1, '92094': 2, '92003': 1, '52011': 1, '25112': 1 });
    const namur = m.areas.find((a: { nis: string }) => a.nis === '92094');
    expect(namur.population).toBe(111432);
    expect(namur.per10000).toBeCloseTo((2 / 111432) * 10_000, 12);
    const uni = await get('/api/v1/maps/members?level=province&kind=university');
    expect(uni).toMatchObject({ members: 1, unplaced: 1 });
    const bad = await t.app.inject({ url: '/api/v1/maps/members?network=nowhere' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].path).toBe('network');
  });

  it('serves the boundaries as cacheable GeoJSON', async () => {
    const res = await t.app.inject({ url: '/api/v1/maps/boundaries?level=municipality' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toMatch(/max-age/);
    const etag = res.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    const fc = res.json();
    const n = await t.handle.db
      .selectFrom('boundaries')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('level', '=', 'municipality')
      .executeTakeFirstOrThrow();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(n.n);
    expect(fc.features[0].properties).toHaveProperty('nis');
    expect(['Polygon', 'MultiPolygon']).toContain(fc.features[0].geometry.type);
    const again = await t.app.inject({
      url: '/api/v1/maps/boundaries?level=municipality',
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    const prov = await get('/api/v1/maps/boundaries?level=province');
    expect(prov.features).toHaveLength(5);
  });

  it('places member organisations near their municipality’s centre, deterministically, with public fields only', async () => {
    const { items, unplaced } = await get('/api/v1/maps/organisations');
    // current members with a municipality: L1–L4, M1–M5, X1; X2 has none
    expect(items).toHaveLength(10);
    expect(unplaced).toBe(1);
    for (const p of items) expect(Object.keys(p).sort()).toEqual(['id', 'kind', 'lat', 'lon', 'name']);
    const byId = new Map(items.map((p: { id: number }) => [p.id, p]));
    // every point falls inside its municipality's bounding box (municipalities are kilometres wide)
    const boxes = await sql<{ nis: string; x0: number; x1: number; y0: number; y1: number }>`
      SELECT nis, min((c->>0)::float8) AS x0, max((c->>0)::float8) AS x1,
                  min((c->>1)::float8) AS y0, max((c->>1)::float8) AS y1
      FROM boundaries b,
        LATERAL jsonb_array_elements(CASE b.geometry->>'type' WHEN 'Polygon' THEN b.geometry->'coordinates'
          ELSE (SELECT jsonb_agg(r) FROM jsonb_array_elements(b.geometry->'coordinates') pp, jsonb_array_elements(pp) r) END) ring,
        LATERAL jsonb_array_elements(ring) c
      WHERE b.level = 'municipality' GROUP BY nis`.execute(t.handle.db);
    for (const o of ORGS.filter((x) => x.muni && x.net && !x.left)) {
      const p = byId.get(ids[o.key]) as { lon: number; lat: number };
      const box = boxes.rows.find((b) => b.nis === o.muni)!;
      expect(p.lon, o.key).toBeGreaterThan(box.x0);
      expect(p.lon, o.key).toBeLessThan(box.x1);
      expect(p.lat, o.key).toBeGreaterThan(box.y0);
      expect(p.lat, o.key).toBeLessThan(box.y1);
    }
    // two organisations of Liège do not stack
    const l1 = byId.get(ids.L1) as { lon: number; lat: number };
    const l3 = byId.get(ids.L3) as { lon: number; lat: number };
    expect([l1.lon, l1.lat]).not.toEqual([l3.lon, l3.lat]);
    // the same place in another (separately computed) answer
    const n1 = await get(`/api/v1/maps/organisations?network=${nets.N1}`);
    expect(n1.items.find((p: { id: number }) => p.id === ids.L1)).toEqual(l1);
    expect(n1.items).toHaveLength(6);
  });
});
