import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterpriseNumber } from '../../src/domain/enterprise-number.ts';
import { SYSTEM } from '../../src/modules/auth/actor.ts';
import { createUser } from '../../src/modules/auth/auth.service.ts';
import { importPanel } from '../../src/modules/impact/panel-import.service.ts';
import { panelSnapshot } from '../../src/modules/impact/panel-snapshot.ts';
import { useTestApp } from '../helpers/app.ts';
import { multipartFile } from '../helpers/multipart.ts';
import { importReferenceLists } from '../helpers/reference.ts';

/**
 * A Parquet panel imports exactly as the equivalent CSV: the same stored rows and the same
 * snapshot (PGlite and PostgreSQL), by upload (bytes) and from a file on disk (byte ranges); a bad
 * value is reported by data row (from 1) and column and nothing is written.
 */

const en = (i: number) => makeEnterpriseNumber(7_200_000 + i);
const YEARS = [2010, 2011, 2012, 2013, 2014];
const FIRMS = 11;
const muni = (i: number) => (i === 9 ? '44021' : i % 2 ? '92094' : '62063');

/** The panel as rows of typed values (firm 5 misses 2012; firm 4 has no exports). */
function panelRows() {
  const rows: {
    firm: number;
    year: number;
    fte: number;
    va: number;
    turnover: number;
    exports: number | null;
  }[] = [];
  for (let i = 0; i < FIRMS; i++)
    for (const y of YEARS) {
      if (i === 5 && y === 2012) continue;
      rows.push({
        firm: i,
        year: y,
        fte: 10 * (i + 1) + (y - 2010) + (i % 2 ? 0.5 : 0),
        va: 1250.5 + i, // thousands of euros (the header says k€)
        turnover: 2_000_000 + 1000 * i,
        exports: i === 4 ? null : 500_000.25,
      });
    }
  return rows;
}

