import { type Kysely, sql } from 'kysely';

/** The registry: reference data, networks, organisations, memberships, people, accounts. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
  await sql`CREATE EXTENSION IF NOT EXISTS unaccent`.execute(db);

  await sql`
    CREATE TABLE nace_codes (
      code text PRIMARY KEY,
      level smallint NOT NULL,
      parent text,
      section text NOT NULL,
      label_fr text NOT NULL,
      label_nl text,
      label_de text,
      label_en text
    )`.execute(db);

  await sql`
    CREATE TABLE municipalities (
      nis text PRIMARY KEY CHECK (nis ~ '^[0-9]{5}$'),
      name_fr text NOT NULL,
      name_nl text,
      arrondissement_nis text,
      province_nis text,
      province_fr text,
      region text,
      population integer,
      postcode text
    )`.execute(db);

  await sql`
    CREATE TABLE boundaries (
      level text NOT NULL CHECK (level IN ('province', 'municipality', 'arrondissement')),
      nis text NOT NULL,
      name text NOT NULL,
      population integer,
      geometry jsonb NOT NULL,
      PRIMARY KEY (level, nis)
    )`.execute(db);

  await sql`
    CREATE TABLE networks (
      id serial PRIMARY KEY,
      slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      kind text NOT NULL CHECK (kind IN ('pole', 'cluster')),
      name text NOT NULL,
      acronym text,
      domain text NOT NULL,
      description_fr text,
      description_en text,
      website text,
      recognised_from date,
      recognised_to date,
      illustrative boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (recognised_to IS NULL OR recognised_from IS NULL OR recognised_to >= recognised_from)
    )`.execute(db);

  await sql`
    CREATE TABLE organisations (
      id serial PRIMARY KEY,
      name text NOT NULL CHECK (length(trim(name)) > 0),
      name_key text NOT NULL,
      search_text text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('enterprise', 'university', 'university_college', 'research_centre',
        'training_operator', 'public_body', 'association', 'other')),
      enterprise_number text UNIQUE CHECK (enterprise_number ~ '^[01][0-9]{9}$'),
      legal_form text,
      headcount integer CHECK (headcount >= 0),
      turnover_eur double precision CHECK (turnover_eur >= 0),
      balance_sheet_eur double precision CHECK (balance_sheet_eur >= 0),
      size_class text CHECK (size_class IN ('micro', 'small', 'medium', 'large')),
      nace_codes text[] NOT NULL DEFAULT '{}',
      nace_sections text[] NOT NULL DEFAULT '{}',
      address text,
      postcode text,
      municipality_nis text CHECK (municipality_nis ~ '^[0-9]{5}$'),
      province_nis text,
      website text,
      description text,
      keywords text[] NOT NULL DEFAULT '{}',
      generated boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX organisations_search_trgm_idx ON organisations USING gin (search_text gin_trgm_ops)`.execute(
    db,
  );
  await sql`CREATE INDEX organisations_nace_idx ON organisations USING gin (nace_codes)`.execute(db);
  await sql`CREATE INDEX organisations_sort_name_idx ON organisations (name_key, id)`.execute(db);

  await sql`
    CREATE TABLE memberships (
      id serial PRIMARY KEY,
      organisation_id integer NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
      network_id integer NOT NULL REFERENCES networks (id) ON DELETE RESTRICT,
      joined_on date NOT NULL,
      left_on date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (left_on IS NULL OR left_on >= joined_on)
    )`.execute(db);
  await sql`CREATE INDEX memberships_network_idx ON memberships (network_id, joined_on, left_on)`.execute(db);
  await sql`CREATE INDEX memberships_org_idx ON memberships (organisation_id, network_id)`.execute(db);

  await sql`
    CREATE TABLE people (
      id serial PRIMARY KEY,
      organisation_id integer NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
      first_name text NOT NULL,
      last_name text NOT NULL,
      email text,
      phone text,
      job_title text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX people_org_idx ON people (organisation_id)`.execute(db);

  await sql`
    CREATE TABLE users (
      id serial PRIMARY KEY,
      email text NOT NULL UNIQUE,
      display_name text NOT NULL,
      password_hash text NOT NULL,
      is_admin boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE user_roles (
      id serial PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('network_manager', 'member')),
      network_id integer REFERENCES networks (id) ON DELETE CASCADE,
      organisation_id integer REFERENCES organisations (id) ON DELETE CASCADE,
      CHECK ((role = 'network_manager' AND network_id IS NOT NULL) OR (role = 'member' AND organisation_id IS NOT NULL))
    )`.execute(db);

  await sql`
    CREATE TABLE sessions (
      token_hash text PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      expires_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE audit_log (
      id serial PRIMARY KEY,
      user_id integer REFERENCES users (id) ON DELETE SET NULL,
      action text NOT NULL,
      entity text NOT NULL,
      entity_id text,
      details jsonb NOT NULL DEFAULT '{}',
      at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'audit_log',
    'sessions',
    'user_roles',
    'users',
    'people',
    'memberships',
    'organisations',
    'networks',
    'boundaries',
    'municipalities',
    'nace_codes',
  ]) {
    await sql`DROP TABLE IF EXISTS ${sql.table(t)}`.execute(db);
  }
}
