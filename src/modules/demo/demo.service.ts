import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { SYSTEM } from '../auth/actor.ts';
import { createUser } from '../auth/auth.service.ts';
import { importBoundaries, importMunicipalities, importNace } from '../reference/reference.service.ts';
import {
  bulkInsertMemberships,
  bulkInsertOrganisations,
  reserveOrganisationIds,
} from '../registry/organisations.repository.ts';
import { generateDemo } from './demo.generator.ts';
import { insertDemoProjects, loadDemoReviewers } from './demo.load-projects.ts';
import { loadDemoPanel } from './demo.panel.ts';

/** Demo accounts (demo data only; README lists them). */
export const DEMO_ACCOUNTS = [
  {
    email: 'admin@polaris.demo',
    password: 'polaris-demo-admin',
    displayName: 'Admin (démo)',
    admin: true,
    manages: [] as string[],
  },
  {
    email: 'skywin@polaris.demo',
    password: 'polaris-demo-skywin',
    displayName: 'Équipe Skywin (démo)',
    admin: false,
    manages: ['skywin'],
  },
  {
    email: 'expert@polaris.demo',
    password: 'polaris-demo-expert',
    displayName: 'Experte du comité de sélection (démo)',
    admin: false,
    manages: [] as string[],
  },
  {
    email: 'consortium@polaris.demo',
    password: 'polaris-demo-consortium',
    displayName: 'Coordinateur de projet (démo)',
    admin: false,
    manages: [] as string[],
  },
];

/** The reference files shipped beside the project (../shared/data/reference) — imported, not copied. */
export function defaultReferenceDir(): string {
  return process.env.POLARIS_REFERENCE_DIR ?? join(process.cwd(), '..', 'shared', 'data', 'reference');
}

export async function isEmpty(db: Db): Promise<boolean> {
  const r = await sql<{
    n: number;
  }>`SELECT (SELECT count(*) FROM networks) + (SELECT count(*) FROM organisations) AS n`.execute(db);
  return Number(r.rows[0]?.n ?? 0) === 0;
}