/** The CSV a Belgian spreadsheet writes: semicolons, decimal commas, thousands dots, French headers. */
function csvFile(): Buffer {
  const be = (x: number) => x.toLocaleString('de-DE', { maximumFractionDigits: 6 });
  const lines = [
    "Numéro d'entreprise;Année;ETP;Valeur ajoutée (k€);Chiffre d'affaires;Exportations;NACE;Commune",
  ];
  for (const r of panelRows())
    lines.push(
      [
        en(r.firm),
        r.year,
        be(r.fte),
        be(r.va),
        be(r.turnover),
        r.exports === null ? '' : be(r.exports),
        r.firm === 10 ? '62.010' : '25.620',
        muni(r.firm),
      ].join(';'),
    );
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

/** The same panel as Parquet: int64 enterprise numbers, an int32 "year", doubles, a decimal, strings. */
function parquetFile(patch?: (cols: Record<string, unknown[]>) => void): Uint8Array {
  const rows = panelRows();
  const cols: Record<string, unknown[]> = {
    enterprise_number: rows.map((r) => BigInt(en(r.firm))),
    year: rows.map((r) => r.year),
    ETP: rows.map((r) => r.fte),
    'valeur ajoutée (k€)': rows.map((r) => r.va),
    turnover: rows.map((r) => r.turnover),
    exports: rows.map((r) => r.exports),
    nace: rows.map((r) => (r.firm === 10 ? '62.010' : '25.620')),
    commune: rows.map((r) => Number(muni(r.firm))),
  };
  patch?.(cols);
  const type = (name: string, v: unknown[]) =>
    v.some((x) => typeof x === 'string')
      ? { type: 'BYTE_ARRAY' as const, converted_type: 'UTF8' as const }
      : name === 'valeur ajoutée (k€)'
        ? { type: 'INT64' as const, converted_type: 'DECIMAL' as const, scale: 2, precision: 18 }
        : v.some((x) => typeof x === 'bigint')
          ? { type: 'INT64' as const }
          : v.every((x) => Number.isInteger(x))
            ? { type: 'INT32' as const }
            : { type: 'DOUBLE' as const };
  const names = Object.keys(cols);
  return new Uint8Array(
    parquetWriteBuffer({
      columnData: names.map((name) => ({ name, data: cols[name]! })),
      schema: [
        { name: 'root', num_children: names.length },
        ...names.map((name) => ({ name, repetition_type: 'OPTIONAL' as const, ...type(name, cols[name]!) })),
      ],
      rowGroupSize: 20, // three row groups
    }),
  );
}

describe('impact panel from Parquet', () => {
  const t = useTestApp();
  const dir = mkdtempSync(join(tmpdir(), 'polaris-parquet-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let admin: string;

  beforeAll(async () => {
    await importReferenceLists(t.handle.db);
    await createUser(t.handle.db, { email: 'admin@parquet.test', password: 'parquet-admin-pw', admin: true });
    admin = await t.login('admin@parquet.test', 'parquet-admin-pw');
  });

  const upload = (body: Uint8Array, filename: string) => {
    const m = multipartFile(body, { filename });
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/impact/panel/import',
      payload: m.payload,
      headers: { ...m.headers, cookie: admin },
    });
  };
  /** `polaris import panel FILE`'s source: a stream with the path for random access. */
  const fromDisk = (bytes: Uint8Array) => {
    const path = join(dir, 'panel.dat'); // no extension: recognised by the PAR1 magic
    writeFileSync(path, bytes);
    return importPanel(
      { db: t.handle.db, actor: SYSTEM },
      { open: () => createReadStream(path), size: statSync(path).size, path },
    );
  };
  const stored = async () =>
    (
      await sql<Record<string, unknown>>`
        SELECT enterprise_number, year, fte, value_added, turnover, exports, nace_code, municipality_nis,
               treatment_year, import_id
        FROM firm_years ORDER BY enterprise_number, year`.execute(t.handle.db)
    ).rows;
  const withoutImport = (rows: Record<string, unknown>[]) => rows.map(({ importId: _, ...r }) => r);
  const snapshot = async () => {
    const { version: _v, stamp: _s, timing: _t, ...s } = await panelSnapshot(t.handle.db);
    return s;
  };

  it('a Parquet file on disk, then the CSV, then the Parquet upload: the same rows and snapshot', async () => {
    const p = await fromDisk(parquetFile());
    expect(p).toMatchObject({ ok: true, written: true, format: 'parquet', rows: 54, valid: 54, firms: 11 });
    expect(p.errors).toEqual([]);
    const afterParquet = await stored();
    const snapParquet = await snapshot();
    expect(afterParquet).toHaveLength(54);
    expect(afterParquet[0]).toMatchObject({
      enterpriseNumber: en(0),
      year: 2010,
      fte: 10,
      valueAdded: 1_250_500,
      turnover: 2_000_000,
      exports: 500_000.25,
      naceCode: '25620',
      municipalityNis: '62063',
    });

    const c = (await upload(csvFile(), 'panel.csv')).json();
    expect(c).toMatchObject({ ok: true, format: 'csv', rows: 54, valid: 54, replaced: 54 });
    const afterCsv = await stored();
    expect(new Set(afterCsv.map((r) => r.importId))).toEqual(new Set([c.importId]));
    expect(withoutImport(afterCsv)).toEqual(withoutImport(afterParquet));
    expect(await snapshot()).toEqual(snapParquet);

    const u = await upload(parquetFile(), 'export.bin');
    expect(u.statusCode).toBe(200);
    expect(u.json()).toMatchObject({ ok: true, format: 'parquet', replaced: 54 });
    expect(withoutImport(await stored())).toEqual(withoutImport(afterParquet));
    expect(await snapshot()).toEqual(snapParquet);
  });

  it('a bad value is reported by row and column, and nothing is written', async () => {
    const before = await stored();
    const bad = parquetFile((cols) => {
      cols.ETP = cols.ETP!.map((v, i) => (i === 22 ? 'douze' : String(v)));
    });
    const r = await upload(bad, 'bad.parquet');
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ ok: false, written: false, format: 'parquet', errorCount: 1 });
    expect(r.json().errors[0]).toMatchObject({ row: 23, column: 'ETP', value: 'douze' });

    const huge = parquetFile((cols) => {
      cols.turnover = cols.turnover!.map((v, i) => (i === 40 ? 2n ** 60n : BigInt(v as number)));
    });
    const h = await fromDisk(huge);
    expect(h).toMatchObject({ ok: false, written: false });
    expect(h.errors[0]).toMatchObject({ row: 41, column: 'turnover', value: String(2n ** 60n) });
    expect(await stored()).toEqual(before);
  });
});
