import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database, ProjectsTable } from '../../db/schema.ts';
import { stripAccents } from '../../domain/text.ts';

/** What `q` searches: acronym and title, lower case, without accents. */
export function projectSearchText(acronym: string, title: string): string {
  return stripAccents(`${acronym} ${title}`).toLowerCase();
}

/** Who may see which projects, expressed as SQL (the policy in projects.policy.ts decides the scope). */
export interface ProjectScope {
  /** every project */
  all?: boolean;
  /** networks whose submitted (non-draft) projects are visible */
  networkIds?: number[];
  /** organisations whose own projects (drafts included) are visible */
  organisationIds?: number[];
}

export interface ProjectFilter {
  /** exact statuses; 'labelled' is expanded by the service */
  statuses?: string[];
  /** labelled at some point (labelled, funded, running, closed, abandoned after labelling) */
  labelled?: boolean;
  networkId?: number;
  callId?: number;
  type?: string;
  source?: string;
  organisationId?: number;
  /** start year */
  year?: number;
  /** normalised search text */
  q?: string;
}

export type ProjectSort = 'acronym' | '-acronym' | 'startDate' | '-startDate' | 'funding' | '-funding';

type P = ExpressionBuilder<Database & { p: ProjectsTable }, 'p'>;

/** Public: labelled projects and external (EU) projects, whose data is public. */
export function visible(scope: ProjectScope) {
  return (eb: P): Expression<SqlBool> => {
    if (scope.all) return sql<SqlBool>`true`;
    const ors: Expression<SqlBool>[] = [eb('p.labelledOn', 'is not', null), eb('p.source', '<>', 'regional')];
    if (scope.networkIds?.length)
      ors.push(
        eb.and([
          eb('p.status', '<>', 'draft'),
          eb.exists(
            eb
              .selectFrom('projectNetworks as pn')
              .select(sql`1`.as('one'))
              .whereRef('pn.projectId', '=', 'p.id')
              .where('pn.networkId', 'in', scope.networkIds),
          ),
        ]),
      );
    if (scope.organisationIds?.length)
      ors.push(
        eb.exists(
          eb
            .selectFrom('projectPartners as pp')
            .select(sql`1`.as('one'))
            .whereRef('pp.projectId', '=', 'p.id')
            .where('pp.organisationId', 'in', scope.organisationIds),
        ),
      );
    return eb.or(ors);
  };
}

function whereFilter(f: ProjectFilter) {
  return (eb: P): Expression<SqlBool> => {
    const conds: Expression<SqlBool>[] = [];
    const statusOr: Expression<SqlBool>[] = [];
    if (f.statuses?.length) statusOr.push(eb('p.status', 'in', f.statuses));
    if (f.labelled) statusOr.push(eb('p.labelledOn', 'is not', null));
    if (statusOr.length) conds.push(eb.or(statusOr));
    if (f.type) conds.push(eb('p.projectType', '=', f.type));
    if (f.source) conds.push(eb('p.source', '=', f.source));
    if (f.callId != null) conds.push(eb('p.callId', '=', f.callId));
    if (f.year != null)
      conds.push(
        eb.and([eb('p.startDate', '>=', `${f.year}-01-01`), eb('p.startDate', '<=', `${f.year}-12-31`)]),
      );
    if (f.q) conds.push(sql<SqlBool>`p.search_text LIKE ${`%${f.q.replace(/[\\%_]/g, '\\$&')}%`}`);
    if (f.networkId != null)
      conds.push(
        eb.exists(
          eb
            .selectFrom('projectNetworks as pn')
            .select(sql`1`.as('one'))
            .whereRef('pn.projectId', '=', 'p.id')
            .where('pn.networkId', '=', f.networkId),
        ),
      );
    if (f.organisationId != null)
      conds.push(
        eb.exists(
          eb
            .selectFrom('projectPartners as pp')
            .select(sql`1`.as('one'))
            .whereRef('pp.projectId', '=', 'p.id')
            .where('pp.organisationId', '=', f.organisationId),
        ),
      );
    return eb.and(conds);
  };
}

const SORTS: Record<ProjectSort, [string, 'asc' | 'desc']> = {
  acronym: ['p.acronym', 'asc'],
  '-acronym': ['p.acronym', 'desc'],
  startDate: ['p.start_date', 'asc'],
  '-startDate': ['p.start_date', 'desc'],
  funding: ['p.public_funding_eur', 'asc'],
  '-funding': ['p.public_funding_eur', 'desc'],
};

