import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

export async function membershipsOf(db: Db, organisationId: number) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('networks as n', 'n.id', 'm.networkId')
    .select([
      'm.id',
      'm.networkId',
      'n.slug as networkSlug',
      'n.name as networkName',
      'n.kind as networkKind',
      'm.joinedOn',
      'm.leftOn',
    ])
    .where('m.organisationId', '=', organisationId)
    .orderBy('m.joinedOn')
    .orderBy('n.slug')
    .execute();
}

export async function findMembership(db: Db, id: number) {
  return db.selectFrom('memberships').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function periodsInNetwork(db: Db, organisationId: number, networkId: number) {
  return db
    .selectFrom('memberships')
    .select(['id', 'joinedOn', 'leftOn'])
    .where('organisationId', '=', organisationId)
    .where('networkId', '=', networkId)
    .execute();
}

export async function insertMembership(
  db: Db,
  row: { organisationId: number; networkId: number; joinedOn: string; leftOn: string | null },
) {
  return db.insertInto('memberships').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function updateMembership(
  db: Db,
  id: number,
  patch: { joinedOn?: string; leftOn?: string | null },
) {
  await db
    .updateTable('memberships')
    .set({ ...patch, updatedAt: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function deleteMembership(db: Db, id: number) {
  await db.deleteFrom('memberships').where('id', '=', id).execute();
}

export async function networkIdsOfOrganisation(db: Db, organisationId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('networkId')
    .distinct()
    .where('organisationId', '=', organisationId)
    .execute();
  return rows.map((r) => r.networkId);
}

export interface MembershipListFilter {
  networkId?: number;
  /** members on that day only */
  asOf?: string;
  /** periods that started in that year */
  joinedYear?: number;
  /** periods that ended in that year */
  leftYear?: number;
}

/** Membership periods with their organisation and network, for the history list and its exports. */
export async function listMemberships(db: Db, f: MembershipListFilter, limit: number, offset: number) {
  const filtered = () => {
    let q = db
      .selectFrom('memberships as m')
      .innerJoin('networks as n', 'n.id', 'm.networkId')
      .innerJoin('organisations as o', 'o.id', 'm.organisationId');
    if (f.networkId != null) q = q.where('m.networkId', '=', f.networkId);
    if (f.asOf)
      q = q
        .where('m.joinedOn', '<=', f.asOf)
        .where((e) => e.or([e('m.leftOn', 'is', null), e('m.leftOn', '>=', f.asOf!)]));
    if (f.joinedYear) q = q.where(sql<boolean>`extract(year FROM m.joined_on) = ${f.joinedYear}`);
    if (f.leftYear) q = q.where(sql<boolean>`extract(year FROM m.left_on) = ${f.leftYear}`);
    return q;
  };
  const rows = await filtered()
    .select([
      'm.id',
      'm.organisationId',
      'o.name as organisationName',
      'o.kind as organisationKind',
      'o.enterpriseNumber',
      'n.slug as networkSlug',
      'n.name as networkName',
      'm.joinedOn',
      'm.leftOn',
      sql<number>`count(*) OVER ()`.as('total'),
    ])
    .orderBy('m.joinedOn', 'desc')
    .orderBy('m.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  // The window count rides on the page rows; past the last page, count separately.
  const total =
    rows.length > 0
      ? Number(rows[0]!.total)
      : offset > 0
        ? Number((await filtered().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n)
        : 0;
  return { rows: rows.map(({ total: _t, ...r }) => r), total };
}

/**
 * Lock organisations until the transaction ends, before checking and writing their membership
 * periods: without it two concurrent writers (a double-submitted form, an import) both find no
 * overlap and both insert. Locked in id order, so concurrent lockers cannot deadlock.
 */
export async function lockOrganisations(db: Db, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`SELECT id FROM organisations WHERE id = ANY(${ids}::int[]) ORDER BY id FOR UPDATE`.execute(db);
}
