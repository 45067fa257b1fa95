import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/database.ts';
import { makeEnterpriseNumber } from '../../src/domain/enterprise-number.ts';
import { searchTextOf } from '../../src/domain/organisation-input.ts';
import { normaliseName } from '../../src/domain/text.ts';
import { createUser } from '../../src/modules/auth/auth.service.ts';

/** Factories: each builds what a test needs, with unique names, and depends on no seed data. */

let counter = 0;
const uid = () => `${++counter}${randomBytes(2).toString('hex')}`;

export async function makeNetwork(
  db: Db,
  over: Partial<{ slug: string; kind: 'pole' | 'cluster'; name: string; domain: string }> = {},
) {
  const u = uid();
  const row = {
    slug: over.slug ?? `net-${u}`,
    kind: over.kind ?? 'pole',
    name: over.name ?? `Réseau ${u}`,
    domain: over.domain ?? 'Test',
  };
  const { id } = await db.insertInto('networks').values(row).returning('id').executeTakeFirstOrThrow();
  return { id, ...row };
}

export async function makeOrganisation(
  db: Db,
  over: Partial<{
    name: string;
    kind: string;
    enterpriseNumber: string | null;
    headcount: number | null;
    sizeClass: string | null;
    naceCodes: string[];
    naceSections: string[];
    provinceNis: string | null;
    municipalityNis: string | null;
  }> = {},
) {
  const name = over.name ?? `Organisation ${uid()}`;
  const enterpriseNumber =
    over.enterpriseNumber === undefined
      ? makeEnterpriseNumber(2_000_000 + Math.floor(Math.random() * 7_000_000))
      : over.enterpriseNumber;
  const { id } = await db
    .insertInto('organisations')
    .values({
      name,
      nameKey: normaliseName(name),
      searchText: searchTextOf(name),
      kind: over.kind ?? 'enterprise',
      enterpriseNumber,
      headcount: over.headcount ?? null,
      sizeClass: over.sizeClass ?? null,
      naceCodes: over.naceCodes ?? [],
      naceSections: over.naceSections ?? [],
      provinceNis: over.provinceNis ?? null,
      municipalityNis: over.municipalityNis ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, name, enterpriseNumber };
}

export async function makeMembership(
  db: Db,
  organisationId: number,
  networkId: number,
  joinedOn = '2010-01-01',
  leftOn: string | null = null,
) {
  const { id } = await db
    .insertInto('memberships')
    .values({ organisationId, networkId, joinedOn, leftOn })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id };
}

export const PASSWORD = 'correct-horse-battery';

export async function makeUser(
  db: Db,
  opts: { admin?: boolean; manages?: string[]; memberOf?: number[] } = {},
) {
  const email = `user-${uid()}@test.polaris`;
  const { id } = await createUser(db, { email, password: PASSWORD, ...opts });
  return { id, email, password: PASSWORD };
}
