import { sql } from 'kysely';
import { copyOutputTag, registerCopyBlob, takeCopyOutput } from '../../db/copy.ts';
import type { Db } from '../../db/database.ts';

/** The firm-year panel tables (Kysely only; COPY through copy.ts). */

type Tx = Db;

/** The panel's own version: moved by every write to firm_years (migration 2026-11-28T1300). */
export async function panelVersion(db: Db): Promise<number> {
  return (await panelState(db)).version;
}

/**
 * The panel's version and stamp (a random value renewed with the version, migration
 * 2026-11-28T1600): the stamp names the snapshot of exactly this data.
 */
export async function panelState(db: Db): Promise<{ version: number; stamp: string }> {
  const r = await sql<{ version: number; stamp: string }>`
    SELECT version, stamp FROM panel_version WHERE id = 1`.execute(db);
  const row = r.rows[0]!;
  return { version: Number(row.version), stamp: row.stamp };
}

/**
 * The panel state, locked until the transaction ends: a concurrent firm-year write waits at its
 * version bump, so what this transaction reads is the data of this stamp.
 */
export async function lockPanelState(trx: Tx): Promise<{ version: number; stamp: string }> {
  const r = await sql<{ version: number; stamp: string }>`
    SELECT version, stamp FROM panel_version WHERE id = 1 FOR UPDATE`.execute(trx);
  const row = r.rows[0]!;
  return { version: Number(row.version), stamp: row.stamp };
}

/** The registry's data version (the open-data repository's, one reader for the whole app). */
export { dataVersion } from '../opendata/opendata.repository.ts';

/** Whether the panel holds any row (cheap: stops at the first). */
export async function panelIsEmpty(db: Db): Promise<boolean> {
  const r = await db.selectFrom('firmYears').select('year').limit(1).executeTakeFirst();
  return r === undefined;
}

/** Enterprise numbers the registry knows, to report the panel's others (they are kept). */
export async function registryEnterpriseNumbers(db: Db): Promise<Set<string>> {
  const rows = await db
    .selectFrom('organisations')
    .select('enterpriseNumber')
    .where('enterpriseNumber', 'is not', null)
    .execute();
  return new Set(rows.map((r) => r.enterpriseNumber!));
}

