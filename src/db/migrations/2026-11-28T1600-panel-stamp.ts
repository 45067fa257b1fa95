import { type Kysely, sql } from 'kysely';

/**
 * A random stamp beside the panel version, renewed by every write to firm_years (the same
 * statement trigger). The columnar snapshot persisted on disk (panel-snapshot-file.ts) is named by
 * it: a counter alone repeats across databases (every test database cloned from one template, a
 * database dropped and created again, two databases sharing a cache folder), a random stamp does
 * not, so a file can only ever be read back for the exact data it was built from.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE panel_version ADD COLUMN stamp text NOT NULL DEFAULT md5(random()::text || clock_timestamp()::text)`.execute(
    db,
  );
  await sql`
    CREATE OR REPLACE FUNCTION bump_panel_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE panel_version
      SET version = version + 1, stamp = md5(random()::text || clock_timestamp()::text)
      WHERE id = 1;
      RETURN NULL;
    END $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION bump_panel_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE panel_version SET version = version + 1 WHERE id = 1;
      RETURN NULL;
    END $$`.execute(db);
  await sql`ALTER TABLE panel_version DROP COLUMN stamp`.execute(db);
}
