import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { CopyingClient } from './pg-copy-client.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** the PGlite instance (embedded mode only), for dumps and COPY */
  pglite?: PGlite;
  close(): Promise<void>;
}

// Same JS types from both drivers: bigint and numeric as numbers, `date` as 'YYYY-MM-DD'.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(NUMERIC, (v) => Number(v));
pg.types.setTypeParser(DATE, (v) => v);
const pgliteParsers = {
  [INT8]: (v: string) => Number(v),
  [NUMERIC]: (v: string) => Number(v),
  [DATE]: (v: string) => v,
};

export const PGLITE_EXTENSIONS = { pg_trgm, unaccent };

export function createPGlite(options: { dataDir?: string; loadDataDir?: Blob | File } = {}): PGlite {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  return new PGlite({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    extensions: PGLITE_EXTENSIONS,
    parsers: pgliteParsers,
  });
}

function kyselyOn(dialect: ConstructorParameters<typeof Kysely<Database>>[0]['dialect']): Db {
  return new Kysely<Database>({ dialect, plugins: [new CamelCasePlugin()] });
}

/** Kysely over an existing PGlite instance (the caller owns the instance). */
export function databaseOnPGlite(pglite: PGlite): DatabaseHandle {
  const db = kyselyOn(new PGliteDialect(pglite));
  return {
    db,
    kind: 'pglite',
    pglite,
    async close() {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

/** Kysely over a PostgreSQL server. */
export function databaseOnPostgres(connectionString: string, poolSize = 20): DatabaseHandle {
  // CopyingClient: COPY statements tagged by copy.ts run through pg-copy-streams
  const pool = new pg.Pool({ connectionString, max: poolSize, Client: CopyingClient });
  // An idle client whose server connection drops (a restart, an administrator's kill) must not
  // take the process down: the pool discards it and opens a new one on the next query.
  pool.on('error', (err) => {
    process.emitWarning(`PostgreSQL idle client error: ${err.message}`);
  });
  const db = kyselyOn(new PostgresDialect({ pool }));
  return {
    db,
    kind: 'postgres',
    async close() {
      await db.destroy();
    },
  };
}

export interface DatabaseConfig {
  /** postgres://… — when set, PostgreSQL; otherwise embedded PGlite in dataDir */
  databaseUrl?: string;
  dataDir?: string;
}

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  if (config.databaseUrl) return databaseOnPostgres(config.databaseUrl);
  const pglite = createPGlite({ dataDir: config.dataDir });
  await pglite.waitReady;
  return databaseOnPGlite(pglite);
}
