import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { visible } from '../projects/projects.repository.ts';

/**
 * Reads of the open-data files: only public, non-personal columns are ever selected here (the
 * column lists below are the whole of what leaves the database), in keyset pages (`id > after`)
 * so a download of 100,000 organisations holds one page in memory at a time.
 *
 * Public projects are `visible({})` of projects.repository.ts: the one definition of "public"
 * (labelled, or from an external public source such as CORDIS).
 */

const PUBLIC = visible({});

export async function networksPage(db: Db, after: number, limit: number) {
  return db
    .selectFrom('networks as n')
    .select([
      'n.id',
      'n.slug',
      'n.kind',
      'n.name',
      'n.acronym',
      'n.domain',
      'n.descriptionFr',
      'n.descriptionEn',
      'n.website',
      'n.recognisedFrom',
      'n.recognisedTo',
      'n.illustrative',
    ])
    .where('n.id', '>', after)
    .orderBy('n.id')
    .limit(limit)
    .execute();
}

/**
 * Organisations: identity, kind, size class, sector and place. Not published: headcount, turnover
 * and balance sheet (business figures, often declared in confidence — the size class is their
 * public proxy), street address and postcode (for a one-person business it is a home address),
 * free-text description and keywords (written by managers; may name people).
 */
export async function organisationsPage(db: Db, after: number, limit: number) {
  return db
    .selectFrom('organisations as o')
    .select([
      'o.id',
      'o.name',
      'o.kind',
      'o.enterpriseNumber',
      'o.pic',
      'o.sizeClass',
      'o.naceCodes',
      'o.municipalityNis',
      'o.provinceNis',
      'o.website',
      'o.generated',
    ])
    .where('o.id', '>', after)
    .orderBy('o.id')
    .limit(limit)
    .execute();
}

export async function membershipsPage(db: Db, after: number, limit: number) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('networks as n', 'n.id', 'm.networkId')
    .select(['m.id', 'm.organisationId', 'n.slug as networkSlug', 'm.joinedOn', 'm.leftOn'])
    .where('m.id', '>', after)
    .orderBy('m.id')
    .limit(limit)
    .execute();
}

/** Public projects only; never budgets, requested funding, scores, reviewers or the journal. */
export async function projectsPage(db: Db, after: number, limit: number) {
  return db
    .selectFrom('projects as p')
    .where(PUBLIC)
    .where('p.id', '>', after)
    .select([
      'p.id',
      'p.source',
      'p.externalId',
      'p.acronym',
      'p.title',
      'p.projectType',
      'p.status',
      'p.startDate',
      'p.endDate',
      'p.labelledOn',
      'p.publicFundingEur',
      'p.generated',
      sql<string[]>`ARRAY(SELECT n.slug FROM project_networks pn JOIN networks n ON n.id = pn.network_id
        WHERE pn.project_id = p.id ORDER BY n.slug)`.as('networks'),
    ])
    .orderBy('p.id')
    .limit(limit)
    .execute();
}

/** Partners of public projects: who, in which role, public funding granted (never budget or request). */
export async function projectPartnersPage(db: Db, after: number, limit: number) {
  return db
    .selectFrom('projectPartners as pp')
    .innerJoin('projects as p', 'p.id', 'pp.projectId')
    .where(PUBLIC)
    .where('pp.id', '>', after)
    .select([
      'pp.id',
      'pp.projectId',
      'pp.organisationId',
      'pp.externalId',
      'pp.externalKind',
      'pp.role',
      'pp.fundingGrantedEur',
    ])
    .orderBy('pp.id')
    .limit(limit)
    .execute();
}

/** The data version: every write to the registry or the projects bumps it (statement triggers). */
export async function dataVersion(db: Db): Promise<number> {
  const r = await db
    .selectFrom('dataVersion')
    .select('version')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(r.version);
}

/** Latest creation or update time of the rows behind each dataset (deletions leave no trace). */
export async function lastChanges(db: Db) {
  const r = await sql<{
    networks: Date | null;
    organisations: Date | null;
    memberships: Date | null;
    projects: Date | null;
    first: Date | null;
  }>`
    SELECT
      (SELECT max(greatest(created_at, updated_at)) FROM networks) AS networks,
      (SELECT max(greatest(created_at, updated_at)) FROM organisations) AS organisations,
      (SELECT max(greatest(created_at, updated_at)) FROM memberships) AS memberships,
      (SELECT max(greatest(created_at, updated_at)) FROM projects) AS projects,
      (SELECT min(created_at) FROM networks) AS first`.execute(db);
  const row = r.rows[0]!;
  const d = (v: Date | string | null) => (v == null ? null : new Date(v));
  return {
    networks: d(row.networks),
    organisations: d(row.organisations),
    memberships: d(row.memberships),
    projects: d(row.projects),
    first: d(row.first),
  };
}

/** Time covered by the data: membership periods and public project periods. */
export async function temporalCoverage(db: Db) {
  const m = await db
    .selectFrom('memberships')
    .select([
      sql<string | null>`min(joined_on)::text`.as('from'),
      sql<string | null>`greatest(max(joined_on), max(left_on))::text`.as('to'),
    ])
    .executeTakeFirstOrThrow();
  const p = await db
    .selectFrom('projects as p')
    .where(PUBLIC)
    .select([
      sql<string | null>`least(min(p.start_date), min(p.labelled_on))::text`.as('from'),
      sql<string | null>`greatest(max(p.end_date), max(p.labelled_on), max(p.start_date))::text`.as('to'),
    ])
    .executeTakeFirstOrThrow();
  return { memberships: m, projects: p };
}
