import { type Kysely, sql } from 'kysely';

/**
 * Calls for projects and collaborative projects: consortia (partners with budget, funding
 * requested and granted), networks, the lifecycle journal, and external projects (CORDIS) whose
 * partners may be outside the registry (identified by their PIC).
 */
const VERSIONED = ['calls', 'call_networks', 'projects', 'project_networks', 'project_partners'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE organisations ADD COLUMN pic text UNIQUE CHECK (pic ~ '^[0-9]{9}$')`.execute(db);

  await sql`
    CREATE TABLE calls (
      id serial PRIMARY KEY,
      title text NOT NULL CHECK (length(trim(title)) > 0),
      description text,
      project_type text NOT NULL CHECK (project_type IN ('rd', 'training', 'investment', 'other')),
      opens_at timestamptz NOT NULL,
      closes_at timestamptz NOT NULL,
      budget_eur double precision CHECK (budget_eur >= 0),
      rules jsonb NOT NULL DEFAULT '{"rules": []}',
      grid jsonb NOT NULL DEFAULT '{"criteria": []}',
      reviewers_per_project smallint NOT NULL DEFAULT 3 CHECK (reviewers_per_project BETWEEN 1 AND 20),
      reviewer_load smallint NOT NULL DEFAULT 10 CHECK (reviewer_load BETWEEN 1 AND 200),
      conflict_years smallint NOT NULL DEFAULT 3 CHECK (conflict_years BETWEEN 0 AND 30),
      generated boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (closes_at > opens_at)
    )`.execute(db);
  await sql`
    CREATE TABLE call_networks (
      call_id integer NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
      network_id integer NOT NULL REFERENCES networks (id) ON DELETE RESTRICT,
      PRIMARY KEY (call_id, network_id)
    )`.execute(db);

  await sql`
    CREATE TABLE projects (
      id serial PRIMARY KEY,
      source text NOT NULL DEFAULT 'regional' CHECK (source IN ('regional', 'cordis', 'import')),
      external_id text,
      call_id integer REFERENCES calls (id) ON DELETE RESTRICT,
      acronym text NOT NULL CHECK (length(trim(acronym)) > 0),
      title text NOT NULL CHECK (length(trim(title)) > 0),
      summary text,
      keywords text[] NOT NULL DEFAULT '{}',
      project_type text NOT NULL CHECK (project_type IN ('rd', 'training', 'investment', 'other')),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'eligible', 'ineligible',
        'stage1', 'stage2', 'labelled', 'rejected', 'funded', 'running', 'closed', 'abandoned')),
      start_date date,
      end_date date,
      duration_months smallint CHECK (duration_months BETWEEN 1 AND 240),
      submitted_at timestamptz,
      labelled_on date,
      total_budget_eur double precision NOT NULL DEFAULT 0,
      public_funding_eur double precision NOT NULL DEFAULT 0,
      promised_jobs integer CHECK (promised_jobs >= 0),
      promised_patents integer CHECK (promised_patents >= 0),
      promised_products integer CHECK (promised_products >= 0),
      promised_spinoffs integer CHECK (promised_spinoffs >= 0),
      actual_jobs integer CHECK (actual_jobs >= 0),
      actual_patents integer CHECK (actual_patents >= 0),
      actual_products integer CHECK (actual_products >= 0),
      actual_spinoffs integer CHECK (actual_spinoffs >= 0),
      search_text text NOT NULL DEFAULT '',
      generated boolean NOT NULL DEFAULT false,
      created_by integer REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (source, external_id),
      CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
    )`.execute(db);
  await sql`CREATE INDEX projects_status_idx ON projects (status)`.execute(db);
  await sql`CREATE INDEX projects_call_idx ON projects (call_id)`.execute(db);
  await sql`CREATE INDEX projects_search_trgm_idx ON projects USING gin (search_text gin_trgm_ops)`.execute(
    db,
  );

  await sql`
    CREATE TABLE project_networks (
      project_id integer NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
      network_id integer NOT NULL REFERENCES networks (id) ON DELETE RESTRICT,
      PRIMARY KEY (project_id, network_id)
    )`.execute(db);
  await sql`CREATE INDEX project_networks_network_idx ON project_networks (network_id)`.execute(db);

  await sql`
    CREATE TABLE project_partners (
      id serial PRIMARY KEY,
      project_id integer NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
      organisation_id integer REFERENCES organisations (id) ON DELETE RESTRICT,
      external_id text,
      external_kind text,
      role text NOT NULL DEFAULT 'partner' CHECK (role IN ('coordinator', 'partner', 'subcontractor')),
      budget_eur double precision CHECK (budget_eur >= 0),
      funding_requested_eur double precision CHECK (funding_requested_eur >= 0),
      funding_granted_eur double precision CHECK (funding_granted_eur >= 0),
      CHECK (organisation_id IS NOT NULL OR external_id IS NOT NULL)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX project_partners_org_uq ON project_partners (project_id, organisation_id) WHERE organisation_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE UNIQUE INDEX project_partners_ext_uq ON project_partners (project_id, external_id) WHERE organisation_id IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX project_partners_org_idx ON project_partners (organisation_id)`.execute(db);
  await sql`CREATE INDEX project_partners_project_idx ON project_partners (project_id)`.execute(db);

  await sql`
    CREATE TABLE partner_funding_years (
      partner_id integer NOT NULL REFERENCES project_partners (id) ON DELETE CASCADE,
      year smallint NOT NULL CHECK (year BETWEEN 1990 AND 2100),
      amount_eur double precision NOT NULL CHECK (amount_eur >= 0),
      PRIMARY KEY (partner_id, year)
    )`.execute(db);

  await sql`
    CREATE TABLE project_transitions (
      id serial PRIMARY KEY,
      project_id integer NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
      from_status text,
      to_status text NOT NULL,
      user_id integer REFERENCES users (id) ON DELETE SET NULL,
      at timestamptz NOT NULL DEFAULT now(),
      note text
    )`.execute(db);
  await sql`CREATE INDEX project_transitions_project_idx ON project_transitions (project_id, at)`.execute(db);

  for (const t of VERSIONED) {
    await sql
      .raw(
        `CREATE TRIGGER ${t}_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'project_transitions',
    'partner_funding_years',
    'project_partners',
    'project_networks',
    'projects',
    'call_networks',
    'calls',
  ]) {
    await sql.raw(`DROP TABLE IF EXISTS ${t}`).execute(db);
  }
  await sql`ALTER TABLE organisations DROP COLUMN IF EXISTS pic`.execute(db);
}
