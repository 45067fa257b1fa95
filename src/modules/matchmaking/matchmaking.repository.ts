import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { visible } from '../projects/projects.repository.ts';

/**
 * What competence profiles and the collaboration graph are built from, in a handful of set-based
 * queries. Only public project data is read — labelled regional projects, imported history and
 * EU projects (the public scope of projects.policy.ts), never drafts or submissions — whoever
 * asks: profiles and recommendations are the same for everyone, so nothing confidential can
 * leak into a reason.
 */

export async function organisationRows(db: Db) {
  return db
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'sizeClass', 'provinceNis', 'description', 'keywords', 'naceCodes'])
    .orderBy('id')
    .execute();
}

export async function naceLabels(db: Db) {
  return db.selectFrom('naceCodes').select(['code', 'labelFr', 'labelEn']).execute();
}

export async function networkRows(db: Db) {
  return db.selectFrom('networks').select(['id', 'slug', 'name', 'domain']).orderBy('id').execute();
}

/** Current memberships (on `day`). */
export async function currentMemberships(db: Db, day: string) {
  return db
    .selectFrom('memberships')
    .select(['organisationId', 'networkId'])
    .where('joinedOn', '<=', day)
    .where((w) => w.or([w('leftOn', 'is', null), w('leftOn', '>=', day)]))
    .execute();
}

/** Public projects (see the module note), with the day that places them in time. */
export async function publicProjects(db: Db) {
  return db
    .selectFrom('projects as p')
    .where(visible({}))
    .where('p.status', '<>', 'draft')
    .select([
      'p.id',
      'p.title',
      'p.summary',
      'p.keywords',
      sql<string | null>`coalesce(p.labelled_on, p.start_date)::text`.as('day'),
    ])
    .orderBy('p.id')
    .execute();
}

/** Registry partners of the public projects. */
export async function publicPartners(db: Db) {
  return db
    .selectFrom('projectPartners as pp')
    .innerJoin('projects as p', 'p.id', 'pp.projectId')
    .where(visible({}))
    .where('p.status', '<>', 'draft')
    .where('pp.organisationId', 'is not', null)
    .select(['pp.projectId', sql<number>`pp.organisation_id`.as('organisationId')])
    .orderBy('pp.projectId')
    .execute();
}

export async function publicProjectNetworks(db: Db) {
  return db
    .selectFrom('projectNetworks as pn')
    .innerJoin('projects as p', 'p.id', 'pn.projectId')
    .where(visible({}))
    .where('p.status', '<>', 'draft')
    .select(['pn.projectId', 'pn.networkId'])
    .execute();
}

export async function callRules(db: Db, callId: number) {
  const call = await db
    .selectFrom('calls')
    .select(['id', 'rules'])
    .where('id', '=', callId)
    .executeTakeFirst();
  if (!call) return null;
  const networks = await db
    .selectFrom('callNetworks as cn')
    .innerJoin('networks as n', 'n.id', 'cn.networkId')
    .where('cn.callId', '=', callId)
    .select('n.slug')
    .execute();
  return { rules: call.rules, networks: networks.map((n) => n.slug) };
}