export async function insertPanelImport(
  db: Tx,
  row: {
    fileName: string | null;
    source: string | null;
    rows: number;
    firms: number;
    firstYear: number | null;
    lastYear: number | null;
    unknownEnterprises: number;
    createdBy: number | null;
  },
): Promise<number> {
  const { id } = await db.insertInto('panelImports').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function setReplaced(db: Tx, importId: number, replaced: number): Promise<void> {
  await db.updateTable('panelImports').set({ replaced }).where('id', '=', importId).execute();
}

const COLUMNS =
  'enterprise_number, year, fte, value_added, turnover, exports, nace_code, municipality_nis, treatment_year, import_id';

/** COPY text rows (tab-separated, \N for null) into `table` (firm_years or the staging table). */
export async function copyFirmYears(
  db: Tx,
  table: 'firm_years' | 'firm_years_load',
  text: string,
): Promise<void> {
  const tag = registerCopyBlob(text);
  await sql.raw(`${tag} COPY ${table} (${COLUMNS}) FROM '/dev/blob'`).execute(db);
}

/**
 * COPY rows in PostgreSQL's binary format (panel-copy-binary.ts) into `table`: no number is
 * printed by JavaScript nor parsed by the server (half the time of text COPY on PGlite).
 */
export async function copyFirmYearsBinary(
  db: Tx,
  table: 'firm_years' | 'firm_years_load',
  data: Iterable<Uint8Array>,
): Promise<void> {
  const tag = registerCopyBlob(data);
  await sql.raw(`${tag} COPY ${table} (${COLUMNS}) FROM '/dev/blob' WITH (FORMAT binary)`).execute(db);
}

/**
 * Into an empty panel: drop the primary key, COPY, build it again in one sort (PostgreSQL manual,
 * "Populating a Database": faster than maintaining the index row by row; the rows come sorted by
 * the key, so the sort is cheap). Duplicates were refused before; the rebuilt key would catch any
 * left and roll everything back.
 */
export async function loadIntoEmpty(db: Tx, batches: Iterable<Iterable<Uint8Array>>): Promise<void> {
  await sql`SET LOCAL maintenance_work_mem = '256MB'`.execute(db);
  await sql`ALTER TABLE firm_years DROP CONSTRAINT firm_years_pkey`.execute(db);
  for (const data of batches) await copyFirmYearsBinary(db, 'firm_years', data);
  await sql`ALTER TABLE firm_years ADD CONSTRAINT firm_years_pkey PRIMARY KEY (enterprise_number, year)`.execute(
    db,
  );
}

/**
 * Into a panel that has rows: load a staging table, replace the firm-years the file gives again
 * (the latest import wins), insert. Returns how many stored rows were replaced.
 *
 * `rebuildKey` (a file that is a large share of the panel): the primary key is dropped first and
 * built again at the end, so the delete is one hash join and the insert maintains no index —
 * a 2 M-row file over a 2 M-row panel took 19 s (PostgreSQL) and 34 s (PGlite) with the key kept
 * row by row. A small file keeps the key: its rows are found through it.
 */
export async function loadReplacing(
  db: Tx,
  batches: Iterable<Iterable<Uint8Array>>,
  opts: { rebuildKey?: boolean } = {},
): Promise<number> {
  await sql`CREATE TEMP TABLE firm_years_load (LIKE firm_years INCLUDING DEFAULTS) ON COMMIT DROP`.execute(
    db,
  );
  for (const data of batches) await copyFirmYearsBinary(db, 'firm_years_load', data);
  if (opts.rebuildKey) {
    await sql`SET LOCAL maintenance_work_mem = '256MB'`.execute(db);
    await sql`ALTER TABLE firm_years DROP CONSTRAINT firm_years_pkey`.execute(db);
  }
  await sql`ANALYZE firm_years_load`.execute(db);
  const del = await sql`
    DELETE FROM firm_years f USING firm_years_load l
    WHERE f.enterprise_number = l.enterprise_number AND f.year = l.year`.execute(db);
  await sql.raw(`INSERT INTO firm_years (${COLUMNS}) SELECT ${COLUMNS} FROM firm_years_load`).execute(db);
  if (opts.rebuildKey)
    await sql`ALTER TABLE firm_years ADD CONSTRAINT firm_years_pkey PRIMARY KEY (enterprise_number, year)`.execute(
      db,
    );
  return Number(del.numAffectedRows ?? 0);
}

/** Firm-years stored (exact; for a decision that the snapshot's row count usually answers). */
export async function countFirmYears(db: Db): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM firm_years`.execute(db);
  return Number(r.rows[0]!.n);
}

/** The columns the snapshot reads, in order (panel-snapshot.ts parses this text). */
export const SNAPSHOT_COLUMNS = [
  'enterprise_number',
  'year',
  'fte',
  'value_added',
  'turnover',
  'exports',
  'nace_code',
  'municipality_nis',
  'treatment_year',
] as const;

/**
 * The whole panel as COPY text (tab-separated, \N for null), in one statement, with the panel
 * state it is the data of (one repeatable-read transaction: a write committed in between cannot
 * pair new rows with the old stamp).
 */
export async function copyPanelOut(db: Db): Promise<{ bytes: Uint8Array; version: number; stamp: string }> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const state = await panelState(trx);
      const { tag, token } = copyOutputTag();
      await sql
        .raw(`${tag} COPY (SELECT ${SNAPSHOT_COLUMNS.join(', ')} FROM firm_years) TO '/dev/blob'`)
        .execute(trx);
      return { bytes: takeCopyOutput(token), ...state };
    });
}

/** Firm-year rows for the administrators' view, by enterprise number then year. */
export async function listFirmYears(
  db: Db,
  q: { enterpriseNumber?: string; year?: number; limit: number; offset: number },
) {
  let query = db.selectFrom('firmYears').selectAll();
  if (q.enterpriseNumber) query = query.where('enterpriseNumber', '=', q.enterpriseNumber);
  if (q.year) query = query.where('year', '=', q.year);
  return query.orderBy('enterpriseNumber').orderBy('year').limit(q.limit).offset(q.offset).execute();
}

export async function recentImports(db: Db, limit = 10) {
  return db.selectFrom('panelImports').selectAll().orderBy('id', 'desc').limit(limit).execute();
}
