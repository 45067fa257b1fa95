import type { Db } from '../../db/database.ts';
import {
  type EligibilityReport,
  evaluate,
  type RuleSet,
  validateRuleSet,
} from '../../domain/eligibility/index.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from '../../domain/errors.ts';
import { canTransition, PROJECT_STATUS_LABELS, type ProjectStatus } from '../../domain/project.ts';
import type { Actor } from '../auth/actor.ts';
import type { Ctx } from '../context.ts';
import { audit } from '../registry/audit.repository.ts';
import { callNetworkIds } from './calls.service.ts';
import { consortiumFromRegistry, type PartnerInput } from './consortium.ts';
import { projectSearchText } from './projects.repository.ts';
import { getProject } from './projects.service.ts';

/**
 * Consortia write their projects (drafts), submit them before the deadline (checked here, on the
 * server, against the call's closing time), and the lifecycle moves on under the policy below;
 * every move is journaled (who, when, note) and audited.
 */

export interface ProjectInput {
  callId: number;
  acronym: string;
  title: string;
  summary?: string | null;
  keywords?: string[];
  networks: string[];
  durationMonths?: number | null;
  partners: PartnerInput[];
  promised?: {
    jobs?: number | null;
    patents?: number | null;
    products?: number | null;
    spinoffs?: number | null;
  };
}

type Who = 'consortium' | 'manager' | 'admin';

/** Who may move a project to each status (admin may always). */
const MOVERS: Record<ProjectStatus, Who[]> = {
  draft: [],
  submitted: ['consortium'],
  eligible: ['manager'],
  ineligible: ['manager'],
  stage1: ['manager'],
  stage2: ['manager'],
  // the Government's decision, recorded by the regional administration
  labelled: ['admin'],
  rejected: ['manager'],
  funded: ['admin'],
  running: ['admin', 'consortium'],
  closed: ['admin', 'manager'],
  abandoned: ['consortium', 'manager'],
};

async function projectFacts(db: Db, id: number) {
  const p = await db
    .selectFrom('projects as p')
    .leftJoin('calls as c', 'c.id', 'p.callId')
    .select([
      'p.id',
      'p.status',
      'p.callId',
      'p.durationMonths',
      'p.source',
      'c.closesAt',
      'c.opensAt',
      'c.rules',
    ])
    .where('p.id', '=', id)
    .executeTakeFirst();
  if (!p) throw new NotFoundError(`Project ${id}`);
  const partners = await db
    .selectFrom('projectPartners')
    .select(['organisationId', 'role', 'budgetEur', 'fundingRequestedEur'])
    .where('projectId', '=', id)
    .execute();
  const networks = await db
    .selectFrom('projectNetworks as pn')
    .innerJoin('networks as n', 'n.id', 'pn.networkId')
    .select(['n.id', 'n.slug'])
    .where('pn.projectId', '=', id)
    .execute();
  return { ...p, partners, networks };
}

function roleOn(actor: Actor, partnerOrgs: number[], networkIds: number[]): Set<Who> {
  const roles = new Set<Who>();
  if (actor.isAdmin) roles.add('admin');
  if (partnerOrgs.some((o) => actor.memberOf.includes(o))) roles.add('consortium');
  if (networkIds.some((n) => actor.managerOf.includes(n))) roles.add('manager');
  return roles;
}

function deny(actor: Actor, message: string): never {
  if (actor.userId == null && !actor.isAdmin) throw new UnauthenticatedError();
  throw new ForbiddenError(message);
}

async function resolveNetworkIds(db: Db, slugs: string[], callId: number): Promise<number[]> {
  const rows = slugs.length
    ? await db.selectFrom('networks').select(['id', 'slug']).where('slug', 'in', slugs).execute()
    : [];
  const problems = slugs
    .filter((s) => !rows.some((r) => r.slug === s))
    .map((s) => ({ path: 'networks', message: `no network has the slug "${s}"` }));
  const allowed = await callNetworkIds(db, callId);
  for (const r of rows)
    if (!allowed.includes(r.id))
      problems.push({ path: 'networks', message: `"${r.slug}" is not one of the call's networks` });
  if (rows.length === 0 && problems.length === 0)
    problems.push({ path: 'networks', message: 'at least one labelling network is required' });
  if (problems.length) throw new ValidationError('The labelling networks are not valid', problems);
  return rows.map((r) => r.id);
}

