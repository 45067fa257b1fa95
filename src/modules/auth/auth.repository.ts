import type { Db } from '../../db/database.ts';

export async function findUserByEmail(db: Db, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export async function insertUser(
  db: Db,
  row: { email: string; displayName: string; passwordHash: string; isAdmin: boolean },
) {
  return db
    .insertInto('users')
    .values({ ...row, email: row.email.toLowerCase() })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function insertRole(
  db: Db,
  row: {
    userId: number;
    role: 'network_manager' | 'member';
    networkId: number | null;
    organisationId: number | null;
  },
) {
  await db.insertInto('userRoles').values(row).execute();
}

export async function rolesOf(db: Db, userId: number) {
  return db.selectFrom('userRoles').selectAll().where('userId', '=', userId).execute();
}

export async function insertSession(db: Db, row: { tokenHash: string; userId: number; expiresAt: Date }) {
  await db.insertInto('sessions').values(row).execute();
}

export async function findSession(db: Db, tokenHash: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.userId')
    .select(['s.userId', 's.expiresAt', 'u.email', 'u.displayName', 'u.isAdmin'])
    .where('s.tokenHash', '=', tokenHash)
    .executeTakeFirst();
}

export async function deleteSession(db: Db, tokenHash: string) {
  await db.deleteFrom('sessions').where('tokenHash', '=', tokenHash).execute();
}
