import { type Kysely, sql } from 'kysely';

/**
 * The firm-year panel of the impact observatory: one row per enterprise and year (FTE employment,
 * value added, turnover, exports, NACE code, municipality) as the National Bank's balance-sheet
 * office and social-security extracts give them, for member and non-member firms alike (an
 * enterprise number need not be in the registry). `panel_imports` keeps who loaded which file.
 *
 * No foreign keys on `firm_years`: the panel covers regional industry beyond the registry, and a
 * 2-million-row COPY should not pay a row-by-row trigger for the import id.
 *
 * Checks are lengths, not regular expressions: a regex CHECK costs ~5 µs a row in a PGlite COPY
 * (two made a 2-million-row import ~2.5× slower, bench/impact-panel.ts); the importer validates
 * enterprise numbers (mod 97) and NIS codes before writing, the table keeps the last guard.
 *
 * Versions: statement triggers bump the shared data version (cached answers) and `panel_version`,
 * which only the panel's writes move, so the columnar snapshot (panel-snapshot.ts) survives
 * registry edits and is rebuilt only when firm-years change. Its random `stamp`, renewed by the
 * same trigger, names the snapshot persisted on disk (panel-snapshot-file.ts): a counter alone
 * repeats across databases (test databases cloned from one template, a database dropped and
 * created again, two databases sharing a cache folder), a random stamp does not.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE panel_imports (
      id serial PRIMARY KEY,
      file_name text,
      source text,
      rows integer NOT NULL,
      firms integer NOT NULL,
      first_year integer,
      last_year integer,
      replaced integer NOT NULL DEFAULT 0,
      unknown_enterprises integer NOT NULL DEFAULT 0,
      created_by integer REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE firm_years (
      enterprise_number text NOT NULL CHECK (octet_length(enterprise_number) = 10),
      year smallint NOT NULL CHECK (year BETWEEN 1900 AND 2100),
      fte double precision CHECK (fte >= 0),
      value_added double precision,
      turnover double precision CHECK (turnover >= 0),
      exports double precision CHECK (exports >= 0),
      nace_code text,
      municipality_nis text CHECK (octet_length(municipality_nis) = 5),
      treatment_year smallint,
      import_id integer,
      CONSTRAINT firm_years_pkey PRIMARY KEY (enterprise_number, year)
    )`.execute(db);
  await sql`
    CREATE TABLE panel_version (
      id int PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      version bigint NOT NULL DEFAULT 1,
      stamp text NOT NULL DEFAULT md5(random()::text || clock_timestamp()::text)
    )`.execute(db);
  await sql`INSERT INTO panel_version (id, version) VALUES (1, 1)`.execute(db);
  await sql`
    CREATE FUNCTION bump_panel_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE panel_version
      SET version = version + 1, stamp = md5(random()::text || clock_timestamp()::text)
      WHERE id = 1;
      RETURN NULL;
    END $$`.execute(db);
  for (const [name, fn] of [
    ['firm_years_data_version', 'bump_data_version'],
    ['firm_years_panel_version', 'bump_panel_version'],
  ] as const) {
    await sql
      .raw(
        `CREATE TRIGGER ${name} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON firm_years FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS firm_years`.execute(db);
  await sql`DROP FUNCTION IF EXISTS bump_panel_version()`.execute(db);
  await sql`DROP TABLE IF EXISTS panel_version`.execute(db);
  await sql`DROP TABLE IF EXISTS panel_imports`.execute(db);
}
