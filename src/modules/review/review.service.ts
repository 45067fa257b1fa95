import { assignReviewers, evaluateAssignment } from '../../analytics/assignment/index.ts';
import { affinityMatrix, terms } from '../../analytics/text-affinity.ts';
import { type ConflictReason, conflictReasons } from '../../domain/conflicts.ts';
import { type EvaluationGrid, gridStage } from '../../domain/eligibility/index.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from '../../domain/errors.ts';
import type { Actor } from '../auth/actor.ts';
import type { Ctx } from '../context.ts';
import { transition } from '../projects/project-write.service.ts';
import { audit } from '../registry/audit.repository.ts';
import * as repo from './review.repository.ts';

/**
 * Jury review: the reviewer pool, conflicts of interest found automatically, the optimal
 * assignment (min-cost flow, src/analytics/assignment), scores on the call's grid, ranking with
 * explicit ties, and the committee's decision. A conflicted reviewer is never assigned (so never
 * sees the project); a conflicted manager does not see who reviewed it.
 */

type Stage = 1 | 2;

export function requireUser(actor: Actor) {
  if (actor.userId == null && !actor.isAdmin) throw new UnauthenticatedError();
}

async function callOf(ctx: Ctx, callId: number) {
  const call = await ctx.db.selectFrom('calls').selectAll().where('id', '=', callId).executeTakeFirst();
  if (!call) throw new NotFoundError(`Call ${callId}`);
  const nets = await ctx.db
    .selectFrom('callNetworks')
    .select('networkId')
    .where('callId', '=', callId)
    .execute();
  return { ...call, networkIds: nets.map((n) => n.networkId) };
}

/** Managers of the call's networks (their own projects) and admins run the review. */
async function managedProjects(ctx: Ctx, callId: number, stage: Stage, includeDecided = false) {
  requireUser(ctx.actor);
  const call = await callOf(ctx, callId);
  if (!ctx.actor.isAdmin && !call.networkIds.some((n) => ctx.actor.managerOf.includes(n)))
    throw new ForbiddenError('Only the managers of the call’s networks, or administrators, run its review');
  let projects = await repo.stageProjects(ctx.db, callId, stage, includeDecided);
  if (!ctx.actor.isAdmin && projects.length) {
    const rows = await ctx.db
      .selectFrom('projectNetworks')
      .select(['projectId', 'networkId'])
      .where(
        'projectId',
        'in',
        projects.map((p) => p.id),
      )
      .execute();
    const mine = new Set(
      rows.filter((r) => ctx.actor.managerOf.includes(r.networkId)).map((r) => r.projectId),
    );
    projects = projects.filter((p) => mine.has(p.id));
  }
  return { call, projects };
}

function sinceDate(closesAt: Date, years: number): string {
  const d = new Date(closesAt);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString().slice(0, 10);
}

/** Everything the board and the solver need for one call and stage. */
async function stageFacts(ctx: Ctx, callId: number, stage: Stage, includeDecided = false) {
  const { call, projects } = await managedProjects(ctx, callId, stage, includeDecided);
  const ids = projects.map((p) => p.id);
  const partners = await repo.partnersOfProjects(ctx.db, ids);
  const partnersBy = new Map<number, { id: number; name: string }[]>();
  for (const p of partners) {
    const list = partnersBy.get(p.projectId) ?? [];
    list.push({ id: p.id, name: p.name });
    partnersBy.set(p.projectId, list);
  }
  const reviewers = await repo.activeReviewers(ctx.db, stage);
  const since = sinceDate(call.closesAt, call.conflictYears);
  const orgs = await repo.reviewerOrganisations(
    ctx.db,
    reviewers.map((r) => r.id),
    since,
  );
  const allOrgs = [...new Set([...orgs.values()].flat())];
  const collaborations = await repo.recentCollaborations(ctx.db, allOrgs, since, ids);
  const declared = await repo.declaredConflicts(
    ctx.db,
    reviewers.map((r) => r.id),
  );
  const P = projects.length;
  const R = reviewers.length;
  const conflicts = new Uint8Array(P * R);
  const reasons = new Map<string, ConflictReason[]>();
  const names = new Map(partners.map((p) => [p.id, p.name]));
  projects.forEach((p, i) => {
    const facts = {
      id: p.id,
      partnerIds: (partnersBy.get(p.id) ?? []).map((x) => x.id),
      partnerNames: names,
    };
    reviewers.forEach((r, j) => {
      const rs = conflictReasons(
        {
          id: r.id,
          organisationIds: orgs.get(r.id) ?? [],
          declaredProjectIds: declared
            .filter((d) => d.reviewerId === r.id && d.projectId != null)
            .map((d) => d.projectId!),
          declaredOrganisationIds: declared
            .filter((d) => d.reviewerId === r.id && d.organisationId != null)
            .map((d) => d.organisationId!),
        },
        facts,
        collaborations,
        call.conflictYears,
      );
      if (rs.length) {
        conflicts[i * R + j] = 1;
        reasons.set(`${p.id}:${r.id}`, rs);
      }
    });
  });
  const affinity = affinityMatrix(
    projects.map((p) => terms([p.title, p.summary ?? '', ...p.keywords].join(' '))),
    reviewers.map((r) => terms(r.expertise.join(' '))),
  );
  const assignments = await repo.assignmentsOf(ctx.db, ids, stage);
  return { call, projects, partnersBy, reviewers, conflicts, reasons, affinity, assignments };
}

