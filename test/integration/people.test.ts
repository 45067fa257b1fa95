import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { makeMembership, makeNetwork, makeOrganisation, makeUser } from '../helpers/factories.ts';

describe('people (contacts: personal data, never public)', () => {
  const t = useTestApp();
  let manager: string;
  let org: { id: number };

  const list = (orgId: number, cookie?: string) =>
    t.app.inject({ url: `/api/v1/organisations/${orgId}/people`, headers: cookie ? { cookie } : {} });
  const add = (orgId: number, payload: object, cookie = manager) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/organisations/${orgId}/people`,
      payload,
      headers: { cookie },
    });

  beforeAll(async () => {
    const n = await makeNetwork(t.handle.db);
    org = await makeOrganisation(t.handle.db);
    await makeMembership(t.handle.db, org.id, n.id);
    const u = await makeUser(t.handle.db, { manages: [n.slug] });
    manager = await t.login(u.email, u.password);
  });

  it('adds contacts (201) and lists them by last then first name, trimmed', async () => {
    const a = await add(org.id, {
      firstName: ' Zoé ',
      lastName: 'Lambert',
      email: 'zoe@lambert.example',
      jobTitle: 'CEO',
    });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toEqual({ id: expect.any(Number) });
    await add(org.id, { firstName: 'Anne', lastName: 'Lambert', phone: '+32 4 123 45 67' });
    await add(org.id, { firstName: 'Luc', lastName: 'Dubois', email: '' });
    const res = await list(org.id, manager);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      {
        id: expect.any(Number),
        organisationId: org.id,
        firstName: 'Luc',
        lastName: 'Dubois',
        email: null,
        phone: null,
        jobTitle: null,
      },
      {
        id: expect.any(Number),
        organisationId: org.id,
        firstName: 'Anne',
        lastName: 'Lambert',
        email: null,
        phone: '+32 4 123 45 67',
        jobTitle: null,
      },
      {
        id: a.json().id,
        organisationId: org.id,
        firstName: 'Zoé',
        lastName: 'Lambert',
        email: 'zoe@lambert.example',
        phone: null,
        jobTitle: 'CEO',
      },
    ]);
    // and on the organisation page, for those who may read them
    const page = (
      await t.app.inject({ url: `/api/v1/organisations/${org.id}`, headers: { cookie: manager } })
    ).json();
    expect(page.people.map((p: { lastName: string }) => p.lastName)).toEqual([
      'Dubois',
      'Lambert',
      'Lambert',
    ]);
  });

  it('answers 401 to anonymous readers and writers', async () => {
    const res = await list(org.id);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('unauthenticated');
    const write = await t.app.inject({
      method: 'POST',
      url: `/api/v1/organisations/${org.id}/people`,
      payload: { firstName: 'Anonyme', lastName: 'Inconnu' },
    });
    expect(write.statusCode).toBe(401);
  });

  it.each([
    [
      { firstName: 'Jean', lastName: 'Dupont', email: 'jean-at-dupont' },
      'email',
      '"jean-at-dupont" is not an e-mail address',
    ],
    [
      { firstName: 'Jean', lastName: 'Dupont', email: 'jean@dupont' },
      'email',
      '"jean@dupont" is not an e-mail address',
    ],
    [{ lastName: 'Dupont' }, 'firstName', expect.any(String)],
    [{ firstName: 'Jean', lastName: '' }, 'lastName', expect.any(String)],
  ])('answers 400 for %j naming %s', async (payload, path, message) => {
    const res = await add(org.id, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toContainEqual({ path, message });
  });

  it('answers 404 for the people of an unknown organisation', async () => {
    expect((await list(999_999, manager)).statusCode).toBe(404);
    expect((await add(999_999, { firstName: 'A', lastName: 'B' })).statusCode).toBe(404);
  });

  it('deletes a contact (204), then answers 404 for it', async () => {
    const { id } = (await add(org.id, { firstName: 'Temporaire', lastName: 'Zz' })).json();
    const del = () =>
      t.app.inject({ method: 'DELETE', url: `/api/v1/people/${id}`, headers: { cookie: manager } });
    expect((await del()).statusCode).toBe(204);
    expect((await list(org.id, manager)).json().items.map((p: { id: number }) => p.id)).not.toContain(id);
    const again = await del();
    expect(again.statusCode).toBe(404);
    expect(again.json().error).toBe(`Person ${id} not found`);
  });
});
