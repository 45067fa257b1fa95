import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { makeMembership, makeNetwork, makeOrganisation, makeUser } from '../helpers/factories.ts';
import { multipartFile } from '../helpers/multipart.ts';

/**
 * The access matrix over HTTP: every role × every action, with the status each cell must answer.
 * Organisation O belongs to network N; M is another network. The member is a member of O (and of
 * every organisation an action creates for the cell, so "member of the organisation" holds there too).
 */

const ROLES = ['anonymous', 'member of O', 'manager of N', 'manager of M', 'admin'] as const;
type Role = (typeof ROLES)[number];

interface Action {
  name: string;
  run(cookie: string | undefined, role: Role): Promise<LightMyRequestResponse>;
  expected: [anonymous: number, member: number, managerOfN: number, managerOfM: number, admin: number];
}

describe('access matrix: every role × every action', () => {
  const t = useTestApp();
  const cookies = {} as Record<Role, string | undefined>;
  let N: { id: number; slug: string };
  let M: { id: number; slug: string };
  let O: { id: number };
  let memberUserId: number;
  let n = 0;

  const req = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, cookie?: string, payload?: object) =>
    t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });

  /** A fresh organisation in N for cells that change or delete it; the member belongs to it. */
  const freshOrgInN = async (role: Role) => {
    const org = await makeOrganisation(t.handle.db, { name: `Cellule ${role} ${++n}` });
    await makeMembership(t.handle.db, org.id, N.id, '2010-01-01');
    await t.handle.db
      .insertInto('userRoles')
      .values({ userId: memberUserId, role: 'member', networkId: null, organisationId: org.id })
      .execute();
    return org;
  };

  beforeAll(async () => {
    const db = t.handle.db;
    N = await makeNetwork(db);
    M = await makeNetwork(db);
    O = await makeOrganisation(db, { name: 'Organisation O' });
    await makeMembership(db, O.id, N.id, '2010-01-01');
    const member = await makeUser(db, { memberOf: [O.id] });
    memberUserId = member.id;
    const mN = await makeUser(db, { manages: [N.slug] });
    const mM = await makeUser(db, { manages: [M.slug] });
    const admin = await makeUser(db, { admin: true });
    cookies.anonymous = undefined;
    cookies['member of O'] = await t.login(member.email, member.password);
    cookies['manager of N'] = await t.login(mN.email, mN.password);
    cookies['manager of M'] = await t.login(mM.email, mM.password);
    cookies.admin = await t.login(admin.email, admin.password);
  });

  const ACTIONS: Action[] = [
    {
      name: 'read network N',
      run: (c) => req('GET', `/api/v1/networks/${N.slug}`, c),
      expected: [200, 200, 200, 200, 200],
    },
    {
      name: 'read organisation O',
      run: (c) => req('GET', `/api/v1/organisations/${O.id}`, c),
      expected: [200, 200, 200, 200, 200],
    },
    {
      name: 'list organisations',
      run: (c) => req('GET', `/api/v1/organisations?network=${N.slug}`, c),
      expected: [200, 200, 200, 200, 200],
    },
    {
      name: 'create an organisation',
      run: (c, role) =>
        req('POST', '/api/v1/organisations', c, { name: `Nouvelle ${role} ${++n}`, kind: 'other' }),
      expected: [401, 403, 201, 201, 201],
    },
    {
      name: 'create an organisation with a membership in N',
      run: (c, role) =>
        req('POST', '/api/v1/organisations', c, {
          name: `Nouvelle membre ${role} ${++n}`,
          kind: 'other',
          membership: { network: N.slug, joinedOn: '2020-01-01' },
        }),
      expected: [401, 403, 201, 403, 201],
    },
    {
      name: 'update organisation O',
      run: (c, role) =>
        req('PATCH', `/api/v1/organisations/${O.id}`, c, { description: `edited by ${role}` }),
      expected: [401, 200, 200, 403, 200],
    },
    {
      name: 'delete an organisation of N',
      run: async (c, role) => req('DELETE', `/api/v1/organisations/${(await freshOrgInN(role)).id}`, c),
      expected: [401, 403, 204, 403, 204],
    },
    {
      name: 'write a membership in N',
      run: async (c, role) =>
        req('POST', `/api/v1/organisations/${(await freshOrgInN(role)).id}/memberships`, c, {
          network: N.slug,
          joinedOn: '2001-01-01',
          leftOn: '2001-12-31',
        }),
      expected: [401, 403, 201, 403, 201],
    },
    {
      name: 'end a membership in N',
      run: async (c, role) => {
        const org = await freshOrgInN(role);
        const [m] = await t.handle.db
          .selectFrom('memberships')
          .select('id')
          .where('organisationId', '=', org.id)
          .execute();
        return req('PATCH', `/api/v1/memberships/${m!.id}`, c, { leftOn: '2020-12-31' });
      },
      expected: [401, 403, 200, 403, 200],
    },
    {
      name: 'write a membership in another network (M)',
      run: async (c, role) =>
        req('POST', `/api/v1/organisations/${(await freshOrgInN(role)).id}/memberships`, c, {
          network: M.slug,
          joinedOn: '2015-01-01',
        }),
      expected: [401, 403, 403, 201, 201],
    },
    {
      name: 'read the people of O',
      run: (c) => req('GET', `/api/v1/organisations/${O.id}/people`, c),
      expected: [401, 200, 200, 403, 200],
    },
    {
      name: 'write the people of O',
      run: (c, role) =>
        req('POST', `/api/v1/organisations/${O.id}/people`, c, { firstName: 'Contact', lastName: role }),
      expected: [401, 201, 201, 403, 201],
    },
    {
      name: 'delete a person of O',
      run: async (c, role) => {
        const { id } = await t.handle.db
          .insertInto('people')
          .values({ organisationId: O.id, firstName: 'À supprimer', lastName: role })
          .returning('id')
          .executeTakeFirstOrThrow();
        return req('DELETE', `/api/v1/people/${id}`, c);
      },
      expected: [401, 204, 204, 403, 204],
    },
    {
      name: 'import into N',
      run: (c, role) => {
        const { payload, headers } = multipartFile(Buffer.from(`Nom;Type\nImportée ${role} ${++n};autre\n`));
        return t.app.inject({
          method: 'POST',
          url: `/api/v1/imports/organisations?network=${N.slug}`,
          payload,
          headers: { ...headers, ...(c ? { cookie: c } : {}) },
        });
      },
      expected: [401, 403, 200, 403, 200],
    },
  ];

  const cells = ACTIONS.flatMap((a) => ROLES.map((role, i) => [a.name, role, a.expected[i]!, a] as const));

  it.each(cells)('%s as %s → %i', async (_name, role, status, action) => {
    const res = await action.run(cookies[role], role);
    expect(res.statusCode, res.body).toBe(status);
    if (status === 401) expect(res.json().code).toBe('unauthenticated');
    if (status === 403) expect(res.json().code).toBe('forbidden');
  });

  it('a refused write changes nothing', async () => {
    const before = await t.handle.db
      .selectFrom('organisations')
      .selectAll()
      .where('id', '=', O.id)
      .executeTakeFirstOrThrow();
    const res = await req('PATCH', `/api/v1/organisations/${O.id}`, cookies['manager of M'], {
      name: 'Volée',
    });
    expect(res.statusCode).toBe(403);
    const after = await t.handle.db
      .selectFrom('organisations')
      .selectAll()
      .where('id', '=', O.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });

  it('a manager may still edit an organisation that left their network', async () => {
    const org = await makeOrganisation(t.handle.db);
    await makeMembership(t.handle.db, org.id, N.id, '2010-01-01', '2012-12-31');
    expect(
      (await req('PATCH', `/api/v1/organisations/${org.id}`, cookies['manager of N'], { headcount: 3 }))
        .statusCode,
    ).toBe(200);
    expect(
      (await req('PATCH', `/api/v1/organisations/${org.id}`, cookies['manager of M'], { headcount: 3 }))
        .statusCode,
    ).toBe(403);
  });

  it('a manager of N cannot delete an organisation that is also in M', async () => {
    const org = await makeOrganisation(t.handle.db);
    await makeMembership(t.handle.db, org.id, N.id);
    await makeMembership(t.handle.db, org.id, M.id);
    expect((await req('DELETE', `/api/v1/organisations/${org.id}`, cookies['manager of N'])).statusCode).toBe(
      403,
    );
    expect((await req('GET', `/api/v1/organisations/${org.id}`)).statusCode).toBe(200);
  });
});
