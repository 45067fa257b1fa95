import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { makeMembership, makeNetwork, makeOrganisation, makeUser } from '../helpers/factories.ts';

describe('memberships: add, end, correct, delete', () => {
  const t = useTestApp();
  let manager: string;
  let N: { id: number; slug: string };
  let N2: { id: number; slug: string };

  const add = (orgId: number, payload: object, cookie = manager) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/organisations/${orgId}/memberships`,
      payload,
      headers: { cookie },
    });
  const patch = (id: number, payload: object, cookie = manager) =>
    t.app.inject({ method: 'PATCH', url: `/api/v1/memberships/${id}`, payload, headers: { cookie } });
  const history = async (orgId: number) =>
    (await t.app.inject({ url: `/api/v1/organisations/${orgId}` })).json().memberships as {
      id: number;
      networkSlug: string;
      joinedOn: string;
      leftOn: string | null;
    }[];

  beforeAll(async () => {
    N = await makeNetwork(t.handle.db);
    N2 = await makeNetwork(t.handle.db);
    const u = await makeUser(t.handle.db, { manages: [N.slug, N2.slug] });
    manager = await t.login(u.email, u.password);
  });

  it('adds a period (201), ends it (200), and both show in the history and the dated list', async () => {
    const org = await makeOrganisation(t.handle.db);
    const res = await add(org.id, { network: N.slug, joinedOn: '2014-03-01' });
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json();
    expect(await history(org.id)).toEqual([
      expect.objectContaining({ id, networkSlug: N.slug, joinedOn: '2014-03-01', leftOn: null }),
    ]);
    const end = await patch(id, { leftOn: '2017-12-31' });
    expect(end.statusCode, end.body).toBe(200);
    expect(end.json()).toEqual({ id });
    expect(await history(org.id)).toEqual([
      expect.objectContaining({ joinedOn: '2014-03-01', leftOn: '2017-12-31' }),
    ]);
    const members = async (day: string) =>
      (await t.app.inject({ url: `/api/v1/organisations?network=${N.slug}&asOf=${day}` }))
        .json()
        .items.map((i: { id: number }) => i.id);
    expect(await members('2017-12-31')).toContain(org.id);
    expect(await members('2018-01-01')).not.toContain(org.id);
  });

  it('takes a one-day membership (leftOn = joinedOn) and a period that ends in the past', async () => {
    const org = await makeOrganisation(t.handle.db);
    expect(
      (await add(org.id, { network: N.slug, joinedOn: '2020-05-05', leftOn: '2020-05-05' })).statusCode,
    ).toBe(201);
    expect(
      (await add(org.id, { network: N.slug, joinedOn: '2010-01-01', leftOn: '2011-12-31' })).statusCode,
    ).toBe(201);
    expect((await history(org.id)).map((m) => [m.joinedOn, m.leftOn])).toEqual([
      ['2010-01-01', '2011-12-31'],
      ['2020-05-05', '2020-05-05'],
    ]);
  });

  it('refuses an overlapping period in the same network with 409, and keeps history as it was', async () => {
    const org = await makeOrganisation(t.handle.db);
    const open = await makeMembership(t.handle.db, org.id, N.id, '2012-01-01');
    const res = await add(org.id, { network: N.slug, joinedOn: '2015-06-01' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({
      code: 'conflict',
      error:
        'This membership overlaps another period in the same network (2012-01-01 – today). End that one first: history is kept, never overwritten.',
      details: [{ path: 'joinedOn', message: `overlaps membership #${open.id}` }],
    });
    // a period that ends on the first day of the other still overlaps (both days are membership days)
    expect(
      (await add(org.id, { network: N.slug, joinedOn: '2005-01-01', leftOn: '2012-01-01' })).statusCode,
    ).toBe(409);
    expect(await history(org.id)).toHaveLength(1);
    // the day before is fine, and so is another network at the same time
    expect(
      (await add(org.id, { network: N.slug, joinedOn: '2005-01-01', leftOn: '2011-12-31' })).statusCode,
    ).toBe(201);
    expect((await add(org.id, { network: N2.slug, joinedOn: '2015-06-01' })).statusCode).toBe(201);
  });

  it('records one period only when overlapping adds arrive at the same time (a double-submitted form)', async () => {
    for (let round = 0; round < 5; round++) {
      const org = await makeOrganisation(t.handle.db);
      const answers = await Promise.all(
        ['2015-01-01', '2016-01-01', '2017-01-01', '2018-01-01'].map((joinedOn) =>
          add(org.id, { network: N.slug, joinedOn }),
        ),
      );
      expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409, 409]);
      expect(await history(org.id)).toHaveLength(1);
    }
  });

  it('lets an organisation come back after it left: end the period, then add a new one', async () => {
    const org = await makeOrganisation(t.handle.db);
    const first = (await add(org.id, { network: N.slug, joinedOn: '2009-01-01' })).json();
    expect((await patch(first.id, { leftOn: '2013-06-30' })).statusCode).toBe(200);
    expect((await add(org.id, { network: N.slug, joinedOn: '2013-07-01' })).statusCode).toBe(201);
    expect((await history(org.id)).map((m) => [m.joinedOn, m.leftOn])).toEqual([
      ['2009-01-01', '2013-06-30'],
      ['2013-07-01', null],
    ]);
    // re-opening the first period would now overlap the second
    const reopen = await patch(first.id, { leftOn: null });
    expect(reopen.statusCode).toBe(409);
    const extend = await patch(first.id, { leftOn: '2013-07-01' });
    expect(extend.statusCode).toBe(409);
  });

  it('refuses leftOn before joinedOn with 400 naming leftOn, on add and on correction', async () => {
    const org = await makeOrganisation(t.handle.db);
    const res = await add(org.id, { network: N.slug, joinedOn: '2018-01-01', leftOn: '2017-12-31' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      code: 'validation_failed',
      error: 'The membership ends before it starts',
      details: [{ path: 'leftOn', message: '2017-12-31 is before 2018-01-01' }],
    });
    const { id } = (await add(org.id, { network: N.slug, joinedOn: '2018-01-01' })).json();
    const bad = await patch(id, { leftOn: '2016-01-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details).toEqual([{ path: 'leftOn', message: '2016-01-01 is before 2018-01-01' }]);
    const badStart = await patch(id, { joinedOn: '2030-01-01', leftOn: '2029-12-31' });
    expect(badStart.statusCode).toBe(400);
    expect(await history(org.id)).toEqual([
      expect.objectContaining({ joinedOn: '2018-01-01', leftOn: null }),
    ]);
  });

  it.each([
    [{ network: 'SLUG', joinedOn: '31/12/2017' }, 'joinedOn', 'expected a date YYYY-MM-DD'],
    [{ network: 'SLUG', joinedOn: '2019-02-29' }, 'joinedOn', '"2019-02-29" is not a valid calendar date'],
    [
      { network: 'SLUG', joinedOn: '2019-01-01', leftOn: '2019-13-01' },
      'leftOn',
      '"2019-13-01" is not a valid calendar date',
    ],
    [{ network: 'SLUG' }, 'joinedOn', expect.any(String)],
    [{ network: 'nowhere', joinedOn: '2019-01-01' }, 'network', 'no network has the slug "nowhere"'],
  ])('answers 400 for %j naming %s', async (payload, path, message) => {
    const org = await makeOrganisation(t.handle.db);
    const body = { ...payload, network: payload.network === 'SLUG' ? N.slug : payload.network };
    const res = await add(org.id, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toContainEqual(expect.objectContaining({ path, message }));
  });

  it('answers 404 for an unknown organisation or membership', async () => {
    expect((await add(999_999, { network: N.slug, joinedOn: '2019-01-01' })).statusCode).toBe(404);
    expect((await patch(999_999, { leftOn: '2019-01-01' })).statusCode).toBe(404);
    const del = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/memberships/999999',
      headers: { cookie: manager },
    });
    expect(del.statusCode).toBe(404);
    expect(del.json().error).toBe('Membership 999999 not found');
  });

  it('deletes a period entered by mistake (204) and records it in the audit log', async () => {
    const org = await makeOrganisation(t.handle.db);
    const { id } = (await add(org.id, { network: N.slug, joinedOn: '2021-01-01' })).json();
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/memberships/${id}`,
      headers: { cookie: manager },
    });
    expect(res.statusCode).toBe(204);
    expect(await history(org.id)).toEqual([]);
    const audit = await t.handle.db
      .selectFrom('auditLog')
      .select('action')
      .where('entity', '=', 'membership')
      .where('entityId', '=', String(id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
  });

  it('answers 401 to anonymous writers', async () => {
    const org = await makeOrganisation(t.handle.db);
    const m = await makeMembership(t.handle.db, org.id, N.id);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/organisations/${org.id}/memberships`,
          payload: { network: N.slug, joinedOn: '2019-01-01' },
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/memberships/${m.id}`,
          payload: { leftOn: '2019-01-01' },
        })
      ).statusCode,
    ).toBe(401);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/memberships/${m.id}` })).statusCode).toBe(
      401,
    );
    expect(await history(org.id)).toHaveLength(1);
  });
});
