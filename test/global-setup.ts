import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createPGlite, databaseOnPGlite, databaseOnPostgres } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { adminUrl } from './helpers/postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    goldenImage: string;
    databaseUrl: string;
    templateDb: string;
  }
}

/**
 * Once per run: a migrated database every test file copies. PGlite: a data-folder dump loaded by
 * each file's instance (PGlite opens instances one after another, so a golden image is what keeps
 * the suite fast). PostgreSQL (DATABASE_URL set): a template database each file clones with
 * CREATE DATABASE … TEMPLATE.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL ?? '';
  project.provide('databaseUrl', url);
  // one template per run, so two runs on one server do not drop each other's
  const TEMPLATE_DB = `polaris_template_${process.pid}`;
  project.provide('templateDb', TEMPLATE_DB);
  if (url) {
    const pg = (await import('pg')).default;
    const admin = new pg.Client({ connectionString: adminUrl(url) });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    const h = databaseOnPostgres(adminUrl(url, TEMPLATE_DB), 2);
    await migrateToLatest(h.db);
    await h.close();
    project.provide('goldenImage', '');
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
      await admin.end();
    };
  }
  const pglite = createPGlite();
  const h = databaseOnPGlite(pglite);
  await migrateToLatest(h.db);
  const blob = await pglite.dumpDataDir('none');
  await h.close();
  const dir = resolve('.tmp');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `golden-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  project.provide('goldenImage', file);
  return async () => {
    const { rmSync } = await import('node:fs');
    rmSync(file, { force: true });
  };
}