type Facts = Awaited<ReturnType<typeof stageFacts>>;

function problemOf(f: Facts, fixed: [number, number][]) {
  return {
    projects: f.projects.length,
    reviewers: f.reviewers.length,
    affinity: f.affinity,
    conflicts: f.conflicts,
    perProject: f.call.reviewersPerProject,
    load: f.call.reviewerLoad,
    fixed,
    projectLabels: f.projects.map((p) => p.acronym),
    reviewerLabels: f.reviewers.map((r) => r.name),
  };
}

function indexOfPairs(f: Facts, rows: { projectId: number; reviewerId: number }[]): [number, number][] {
  const pi = new Map(f.projects.map((p, i) => [p.id, i]));
  const ri = new Map(f.reviewers.map((r, i) => [r.id, i]));
  return rows.flatMap((a) => {
    const p = pi.get(a.projectId);
    const r = ri.get(a.reviewerId);
    return p != null && r != null ? [[p, r] as [number, number]] : [];
  });
}

/** The manager's board: projects, reviewers with their load, conflicts with reasons, assignments, progress. */
export async function board(ctx: Ctx, callId: number, stage: Stage) {
  const f = await stageFacts(ctx, callId, stage);
  const evaluation = evaluateAssignment(problemOf(f, []), indexOfPairs(f, f.assignments));
  const conflictedFor = (projectId: number) =>
    !ctx.actor.isAdmin && (f.partnersBy.get(projectId) ?? []).some((p) => ctx.actor.memberOf.includes(p.id));
  const R = f.reviewers.length;
  return {
    call: {
      id: f.call.id,
      title: f.call.title,
      reviewersPerProject: f.call.reviewersPerProject,
      reviewerLoad: f.call.reviewerLoad,
      conflictYears: f.call.conflictYears,
    },
    stage,
    projects: f.projects.map((p) => {
      const hidden = conflictedFor(p.id);
      const mine = f.assignments.filter((a) => a.projectId === p.id);
      return {
        id: p.id,
        acronym: p.acronym,
        title: p.title,
        status: p.status,
        partners: (f.partnersBy.get(p.id) ?? []).map((x) => x.name),
        /** a manager whose organisation is a partner does not see who reviews it */
        reviewersHidden: hidden,
        assignments: mine.map((a) => ({
          id: hidden ? null : a.id,
          reviewerId: hidden ? null : a.reviewerId,
          reviewer: hidden ? null : (f.reviewers.find((r) => r.id === a.reviewerId)?.name ?? null),
          manual: a.manual,
          affinity: a.affinity,
          submitted: a.submittedAt != null,
        })),
      };
    }),
    reviewers: f.reviewers.map((r, j) => ({
      id: r.id,
      name: r.name,
      expertise: r.expertise,
      load: f.assignments.filter((a) => a.reviewerId === r.id).length,
      conflicts: f.projects.filter((_, i) => f.conflicts[i * R + j] === 1).length,
    })),
    conflicts: f.projects.flatMap((p) =>
      conflictedFor(p.id)
        ? []
        : f.reviewers.flatMap((r) => {
            const rs = f.reasons.get(`${p.id}:${r.id}`);
            return rs ? [{ projectId: p.id, reviewerId: r.id, reasons: rs }] : [];
          }),
    ),
    progress: {
      needed: f.projects.length * f.call.reviewersPerProject,
      assigned: f.assignments.length,
      submitted: f.assignments.filter((a) => a.submittedAt != null).length,
    },
    evaluation: {
      valid: evaluation.valid,
      totalAffinity: evaluation.totalAffinity,
      violations: evaluation.violations,
    },
  };
}

/**
 * Solve the assignment (optimal: maximum total affinity under the reviewers-per-project, load and
 * conflict constraints), keeping manual and already-scored assignments, and store it.
 */
