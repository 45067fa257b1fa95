import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { NewNetwork } from '../../db/schema.ts';

/** Networks with the number of members on `day`. */
export async function listNetworks(db: Db, day: string) {
  return db
    .selectFrom('networks as n')
    .selectAll('n')
    .select((eb) =>
      eb
        .selectFrom('memberships as m')
        .select(sql<number>`count(DISTINCT m.organisation_id)::int`.as('c'))
        .whereRef('m.networkId', '=', 'n.id')
        .where('m.joinedOn', '<=', day)
        .where((e) => e.or([e('m.leftOn', 'is', null), e('m.leftOn', '>=', day)]))
        .as('memberCount'),
    )
    .orderBy('n.kind', 'desc')
    .orderBy('n.name')
    .execute();
}

export async function findNetworkBySlug(db: Db, slug: string) {
  return db.selectFrom('networks').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function findNetworkById(db: Db, id: number) {
  return db.selectFrom('networks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertNetwork(db: Db, row: NewNetwork) {
  return db.insertInto('networks').values(row).returning('id').executeTakeFirstOrThrow();
}

/** Members on 31 December of each year, joins and departures per year. */
export async function membersPerYear(db: Db, networkId: number | null, fromYear: number, toYear: number) {
  const r = await sql<{ year: number; members: number; joins: number; departures: number }>`
    SELECT y AS year,
      (SELECT count(DISTINCT m.organisation_id)::int FROM memberships m
        WHERE (${networkId}::int IS NULL OR m.network_id = ${networkId}::int)
          AND m.joined_on <= make_date(y, 12, 31) AND (m.left_on IS NULL OR m.left_on >= make_date(y, 12, 31))) AS members,
      (SELECT count(*)::int FROM memberships m
        WHERE (${networkId}::int IS NULL OR m.network_id = ${networkId}::int) AND extract(year FROM m.joined_on) = y) AS joins,
      (SELECT count(*)::int FROM memberships m
        WHERE (${networkId}::int IS NULL OR m.network_id = ${networkId}::int) AND extract(year FROM m.left_on) = y) AS departures
    FROM generate_series(${fromYear}::int, ${toYear}::int) AS y
    ORDER BY y`.execute(db);
  return r.rows;
}

/** Current members by organisation kind and by size class. */
export async function memberBreakdown(db: Db, networkId: number | null, day: string) {
  const r = await sql<{ kind: string; sizeClass: string | null; n: number }>`
    SELECT o.kind, o.size_class AS "sizeClass", count(*)::int AS n
    FROM organisations o
    WHERE EXISTS (SELECT 1 FROM memberships m WHERE m.organisation_id = o.id
      AND (${networkId}::int IS NULL OR m.network_id = ${networkId}::int)
      AND m.joined_on <= ${day}::date AND (m.left_on IS NULL OR m.left_on >= ${day}::date))
    GROUP BY o.kind, o.size_class
    ORDER BY o.kind, o.size_class`.execute(db);
  return r.rows;
}
