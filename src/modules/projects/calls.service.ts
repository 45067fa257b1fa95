import type { Db } from '../../db/database.ts';
import {
  type EvaluationGrid,
  type RuleSet,
  validateGrid,
  validateRuleSet,
  WALLOON_RD_GRID,
  WALLOON_RD_RULES,
} from '../../domain/eligibility/index.ts';
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '../../domain/errors.ts';
import type { Actor } from '../auth/actor.ts';
import type { Ctx } from '../context.ts';
import { audit } from '../registry/audit.repository.ts';

/**
 * Calls for projects: public announcements (title, networks, dates, budget, rules, grid). A call is
 * created and edited by the managers of all its networks, or an administrator; its rules and grid
 * are data, checked before they are stored.
 */

export interface CallInput {
  title: string;
  description?: string | null;
  projectType: 'rd' | 'training' | 'investment' | 'other';
  networks: string[];
  opensAt: string;
  closesAt: string;
  budgetEur?: number | null;
  rules?: unknown;
  grid?: unknown;
  reviewersPerProject?: number;
  reviewerLoad?: number;
  conflictYears?: number;
}

export function mayManageCall(actor: Actor, networkIds: number[]): boolean {
  if (actor.isAdmin) return true;
  return networkIds.length > 0 && networkIds.every((n) => actor.managerOf.includes(n));
}

function requireManager(actor: Actor, networkIds: number[]) {
  if (mayManageCall(actor, networkIds)) return;
  if (actor.userId == null) throw new UnauthenticatedError();
  throw new ForbiddenError(
    'Only the managers of every network of the call, or an administrator, may do this',
  );
}

export async function callNetworkIds(db: Db, callId: number): Promise<number[]> {
  const rows = await db.selectFrom('callNetworks').select('networkId').where('callId', '=', callId).execute();
  return rows.map((r) => r.networkId);
}

export async function listCalls(ctx: Ctx, q: { network?: string; open?: boolean }) {
  const now = new Date();
  const rows = await ctx.db
    .selectFrom('calls as c')
    .select([
      'c.id',
      'c.title',
      'c.description',
      'c.projectType',
      'c.opensAt',
      'c.closesAt',
      'c.budgetEur',
      'c.reviewersPerProject',
      'c.reviewerLoad',
      'c.conflictYears',
      'c.generated',
      (eb) =>
        eb
          .selectFrom('callNetworks as cn')
          .innerJoin('networks as n', 'n.id', 'cn.networkId')
          .whereRef('cn.callId', '=', 'c.id')
          .select((s) => s.fn.agg<string[]>('array_agg', ['n.slug']).as('s'))
          .as('networks'),
      (eb) =>
        eb
          .selectFrom('projects as p')
          .whereRef('p.callId', '=', 'c.id')
          .where('p.labelledOn', 'is not', null)
          .select((s) => s.fn.countAll<number>().as('n'))
          .as('labelledProjects'),
    ])
    .$if(q.network != null, (qb) =>
      qb.where((eb) =>
        eb.exists(
          eb
            .selectFrom('callNetworks as cn')
            .innerJoin('networks as n', 'n.id', 'cn.networkId')
            .whereRef('cn.callId', '=', 'c.id')
            .where('n.slug', '=', q.network!)
            .select('cn.callId'),
        ),
      ),
    )
    .$if(q.open === true, (qb) => qb.where('c.opensAt', '<=', now).where('c.closesAt', '>', now))
    .orderBy('c.closesAt', 'desc')
    .execute();
  return {
    items: rows.map((r) => ({
      ...r,
      networks: [...(r.networks ?? [])].sort(),
      labelledProjects: Number(r.labelledProjects ?? 0),
      open: r.opensAt <= now && r.closesAt > now,
    })),
  };
}

export async function getCall(ctx: Ctx, id: number) {
  const c = await ctx.db.selectFrom('calls').selectAll().where('id', '=', id).executeTakeFirst();
  if (!c) throw new NotFoundError(`Call ${id}`);
  const networks = await ctx.db
    .selectFrom('callNetworks as cn')
    .innerJoin('networks as n', 'n.id', 'cn.networkId')
    .where('cn.callId', '=', id)
    .select(['n.id', 'n.slug', 'n.name', 'n.kind'])
    .orderBy('n.slug')
    .execute();
  const now = new Date();
  return {
    ...c,
    networks,
    open: c.opensAt <= now && c.closesAt > now,
    permissions: {
      manage: mayManageCall(
        ctx.actor,
        networks.map((n) => n.id),
      ),
    },
  };
}

