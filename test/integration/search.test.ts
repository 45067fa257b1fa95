import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_GIN_INDEXES } from '../../src/db/migrations/2026-11-28T1400-search-speed.ts';
import { bulkLoadOrganisations } from '../../src/modules/registry/organisations.repository.ts';
import { DID_YOU_MEAN_SIMILARITY } from '../../src/modules/search/search-suggest.repository.ts';
import { useTestApp } from '../helpers/app.ts';
import { DIALECT } from '../helpers/db.ts';
import { makeMembership, makeNetwork, makeOrganisation, makeUser } from '../helpers/factories.ts';

/**
 * Search (issue 6): French stemming and accents, English and Dutch words, typos, snippets,
 * facets against direct SQL, pagination, who sees what (people, drafts), autocomplete.
 */
describe('search API', () => {
  const t = useTestApp();
  const ids: Record<string, number> = {};
  const cookies: Record<string, string> = {};
  let netA: { id: number; slug: string; name: string };
  let netB: { id: number; slug: string; name: string };

  async function org(
    key: string,
    over: Parameters<typeof makeOrganisation>[1] & { description?: string; keywords?: string[] },
  ) {
    const { description, keywords, ...rest } = over;
    const o = await makeOrganisation(t.handle.db, rest);
    await t.handle.db
      .updateTable('organisations')
      .set({ description: description ?? null, keywords: keywords ?? [] })
      .where('id', '=', o.id)
      .execute();
    ids[`organisation:${key}`] = o.id;
    return o;
  }

  async function project(
    key: string,
    over: {
      acronym: string;
      title: string;
      summary?: string;
      status: string;
      labelledOn?: string;
      network: number;
      partner: number;
    },
  ) {
    const { id } = await t.handle.db
      .insertInto('projects')
      .values({
        acronym: over.acronym,
        title: over.title,
        summary: over.summary ?? null,
        searchText: `${over.acronym} ${over.title}`.toLowerCase(),
        projectType: 'rd',
        status: over.status,
        labelledOn: over.labelledOn ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[`project:${key}`] = id;
    await t.handle.db
      .insertInto('projectNetworks')
      .values({ projectId: id, networkId: over.network })
      .execute();
    await t.handle.db
      .insertInto('projectPartners')
      .values({ projectId: id, organisationId: over.partner, role: 'coordinator' })
      .execute();
  }

  beforeAll(async () => {
    const db = t.handle.db;
    netA = await makeNetwork(db, { name: 'Skywin Test', kind: 'pole' });
    netB = await makeNetwork(db, { name: 'Greenwin Test', kind: 'pole' });
    const composites = await org('composites', {
      name: 'Aerotech SA',
      sizeClass: 'small',
      provinceNis: '50000',
      naceSections: ['C'],
      naceCodes: ['30300'],
      description: 'Conception de pièces en materiau composite pour l’aéronautique & le spatial <b>sûr</b>.',
      keywords: ['aéronautique', 'composite'],
    });
    await org('energy', {
      name: 'Wallonie Énergies Nouvelles',
      sizeClass: 'medium',
      provinceNis: '60000',
      naceSections: ['D'],
      naceCodes: ['35110'],
      description: 'Production d’ENERGIE renouvelable et stockage.',
    });
    await org('farm', {
      name: 'Ferme du Condroz',
      sizeClass: 'micro',
      provinceNis: '90000',
      naceSections: ['A'],
      naceCodes: ['01410'],
      description: 'Élevages bovins et transformation laitière.',
      keywords: ['agriculture'],
    });
    await org('english', {
      name: 'Liège Space Labs',
      kind: 'research_centre',
      enterpriseNumber: null,
      provinceNis: '60000',
      description: 'We are building satellites and testing aircraft engines.',
    });
    await org('dutch', {
      name: 'Vlaams Waterstof Bedrijf',
      sizeClass: 'large',
      provinceNis: '20001',
      description: 'Onderzoek naar waterstof en duurzame energie.',
    });
    await org('outsider', { name: 'Gamma Logistique SRL', description: 'Transport et logistique.' });
    for (const k of ['composites', 'energy', 'english']) await makeMembership(db, orgId(k), netA.id);
    for (const k of ['farm', 'dutch']) await makeMembership(db, orgId(k), netB.id);
    await makeMembership(db, orgId('energy'), netB.id);

    await project('labelled', {
      acronym: 'COMPOSAIR',
      title: 'Matériaux composites recyclables pour les ailes',
      summary: 'Des matériaux composites thermoplastiques recyclables pour les structures d’avion.',
      status: 'running',
      labelledOn: '2021-05-01',
      network: netA.id,
      partner: composites.id,
    });
    await project('draft', {
      acronym: 'SECRETCOMP',
      title: 'Composite secret en préparation',
      summary: 'Un brouillon sur les matériaux composites.',
      status: 'draft',
      network: netA.id,
      partner: composites.id,
    });

    await db
      .insertInto('people')
      .values([
        {
          organisationId: orgId('composites'),
          firstName: 'Amélie',
          lastName: 'Dupont',
          jobTitle: 'Ingénieure matériaux composites',
        },
        {
          organisationId: orgId('outsider'),
          firstName: 'Bruno',
          lastName: 'Lambert',
          jobTitle: 'Responsable composites',
        },
      ])
      .execute();

    const manager = await makeUser(db, { manages: [netA.slug] });
    const member = await makeUser(db, { memberOf: [orgId('composites')] });
    const unrelated = await makeUser(db, { memberOf: [orgId('farm')] });
    const admin = await makeUser(db, { admin: true });
    cookies.manager = await t.login(manager.email, manager.password);
    cookies.member = await t.login(member.email, member.password);
    cookies.unrelated = await t.login(unrelated.email, unrelated.password);
    cookies.admin = await t.login(admin.email, admin.password);
    cookies.anonymous = '';
  });

  async function search(query: string, who = 'anonymous') {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/search?${query}`,
      headers: cookies[who] ? { cookie: cookies[who] } : {},
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      items: { type: string; id: number; title: string; snippet: string; score: number }[];
      facets: Record<string, Record<string, number>>;
      total: number;
      totalIsEstimate: boolean;
      suggestion?: string;
    };
  }
  const keys = (items: { type: string; id: number }[]) =>
    items.map(
      (i) =>
        Object.entries(ids).find(([k, v]) => v === i.id && k.startsWith(`${i.type}:`))?.[0] ??
        `${i.type}:${i.id}`,
    );
  const orgId = (key: string) => ids[`organisation:${key}`]!;
  const q = (s: string) => `q=${encodeURIComponent(s)}`;

  it('stems French and ignores accents and case', async () => {
    // plural and accents in the query, singular without accents in the document
    const r = await search(q('matériaux composites'));
    expect(keys(r.items)).toContain('organisation:composites');
    expect(keys(r.items)).toContain('project:labelled');
    // and the other way round
    expect(keys((await search(q('materiau composite'))).items)).toContain('project:labelled');
    expect(keys((await search(q('énergie'))).items)).toContain('organisation:energy');
    expect(keys((await search(q('ENERGIES'))).items)).toContain('organisation:energy');
    expect(keys((await search(q('élevage'))).items)).toEqual(['organisation:farm']);
    expect(keys((await search(q('elevages'))).items)).toEqual(['organisation:farm']);
  });

  it('finds English and Dutch words by their own stems', async () => {
    expect(keys((await search(q('satellite engine'))).items)).toEqual(['organisation:english']);
    expect(keys((await search(q('onderzoeken waterstof'))).items)).toEqual(['organisation:dutch']);
    // a stop word of any language does not match everything
    expect((await search(q('des the van'))).total).toBe(0);
  });

  it('tolerates typos in names through trigram similarity', async () => {
    const r = await search(q('Aérotec'));
    expect(keys(r.items)[0]).toBe('organisation:composites');
    expect(keys((await search(q('Condros'))).items)).toContain('organisation:farm');
  });

  it('ranks an exact name match first', async () => {
    const r = await search(q('aerotech sa'));
    expect(keys(r.items)[0]).toBe('organisation:composites');
    expect(r.items[0]!.score).toBeGreaterThan(10);
  });

  it('highlights snippets with <mark> and escapes the rest', async () => {
    const r = await search(q('composite aéronautique'));
    const org = r.items.find((i) => i.type === 'organisation' && i.id === orgId('composites'))!;
    expect(org.snippet).toContain('<mark>');
    expect(org.snippet).toContain('&amp;');
    expect(org.snippet).not.toMatch(/<(?!\/?mark>)/);
  });

  it('counts facets over the whole result set, as direct SQL does', async () => {
    const r = await search(`${q('composites énergie logistique élevage waterstof satellite')}&pageSize=1`);
    // AND semantics: nothing has all of these; check a broad query instead
    expect(r.total).toBe(0);
    const all = await search(`${q('et')}&pageSize=2`);
    expect(all.total).toBe(0); // a stop word alone
    const broad = await search(`${q('composite')}&pageSize=1`);
    const direct = await sql<{ n: number }>`SELECT count(*)::int AS n FROM organisations
      WHERE search_vector @@ public.polaris_tsquery(${['composite']}::text[])`.execute(t.handle.db);
    expect(broad.facets.type!.organisation).toBe(direct.rows[0]!.n);
    expect(broad.facets.type!.project).toBe(1); // the draft is not counted for the public
    expect(broad.facets.type!.person).toBeUndefined();
    expect(broad.total).toBe(direct.rows[0]!.n + 1);
    expect(broad.items).toHaveLength(1);
    const net = await sql<{ n: number }>`SELECT count(*)::int AS n FROM organisations o
      WHERE o.search_vector @@ public.polaris_tsquery(${['composite']}::text[])
        AND EXISTS (SELECT 1 FROM memberships m WHERE m.organisation_id = o.id AND m.network_id = ${netA.id} AND m.left_on IS NULL)`.execute(
      t.handle.db,
    );
    expect(broad.facets.network![netA.slug]).toBe(net.rows[0]!.n + 1); // + the labelled project of A
    expect(broad.facets.province!['50000']).toBe(1);
    expect(broad.facets.naceSection!.C).toBe(1);
    expect(broad.facets.size!.small).toBe(1);
  });

  it('filters, and facet counts equal the filtered totals', async () => {
    const base = await search(q('énergie'));
    for (const [param, facet] of [
      ['province', 'province'],
      ['size', 'size'],
      ['nace', 'naceSection'],
      ['network', 'network'],
    ] as const) {
      for (const [value, n] of Object.entries(base.facets[facet] ?? {})) {
        const r = await search(`${q('énergie')}&${param}=${value}`);
        expect(r.total, `${param}=${value}`).toBe(n);
      }
    }
    const typed = await search(`${q('composite')}&type=project`);
    expect(typed.items.every((i) => i.type === 'project')).toBe(true);
    expect(typed.total).toBe(typed.facets.type!.project);
    expect(typed.facets.type!.organisation).toBeGreaterThan(0); // the type facet ignores the type filter
  });

  it('paginates with a stable total', async () => {
    const first = await search(`${q('composite')}&pageSize=1&page=1`, 'admin');
    const second = await search(`${q('composite')}&pageSize=1&page=2`, 'admin');
    const all = await search(`${q('composite')}&pageSize=100`, 'admin');
    expect(first.total).toBe(all.total);
    expect(second.total).toBe(all.total);
    expect([first.items[0]!.id, second.items[0]!.id]).toEqual([all.items[0]!.id, all.items[1]!.id]);
    expect(all.items).toHaveLength(all.total);
  });

  it('never shows people to the public or to an unrelated member, nor drafts to the public', async () => {
    for (const who of ['anonymous', 'unrelated']) {
      const r = await search(q('composites Dupont Lambert'), who);
      expect(
        r.items.some((i) => i.type === 'person'),
        who,
      ).toBe(false);
      const p = await search(`${q('composites')}&type=person`, who);
      expect(p.total, who).toBe(0);
    }
    const pub = await search(q('composite secret'));
    expect(keys(pub.items)).not.toContain('project:draft');
    expect(keys((await search(q('composite secret'), 'member')).items)).toContain('project:draft');
  });

  it('shows the manager the people of their members and the member their own, no others', async () => {
    const m = await search(`${q('composites')}&type=person`, 'manager');
    expect(m.items.map((i) => i.title)).toEqual(['Amélie Dupont']);
    expect(m.items[0]!.snippet).toContain('<mark>');
    const own = await search(`${q('Dupont')}`, 'member');
    expect(own.items.map((i) => i.title)).toEqual(['Amélie Dupont']);
    const admin = await search(`${q('composites')}&type=person`, 'admin');
    expect(admin.items.map((i) => i.title).sort()).toEqual(['Amélie Dupont', 'Bruno Lambert']);
    // a typo in a person's name
    expect((await search(q('Dupond'), 'admin')).items.map((i) => i.title)).toContain('Amélie Dupont');
  });

  it('rejects an unknown network and an empty query', async () => {
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/search?q=x&network=nope' });
    expect(bad.statusCode).toBe(400);
    const empty = await t.app.inject({ method: 'GET', url: '/api/v1/search?q=%20' });
    expect(empty.statusCode).toBe(400);
  });

  it('suggests the closest name when a search finds nothing, never a hidden project', async () => {
    // "aerottekk": no word matches, and its word similarity to "aerotech sa" (5 of its 10
    // trigrams, 0.5) is under the typo fallback's 0.6 but over DID_YOU_MEAN_SIMILARITY
    expect(DID_YOU_MEAN_SIMILARITY).toBeLessThanOrEqual(0.5);
    const r = await search(q('aerottekk'));
    expect(r.total).toBe(0);
    expect(r.suggestion).toBe('Aerotech SA');
    // following the suggestion finds it
    expect(keys((await search(q(r.suggestion!))).items)[0]).toBe('organisation:composites');
    expect((await search(q('xqzwv'))).suggestion).toBeUndefined();
    // the draft's acronym, one letter off: found by its consortium, never suggested to the public
    const pub = await search(q('SECRETCOMPP'));
    expect(pub.total).toBe(0);
    expect(pub.suggestion).toBeUndefined();
    expect(keys((await search(q('SECRETCOMPP'), 'member')).items)).toContain('project:draft');
    // found things carry no suggestion
    expect((await search(q('composite'))).suggestion).toBeUndefined();
  });

  const pendingLimits = async () =>
    (
      await sql<{ name: string; options: string[] | null }>`SELECT relname AS name, reloptions AS options
        FROM pg_class WHERE relname = ANY(${[...SEARCH_GIN_INDEXES]}::text[])`.execute(t.handle.db)
    ).rows;

  it('keeps the pending lists of the search indexes short', async () => {
    const r = await pendingLimits();
    expect(r.map((x) => x.name).sort()).toEqual([...SEARCH_GIN_INDEXES].sort());
    for (const x of r) expect(x.options, x.name).toContain('gin_pending_list_limit=256');
  });

  it.skipIf(DIALECT !== 'pglite')(
    'keeps them short after the embedded bulk load rebuilds its indexes',
    async () => {
      const before = (await pendingLimits()).length;
      await t.handle.db
        .transaction()
        .execute((trx) =>
          bulkLoadOrganisations(trx, [
            { id: 990_001, name: 'Bulk Un', nameKey: 'bulk un', searchText: 'bulk un', kind: 'enterprise' },
          ]),
        );
      const r = await pendingLimits();
      expect(r).toHaveLength(before);
      for (const x of r) expect(x.options, x.name).toContain('gin_pending_list_limit=256');
    },
  );

  it('says when counts are exact', async () => {
    const r = await search(q('composite'));
    expect(r.totalIsEstimate).toBe(false);
  });

  it('suggests organisations, visible projects and networks while typing', async () => {
    const ask = async (s: string, who = 'anonymous') => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/search/autocomplete?q=${encodeURIComponent(s)}&limit=8`,
        headers: cookies[who] ? { cookie: cookies[who] } : {},
      });
      expect(res.statusCode).toBe(200);
      return (res.json() as { items: { type: string; id: number; label: string }[] }).items;
    };
    expect((await ask('aero'))[0]).toMatchObject({
      type: 'organisation',
      id: orgId('composites'),
      label: 'Aerotech SA',
    });
    expect((await ask('compo')).map((i) => i.label)).toContain(
      'COMPOSAIR — Matériaux composites recyclables pour les ailes',
    );
    expect((await ask('secretc')).some((i) => i.type === 'project')).toBe(false);
    expect((await ask('secretc', 'member')).some((i) => i.type === 'project')).toBe(true);
    expect((await ask('skiwin')).map((i) => i.label)).toContain('Skywin Test');
    expect((await ask('energies')).map((i) => i.label)).toContain('Wallonie Énergies Nouvelles');
    // a typo from four characters on (trigram word similarity), not below
    expect((await ask('aerotek'))[0]).toMatchObject({ type: 'organisation', label: 'Aerotech SA' });
    expect((await ask('aeq')).map((i) => i.label)).not.toContain('Aerotech SA');
    expect(await ask('a')).toEqual([]);
    // answers are cached per data version: a new organisation shows at once
    expect(await ask('zephyrin')).toEqual([]);
    await makeOrganisation(t.handle.db, { name: 'Zephyrine Robotique SRL' });
    expect((await ask('zephyrin')).map((i) => i.label)).toEqual(['Zephyrine Robotique SRL']);
  });
});
