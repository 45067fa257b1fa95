import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatEnterpriseNumber, makeEnterpriseNumber } from '../../src/domain/enterprise-number.ts';
import { buildApp } from '../../src/server/app.ts';
import { makeUser } from '../helpers/factories.ts';
import { csv, nextEn, useImportFixture } from '../helpers/import-fixture.ts';
import { multipartFile, XLSX_TYPE } from '../helpers/multipart.ts';

describe('importing organisations (API upload and service)', () => {
  const f = useImportFixture();
  const { t, service, upload, unchanged } = f;

  describe('bad input: a clear report (row, column, value, reason) and nothing written', () => {
    it('a wrong check digit (API upload, comma CSV in UTF-8)', async () => {
      const file = csv([
        ['Nom', "Numéro d'entreprise", 'Effectif'],
        ['Bonne Ligne SA', nextEn(), '12'],
        ['Mauvais Chiffre SA', '0123.456.748', '3'],
      ]);
      const res = await unchanged(() => upload(file, `network=${f.N.slug}`));
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
      const res = await unchanged(() => upload(file, `network=${f.N.slug}`));
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
            ['Réseau Connu SA', f.N.name],
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
          headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: f.admin },
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
            headers: { ...headers, cookie: f.admin },
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
      const m = await makeUser(t.handle.db, { manages: [f.N.slug] });
      const cookie = await t.login(m.email, m.password);
      const { payload, headers } = multipartFile(
        Buffer.from(
          csv([
            ['Nom', 'Réseau'],
            ['Dans Mon Réseau SA', f.N.slug],
            ['Chez Les Autres SA', f.N2.slug],
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
          value: f.N2.slug,
          message: `you do not manage the network "${f.N2.slug}"`,
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
      const res = await unchanged(() => upload(bytes, `network=${f.N.slug}`, { filename: 'gros.csv' }));
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
});