async function resolveNetworks(db: Db, slugs: string[]): Promise<number[]> {
  const rows = await db.selectFrom('networks').select(['id', 'slug']).where('slug', 'in', slugs).execute();
  const missing = slugs.filter((s) => !rows.some((r) => r.slug === s));
  if (missing.length)
    throw new ValidationError(`Unknown network(s): ${missing.join(', ')}`, [
      ...missing.map((m) => ({ path: 'networks', message: `no network has the slug "${m}"` })),
    ]);
  return rows.map((r) => r.id);
}

function checkRulesAndGrid(rules: unknown, grid: unknown) {
  const problems = [
    ...validateRuleSet(rules).map((p) => ({
      path: `rules.${p.path}`.replace(/\.$/, ''),
      message: p.message,
    })),
    ...validateGrid(grid as EvaluationGrid).map((p) => ({
      path: `grid.${p.path}`.replace(/\.$/, ''),
      message: p.message,
    })),
  ];
  if (problems.length)
    throw new ValidationError('The rule set or the evaluation grid is not valid', problems);
}

function checkDates(opensAt: string, closesAt: string) {
  if (!(Date.parse(closesAt) > Date.parse(opensAt)))
    throw new ValidationError('The call closes before it opens', [
      { path: 'closesAt', message: `closes (${closesAt}) must be after opens (${opensAt})` },
    ]);
}

export async function createCall(ctx: Ctx, input: CallInput) {
  const networkIds = await resolveNetworks(ctx.db, input.networks);
  requireManager(ctx.actor, networkIds);
  checkDates(input.opensAt, input.closesAt);
  const rules = (input.rules ?? WALLOON_RD_RULES) as RuleSet;
  const grid = (input.grid ?? WALLOON_RD_GRID) as EvaluationGrid;
  checkRulesAndGrid(rules, grid);
  return ctx.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('calls')
      .values({
        title: input.title,
        description: input.description ?? null,
        projectType: input.projectType,
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        budgetEur: input.budgetEur ?? null,
        rules: JSON.stringify(rules),
        grid: JSON.stringify(grid),
        ...(input.reviewersPerProject != null ? { reviewersPerProject: input.reviewersPerProject } : {}),
        ...(input.reviewerLoad != null ? { reviewerLoad: input.reviewerLoad } : {}),
        ...(input.conflictYears != null ? { conflictYears: input.conflictYears } : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('callNetworks')
      .values(networkIds.map((networkId) => ({ callId: id, networkId })))
      .execute();
    await audit(trx, ctx.actor, 'call:create', 'call', id, { title: input.title });
    return getCall({ ...ctx, db: trx }, id);
  });
}

export async function updateCall(ctx: Ctx, id: number, input: Partial<CallInput>) {
  const current = await getCall(ctx, id);
  requireManager(
    ctx.actor,
    current.networks.map((n) => n.id),
  );
  const opensAt = input.opensAt ?? current.opensAt.toISOString();
  const closesAt = input.closesAt ?? current.closesAt.toISOString();
  checkDates(opensAt, closesAt);
  checkRulesAndGrid(input.rules ?? current.rules, input.grid ?? current.grid);
  return ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('calls')
      .set({
        ...(input.title != null ? { title: input.title } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.projectType != null ? { projectType: input.projectType } : {}),
        opensAt,
        closesAt,
        ...(input.budgetEur !== undefined ? { budgetEur: input.budgetEur } : {}),
        ...(input.rules !== undefined ? { rules: JSON.stringify(input.rules) } : {}),
        ...(input.grid !== undefined ? { grid: JSON.stringify(input.grid) } : {}),
        ...(input.reviewersPerProject != null ? { reviewersPerProject: input.reviewersPerProject } : {}),
        ...(input.reviewerLoad != null ? { reviewerLoad: input.reviewerLoad } : {}),
        ...(input.conflictYears != null ? { conflictYears: input.conflictYears } : {}),
        updatedAt: new Date(),
      })
      .where('id', '=', id)
      .execute();
    if (input.networks) {
      const ids = await resolveNetworks(trx, input.networks);
      requireManager(ctx.actor, ids);
      await trx.deleteFrom('callNetworks').where('callId', '=', id).execute();
      await trx
        .insertInto('callNetworks')
        .values(ids.map((networkId) => ({ callId: id, networkId })))
        .execute();
    }
    await audit(trx, ctx.actor, 'call:update', 'call', id, { fields: Object.keys(input) });
    return getCall({ ...ctx, db: trx }, id);
  });
}
