import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { makeMembership, makeNetwork, makeOrganisation } from '../helpers/factories.ts';

describe('GET /api/v1/networks', () => {
  const t = useTestApp();

  it('lists networks with slug, kind, name and the number of current members', async () => {
    const pole = await makeNetwork(t.handle.db, { kind: 'pole' });
    const cluster = await makeNetwork(t.handle.db, { kind: 'cluster' });
    const a = await makeOrganisation(t.handle.db);
    const b = await makeOrganisation(t.handle.db);
    const c = await makeOrganisation(t.handle.db);
    await makeMembership(t.handle.db, a.id, pole.id, '2008-01-01');
    await makeMembership(t.handle.db, b.id, pole.id, '2012-05-01', '2015-12-31'); // left
    await makeMembership(t.handle.db, c.id, cluster.id, '2020-01-01');
    await makeMembership(t.handle.db, a.id, cluster.id, '2019-01-01');

    const res = await t.app.inject({ method: 'GET', url: '/api/v1/networks' });
    expect(res.statusCode).toBe(200);
    const { items } = res.json() as {
      items: { slug: string; kind: string; name: string; memberCount: number }[];
    };
    const p = items.find((n) => n.slug === pole.slug)!;
    const cl = items.find((n) => n.slug === cluster.slug)!;
    expect(p).toMatchObject({ kind: 'pole', name: pole.name, memberCount: 1 });
    expect(cl).toMatchObject({ kind: 'cluster', memberCount: 2 });

    const past = await t.app.inject({ method: 'GET', url: '/api/v1/networks?asOf=2013-06-30' });
    const pp = (past.json() as { items: { slug: string; memberCount: number }[] }).items.find(
      (n) => n.slug === pole.slug,
    )!;
    expect(pp.memberCount).toBe(2);
  });

  it('answers one network with its key figures, and 404 for an unknown slug', async () => {
    const n = await makeNetwork(t.handle.db);
    const o = await makeOrganisation(t.handle.db, { kind: 'enterprise', sizeClass: 'small' });
    const u = await makeOrganisation(t.handle.db, { kind: 'university', enterpriseNumber: null });
    await makeMembership(t.handle.db, o.id, n.id, '2015-03-01');
    await makeMembership(t.handle.db, u.id, n.id, '2016-03-01');
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/networks/${n.slug}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.memberCount).toBe(2);
    expect(body.figures.byKind).toEqual({ enterprise: 1, university: 1 });
    expect(body.figures.smeShare).toBe(1);
    const y2015 = body.figures.perYear.find((y: { year: number }) => y.year === 2015);
    expect(y2015).toEqual({ year: 2015, members: 1, joins: 1, departures: 0 });

    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/networks/no-such-network' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatch(/no-such-network/);
  });

  it('exports the list as CSV and XLSX', async () => {
    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/networks?format=csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.split('\r\n')[0]).toBe(
      '\uFEFFSlug;Type;Nom;Domaine;Membres;Reconnu depuis;Site web;Illustratif',
    );
    const xlsx = await t.app.inject({ method: 'GET', url: '/api/v1/networks?format=xlsx' });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
