import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { makeMembership, makeNetwork, makeOrganisation, makeUser } from '../helpers/factories.ts';

/**
 * The collaboration network served by the API, on a hand-made set of projects whose graph is known:
 *
 *   P1 (2015, labelled, net A): a b c      P2 (2017, labelled, net A+B): c d
 *   P3 (2019, labelled, net B): d e         P4 (2020, rejected, net B): a e   ← never public
 *   P5 (2018, labelled, net A): a b         (a–b shared twice)
 *
 * Public graph: nodes a b c d e; ties a–b (2), a–c, b–c, c–d, d–e: a path c–d–e hanging off a
 * triangle. Betweenness (normalised, networkx): c = 0.5 (3 of 6 pairs... computed below), d = 0.5.
 */
describe('collaboration network API', () => {
  const t = useTestApp();
  const o: Record<string, number> = {};
  let netA: { id: number; slug: string };
  let netB: { id: number; slug: string };

  async function project(
    acronym: string,
    year: number,
    status: string,
    nets: number[],
    partners: string[],
    funding = 1_000_000,
  ) {
    const { id } = await t.handle.db
      .insertInto('projects')
      .values({
        acronym,
        title: acronym,
        projectType: 'rd',
        status,
        startDate: `${year}-01-01`,
        labelledOn: status === 'rejected' ? null : `${year - 1}-10-01`,
        publicFundingEur: funding,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.handle.db
      .insertInto('projectNetworks')
      .values(nets.map((networkId) => ({ projectId: id, networkId })))
      .execute();
    await t.handle.db
      .insertInto('projectPartners')
      .values(
        partners.map((p, i) => ({
          projectId: id,
          organisationId: o[p]!,
          role: i === 0 ? 'coordinator' : 'partner',
        })),
      )
      .execute();
    return id;
  }

  beforeAll(async () => {
    const db = t.handle.db;
    netA = await makeNetwork(db);
    netB = await makeNetwork(db);
    for (const k of ['a', 'b', 'c', 'd', 'e']) {
      const org = await makeOrganisation(db, {
        name: `Org ${k}`,
        kind: k === 'c' ? 'university' : 'enterprise',
      });
      o[k] = org.id;
    }
    for (const k of ['a', 'b', 'c']) await makeMembership(db, o[k]!, netA.id, '2010-01-01');
    for (const k of ['d', 'e']) await makeMembership(db, o[k]!, netB.id, '2010-01-01');
    await makeMembership(db, o.c!, netB.id, '2012-01-01'); // c belongs to both networks
    await project('P1', 2015, 'closed', [netA.id], ['a', 'b', 'c']);
    await project('P2', 2017, 'closed', [netA.id, netB.id], ['c', 'd'], 3_000_000);
    await project('P3', 2019, 'running', [netB.id], ['d', 'e']);
    await project('P4', 2020, 'rejected', [netB.id], ['a', 'e']);
    await project('P5', 2018, 'closed', [netA.id], ['a', 'b']);
  });

  const get = async (url: string, cookie?: string) => {
    const res = await t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers
  const byId = (nodes: any[]): Record<string, any> => Object.fromEntries(nodes.map((n) => [n.id, n]));

  it('builds the organisation projection of the public projects and its metrics', async () => {
    const c = (await get('/api/v1/network/collaboration')).json();
    expect(c.graph).toMatchObject({ nodes: 5, edges: 5, projects: 4, components: 1, diameter: 3 });
    expect(c.graph.density).toBeCloseTo(5 / 10, 12);
    const edges = c.edges.map((e: { source: string; target: string; weight: number }) =>
      [[e.source, e.target].sort().join('-'), e.weight].join(':'),
    );
    const id = (k: string) => String(o[k]);
    const expected = [
      [id('a'), id('b'), 2],
      [id('a'), id('c'), 1],
      [id('b'), id('c'), 1],
      [id('c'), id('d'), 1],
      [id('d'), id('e'), 1],
    ].map(([x, y, w]) => [[x, y].sort().join('-'), w].join(':'));
    expect(edges.sort()).toEqual(expected.sort());
    const n = byId(c.nodes);
    // betweenness by hand: c lies on every shortest path from {a, b} to {d, e} (4 of 10 pairs);
    // d on those from {a, b, c} to e (3 pairs); normalised by (n-1)(n-2)/2 = 6
    expect(n[id('c')].betweenness).toBeCloseTo(4 / 6, 12);
    expect(n[id('d')].betweenness).toBeCloseTo(3 / 6, 12);
    expect(n[id('a')].betweenness).toBe(0);
    expect(n[id('a')]).toMatchObject({
      degree: 2,
      strength: 3,
      projects: 2,
      clustering: 1,
      kind: 'enterprise',
    });
    expect(n[id('c')]).toMatchObject({ degree: 3, kind: 'university', networks: [netA.slug, netB.slug] });
    // ties crossing networks (primary network): c(A)–d(B) only → 1 of 5
    expect(c.graph.crossNetworkTies).toBe(1);
    expect(c.graph.crossNetworkShare).toBeCloseTo(1 / 5, 12);
    expect(c.communities.reduce((s: number, x: { size: number }) => s + x.size, 0)).toBe(5);
  });

  it('shows the administrator the rejected project too (a–e tie)', async () => {
    const admin = await makeUser(t.handle.db, { admin: true });
    const cookie = await t.login(admin.email, admin.password);
    const c = (await get('/api/v1/network/collaboration', cookie)).json();
    expect(c.graph).toMatchObject({ nodes: 5, edges: 6, projects: 5 });
  });

  it('filters by period, network and weights by shared funding', async () => {
    const p = (await get('/api/v1/network/collaboration?from=2017&to=2018')).json();
    expect(p.graph).toMatchObject({ nodes: 4, edges: 2, projects: 2, components: 2 });
    const b = (await get(`/api/v1/network/collaboration?network=${netB.slug}`)).json();
    expect(b.graph).toMatchObject({ nodes: 3, edges: 2, projects: 2 });
    const f = (await get('/api/v1/network/collaboration?weight=funding')).json();
    const cd = f.edges.find(
      (e: { source: string; target: string }) =>
        [e.source, e.target].sort().join() === [String(o.c), String(o.d)].sort().join(),
    );
    expect(cd.weight).toBe(3); // M EUR of the one project they share
    const bad = await t.app.inject({ url: '/api/v1/network/collaboration?from=2020&to=2010' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].path).toBe('to');
  });

  it('follows the data: a new labelled project changes the answer (cache per data version)', async () => {
    const before = (await get('/api/v1/network/collaboration')).json();
    const id = await project('P6', 2021, 'running', [netB.id], ['b', 'e']);
    const after = (await get('/api/v1/network/collaboration')).json();
    expect(after.graph.edges).toBe(before.graph.edges + 1);
    await t.handle.db.deleteFrom('projects').where('id', '=', id).execute();
    expect((await get('/api/v1/network/collaboration')).json().graph.edges).toBe(before.graph.edges);
  });

  it('gives an ego network at depth 1 and 2', async () => {
    const e1 = (await get(`/api/v1/network/organisations/${o.e}/ego?depth=1`)).json();
    expect(e1.nodes.map((n: { id: string }) => n.id).sort()).toEqual([String(o.d), String(o.e)].sort());
    const e2 = (await get(`/api/v1/network/organisations/${o.e}/ego?depth=2`)).json();
    expect(e2.nodes).toHaveLength(3);
    expect(e2.edges).toHaveLength(2);
    const missing = await t.app.inject({ url: '/api/v1/network/organisations/999999/ego' });
    expect(missing.statusCode).toBe(404);
  });

  it('counts new ties per year', async () => {
    const ev = (await get('/api/v1/network/collaboration/evolution?cumulative=true')).json();
    expect(
      ev.items.map((p: { year: number; edges: number; newTies: number }) => [p.year, p.edges, p.newTies]),
    ).toEqual([
      [2015, 3, 3],
      [2017, 4, 1],
      [2018, 4, 0],
      [2019, 5, 1],
    ]);
  });

  it('ties networks by shared members and joint projects, as direct SQL counts them', async () => {
    const nn = (await get('/api/v1/network/networks')).json();
    const edge = nn.edges.find(
      (e: { source: string; target: string }) =>
        [e.source, e.target].sort().join() === [netA.slug, netB.slug].sort().join(),
    );
    const shared = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM memberships x JOIN memberships y ON x.organisation_id = y.organisation_id
      WHERE x.network_id = ${netA.id} AND y.network_id = ${netB.id} AND x.left_on IS NULL AND y.left_on IS NULL`.execute(
      t.handle.db,
    );
    expect(edge).toMatchObject({ sharedMembers: shared.rows[0]!.n, jointProjects: 1 });
    expect(edge.sharedMembers).toBe(1);
  });

  it('exports GEXF, GraphML and CSV lists that carry the metrics', async () => {
    const gexf = (await get('/api/v1/network/collaboration/export?format=gexf')).body;
    expect(gexf).toContain('<gexf xmlns="http://gexf.net/1.3"');
    expect((gexf.match(/<node /g) ?? []).length).toBe(5);
    expect((gexf.match(/<edge /g) ?? []).length).toBe(5);
    expect(gexf).toMatch(/title="betweenness" type="double"/);
    const graphml = (await get('/api/v1/network/collaboration/export?format=graphml')).body;
    expect(graphml).toContain('attr.name="community"');
    const nodes = (await get('/api/v1/network/collaboration/export?format=nodes-csv')).body
      .trim()
      .split('\n');
    expect(nodes).toHaveLength(6);
    expect(nodes[0]).toContain('betweenness');
    const xlsx = await get('/api/v1/network/collaboration/export?format=nodes-xlsx');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
