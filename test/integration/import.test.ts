import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatEnterpriseNumber, makeEnterpriseNumber } from '../../src/domain/enterprise-number.ts';
import { SYSTEM } from '../../src/modules/auth/actor.ts';
import { type ImportOptions, importOrganisations } from '../../src/modules/imports/imports.service.ts';
import { buildApp } from '../../src/server/app.ts';
import { useTestApp } from '../helpers/app.ts';
import { DIALECT } from '../helpers/db.ts';
import { makeMembership, makeNetwork, makeOrganisation, makeUser } from '../helpers/factories.ts';
import { fingerprint } from '../helpers/fingerprint.ts';
import { multipartFile, XLSX_TYPE } from '../helpers/multipart.ts';
import { importReferenceLists } from '../helpers/reference.ts';

/** Cells joined with the delimiter, quoted when needed (RFC 4180). */
function csv(rows: (string | number)[][], delimiter = ','): string {
  const cell = (v: string | number) => {
    const s = String(v);
    return s.includes(delimiter) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${rows.map((r) => r.map(cell).join(delimiter)).join('\r\n')}\r\n`;
}

let enSeq = 12_000_000;
const nextEn = () => makeEnterpriseNumber(++enSeq);

describe('importing organisations (API upload and service)', () => {
  const t = useTestApp();
  let admin: string;
  let N: { id: number; slug: string; name: string };
  let N2: { id: number; slug: string; name: string };

  const service = (bytes: Uint8Array | string, opts: ImportOptions = {}) =>
    importOrganisations(
      { db: t.handle.db, actor: SYSTEM },
      typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes,
      opts,
    );
  const upload = (
    bytes: Uint8Array | string,
    query = '',
    opts: { filename?: string; contentType?: string } = {},
  ) => {
    const { payload, headers } = multipartFile(
      typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes,
      opts,
    );
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/imports/organisations${query ? `?${query}` : ''}`,
      payload,
      headers: { ...headers, cookie: admin },
    });
  };
  /** Run `fn` and check the organisations and memberships are exactly as before. */
  const unchanged = async <T>(fn: () => Promise<T>): Promise<T> => {
    const before = await fingerprint(t.handle.db);
    const out = await fn();
    expect(await fingerprint(t.handle.db)).toEqual(before);
    return out;
  };
  const orgsNamed = (nameKey: string) =>
    t.handle.db
      .selectFrom('organisations')
      .selectAll()
      .where('nameKey', '=', nameKey)
      .orderBy('id')
      .execute();
  const membershipsOf = (organisationId: number) =>
    t.handle.db
      .selectFrom('memberships')
      .select(['networkId', 'joinedOn', 'leftOn'])
      .where('organisationId', '=', organisationId)
      .orderBy('joinedOn')
      .execute();

  beforeAll(async () => {
    await importReferenceLists(t.handle.db);
    N = await makeNetwork(t.handle.db, { name: 'Pôle Essai' });
    N2 = await makeNetwork(t.handle.db, { kind: 'cluster', name: 'Cluster Démo' });
    const u = await makeUser(t.handle.db, { admin: true });
    admin = await t.login(u.email, u.password);
    // something to keep intact
    const o = await makeOrganisation(t.handle.db, { name: 'Déjà Là SA' });
    await makeMembership(t.handle.db, o.id, N.id, '2012-01-01');
  });

  describe('bad input: a clear report (row, column, value, reason) and nothing written', () => {
    it('a wrong check digit (API upload, comma CSV in UTF-8)', async () => {
      const file = csv([
        ['Nom', "Numéro d'entreprise", 'Effectif'],
        ['Bonne Ligne SA', nextEn(), '12'],
        ['Mauvais Chiffre SA', '0123.456.748', '3'],
      ]);
      const res = await unchanged(() => upload(file, `network=${N.slug}`));
      expect(res.statusCode).toBe(422);
      const report = res.json();
      expect(report).toMatchObject({
        fileName: 'membres.csv',
        ok: false,
        written: false,
        rows: 2,
        valid: 1,
        format: 'csv',
      });
      expect(report.errors).toEqual([
        {
          path: `row 3 / column "Numéro d'entreprise"`,
          row: 3,
          column: "Numéro d'entreprise",
          value: '0123.456.748',
          message: '"0123.456.748" fails the mod-97 check: the last two digits should be 49, not 48',
        },
      ]);
    });

    it('an unknown NACE code (checked against the imported NACE-BEL 2008 list)', async () => {
      const file = csv([
        ['Nom', 'Code NACE'],
        ['Code Existant SA', '62.010'],
        ['Code Inventé SA', '62.010; 99.999'],
      ]);
      const report = await unchanged(() => service(file));
      expect(report.ok).toBe(false);
      expect(report.errors).toEqual([
        {
          path: 'row 3 / column "Code NACE"',
          row: 3,
          column: 'Code NACE',
          value: '99.999',
          message: '"99.999" is not a NACE-BEL 2008 code',
        },
      ]);
    });

    it('a missing required column', async () => {
      const file = csv([
        ['BCE', 'Effectif'],
        [nextEn(), '4'],
      ]);
      const res = await unchanged(() => upload(file));
      expect(res.statusCode).toBe(422);
      expect(res.json().errors).toEqual([
        {
          path: 'row 1',
          row: 1,
          message: 'the required column "nom" (name) is missing; the header row has: "BCE", "Effectif"',
        },
      ]);
    });

    it('duplicate rows within the file (same enterprise number, or same name without one)', async () => {
      const en = nextEn();
      const file = csv([
        ['Nom', 'BCE'],
        ['Doublon Interne SA', formatEnterpriseNumber(en)],
        ['Autre Ligne', ''],
        ['Doublon Interne (bis)', `BE${en}`],
        ['Sans Numéro SRL', ''],
        ['SANS NUMERO', ''],
      ]);
      const report = await unchanged(() => service(file));
      expect(report.errors).toEqual([
        {
          path: 'row 4 / column "BCE"',
          row: 4,
          column: 'BCE',
          value: formatEnterpriseNumber(en),
          message: 'duplicate row: the same enterprise number is on row 2',
        },
        {
          path: 'row 6 / column "Nom"',
          row: 6,
          column: 'Nom',
          value: 'SANS NUMERO',
          message: 'duplicate row: the same name is on row 5 and neither has an enterprise number',
        },
      ]);
    });

    it('a Windows-1252 (Latin-1) file: values are quoted as written, accents intact', async () => {
      const file = Buffer.from(
        csv(
          [
            ['Nom', 'Commune', 'Effectif'],
            ['Société Liégeoise SA', 'Liège', '12'],
            ['Entreprise Fantôme', 'Neverland-sur-Meuse', 'douze'],
          ],
          ';',
        ),
        'latin1',
      );
      const report = await unchanged(() => service(file));
      expect(report).toMatchObject({ encoding: 'windows-1252', delimiter: ';', ok: false });
      expect(report.errors).toEqual([
        {
          path: 'row 3 / column "Effectif"',
          row: 3,
          column: 'Effectif',
          value: 'douze',
          message: '"douze" is not a number',
        },
        {
          path: 'row 3 / column "Commune"',
          row: 3,
          column: 'Commune',
          value: 'Neverland-sur-Meuse',
          message: 'no Belgian municipality is called "Neverland-sur-Meuse"',
        },
      ]);
    });

    it('a semicolon CSV with a bad date and a membership that ends before it starts', async () => {
      const file = csv(
        [
          ['Nom', "Date d'adhésion", 'Date de sortie'],
          ['Date Impossible SA', '29/02/2019', ''],
          ['À Rebours SA', '31/12/2017', '01/01/2017'],
        ],
        ';',
      );
      const res = await unchanged(() => upload(file, `network=${N.slug}`));
      expect(res.statusCode).toBe(422);
      const report = res.json();
      expect(report.delimiter).toBe(';');
      expect(report.errors).toEqual([
        {
          path: `row 2 / column "Date d'adhésion"`,
          row: 2,
          column: "Date d'adhésion",
          value: '29/02/2019',
          message: '"29/02/2019" is not a valid calendar date',
        },
        {
          path: 'row 3 / column "Date de sortie"',
          row: 3,
          column: 'Date de sortie',
          value: '2017-01-01',
          message: 'the membership ends before it starts',
        },
      ]);
    });

    it('an unknown network, in the query or in a column', async () => {
      const noSuch = await unchanged(() => upload(csv([['Nom'], ['X']]), 'network=no-such-network'));
      expect(noSuch.statusCode).toBe(422);
      expect(noSuch.json().errors).toEqual([
        {
          path: 'network',
          message: expect.stringMatching(/^no network has the slug "no-such-network"; known: /),
        },
      ]);
      const report = await unchanged(() =>
        service(
          csv([
            ['Nom', 'Pôle'],
            ['Réseau Connu SA', N.name],
            ['Réseau Inconnu SA', 'Pôle Imaginaire'],
          ]),
        ),
      );
      expect(report.errors).toEqual([
        {
          path: 'row 3 / column "Pôle"',
          row: 3,
          column: 'Pôle',
          value: 'Pôle Imaginaire',
          message: 'no network is called "Pôle Imaginaire"',
        },
      ]);
    });

    it('an empty file, and a file with a header row only', async () => {
      const empty = await unchanged(() => upload(new Uint8Array(0)));
      expect(empty.statusCode).toBe(422);
      expect(empty.json()).toMatchObject({
        ok: false,
        written: false,
        rows: 0,
        errors: [{ path: 'file', message: 'The file is empty: the file has 0 bytes' }],
      });
      const headerOnly = await unchanged(() => service('Nom;BCE\r\n'));
      expect(headerOnly.errors).toEqual([
        { path: 'file', message: 'the file has a header row but no data rows' },
      ]);
    });

    it('an XLSX file with a bad row: the row number is the one Excel shows', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Membres');
      ws.addRow(['Dénomination', 'Catégorie', 'N° TVA']);
      ws.addRow(['Labo Correct', 'Centre de recherche', '']);
      ws.addRow([]);
      ws.addRow(['Catégorie Inconnue', 'Vaisseau spatial', '']);
      const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
      const res = await unchanged(() =>
        upload(bytes, '', { filename: 'membres.xlsx', contentType: XLSX_TYPE }),
      );
      expect(res.statusCode).toBe(422);
      expect(res.json().format).toBe('xlsx');
      expect(res.json().errors).toEqual([
        {
          path: 'row 4 / column "Catégorie"',
          row: 4,
          column: 'Catégorie',
          value: 'Vaisseau spatial',
          message: expect.stringMatching(/^unknown kind "Vaisseau spatial"; expected one of enterprise, /),
        },
      ]);
    });

    it('a request without a file', async () => {
      const boundary = 'polaris-empty';
      const res = await unchanged(() =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/imports/organisations',
          payload: `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`,
          headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: admin },
        }),
      );
      expect(res.statusCode).toBe(400);
      expect(res.json().details).toEqual([
        { path: 'file', message: 'send the spreadsheet as multipart field "file"' },
      ]);
    });

    it('a file larger than the upload limit: 413, nothing written', async () => {
      const small = await buildApp({ handle: t.handle, uploadLimit: 1000 });
      try {
        const { payload, headers } = multipartFile(Buffer.from(`Nom\n${'Trop Grand SA\n'.repeat(200)}`));
        const res = await unchanged(() =>
          small.inject({
            method: 'POST',
            url: '/api/v1/imports/organisations',
            payload,
            headers: { ...headers, cookie: admin },
          }),
        );
        expect(res.statusCode).toBe(413);
        expect(res.json()).toMatchObject({
          code: 'FST_REQ_FILE_TOO_LARGE',
          error: expect.stringMatching(/too large/i),
        });
      } finally {
        await small.close();
      }
    });

    it('rows naming a network the manager does not run', async () => {
      const m = await makeUser(t.handle.db, { manages: [N.slug] });
      const cookie = await t.login(m.email, m.password);
      const { payload, headers } = multipartFile(
        Buffer.from(
          csv([
            ['Nom', 'Réseau'],
            ['Dans Mon Réseau SA', N.slug],
            ['Chez Les Autres SA', N2.slug],
          ]),
        ),
      );
      const res = await unchanged(() =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/imports/organisations',
          payload,
          headers: { ...headers, cookie },
        }),
      );
      expect(res.statusCode).toBe(422);
      expect(res.json().errors).toEqual([
        {
          path: 'row 3 / column "Réseau"',
          row: 3,
          column: 'Réseau',
          value: N2.slug,
          message: `you do not manage the network "${N2.slug}"`,
        },
      ]);
    });

    it('a 20 MB file of ~150,000 rows with one bad row at the end is rejected whole', async () => {
      const ROWS = 150_000;
      const parts = [
        "Nom,Numéro d'entreprise,Type,Effectif,Code NACE,Adresse,Code postal,Site web,Description\r\n",
      ];
      for (let i = 0; i < ROWS - 1; i++) {
        parts.push(
          `Entreprise de charge ${i} SRL,${formatEnterpriseNumber(makeEnterpriseNumber(13_000_000 + i))},entreprise,${i % 400},62.010,Rue de la Station ${i % 997},4000,https://www.charge-${i}.example,Essai de charge\r\n`,
        );
      }
      parts.push(`Dernière Ligne Fautive SRL,0123.456.748,entreprise,12,62.010,Rue du Bout 1,4000,,\r\n`);
      const bytes = Buffer.from(parts.join(''), 'utf8');
      expect(bytes.length).toBeGreaterThan(20_000_000);
      const res = await unchanged(() => upload(bytes, `network=${N.slug}`, { filename: 'gros.csv' }));
      expect(res.statusCode).toBe(422);
      const report = res.json();
      expect(report).toMatchObject({ ok: false, written: false, rows: ROWS, valid: ROWS - 1 });
      expect(report.errors).toEqual([
        {
          path: `row ${ROWS + 1} / column "Numéro d'entreprise"`,
          row: ROWS + 1,
          column: "Numéro d'entreprise",
          value: '0123.456.748',
          message: '"0123.456.748" fails the mod-97 check: the last two digits should be 49, not 48',
        },
      ]);
    }, 120_000);
  });

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
      const res = await upload(file, `network=${N.slug}`);
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
        { networkId: N.id, joinedOn: '2016-03-15', leftOn: null },
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
      expect(await membershipsOf(uni!.id)).toEqual([{ networkId: N.id, joinedOn: today, leftOn: null }]);
      // and they are in the list of the network's members
      const list = (await t.app.inject({ url: `/api/v1/organisations?network=${N.slug}&q=virgule` })).json();
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
      const report = await service(bytes, { network: N2.slug });
      expect(report).toMatchObject({ ok: true, format: 'xlsx', created: 2, membershipsAdded: 2 });
      const [firm] = await orgsNamed('tableur industries');
      expect(firm).toMatchObject({
        enterpriseNumber: en,
        headcount: 120,
        sizeClass: 'medium',
        naceCodes: ['25620'],
      });
      expect(await membershipsOf(firm!.id)).toEqual([
        { networkId: N2.id, joinedOn: '2019-09-01', leftOn: null },
      ]);
      const [school] = await orgsNamed('haute ecole du tableur');
      expect(school?.kind).toBe('university_college');
      expect(await membershipsOf(school!.id)).toEqual([
        { networkId: N2.id, joinedOn: '2020-02-01', leftOn: null },
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
            N2.name,
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
        { networkId: N2.id, joinedOn: '2021-06-30', leftOn: null },
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
      const res = await upload(file, `network=${N.slug}&keepValid=true`);
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
      const res = await upload(file, `network=${N.slug}&keepValid=true`);
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
      const res = await unchanged(() => upload(file, `network=${N.slug}&dryRun=true`));
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

    it('re-importing matches by enterprise number, then by normalised name: no duplicates', async () => {
      const en = nextEn();
      const first = csv([
        ['Nom', 'BCE', 'Effectif', "Date d'adhésion"],
        ['Réimport Numéro SA', en, '10', '2015-01-01'],
        ['Réimport Nom SRL', '', '20', '2015-01-01'],
      ]);
      expect(await service(first, { network: N.slug })).toMatchObject({
        ok: true,
        created: 2,
        membershipsAdded: 2,
      });
      const before = await fingerprint(t.handle.db);
      // the same file again: nothing new
      const again = await service(first, { network: N.slug });
      expect(again).toMatchObject({ ok: true, created: 0, matched: 2, membershipsAdded: 0 });
      const after = await fingerprint(t.handle.db);
      expect(after.organisations.n).toBe(before.organisations.n);
      expect(after.memberships).toEqual(before.memberships);
      // other spellings: the number in another form and a renamed firm; the name in capitals without legal form
      const second = csv([
        ['Nom', 'BCE', 'Effectif'],
        ['Réimport Numéro (nouveau nom) SA', `BE ${formatEnterpriseNumber(en)}`, '11'],
        ['REIMPORT NOM', '', '21'],
      ]);
      expect(await service(second, { network: N.slug })).toMatchObject({
        ok: true,
        created: 0,
        matched: 2,
        membershipsAdded: 0,
      });
      expect((await fingerprint(t.handle.db)).organisations.n).toBe(before.organisations.n);
      const [byNumber] = await t.handle.db
        .selectFrom('organisations')
        .selectAll()
        .where('enterpriseNumber', '=', en)
        .execute();
      expect(byNumber).toMatchObject({ name: 'Réimport Numéro (nouveau nom) SA', headcount: 11 });
      const byName = await orgsNamed('reimport nom');
      expect(byName).toHaveLength(1);
      expect(byName[0]).toMatchObject({ name: 'REIMPORT NOM', headcount: 21 });
    });

    it('a re-import without some columns keeps what it does not mention (kind, enterprise number search)', async () => {
      const en = nextEn();
      const report = await service(
        csv([
          ['Nom', 'BCE', 'Type'],
          ['Laboratoire Partiel', en, 'Centre de recherche'],
        ]),
      );
      expect(report.created).toBe(1);
      // a list with names and headcounts only
      expect(
        await service(
          csv([
            ['Nom', 'Effectif'],
            ['Laboratoire Partiel', '40'],
          ]),
        ),
      ).toMatchObject({ ok: true, matched: 1, created: 0 });
      const [o] = await orgsNamed('laboratoire partiel');
      expect(o).toMatchObject({
        kind: 'research_centre',
        enterpriseNumber: en,
        headcount: 40,
        sizeClass: null,
      });
      const found = (await t.app.inject({ url: `/api/v1/organisations?q=${en}` })).json();
      expect(found.items.map((i: { id: number }) => i.id)).toEqual([o!.id]);
    });

    it('a likely duplicate (same name, another enterprise number) is a warning, not a merge', async () => {
      const existingEn = nextEn();
      const existing = await makeOrganisation(t.handle.db, {
        name: 'Homonyme Import SA',
        enterpriseNumber: existingEn,
      });
      const otherEn = nextEn();
      const report = await service(
        csv([
          ['Nom', 'BCE', 'Type'],
          ['HOMONYME IMPORT S.A.', otherEn, 'entreprise'],
        ]),
      );
      expect(report).toMatchObject({ ok: true, created: 1, matched: 0 });
      expect(report.warnings).toEqual([
        {
          path: 'row 2 / column "Nom"',
          row: 2,
          column: 'Nom',
          value: 'HOMONYME IMPORT S.A.',
          message: `likely duplicate: same name as #${existing.id} "Homonyme Import SA" (${formatEnterpriseNumber(existingEn)}) but another enterprise number; imported as a separate organisation, not merged`,
        },
      ]);
      const both = await orgsNamed('homonyme import');
      expect(both.map((o) => o.enterpriseNumber)).toEqual([existingEn, otherEn]);
    });

    it('memberships: a date of departure closes the open period; a period already recorded is not added twice', async () => {
      const org = await makeOrganisation(t.handle.db, {
        name: 'Départ Annoncé SA',
        enterpriseNumber: nextEn(),
      });
      await makeMembership(t.handle.db, org.id, N.id, '2014-02-01');
      const file = csv([
        ['Nom', 'Réseau', "Date d'adhésion", 'Date de sortie'],
        ['Départ Annoncé SA', N.slug, '01/02/2014', '31/12/2022'],
      ]);
      expect(await service(file)).toMatchObject({
        ok: true,
        matched: 1,
        membershipsClosed: 1,
        membershipsAdded: 0,
      });
      expect(await membershipsOf(org.id)).toEqual([
        { networkId: N.id, joinedOn: '2014-02-01', leftOn: '2022-12-31' },
      ]);
      // a new period in another network named in the row
      const second = csv([
        ['Nom', 'Réseau', "Date d'adhésion"],
        ['Départ Annoncé SA', N2.name, '2023-01-01'],
      ]);
      expect(await service(second)).toMatchObject({ ok: true, membershipsAdded: 1 });
      expect(await membershipsOf(org.id)).toEqual([
        { networkId: N.id, joinedOn: '2014-02-01', leftOn: '2022-12-31' },
        { networkId: N2.id, joinedOn: '2023-01-01', leftOn: null },
      ]);
    });

    it('an export of a network imports back unchanged: every row matched, nothing created', async () => {
      const exported = await t.app.inject({
        url: `/api/v1/organisations/export?format=csv&network=${N.slug}`,
      });
      expect(exported.statusCode).toBe(200);
      const members = (
        await t.app.inject({ url: `/api/v1/organisations?network=${N.slug}&pageSize=500` })
      ).json();
      expect(members.total).toBeGreaterThan(5);
      const before = await fingerprint(t.handle.db);
      const report = await service(exported.rawPayload, { network: N.slug });
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
      const xlsx = await t.app.inject({ url: `/api/v1/organisations/export?format=xlsx&network=${N.slug}` });
      expect(await service(xlsx.rawPayload, { network: N.slug, dryRun: true })).toMatchObject({
        ok: true,
        created: 0,
        matched: members.total,
      });
    });

    it.runIf(DIALECT === 'pglite')(
      'embedded bulk mode (the CLI on PGlite, 10,000+ new rows): indexes, uniqueness and memberships are all in place',
      async () => {
        const ROWS = 10_000;
        const lines = ['Nom;BCE;Code NACE'];
        for (let i = 0; i < ROWS; i++)
          lines.push(`Masse ${i} SRL;${makeEnterpriseNumber(14_000_000 + i)};${i % 2 ? '62.010' : '25.620'}`);
        const before = await fingerprint(t.handle.db);
        const report = await service(lines.join('\n'), { network: N2.slug, embedded: true });
        expect(report).toMatchObject({ ok: true, written: true, created: ROWS, membershipsAdded: ROWS });
        const after = await fingerprint(t.handle.db);
        expect(after.organisations.n).toBe(before.organisations.n + ROWS);
        expect(after.memberships.n).toBe(before.memberships.n + ROWS);
        const indexes = await sql<{ indexname: string }>`
          SELECT indexname FROM pg_indexes WHERE tablename = 'organisations' ORDER BY indexname`.execute(
          t.handle.db,
        );
        expect(indexes.rows.map((r) => r.indexname)).toEqual(
          expect.arrayContaining([
            'organisations_enterprise_number_key',
            'organisations_nace_idx',
            'organisations_search_trgm_idx',
            'organisations_sort_name_idx',
          ]),
        );
        const mIndexes = await sql<{ indexname: string }>`
          SELECT indexname FROM pg_indexes WHERE tablename = 'memberships' ORDER BY indexname`.execute(
          t.handle.db,
        );
        expect(mIndexes.rows.map((r) => r.indexname)).toEqual(
          expect.arrayContaining(['memberships_network_idx', 'memberships_org_idx', 'memberships_pkey']),
        );
        // the foreign keys hold again after the bulk load: a dangling membership is refused
        await expect(
          t.handle.db
            .insertInto('memberships')
            .values({ organisationId: 999_999_999, networkId: N2.id, joinedOn: '2020-01-01', leftOn: null })
            .execute(),
        ).rejects.toThrow(/foreign key/);
        // the unique constraint is back
        await expect(
          t.handle.db
            .insertInto('organisations')
            .values({
              name: 'Copie',
              nameKey: 'copie',
              searchText: 'copie',
              kind: 'enterprise',
              enterpriseNumber: makeEnterpriseNumber(14_000_000),
            })
            .execute(),
        ).rejects.toThrow(/organisations_enterprise_number_key/);
        // and the new rows are found, filtered and counted like any other
        const list = (
          await t.app.inject({ url: `/api/v1/organisations?network=${N2.slug}&q=masse 4321&nace=62` })
        ).json();
        expect(list.items.map((i: { name: string }) => i.name)).toEqual(['Masse 4321 SRL']);
        const members = (
          await t.app.inject({ url: `/api/v1/organisations?network=${N2.slug}&nace=25&q=masse&pageSize=1` })
        ).json();
        expect(members.total).toBe(ROWS / 2);
      },
      60_000,
    );

    it('records the import in the audit log', async () => {
      await service(csv([['Nom'], ['Auditée SA']]), { network: N.slug });
      const r = await sql<{ details: { created: number; network: string } }>`
        SELECT details FROM audit_log WHERE action = 'import' AND entity = 'organisations' ORDER BY id DESC LIMIT 1`.execute(
        t.handle.db,
      );
      expect(r.rows[0]?.details).toMatchObject({ created: 1, network: N.slug });
    });
  });
});
