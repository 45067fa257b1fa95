import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import type { ProjectStatus } from '../../domain/project.ts';
import { stripAccents } from '../../domain/text.ts';
import type { Ctx } from '../context.ts';
import { findNetworkBySlug } from '../registry/networks.repository.ts';
import { projectScope, seesConfidential } from './projects.policy.ts';
import * as repo from './projects.repository.ts';

export interface ProjectFilterQuery {
  status?: ProjectStatus[];
  network?: string;
  call?: number;
  type?: string;
  source?: string;
  organisation?: number;
  year?: number;
  q?: string;
}

export interface ProjectListQuery extends ProjectFilterQuery {
  page: number;
  pageSize: number;
  sort: repo.ProjectSort;
}

export async function toFilter(ctx: Ctx, q: ProjectFilterQuery): Promise<repo.ProjectFilter> {
  const f: repo.ProjectFilter = {};
  if (q.status?.length) {
    const exact = q.status.filter((s) => s !== 'labelled');
    if (exact.length) f.statuses = exact;
    if (q.status.includes('labelled')) f.labelled = true;
  }
  if (q.network) {
    const n = await findNetworkBySlug(ctx.db, q.network);
    if (!n)
      throw new ValidationError(`Unknown network "${q.network}"`, [
        { path: 'network', message: `no network has the slug "${q.network}"` },
      ]);
    f.networkId = n.id;
  }
  if (q.call != null) f.callId = q.call;
  if (q.type) f.type = q.type;
  if (q.source) f.source = q.source;
  if (q.organisation != null) f.organisationId = q.organisation;
  if (q.year != null) f.year = q.year;
  if (q.q?.trim()) f.q = stripAccents(q.q.trim()).toLowerCase();
  return f;
}

type PartnerRow = Awaited<ReturnType<typeof repo.partnersOf>>[number];
type NetworkRow = Awaited<ReturnType<typeof repo.networksOf>>[number];

function partnerView(p: PartnerRow, confidential: boolean) {
  return {
    organisationId: p.organisationId,
    name: p.name ?? (p.externalId ? `PIC ${p.externalId}` : null),
    kind: p.kind ?? null,
    externalId: p.externalId,
    externalKind: p.externalKind,
    sizeClass: p.sizeClass ?? null,
    provinceNis: p.provinceNis ?? null,
    role: p.role,
    fundingGrantedEur: p.fundingGrantedEur,
    ...(confidential ? { budgetEur: p.budgetEur, fundingRequestedEur: p.fundingRequestedEur } : {}),
  };
}

function networkView(n: NetworkRow) {
  return { id: n.id, slug: n.slug, name: n.name, acronym: n.acronym, kind: n.kind };
}

function group<T extends { projectId: number }>(rows: T[]): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const r of rows) {
    const list = m.get(r.projectId);
    if (list) list.push(r);
    else m.set(r.projectId, [r]);
  }
  return m;
}

export async function listProjects(ctx: Ctx, q: ProjectListQuery) {
  const f = await toFilter(ctx, q);
  const scope = projectScope(ctx.actor);
  const rows = await repo.listProjects(ctx.db, scope, f, {
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
    sort: q.sort,
  });
  const total = rows.length > 0 ? rows[0]!.total : await repo.countProjects(ctx.db, scope, f);
  const ids = rows.map((r) => r.id);
  const [partners, networks] = await Promise.all([
    repo.partnersOf(ctx.db, ids),
    repo.networksOf(ctx.db, ids),
  ]);
  const pBy = group(partners);
  const nBy = group(networks);
  const items = rows.map(({ total: _t, ...r }) => {
    const ps = pBy.get(r.id) ?? [];
    const ns = nBy.get(r.id) ?? [];
    const confidential = seesConfidential(ctx.actor, {
      networkIds: ns.map((n) => n.id),
      partnerOrganisationIds: ps.flatMap((p) => (p.organisationId != null ? [p.organisationId] : [])),
      status: r.status,
    });
    return {
      ...r,
      totalBudgetEur:
        confidential || r.labelledOn != null || r.source !== 'regional' ? r.totalBudgetEur : null,
      networks: ns.map(networkView),
      partners: ps.map((p) => partnerView(p, confidential)),
    };
  });
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export async function* iterateProjects(ctx: Ctx, q: Omit<ProjectListQuery, 'page' | 'pageSize'>) {
  const pageSize = 1000;
  for (let page = 1; ; page++) {
    const res = await listProjects(ctx, { ...q, page, pageSize });
    yield* res.items;
    if (res.items.length < pageSize) return;
  }
}

export async function getProject(ctx: Ctx, id: number) {
  const scope = projectScope(ctx.actor);
  const p = await repo.findProject(ctx.db, id);
  // An invisible project answers 404, as if it did not exist: its existence is confidential too.
  if (!p) throw new NotFoundError(`Project ${id}`);
  // An assigned reviewer reads the whole proposal (budgets included) but not the journal.
  const visible = await repo.isVisible(ctx.db, scope, id);
  const reviewer = !visible && (await repo.isAssignedReviewer(ctx.db, ctx.actor.userId, id));
  if (!visible && !reviewer) throw new NotFoundError(`Project ${id}`);
  const [partners, networks] = await Promise.all([
    repo.partnersOf(ctx.db, [id]),
    repo.networksOf(ctx.db, [id]),
  ]);
  const confidential = seesConfidential(ctx.actor, {
    networkIds: networks.map((n) => n.id),
    partnerOrganisationIds: partners.flatMap((x) => (x.organisationId != null ? [x.organisationId] : [])),
    status: p.status,
  });
  const { searchText: _s, searchVector: _v, searchName: _n, createdBy: _c, ...rest } = p;
  return {
    ...rest,
    networks: networks.map(networkView),
    partners: partners.map((x) => partnerView(x, confidential || reviewer)),
    fundingByYear: await repo.fundingYearsOf(ctx.db, id),
    transitions: confidential ? await repo.transitionsOf(ctx.db, id) : null,
    permissions: { confidential, reviewer },
  };
}

export async function fundingTotals(ctx: Ctx, by: repo.FundingDimension, q: ProjectFilterQuery) {
  const f = await toFilter(ctx, q);
  const rows = await repo.fundingTotals(ctx.db, by, f);
  return { by, items: rows };
}

export async function outcomes(ctx: Ctx) {
  const rows = await repo.outcomesByNetwork(ctx.db);
  return {
    items: rows.map((r) => ({
      ...r,
      jobsRealised: r.promisedJobs > 0 ? r.actualJobs / r.promisedJobs : null,
    })),
  };
}
