import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatEnterpriseNumber, makeEnterpriseNumber } from '../../src/domain/enterprise-number.ts';
import { ORGANISATION_COLUMNS } from '../../src/modules/registry/organisations.export.ts';
import { useTestApp } from '../helpers/app.ts';
import { makeMembership, makeNetwork, makeOrganisation } from '../helpers/factories.ts';

interface Item {
  id: number;
  name: string;
  kind: string;
  enterpriseNumber: string | null;
  sizeClass: string | null;
  headcount: number | null;
  naceCodes: string[];
  provinceNis: string | null;
  networks: string[];
}
interface Page {
  items: Item[];
  total: number;
  page: number;
  pageSize: number;
}

describe('GET /api/v1/organisations', () => {
  const t = useTestApp();
  const get = async (query: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/organisations?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Page;
  };
  const names = (p: Page) => p.items.map((i) => i.name);

  // Network N and N2, and organisations a–g (no other test in this file creates organisations).
  let N: { id: number; slug: string };
  let N2: { id: number; slug: string };
  const en = { a: makeEnterpriseNumber(10_203_040), d: makeEnterpriseNumber(10_506_070) };
  const o = {} as Record<'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g', { id: number; name: string }>;

  beforeAll(async () => {
    const db = t.handle.db;
    N = await makeNetwork(db, { kind: 'pole' });
    N2 = await makeNetwork(db, { kind: 'cluster' });
    o.a = await makeOrganisation(db, {
      name: 'Liège Aéro Systems SA',
      enterpriseNumber: en.a,
      headcount: 20,
      sizeClass: 'small',
      naceCodes: ['62010'],
      naceSections: ['J'],
      provinceNis: '60000',
      municipalityNis: '62063',
    });
    o.b = await makeOrganisation(db, {
      name: 'Mons Bio SRL',
      headcount: 5,
      sizeClass: 'micro',
      naceCodes: ['21100'],
      naceSections: ['C'],
      provinceNis: '50000',
    });
    o.c = await makeOrganisation(db, {
      name: 'Université de Namur — Lab',
      kind: 'university',
      enterpriseNumber: null,
      headcount: 300,
      naceCodes: ['72190'],
      naceSections: ['M'],
      provinceNis: '90000',
    });
    o.d = await makeOrganisation(db, {
      name: 'Charleroi Steel SA',
      enterpriseNumber: en.d,
      headcount: 900,
      sizeClass: 'large',
      naceCodes: ['24100', '25620'],
      naceSections: ['C'],
      provinceNis: '50000',
    });
    o.e = await makeOrganisation(db, {
      name: 'Arlon Logistics',
      headcount: 120,
      sizeClass: 'medium',
      naceCodes: ['52100'],
      naceSections: ['H'],
      provinceNis: '80000',
    });
    o.f = await makeOrganisation(db, {
      name: 'Wavre Software',
      naceCodes: ['62020'],
      naceSections: ['J'],
      provinceNis: '20002',
    });
    o.g = await makeOrganisation(db, { name: 'Orphelin de Liège SRL', provinceNis: '60000' });
    await makeMembership(db, o.a.id, N.id, '2008-01-01');
    await makeMembership(db, o.b.id, N.id, '2012-05-01', '2017-12-31');
    await makeMembership(db, o.c.id, N.id, '2018-01-01');
    await makeMembership(db, o.c.id, N2.id, '2015-03-01');
    await makeMembership(db, o.d.id, N.id, '2017-12-31');
    await makeMembership(db, o.e.id, N2.id, '2019-06-01');
    await makeMembership(db, o.f.id, N.id, '2018-01-01');
  });

  it('lists every organisation, sorted by name, with its current networks', async () => {
    const p = await get('pageSize=100');
    expect(p.total).toBe(7);
    expect(names(p)).toEqual([
      'Arlon Logistics',
      'Charleroi Steel SA',
      'Liège Aéro Systems SA',
      'Mons Bio SRL',
      'Orphelin de Liège SRL',
      'Université de Namur — Lab',
      'Wavre Software',
    ]);
    const c = p.items.find((i) => i.id === o.c.id)!;
    expect(c.networks).toEqual([N.slug, N2.slug].sort());
    expect(p.items.find((i) => i.id === o.b.id)!.networks).toEqual([]); // left in 2017
    expect(p.items.find((i) => i.id === o.a.id)!.enterpriseNumber).toBe(formatEnterpriseNumber(en.a));
  });

  it('network: the members of the network today', async () => {
    expect(names(await get(`network=${N.slug}`))).toEqual([
      'Charleroi Steel SA',
      'Liège Aéro Systems SA',
      'Université de Namur — Lab',
      'Wavre Software',
    ]);
  });

  it('network + asOf: the members on 31/12/2017, inclusive of the last day of a membership', async () => {
    const p = await get(`network=${N.slug}&asOf=2017-12-31`);
    // b left on 2017-12-31 (its last day as a member), d joined that day; c and f joined the day after
    expect(names(p)).toEqual(['Charleroi Steel SA', 'Liège Aéro Systems SA', 'Mons Bio SRL']);
    expect(p.total).toBe(3);
    expect(p.items.find((i) => i.id === o.b.id)!.networks).toEqual([N.slug]);
    const next = await get(`network=${N.slug}&asOf=2018-01-01`);
    expect(names(next)).toEqual([
      'Charleroi Steel SA',
      'Liège Aéro Systems SA',
      'Université de Namur — Lab',
      'Wavre Software',
    ]);
    expect(names(await get(`network=${N.slug}&asOf=2007-12-31`))).toEqual([]);
  });

  it('asOf without network: members of any network on that day', async () => {
    expect(names(await get('asOf=2016-06-30'))).toEqual([
      'Liège Aéro Systems SA',
      'Mons Bio SRL',
      'Université de Namur — Lab',
    ]);
  });

  it('kind', async () => {
    expect(names(await get('kind=university'))).toEqual(['Université de Namur — Lab']);
    expect((await get('kind=enterprise')).total).toBe(6);
    expect((await get('kind=association')).total).toBe(0);
  });

  it('province (NIS code)', async () => {
    expect(names(await get('province=50000'))).toEqual(['Charleroi Steel SA', 'Mons Bio SRL']);
    expect(names(await get(`province=60000&network=${N.slug}`))).toEqual(['Liège Aéro Systems SA']);
  });

  it('nace: a section letter (either case) or a code prefix (with or without dot)', async () => {
    expect(names(await get('nace=C'))).toEqual(['Charleroi Steel SA', 'Mons Bio SRL']);
    expect(names(await get('nace=c'))).toEqual(['Charleroi Steel SA', 'Mons Bio SRL']);
    expect(names(await get('nace=J'))).toEqual(['Liège Aéro Systems SA', 'Wavre Software']);
    expect(names(await get('nace=62'))).toEqual(['Liège Aéro Systems SA', 'Wavre Software']);
    expect(names(await get('nace=62.01'))).toEqual(['Liège Aéro Systems SA']);
    expect(names(await get('nace=25.62'))).toEqual(['Charleroi Steel SA']); // its second code
    expect(names(await get('nace=721'))).toEqual(['Université de Namur — Lab']);
  });

  it('size', async () => {
    expect(names(await get('size=small'))).toEqual(['Liège Aéro Systems SA']);
    expect(names(await get('size=large'))).toEqual(['Charleroi Steel SA']);
    expect(names(await get('size=medium&kind=enterprise'))).toEqual(['Arlon Logistics']);
  });

  it('q: name search, case- and accent-insensitive', async () => {
    expect(names(await get('q=liege'))).toEqual(['Liège Aéro Systems SA', 'Orphelin de Liège SRL']);
    expect(names(await get('q=LIÈGE'))).toEqual(['Liège Aéro Systems SA', 'Orphelin de Liège SRL']);
    expect(names(await get(`q=${encodeURIComponent('aero sys')}`))).toEqual(['Liège Aéro Systems SA']);
    expect(names(await get('q=universite'))).toEqual(['Université de Namur — Lab']);
    expect((await get('q=100%25')).total).toBe(0); // a literal %, not a wildcard
  });

  it('q: enterprise-number search in the usual spellings', async () => {
    for (const spelling of [
      en.a,
      formatEnterpriseNumber(en.a),
      `BE${en.a}`,
      `BE ${formatEnterpriseNumber(en.a)}`,
    ]) {
      const p = await get(`q=${encodeURIComponent(spelling)}`);
      expect(names(p), spelling).toEqual(['Liège Aéro Systems SA']);
    }
    expect(names(await get(`q=${en.d.slice(0, 7)}`))).toEqual(['Charleroi Steel SA']);
    // every prefix from 4 digits finds it (prefixes ending in 9 need the carry of the range bound)
    for (let n = 4; n <= 10; n++) {
      const p = await get(`q=${en.d.slice(0, n)}`);
      expect(
        p.items.map((i) => i.name),
        en.d.slice(0, n),
      ).toContain('Charleroi Steel SA');
    }
    expect((await get('q=9999')).total).toBe(0);
  });

  it('combines filters', async () => {
    expect(names(await get(`network=${N.slug}&asOf=2017-12-31&nace=C&province=50000&size=micro`))).toEqual([
      'Mons Bio SRL',
    ]);
  });

  it('paginates with page, pageSize and total', async () => {
    const pages = await Promise.all([1, 2, 3, 4].map((page) => get(`pageSize=3&page=${page}`)));
    expect(pages.map((p) => p.total)).toEqual([7, 7, 7, 7]);
    expect(pages.map((p) => p.items.length)).toEqual([3, 3, 1, 0]);
    expect(pages.map((p) => [p.page, p.pageSize])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
      [4, 3],
    ]);
    const all = await get('pageSize=100');
    expect(pages.flatMap((p) => p.items.map((i) => i.id))).toEqual(all.items.map((i) => i.id));
    const defaults = await get('');
    expect([defaults.page, defaults.pageSize]).toEqual([1, 25]);
  });

  it('sorts by name, headcount (unknown last) and creation, both ways', async () => {
    const byName = names(await get('pageSize=100'));
    expect(names(await get('sort=-name&pageSize=100'))).toEqual([...byName].reverse());
    const heads = (await get('sort=headcount&pageSize=100')).items.map((i) => i.headcount);
    expect(heads).toEqual([5, 20, 120, 300, 900, null, null]);
    const headsDesc = (await get('sort=-headcount&pageSize=100')).items.map((i) => i.headcount);
    expect(headsDesc).toEqual([900, 300, 120, 20, 5, null, null]);
    const created = (await get('sort=createdAt&pageSize=100')).items.map((i) => i.id);
    expect(created).toEqual([o.a, o.b, o.c, o.d, o.e, o.f, o.g].map((x) => x.id));
    const createdDesc = (await get('sort=-createdAt&pageSize=100')).items.map((i) => i.id);
    expect(createdDesc).toEqual([...created].reverse());
  });

  it.each([
    ['pageSize=501', 'pageSize'],
    ['page=0', 'page'],
    ['kind=company', 'kind'],
    ['size=huge', 'size'],
    ['province=Liège', 'province'],
    ['nace=X1', 'nace'],
    ['asOf=31/12/2017', 'asOf'],
    ['sort=population', 'sort'],
  ])('refuses %s with 400 naming the parameter', async (query, path) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/organisations?${encodeURI(query)}` });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body).toMatchObject({ code: 'validation_failed', error: expect.any(String) });
    expect(body.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('refuses an unknown network with 400 naming it', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/organisations?network=nowhere' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: 'Unknown network "nowhere"',
      details: [{ path: 'network', message: 'no network has the slug "nowhere"' }],
    });
  });

  describe('GET /api/v1/organisations/export', () => {
    const HEADERS = ORGANISATION_COLUMNS.map((c) => c.header);

    it('exports the filtered list as CSV for Belgian Excel: rows match the list', async () => {
      const query = `network=${N.slug}&asOf=2017-12-31`;
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/organisations/export?format=csv&${query}`,
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="organisations-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      expect(res.body.startsWith('\uFEFF')).toBe(true);
      const records = parse(res.body, {
        delimiter: ';',
        bom: true,
        columns: true,
        record_delimiter: '\r\n',
      }) as Record<string, string>[];
      expect(Object.keys(records[0]!)).toEqual(HEADERS);
      const list = await get(`${query}&pageSize=100`);
      expect(records.map((r) => Number(r['Identifiant Polaris (info)']))).toEqual(
        list.items.map((i) => i.id),
      );
      expect(records.map((r) => r.Nom)).toEqual([
        'Charleroi Steel SA',
        'Liège Aéro Systems SA',
        'Mons Bio SRL',
      ]);
      const d = records[0]!;
      expect(d).toMatchObject({
        "Numéro d'entreprise": formatEnterpriseNumber(en.d),
        Type: 'enterprise',
        Taille: 'large',
        Effectif: '900',
        'Codes NACE': '24100, 25620',
        'Province (info)': 'Hainaut',
        'Réseaux (info)': N.slug,
      });
      expect(records[1]!['Localité (info)']).toBe(''); // no municipality list imported in this file
    });

    it('exports everything without filters, and the same filters as the list', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/organisations/export' });
      expect(res.statusCode).toBe(200);
      const rows = parse(res.body, { delimiter: ';', bom: true, from_line: 2 }) as string[][];
      expect(rows).toHaveLength(7);
      const q = await t.app.inject({
        method: 'GET',
        url: '/api/v1/organisations/export?format=csv&q=liege&sort=-name',
      });
      const qRows = parse(q.body, { delimiter: ';', bom: true, from_line: 2 }) as string[][];
      expect(qRows.map((r) => r[0])).toEqual(['Orphelin de Liège SRL', 'Liège Aéro Systems SA']);
    });

    it('exports XLSX that reads back with exceljs', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/organisations/export?format=xlsx&network=${N.slug}&asOf=2017-12-31`,
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(res.headers['content-disposition']).toMatch(/filename="organisations-\d{4}-\d{2}-\d{2}\.xlsx"/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const rows: unknown[][] = [];
      ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      expect(rows[0]).toEqual(HEADERS);
      expect(rows.slice(1).map((r) => r[0])).toEqual([
        'Charleroi Steel SA',
        'Liège Aéro Systems SA',
        'Mons Bio SRL',
      ]);
      expect(rows[1]![4]).toBe(900); // headcount stays a number
      expect(rows.slice(1).map((r) => r[12])).toEqual([o.d.id, o.a.id, o.b.id]);
    });

    it('refuses an unknown format', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/organisations/export?format=pdf' });
      expect(res.statusCode).toBe(400);
      expect(res.json().details[0].path).toBe('format');
    });
  });
});
