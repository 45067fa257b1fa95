import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { todayIso } from '../../domain/dates.ts';
import {
  type RuleSet,
  WALLOON_RD_GRID,
  WALLOON_RD_RULES,
  weightedTotal,
} from '../../domain/eligibility/index.ts';
import { SYSTEM } from '../auth/actor.ts';
import { createUser } from '../auth/auth.service.ts';
import { projectSearchText } from '../projects/projects.repository.ts';
import { importBoundaries, importMunicipalities, importNace } from '../reference/reference.service.ts';
import {
  bulkInsertMemberships,
  bulkInsertOrganisations,
  reserveOrganisationIds,
} from '../registry/organisations.repository.ts';
import { solve } from '../review/review.service.ts';
import { type DemoData, generateDemo } from './demo.generator.ts';
import { fundingPerYear, generateDemoProjects, generateDemoReviewers } from './demo.projects.ts';

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

/** Training and investment calls of the demo: a partnership of at least two organisations. */
const PARTNERSHIP_RULES: RuleSet = {
  id: 'demo-partnership',
  label: {
    fr: 'Partenariat d’au moins deux organisations',
    en: 'A partnership of at least two organisations',
  },
  rules: [{ id: 'partners', kind: 'min_distinct_partners', params: { min: 2 } }],
};

