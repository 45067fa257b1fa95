import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type DatabaseHandle, openDatabase } from '../db/database.ts';
import { acquireDataDirLock } from '../db/lock.ts';
import { migrateToLatest } from '../db/migrator.ts';
import { setPanelCacheDir } from '../modules/impact/panel-snapshot.ts';
import { panelCacheDir } from '../modules/impact/panel-snapshot-file.ts';

/** Where the embedded database lives: POLARIS_DATA_DIR or ./data. */
export function dataDir(): string {
  return resolve(process.env.POLARIS_DATA_DIR ?? 'data');
}

export interface CliDatabase extends DatabaseHandle {
  /** for the server: record its address in the lock so other commands can say where to go */
  announce(url: string): void;
  /** where the data is, for messages */
  location: string;
}

/**
 * Open the database for a command: PostgreSQL when DATABASE_URL is set, else the embedded
 * PGlite folder — after taking its lock, so a second process never opens it (it would lose
 * writes). Migrations are applied.
 */
export async function openForCommand(command: string): Promise<CliDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const h = await openDatabase({ databaseUrl: url });
    await migrateToLatest(h.db);
    // the impact panel's columnar snapshot file (POLARIS_CACHE_DIR, else beside the data folder)
    const root = process.env.POLARIS_CACHE_DIR ?? join(dataDir(), 'polaris-cache');
    setPanelCacheDir(h.db, panelCacheDir({ root, databaseUrl: url }));
    return { ...h, announce() {}, location: url.replace(/\/\/[^@]*@/, '//…@') };
  }
  const dir = dataDir();
  mkdirSync(dir, { recursive: true }); // the lock file lives in the folder
  const lock = acquireDataDirLock(dir, command);
  try {
    const h = await openDatabase({ dataDir: dir });
    await migrateToLatest(h.db);
    setPanelCacheDir(h.db, panelCacheDir({ dataDir: dir })); // the panel snapshot's file
    return {
      ...h,
      location: dir,
      announce: (u) => lock.update(u),
      async close() {
        try {
          await h.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (e) {
    lock.release();
    throw e;
  }
}
