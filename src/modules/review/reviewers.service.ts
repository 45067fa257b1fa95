import { type EvaluationGrid, gridStage, weightedTotal } from '../../domain/eligibility/index.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import type { Ctx } from '../context.ts';
import { audit } from '../registry/audit.repository.ts';
import * as repo from './review.repository.ts';
import { requireUser } from './review.service.ts';

/**
 * The reviewers' side of the review: the pool (managers and admins build it), a reviewer's own
 * assignments and scores on the call's grid, and declared conflicts of interest. The committee's
 * side (conflicts found, assignment, ranking, decisions) is review.service.ts.
 */

async function myReviewer(ctx: Ctx) {
  requireUser(ctx.actor);
  const r = await repo.reviewerByUser(ctx.db, ctx.actor.userId);
  if (!r) throw new ForbiddenError('You are not in the reviewer pool');
  return r;
}

/** A reviewer's assignments: the projects to score, the grid, their own scores; never other reviewers. */
export async function myReviews(ctx: Ctx) {
  const me = await myReviewer(ctx);
  const rows = await ctx.db
    .selectFrom('reviewAssignments as a')
    .innerJoin('projects as p', 'p.id', 'a.projectId')
    .leftJoin('calls as c', 'c.id', 'p.callId')
    .select([
      'a.id',
      'a.stage',
      'a.comment',
      'a.total',
      'a.submittedAt',
      'p.id as projectId',
      'p.acronym',
      'p.title',
      'p.summary',
      'p.keywords',
      'c.id as callId',
      'c.title as callTitle',
      'c.grid',
    ])
    .where('a.reviewerId', '=', me.id)
    .orderBy('a.submittedAt', 'desc')
    .orderBy('p.acronym')
    .execute();
  const scores = await repo.scoresOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return {
    reviewer: { id: me.id, name: me.name },
    items: rows.map(({ grid, ...r }) => ({
      ...r,
      criteria: gridStage(grid as EvaluationGrid, r.stage)?.criteria ?? [],
      scores: Object.fromEntries(
        scores.filter((s) => s.assignmentId === r.id).map((s) => [s.criterion, s.score]),
      ),
    })),
  };
}

/** Save (and optionally submit) a reviewer's scores: every criterion of the stage, within its scale. */
export async function saveScores(
  ctx: Ctx,
  assignmentId: number,
  body: { scores: Record<string, number>; comment?: string | null; submit?: boolean },
) {
  const me = await myReviewer(ctx);
  const a = await ctx.db
    .selectFrom('reviewAssignments as a')
    .innerJoin('projects as p', 'p.id', 'a.projectId')
    .innerJoin('calls as c', 'c.id', 'p.callId')
    .select(['a.id', 'a.reviewerId', 'a.stage', 'a.submittedAt', 'c.grid', 'p.status'])
    .where('a.id', '=', assignmentId)
    .executeTakeFirst();
  if (!a || a.reviewerId !== me.id) throw new NotFoundError(`Review ${assignmentId}`);
  if (a.submittedAt) throw new ConflictError('This review is already submitted');
  const stage = gridStage(a.grid as EvaluationGrid, a.stage);
  if (!stage) throw new ConflictError(`The call’s grid has no stage ${a.stage}`);
  const total = weightedTotal(stage, body.scores);
  if (!total.ok && body.submit)
    throw new ValidationError(
      'The scores are not complete or not on the grid',
      total.problems.map((p) => ({ path: `scores.${p.path}`.replace(/\.$/, ''), message: p.message })),
    );
  // a draft may be partial, but never out of scale
  for (const [criterion, score] of Object.entries(body.scores)) {
    const c = stage.criteria.find((x) => x.id === criterion);
    if (!c)
      throw new ValidationError('Unknown criterion', [
        { path: `scores.${criterion}`, message: 'not a criterion of this stage' },
      ]);
    if (!(score >= c.scale.min && score <= c.scale.max))
      throw new ValidationError('Score out of scale', [
        { path: `scores.${criterion}`, message: `between ${c.scale.min} and ${c.scale.max}` },
      ]);
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('reviewScores').where('assignmentId', '=', assignmentId).execute();
    const entries = Object.entries(body.scores);
    if (entries.length)
      await trx
        .insertInto('reviewScores')
        .values(entries.map(([criterion, score]) => ({ assignmentId, criterion, score })))
        .execute();
    await trx
      .updateTable('reviewAssignments')
      .set({
        comment: body.comment ?? null,
        total: total.ok ? total.total : null,
        submittedAt: body.submit ? new Date() : null,
      })
      .where('id', '=', assignmentId)
      .execute();
    if (body.submit) await audit(trx, ctx.actor, 'review:submit', 'review', assignmentId, {});
  });
  return { id: assignmentId, total: total.ok ? total.total : null, submitted: body.submit === true };
}

