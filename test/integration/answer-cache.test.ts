import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/modules/auth/actor.ts';
import { importNace } from '../../src/modules/reference/reference.service.ts';
import { useTestApp } from '../helpers/app.ts';
import { makeMembership, makeNetwork, makeOrganisation, makeUser } from '../helpers/factories.ts';

/** Answers are cached per data version: any write, by any path, must show at once. */
describe('answer cache per data version', () => {
  const t = useTestApp();

  it('a cached list changes as soon as the data does, whoever writes it', async () => {
    const n = await makeNetwork(t.handle.db);
    const a = await makeOrganisation(t.handle.db, { name: 'Cachée Une SA' });
    await makeMembership(t.handle.db, a.id, n.id, '2015-01-01');
    const url = `/api/v1/organisations?network=${n.slug}&q=cachee`;
    const first = (await t.app.inject({ url })).json();
    expect(first.total).toBe(1);
    expect((await t.app.inject({ url })).json()).toEqual(first); // same answer while nothing changes

    // a write through the database directly (another app server, an import): the trigger bumps the version
    const b = await makeOrganisation(t.handle.db, { name: 'Cachée Deux SA' });
    await makeMembership(t.handle.db, b.id, n.id, '2016-01-01');
    expect((await t.app.inject({ url })).json().total).toBe(2);

    await sql`UPDATE organisations SET name = 'Renommée SA', search_text = 'renommee sa' WHERE id = ${a.id}`.execute(
      t.handle.db,
    );
    expect((await t.app.inject({ url })).json().items.map((i: { name: string }) => i.name)).toEqual([
      'Cachée Deux SA',
    ]);

    await sql`UPDATE memberships SET left_on = '2016-12-31' WHERE organisation_id = ${b.id}`.execute(
      t.handle.db,
    );
    expect((await t.app.inject({ url })).json().total).toBe(0);
    const networks = (await t.app.inject({ url: '/api/v1/networks' })).json().items;
    expect(networks.find((x: { slug: string }) => x.slug === n.slug).memberCount).toBe(1);
  });

  it('the reference lists that validation uses are re-read once a list is imported', async () => {
    const admin = await makeUser(t.handle.db, { admin: true });
    const cookie = await t.login(admin.email, admin.password);
    const create = (name: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/organisations',
        headers: { cookie },
        payload: { name, kind: 'enterprise', naceCodes: ['62010'] },
      });
    expect((await create('Avant Liste SA')).statusCode).toBe(201); // no list yet: syntax only
    await importNace(
      { db: t.handle.db, actor: SYSTEM },
      Buffer.from('code,parent,label_fr\nC,,Industrie\n25620,2562,Usinage\n'),
    );
    const res = await create('Après Liste SA');
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0]).toMatchObject({ path: 'naceCodes', value: '62010' });
  });

  it('the version moves on every statement that writes a registry table, and not on reads', async () => {
    const version = async () =>
      Number(
        (await t.handle.db.selectFrom('dataVersion').select('version').executeTakeFirstOrThrow()).version,
      );
    const v0 = await version();
    await t.app.inject({ url: '/api/v1/organisations' });
    expect(await version()).toBe(v0);
    await makeNetwork(t.handle.db);
    expect(await version()).toBeGreaterThan(v0);
  });
});
