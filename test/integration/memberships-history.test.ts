import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { makeMembership, makeNetwork, makeOrganisation, makeUser } from '../helpers/factories.ts';

describe('GET /api/v1/memberships (history list) and reference imports through the API', () => {
  const t = useTestApp();

  it('lists periods by network, date, join and departure year, and exports them', async () => {
    const n = await makeNetwork(t.handle.db);
    const other = await makeNetwork(t.handle.db);
    const a = await makeOrganisation(t.handle.db, { name: 'Alpha Aéro' });
    const b = await makeOrganisation(t.handle.db, { name: 'Beta Bio' });
    await makeMembership(t.handle.db, a.id, n.id, '2009-02-01', '2014-06-30');
    await makeMembership(t.handle.db, a.id, n.id, '2016-01-01');
    await makeMembership(t.handle.db, b.id, n.id, '2014-03-01');
    await makeMembership(t.handle.db, b.id, other.id, '2012-03-01');

    const all = (await t.app.inject({ url: `/api/v1/memberships?network=${n.slug}` })).json();
    expect(all.total).toBe(3);
    expect(all.items.map((m: { joinedOn: string }) => m.joinedOn)).toEqual([
      '2016-01-01',
      '2014-03-01',
      '2009-02-01',
    ]);

    const on2015 = (
      await t.app.inject({ url: `/api/v1/memberships?network=${n.slug}&asOf=2015-01-01` })
    ).json();
    expect(on2015.items.map((m: { organisationName: string }) => m.organisationName)).toEqual(['Beta Bio']);

    const left2014 = (
      await t.app.inject({ url: `/api/v1/memberships?network=${n.slug}&leftYear=2014` })
    ).json();
    expect(left2014.total).toBe(1);
    expect(left2014.items[0]).toMatchObject({ organisationName: 'Alpha Aéro', leftOn: '2014-06-30' });

    const csv = await t.app.inject({ url: `/api/v1/memberships?network=${n.slug}&format=csv` });
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe("\uFEFFNom;Numéro d'entreprise;Type;Réseau;Date d'adhésion;Date de sortie");

    const xlsx = await t.app.inject({ url: `/api/v1/memberships?network=${n.slug}&format=xlsx` });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(4);

    const past = (
      await t.app.inject({ url: `/api/v1/memberships?network=${n.slug}&page=5&pageSize=2` })
    ).json();
    expect(past).toMatchObject({ items: [], total: 3, page: 5 });

    const bad = await t.app.inject({ url: '/api/v1/memberships?network=nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].path).toBe('network');
  });

  it('lets an admin, and only an admin, import a reference list over HTTP; a bad file changes nothing', async () => {
    const admin = await makeUser(t.handle.db, { admin: true });
    const cookie = await t.login(admin.email, admin.password);
    const body = (content: string) => {
      const boundary = '----polaris';
      return {
        payload: Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="nace.csv"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`,
        ),
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      };
    };
    const good =
      'code,parent,label_fr,label_nl\nC,,Industrie manufacturière,Industrie\n62,J,Programmation,Programmeren\n62010,6201,Programmation informatique,Ontwerpen van software\n';
    const anon = await t.app.inject({ method: 'POST', url: '/api/v1/imports/reference/nace', ...body(good) });
    expect(anon.statusCode).toBe(401);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/reference/nace',
      ...body(good),
      headers: { ...body(good).headers, cookie },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ ok: true, imported: 3 });

    const broken = `${good}6X01,62,Pas un code,Geen code\n`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/reference/nace',
      ...body(broken),
      headers: { ...body(broken).headers, cookie },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0]).toMatchObject({ row: 5, value: '6X01' });
    const codes = (await t.app.inject({ url: '/api/v1/reference/nace?limit=100' }))
      .json()
      .items.map((c: { code: string }) => c.code);
    expect(codes).toEqual(['62', '62010', 'C']);
  });
});
