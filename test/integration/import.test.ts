import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { formatEnterpriseNumber } from '../../src/domain/enterprise-number.ts';
import { SYSTEM } from '../../src/modules/auth/actor.ts';
import { importOrganisations } from '../../src/modules/imports/imports.service.ts';
import { makeNetwork, makeOrganisation } from '../helpers/factories.ts';
import { fingerprint } from '../helpers/fingerprint.ts';
import { csv, nextEn, useImportFixture } from '../helpers/import-fixture.ts';

describe('importing organisations (API upload and service)', () => {
  const f = useImportFixture();
  const { t, service, upload, unchanged, orgsNamed, membershipsOf } = f;

  describe('good files', () => {
    it('a comma CSV in UTF-8: creates the organisations and their membership in the chosen network', async () => {
      const en = nextEn();
      const file = `\uFEFF${csv([
        [
          'Nom',
          "Numéro d'entreprise",
          'Type',
          'Effectif',
          "Chiffre d'affaires",
          'Code NACE',
          'Commune',
          "Date d'adhésion",
        ],
        ['Virgule Aéro SA', en, 'PME', '30', '12.000.000', '62.010, 72.190', 'Liège', '15/03/2016'],
        ['Université de la Virgule', '', 'Université', '2 500', '', '', 'Namur', ''],
      ])}`;
      const res = await upload(file, `network=${f.N.slug}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        ok: true,
        written: true,
        encoding: 'utf-8',
        delimiter: ',',
        rows: 2,
        created: 2,
        matched: 0,
        membershipsAdded: 2,
        errors: [],
      });
      const [aero] = await orgsNamed('virgule aero');
      expect(aero).toMatchObject({
        kind: 'enterprise',
        enterpriseNumber: en,
        headcount: 30,
        turnoverEur: 12_000_000,
        sizeClass: 'medium', // 30 persons but 12 M€ turnover and no balance sheet: not small
        naceCodes: ['62010', '72190'],
        naceSections: ['J', 'M'],
        municipalityNis: '62063',
        provinceNis: '60000',
      });
      expect(await membershipsOf(aero!.id)).toEqual([
        { networkId: f.N.id, joinedOn: '2016-03-15', leftOn: null },
      ]);
      const [uni] = await orgsNamed('universite de la virgule');
      expect(uni).toMatchObject({
        kind: 'university',
        headcount: 2500,
        sizeClass: null,
        municipalityNis: '92094',
      });
      // no join date: a member from today
      const today = new Date().toISOString().slice(0, 10);
      expect(await membershipsOf(uni!.id)).toEqual([{ networkId: f.N.id, joinedOn: today, leftOn: null }]);
      // and they are in the list of the network's members
      const list = (
        await t.app.inject({ url: `/api/v1/organisations?network=${f.N.slug}&q=virgule` })
      ).json();
      expect(list.total).toBe(2);
    });

    it('an XLSX file built in Excel, with typed cells', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Membres 2024');
      ws.addRow(['Dénomination', 'N° BCE', 'Catégorie', 'Effectifs', 'Code NACE', 'Date d’adhésion']);
      const en = nextEn();
      ws.addRow([
        'Tableur Industries SA',
        formatEnterpriseNumber(en),
        'Entreprise',
        120,
        '25.620',
        new Date(Date.UTC(2019, 8, 1)),
      ]);
      ws.addRow(['Haute École du Tableur', null, 'Haute école', 80, null, '01/02/2020']);
      const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
      const report = await service(bytes, { network: f.N2.slug });
      expect(report).toMatchObject({ ok: true, format: 'xlsx', created: 2, membershipsAdded: 2 });
      const [firm] = await orgsNamed('tableur industries');
      expect(firm).toMatchObject({
        enterpriseNumber: en,
        headcount: 120,
        sizeClass: 'medium',
        naceCodes: ['25620'],
      });
      expect(await membershipsOf(firm!.id)).toEqual([
        { networkId: f.N2.id, joinedOn: '2019-09-01', leftOn: null },
      ]);
      const [school] = await orgsNamed('haute ecole du tableur');
      expect(school?.kind).toBe('university_college');
      expect(await membershipsOf(school!.id)).toEqual([
        { networkId: f.N2.id, joinedOn: '2020-02-01', leftOn: null },
      ]);
    });

    it('English headers', async () => {
      const en = nextEn();
      const report = await service(
        csv([
          [
            'Name',
            'VAT number',
            'Kind',
            'Employees',
            'Turnover',
            'Balance sheet total',
            'Postal code',
            'Website',
            'Network',
            'Member since',
          ],
          [
            'English Headers Ltd',
            `BE${en}`,
            'company',
            '45',
            '12000000',
            '9000000',
            '1348',
            'english.example',
            f.N2.name,
            '2021-06-30',
          ],
        ]),
      );
      expect(report).toMatchObject({ ok: true, created: 1, membershipsAdded: 1 });
      const [o] = await orgsNamed('english headers');
      expect(o).toMatchObject({
        enterpriseNumber: en,
        sizeClass: 'small',
        postcode: '1348',
        website: 'https://english.example',
      });
      expect(await membershipsOf(o!.id)).toEqual([
        { networkId: f.N2.id, joinedOn: '2021-06-30', leftOn: null },
      ]);
    });

    it('a Windows-1252 semicolon CSV with accents and typographic apostrophes', async () => {
      const latin1 = (x: string) => Buffer.from(x, 'latin1');
      // ’ is 0x92 and Œ is 0x8C in Windows-1252 (both absent from Latin-1)
      const file = Buffer.concat([
        latin1('Nom;Commune;Description\r\nÉtablissements Léonard & Fils SA;Liège;L'),
        Buffer.from([0x92, 0x8c]),
        latin1('uvre des Chaudières\r\n'),
      ]);
      const report = await service(file);
      expect(report).toMatchObject({ ok: true, encoding: 'windows-1252', delimiter: ';', created: 1 });
      const [o] = await orgsNamed('etablissements leonard et fils');
      expect(o).toMatchObject({
        name: 'Établissements Léonard & Fils SA',
        municipalityNis: '62063',
        description: 'L’Œuvre des Chaudières',
      });
    });

    it('keepValid: writes the valid rows (200) and reports the others', async () => {
      const file = csv([
        ['Nom', 'BCE'],
        ['Gardée Une SA', nextEn()],
        ['Rejetée SA', '0123456748'],
        ['Gardée Deux SA', ''],
      ]);
      const before = await fingerprint(t.handle.db);
      const res = await upload(file, `network=${f.N.slug}&keepValid=true`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        ok: false,
        written: true,
        rows: 3,
        valid: 2,
        created: 2,
        membershipsAdded: 2,
      });
      expect(res.json().errors).toEqual([
        expect.objectContaining({ row: 3, column: 'BCE', value: '0123456748' }),
      ]);
      const after = await fingerprint(t.handle.db);
      expect(after.organisations.n).toBe(before.organisations.n + 2);
      expect(after.memberships.n).toBe(before.memberships.n + 2);
      expect(await orgsNamed('rejetee')).toEqual([]);
      expect(await orgsNamed('gardee une')).toHaveLength(1);
    });

    it('refuses to write when organisations were added while the file was being checked', async () => {
      const file = csv([
        ['Nom', 'BCE'],
        ['Course Contre La Montre SA', ''],
      ]);
      const before = await fingerprint(t.handle.db);
      let added = false;
      const run = importOrganisations({ db: t.handle.db, actor: SYSTEM }, Buffer.from(file), {
        onProgress: async (phase) => {
          // another user creates the same organisation between the check and the write
          if (phase === 'validate' && !added) {
            added = true;
            await makeOrganisation(t.handle.db, { name: 'Course contre la montre', enterpriseNumber: null });
          }
        },
      });
      await expect(run).rejects.toThrow(/added or removed while the file was being checked/);
      const after = await fingerprint(t.handle.db);
      expect(after.organisations.n).toBe(before.organisations.n + 1); // only the concurrent one
      expect(after.memberships).toEqual(before.memberships);
    });

    it('keepValid with no valid row: 422, nothing written, no audit entry', async () => {
      const file = csv([
        ['Nom', 'BCE'],
        ['Rejetée Une SA', '0123456748'],
        ['Rejetée Deux SA', '0123456747'],
      ]);
      const before = await fingerprint(t.handle.db);
      const audits = await t.handle.db.selectFrom('auditLog').select('id').execute();
      const res = await upload(file, `network=${f.N.slug}&keepValid=true`);
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ ok: false, written: false, rows: 2, valid: 0 });
      expect(res.json().errors).toHaveLength(2);
      expect(await fingerprint(t.handle.db)).toEqual(before);
      expect(await t.handle.db.selectFrom('auditLog').select('id').execute()).toHaveLength(audits.length);
    });

    it('dryRun: reports what would happen and writes nothing', async () => {
      const existing = await makeOrganisation(t.handle.db, { name: 'Existe Déjà Pour Essai' });
      const file = csv([
        ['Nom', 'BCE'],
        ['Existe Déjà Pour Essai', ''],
        ['Serait Créée SA', nextEn()],
      ]);
      const res = await unchanged(() => upload(file, `network=${f.N.slug}&dryRun=true`));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        ok: true,
        written: false,
        dryRun: true,
        created: 1,
        matched: 1,
        errors: [],
      });
      expect(existing.id).toBeGreaterThan(0);
      // a dry run of a bad file reports the problems, still without writing
      const bad = await unchanged(() =>
        upload(
          csv([
            ['Nom', 'BCE'],
            ['X', '0123456748'],
          ]),
          'dryRun=1',
        ),
      );
      expect(bad.statusCode).toBe(422);
      expect(bad.json()).toMatchObject({ ok: false, dryRun: true, written: false });
    });

    it('records the import in the audit log', async () => {
      await service(csv([['Nom'], ['Auditée SA']]), { network: f.N.slug });
      const r = await sql<{ details: { created: number; network: string } }>`
        SELECT details FROM audit_log WHERE action = 'import' AND entity = 'organisations' ORDER BY id DESC LIMIT 1`.execute(
        t.handle.db,
      );
      expect(r.rows[0]?.details).toMatchObject({ created: 1, network: f.N.slug });
    });

    it('an export of a network imports back unchanged: every row matched, nothing created', async () => {
      // a network of its own, with members carrying NACE codes, money, municipalities and dates
      const R = await makeNetwork(t.handle.db, { name: 'Réseau Aller-Retour' });
      const seeded = await service(
        csv([
          [
            'Nom',
            'BCE',
            'Type',
            'Effectif',
            "Chiffre d'affaires",
            'Codes NACE',
            'Code NIS',
            "Date d'adhésion",
          ],
          ['Aller Un SA', nextEn(), 'entreprise', 12, '1.250.000,50', '62.010', '62063', '01/02/2015'],
          ['Aller Deux SRL', nextEn(), 'entreprise', 40, '8000000', '25.620; 28.990', '92094', '2016-03-04'],
          ['Université Retour', '', 'université', 900, '', '72.190', '25005', '2010'],
          ['Centre Retour', nextEn(), 'centre de recherche', 60, '', '', '', '15/06/2019'],
          ['Haute École Retour', '', 'haute école', 300, '', '', '62063', ''],
          ['Aller Six ASBL', nextEn(), 'asbl', 3, '', '', '', '31/12/2020'],
        ]),
        { network: R.slug },
      );
      expect(seeded).toMatchObject({ ok: true, created: 6, membershipsAdded: 6 });
      const exported = await t.app.inject({
        url: `/api/v1/organisations/export?format=csv&network=${R.slug}`,
      });
      expect(exported.statusCode).toBe(200);
      const members = (
        await t.app.inject({ url: `/api/v1/organisations?network=${R.slug}&pageSize=500` })
      ).json();
      expect(members.total).toBe(6);
      const before = await fingerprint(t.handle.db);
      const report = await service(exported.rawPayload, { network: R.slug });
      expect(report.errors).toEqual([]);
      expect(report).toMatchObject({
        ok: true,
        rows: members.total,
        created: 0,
        matched: members.total,
        membershipsAdded: 0,
      });
      const after = await fingerprint(t.handle.db);
      expect(after.organisations.n).toBe(before.organisations.n);
      expect(after.memberships).toEqual(before.memberships);
      const xlsx = await t.app.inject({
        url: `/api/v1/organisations/export?format=xlsx&network=${R.slug}`,
      });
      expect(await service(xlsx.rawPayload, { network: R.slug, dryRun: true })).toMatchObject({
        ok: true,
        created: 0,
        matched: members.total,
      });
    });
  });
});
