import { type Kysely, sql } from 'kysely';

/**
 * A data version, bumped by every statement that writes the registry's public tables. Readers
 * cache derived answers (lists, key figures, later graph metrics) per version: an answer is
 * reused exactly as long as nothing it depends on has changed, on every app server sharing the
 * database.
 */
/** The registry tables whose writes change public answers. */
const VERSIONED_TABLES = [
  'networks',
  'organisations',
  'memberships',
  'municipalities',
  'nace_codes',
  'boundaries',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE data_version (id int PRIMARY KEY DEFAULT 1 CHECK (id = 1), version bigint NOT NULL DEFAULT 1)`.execute(
    db,
  );
  await sql`INSERT INTO data_version (id, version) VALUES (1, 1)`.execute(db);
  await sql`
    CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE data_version SET version = version + 1 WHERE id = 1;
      RETURN NULL;
    END $$`.execute(db);
  for (const t of VERSIONED_TABLES) {
    await sql
      .raw(
        `CREATE TRIGGER ${t}_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of VERSIONED_TABLES) {
    await sql.raw(`DROP TRIGGER IF EXISTS ${t}_data_version ON ${t}`).execute(db);
  }
  await sql`DROP FUNCTION IF EXISTS bump_data_version()`.execute(db);
  await sql`DROP TABLE IF EXISTS data_version`.execute(db);
}