export async function solve(ctx: Ctx, callId: number, stage: Stage) {
  const f = await stageFacts(ctx, callId, stage);
  const kept = f.assignments.filter((a) => a.manual || a.submittedAt != null);
  const result = assignReviewers(problemOf(f, indexOfPairs(f, kept)));
  await ctx.db.transaction().execute(async (trx) => {
    const drop = f.assignments.filter((a) => !a.manual && a.submittedAt == null).map((a) => a.id);
    if (drop.length) await trx.deleteFrom('reviewAssignments').where('id', 'in', drop).execute();
    const keptKeys = new Set(kept.map((a) => `${a.projectId}:${a.reviewerId}`));
    const rows: { projectId: number; reviewerId: number; stage: number; affinity: number }[] = [];
    const R = f.reviewers.length;
    for (let p = 0; p < f.projects.length; p++)
      for (let k = result.offsets[p]!; k < result.offsets[p + 1]!; k++) {
        const r = result.reviewers[k]!;
        const key = `${f.projects[p]!.id}:${f.reviewers[r]!.id}`;
        if (keptKeys.has(key)) continue;
        rows.push({
          projectId: f.projects[p]!.id,
          reviewerId: f.reviewers[r]!.id,
          stage,
          affinity: f.affinity[p * R + r]!,
        });
      }
    for (let i = 0; i < rows.length; i += 1000)
      await trx
        .insertInto('reviewAssignments')
        .values(rows.slice(i, i + 1000))
        .execute();
    await audit(trx, ctx.actor, 'review:assign', 'call', callId, {
      stage,
      assigned: result.assigned,
      feasible: result.feasible,
    });
  });
  return {
    feasible: result.feasible,
    assigned: result.assigned,
    demand: result.demand,
    capacity: result.capacity,
    totalAffinity: result.totalAffinity,
    issues: result.issues,
    milliseconds: result.stats.milliseconds,
  };
}

/** A manager assigns a reviewer by hand: refused when the pair is conflicted, with the reasons. */
export async function addAssignment(
  ctx: Ctx,
  callId: number,
  stage: Stage,
  projectId: number,
  reviewerId: number,
) {
  const f = await stageFacts(ctx, callId, stage);
  if (!f.projects.some((p) => p.id === projectId))
    throw new NotFoundError(`Project ${projectId} in the review of call ${callId} (stage ${stage})`);
  if (!f.reviewers.some((r) => r.id === reviewerId))
    throw new ValidationError('Unknown reviewer', [
      { path: 'reviewerId', message: `no active reviewer ${reviewerId} for stage ${stage}` },
    ]);
  const reasons = f.reasons.get(`${projectId}:${reviewerId}`);
  if (reasons)
    throw new ConflictError(
      `This reviewer has a conflict of interest with the project: ${reasons.map((r) => r.message.en).join(' ')}`,
    );
  if (f.assignments.some((a) => a.projectId === projectId && a.reviewerId === reviewerId))
    throw new ConflictError('This reviewer is already assigned to the project');
  const R = f.reviewers.length;
  const pi = f.projects.findIndex((p) => p.id === projectId);
  const ri = f.reviewers.findIndex((r) => r.id === reviewerId);
  const { id } = await ctx.db
    .insertInto('reviewAssignments')
    .values({ projectId, reviewerId, stage, manual: true, affinity: f.affinity[pi * R + ri]! })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(ctx.db, ctx.actor, 'review:assign-manual', 'project', projectId, { reviewerId, stage });
  // the board's evaluation of the assignment with this pair added (no second read of the stage)
  const evaluation = evaluateAssignment(
    problemOf(f, []),
    indexOfPairs(f, [...f.assignments, { projectId, reviewerId }]),
  );
  return {
    id,
    valid: evaluation.valid,
    totalAffinity: evaluation.totalAffinity,
    violations: evaluation.violations,
  };
}

export async function removeAssignment(ctx: Ctx, callId: number, assignmentId: number) {
  const a = await ctx.db
    .selectFrom('reviewAssignments')
    .selectAll()
    .where('id', '=', assignmentId)
    .executeTakeFirst();
  if (!a) throw new NotFoundError(`Assignment ${assignmentId}`);
  const f = await stageFacts(ctx, callId, a.stage as Stage);
  if (!f.projects.some((p) => p.id === a.projectId)) throw new NotFoundError(`Assignment ${assignmentId}`);
  if (a.submittedAt) throw new ConflictError('This review is already submitted; it cannot be withdrawn');
  await ctx.db.deleteFrom('reviewAssignments').where('id', '=', assignmentId).execute();
  await audit(ctx.db, ctx.actor, 'review:unassign', 'project', a.projectId, { reviewerId: a.reviewerId });
  return { removed: assignmentId };
}

/**
 * Ranking of a stage: mean weighted total of the submitted reviews per project, highest first.
 * Ties are explicit: projects whose means are equal to 0.01 share a rank ("1, 2, 2, 4") and are
 * flagged `tied`; the committee settles them in its decision.
 */
