import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { ForbiddenError, ValidationError } from '../../src/domain/errors.ts';
import { type Actor, SYSTEM } from '../../src/modules/auth/actor.ts';
import {
  importBoundaries,
  importMunicipalities,
  importNace,
} from '../../src/modules/reference/reference.service.ts';
import { useTestApp } from '../helpers/app.ts';
import { makeNetwork, makeOrganisation, makeUser } from '../helpers/factories.ts';
import { multipartFile } from '../helpers/multipart.ts';
import { MUNICIPALITIES_FILE, NACE_FILE, readReference } from '../helpers/reference.ts';

/** Expected figures from the SOURCE.txt files beside the reference data (../shared/data/reference). */
const NACE_LEVELS = { 1: 21, 2: 88, 3: 272, 4: 615, 5: 943 }; // 1,939 codes; 77 + 1,290 explanatory items skipped
const WALLOON_MUNICIPALITIES = { '20002': 27, '50000': 69, '60000': 84, '80000': 44, '90000': 38 };

/** Count and md5 of a reference table, to show a rejected file changed nothing. */
async function tableFingerprint(db: Db, table: 'nace_codes' | 'municipalities' | 'boundaries', key: string) {
  const r = await sql<{ n: number; md5: string }>`
    SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY ${sql.raw(key)}), '')) AS md5
    FROM ${sql.table(table)} t`.execute(db);
  return r.rows[0]!;
}

/** The error a rejected file throws. */
async function rejection(p: Promise<unknown>): Promise<ValidationError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ValidationError);
  return e as ValidationError;
}