/** The generated calls and projects of the demo, written inside the demo's transaction. */
async function insertDemoProjects(
  trx: Db,
  data: DemoData,
  orgIds: Record<number, number>,
  netIds: Map<string, number>,
  seed: number | undefined,
) {
  const today = todayIso();
  const { calls, projects } = generateDemoProjects(data, { seed, today });
  const callIds: number[] = [];
  for (const c of calls) {
    const { id } = await trx
      .insertInto('calls')
      .values({
        title: c.title,
        description: 'Appel généré pour la démonstration.',
        projectType: c.projectType,
        opensAt: `${c.opensAt}T09:00:00+01:00`,
        closesAt: `${c.closesAt}T12:00:00+02:00`,
        budgetEur: c.budgetEur,
        rules: JSON.stringify(c.projectType === 'rd' ? WALLOON_RD_RULES : PARTNERSHIP_RULES),
        grid: JSON.stringify(WALLOON_RD_GRID),
        generated: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    callIds.push(id);
    await trx
      .insertInto('callNetworks')
      .values(c.networkSlugs.map((s) => ({ callId: id, networkId: netIds.get(s)! })))
      .execute();
  }
  let labelled = 0;
  let publicFunding = 0;
  for (let i = 0; i < projects.length; i += 200) {
    const batch = projects.slice(i, i + 200);
    const inserted = await trx
      .insertInto('projects')
      .values(
        batch.map((p) => {
          const granted = p.partners.reduce((s, x) => s + (x.fundingGrantedEur ?? 0), 0);
          if (p.labelledOn) {
            labelled++;
            publicFunding += granted;
          }
          return {
            source: 'regional',
            callId: callIds[p.callKey]!,
            acronym: p.acronym,
            title: p.title,
            summary: p.summary,
            keywords: p.keywords,
            projectType: p.projectType,
            status: p.status,
            startDate: p.startDate,
            endDate: p.endDate,
            durationMonths: p.durationMonths,
            submittedAt: p.submittedAt ? `${p.submittedAt}T10:00:00Z` : null,
            labelledOn: p.labelledOn,
            totalBudgetEur: p.partners.reduce((s, x) => s + x.budgetEur, 0),
            publicFundingEur: granted,
            promisedJobs: p.promised.jobs,
            promisedPatents: p.promised.patents,
            promisedProducts: p.promised.products,
            promisedSpinoffs: p.promised.spinoffs,
            actualJobs: p.actual?.jobs ?? null,
            actualPatents: p.actual?.patents ?? null,
            actualProducts: p.actual?.products ?? null,
            actualSpinoffs: p.actual?.spinoffs ?? null,
            searchText: projectSearchText(p.acronym, p.title),
            generated: true,
          };
        }),
      )
      .returning('id')
      .execute();
    const networkRows = batch.flatMap((p, j) =>
      p.networkSlugs.map((s) => ({ projectId: inserted[j]!.id, networkId: netIds.get(s)! })),
    );
    await trx.insertInto('projectNetworks').values(networkRows).execute();
    const partnerRows = batch.flatMap((p, j) =>
      p.partners.map((x) => ({
        projectId: inserted[j]!.id,
        organisationId: orgIds[x.orgKey]!,
        role: x.role,
        budgetEur: x.budgetEur,
        fundingRequestedEur: x.fundingRequestedEur,
        fundingGrantedEur: x.fundingGrantedEur,
      })),
    );
    const partnerIds = await trx.insertInto('projectPartners').values(partnerRows).returning('id').execute();
    const years: { partnerId: number; year: number; amountEur: number }[] = [];
    let k = 0;
    for (const p of batch)
      for (const x of p.partners) {
        const pid = partnerIds[k++]!.id;
        if (x.fundingGrantedEur != null && p.startDate && p.endDate)
          for (const f of fundingPerYear(x.fundingGrantedEur, p.startDate, p.endDate))
            years.push({ partnerId: pid, year: f.year, amountEur: f.amount });
      }
    for (let y = 0; y < years.length; y += 2000)
      await trx
        .insertInto('partnerFundingYears')
        .values(years.slice(y, y + 2000))
        .execute();
    const journal = batch.flatMap((p, j) =>
      p.transitions.map((t) => ({
        projectId: inserted[j]!.id,
        fromStatus: t.from,
        toStatus: t.to,
        at: `${t.at}T12:00:00Z`,
        note: 'démonstration',
      })),
    );
    for (let y = 0; y < journal.length; y += 2000)
      await trx
        .insertInto('projectTransitions')
        .values(journal.slice(y, y + 2000))
        .execute();
  }
  return { calls: calls.length, projects: projects.length, labelled, publicFunding };
}

/**
 * The reviewer pool, the optimal assignment of the call under evaluation, and a few submitted
 * scores; the demo expert account is one of the committee's reviewers.
 */
async function loadDemoReviewers(
  db: Db,
  data: DemoData,
  orgIds: Record<number, number>,
  expertUserId: number,
  seed: number | undefined,
): Promise<number> {
  const pool = generateDemoReviewers(data, seed);
  const ids: number[] = [];
  for (const [i, r] of pool.entries()) {
    const { id } = await db
      .insertInto('reviewers')
      .values({
        name: r.name,
        userId: i === 0 ? expertUserId : null,
        organisationId: r.orgKey != null ? orgIds[r.orgKey]! : null,
        country: r.country,
        expertise: r.expertise,
        stages: r.stages,
        generated: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(id);
  }
  const call = await db
    .selectFrom('calls')
    .select(['id', 'closesAt'])
    .where('closesAt', '<', new Date())
    .orderBy('closesAt', 'desc')
    .executeTakeFirst();
  if (call) {
    const ctx = { db, actor: SYSTEM };
    await solve(ctx, call.id, 1);
    // a third of the reviews already came in (not the expert's own: they are left to try)
    const assignments = await db
      .selectFrom('reviewAssignments as a')
      .innerJoin('reviewers as r', 'r.id', 'a.reviewerId')
      .select(['a.id', 'r.userId', 'a.reviewerId', 'a.projectId'])
      .where('a.stage', '=', 1)
      .orderBy('a.id')
      .execute();
    const grid = WALLOON_RD_GRID.stages[0]!;
    let k = 0;
    for (const a of assignments) {
      if (a.userId != null || k++ % 3 !== 0) continue;
      const scores = Object.fromEntries(
        grid.criteria.map((c, j) => [c.id, 4 + ((a.projectId * 7 + j * 3 + a.reviewerId) % 6)]),
      );
      const total = weightedTotal(grid, scores);
      await db
        .insertInto('reviewScores')
        .values(
          Object.entries(scores).map(([criterion, score]) => ({ assignmentId: a.id, criterion, score })),
        )
        .execute();
      await db
        .updateTable('reviewAssignments')
        .set({
          total: total.ok ? total.total : null,
          comment: 'Évaluation de démonstration.',
          submittedAt: new Date(),
        })
        .where('id', '=', a.id)
        .execute();
    }
  }
  return pool.length;
}
