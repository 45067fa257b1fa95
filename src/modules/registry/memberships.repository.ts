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
