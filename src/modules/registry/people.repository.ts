import type { Db } from '../../db/database.ts';

export async function peopleOf(db: Db, organisationId: number) {
  return db
    .selectFrom('people')
    .select(['id', 'organisationId', 'firstName', 'lastName', 'email', 'phone', 'jobTitle'])
    .where('organisationId', '=', organisationId)
    .orderBy('lastName')
    .orderBy('firstName')
    .execute();
}

export async function insertPerson(
  db: Db,
  row: {
    organisationId: number;
    firstName: string;
    lastName: string;
    email: string | null;
    phone: string | null;
    jobTitle: string | null;
  },
) {
  return db.insertInto('people').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function findPerson(db: Db, id: number) {
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deletePerson(db: Db, id: number) {
  await db.deleteFrom('people').where('id', '=', id).execute();
}
