import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { makeMembership, makeNetwork, makeOrganisation, makeUser } from '../helpers/factories.ts';

/**
 * Projects API: who sees what (every role × every kind of project), filters, confidential fields,
 * funding totals checked against direct SQL.
 */
describe('projects API', () => {
  const t = useTestApp();
  const ids: Record<string, number> = {};
  const cookies: Record<string, string> = {};
  let netA: { id: number; slug: string };
  let netB: { id: number; slug: string };

  async function project(
    key: string,
    over: {
      status: string;
      labelledOn?: string | null;
      network: number;
      partners: [number, string, number | null][];
    },
  ) {
    const { id } = await t.handle.db
      .insertInto('projects')
      .values({
        acronym: key.toUpperCase(),
        title: `Projet ${key} sur les matériaux composites`,
        searchText: `${key} projet ${key} sur les materiaux composites`,
        projectType: 'rd',
        status: over.status,
        labelledOn: over.labelledOn ?? null,
        startDate: over.labelledOn ? '2020-03-01' : null,
        publicFundingEur: over.partners.reduce((s, p) => s + (p[2] ?? 0), 0),
        totalBudgetEur: 1_000_000,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[key] = id;
    await t.handle.db
      .insertInto('projectNetworks')
      .values({ projectId: id, networkId: over.network })
      .execute();
    await t.handle.db
      .insertInto('projectPartners')
      .values(
        over.partners.map(([organisationId, role, granted]) => ({
          projectId: id,
          organisationId,
          role,
          budgetEur: 400_000,
          fundingRequestedEur: 250_000,
          fundingGrantedEur: granted,
        })),
      )
      .execute();
  }

  beforeAll(async () => {
    const db = t.handle.db;
    netA = await makeNetwork(db);
    netB = await makeNetwork(db);
    const alpha = await makeOrganisation(db, { name: 'Alpha Composites SA', sizeClass: 'small' });
    const beta = await makeOrganisation(db, { name: 'Beta Labs SRL', sizeClass: 'medium' });
    const uni = await makeOrganisation(db, {
      name: 'Université Test',
      kind: 'university',
      enterpriseNumber: null,
    });
    const outsider = await makeOrganisation(db, { name: 'Gamma SA' });
    for (const o of [alpha, beta, uni]) await makeMembership(db, o.id, netA.id);
    await makeMembership(db, outsider.id, netB.id);
    ids.alpha = alpha.id;
    ids.beta = beta.id;
    ids.uni = uni.id;
    ids.outsider = outsider.id;
    await project('lab', {
      status: 'running',
      labelledOn: '2019-12-01',
      network: netA.id,
      partners: [
        [alpha.id, 'coordinator', 200_000],
        [beta.id, 'partner', 150_000],
        [uni.id, 'partner', 300_000],
      ],
    });
    await project('draft', {
      status: 'draft',
      network: netA.id,
      partners: [[alpha.id, 'coordinator', null]],
    });
    await project('sub', {
      status: 'stage1',
      network: netA.id,
      partners: [
        [beta.id, 'coordinator', null],
        [uni.id, 'partner', null],
      ],
    });
    await project('rej', {
      status: 'rejected',
      network: netB.id,
      partners: [[outsider.id, 'coordinator', null]],
    });
    await project('labb', {
      status: 'closed',
      labelledOn: '2012-06-01',
      network: netB.id,
      partners: [
        [outsider.id, 'coordinator', 500_000],
        [uni.id, 'partner', 100_000],
      ],
    });
    const admin = await makeUser(db, { admin: true });
    const manager = await makeUser(db, { manages: [netA.slug] });
    const member = await makeUser(db, { memberOf: [alpha.id] });
    cookies.admin = await t.login(admin.email, admin.password);
    cookies.manager = await t.login(manager.email, manager.password);
    cookies.member = await t.login(member.email, member.password);
    cookies.anonymous = '';
  });

  async function get(url: string, who: string) {
    const res = await t.app.inject({
      method: 'GET',
      url,
      headers: cookies[who] ? { cookie: cookies[who] } : {},
    });
    return res;
  }

  const acronyms = async (who: string, query = '') => {
    const res = await get(`/api/v1/projects?pageSize=100&sort=acronym${query}`, who);
    expect(res.statusCode).toBe(200);
    return (res.json().items as { acronym: string }[]).map((p) => p.acronym);
  };

  it('shows each role exactly the projects it may see', async () => {
    expect(await acronyms('anonymous')).toEqual(['LAB', 'LABB']);
    // the member's organisation (Alpha) sees its own draft; not Beta's submission
    expect(await acronyms('member')).toEqual(['DRAFT', 'LAB', 'LABB']);
    // the manager of A sees A's submissions, not the consortium's draft, nor B's rejected project
    expect(await acronyms('manager')).toEqual(['LAB', 'LABB', 'SUB']);
    expect(await acronyms('admin')).toEqual(['DRAFT', 'LAB', 'LABB', 'REJ', 'SUB']);
  });

  it('answers 404 for a project the caller may not see, as if it did not exist', async () => {
    for (const [who, key, code] of [
      ['anonymous', 'draft', 404],
      ['anonymous', 'sub', 404],
      ['anonymous', 'rej', 404],
      ['member', 'sub', 404],
      ['manager', 'draft', 404],
      ['manager', 'rej', 404],
      ['member', 'draft', 200],
      ['manager', 'sub', 200],
      ['admin', 'rej', 200],
    ] as const) {
      const res = await get(`/api/v1/projects/${ids[key]}`, who);
      expect(res.statusCode, `${who} → ${key}`).toBe(code);
    }
    expect((await get('/api/v1/projects/999999', 'admin')).statusCode).toBe(404);
  });

  it('gives the public partners and public funding, never budgets, requested funding or the journal', async () => {
    const pub = (await get(`/api/v1/projects/${ids.lab}`, 'anonymous')).json();
    expect(pub.partners).toHaveLength(3);
    expect(pub.partners[0]).toMatchObject({
      name: 'Alpha Composites SA',
      role: 'coordinator',
      fundingGrantedEur: 200_000,
    });
    for (const p of pub.partners) {
      expect(p).not.toHaveProperty('budgetEur');
      expect(p).not.toHaveProperty('fundingRequestedEur');
    }
    expect(pub.transitions).toBeNull();
    for (const internal of ['searchText', 'searchVector', 'searchName', 'createdBy'])
      expect(pub).not.toHaveProperty(internal);
    expect(pub.permissions.confidential).toBe(false);
    const own = (await get(`/api/v1/projects/${ids.lab}`, 'member')).json();
    expect(own.partners[0]).toMatchObject({ budgetEur: 400_000, fundingRequestedEur: 250_000 });
    expect(own.permissions.confidential).toBe(true);
  });

  it('filters: status=labelled means every labelled project, network, organisation, q, year', async () => {
    expect(await acronyms('admin', '&status=labelled')).toEqual(['LAB', 'LABB']);
    expect(await acronyms('admin', '&status=rejected,draft')).toEqual(['DRAFT', 'REJ']);
    expect(await acronyms('admin', `&network=${netB.slug}`)).toEqual(['LABB', 'REJ']);
    expect(await acronyms('anonymous', `&organisation=${ids.uni}`)).toEqual(['LAB', 'LABB']);
    expect(await acronyms('anonymous', '&q=MATERIAUX')).toEqual(['LAB', 'LABB']);
    expect(await acronyms('anonymous', '&q=labb')).toEqual(['LABB']);
    expect(await acronyms('anonymous', '&year=2020')).toEqual(['LAB', 'LABB']);
    const page = (
      await get('/api/v1/projects?status=labelled&pageSize=1&page=2&sort=acronym', 'anonymous')
    ).json();
    expect(page).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(page.items[0].acronym).toBe('LABB');
  });

  it('rejects bad filters with 400 naming the field', async () => {
    const res = await get('/api/v1/projects?status=approved', 'anonymous');
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().details)).toContain('status');
    const res2 = await get('/api/v1/projects?network=nope', 'anonymous');
    expect(res2.statusCode).toBe(400);
    expect(res2.json().details[0].path).toBe('network');
  });

  it('totals public funding by network and partner kind, as direct SQL does', async () => {
    const byNet = (await get('/api/v1/projects/funding?by=network', 'anonymous')).json();
    const direct = await sql<{ slug: string; s: number }>`
      SELECT n.slug, sum(pp.funding_granted_eur)::float8 AS s
      FROM projects p JOIN project_partners pp ON pp.project_id = p.id
      JOIN project_networks pn ON pn.project_id = p.id JOIN networks n ON n.id = pn.network_id
      WHERE p.labelled_on IS NOT NULL GROUP BY n.slug ORDER BY n.slug`.execute(t.handle.db);
    expect(
      byNet.items.map((r: { key: string; fundingGranted: number }) => [r.key, r.fundingGranted]),
    ).toEqual(direct.rows.map((r) => [r.slug, r.s]));
    expect(direct.rows.map((r) => r.s).sort()).toEqual([600_000, 650_000]);
    const byKind = (await get('/api/v1/projects/funding?by=kind', 'anonymous')).json();
    expect(
      Object.fromEntries(
        byKind.items.map((r: { key: string; fundingGranted: number }) => [r.key, r.fundingGranted]),
      ),
    ).toEqual({
      enterprise: 850_000,
      university: 400_000,
    });
    const csv = await get('/api/v1/projects/funding?by=kind&format=csv', 'anonymous');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('850000');
  });

  it('exports the visible list to CSV and XLSX', async () => {
    const csv = await get('/api/v1/projects/export?format=csv', 'anonymous');
    expect(csv.statusCode).toBe(200);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(3); // header + the two labelled projects
    expect(csv.body).not.toContain('DRAFT');
    const xlsx = await get('/api/v1/projects/export?format=xlsx', 'anonymous');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
