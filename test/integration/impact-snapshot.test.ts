import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type DatabaseHandle, databaseOnPGlite, databaseOnPostgres } from '../../src/db/database.ts';
import { formatEnterpriseNumber, makeEnterpriseNumber } from '../../src/domain/enterprise-number.ts';
import { SYSTEM } from '../../src/modules/auth/actor.ts';
import { importPanel } from '../../src/modules/impact/panel-import.service.ts';
import {
  loadSnapshot,
  type PanelSnapshot,
  panelSnapshot,
  setPanelCacheDir,
} from '../../src/modules/impact/panel-snapshot.ts';
import { firmAttributes, treatmentCohorts } from '../../src/modules/impact/treatment.service.ts';
import { useTestApp } from '../helpers/app.ts';
import { makeMembership, makeNetwork, makeOrganisation } from '../helpers/factories.ts';
import { adminUrl } from '../helpers/postgres.ts';

/**
 * The snapshot's data path on both databases: the snapshot an import builds from its own columns
 * is the one the table gives back (every array equal), a restarted server reads it from its file,
 * a re-import is merged in, and a file that is stale or damaged is never trusted. The per-firm
 * arrays follow the registry.
 */

const en = (i: number) => makeEnterpriseNumber(7_300_000 + i);
const HEADER = [
  "Numéro d'entreprise",
  'Année',
  'ETP',
  'Valeur ajoutée',
  'Exportations',
  'NACE',
  'Commune',
  'Cohorte',
];

/** Cells in every accepted spelling, rows out of order, empty cells, a negative value added. */
function firstFile(): string {
  const rows: string[][] = [HEADER];
  for (let y = 2016; y >= 2010; y--)
    for (let i = 0; i < 6; i++) {
      const id =
        i === 1
          ? `BE ${formatEnterpriseNumber(en(i))}`
          : i === 2
            ? en(i).slice(1)
            : i === 3
              ? formatEnterpriseNumber(en(i))
              : en(i);
      rows.push([
        id,
        i === 4 && y === 2013 ? `31/12/${y}` : String(y),
        `${10 + i},${y % 10}`,
        i === 5 ? `-${1000 + y},25` : `1.234.567,891`,
        i === 0 ? '' : '0,3',
        i === 3 ? '' : i % 2 ? '25.620' : 'C',
        i === 2 ? '' : i % 2 ? '92094' : '62063',
        i === 0 ? '2012' : i === 4 ? (y === 2011 ? '2014' : '2013') : '',
      ]);
    }
  return rows.map((r) => r.join(';')).join('\r\n');
}

/** Replaces firm 0 in 2012–2013 and firm 5 in 2016, adds firm 6 and the year 2017 of firm 1. */
function secondFile(): string {
  const rows: string[][] = [HEADER];
  rows.push([en(0), '2012', '99,5', '1', '', 'C', '62063', '2012']);
  rows.push([en(0), '2013', '98,5', '2', '', 'C', '62063', '2012']);
  rows.push([en(5), '2016', '1', '', '', '28.110', '52011', '']);
  rows.push([en(6), '2015', '4', '5', '6', '10.711', '', '']);
  rows.push([en(1), '2017', '7', '8', '9', '25.620', '92094', '']);
  return rows.map((r) => r.join(';')).join('\n');
}

/** The data of a snapshot, without how it was obtained. */
function data(s: PanelSnapshot) {
  const { timing: _t, ...rest } = s;
  return {
    ...rest,
    firm: [...rest.firm],
    year: [...rest.year],
    fte: [...rest.fte],
    valueAdded: [...rest.valueAdded],
    turnover: [...rest.turnover],
    exports: [...rest.exports],
    nace: [...rest.nace],
    muni: [...rest.muni],
    rowTreatment: [...rest.rowTreatment],
    firmStart: [...rest.firmStart],
    treatmentColumn: [...rest.treatmentColumn],
  };
}

