import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import {
  createPGlite,
  type DatabaseHandle,
  databaseOnPGlite,
  databaseOnPostgres,
} from '../../src/db/database.ts';
import { adminUrl } from './postgres.ts';

/** Which database this run tests: PGlite by default, PostgreSQL when DATABASE_URL is set. */
export const DIALECT: 'pglite' | 'postgres' = inject('databaseUrl') ? 'postgres' : 'pglite';

/** A fresh, migrated, empty database of its own for the calling test file. */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const url = inject('databaseUrl');
  if (url) {
    const pg = (await import('pg')).default;
    const name = `polaris_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl(url) });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDb')}`);
    const h = databaseOnPostgres(adminUrl(url, name), 10);
    return {
      ...h,
      async close() {
        await h.close();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const bytes = readFileSync(inject('goldenImage'));
  const pglite = createPGlite({ loadDataDir: new Blob([bytes]) });
  await pglite.waitReady;
  return databaseOnPGlite(pglite);
}
