import { sql } from 'kysely';
import { todayIso } from '../../domain/dates.ts';
import { CORDIS_TYPE_KINDS } from '../../domain/project.ts';
import { type CordisProject, parseCordisParticipations } from '../../io/cordis-participations.ts';
import { readSheet } from '../../io/spreadsheet.ts';
import type { Ctx } from '../context.ts';
import { authorize } from '../registry/registry.policy.ts';

/**
 * EU projects from CORDIS participations, stored as external projects (source `cordis`, external
 * id = the CORDIS record number) next to the regional ones. A participant whose PIC is known in the
 * registry (organisations.pic) is linked to that organisation; the others are kept as external
 * partners identified by their PIC, with their CORDIS type. Importing the same file again
 * replaces each project's consortium: the import is idempotent and all-or-nothing.
 */

export interface CordisImportReport {
  ok: boolean;
  dryRun: boolean;
  rows: number;
  projects: number;
  created: number;
  updated: number;
  participations: number;
  organisations: number;
  linkedToRegistry: number;
  durationMs: number;
}

function statusOf(p: CordisProject, today: string): 'funded' | 'running' | 'closed' {
  if (p.endDate && p.endDate < today) return 'closed';
  if (p.startDate && p.startDate > today) return 'funded';
  return 'running';
}

const CHUNK = 500;

export async function importCordis(
  ctx: Ctx,
  bytes: Uint8Array,
  opts: { dryRun?: boolean; programme?: string } = {},
): Promise<CordisImportReport> {
  authorize(ctx.actor, 'network:write');
  const t0 = performance.now();
  const sheet = await readSheet(bytes);
  const { projects, rows } = parseCordisParticipations(sheet);
  const pics = [...new Set(projects.flatMap((p) => p.participations.map((x) => x.pic)))];
  const programme = opts.programme ?? 'H2020';
  const today = todayIso();

  return ctx.db.transaction().execute(async (trx) => {
    const known = new Map<string, number>();
    for (let i = 0; i < pics.length; i += CHUNK) {
      const rowsOrg = await trx
        .selectFrom('organisations')
        .select(['id', 'pic'])
        .where('pic', 'in', pics.slice(i, i + CHUNK))
        .execute();
      for (const r of rowsOrg) if (r.pic) known.set(r.pic, r.id);
    }
    const existing = new Map<string, number>();
    const rcns = projects.map((p) => p.rcn);
    for (let i = 0; i < rcns.length; i += CHUNK) {
      const rowsP = await trx
        .selectFrom('projects')
        .select(['id', 'externalId'])
        .where('source', '=', 'cordis')
        .where('externalId', 'in', rcns.slice(i, i + CHUNK))
        .execute();
      for (const r of rowsP) if (r.externalId) existing.set(r.externalId, r.id);
    }
    const report: CordisImportReport = {
      ok: true,
      dryRun: opts.dryRun === true,
      rows,
      projects: projects.length,
      created: projects.filter((p) => !existing.has(p.rcn)).length,
      updated: projects.filter((p) => existing.has(p.rcn)).length,
      participations: rows,
      organisations: pics.length,
      linkedToRegistry: pics.filter((p) => known.has(p)).length,
      durationMs: 0,
    };
    if (opts.dryRun) {
      report.durationMs = Math.round(performance.now() - t0);
      return report;
    }

    const values = (p: CordisProject) => {
      const granted = p.participations.reduce((s, x) => s + (x.contribution ?? 0), 0);
      return {
        source: 'cordis',
        externalId: p.rcn,
        acronym: `${programme}-${p.rcn}`,
        title: `Projet ${programme} (CORDIS ${p.rcn})`,
        searchText: `${programme.toLowerCase()}-${p.rcn} cordis ${p.rcn}`,
        projectType: 'rd',
        status: statusOf(p, today),
        startDate: p.startDate,
        endDate: p.endDate,
        durationMonths:
          p.durationMonths != null && p.durationMonths >= 1 ? Math.min(p.durationMonths, 240) : null,
        totalBudgetEur: p.totalCost ?? 0,
        publicFundingEur: p.maxContribution ?? granted,
      };
    };

    const ids = new Map<string, number>();
    const toUpdate = projects.filter((p) => existing.has(p.rcn));
    for (const p of toUpdate) ids.set(p.rcn, existing.get(p.rcn)!);
    for (let i = 0; i < toUpdate.length; i += CHUNK) {
      // one UPDATE … FROM (VALUES …) per chunk rather than a statement per project
      const rowsSql = toUpdate.slice(i, i + CHUNK).map((p) => {
        const v = values(p);
        return sql`(${existing.get(p.rcn)!}::int, ${v.status}::text, ${v.startDate}::date, ${v.endDate}::date,
          ${v.durationMonths}::smallint, ${v.totalBudgetEur}::float8, ${v.publicFundingEur}::float8,
          ${v.acronym}::text, ${v.title}::text, ${v.searchText}::text)`;
      });
      await sql`
        UPDATE projects p SET status = v.status, start_date = v.start_date, end_date = v.end_date,
          duration_months = v.duration_months, total_budget_eur = v.total_budget_eur,
          public_funding_eur = v.public_funding_eur, acronym = v.acronym, title = v.title,
          search_text = v.search_text, updated_at = now()
        FROM (VALUES ${sql.join(rowsSql)}) AS v(id, status, start_date, end_date, duration_months,
          total_budget_eur, public_funding_eur, acronym, title, search_text)
        WHERE p.id = v.id`.execute(trx);
    }
    const updatedIds = [...ids.values()];
    for (let i = 0; i < updatedIds.length; i += CHUNK)
      await trx
        .deleteFrom('projectPartners')
        .where('projectId', 'in', updatedIds.slice(i, i + CHUNK))
        .execute();

    const toCreate = projects.filter((p) => !existing.has(p.rcn));
    for (let i = 0; i < toCreate.length; i += 200) {
      const batch = toCreate.slice(i, i + 200);
      const inserted = await trx
        .insertInto('projects')
        .values(batch.map(values))
        .returning(['id', 'externalId'])
        .execute();
      for (const r of inserted) ids.set(r.externalId!, r.id);
    }

    const partners = projects.flatMap((p) =>
      p.participations.map((x) => {
        const orgId = known.get(x.pic) ?? null;
        return {
          projectId: ids.get(p.rcn)!,
          organisationId: orgId,
          externalId: orgId == null ? x.pic : null,
          externalKind: CORDIS_TYPE_KINDS[x.type] ?? 'other',
          role: x.role === 'coordinator' ? 'coordinator' : 'partner',
          fundingGrantedEur: x.contribution,
        };
      }),
    );
    for (let i = 0; i < partners.length; i += 1000)
      await trx
        .insertInto('projectPartners')
        .values(partners.slice(i, i + 1000))
        .execute();
    report.durationMs = Math.round(performance.now() - t0);
    return report;
  });
}