describe('impact panel snapshot', () => {
  const t = useTestApp();
  const dir = mkdtempSync(join(resolve('.tmp'), 'snapshot-test-'));
  const files = () => readdirSync(dir).filter((f) => f.endsWith('.snap'));
  const ctx = () => ({ db: t.handle.db, actor: SYSTEM });
  const load = (text: string) =>
    importPanel(ctx(), { bytes: Buffer.from(text, 'utf8') }, { fileName: 'panel.csv', maxYear: 2030 });

  /** A second handle on the same database: a restarted server, with an empty memory. */
  async function restarted(): Promise<DatabaseHandle & { release(): Promise<void> }> {
    let h: DatabaseHandle;
    let release: () => Promise<void>;
    if (t.handle.kind === 'pglite') {
      h = databaseOnPGlite(t.handle.pglite!);
      release = () => h.db.destroy(); // the instance belongs to the test's handle
    } else {
      const name = (await sql<{ n: string }>`SELECT current_database() AS n`.execute(t.handle.db)).rows[0]!.n;
      h = databaseOnPostgres(adminUrl(inject('databaseUrl'), name), 2);
      release = () => h.close();
    }
    setPanelCacheDir(h.db, dir);
    return { ...h, release };
  }

  beforeAll(() => {
    setPanelCacheDir(t.handle.db, dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('an import builds the snapshot from its own rows: the arrays the table gives back, and a file', async () => {
    const r = await load(firstFile());
    expect(r).toMatchObject({ ok: true, written: true, rows: 42, valid: 42, firms: 6 });
    const s = await panelSnapshot(t.handle.db);
    expect(s.timing.source).toBe('import');
    const table = await loadSnapshot(t.handle.db);
    expect(table.timing.source).toBe('copy');
    expect(data(s)).toEqual(data(table));
    // canonical order: firms by enterprise number, years within each firm
    expect(s.enterprise).toEqual([0, 1, 2, 3, 4, 5].map(en).sort());
    const f4 = s.enterprise.indexOf(en(4));
    const rows4 = s.year.slice(s.firmStart[f4]!, s.firmStart[f4 + 1]!);
    expect([...rows4]).toEqual([2010, 2011, 2012, 2013, 2014, 2015, 2016]);
    // values as the file wrote them (decimal commas, thousands points, empty cells, negatives)
    const at = (i: number, y: number) => {
      const f = s.enterprise.indexOf(en(i));
      return s.firmStart[f]! + (y - 2010);
    };
    expect(s.fte[at(2, 2013)]).toBe(12.3);
    expect(s.valueAdded[at(0, 2011)]).toBe(1234567.891);
    expect(s.valueAdded[at(5, 2014)]).toBe(-3014.25);
    expect(s.exports[at(0, 2011)]).toBeNaN();
    expect(s.turnover[at(1, 2011)]).toBeNaN(); // no turnover column
    expect(s.nace[at(3, 2012)]).toBe(-1);
    expect(s.naceDict[s.nace[at(1, 2012)]!]).toBe('25620');
    expect(s.muni[at(2, 2012)]).toBe(-1);
    // the earliest treatment year the file gives per firm
    expect(s.treatmentColumn[s.enterprise.indexOf(en(0))]).toBe(2012);
    expect(s.treatmentColumn[s.enterprise.indexOf(en(4))]).toBe(2013);
    expect(s.rowTreatment[at(4, 2011)]).toBe(2014);
    expect(files()).toEqual([
      expect.stringMatching(new RegExp(`^panel-v${s.version}-${s.stamp}-\\w+\\.snap$`)),
    ]);
  });

  it('a restarted server reads the file, not the table, and gets the same arrays', async () => {
    const before = await panelSnapshot(t.handle.db);
    const h = await restarted();
    try {
      const s = await panelSnapshot(h.db);
      expect(s.timing.source).toBe('file');
      expect(data(s)).toEqual(data(before));
    } finally {
      await h.release();
    }
  });

  it('a re-import is merged into the stored snapshot, which equals the table; the old file goes', async () => {
    const old = files();
    const r = await load(secondFile());
    expect(r).toMatchObject({ ok: true, replaced: 3, rows: 5 });
    const s = await panelSnapshot(t.handle.db);
    expect(s.timing.source).toBe('import');
    expect(s.rows).toBe(44);
    expect(data(s)).toEqual(data(await loadSnapshot(t.handle.db)));
    const f0 = s.enterprise.indexOf(en(0));
    expect([...s.fte.slice(s.firmStart[f0]! + 2, s.firmStart[f0]! + 4)]).toEqual([99.5, 98.5]);
    expect(s.enterprise).toContain(en(6));
    expect(s.maxYear).toBe(2017);
    expect(files()).toHaveLength(1);
    expect(files()).not.toEqual(old);
  });

  it('a file that is most of the panel replaces it with the key rebuilt: the same answer', async () => {
    const r = await load(firstFile()); // 42 rows over 44: the primary key is dropped and built again
    expect(r).toMatchObject({ ok: true, replaced: 42 });
    const s = await panelSnapshot(t.handle.db);
    expect(s.timing.source).toBe('import');
    expect(s.rows).toBe(44);
    expect(data(s)).toEqual(data(await loadSnapshot(t.handle.db)));
    const f0 = s.enterprise.indexOf(en(0));
    expect(s.fte[s.firmStart[f0]! + 2]).toBe(10.2); // firm 0 in 2012 as the first file gives it again
    const key = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_constraint WHERE conname = 'firm_years_pkey'`.execute(t.handle.db);
    expect(key.rows[0]!.n).toBe(1);
  });

  it('a write outside the importer makes the file stale: the snapshot is rebuilt from the table', async () => {
    const before = await panelSnapshot(t.handle.db);
    await sql`UPDATE firm_years SET fte = 1234.5 WHERE enterprise_number = ${en(3)} AND year = 2015`.execute(
      t.handle.db,
    );
    const s = await panelSnapshot(t.handle.db);
    expect(s.stamp).not.toBe(before.stamp);
    expect(s.timing.source).toBe('copy');
    const f3 = s.enterprise.indexOf(en(3));
    expect(s.fte[s.firmStart[f3]! + 5]).toBe(1234.5);
    expect(files()).toEqual([expect.stringContaining(s.stamp)]);
  });

  it('a damaged file is not trusted: read from the table instead, and replaced', async () => {
    const s = await panelSnapshot(t.handle.db);
    const path = join(dir, files()[0]!);
    const bytes = readFileSync(path);
    bytes[bytes.length >> 1]! ^= 0x40;
    writeFileSync(path, bytes);
    const h = await restarted();
    try {
      const again = await panelSnapshot(h.db);
      expect(again.timing.source).toBe('copy');
      expect(data(again)).toEqual(data(s));
    } finally {
      await h.release();
    }
    const h2 = await restarted();
    try {
      expect((await panelSnapshot(h2.db)).timing.source).toBe('file');
    } finally {
      await h2.release();
    }
  });

  it('cohorts and populations are computed once per registry version, and follow the registry', async () => {
    const s = await panelSnapshot(t.handle.db);
    const a = await treatmentCohorts(ctx(), s, { kind: 'any' });
    expect(await treatmentCohorts(ctx(), s, { kind: 'any' })).toBe(a);
    expect([...a].every((g) => g === 0)).toBe(true);
    const pop = { sectors: ['C'], region: 'wallonia' as const };
    const p1 = await firmAttributes(ctx(), s, 2010, pop);
    expect(await firmAttributes(ctx(), s, 2010, pop)).toBe(p1);
    // firm 2 has no municipality in the panel: outside the population until the registry gives one
    const f2 = s.enterprise.indexOf(en(2));
    expect(p1.inPopulation[f2]).toBe(0);
    const net = await makeNetwork(t.handle.db, { kind: 'cluster' });
    const o = await makeOrganisation(t.handle.db, { enterpriseNumber: en(2), municipalityNis: '62063' });
    await makeMembership(t.handle.db, o.id, net.id, '2014-05-01');
    const b = await treatmentCohorts(ctx(), s, { kind: 'any' });
    expect(b).not.toBe(a);
    expect(b[f2]).toBe(2014);
    expect((await firmAttributes(ctx(), s, 2010, pop)).inPopulation[f2]).toBe(1);
  });
});