/** Import the reference lists Polaris needs when their tables are empty and the files are there. */
export async function importReferenceIfMissing(
  db: Db,
  dir: string,
  log: (s: string) => void = () => {},
): Promise<void> {
  const ctx = { db, actor: SYSTEM };
  const count = async (t: 'naceCodes' | 'municipalities' | 'boundaries') =>
    Number((await db.selectFrom(t).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);
  const files = {
    nace: join(dir, 'nacebel', 'nace2008.csv'),
    municipalities: join(dir, 'be-municipalities', 'belgian_municipalities_2020.csv'),
    provinces: join(dir, 'be-geo', 'wallonia_provinces.geojson'),
    communes: join(dir, 'be-geo', 'wallonia_municipalities.geojson'),
  };
  if ((await count('naceCodes')) === 0 && existsSync(files.nace)) {
    const r = await importNace(ctx, readFileSync(files.nace));
    log(`NACE-BEL 2008: ${r.imported} codes`);
  }
  if ((await count('municipalities')) === 0 && existsSync(files.municipalities)) {
    const r = await importMunicipalities(ctx, readFileSync(files.municipalities));
    log(`municipalities: ${r.imported}`);
  }
  if ((await count('boundaries')) === 0 && existsSync(files.provinces)) {
    await importBoundaries(ctx, readFileSync(files.provinces), 'province');
    if (existsSync(files.communes)) await importBoundaries(ctx, readFileSync(files.communes), 'municipality');
    log('boundaries: Walloon provinces and municipalities');
  }
}

export interface DemoSummary {
  networks: number;
  organisations: number;
  memberships: number;
  people: number;
  calls: number;
  projects: number;
  labelled: number;
  /** public funding granted to labelled projects (EUR) */
  publicFunding: number;
  reviewers: number;
  accounts: string[];
}

/** Load the generated Walloon demo data set into an empty database, in one transaction. */
export async function loadDemo(
  db: Db,
  opts: { seed?: number; organisations?: number; referenceDir?: string; log?: (s: string) => void } = {},
): Promise<DemoSummary> {
  const log = opts.log ?? (() => {});
  await importReferenceIfMissing(db, opts.referenceDir ?? defaultReferenceDir(), log);
  const munis = await db
    .selectFrom('municipalities')
    .select(['nis', 'nameFr', 'provinceNis', 'population', 'postcode'])
    .execute();
  const nace = await db.selectFrom('naceCodes').select('code').execute();
  const data = generateDemo({
    seed: opts.seed,
    organisations: opts.organisations,
    municipalities: munis,
    naceCodes: nace.length ? new Set(nace.map((x) => x.code)) : null,
  });
  let projectsSummary = { calls: 0, projects: 0, labelled: 0, publicFunding: 0 };
  let orgIds: Record<number, number> = {};
  await db.transaction().execute(async (trx) => {
    const netIds = new Map<string, number>();
    for (const n of data.networks) {
      const { id } = await trx
        .insertInto('networks')
        .values({
          slug: n.slug,
          kind: n.kind,
          name: n.name,
          acronym: n.acronym,
          domain: n.domain,
          descriptionFr: n.descriptionFr,
          descriptionEn: n.descriptionEn,
          website: n.website,
          recognisedFrom: n.recognisedFrom,
          illustrative: n.illustrative,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      netIds.set(n.slug, id);
    }
    const ids = await reserveOrganisationIds(trx, data.organisations.length);
    await bulkInsertOrganisations(
      trx,
      data.organisations.map(({ key, ...o }) => ({ ...o, id: ids[key]!, generated: true })),
    );
    await bulkInsertMemberships(
      trx,
      data.memberships.map((m) => ({
        organisationId: ids[m.orgKey]!,
        networkId: netIds.get(m.networkSlug)!,
        joinedOn: m.joinedOn,
        leftOn: m.leftOn,
      })),
    );
    for (let i = 0; i < data.people.length; i += 1000) {
      await trx
        .insertInto('people')
        .values(
          data.people.slice(i, i + 1000).map((p) => ({
            organisationId: ids[p.orgKey]!,
            firstName: p.firstName,
            lastName: p.lastName,
            email: p.email,
            jobTitle: p.jobTitle,
            phone: null,
          })),
        )
        .execute();
    }
    orgIds = ids;
    projectsSummary = await insertDemoProjects(trx, data, ids, netIds, opts.seed);
  });
  // The consortium account belongs to the coordinator of a draft of the open call.
  const draft = await db
    .selectFrom('projects as p')
    .innerJoin('projectPartners as pp', 'pp.projectId', 'p.id')
    .select('pp.organisationId')
    .where('p.status', '=', 'draft')
    .where('pp.role', '=', 'coordinator')
    .orderBy('p.id')
    .executeTakeFirst();
  const userIds = new Map<string, number>();
  for (const a of DEMO_ACCOUNTS) {
    const exists = await db.selectFrom('users').select('id').where('email', '=', a.email).executeTakeFirst();
    const memberOf =
      a.email.startsWith('consortium@') && draft?.organisationId ? [draft.organisationId] : undefined;
    userIds.set(a.email, exists?.id ?? (await createUser(db, { ...a, memberOf })).id);
  }
  const reviewers = await loadDemoReviewers(db, data, orgIds, userIds.get('expert@polaris.demo')!, opts.seed);
  // the impact observatory's firm-year panel: members and non-member firms of Walloon industry
  const panel = await loadDemoPanel(db, data, munis, opts.seed);
  log(`demo panel: ${panel.firms} firms, ${panel.rows} firm-years (2003–2025)`);
  const summary = {
    networks: data.networks.length,
    organisations: data.organisations.length,
    memberships: data.memberships.length,
    people: data.people.length,
    ...projectsSummary,
    reviewers,
    accounts: DEMO_ACCOUNTS.map((a) => a.email),
  };
  log(
    `demo: ${summary.networks} networks, ${summary.organisations} organisations, ${summary.memberships} memberships, ${summary.projects} projects (${summary.labelled} labelled, ${Math.round(summary.publicFunding / 1e6)} M EUR public funding)`,
  );
  return summary;
}
