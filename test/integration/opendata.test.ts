import { sql } from 'kysely';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/io/csv.ts';
import { DATASETS } from '../../src/modules/opendata/opendata.datasets.ts';
import { useTestApp } from '../helpers/app.ts';
import { makeMembership, makeNetwork, makeOrganisation, makeUser } from '../helpers/factories.ts';

/**
 * Open data: every file answers with its media type, validators and licence; the DCAT-AP catalogue
 * carries the required properties and every download URL works; and — on a data set full of people,
 * accounts, reviewers, drafts, rejected projects, budgets and scores — none of it leaks into any
 * file, while the row counts equal direct SQL counts of the public rows.
 */
describe('open data', () => {
  const t = useTestApp();
  /** strings that must never be published */
  const secrets: string[] = [];
  const secret = (s: string) => {
    secrets.push(s);
    return s;
  };
  let publicProjectIds: number[] = [];
  let draftId = 0;

  async function project(over: {
    acronym: string;
    status: string;
    source?: string;
    externalId?: string;
    labelledOn?: string | null;
    network: number;
    partners: { organisationId?: number; pic?: string; granted: number | null }[];
  }) {
    const db = t.handle.db;
    const { id } = await db
      .insertInto('projects')
      .values({
        acronym: over.acronym,
        title: `Projet ${over.acronym}, titre de test`,
        summary: secret(`Résumé confidentiel ${over.acronym} zq`),
        projectType: 'rd',
        status: over.status,
        source: over.source ?? 'regional',
        externalId: over.externalId ?? null,
        labelledOn: over.labelledOn ?? null,
        startDate: '2021-01-01',
        endDate: '2023-12-31',
        publicFundingEur: over.partners.reduce((s, p) => s + (p.granted ?? 0), 0),
        // a labelled project's total budget is public (the indicators sum it); any other's is not
        totalBudgetEur: over.labelledOn || over.source ? 1_000_000 : 7_654_321.5,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('projectNetworks').values({ projectId: id, networkId: over.network }).execute();
    await db
      .insertInto('projectPartners')
      .values(
        over.partners.map((p, i) => ({
          projectId: id,
          organisationId: p.organisationId ?? null,
          externalId: p.pic ?? null,
          externalKind: p.pic ? 'PRC' : null,
          role: i === 0 ? 'coordinator' : 'partner',
          budgetEur: 3_141_592.65,
          fundingRequestedEur: 2_718_281.83,
          fundingGrantedEur: p.granted,
        })),
      )
      .execute();
    return id;
  }

  beforeAll(async () => {
    const db = t.handle.db;
    secrets.push('7654321.5', '3141592.65', '2718281.83', '73519286', '48151623');
    const netA = await makeNetwork(db, { name: 'Pôle Ouvert, "test"' });
    const netB = await makeNetwork(db, { kind: 'cluster' });
    const alpha = await makeOrganisation(db, {
      name: 'Alpha, Composites "SA"',
      sizeClass: 'small',
      naceCodes: ['25.110', '28.990'],
    });
    const beta = await makeOrganisation(db, { name: 'Bêta Labs\nSRL', sizeClass: 'medium' });
    const uni = await makeOrganisation(db, {
      name: 'Université Ouverte',
      kind: 'university',
      enterpriseNumber: null,
    });
    await db
      .updateTable('organisations')
      .set({
        headcount: 48151623,
        turnoverEur: 73519286,
        address: secret('Rue Secrète 17'),
        description: secret('Description interne, mention de Madame Zorglub'),
      })
      .where('id', '=', alpha.id)
      .execute();
    for (const o of [alpha, beta, uni]) await makeMembership(db, o.id, netA.id, '2012-03-01');
    await makeMembership(db, beta.id, netB.id, '2015-01-01', '2019-06-30');
    // contacts: personal data
    for (const [org, first, last, email, phone] of [
      [alpha.id, 'Gwendoline', 'Vanderplasschen', 'gwendoline.vdp@alpha.example', '+32 470 11 22 33'],
      [beta.id, 'Théophraste', 'Longuebarbe', 'theo.longuebarbe@beta.example', '+32 81 99 88 77'],
    ] as const) {
      await db
        .insertInto('people')
        .values({
          organisationId: org,
          firstName: secret(first),
          lastName: secret(last),
          email: secret(email),
          phone: secret(phone),
          jobTitle: secret('Directrice R&D confidentielle'),
        })
        .execute();
    }
    // accounts and reviewers
    const manager = await makeUser(db, { manages: [netA.slug] });
    secrets.push(manager.email);
    await db
      .updateTable('users')
      .set({ displayName: secret('Barnabé Quincampoix') })
      .where('id', '=', manager.id)
      .execute();
    const expert = await makeUser(db);
    secrets.push(expert.email);
    const { id: reviewerId } = await db
      .insertInto('reviewers')
      .values({
        name: secret('Expert Hyacinthe Morgenstern'),
        email: secret('hyacinthe.m@jury.example'),
        userId: expert.id,
        organisationId: uni.id,
        expertise: ['composites'],
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    // public: labelled, EU (CORDIS, partner outside the registry), imported history
    const lab = await project({
      acronym: 'OPENLAB',
      status: 'running',
      labelledOn: '2020-11-15',
      network: netA.id,
      partners: [
        { organisationId: alpha.id, granted: 250_000 },
        { organisationId: uni.id, granted: 125_000.5 },
      ],
    });
    const eu = await project({
      acronym: 'EUPROJ',
      status: 'running',
      source: 'cordis',
      externalId: '101000001',
      network: netB.id,
      partners: [
        { organisationId: beta.id, granted: 80_000 },
        { pic: '999888777', granted: 40_000 },
      ],
    });
    const hist = await project({
      acronym: 'HISTO',
      status: 'closed',
      source: 'import',
      labelledOn: '2011-05-01',
      network: netA.id,
      partners: [{ organisationId: beta.id, granted: 60_000 }],
    });
    publicProjectIds = [lab, eu, hist];
    // not public: a draft, a submission under review with scores, a rejected project
    draftId = await project({
      acronym: secret('SECRETDRAFT'),
      status: 'draft',
      network: netA.id,
      partners: [{ organisationId: alpha.id, granted: null }],
    });
    const sub = await project({
      acronym: secret('UNDERREVIEW'),
      status: 'stage1',
      network: netA.id,
      partners: [{ organisationId: beta.id, granted: null }],
    });
    await project({
      acronym: secret('HIDDENREJ'),
      status: 'rejected',
      network: netB.id,
      partners: [{ organisationId: uni.id, granted: null }],
    });
    const { id: assignmentId } = await db
      .insertInto('reviewAssignments')
      .values({
        projectId: sub,
        reviewerId,
        stage: 1,
        comment: secret('Commentaire du jury très confidentiel'),
        total: 77.25,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('reviewScores')
      .values({ assignmentId, criterion: 'innovation', score: 4.5 })
      .execute();
    await db
      .insertInto('projectReviews')
      .values({
        projectId: sub,
        stage: 1,
        consensus: secret('Consensus secret du comité'),
        justification: secret('Justification interne'),
      })
      .execute();
  });

  afterEach(() => {
    delete process.env.POLARIS_PUBLIC_URL;
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers });

  /** direct SQL counts of the rows each dataset must publish (the indicator files: from the indicators API) */
  async function publicCounts(): Promise<Record<string, number>> {
    const catalogue = (await get('/api/v1/indicators')).json().items as { code: string }[];
    const r = await sql<Record<string, number>>`
      SELECT
        (SELECT count(*)::int FROM networks) AS "networks",
        (SELECT count(*)::int FROM organisations) AS "organisations",
        (SELECT count(*)::int FROM memberships) AS "memberships",
        (SELECT count(*)::int FROM projects WHERE labelled_on IS NOT NULL OR source <> 'regional') AS "projects",
        (SELECT count(*)::int FROM project_partners pp JOIN projects p ON p.id = pp.project_id
          WHERE p.labelled_on IS NOT NULL OR p.source <> 'regional') AS "project-partners"`.execute(
      t.handle.db,
    );
    return { ...r.rows[0]!, indicators: catalogue.length, 'indicator-series': await seriesCount(catalogue) };
  }

  /** points of every computed indicator, every scope, every breakdown, as the indicators API serves them */
  async function seriesCount(catalogue: { code: string }[]): Promise<number> {
    let n = 0;
    for (const ind of catalogue as { code: string; status: string; breakdowns: string[] }[]) {
      if (ind.status !== 'computed') continue;
      n += (await get(`/api/v1/indicators/${ind.code}`)).json().series.length;
      for (const b of ind.breakdowns.filter((x) => x !== 'network'))
        n += (await get(`/api/v1/indicators/${ind.code}?breakdown=${b}`)).json().series.length;
    }
    return n;
  }

  it('serves every dataset as RFC 4180 CSV and JSON with validators, licence and the public row count', async () => {
    const counts = await publicCounts();
    expect(counts.projects).toBe(3);
    expect(counts['project-partners']).toBe(5);
    for (const ds of DATASETS) {
      const csv = await get(`/open-data/${ds.name}.csv`);
      expect(csv.statusCode, ds.name).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      expect(csv.headers.etag).toMatch(/^"polaris-\d+-/);
      expect(new Date(String(csv.headers['last-modified'])).getTime()).toBeGreaterThan(0);
      expect(csv.headers.link).toBe('<https://creativecommons.org/licenses/by/4.0/>; rel="license"');
      expect(csv.headers['access-control-allow-origin']).toBe('*');
      expect(csv.body.charCodeAt(0)).not.toBe(0xfeff); // no byte-order mark
      const records = parseCsv(csv.body, ',');
      expect(records[0]).toEqual(ds.fields.map((f) => f.name));
      expect(counts[ds.name], ds.name).toBeGreaterThan(0);
      expect(records.every((r) => r.length === ds.fields.length)).toBe(true);
      expect(records.length - 1, ds.name).toBe(counts[ds.name]);
      expect(csv.body.endsWith('\r\n')).toBe(true);

      const json = await get(`/open-data/${ds.name}.json`);
      expect(json.statusCode).toBe(200);
      expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(json.headers.etag).not.toBe(csv.headers.etag);
      const doc = json.json() as {
        dataset: string;
        license: string;
        items: Record<string, unknown>[];
        count: number;
      };
      expect(doc.dataset).toBe(ds.name);
      expect(doc.license).toBe('https://creativecommons.org/licenses/by/4.0/');
      expect(doc.items).toHaveLength(counts[ds.name]!);
      expect(doc.count).toBe(counts[ds.name]);
      for (const item of doc.items) expect(Object.keys(item)).toEqual(ds.fields.map((f) => f.name));
    }
  });

  it('never publishes people, accounts, reviewers, drafts, rejected projects, budgets, reviews or internal texts', async () => {
    const bodies: [string, string][] = [];
    for (const ds of DATASETS)
      for (const f of ['csv', 'json'])
        bodies.push([`${ds.name}.${f}`, (await get(`/open-data/${ds.name}.${f}`)).body]);
    bodies.push(['catalog.jsonld', (await get('/open-data/catalog.jsonld')).body]);
    bodies.push(['index', (await get('/open-data/')).body]);
    expect(secrets.length).toBeGreaterThan(25);
    for (const [name, body] of bodies) {
      for (const s of secrets) expect(body.includes(s), `${name} contains "${s}"`).toBe(false);
      expect(body).not.toMatch(/@(alpha|beta|jury)\.example|@test\.polaris/);
      // the data files carry no such field (the catalogue and index say in words that they are left out)
      if (name.endsWith('.csv'))
        expect(parseCsv(body, ',')[0]!.join(',')).not.toMatch(
          /budget|requested|headcount|turnover|review|score|consensus|email|phone|person|people|user/i,
        );
    }
    // exactly the public projects, and only their partners
    const projects = (await get('/open-data/projects.json')).json().items as {
      id: number;
      networks: string[];
    }[];
    expect(projects.map((p) => p.id).sort()).toEqual([...publicProjectIds].sort());
    const partners = (await get('/open-data/project-partners.json')).json().items as {
      project_id: number;
      organisation_id: number | null;
      pic: string | null;
      public_funding_granted_eur: number | null;
    }[];
    expect(new Set(partners.map((p) => p.project_id))).toEqual(new Set(publicProjectIds));
    expect(partners.some((p) => p.project_id === draftId)).toBe(false);
    expect(partners.find((p) => p.organisation_id == null)?.pic).toBe('999888777');
    expect(partners.some((p) => p.public_funding_granted_eur === 125_000.5)).toBe(true);
  });

  it('writes CSV that programs read: quoted commas, quotes and line breaks, lists with ";", "." decimals', async () => {
    const orgs = parseCsv((await get('/open-data/organisations.csv')).body, ',');
    const header = orgs[0]!;
    const alpha = orgs.find((r) => r[header.indexOf('name')] === 'Alpha, Composites "SA"');
    expect(alpha).toBeDefined();
    expect(alpha![header.indexOf('nace_codes')]).toBe('25.110;28.990');
    expect(alpha![header.indexOf('generated')]).toBe('false');
    expect(orgs.some((r) => r[header.indexOf('name')] === 'Bêta Labs\nSRL')).toBe(true);
    const partners = parseCsv((await get('/open-data/project-partners.csv')).body, ',');
    expect(partners.some((r) => r.includes('125000.5'))).toBe(true);
    const networks = (await get('/open-data/networks.json')).json().items as { name: string }[];
    expect(networks.map((n) => n.name)).toContain('Pôle Ouvert, "test"');
  });

  it('publishes the indicator series exactly as the indicators API serves them', async () => {
    const api = (await get('/api/v1/indicators/MEM_TOTAL?network=region')).json().series as {
      year: number;
      value: number | null;
    }[];
    const raw = await get('/open-data/indicator-series.json');
    const items = raw.json().items as {
      code: string;
      network: string;
      breakdown: string | null;
      year: number;
      value: number | null;
    }[];
    const mine = items.filter((i) => i.code === 'MEM_TOTAL' && i.network === 'region' && i.breakdown == null);
    expect(mine.map((i) => [i.year, i.value])).toEqual(api.map((p) => [p.year, p.value]));
    expect(mine.find((i) => i.year === 2015)?.value).toBe(3);
    const res = await get('/open-data/indicator-series.csv');
    // year-to-date figures: the validator carries the day
    expect(res.headers.etag).toContain(`-${new Date().toISOString().slice(0, 10)}-`);
    const cat = (await get('/open-data/indicators.json')).json().items as { code: string; status: string }[];
    expect(cat.map((i) => i.code)).toContain('MEM_TOTAL');
  });

  it('answers 304 to a known ETag and a new ETag after any write', async () => {
    const first = await get('/open-data/memberships.csv');
    const etag = String(first.headers.etag);
    const again = await get('/open-data/memberships.csv', { 'if-none-match': `W/${etag}, "other"` });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const org = await makeOrganisation(t.handle.db, { name: 'Gamma Nouvelle SA' });
    const after = await get('/open-data/memberships.csv', { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    const orgs = (await get('/open-data/organisations.json')).json().items as { id: number }[];
    expect(orgs.map((o) => o.id)).toContain(org.id);
  });

  it('pages through large tables (keyset pages of 2,000) without losing or repeating a row', async () => {
    await sql`
      INSERT INTO organisations (name, name_key, search_text, kind, generated)
      SELECT 'Gen ' || g, 'gen ' || g, 'gen ' || g, 'enterprise', true FROM generate_series(1, 4500) g`.execute(
      t.handle.db,
    );
    const { n } = await t.handle.db
      .selectFrom('organisations')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    const csv = parseCsv((await get('/open-data/organisations.csv')).body, ',');
    const ids = csv.slice(1).map((r) => Number(r[0]));
    expect(ids).toHaveLength(n);
    expect(new Set(ids).size).toBe(n);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const json = (await get('/open-data/organisations.json')).json() as {
      count: number;
      items: { generated: boolean }[];
    };
    expect(json.count).toBe(n);
    expect(json.items.filter((o) => o.generated)).toHaveLength(4500);
  });

  describe('DCAT-AP catalogue', () => {
    type Node = Record<string, unknown>;
    const ids = (v: unknown) => (Array.isArray(v) ? v : [v]).map((x) => (x as { '@id': string })['@id']);
    const langs = (v: unknown) => (v as { '@language': string }[]).map((x) => x['@language']);

    it('describes the catalogue, each dataset and each distribution with the required properties', async () => {
      const res = await get('/open-data/catalog.jsonld');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/ld+json; charset=utf-8');
      expect(res.headers.link).toContain('rel="license"');
      const cat = res.json() as Node;
      const ctx = cat['@context'] as Record<string, string>;
      for (const [p, uri] of [
        ['dcat', 'http://www.w3.org/ns/dcat#'],
        ['dct', 'http://purl.org/dc/terms/'],
        ['foaf', 'http://xmlns.com/foaf/0.1/'],
        ['vcard', 'http://www.w3.org/2006/vcard/ns#'],
        ['adms', 'http://www.w3.org/ns/adms#'],
      ])
        expect(ctx[p!]).toBe(uri);
      expect(cat['@type']).toBe('dcat:Catalog');
      expect(langs(cat['dct:title'])).toEqual(['fr', 'en']);
      expect(langs(cat['dct:description'])).toEqual(['fr', 'en']);
      const publisher = cat['dct:publisher'] as Node;
      expect(publisher['@type']).toBe('foaf:Agent');
      expect(langs(publisher['foaf:name'])).toEqual(['fr', 'en']);
      expect(ids(cat['foaf:homepage'])).toEqual(['http://localhost:80/open-data/']);
      expect(ids(cat['dct:language'])).toContain(
        'http://publications.europa.eu/resource/authority/language/FRA',
      );
      expect(ids(cat['dct:license'])).toEqual([
        'http://publications.europa.eu/resource/authority/licence/CC_BY_4_0',
      ]);
      for (const k of ['dct:issued', 'dct:modified']) expect((cat[k] as Node)['@type']).toBe('xsd:dateTime');

      const datasets = cat['dcat:dataset'] as Node[];
      expect(datasets.map((d) => d['dct:identifier'])).toEqual(DATASETS.map((d) => d.name));
      for (const d of datasets) {
        expect(d['@type']).toBe('dcat:Dataset');
        for (const k of ['dct:title', 'dct:description']) expect(langs(d[k])).toEqual(['fr', 'en']);
        expect(new Set(langs(d['dcat:keyword']))).toEqual(new Set(['fr', 'en']));
        expect(ids(d['dcat:theme'])).toContain(
          'http://publications.europa.eu/resource/authority/data-theme/ECON',
        );
        const temporal = d['dct:temporal'] as Node;
        expect(temporal['@type']).toBe('dct:PeriodOfTime');
        expect((temporal['dcat:startDate'] as Node)['@value']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(ids(d['dct:spatial'])).toEqual(['http://data.europa.eu/nuts/code/BE3']);
        const contact = d['dcat:contactPoint'] as Node;
        expect(contact['@type']).toBe('vcard:Organization');
        expect(typeof contact['vcard:fn']).toBe('string');
        expect(ids(d['dct:accrualPeriodicity'])[0]).toMatch(
          /^http:\/\/publications\.europa\.eu\/resource\/authority\/frequency\//,
        );
        expect((d['dct:modified'] as Node)['@type']).toBe('xsd:dateTime');
        const dists = d['dcat:distribution'] as Node[];
        expect(dists).toHaveLength(2);
        expect(dists.map((x) => ids(x['dct:format'])[0])).toEqual([
          'http://publications.europa.eu/resource/authority/file-type/CSV',
          'http://publications.europa.eu/resource/authority/file-type/JSON',
        ]);
        for (const dist of dists) {
          expect(dist['@type']).toBe('dcat:Distribution');
          expect(ids(dist['dct:license'])).toEqual([
            'http://publications.europa.eu/resource/authority/licence/CC_BY_4_0',
          ]);
          const access = ids(dist['dcat:accessURL'])[0]!;
          const download = ids(dist['dcat:downloadURL'])[0]!;
          expect(download).toBe(access);
          expect(download).toMatch(/^http:\/\/localhost:80\/open-data\/[a-z-]+\.(csv|json)$/);
          const media = ids(dist['dcat:mediaType'])[0]!.replace(
            'https://www.iana.org/assignments/media-types/',
            '',
          );
          // every download URL answers 200 with the declared media type
          const file = await get(new URL(download).pathname);
          expect(file.statusCode, download).toBe(200);
          expect(String(file.headers['content-type']).split(';')[0]).toBe(media);
        }
      }
    });

    it('builds URLs on POLARIS_PUBLIC_URL and gives the byte size of files already written at this version', async () => {
      process.env.POLARIS_PUBLIC_URL = 'https://polaris.example.be/';
      const file = await get('/open-data/networks.csv');
      const cat = (await get('/open-data/catalog.jsonld')).json() as Node;
      expect(ids(cat['foaf:homepage'])).toEqual(['https://polaris.example.be/open-data/']);
      const ds = (cat['dcat:dataset'] as Node[]).find((d) => d['dct:identifier'] === 'networks')!;
      const csv = (ds['dcat:distribution'] as Node[])[0]!;
      expect(ids(csv['dcat:downloadURL'])).toEqual(['https://polaris.example.be/open-data/networks.csv']);
      expect((csv['dcat:byteSize'] as Node)['@value']).toBe(String(file.rawPayload.length));
      // a catalogue validator: unchanged document, 304
      const res = await get('/open-data/catalog.jsonld');
      expect(
        (await get('/open-data/catalog.jsonld', { 'if-none-match': String(res.headers.etag) })).statusCode,
      ).toBe(304);
    });
  });

  it('has an accessible French-first index page linking every file and the catalogue', async () => {
    const res = await get('/open-data/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toMatch(/<html lang="fr">/);
    expect(res.body).toContain('<div lang="en">');
    expect(res.body.indexOf('Jeux de données')).toBeLessThan(res.body.indexOf('Datasets'));
    expect(res.body).toContain('href="catalog.jsonld"');
    for (const ds of DATASETS)
      for (const f of ['csv', 'json']) expect(res.body).toContain(`href="${ds.name}.${f}"`);
    expect((await get('/open-data')).statusCode).toBe(301);
    expect((await get('/open-data/people.csv')).statusCode).toBe(404);
  });

  it('lists the open-data URLs in OpenAPI', async () => {
    const spec = (await get('/api/openapi.json')).json() as { paths: Record<string, unknown> };
    for (const ds of DATASETS)
      for (const f of ['csv', 'json']) expect(spec.paths).toHaveProperty([`/open-data/${ds.name}.${f}`]);
    expect(spec.paths).toHaveProperty(['/open-data/catalog.jsonld']);
  });
});