/** Projects decided at this stage stay in its ranking (the committee's record). */
export async function ranking(ctx: Ctx, callId: number, stage: Stage) {
  const f = await stageFacts(ctx, callId, stage, true);
  const grid = gridStage(f.call.grid as EvaluationGrid, stage);
  const submitted = f.assignments.filter((a) => a.submittedAt != null && a.total != null);
  const scores = await repo.scoresOf(
    ctx.db,
    submitted.map((a) => a.id),
  );
  const decisions = await repo.projectReviews(
    ctx.db,
    f.projects.map((p) => p.id),
    stage,
  );
  const rows = f.projects.map((p) => {
    const mine = submitted.filter((a) => a.projectId === p.id);
    const totals = mine.map((a) => a.total!);
    const mean = totals.length ? totals.reduce((s, x) => s + x, 0) / totals.length : null;
    const sd =
      totals.length > 1 && mean != null
        ? Math.sqrt(totals.reduce((s, x) => s + (x - mean) ** 2, 0) / (totals.length - 1))
        : null;
    const byCriterion: Record<string, number> = {};
    for (const c of grid?.criteria ?? []) {
      const xs = scores
        .filter((s) => s.criterion === c.id && mine.some((a) => a.id === s.assignmentId))
        .map((s) => s.score);
      if (xs.length) byCriterion[c.id] = xs.reduce((s, x) => s + x, 0) / xs.length;
    }
    const d = decisions.find((x) => x.projectId === p.id);
    return {
      projectId: p.id,
      acronym: p.acronym,
      title: p.title,
      status: p.status,
      reviews: totals.length,
      expected: f.call.reviewersPerProject,
      mean,
      sd,
      byCriterion,
      consensus: d?.consensus ?? null,
      decision: d?.decision ?? null,
      justification: d?.justification ?? null,
      rank: null as number | null,
      tied: false,
    };
  });
  const ranked = rows
    .filter((r) => r.mean != null)
    .sort((a, b) => b.mean! - a.mean! || a.acronym.localeCompare(b.acronym));
  const key = (x: number) => Math.round(x * 100);
  ranked.forEach((r, i) => {
    const prev = ranked[i - 1];
    r.rank = prev && key(prev.mean!) === key(r.mean!) ? prev.rank : i + 1;
  });
  for (const r of ranked) r.tied = ranked.filter((x) => x.rank === r.rank).length > 1;
  return { stage, items: [...ranked, ...rows.filter((r) => r.mean == null)] };
}

/** The committee's consensus and decision for one project and stage, with its justification. */
export async function decide(
  ctx: Ctx,
  projectId: number,
  stage: Stage,
  body: { consensus?: string | null; decision: 'advance' | 'reject' | 'label'; justification: string },
) {
  const p = await ctx.db
    .selectFrom('projects')
    .select(['callId', 'status'])
    .where('id', '=', projectId)
    .executeTakeFirst();
  if (!p?.callId) throw new NotFoundError(`Project ${projectId}`);
  const f = await stageFacts(ctx, p.callId, stage);
  if (!f.projects.some((x) => x.id === projectId))
    throw new NotFoundError(`Project ${projectId} in stage ${stage}`);
  if (!body.justification.trim())
    throw new ValidationError('A decision needs its justification', [
      { path: 'justification', message: 'required' },
    ]);
  if (stage === 1 && body.decision === 'label')
    throw new ValidationError('Stage 1 advances or rejects', [
      { path: 'decision', message: 'advance or reject at stage 1' },
    ]);
  if (stage === 2 && body.decision === 'advance')
    throw new ValidationError('Stage 2 proposes labelling or rejects', [
      { path: 'decision', message: 'label or reject at stage 2' },
    ]);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('projectReviews')
      .where('projectId', '=', projectId)
      .where('stage', '=', stage)
      .execute();
    await trx
      .insertInto('projectReviews')
      .values({
        projectId,
        stage,
        consensus: body.consensus ?? null,
        decision: body.decision,
        justification: body.justification,
        decidedBy: ctx.actor.userId,
        decidedAt: new Date(),
      })
      .execute();
  });
  // The decision moves the project: stage 1 → stage 2 or rejected; stage 2 → rejected. Labelling
  // itself is the Government's (an administrator records it).
  if (body.decision === 'reject') await transition(ctx, projectId, 'rejected', body.justification);
  else if (body.decision === 'advance') {
    if (p.status === 'eligible') await transition(ctx, projectId, 'stage1', null);
    await transition(ctx, projectId, 'stage2', body.justification);
  }
  return { projectId, stage, decision: body.decision };
}
