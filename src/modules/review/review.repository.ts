import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** Projects of a call waiting for (or in) a review stage. */
export async function stageProjects(db: Db, callId: number, stage: 1 | 2, includeDecided = false) {
  const statuses = stage === 1 ? ['eligible', 'stage1'] : ['stage2'];
  return db
    .selectFrom('projects')
    .select(['id', 'acronym', 'title', 'summary', 'keywords', 'status'])
    .where('callId', '=', callId)
    .where((eb) =>
      includeDecided
        ? eb.or([
            eb('status', 'in', statuses),
            eb.exists(
              eb
                .selectFrom('projectReviews as r')
                .select('r.projectId')
                .whereRef('r.projectId', '=', 'projects.id')
                .where('r.stage', '=', stage),
            ),
          ])
        : eb('status', 'in', statuses),
    )
    .orderBy('acronym')
    .execute();
}

export async function partnersOfProjects(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('projectPartners as pp')
    .innerJoin('organisations as o', 'o.id', 'pp.organisationId')
    .select(['pp.projectId', 'o.id', 'o.name'])
    .where('pp.projectId', 'in', ids)
    .execute();
}

export async function activeReviewers(db: Db, stage: 1 | 2) {
  return db
    .selectFrom('reviewers')
    .select(['id', 'name', 'email', 'userId', 'organisationId', 'expertise', 'country'])
    .where('active', '=', true)
    .where(sql<boolean>`${stage}::smallint = ANY(stages)`)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** Each reviewer's organisations within the window: current one and affiliations not ended before `since`. */
export async function reviewerOrganisations(db: Db, reviewerIds: number[], since: string) {
  if (reviewerIds.length === 0) return new Map<number, number[]>();
  const rows = await sql<{ reviewerId: number; organisationId: number }>`
    SELECT id AS reviewer_id, organisation_id FROM reviewers WHERE id = ANY(${reviewerIds}::int[]) AND organisation_id IS NOT NULL
    UNION
    SELECT reviewer_id, organisation_id FROM reviewer_affiliations
    WHERE reviewer_id = ANY(${reviewerIds}::int[]) AND (to_date IS NULL OR to_date >= ${since}::date)`.execute(
    db,
  );
  const m = new Map<number, number[]>();
  for (const r of rows.rows) {
    const list = m.get(r.reviewerId) ?? [];
    list.push(r.organisationId);
    m.set(r.reviewerId, list);
  }
  return m;
}

/**
 * Pairs of organisations that took part together in a project started (or labelled, or submitted)
 * since `since`, other than the projects under review, for the given organisations.
 */
export async function recentCollaborations(
  db: Db,
  organisationIds: number[],
  since: string,
  exclude: number[],
) {
  const m = new Map<number, Set<number>>();
  if (organisationIds.length === 0) return m;
  const rows = await sql<{ a: number; b: number }>`
    SELECT DISTINCT x.organisation_id AS a, y.organisation_id AS b
    FROM project_partners x
    JOIN project_partners y ON y.project_id = x.project_id AND y.organisation_id <> x.organisation_id
    JOIN projects p ON p.id = x.project_id
    WHERE x.organisation_id = ANY(${organisationIds}::int[])
      AND p.status NOT IN ('draft')
      AND NOT (p.id = ANY(${exclude.length ? exclude : [0]}::int[]))
      AND coalesce(p.start_date, p.labelled_on, p.submitted_at::date) >= ${since}::date`.execute(db);
  for (const r of rows.rows) {
    const s = m.get(r.a) ?? new Set<number>();
    s.add(r.b);
    m.set(r.a, s);
  }
  return m;
}

export async function declaredConflicts(db: Db, reviewerIds: number[]) {
  if (reviewerIds.length === 0) return [];
  return db
    .selectFrom('declaredConflicts')
    .select(['reviewerId', 'projectId', 'organisationId', 'reason'])
    .where('reviewerId', 'in', reviewerIds)
    .execute();
}

export async function assignmentsOf(db: Db, projectIds: number[], stage: 1 | 2) {
  if (projectIds.length === 0) return [];
  return db
    .selectFrom('reviewAssignments')
    .select([
      'id',
      'projectId',
      'reviewerId',
      'stage',
      'affinity',
      'manual',
      'total',
      'submittedAt',
      'comment',
    ])
    .where('projectId', 'in', projectIds)
    .where('stage', '=', stage)
    .orderBy('projectId')
    .orderBy('reviewerId')
    .execute();
}

export async function scoresOf(db: Db, assignmentIds: number[]) {
  if (assignmentIds.length === 0) return [];
  return db
    .selectFrom('reviewScores')
    .select(['assignmentId', 'criterion', 'score'])
    .where('assignmentId', 'in', assignmentIds)
    .execute();
}

export async function reviewerByUser(db: Db, userId: number | null) {
  if (userId == null) return undefined;
  return db.selectFrom('reviewers').selectAll().where('userId', '=', userId).executeTakeFirst();
}

export async function projectReviews(db: Db, projectIds: number[], stage: 1 | 2) {
  if (projectIds.length === 0) return [];
  return db
    .selectFrom('projectReviews')
    .selectAll()
    .where('projectId', 'in', projectIds)
    .where('stage', '=', stage)
    .execute();
}