/** The reviewer pool, for managers and admins (names and expertise are not public). */
export async function listReviewers(ctx: Ctx) {
  requireUser(ctx.actor);
  if (!ctx.actor.isAdmin && ctx.actor.managerOf.length === 0)
    throw new ForbiddenError('The reviewer pool is visible to managers and administrators');
  const rows = await ctx.db
    .selectFrom('reviewers as r')
    .leftJoin('organisations as o', 'o.id', 'r.organisationId')
    .select([
      'r.id',
      'r.name',
      'r.email',
      'r.expertise',
      'r.stages',
      'r.country',
      'r.active',
      'r.organisationId',
      'o.name as organisation',
    ])
    .orderBy('r.name')
    .execute();
  return { items: rows };
}

export async function createReviewer(
  ctx: Ctx,
  body: {
    name: string;
    email?: string | null;
    userId?: number | null;
    organisationId?: number | null;
    country?: string | null;
    expertise: string[];
    stages?: number[];
    affiliations?: { organisationId: number; fromDate?: string | null; toDate?: string | null }[];
  },
) {
  requireUser(ctx.actor);
  if (!ctx.actor.isAdmin && ctx.actor.managerOf.length === 0)
    throw new ForbiddenError('Managers and administrators build the reviewer pool');
  return ctx.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('reviewers')
      .values({
        name: body.name,
        email: body.email ?? null,
        userId: body.userId ?? null,
        organisationId: body.organisationId ?? null,
        country: body.country ?? null,
        expertise: body.expertise,
        stages: body.stages ?? [1, 2],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (body.affiliations?.length)
      await trx
        .insertInto('reviewerAffiliations')
        .values(
          body.affiliations.map((a) => ({
            reviewerId: id,
            organisationId: a.organisationId,
            fromDate: a.fromDate ?? null,
            toDate: a.toDate ?? null,
          })),
        )
        .execute();
    await audit(trx, ctx.actor, 'reviewer:create', 'reviewer', id, { name: body.name });
    return { id };
  });
}

/** A reviewer declares a conflict (with a project or an organisation); a pending assignment it hits is withdrawn. */
export async function declareConflict(
  ctx: Ctx,
  body: { projectId?: number | null; organisationId?: number | null; reason: string },
) {
  const me = await myReviewer(ctx);
  if (body.projectId == null && body.organisationId == null)
    throw new ValidationError('Say what the conflict is with', [
      { path: 'projectId', message: 'a project or an organisation' },
    ]);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('declaredConflicts')
      .values({
        reviewerId: me.id,
        projectId: body.projectId ?? null,
        organisationId: body.organisationId ?? null,
        reason: body.reason,
      })
      .execute();
    let q = trx
      .deleteFrom('reviewAssignments')
      .where('reviewerId', '=', me.id)
      .where('submittedAt', 'is', null);
    if (body.projectId != null) q = q.where('projectId', '=', body.projectId);
    else
      q = q.where('projectId', 'in', (eb) =>
        eb
          .selectFrom('projectPartners')
          .select('projectId')
          .where('organisationId', '=', body.organisationId!),
      );
    await q.execute();
    await audit(trx, ctx.actor, 'reviewer:declare-conflict', 'reviewer', me.id, body);
  });
  return { declared: true };
}