export async function listProjects(
  db: Db,
  scope: ProjectScope,
  f: ProjectFilter,
  page: { limit: number; offset: number; sort: ProjectSort },
) {
  const [col, dir] = SORTS[page.sort];
  const rows = await db
    .selectFrom('projects as p')
    .leftJoin('calls as c', 'c.id', 'p.callId')
    .where(visible(scope))
    .where(whereFilter(f))
    .select([
      'p.id',
      'p.source',
      'p.externalId',
      'p.acronym',
      'p.title',
      'p.summary',
      'p.keywords',
      'p.projectType',
      'p.status',
      'p.callId',
      'c.title as callTitle',
      'p.startDate',
      'p.endDate',
      'p.durationMonths',
      'p.labelledOn',
      'p.totalBudgetEur',
      'p.publicFundingEur',
      'p.generated',
      sql<number>`count(*) OVER ()`.as('total'),
    ])
    .orderBy(sql.raw(`${col} ${dir} NULLS LAST`))
    .orderBy('p.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows;
}

export async function countProjects(db: Db, scope: ProjectScope, f: ProjectFilter): Promise<number> {
  const r = await db
    .selectFrom('projects as p')
    .where(visible(scope))
    .where(whereFilter(f))
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return r.n;
}

export async function findProject(db: Db, id: number) {
  return db
    .selectFrom('projects as p')
    .leftJoin('calls as c', 'c.id', 'p.callId')
    .selectAll('p')
    .select(['c.title as callTitle'])
    .where('p.id', '=', id)
    .executeTakeFirst();
}

export async function isVisible(db: Db, scope: ProjectScope, id: number): Promise<boolean> {
  const r = await db
    .selectFrom('projects as p')
    .where('p.id', '=', id)
    .where(visible(scope))
    .select('p.id')
    .executeTakeFirst();
  return r != null;
}

/** Partners of the given projects, with the registry facts the UI and the rules need. */
export async function partnersOf(db: Db, projectIds: number[]) {
  if (projectIds.length === 0) return [];
  return db
    .selectFrom('projectPartners as pp')
    .leftJoin('organisations as o', 'o.id', 'pp.organisationId')
    .where('pp.projectId', 'in', projectIds)
    .select([
      'pp.id',
      'pp.projectId',
      'pp.organisationId',
      'pp.externalId',
      'pp.externalKind',
      'pp.role',
      'pp.budgetEur',
      'pp.fundingRequestedEur',
      'pp.fundingGrantedEur',
      'o.name',
      'o.kind',
      'o.sizeClass',
      'o.provinceNis',
    ])
    .orderBy('pp.projectId')
    .orderBy(sql`CASE pp.role WHEN 'coordinator' THEN 0 WHEN 'partner' THEN 1 ELSE 2 END`)
    .orderBy('o.name')
    .orderBy('pp.externalId')
    .execute();
}

export async function networksOf(db: Db, projectIds: number[]) {
  if (projectIds.length === 0) return [];
  return db
    .selectFrom('projectNetworks as pn')
    .innerJoin('networks as n', 'n.id', 'pn.networkId')
    .where('pn.projectId', 'in', projectIds)
    .select(['pn.projectId', 'n.id', 'n.slug', 'n.name', 'n.acronym', 'n.kind'])
    .orderBy('n.name')
    .execute();
}

export async function transitionsOf(db: Db, projectId: number) {
  return db
    .selectFrom('projectTransitions as t')
    .leftJoin('users as u', 'u.id', 't.userId')
    .where('t.projectId', '=', projectId)
    .select(['t.fromStatus', 't.toStatus', 't.at', 't.note', 'u.email as userEmail'])
    .orderBy('t.at')
    .orderBy('t.id')
    .execute();
}

export async function fundingYearsOf(db: Db, projectId: number) {
  return db
    .selectFrom('partnerFundingYears as f')
    .innerJoin('projectPartners as pp', 'pp.id', 'f.partnerId')
    .where('pp.projectId', '=', projectId)
    .select(['f.partnerId', 'f.year', 'f.amountEur'])
    .orderBy('f.year')
    .execute();
}

export type FundingDimension = 'network' | 'call' | 'year' | 'kind' | 'size' | 'type';

/**
 * Public funding granted (and budget) of labelled projects, grouped by one dimension. Per network,
 * a joint project counts in each of its networks (so network rows may sum to more than the total).
 */
export async function fundingTotals(db: Db, by: FundingDimension, f: ProjectFilter) {
  const base = db
    .selectFrom('projects as p')
    .innerJoin('projectPartners as pp', 'pp.projectId', 'p.id')
    .leftJoin('organisations as o', 'o.id', 'pp.organisationId')
    .where('p.labelledOn', 'is not', null)
    .where(whereFilter(f));
  const sums = [
    sql<number>`coalesce(sum(pp.funding_granted_eur), 0)::float8`.as('fundingGranted'),
    sql<number>`coalesce(sum(pp.budget_eur), 0)::float8`.as('budget'),
    sql<number>`count(DISTINCT p.id)::int`.as('projects'),
    sql<number>`count(DISTINCT pp.organisation_id)::int`.as('organisations'),
  ];
  switch (by) {
    case 'network':
      return base
        .innerJoin('projectNetworks as pn', 'pn.projectId', 'p.id')
        .innerJoin('networks as n', 'n.id', 'pn.networkId')
        .select([sql<string>`n.slug`.as('key'), sql<string>`n.name`.as('label'), ...sums])
        .groupBy(['n.slug', 'n.name'])
        .orderBy('key')
        .execute();
    case 'call':
      return base
        .leftJoin('calls as c', 'c.id', 'p.callId')
        .select([
          sql<string>`coalesce(c.id::text, '')`.as('key'),
          sql<string>`coalesce(c.title, '')`.as('label'),
          ...sums,
        ])
        .groupBy(['c.id', 'c.title'])
        .orderBy('key')
        .execute();
    case 'year':
      return base
        .select([
          sql<string>`coalesce(extract(year FROM p.labelled_on)::int::text, '')`.as('key'),
          sql<string>`coalesce(extract(year FROM p.labelled_on)::int::text, '')`.as('label'),
          ...sums,
        ])
        .groupBy(sql`extract(year FROM p.labelled_on)`)
        .orderBy('key')
        .execute();
    case 'kind':
      return base
        .select([
          sql<string>`coalesce(o.kind, pp.external_kind, 'unknown')`.as('key'),
          sql<string>`coalesce(o.kind, pp.external_kind, 'unknown')`.as('label'),
          ...sums,
        ])
        .groupBy(sql`coalesce(o.kind, pp.external_kind, 'unknown')`)
        .orderBy('key')
        .execute();
    case 'size':
      return base
        .select([
          sql<string>`coalesce(o.size_class, 'unknown')`.as('key'),
          sql<string>`coalesce(o.size_class, 'unknown')`.as('label'),
          ...sums,
        ])
        .groupBy(sql`coalesce(o.size_class, 'unknown')`)
        .orderBy('key')
        .execute();
    case 'type':
      return base
        .select([sql<string>`p.project_type`.as('key'), sql<string>`p.project_type`.as('label'), ...sums])
        .groupBy('p.projectType')
        .orderBy('key')
        .execute();
  }
}

/** Promised vs actual outcomes of closed labelled projects (reported), per network. */
export async function outcomesByNetwork(db: Db) {
  return db
    .selectFrom('projects as p')
    .innerJoin('projectNetworks as pn', 'pn.projectId', 'p.id')
    .innerJoin('networks as n', 'n.id', 'pn.networkId')
    .where('p.labelledOn', 'is not', null)
    .where('p.actualJobs', 'is not', null)
    .select([
      'n.slug',
      'n.name',
      sql<number>`count(*)::int`.as('projects'),
      sql<number>`coalesce(sum(p.promised_jobs), 0)::int`.as('promisedJobs'),
      sql<number>`coalesce(sum(p.actual_jobs), 0)::int`.as('actualJobs'),
      sql<number>`coalesce(sum(p.promised_patents), 0)::int`.as('promisedPatents'),
      sql<number>`coalesce(sum(p.actual_patents), 0)::int`.as('actualPatents'),
      sql<number>`coalesce(sum(p.promised_products), 0)::int`.as('promisedProducts'),
      sql<number>`coalesce(sum(p.actual_products), 0)::int`.as('actualProducts'),
      sql<number>`coalesce(sum(p.promised_spinoffs), 0)::int`.as('promisedSpinoffs'),
      sql<number>`coalesce(sum(p.actual_spinoffs), 0)::int`.as('actualSpinoffs'),
    ])
    .groupBy(['n.slug', 'n.name'])
    .orderBy('n.slug')
    .execute();
}

/** Is the user an assigned reviewer of the project (assignments are never conflicted)? */
export async function isAssignedReviewer(db: Db, userId: number | null, projectId: number): Promise<boolean> {
  if (userId == null) return false;
  const r = await db
    .selectFrom('reviewAssignments as a')
    .innerJoin('reviewers as r', 'r.id', 'a.reviewerId')
    .where('r.userId', '=', userId)
    .where('a.projectId', '=', projectId)
    .select('a.id')
    .executeTakeFirst();
  return r != null;
}
