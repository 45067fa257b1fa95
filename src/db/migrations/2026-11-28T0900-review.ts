import { type Kysely, sql } from 'kysely';

/**
 * Jury review: the reviewer pool (expertise, affiliation history), declared conflicts of interest,
 * assignments per stage (1: the pole's selection committee, 2: the international jury), scores per
 * criterion and the committee's consensus and decision per project and stage.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE reviewers (
      id serial PRIMARY KEY,
      user_id integer UNIQUE REFERENCES users (id) ON DELETE SET NULL,
      name text NOT NULL CHECK (length(trim(name)) > 0),
      email text,
      organisation_id integer REFERENCES organisations (id) ON DELETE SET NULL,
      country text,
      expertise text[] NOT NULL DEFAULT '{}',
      stages smallint[] NOT NULL DEFAULT '{1,2}',
      active boolean NOT NULL DEFAULT true,
      generated boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE reviewer_affiliations (
      id serial PRIMARY KEY,
      reviewer_id integer NOT NULL REFERENCES reviewers (id) ON DELETE CASCADE,
      organisation_id integer NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
      from_date date,
      to_date date,
      CHECK (to_date IS NULL OR from_date IS NULL OR to_date >= from_date)
    )`.execute(db);
  await sql`CREATE INDEX reviewer_affiliations_reviewer_idx ON reviewer_affiliations (reviewer_id)`.execute(
    db,
  );
  await sql`
    CREATE TABLE declared_conflicts (
      id serial PRIMARY KEY,
      reviewer_id integer NOT NULL REFERENCES reviewers (id) ON DELETE CASCADE,
      project_id integer REFERENCES projects (id) ON DELETE CASCADE,
      organisation_id integer REFERENCES organisations (id) ON DELETE CASCADE,
      reason text NOT NULL,
      declared_at timestamptz NOT NULL DEFAULT now(),
      CHECK (project_id IS NOT NULL OR organisation_id IS NOT NULL)
    )`.execute(db);
  await sql`
    CREATE TABLE review_assignments (
      id serial PRIMARY KEY,
      project_id integer NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
      reviewer_id integer NOT NULL REFERENCES reviewers (id) ON DELETE CASCADE,
      stage smallint NOT NULL CHECK (stage IN (1, 2)),
      affinity double precision NOT NULL DEFAULT 0,
      manual boolean NOT NULL DEFAULT false,
      comment text,
      total double precision,
      submitted_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (project_id, reviewer_id, stage)
    )`.execute(db);
  await sql`CREATE INDEX review_assignments_reviewer_idx ON review_assignments (reviewer_id)`.execute(db);
  await sql`
    CREATE TABLE review_scores (
      assignment_id integer NOT NULL REFERENCES review_assignments (id) ON DELETE CASCADE,
      criterion text NOT NULL,
      score double precision NOT NULL,
      PRIMARY KEY (assignment_id, criterion)
    )`.execute(db);
  await sql`
    CREATE TABLE project_reviews (
      project_id integer NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
      stage smallint NOT NULL CHECK (stage IN (1, 2)),
      consensus text,
      decision text CHECK (decision IN ('advance', 'reject', 'label')),
      justification text,
      decided_by integer REFERENCES users (id) ON DELETE SET NULL,
      decided_at timestamptz,
      PRIMARY KEY (project_id, stage)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'project_reviews',
    'review_scores',
    'review_assignments',
    'declared_conflicts',
    'reviewer_affiliations',
    'reviewers',
  ])
    await sql.raw(`DROP TABLE IF EXISTS ${t}`).execute(db);
}