describe('reference importers and endpoints', () => {
  const t = useTestApp();
  const ctx = () => ({ db: t.handle.db, actor: SYSTEM });

  describe('importNace', () => {
    it('imports the 1,939 NACE-BEL 2008 codes of 1 to 5 digits and skips the explanatory items', async () => {
      const report = await importNace(ctx(), readReference(NACE_FILE));
      expect(report).toEqual({ ok: true, rows: 3306, imported: 1939, skipped: 77 + 1290, errors: [] });
      const levels = await t.handle.db
        .selectFrom('naceCodes')
        .select(['level', sql<number>`count(*)::int`.as('n')])
        .groupBy('level')
        .orderBy('level')
        .execute();
      expect(Object.fromEntries(levels.map((l) => [l.level, l.n]))).toEqual(NACE_LEVELS);
      const code = await t.handle.db
        .selectFrom('naceCodes')
        .selectAll()
        .where('code', '=', '62010')
        .executeTakeFirst();
      expect(code).toMatchObject({
        level: 5,
        parent: '6201',
        section: 'J',
        labelFr: 'Programmation informatique',
      });
      const farm = await t.handle.db
        .selectFrom('naceCodes')
        .selectAll()
        .where('code', '=', '01110')
        .executeTakeFirst();
      expect(farm).toMatchObject({ level: 5, section: 'A' });
    });

    it('rejects a file with an invalid code, naming row, column and value, and leaves the table unchanged', async () => {
      const before = await tableFingerprint(t.handle.db, 'nace_codes', 'code');
      expect(before.n).toBe(1939);
      const file = 'code,parent,label_fr\nA,,Agriculture\n01,A,Culture\n0X1,01,Code invalide\n01,A,Encore\n';
      const e = await rejection(importNace(ctx(), Buffer.from(file)));
      expect(e.message).toBe('The NACE file was rejected (2 problem(s)); nothing was written');
      expect(e.details).toEqual([
        {
          path: 'row 4 / column "code"',
          row: 4,
          column: 'code',
          value: '0X1',
          message: '"0X1" is not a NACE-BEL 2008 code',
        },
        {
          path: 'row 5 / column "code"',
          row: 5,
          column: 'code',
          value: '01',
          message: 'code 01 appears twice',
        },
      ]);
      expect(await tableFingerprint(t.handle.db, 'nace_codes', 'code')).toEqual(before);
    });

    it('rejects a code of an unknown division, a missing label and a missing column', async () => {
      const before = await tableFingerprint(t.handle.db, 'nace_codes', 'code');
      const e = await rejection(
        importNace(ctx(), Buffer.from('code,label_fr\n04,Division inexistante\n62,\n')),
      );
      expect(e.details.map((d) => [d.row, d.message])).toEqual([
        [2, '"04" is not a NACE-BEL 2008 code'],
        [3, 'the French label is empty'],
      ]);
      const noCode = await rejection(importNace(ctx(), Buffer.from('label_fr\nAgriculture\n')));
      expect(noCode.details[0]).toMatchObject({
        path: 'row 1',
        message: expect.stringMatching(/required column "code" is missing/),
      });
      expect(await tableFingerprint(t.handle.db, 'nace_codes', 'code')).toEqual(before);
    });

    it('is for administrators only', async () => {
      const manager: Actor = { userId: 5, email: 'm@test', isAdmin: false, managerOf: [1], memberOf: [] };
      await expect(
        importNace({ db: t.handle.db, actor: manager }, readReference(NACE_FILE)),
      ).rejects.toBeInstanceOf(ForbiddenError);
    });
  });

  describe('importMunicipalities', () => {
    it('imports the 581 municipalities: 262 Walloon, population 11,492,641 (Wallonia 3,645,243)', async () => {
      const org = await makeOrganisation(t.handle.db, { municipalityNis: '62063', provinceNis: null });
      const report = await importMunicipalities(ctx(), readReference(MUNICIPALITIES_FILE));
      expect(report).toEqual({ ok: true, rows: 581, imported: 581, skipped: 0, errors: [] });
      const byRegion = await sql<{ region: string; n: number; population: number }>`
        SELECT region, count(*)::int AS n, sum(population)::int AS population
        FROM municipalities GROUP BY region ORDER BY region`.execute(t.handle.db);
      expect(byRegion.rows).toEqual([
        { region: 'brussels', n: 19, population: expect.any(Number) },
        { region: 'flanders', n: 300, population: expect.any(Number) },
        { region: 'wallonia', n: 262, population: 3_645_243 },
      ]);
      expect(byRegion.rows.reduce((s, r) => s + r.population, 0)).toBe(11_492_641);
      const provinces = await sql<{ provinceNis: string; n: number }>`
        SELECT province_nis AS "provinceNis", count(*)::int AS n FROM municipalities
        WHERE region = 'wallonia' GROUP BY province_nis ORDER BY province_nis`.execute(t.handle.db);
      expect(Object.fromEntries(provinces.rows.map((p) => [p.provinceNis, p.n]))).toEqual(
        WALLOON_MUNICIPALITIES,
      );
      const liege = await t.handle.db
        .selectFrom('municipalities')
        .selectAll()
        .where('nis', '=', '62063')
        .executeTakeFirst();
      expect(liege).toMatchObject({
        nameFr: 'Liège',
        nameNl: 'Luik',
        provinceNis: '60000',
        region: 'wallonia',
        population: 197_217,
      });
      // organisations keep a derived province: refreshed from the new list
      const o = await t.handle.db
        .selectFrom('organisations')
        .select('provinceNis')
        .where('id', '=', org.id)
        .executeTakeFirst();
      expect(o?.provinceNis).toBe('60000');
    });

    it('rejects a bad NIS code, a duplicate and a non-numeric population, and leaves the table unchanged', async () => {
      const before = await tableFingerprint(t.handle.db, 'municipalities', 'nis');
      const file =
        'NIS_code;municipality_FR;inhabitants\n62063;Liège;197355\nABCDE;Nulle-Part;10\n62063;Liège bis;1\n92094;Namur;beaucoup\n';
      const e = await rejection(importMunicipalities(ctx(), Buffer.from(file)));
      expect(e.details).toEqual([
        {
          path: 'row 3 / column "NIS_code"',
          row: 3,
          column: 'NIS_code',
          value: 'ABCDE',
          message: 'a NIS code has 5 digits',
        },
        {
          path: 'row 4 / column "NIS_code"',
          row: 4,
          column: 'NIS_code',
          value: '62063',
          message: 'NIS code 62063 appears twice',
        },
        {
          path: 'row 5 / column "inhabitants"',
          row: 5,
          column: 'inhabitants',
          value: 'beaucoup',
          message: 'the population is not a whole number',
        },
      ]);
      expect(await tableFingerprint(t.handle.db, 'municipalities', 'nis')).toEqual(before);
    });
  });

  describe('importBoundaries', () => {
    it('imports the 5 Walloon provinces and the 262 Walloon municipalities (level from the properties)', async () => {
      const p = await importBoundaries(ctx(), readReference('be-geo/wallonia_provinces.geojson'));
      expect(p).toMatchObject({ ok: true, rows: 5, imported: 5 });
      const m = await importBoundaries(ctx(), readReference('be-geo/wallonia_municipalities.geojson'));
      expect(m).toMatchObject({ ok: true, rows: 262, imported: 262 });
      const levels = await sql<{ level: string; n: number; population: number | null }>`
        SELECT level, count(*)::int AS n, sum(population)::int AS population FROM boundaries GROUP BY level ORDER BY level`.execute(
        t.handle.db,
      );
      expect(levels.rows).toEqual([
        { level: 'municipality', n: 262, population: 3_645_243 },
        { level: 'province', n: 5, population: null },
      ]);
      const provinces = await t.handle.db
        .selectFrom('boundaries')
        .select(['nis', 'name'])
        .where('level', '=', 'province')
        .orderBy('nis')
        .execute();
      expect(provinces.map((x) => x.nis)).toEqual(['20002', '50000', '60000', '80000', '90000']);
      expect(provinces[0]!.name).toBe('Province du Brabant Wallon');
    });

    it('replaces only its level, and rejects a bad collection without changing anything', async () => {
      const before = await tableFingerprint(t.handle.db, 'boundaries', 'level, nis');
      const square = {
        type: 'Polygon',
        coordinates: [
          [
            [5, 50],
            [5.1, 50],
            [5.1, 50.1],
            [5, 50],
          ],
        ],
      };
      const bad = {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { nis: '62063', name_fr: 'Liège' }, geometry: square },
          { type: 'Feature', properties: { name_fr: 'Sans code' }, geometry: square },
          {
            type: 'Feature',
            properties: { nis: '92094' },
            geometry: { type: 'Point', coordinates: [4.8, 50.4] },
          },
        ],
      };
      const e = await rejection(importBoundaries(ctx(), Buffer.from(JSON.stringify(bad)), 'municipality'));
      expect(e.details).toEqual([
        {
          path: 'feature 2 / nis',
          row: 2,
          column: 'nis',
          value: '',
          message: 'a feature needs a 5-digit NIS code in properties.nis',
        },
        {
          path: 'feature 3 / geometry',
          row: 3,
          column: 'geometry',
          message: 'expected a Polygon or MultiPolygon, found Point',
        },
      ]);
      const notGeo = await rejection(importBoundaries(ctx(), Buffer.from('{"type":"Feature"}')));
      expect(notGeo.details).toEqual([
        { path: 'type', message: 'expected "FeatureCollection", found "Feature"' },
      ]);
      const notJson = await rejection(importBoundaries(ctx(), Buffer.from('nis;name\n')));
      expect(notJson.message).toBe('The GeoJSON file cannot be read');
      expect(await tableFingerprint(t.handle.db, 'boundaries', 'level, nis')).toEqual(before);
    });
  });

  describe('GET /api/v1/reference/*', () => {
    it('provinces: the 5 Walloon provinces with names in four languages', async () => {
      const res = await t.app.inject({ url: '/api/v1/reference/provinces' });
      expect(res.statusCode).toBe(200);
      const { items } = res.json();
      expect(items.map((p: { nis: string }) => p.nis)).toEqual(['20002', '50000', '60000', '80000', '90000']);
      expect(items[2]).toEqual({ nis: '60000', fr: 'Liège', nl: 'Luik', de: 'Lüttich', en: 'Liège' });
    });

    it('municipalities: Walloon by default (262, by name), all 581 on request', async () => {
      const w = (await t.app.inject({ url: '/api/v1/reference/municipalities' })).json().items;
      expect(w).toHaveLength(262);
      expect(w.every((m: { region: string }) => m.region === 'wallonia')).toBe(true);
      const names = w.map((m: { nameFr: string }) => m.nameFr);
      expect(names).toEqual([...names].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)));
      expect(
        (await t.app.inject({ url: '/api/v1/reference/municipalities?region=all' })).json().items,
      ).toHaveLength(581);
      expect((await t.app.inject({ url: '/api/v1/reference/municipalities?region=mars' })).statusCode).toBe(
        400,
      );
    });

    it('nace: by level, by code prefix or label, with a limit', async () => {
      const sections = (await t.app.inject({ url: '/api/v1/reference/nace?level=1&limit=100' })).json().items;
      expect(sections.map((s: { code: string }) => s.code)).toEqual('ABCDEFGHIJKLMNOPQRSTU'.split(''));
      const byPrefix = (await t.app.inject({ url: '/api/v1/reference/nace?q=6201' })).json().items;
      expect(byPrefix.map((s: { code: string }) => s.code)).toEqual(['6201', '62010']);
      const byLabel = (
        await t.app.inject({ url: `/api/v1/reference/nace?q=${encodeURIComponent('logiciel')}&level=3` })
      ).json().items;
      expect(byLabel.map((s: { code: string }) => s.code)).toEqual(['582']);
      expect((await t.app.inject({ url: '/api/v1/reference/nace' })).json().items).toHaveLength(50);
      expect((await t.app.inject({ url: '/api/v1/reference/nace?level=6' })).statusCode).toBe(400);
    });

    it('exports the municipality and NACE lists as CSV and XLSX', async () => {
      const csv = await t.app.inject({ url: '/api/v1/reference/municipalities?format=csv' });
      expect(csv.statusCode).toBe(200);
      const lines = csv.body.trimEnd().split('\r\n');
      expect(lines[0]).toBe('\uFEFFCode NIS;Commune;Gemeente;Province;Code postal;Population (1.1.2020)');
      expect(lines).toHaveLength(263); // header + 262 Walloon municipalities
      const liege = lines.find((l) => l.startsWith('62063;'))!;
      expect(liege.split(';')[1]).toBe('Liège');
      const nace = await t.app.inject({ url: '/api/v1/reference/nace?level=1&limit=100&format=xlsx' });
      expect(nace.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(nace.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect(ws.rowCount).toBe(22); // header + 21 sections
      expect(ws.getRow(4).getCell(1).value).toBe('C');
      expect(ws.getRow(4).getCell(4).value).toBe('Industrie manufacturière');
    });

    it('boundaries: a GeoJSON FeatureCollection per level', async () => {
      const res = await t.app.inject({ url: '/api/v1/reference/boundaries/province' });
      expect(res.statusCode).toBe(200);
      const fc = res.json();
      expect(fc.type).toBe('FeatureCollection');
      expect(fc.features).toHaveLength(5);
      expect(fc.features[2]).toMatchObject({ type: 'Feature', properties: { nis: '60000' } });
      expect(['Polygon', 'MultiPolygon']).toContain(fc.features[2].geometry.type);
      expect(
        (await t.app.inject({ url: '/api/v1/reference/boundaries/municipality' })).json().features,
      ).toHaveLength(262);
      expect(
        (await t.app.inject({ url: '/api/v1/reference/boundaries/arrondissement' })).json().features,
      ).toEqual([]);
      expect((await t.app.inject({ url: '/api/v1/reference/boundaries/country' })).statusCode).toBe(400);
    });
  });

  describe('POST /api/v1/imports/reference/:kind (administrators)', () => {
    let admin: string;
    let manager: string;
    beforeAll(async () => {
      const n = await makeNetwork(t.handle.db);
      const a = await makeUser(t.handle.db, { admin: true });
      const m = await makeUser(t.handle.db, { manages: [n.slug] });
      admin = await t.login(a.email, a.password);
      manager = await t.login(m.email, m.password);
    });
    const post = (kind: string, bytes: Buffer, cookie?: string, query = '') => {
      const { payload, headers } = multipartFile(bytes, { filename: 'ref.csv' });
      return t.app.inject({
        method: 'POST',
        url: `/api/v1/imports/reference/${kind}${query}`,
        payload,
        headers: { ...headers, ...(cookie ? { cookie } : {}) },
      });
    };

    it('imports for an admin, refuses managers (403) and anonymous callers (401)', async () => {
      const res = await post('nace', readReference(NACE_FILE), admin);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ ok: true, imported: 1939 });
      expect((await post('nace', readReference(NACE_FILE), manager)).statusCode).toBe(403);
      expect((await post('nace', readReference(NACE_FILE))).statusCode).toBe(401);
      const geo = await post(
        'boundaries',
        readReference('be-geo/wallonia_provinces.geojson'),
        admin,
        '?level=province',
      );
      expect(geo.json()).toMatchObject({ ok: true, imported: 5 });
    });

    it('answers 400 with the details of a rejected file, and 400 for an unknown kind', async () => {
      const before = await tableFingerprint(t.handle.db, 'nace_codes', 'code');
      const res = await post('nace', Buffer.from('code,label_fr\nZZ,Inconnu\n'), admin);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'validation_failed',
        details: [{ row: 2, column: 'code', value: 'ZZ', message: '"ZZ" is not a NACE-BEL 2008 code' }],
      });
      expect(await tableFingerprint(t.handle.db, 'nace_codes', 'code')).toEqual(before);
      expect((await post('planets', Buffer.from('x'), admin)).statusCode).toBe(400);
    });
  });
});
