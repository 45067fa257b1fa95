import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatEnterpriseNumber, makeEnterpriseNumber } from '../../src/domain/enterprise-number.ts';
import { useTestApp } from '../helpers/app.ts';
import { makeMembership, makeNetwork, makeOrganisation, makeUser } from '../helpers/factories.ts';

describe('organisations: read, create, update, delete', () => {
  const t = useTestApp();
  let admin: string;
  let N: { id: number; slug: string; name: string };
  let seq = 11_000_000;
  const nextEn = () => makeEnterpriseNumber(++seq);

  const post = (payload: object, cookie = admin) =>
    t.app.inject({ method: 'POST', url: '/api/v1/organisations', payload, headers: { cookie } });
  const patch = (id: number, payload: object, cookie = admin) =>
    t.app.inject({ method: 'PATCH', url: `/api/v1/organisations/${id}`, payload, headers: { cookie } });
  const getOrg = (id: number | string, cookie?: string) =>
    t.app.inject({ method: 'GET', url: `/api/v1/organisations/${id}`, headers: cookie ? { cookie } : {} });

  beforeAll(async () => {
    N = await makeNetwork(t.handle.db);
    const u = await makeUser(t.handle.db, { admin: true });
    admin = await t.login(u.email, u.password);
  });

  describe('GET /api/v1/organisations/:id', () => {
    it('answers the organisation with its membership history, oldest first', async () => {
      const other = await makeNetwork(t.handle.db, { kind: 'cluster' });
      const en = nextEn();
      const org = await makeOrganisation(t.handle.db, {
        name: 'Historique SA',
        enterpriseNumber: en,
        headcount: 12,
      });
      await makeMembership(t.handle.db, org.id, N.id, '2016-01-01');
      await makeMembership(t.handle.db, org.id, N.id, '2008-03-01', '2012-06-30');
      await makeMembership(t.handle.db, org.id, other.id, '2010-09-15', '2019-12-31');
      const res = await getOrg(org.id);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({
        id: org.id,
        name: 'Historique SA',
        enterpriseNumber: formatEnterpriseNumber(en),
        headcount: 12,
      });
      expect(body).not.toHaveProperty('nameKey');
      expect(body).not.toHaveProperty('searchText');
      expect(body).not.toHaveProperty('searchVector');
      expect(
        body.memberships.map((m: Record<string, unknown>) => [
          m.networkSlug,
          m.networkKind,
          m.joinedOn,
          m.leftOn,
        ]),
      ).toEqual([
        [N.slug, 'pole', '2008-03-01', '2012-06-30'],
        [other.slug, 'cluster', '2010-09-15', '2019-12-31'],
        [N.slug, 'pole', '2016-01-01', null],
      ]);
      expect(body.memberships[0].networkName).toBe(N.name);
    });

    it('hides people and refuses every write permission to anonymous readers; shows them to an admin', async () => {
      const org = await makeOrganisation(t.handle.db);
      await makeMembership(t.handle.db, org.id, N.id);
      const anon = (await getOrg(org.id)).json();
      expect(anon.people).toBeNull();
      expect(anon.permissions).toEqual({
        update: false,
        delete: false,
        readPeople: false,
        managedNetworkIds: [],
      });
      const asAdmin = (await getOrg(org.id, admin)).json();
      expect(asAdmin.people).toEqual([]);
      expect(asAdmin.permissions).toMatchObject({ update: true, delete: true, readPeople: true });
    });

    it('answers 404 for an unknown id and 400 for an id that is not a positive integer', async () => {
      const missing = await getOrg(999_999);
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({ code: 'not_found', error: 'Organisation 999999 not found' });
      for (const bad of ['abc', '0', '-3', '1.5']) {
        const res = await getOrg(bad);
        expect(res.statusCode, bad).toBe(400);
        expect(res.json().details[0].path).toBe('id');
      }
    });
  });

  describe('POST /api/v1/organisations', () => {
    it('creates an organisation, derives size class and NACE sections, and records it in the audit log', async () => {
      const en = nextEn();
      const res = await post({
        name: 'Créée Aéro SA',
        kind: 'enterprise',
        enterpriseNumber: `BE${en}`,
        headcount: 30,
        turnoverEur: 12_000_000,
        balanceSheetEur: 9_000_000,
        naceCodes: ['62.010', '25.62'],
        postcode: '4000',
        municipalityNis: '62063',
        website: 'cree-aero.be',
        membership: { network: N.slug, joinedOn: '2020-02-01' },
      });
      expect(res.statusCode, res.body).toBe(201);
      const { id } = res.json();
      expect(id).toEqual(expect.any(Number));
      const body = (await getOrg(id, admin)).json();
      expect(body).toMatchObject({
        name: 'Créée Aéro SA',
        enterpriseNumber: formatEnterpriseNumber(en),
        sizeClass: 'small',
        naceCodes: ['62010', '2562'],
        naceSections: ['J', 'C'],
        provinceNis: '60000',
        website: 'https://cree-aero.be',
      });
      expect(body.memberships).toMatchObject([{ networkSlug: N.slug, joinedOn: '2020-02-01', leftOn: null }]);
      const audit = await t.handle.db
        .selectFrom('auditLog')
        .select(['action', 'entity'])
        .where('entityId', '=', String(id))
        .where('entity', '=', 'organisation')
        .execute();
      expect(audit).toEqual([{ action: 'create', entity: 'organisation' }]);
    });

    it('answers 400 naming the field for a wrong check digit', async () => {
      const res = await post({
        name: 'Mauvais Numéro SA',
        kind: 'enterprise',
        enterpriseNumber: '0123.456.748',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        error: 'The organisation is not valid',
        code: 'validation_failed',
        details: [
          {
            path: 'enterpriseNumber',
            value: '0123.456.748',
            message: '"0123.456.748" fails the mod-97 check: the last two digits should be 49, not 48',
          },
        ],
      });
    });

    it.each([
      [{ kind: 'enterprise' }, 'name'],
      [{ name: '', kind: 'enterprise' }, 'name'],
      [{ name: 'X', kind: 'company' }, 'kind'],
      [{ name: 'X', kind: 'enterprise', headcount: -1 }, 'headcount'],
      [{ name: 'X', kind: 'enterprise', headcount: 2.5 }, 'headcount'],
      [{ name: 'X', kind: 'enterprise', turnoverEur: 'lots' }, 'turnoverEur'],
      [{ name: 'X', kind: 'enterprise', naceCodes: ['6'] }, 'naceCodes'],
      [{ name: 'X', kind: 'enterprise', postcode: '40000' }, 'postcode'],
      [{ name: 'X', kind: 'enterprise', municipalityNis: '6206' }, 'municipalityNis'],
      [
        { name: 'X', kind: 'enterprise', membership: { network: 'x', joinedOn: '1/2/2020' } },
        'membership.joinedOn',
      ],
    ])('answers 400 { error, details: [{ path, message }] } for %j, naming %s', async (payload, path) => {
      const res = await post(payload);
      expect(res.statusCode).toBe(400);
      const body = res.json();
      expect(body.code).toBe('validation_failed');
      expect(typeof body.error).toBe('string');
      expect(body.details).toContainEqual(expect.objectContaining({ path, message: expect.any(String) }));
    });

    it('answers 400 for a membership in an unknown network, and writes nothing', async () => {
      const before = await countOrganisations();
      const res = await post({
        name: 'Sans Réseau',
        kind: 'enterprise',
        membership: { network: 'nowhere', joinedOn: '2020-01-01' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().details).toEqual([{ path: 'membership.network', message: 'no network "nowhere"' }]);
      expect(await countOrganisations()).toBe(before);
    });

    it('answers 409 for an enterprise number already registered, naming the other organisation', async () => {
      const en = nextEn();
      const first = await post({ name: 'Premier Titulaire', kind: 'enterprise', enterpriseNumber: en });
      expect(first.statusCode).toBe(201);
      const res = await post({
        name: 'Second Titulaire',
        kind: 'enterprise',
        enterpriseNumber: formatEnterpriseNumber(en),
      });
      expect(res.statusCode).toBe(409);
      const body = res.json();
      expect(body.code).toBe('conflict');
      expect(body.error).toBe(
        `Enterprise number ${formatEnterpriseNumber(en)} is already registered for "Premier Titulaire" (#${first.json().id})`,
      );
      expect(body.details).toEqual([
        { path: 'enterpriseNumber', message: `already used by "Premier Titulaire" (#${first.json().id})` },
      ]);
    });

    it('answers 409 for a likely duplicate name, unless allowSimilarName is sent', async () => {
      const first = await post({ name: 'Héliopôle SA', kind: 'enterprise' });
      expect(first.statusCode).toBe(201);
      const res = await post({ name: 'HELIOPOLE s.a.', kind: 'enterprise' });
      expect(res.statusCode).toBe(409);
      expect(res.json().details).toEqual([
        { path: 'name', message: `likely duplicate of #${first.json().id}` },
      ]);
      // same name, one of the two has an enterprise number: still a likely duplicate
      expect(
        (await post({ name: 'Héliopôle', kind: 'enterprise', enterpriseNumber: nextEn() })).statusCode,
      ).toBe(409);
      const forced = await post({ name: 'HELIOPOLE s.a.', kind: 'enterprise', allowSimilarName: true });
      expect(forced.statusCode).toBe(201);
    });

    it('creates one organisation when the same one is sent several times at once (409 for the others, never 500)', async () => {
      for (let round = 0; round < 5; round++) {
        const en = nextEn();
        const byNumber = await Promise.all(
          [1, 2, 3, 4].map((i) =>
            post({ name: `Envoi Multiple ${round}-${i}`, kind: 'enterprise', enterpriseNumber: en }),
          ),
        );
        expect(byNumber.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
        const byName = await Promise.all(
          [1, 2, 3, 4].map(() => post({ name: `Nom Partagé ${round}`, kind: 'enterprise' })),
        );
        expect(byName.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
      }
    });

    it('accepts the same name for two different enterprise numbers (two companies, not a duplicate)', async () => {
      expect(
        (await post({ name: 'Homonyme SRL', kind: 'enterprise', enterpriseNumber: nextEn() })).statusCode,
      ).toBe(201);
      expect(
        (await post({ name: 'Homonyme SRL', kind: 'enterprise', enterpriseNumber: nextEn() })).statusCode,
      ).toBe(201);
    });

    it('answers 401 to anonymous callers and writes nothing', async () => {
      const before = await countOrganisations();
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/organisations',
        payload: { name: 'Anonyme', kind: 'other' },
      });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 'unauthenticated', error: 'Authentication required' });
      expect(await countOrganisations()).toBe(before);
    });
  });

  describe('PATCH /api/v1/organisations/:id', () => {
    it('updates the fields sent, keeps the others, and recomputes derived values', async () => {
      const en = nextEn();
      const { id } = (
        await post({
          name: 'Modifiable SA',
          kind: 'enterprise',
          enterpriseNumber: en,
          headcount: 5,
          website: 'https://a.example',
        })
      ).json();
      const res = await patch(id, { headcount: 60, naceCodes: ['72.190'], website: null });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ id });
      const body = (await getOrg(id)).json();
      expect(body).toMatchObject({
        name: 'Modifiable SA',
        enterpriseNumber: formatEnterpriseNumber(en),
        headcount: 60,
        sizeClass: 'medium',
        naceCodes: ['72190'],
        naceSections: ['M'],
        website: null,
      });
      // renaming keeps the organisation findable under its new name and number
      expect((await patch(id, { name: 'Renommée SA' })).statusCode).toBe(200);
      const found = (await t.app.inject({ url: `/api/v1/organisations?q=renommee` })).json();
      expect(found.items.map((i: { id: number }) => i.id)).toEqual([id]);
      const byNumber = (await t.app.inject({ url: `/api/v1/organisations?q=${en}` })).json();
      expect(byNumber.items.map((i: { id: number }) => i.id)).toEqual([id]);
    });

    it('answers 400 naming the field for a wrong check digit, and changes nothing', async () => {
      const { id } = (await post({ name: 'Intacte SA', kind: 'enterprise', headcount: 3 })).json();
      const res = await patch(id, { enterpriseNumber: '0123456748', headcount: 400 });
      expect(res.statusCode).toBe(400);
      expect(res.json().details).toEqual([expect.objectContaining({ path: 'enterpriseNumber' })]);
      expect((await getOrg(id)).json()).toMatchObject({ enterpriseNumber: null, headcount: 3 });
    });

    it("answers 409 when taking another organisation's enterprise number or name", async () => {
      const en = nextEn();
      const a = (await post({ name: 'Détentrice SA', kind: 'enterprise', enterpriseNumber: en })).json();
      const b = (await post({ name: 'Prétendante SA', kind: 'enterprise' })).json();
      const byNumber = await patch(b.id, { enterpriseNumber: en });
      expect(byNumber.statusCode).toBe(409);
      expect(byNumber.json().details).toEqual([
        { path: 'enterpriseNumber', message: `already used by "Détentrice SA" (#${a.id})` },
      ]);
      const byName = await patch(b.id, { name: 'DETENTRICE' });
      expect(byName.statusCode).toBe(409);
      expect(byName.json().details).toEqual([{ path: 'name', message: `likely duplicate of #${a.id}` }]);
      // its own number and name are not a conflict
      expect(
        (await patch(a.id, { enterpriseNumber: formatEnterpriseNumber(en), name: 'Détentrice S.A.' }))
          .statusCode,
      ).toBe(200);
    });

    it('keeps an accepted similar name editable without allowSimilarName', async () => {
      await post({ name: 'Jumelle SRL', kind: 'enterprise' });
      const twin = (await post({ name: 'Jumelle', kind: 'enterprise', allowSimilarName: true })).json();
      expect((await patch(twin.id, { headcount: 7 })).statusCode).toBe(200);
    });

    it('answers 404 for an unknown organisation and 400 for a wrong type', async () => {
      expect((await patch(999_999, { headcount: 1 })).statusCode).toBe(404);
      const { id } = (await post({ name: 'Typée', kind: 'other' })).json();
      const res = await patch(id, { headcount: 'many' });
      expect(res.statusCode).toBe(400);
      expect(res.json().details[0].path).toBe('headcount');
    });
  });

  describe('DELETE /api/v1/organisations/:id', () => {
    it('deletes the organisation with its memberships and people, and answers 404 afterwards', async () => {
      const { id } = (
        await post({
          name: 'Éphémère SA',
          kind: 'enterprise',
          membership: { network: N.slug, joinedOn: '2019-01-01' },
        })
      ).json();
      const person = await t.app.inject({
        method: 'POST',
        url: `/api/v1/organisations/${id}/people`,
        payload: { firstName: 'Léa', lastName: 'Passagère' },
        headers: { cookie: admin },
      });
      expect(person.statusCode).toBe(201);
      const res = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/organisations/${id}`,
        headers: { cookie: admin },
      });
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      expect((await getOrg(id)).statusCode).toBe(404);
      const left = await sql<{ m: number; p: number }>`
        SELECT (SELECT count(*)::int FROM memberships WHERE organisation_id = ${id}) AS m,
               (SELECT count(*)::int FROM people WHERE organisation_id = ${id}) AS p`.execute(t.handle.db);
      expect(left.rows[0]).toEqual({ m: 0, p: 0 });
      const again = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/organisations/${id}`,
        headers: { cookie: admin },
      });
      expect(again.statusCode).toBe(404);
    });

    it('answers 401 to anonymous callers and keeps the organisation', async () => {
      const org = await makeOrganisation(t.handle.db);
      const res = await t.app.inject({ method: 'DELETE', url: `/api/v1/organisations/${org.id}` });
      expect(res.statusCode).toBe(401);
      expect((await getOrg(org.id)).statusCode).toBe(200);
    });
  });

  async function countOrganisations() {
    const r = await t.handle.db
      .selectFrom('organisations')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    return r.n;
  }
});
