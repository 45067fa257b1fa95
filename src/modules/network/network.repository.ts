import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { type ProjectScope, visible } from '../projects/projects.repository.ts';

export interface CollaborationFilter {
  /** first and last year (project start, or labelling day when it has not started) */
  from?: number;
  to?: number;
  networkId?: number;
  type?: string;
  source?: string;
}

/**
 * Organisation × project participations of the projects the scope sees (the two-mode data of the
 * collaboration graph). A registry organisation is node `"<id>"`; a partner known only by its EU
 * PIC is node `"pic:<pic>"`.
 */
export async function participations(db: Db, scope: ProjectScope, f: CollaborationFilter) {
  const year = sql<number>`extract(year FROM coalesce(p.start_date, p.labelled_on))::int`;
  return db
    .selectFrom('projects as p')
    .innerJoin('projectPartners as pp', 'pp.projectId', 'p.id')
    .where(visible(scope))
    .where((eb) => {
      const c: Expression<SqlBool>[] = [eb('p.status', 'not in', ['draft'])];
      if (f.from != null) c.push(sql<SqlBool>`${year} >= ${f.from}`);
      if (f.to != null) c.push(sql<SqlBool>`${year} <= ${f.to}`);
      if (f.type) c.push(eb('p.projectType', '=', f.type));
      if (f.source) c.push(eb('p.source', '=', f.source));
      if (f.networkId != null)
        c.push(
          eb.exists(
            eb
              .selectFrom('projectNetworks as pn')
              .select(sql`1`.as('one'))
              .whereRef('pn.projectId', '=', 'p.id')
              .where('pn.networkId', '=', f.networkId),
          ),
        );
      return eb.and(c);
    })
    .select([
      'p.id as projectId',
      sql<string>`coalesce(pp.organisation_id::text, 'pic:' || pp.external_id)`.as('node'),
      sql<number | null>`${year}`.as('year'),
      'p.publicFundingEur',
      'pp.externalKind',
    ])
    .orderBy('p.id')
    .orderBy('pp.id')
    .execute();
}

/** Registry facts of the given organisations, with the networks they belong to today. */
export async function organisationFacts(db: Db, ids: number[], day: string) {
  if (ids.length === 0) return [];
  const rows = [];
  for (let i = 0; i < ids.length; i += 5000) {
    rows.push(
      ...(await db
        .selectFrom('organisations as o')
        .where('o.id', 'in', ids.slice(i, i + 5000))
        .select([
          'o.id',
          'o.name',
          'o.kind',
          'o.sizeClass',
          'o.provinceNis',
          sql<string[]>`ARRAY(SELECT n.slug FROM memberships m JOIN networks n ON n.id = m.network_id
            WHERE m.organisation_id = o.id AND m.joined_on <= ${day} AND (m.left_on IS NULL OR m.left_on >= ${day})
            ORDER BY m.joined_on, n.slug)`.as('networks'),
        ])
        .execute()),
    );
  }
  return rows;
}

/** Members shared by each pair of networks on a day. */
export async function sharedMembers(db: Db, day: string) {
  return sql<{ a: string; b: string; n: number }>`
    WITH cur AS (
      SELECT DISTINCT m.organisation_id, n.slug FROM memberships m JOIN networks n ON n.id = m.network_id
      WHERE m.joined_on <= ${day} AND (m.left_on IS NULL OR m.left_on >= ${day}))
    SELECT x.slug AS a, y.slug AS b, count(*)::int AS n
    FROM cur x JOIN cur y ON x.organisation_id = y.organisation_id AND x.slug < y.slug
    GROUP BY x.slug, y.slug ORDER BY x.slug, y.slug`
    .execute(db)
    .then((r) => r.rows);
}

/** Projects run jointly by each pair of networks (visible ones). */
export async function crossNetworkProjects(db: Db, scope: ProjectScope) {
  return db
    .selectFrom('projectNetworks as x')
    .innerJoin('projectNetworks as y', (j) =>
      j.onRef('x.projectId', '=', 'y.projectId').on(sql<SqlBool>`x.network_id < y.network_id`),
    )
    .innerJoin('networks as a', 'a.id', 'x.networkId')
    .innerJoin('networks as b', 'b.id', 'y.networkId')
    .innerJoin('projects as p', 'p.id', 'x.projectId')
    .where(visible(scope))
    .where('p.status', '<>', 'draft')
    .select(['a.slug as a', 'b.slug as b', sql<number>`count(*)::int`.as('n')])
    .groupBy(['a.slug', 'b.slug'])
    .orderBy('a.slug')
    .orderBy('b.slug')
    .execute();
}

/** Projects of several partners from different networks: partners' networks on the project's start. */
export async function networksWithCounts(db: Db, day: string) {
  return db
    .selectFrom('networks as n')
    .select([
      'n.slug',
      'n.name',
      'n.kind',
      'n.acronym',
      sql<number>`(SELECT count(DISTINCT m.organisation_id)::int FROM memberships m WHERE m.network_id = n.id
        AND m.joined_on <= ${day} AND (m.left_on IS NULL OR m.left_on >= ${day}))`.as('members'),
      sql<number>`(SELECT count(*)::int FROM project_networks pn JOIN projects p ON p.id = pn.project_id
        WHERE pn.network_id = n.id AND p.labelled_on IS NOT NULL)`.as('labelledProjects'),
    ])
    .orderBy('n.kind', 'desc')
    .orderBy('n.slug')
    .execute();
}
