import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/server/app.ts';
import { useTestApp } from '../helpers/app.ts';
import { DIALECT } from '../helpers/db.ts';
import { makeMembership, makeNetwork, makeOrganisation } from '../helpers/factories.ts';

describe('health, OpenAPI, docs and key figures', () => {
  const t = useTestApp();

  it('/health answers ok with the database kind and version', async () => {
    const res = await t.app.inject({ url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: DIALECT, version: VERSION });
  });

  it('/api/openapi.json is an OpenAPI 3.1 document listing every API path', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'Polaris API', version: VERSION });
    expect(doc.components.securitySchemes.session).toEqual({
      type: 'apiKey',
      in: 'cookie',
      name: 'polaris_session',
    });
    const paths = doc.paths as Record<string, Record<string, unknown>>;
    const operations = Object.entries(paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'GET /api/v1/networks',
        'GET /api/v1/networks/{slug}',
        'GET /api/v1/stats',
        'GET /api/v1/organisations',
        'GET /api/v1/organisations/export',
        'GET /api/v1/organisations/{id}',
        'POST /api/v1/organisations',
        'PATCH /api/v1/organisations/{id}',
        'DELETE /api/v1/organisations/{id}',
        'POST /api/v1/organisations/{id}/memberships',
        'PATCH /api/v1/memberships/{id}',
        'DELETE /api/v1/memberships/{id}',
        'GET /api/v1/organisations/{id}/people',
        'POST /api/v1/organisations/{id}/people',
        'DELETE /api/v1/people/{id}',
        'POST /api/v1/auth/login',
        'POST /api/v1/auth/logout',
        'GET /api/v1/auth/me',
        'GET /api/v1/reference/provinces',
        'GET /api/v1/reference/municipalities',
        'GET /api/v1/reference/nace',
        'GET /api/v1/reference/boundaries/{level}',
        'POST /api/v1/imports/organisations',
      ]),
    );
    // hidden routes stay out of the public contract
    expect(paths['/health']).toBeUndefined();
    // query parameters are documented from the zod schemas
    const listParams = (
      paths['/api/v1/organisations']!.get as { parameters: { name: string }[] }
    ).parameters.map((p) => p.name);
    expect(listParams).toEqual(
      expect.arrayContaining([
        'network',
        'kind',
        'province',
        'nace',
        'size',
        'q',
        'asOf',
        'page',
        'pageSize',
        'sort',
      ]),
    );
  });

  it('/api/docs serves the interactive documentation', async () => {
    let res = await t.app.inject({ url: '/api/docs' });
    if (res.statusCode === 302) res = await t.app.inject({ url: String(res.headers.location) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toMatch(/swagger/i);
  });

  it('answers 404 as JSON for an unknown API route', async () => {
    const res = await t.app.inject({ url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: 'No route GET /api/v1/nothing-here',
      code: 'not_found',
      details: [],
    });
  });

  it('/api/v1/stats: key figures across networks on a date (an organisation in two networks counts once)', async () => {
    const a = await makeNetwork(t.handle.db);
    const b = await makeNetwork(t.handle.db);
    const sme = await makeOrganisation(t.handle.db, { kind: 'enterprise', sizeClass: 'micro' });
    const big = await makeOrganisation(t.handle.db, { kind: 'enterprise', sizeClass: 'large' });
    const uni = await makeOrganisation(t.handle.db, { kind: 'university', enterpriseNumber: null });
    await makeMembership(t.handle.db, sme.id, a.id, '2010-01-01');
    await makeMembership(t.handle.db, sme.id, b.id, '2011-01-01');
    await makeMembership(t.handle.db, big.id, a.id, '2012-01-01', '2014-12-31');
    await makeMembership(t.handle.db, uni.id, b.id, '2013-06-01');
    const res = await t.app.inject({ url: '/api/v1/stats?asOf=2014-12-31' });
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({
      asOf: '2014-12-31',
      members: 3,
      enterprises: 2,
      smeShare: 0.5,
      byKind: { enterprise: 2, university: 1 },
      bySize: { micro: 1, large: 1 },
    });
    // members on 31 December: the large firm's last day is 2014-12-31, so it still counts that year
    expect(s.perYear.find((y: { year: number }) => y.year === 2014)).toEqual({
      year: 2014,
      members: 3,
      joins: 0,
      departures: 1,
    });
    expect(s.perYear.at(-1).year).toBe(2014); // the series runs 2006 … the year asked
    expect(s.perYear[0].year).toBe(2006);
    expect(s.perYear.find((y: { year: number }) => y.year === 2011)).toEqual({
      year: 2011,
      members: 1,
      joins: 1,
      departures: 0,
    });
    const later = (await t.app.inject({ url: '/api/v1/stats?asOf=2015-01-01' })).json();
    expect(later).toMatchObject({ members: 2, enterprises: 1, smeShare: 1 });
    expect(later.perYear.at(-1)).toEqual({ year: 2015, members: 2, joins: 0, departures: 0 });
  });
});