async function checkPartners(db: Db, partners: PartnerInput[]) {
  const problems: { path: string; message: string }[] = [];
  const ids = partners.map((p) => p.organisationId);
  const known = ids.length
    ? await db.selectFrom('organisations').select('id').where('id', 'in', ids).execute()
    : [];
  const seen = new Set<number>();
  partners.forEach((p, i) => {
    if (!known.some((k) => k.id === p.organisationId))
      problems.push({
        path: `partners[${i}].organisationId`,
        message: `no organisation has the id ${p.organisationId}`,
      });
    if (seen.has(p.organisationId))
      problems.push({
        path: `partners[${i}].organisationId`,
        message: 'this organisation is already in the consortium',
      });
    seen.add(p.organisationId);
    if (p.budgetEur != null && p.fundingRequestedEur != null && p.fundingRequestedEur > p.budgetEur)
      problems.push({
        path: `partners[${i}].fundingRequestedEur`,
        message: 'the funding requested exceeds the partner’s budget',
      });
  });
  if (partners.filter((p) => p.role === 'coordinator').length !== 1)
    problems.push({ path: 'partners', message: 'a consortium has exactly one coordinator' });
  if (problems.length) throw new ValidationError('The consortium is not valid', problems);
}

async function writePartners(db: Db, projectId: number, partners: PartnerInput[]) {
  await db.deleteFrom('projectPartners').where('projectId', '=', projectId).execute();
  if (partners.length)
    await db
      .insertInto('projectPartners')
      .values(
        partners.map((p) => ({
          projectId,
          organisationId: p.organisationId,
          role: p.role,
          budgetEur: p.budgetEur ?? null,
          fundingRequestedEur: p.fundingRequestedEur ?? null,
        })),
      )
      .execute();
  const total = partners.reduce((s, p) => s + (p.budgetEur ?? 0), 0);
  await db
    .updateTable('projects')
    .set({ totalBudgetEur: total, updatedAt: new Date() })
    .where('id', '=', projectId)
    .execute();
}

export async function createProject(ctx: Ctx, input: ProjectInput) {
  const call = await ctx.db
    .selectFrom('calls')
    .select(['id', 'projectType', 'closesAt', 'opensAt'])
    .where('id', '=', input.callId)
    .executeTakeFirst();
  if (!call)
    throw new ValidationError('Unknown call', [
      { path: 'callId', message: `no call has the id ${input.callId}` },
    ]);
  // A consortium writes its own project: the actor belongs to one of the partners (or is an admin).
  if (!ctx.actor.isAdmin && !input.partners.some((p) => ctx.actor.memberOf.includes(p.organisationId)))
    deny(ctx.actor, 'Only a member of one of the partner organisations may write this project');
  await checkPartners(ctx.db, input.partners);
  const networkIds = await resolveNetworkIds(ctx.db, input.networks, input.callId);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('projects')
      .values({
        source: 'regional',
        callId: input.callId,
        acronym: input.acronym,
        title: input.title,
        summary: input.summary ?? null,
        keywords: input.keywords ?? [],
        projectType: call.projectType,
        status: 'draft',
        durationMonths: input.durationMonths ?? null,
        promisedJobs: input.promised?.jobs ?? null,
        promisedPatents: input.promised?.patents ?? null,
        promisedProducts: input.promised?.products ?? null,
        promisedSpinoffs: input.promised?.spinoffs ?? null,
        searchText: projectSearchText(input.acronym, input.title),
        createdBy: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('projectNetworks')
      .values(networkIds.map((networkId) => ({ projectId: id, networkId })))
      .execute();
    await writePartners(trx, id, input.partners);
    await trx
      .insertInto('projectTransitions')
      .values({ projectId: id, fromStatus: null, toStatus: 'draft', userId: ctx.actor.userId, note: null })
      .execute();
    await audit(trx, ctx.actor, 'project:create', 'project', id, { acronym: input.acronym });
    return id;
  });
  return getProject(ctx, id);
}

