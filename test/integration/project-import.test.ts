import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeEnterpriseNumber } from '../../src/domain/enterprise-number.ts';
import { SYSTEM } from '../../src/modules/auth/actor.ts';
import { importProjects } from '../../src/modules/projects/project-import.service.ts';
import { useTestApp } from '../helpers/app.ts';
import { makeNetwork, makeOrganisation, makeUser } from '../helpers/factories.ts';
import { multipartFile, XLSX_TYPE } from '../helpers/multipart.ts';

/** Historical projects from the spreadsheets pole teams keep: all-or-nothing, with a precise report. */
describe('import of historical projects', () => {
  const t = useTestApp();
  let slug: string;
  const en = makeEnterpriseNumber(3_141_592);

  beforeAll(async () => {
    const net = await makeNetwork(t.handle.db, { name: 'Pôle Test' });
    slug = net.slug;
    await makeOrganisation(t.handle.db, { name: 'Aérotech SA', enterpriseNumber: en });
    await makeOrganisation(t.handle.db, { name: 'Petite PME SRL' });
    await makeOrganisation(t.handle.db, {
      name: 'Université de Test',
      kind: 'university',
      enterpriseNumber: null,
    });
    await makeOrganisation(t.handle.db, { name: 'Homonyme SA' });
    await makeOrganisation(t.handle.db, { name: 'Homonyme S.A.' });
  });

  const header =
    'Acronyme;Titre;Type;Statut;Réseaux;Début;Fin;Partenaire;Numéro d’entreprise;Rôle;Budget;Financement accordé;Emplois promis;Emplois créés';
  const good = () =>
    [
      header,
      `WINGS;Ailes composites;R&D;clôturé;${slug};01/03/2012;28/02/2015;;${en.slice(0, 4)}.${en.slice(4, 7)}.${en.slice(7)};coordinateur;1.200.000;600.000;20;6`,
      `WINGS;Ailes composites;R&D;clôturé;${slug};01/03/2012;28/02/2015;Petite PME SRL;;partenaire;400.000;280.000;;`,
      `WINGS;Ailes composites;R&D;clôturé;${slug};01/03/2012;28/02/2015;Université de Test;;partenaire;300.000;300.000;;`,
      `TRAIN;Formation aux composites;formation;en cours;${slug};15/09/2024;;Petite PME SRL;;coordinateur;50.000;35.000;;`,
    ].join('\r\n');

  it('imports projects with their consortia, funding and outcomes', async () => {
    const r = await importProjects({ db: t.handle.db, actor: SYSTEM }, Buffer.from(good(), 'utf8'));
    expect(r, JSON.stringify(r.errors)).toMatchObject({
      ok: true,
      written: true,
      projects: 2,
      created: 2,
      partners: 4,
    });
    const wings = await t.handle.db
      .selectFrom('projects')
      .selectAll()
      .where('acronym', '=', 'WINGS')
      .executeTakeFirstOrThrow();
    expect(wings).toMatchObject({
      source: 'import',
      status: 'closed',
      startDate: '2012-03-01',
      endDate: '2015-02-28',
      labelledOn: '2012-03-01',
      publicFundingEur: 1_180_000,
      totalBudgetEur: 1_900_000,
      promisedJobs: 20,
      actualJobs: 6,
    });
    const res = await t.app.inject({ url: '/api/v1/projects?source=import&sort=acronym' });
    expect(res.json().items.map((p: { acronym: string }) => p.acronym)).toEqual(['TRAIN', 'WINGS']);
    const w = res.json().items[1];
    expect(w.partners.map((p: { name: string; role: string }) => `${p.name}:${p.role}`)).toEqual([
      'Aérotech SA:coordinator',
      'Petite PME SRL:partner',
      'Université de Test:partner',
    ]);
  });

  it('imports the same file again without doubling anything', async () => {
    const r = await importProjects({ db: t.handle.db, actor: SYSTEM }, Buffer.from(good(), 'utf8'));
    expect(r).toMatchObject({ ok: true, created: 0, updated: 2 });
    const n = await sql<{ p: number; pp: number }>`
      SELECT (SELECT count(*)::int FROM projects) AS p, (SELECT count(*)::int FROM project_partners) AS pp`.execute(
      t.handle.db,
    );
    expect(n.rows[0]).toEqual({ p: 2, pp: 4 });
  });

  it('rejects a bad file with row, column, value and reason, and writes nothing', async () => {
    const before = await sql<{
      md5: string;
    }>`SELECT md5(string_agg(p::text, '|' ORDER BY p.id)) AS md5 FROM projects p`.execute(t.handle.db);
    const bad = [
      header,
      `NEW;Nouveau;R&D;clôturé;${slug};31/02/2020;;Inconnue SA;;coordinateur;100;50;;`,
      `NEW;Autre titre;R&D;clôturé;${slug};31/02/2020;;Petite PME SRL;;coordinateur;100;50;;`,
      `NEW2;Nouveau 2;espace;bientôt;nulle-part;01/01/2020;;Homonyme SA;;chef;-5;abc;;`,
      `NEW3;Nouveau 3;R&D;clôturé;${slug};01/01/2020;;Petite PME SRL;;coordinateur;100;50;;`,
      `NEW3;Nouveau 3;R&D;clôturé;${slug};01/01/2020;;Petite PME SRL;;partenaire;100;50;;`,
    ].join('\n');
    const r = await importProjects({ db: t.handle.db, actor: SYSTEM }, Buffer.from(bad, 'utf8'));
    expect(r.ok).toBe(false);
    expect(r.written).toBe(false);
    const at = (row: number, column: string) =>
      r.errors.filter((e) => e.row === row && e.column === column).map((e) => e.message);
    expect(at(2, 'Début')[0]).toBeDefined(); // 31/02 does not exist
    expect(at(3, 'Titre')[0]).toMatch(/has "Nouveau" here on row 2/);
    expect(at(4, 'Type')[0]).toMatch(/R&D, formation/);
    expect(at(4, 'Statut')[0]).toMatch(/labellisé/);
    expect(at(4, 'Rôle')[0]).toMatch(/coordinateur/);
    expect(at(4, 'Budget')[0]).toMatch(/≥ 0/);
    expect(at(4, 'Financement accordé')[0]).toMatch(/amount/);
    const after = await sql<{
      md5: string;
    }>`SELECT md5(string_agg(p::text, '|' ORDER BY p.id)) AS md5 FROM projects p`.execute(t.handle.db);
    expect(after.rows[0]).toEqual(before.rows[0]);
    // second pass: the file parses, but partners and networks do not match the registry
    const unmatched = [
      header,
      `NEW;Nouveau;R&D;clôturé;${slug};01/02/2020;;Inconnue SA;;coordinateur;100;50;;`,
      `NEW;Nouveau;R&D;clôturé;${slug};01/02/2020;;Homonyme SA;;partenaire;100;50;;`,
      `NEW;Nouveau;R&D;clôturé;${slug};01/02/2020;;;0123.456.749;partenaire;100;50;;`,
      `NEW2;Nouveau 2;R&D;clôturé;nulle-part;01/01/2020;;Petite PME SRL;;coordinateur;100;50;;`,
      `NEW3;Nouveau 3;R&D;clôturé;${slug};01/01/2020;;Petite PME SRL;;coordinateur;100;50;;`,
      `NEW3;Nouveau 3;R&D;clôturé;${slug};01/01/2020;;Petite PME SRL;;partenaire;100;50;;`,
    ].join('\n');
    const r2 = await importProjects({ db: t.handle.db, actor: SYSTEM }, Buffer.from(unmatched, 'utf8'));
    const msgs = r2.errors.map((e) => `${e.row}:${e.message}`);
    expect(msgs).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^2:no organisation of the registry has this name/),
        expect.stringMatching(/^3:2 organisations have this name/),
        expect.stringMatching(/^4:no organisation of the registry has this enterprise number/),
        expect.stringMatching(/^5:no network is called "nulle-part"/),
        expect.stringMatching(/^7:this organisation is already a partner of NEW3/),
      ]),
    );
    const after2 = await sql<{
      md5: string;
    }>`SELECT md5(string_agg(p::text, '|' ORDER BY p.id)) AS md5 FROM projects p`.execute(t.handle.db);
    expect(after2.rows[0]).toEqual(before.rows[0]);
  });

  it('reads XLSX and a missing required column, through the API for managers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Projets');
    ws.addRow(['Acronym', 'Title', 'Networks', 'Start date', 'Partner', 'Role', 'Funding granted']);
    ws.addRow(['XL', 'Projet Excel', slug, '2021-05-01', 'Petite PME SRL', 'coordinator', 125000.5]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const manager = await makeUser(t.handle.db, { manages: [slug] });
    const cookie = await t.login(manager.email, manager.password);
    const mp = multipartFile(xlsx, { filename: 'projets.xlsx', contentType: XLSX_TYPE });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/projects',
      payload: mp.payload,
      headers: { ...mp.headers, cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, format: 'xlsx', created: 1 });
    const missing = multipartFile(Buffer.from('Acronyme;Partenaire\nX;Y\n'), { filename: 'p.csv' });
    const res2 = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/projects',
      payload: missing.payload,
      headers: { ...missing.headers, cookie },
    });
    expect(res2.statusCode).toBe(422);
    expect(res2.json().errors[0]).toMatchObject({ column: 'titre' });
    const anon = await t.app.inject({ method: 'POST', url: '/api/v1/imports/projects', ...missing });
    expect(anon.statusCode).toBe(401);
  });
});
