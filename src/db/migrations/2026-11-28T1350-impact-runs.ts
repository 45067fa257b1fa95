import { type Kysely, sql } from 'kysely';

/**
 * Impact runs: one causal estimation on the stored firm-year panel (Callaway & Sant'Anna, 2×2
 * DiD, TWFE, matching), run as a job by the in-process runner (`impact-runs.runner.ts`).
 *
 * `parameters` are the normalised request (defaults filled, sets sorted) and `parameters_key`
 * their canonical JSON: identical parameters on the same `data_version` reuse a stored result
 * (index `impact_runs_reuse_idx`). `progress` goes 0 → 1 while `status` is running; a run left
 * queued or running by a stopped server is marked failed at the next start.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE impact_runs (
      id serial PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('attgt', 'did', 'twfe', 'matching')),
      parameters jsonb NOT NULL,
      parameters_key text NOT NULL,
      data_version bigint NOT NULL,
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
      progress double precision NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
      message text,
      result jsonb,
      created_by integer REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      finished_at timestamptz,
      CHECK (status <> 'done' OR result IS NOT NULL)
    )`.execute(db);
  await sql`CREATE INDEX impact_runs_reuse_idx ON impact_runs (parameters_key, data_version)`.execute(db);
  await sql`CREATE INDEX impact_runs_created_idx ON impact_runs (created_at DESC, id DESC)`.execute(db);
  // the runner's start-up sweep and its queue read only unfinished runs
  await sql`CREATE INDEX impact_runs_open_idx ON impact_runs (id) WHERE status IN ('queued', 'running')`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS impact_runs`.execute(db);
}