export async function updateProject(ctx: Ctx, id: number, input: Partial<Omit<ProjectInput, 'callId'>>) {
  const f = await projectFacts(ctx.db, id);
  const roles = roleOn(
    ctx.actor,
    f.partners.flatMap((p) => (p.organisationId != null ? [p.organisationId] : [])),
    f.networks.map((n) => n.id),
  );
  if (!roles.has('consortium') && !roles.has('admin')) {
    // invisible to outsiders: 404 as elsewhere
    if (!roles.has('manager')) throw new NotFoundError(`Project ${id}`);
    deny(ctx.actor, 'Only the consortium edits its project');
  }
  if (f.status !== 'draft' && f.status !== 'ineligible')
    throw new ConflictError(
      `A ${PROJECT_STATUS_LABELS[f.status as ProjectStatus].en} project can no longer be edited (only drafts and ineligible projects)`,
    );
  if (input.partners) await checkPartners(ctx.db, input.partners);
  const networkIds =
    input.networks && f.callId ? await resolveNetworkIds(ctx.db, input.networks, f.callId) : null;
  await ctx.db.transaction().execute(async (trx) => {
    const set: Record<string, unknown> = { updatedAt: new Date() };
    if (input.acronym != null) set.acronym = input.acronym;
    if (input.title != null) set.title = input.title;
    if (input.acronym != null || input.title != null) {
      const cur = await trx
        .selectFrom('projects')
        .select(['acronym', 'title'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      set.searchText = projectSearchText(input.acronym ?? cur.acronym, input.title ?? cur.title);
    }
    if (input.summary !== undefined) set.summary = input.summary;
    if (input.keywords) set.keywords = input.keywords;
    if (input.durationMonths !== undefined) set.durationMonths = input.durationMonths;
    if (input.promised) {
      set.promisedJobs = input.promised.jobs ?? null;
      set.promisedPatents = input.promised.patents ?? null;
      set.promisedProducts = input.promised.products ?? null;
      set.promisedSpinoffs = input.promised.spinoffs ?? null;
    }
    await trx.updateTable('projects').set(set).where('id', '=', id).execute();
    if (networkIds) {
      await trx.deleteFrom('projectNetworks').where('projectId', '=', id).execute();
      await trx
        .insertInto('projectNetworks')
        .values(networkIds.map((networkId) => ({ projectId: id, networkId })))
        .execute();
    }
    if (input.partners) await writePartners(trx, id, input.partners);
    await audit(trx, ctx.actor, 'project:update', 'project', id, { fields: Object.keys(input) });
  });
  return getProject(ctx, id);
}

/** The call's rules applied to the project's consortium as the registry knows it on the closing day. */
export async function projectEligibility(
  ctx: Ctx,
  id: number,
): Promise<EligibilityReport & { ruleSet: string }> {
  await getProject(ctx, id); // visibility
  const f = await projectFacts(ctx.db, id);
  const rules = (f.rules ?? { id: 'none', label: { fr: '', en: '' }, rules: [] }) as RuleSet;
  if (validateRuleSet(rules).length) throw new ConflictError('The call’s rule set is not valid');
  const day = (f.closesAt ?? new Date()).toISOString().slice(0, 10);
  const consortium = await consortiumFromRegistry(
    ctx.db,
    f.partners.flatMap((p) =>
      p.organisationId != null
        ? [
            {
              organisationId: p.organisationId,
              role: p.role as PartnerInput['role'],
              budgetEur: p.budgetEur,
              fundingRequestedEur: p.fundingRequestedEur,
            },
          ]
        : [],
    ),
    day,
    f.networks.map((n) => n.slug),
    f.durationMonths,
  );
  return { ruleSet: rules.id, ...evaluate(rules, consortium) };
}

export async function transition(
  ctx: Ctx,
  id: number,
  to: ProjectStatus,
  note: string | null,
  now = new Date(),
) {
  await getProject(ctx, id); // what the actor may not see answers 404
  const f = await projectFacts(ctx.db, id);
  const roles = roleOn(
    ctx.actor,
    f.partners.flatMap((p) => (p.organisationId != null ? [p.organisationId] : [])),
    f.networks.map((n) => n.id),
  );
  if (roles.size === 0) {
    if (ctx.actor.userId == null) throw new UnauthenticatedError();
    throw new NotFoundError(`Project ${id}`);
  }
  const from = f.status as ProjectStatus;
  if (!canTransition(from, to))
    throw new ConflictError(
      `A project cannot go from “${PROJECT_STATUS_LABELS[from].en}” to “${PROJECT_STATUS_LABELS[to].en}”`,
    );
  if (!roles.has('admin') && !MOVERS[to].some((w) => roles.has(w)))
    deny(ctx.actor, `You may not mark this project “${PROJECT_STATUS_LABELS[to].en}”`);
  if (to === 'submitted') {
    if (!f.closesAt) throw new ConflictError('The project belongs to no call');
    if (now >= f.closesAt)
      throw new ConflictError(
        `The call closed on ${f.closesAt.toISOString()}; submissions are no longer accepted`,
      );
    if (f.opensAt && now < f.opensAt)
      throw new ConflictError(
        `The call opens on ${f.opensAt.toISOString()}; submissions are not yet accepted`,
      );
  }
  if (to === 'eligible' || to === 'ineligible') {
    const report = await projectEligibility(ctx, id);
    if (to === 'eligible' && !report.eligible && !note)
      throw new ValidationError('The consortium does not meet the call’s rules', [
        ...report.results
          .filter((r) => !r.passed)
          .map((r) => ({ path: `rules.${r.rule}`, message: r.message.en })),
        { path: 'note', message: 'to declare it eligible anyway, give the reason in a note' },
      ]);
    if (to === 'ineligible' && report.eligible && !note)
      throw new ValidationError('The consortium meets the call’s rules', [
        { path: 'note', message: 'to declare it ineligible, give the reason in a note' },
      ]);
  }
  await ctx.db.transaction().execute(async (trx) => {
    // lock the row and re-check the status: two managers acting at once cannot both move it
    const cur = await trx
      .selectFrom('projects')
      .select('status')
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (cur.status !== from) throw new ConflictError('The project changed meanwhile; reload it');
    const set: Record<string, unknown> = { status: to, updatedAt: now };
    if (to === 'submitted') set.submittedAt = now;
    if (to === 'labelled') set.labelledOn = now.toISOString().slice(0, 10);
    if (to === 'running') set.startDate = now.toISOString().slice(0, 10);
    if (to === 'closed') set.endDate = now.toISOString().slice(0, 10);
    if (to === 'funded') {
      // funding granted = requested unless set otherwise; public funding follows
      await trx
        .updateTable('projectPartners')
        .set((eb) => ({ fundingGrantedEur: eb.fn.coalesce('fundingGrantedEur', 'fundingRequestedEur') }))
        .where('projectId', '=', id)
        .execute();
      const s = await trx
        .selectFrom('projectPartners')
        .select((eb) => eb.fn.sum<number>('fundingGrantedEur').as('s'))
        .where('projectId', '=', id)
        .executeTakeFirstOrThrow();
      set.publicFundingEur = Number(s.s ?? 0);
    }
    await trx.updateTable('projects').set(set).where('id', '=', id).execute();
    await trx
      .insertInto('projectTransitions')
      .values({ projectId: id, fromStatus: from, toStatus: to, userId: ctx.actor.userId, at: now, note })
      .execute();
    await audit(trx, ctx.actor, 'project:transition', 'project', id, { from, to, note });
  });
  return getProject(ctx, id);
}
