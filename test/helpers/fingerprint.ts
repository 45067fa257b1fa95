import { sql } from 'kysely';
import type { Db } from '../../src/db/database.ts';

export interface Fingerprint {
  organisations: { n: number; md5: string };
  memberships: { n: number; md5: string };
  people: number;
  auditLog: number;
}

/**
 * What a failed write must leave unchanged: row counts and an md5 of every row (all columns, in
 * id order) of organisations and memberships, plus the people and audit-log counts.
 */
export async function fingerprint(db: Db): Promise<Fingerprint> {
  const table = async (name: 'organisations' | 'memberships') => {
    const r = await sql<{ n: number; md5: string }>`
      SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) AS md5
      FROM ${sql.table(name)} t`.execute(db);
    return r.rows[0]!;
  };
  const count = async (name: 'people' | 'audit_log') =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(name)}`.execute(db)).rows[0]!.n;
  return {
    organisations: await table('organisations'),
    memberships: await table('memberships'),
    people: await count('people'),
    auditLog: await count('audit_log'),
  };
}
