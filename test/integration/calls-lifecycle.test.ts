import { beforeAll, describe, expect, it } from 'vitest';
import { WALLOON_RD_RULES } from '../../src/domain/eligibility/index.ts';
import { useTestApp } from '../helpers/app.ts';
import { makeMembership, makeNetwork, makeOrganisation, makeUser } from '../helpers/factories.ts';

/** Calls, the eligibility engine over HTTP, and a project's lifecycle with its deadline and journal. */
describe('calls, eligibility and the project lifecycle', () => {
  const t = useTestApp();
  const org: Record<string, number> = {};
  const cookie: Record<string, string> = {};
  let pole: { id: number; slug: string };
  let other: { id: number; slug: string };
  let openCall: number;
  let closedCall: number;

  const req = async (method: 'GET' | 'POST' | 'PATCH', url: string, who: string | null, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      ...(payload !== undefined ? { payload: payload as object } : {}),
      headers: who ? { cookie: cookie[who]! } : {},
    });

  beforeAll(async () => {
    const db = t.handle.db;
    pole = await makeNetwork(db);
    other = await makeNetwork(db);
    const liege = { provinceNis: '60000' };
    org.coord = (await makeOrganisation(db, { name: 'Coordinateur SA', sizeClass: 'large', ...liege })).id;
    org.sme = (await makeOrganisation(db, { name: 'Petite PME SRL', sizeClass: 'small', ...liege })).id;
    org.big = (await makeOrganisation(db, { name: 'Grande Industrie SA', sizeClass: 'large', ...liege })).id;
    org.uni = (await makeOrganisation(db, { name: 'Université Test', kind: 'university', ...liege })).id;
    org.flemish = (
      await makeOrganisation(db, { name: 'Vlaamse NV', sizeClass: 'small', provinceNis: '10000' })
    ).id;
    for (const k of ['coord', 'sme', 'big', 'uni']) await makeMembership(db, org[k]!, pole.id, '2015-01-01');
    const users = {
      admin: await makeUser(db, { admin: true }),
      manager: await makeUser(db, { manages: [pole.slug] }),
      managerBoth: await makeUser(db, { manages: [pole.slug, other.slug] }),
      member: await makeUser(db, { memberOf: [org.coord!] }),
      outsider: await makeUser(db, { memberOf: [org.flemish!] }),
    };
    for (const [k, u] of Object.entries(users)) cookie[k] = await t.login(u.email, u.password);
  });

  it('checks a consortium with the engine, without a call (default: the Walloon R&D rules)', async () => {
    const partner = (id: string, kind: string, sizeClass: string | null, role = 'partner') => ({
      organisationId: id,
      name: id,
      kind,
      sizeClass,
      province: '60000',
      region: 'wallonia',
      networks: [pole.slug],
      role,
      budget: 500_000,
      fundingRequested: 250_000,
    });
    const consortium = {
      partners: [
        partner('A', 'enterprise', 'large', 'coordinator'),
        partner('B', 'enterprise', 'small'),
        partner('U', 'university', null),
      ],
      durationMonths: 36,
      labellingNetworks: [pole.slug],
    };
    const ok = await req('POST', '/api/v1/eligibility/check', null, { consortium });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().eligible).toBe(true);
    expect(ok.json().results).toHaveLength(WALLOON_RD_RULES.rules.length);
    const noSme = {
      ...consortium,
      partners: [
        consortium.partners[0],
        { ...consortium.partners[1], sizeClass: 'large' },
        consortium.partners[2],
      ],
    };
    const res = (await req('POST', '/api/v1/eligibility/check', null, { consortium: noSme })).json();
    expect(res.eligible).toBe(false);
    const failed = res.results.filter((r: { passed: boolean }) => !r.passed);
    expect(failed).toHaveLength(1);
    expect(failed[0].message.fr).toMatch(/PME/);
    expect(failed[0].message.en).toMatch(/SME/);
    const bad = await req('POST', '/api/v1/eligibility/check', null, {
      rules: {
        id: 'x',
        label: { fr: 'x', en: 'x' },
        rules: [{ id: 'r', kind: 'min_smes', params: { min: -1 } }],
      },
      consortium,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].path).toMatch(/^rules\.rules\[0\]\.params\.min/);
  });

  it('opens calls: managers of every network of the call, or admins', async () => {
    const now = Date.now();
    const body = {
      title: 'Appel R&D test',
      projectType: 'rd',
      networks: [pole.slug],
      opensAt: new Date(now - 86_400_000).toISOString(),
      closesAt: new Date(now + 30 * 86_400_000).toISOString(),
      budgetEur: 10_000_000,
    };
    expect((await req('POST', '/api/v1/calls', null, body)).statusCode).toBe(401);
    expect((await req('POST', '/api/v1/calls', 'member', body)).statusCode).toBe(403);
    expect(
      (await req('POST', '/api/v1/calls', 'manager', { ...body, networks: [pole.slug, other.slug] }))
        .statusCode,
    ).toBe(403);
    const created = await req('POST', '/api/v1/calls', 'manager', body);
    expect(created.statusCode).toBe(201);
    openCall = created.json().id;
    expect(created.json()).toMatchObject({
      open: true,
      rules: { id: WALLOON_RD_RULES.id },
      permissions: { manage: true },
    });
    const past = await req('POST', '/api/v1/calls', 'managerBoth', {
      ...body,
      networks: [pole.slug, other.slug],
      opensAt: '2020-01-01T00:00:00Z',
      closesAt: '2020-03-31T12:00:00+02:00',
    });
    expect(past.statusCode).toBe(201);
    closedCall = past.json().id;
    const backwards = await req('POST', '/api/v1/calls', 'manager', {
      ...body,
      closesAt: '2019-01-01T00:00:00Z',
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().details[0].path).toBe('closesAt');
    // editing the rules: checked before they are stored
    const badRules = await req('PATCH', `/api/v1/calls/${openCall}`, 'manager', {
      rules: { id: 'x', rules: 'nope' },
    });
    expect(badRules.statusCode).toBe(400);
    expect(
      badRules
        .json()
        .details.map((d: { path: string }) => d.path)
        .join(),
    ).toMatch(/rules\./);
    const edited = await req('PATCH', `/api/v1/calls/${openCall}`, 'manager', {
      rules: { ...WALLOON_RD_RULES, rules: WALLOON_RD_RULES.rules.filter((r) => r.kind !== 'min_smes') },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().rules.rules).toHaveLength(WALLOON_RD_RULES.rules.length - 1);
    await req('PATCH', `/api/v1/calls/${openCall}`, 'manager', { rules: WALLOON_RD_RULES });
    const list = (await req('GET', '/api/v1/calls?open=true', null)).json();
    expect(list.items.map((c: { id: number }) => c.id)).toContain(openCall);
    expect(list.items.map((c: { id: number }) => c.id)).not.toContain(closedCall);
  });

  const consortium = (sme: boolean) => [
    { organisationId: org.coord!, role: 'coordinator', budgetEur: 1_000_000, fundingRequestedEur: 500_000 },
    {
      organisationId: sme ? org.sme! : org.big!,
      role: 'partner',
      budgetEur: 600_000,
      fundingRequestedEur: 300_000,
    },
    { organisationId: org.uni!, role: 'partner', budgetEur: 400_000, fundingRequestedEur: 400_000 },
  ];

  it('runs a project from draft to labelled, refusing illegal moves and late submissions, journaling each move', async () => {
    const body = {
      callId: openCall,
      acronym: 'COMPOSIT',
      title: 'Matériaux composites recyclables',
      networks: [pole.slug],
      durationMonths: 36,
      partners: consortium(false),
      promised: { jobs: 12 },
    };
    expect((await req('POST', '/api/v1/projects', 'outsider', body)).statusCode).toBe(403);
    const created = await req('POST', '/api/v1/projects', 'member', body);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect(created.json().status).toBe('draft');
    // the draft is the consortium's: public and manager do not see it
    expect((await req('GET', `/api/v1/projects/${id}`, null)).statusCode).toBe(404);
    expect((await req('GET', `/api/v1/projects/${id}`, 'manager')).statusCode).toBe(404);
    // live check: no SME → flagged with the reason, then fixed
    const live = (
      await req('POST', '/api/v1/eligibility/consortium', 'member', {
        callId: openCall,
        networks: [pole.slug],
        durationMonths: 36,
        partners: consortium(false),
      })
    ).json();
    expect(live.eligible).toBe(false);
    expect(live.results.find((r: { passed: boolean }) => !r.passed).kind).toBe('min_smes');
    const flagged = (await req('GET', `/api/v1/projects/${id}/eligibility`, 'member')).json();
    expect(flagged.eligible).toBe(false);
    const fixed = await req('PATCH', `/api/v1/projects/${id}`, 'member', { partners: consortium(true) });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect((await req('GET', `/api/v1/projects/${id}/eligibility`, 'member')).json().eligible).toBe(true);

    const move = (who: string, to: string, note?: string) =>
      req('POST', `/api/v1/projects/${id}/transitions`, who, { to, ...(note ? { note } : {}) });
    expect((await move('member', 'labelled')).statusCode).toBe(409); // draft → labelled is not a move
    expect((await move('manager', 'submitted')).statusCode).toBe(404); // managers do not see drafts
    expect((await move('member', 'submitted')).statusCode).toBe(200);
    expect((await move('member', 'eligible')).statusCode).toBe(403); // the consortium cannot judge itself
    expect((await move('manager', 'ineligible')).statusCode).toBe(400); // eligible by the rules: a note is required
    expect((await move('manager', 'eligible')).statusCode).toBe(200);
    expect((await move('manager', 'stage1')).statusCode).toBe(200);
    expect((await move('manager', 'stage2')).statusCode).toBe(200);
    expect((await move('manager', 'labelled')).statusCode).toBe(403); // the Government labels (admin)
    expect((await req('GET', `/api/v1/projects/${id}`, null)).statusCode).toBe(404);
    expect((await move('admin', 'labelled')).statusCode).toBe(200);
    const pub = await req('GET', `/api/v1/projects/${id}`, null);
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ status: 'labelled', transitions: null });
    const own = (await req('GET', `/api/v1/projects/${id}`, 'member')).json();
    expect(own.transitions.map((x: { toStatus: string }) => x.toStatus)).toEqual([
      'draft',
      'submitted',
      'eligible',
      'stage1',
      'stage2',
      'labelled',
    ]);
    expect(own.transitions.every((x: { userEmail: string | null }) => x.userEmail != null)).toBe(true);
    expect((await move('member', 'draft')).statusCode).toBe(409);
    // no more edits once submitted
    expect((await req('PATCH', `/api/v1/projects/${id}`, 'member', { title: 'Autre' })).statusCode).toBe(409);
    const audit = await t.handle.db
      .selectFrom('auditLog')
      .select(['action'])
      .where('entity', '=', 'project')
      .where('entityId', '=', String(id))
      .execute();
    expect(audit.filter((a) => a.action === 'project:transition')).toHaveLength(5);
  });

  it('refuses a submission after the call closed (server-side deadline)', async () => {
    const res = await req('POST', '/api/v1/projects', 'member', {
      callId: closedCall,
      acronym: 'LATE',
      title: 'Trop tard',
      networks: [pole.slug],
      durationMonths: 36,
      partners: consortium(true),
    });
    expect(res.statusCode).toBe(201);
    const late = await req('POST', `/api/v1/projects/${res.json().id}/transitions`, 'member', {
      to: 'submitted',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatch(/closed on 2020-03-31T10:00:00.000Z/);
  });

  it('validates a consortium: one coordinator, known organisations, no duplicates, networks of the call', async () => {
    const res = await req('POST', '/api/v1/projects', 'member', {
      callId: openCall,
      acronym: 'BAD',
      title: 'Mauvais',
      networks: [other.slug],
      partners: [
        { organisationId: org.coord!, role: 'partner', budgetEur: 10, fundingRequestedEur: 20 },
        { organisationId: org.coord!, role: 'partner' },
        { organisationId: 99_999_999, role: 'partner' },
      ],
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'partners[0].fundingRequestedEur',
        'partners[1].organisationId',
        'partners[2].organisationId',
        'partners',
      ]),
    );
  });
});
