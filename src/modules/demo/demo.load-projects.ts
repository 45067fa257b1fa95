import type { Db } from '../../db/database.ts';
import { todayIso } from '../../domain/dates.ts';
import {
  type RuleSet,
  WALLOON_RD_GRID,
  WALLOON_RD_RULES,
  weightedTotal,
} from '../../domain/eligibility/index.ts';
import { SYSTEM } from '../auth/actor.ts';
import { projectSearchText } from '../projects/projects.repository.ts';
import { solve } from '../review/review.service.ts';
import type { DemoData } from './demo.generator.ts';
import { fundingPerYear, generateDemoProjects } from './demo.projects.ts';
import { generateDemoReviewers } from './demo.reviewers.ts';

/** Writing the generated calls, projects and reviewers (demo.projects.ts, demo.reviewers.ts). */

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
export async function insertDemoProjects(
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
export async function loadDemoReviewers(
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
