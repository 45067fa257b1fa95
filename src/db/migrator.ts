import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './database.ts';
import * as m20261128T0500 from './migrations/2026-11-28T0500-registry.ts';
import * as m20261128T0600 from './migrations/2026-11-28T0600-data-version.ts';
import * as m20261128T0800 from './migrations/2026-11-28T0800-projects.ts';
import * as m20261128T0900 from './migrations/2026-11-28T0900-review.ts';
import * as m20261128T1200 from './migrations/2026-11-28T1200-search.ts';
import * as m20261128T1300 from './migrations/2026-11-28T1300-impact.ts';
import * as m20261128T1350 from './migrations/2026-11-28T1350-impact-runs.ts';
import * as m20261128T1400 from './migrations/2026-11-28T1400-search-speed.ts';

/**
 * Migrations are listed here explicitly (not read from the folder) so they work the same from
 * tsx, the test runner and a bundled build. Never edit a merged migration: add a new file.
 */
const MIGRATIONS: Record<string, Migration> = {
  '2026-11-28T0500-registry': m20261128T0500,
  '2026-11-28T0600-data-version': m20261128T0600,
  '2026-11-28T0800-projects': m20261128T0800,
  '2026-11-28T0900-review': m20261128T0900,
  '2026-11-28T1200-search': m20261128T1200,
  '2026-11-28T1300-impact': m20261128T1300,
  '2026-11-28T1350-impact-runs': m20261128T1350,
  '2026-11-28T1400-search-speed': m20261128T1400,
};

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
