import type { ErrorDetail } from '../../domain/errors.ts';
import { ForbiddenError, UnauthenticatedError } from '../../domain/errors.ts';
import { isLabelledStatus } from '../../domain/project.ts';
import { normaliseName, stripAccents } from '../../domain/text.ts';
import { parseProjectSheet } from '../../io/project-columns.ts';
import { readSheet } from '../../io/spreadsheet.ts';
import type { Ctx } from '../context.ts';
import { audit } from '../registry/audit.repository.ts';
import { projectSearchText } from './projects.repository.ts';

/**
 * Import historical projects and consortia from CSV/XLSX (one row per partner), all-or-nothing:
 * partners are matched to the registry by enterprise number, then by normalised name; networks by
 * slug, name or acronym. Any problem rejects the whole file with a report naming row, column,
 * value and reason. Re-importing the same file updates the same projects (source `import`, keyed by
 * acronym and start date).
 */

export interface ProjectImportReport {
  ok: boolean;
  written: boolean;
  dryRun: boolean;
  format?: 'csv' | 'xlsx';
  rows: number;
  projects: number;
  created: number;
  updated: number;
  partners: number;
  errors: ErrorDetail[];
  unknownColumns: string[];
  durationMs: number;
}

export async function importProjects(
  ctx: Ctx,
  bytes: Uint8Array,
  opts: { dryRun?: boolean } = {},
): Promise<ProjectImportReport> {
  if (ctx.actor.userId == null && !ctx.actor.isAdmin) throw new UnauthenticatedError();
  if (!ctx.actor.isAdmin && ctx.actor.managerOf.length === 0)
    throw new ForbiddenError('Network managers and administrators import projects');
  const t0 = performance.now();
  const sheet = await readSheet(bytes);
  const parsed = parseProjectSheet(sheet);
  const errors = [...parsed.errors];
  const report = (over: Partial<ProjectImportReport>): ProjectImportReport => ({
    ok: errors.length === 0,
    written: false,
    dryRun: opts.dryRun === true,
    format: sheet.format,
    rows: sheet.rows.length,
    projects: parsed.projects.length,
    created: 0,
    updated: 0,
    partners: parsed.projects.reduce((s, p) => s + p.partners.length, 0),
    errors: errors.slice(0, 500),
    unknownColumns: parsed.unknownColumns,
    durationMs: Math.round(performance.now() - t0),
    ...over,
  });
  if (sheet.rows.length === 0)
    errors.push({ path: 'file', message: 'the file has a header but no project row' });
  if (errors.length) return report({ ok: false });

  // networks: slug, name or acronym
  const nets = await ctx.db.selectFrom('networks').select(['id', 'slug', 'name', 'acronym']).execute();
  const netKey = (s: string) =>
    stripAccents(s)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '');
  const netBy = new Map<string, { id: number }>();
  for (const n of nets) for (const k of [n.slug, n.name, n.acronym ?? '']) if (k) netBy.set(netKey(k), n);
  // organisations: enterprise number, then normalised name (unique names only)
  const orgs = await ctx.db
    .selectFrom('organisations')
    .select(['id', 'name', 'nameKey', 'enterpriseNumber'])
    .execute();
  const byEn = new Map(orgs.filter((o) => o.enterpriseNumber).map((o) => [o.enterpriseNumber!, o.id]));
  const byName = new Map<string, number[]>();
  for (const o of orgs) byName.set(o.nameKey, [...(byName.get(o.nameKey) ?? []), o.id]);

  const resolved = parsed.projects.map((p) => {
    const networkIds: number[] = [];
    for (const n of p.networks) {
      const hit = netBy.get(netKey(n));
      if (!hit)
        errors.push({
          path: `row ${p.line} / column "réseaux"`,
          row: p.line,
          column: 'réseaux',
          value: n,
          message: `no network is called "${n}" (use its slug, e.g. skywin)`,
        });
      else if (!networkIds.includes(hit.id)) networkIds.push(hit.id);
    }
    if (!ctx.actor.isAdmin && !networkIds.some((id) => ctx.actor.managerOf.includes(id)))
      errors.push({
        path: `row ${p.line} / column "réseaux"`,
        row: p.line,
        column: 'réseaux',
        value: p.networks.join(', '),
        message: 'you may import only projects of a network you manage',
      });
    let labelledOn = p.labelledOn;
    if (isLabelledStatus(p.status) && !labelledOn) labelledOn = p.startDate;
    if (isLabelledStatus(p.status) && !labelledOn)
      errors.push({
        path: `row ${p.line} / column "labellisé le"`,
        row: p.line,
        column: 'labellisé le',
        value: '',
        message: `a ${p.status} project needs its labelling date (or its start date)`,
      });
    const seen = new Set<number>();
    const partners = p.partners.map((x) => {
      let id: number | undefined;
      if (x.enterpriseNumber) {
        id = byEn.get(x.enterpriseNumber);
        if (id == null)
          errors.push({
            path: `row ${x.line} / column "numéro d'entreprise"`,
            row: x.line,
            column: "numéro d'entreprise",
            value: x.enterpriseNumber,
            message:
              'no organisation of the registry has this enterprise number (import the organisation first)',
          });
      } else {
        const ids = byName.get(normaliseName(x.name)) ?? [];
        if (ids.length === 1) id = ids[0];
        else
          errors.push({
            path: `row ${x.line} / column "partenaire"`,
            row: x.line,
            column: 'partenaire',
            value: x.name,
            message:
              ids.length === 0
                ? 'no organisation of the registry has this name (give its enterprise number, or import it first)'
                : `${ids.length} organisations have this name: give the enterprise number`,
          });
      }
      if (id != null && seen.has(id))
        errors.push({
          path: `row ${x.line} / column "partenaire"`,
          row: x.line,
          column: 'partenaire',
          value: x.name || x.enterpriseNumber || '',
          message: `this organisation is already a partner of ${p.acronym}`,
        });
      if (id != null) seen.add(id);
      return { ...x, organisationId: id ?? 0 };
    });
    return { ...p, networkIds, labelledOn, partners };
  });
  if (errors.length) return report({ ok: false });

  const keys = resolved.map((p) => p.key.replace('\u0000', '|'));
  const existing = new Map(
    (keys.length
      ? await ctx.db
          .selectFrom('projects')
          .select(['id', 'externalId'])
          .where('source', '=', 'import')
          .where('externalId', 'in', keys)
          .execute()
      : []
    ).map((r) => [r.externalId!, r.id]),
  );
  const created = resolved.filter((p) => !existing.has(p.key.replace('\u0000', '|'))).length;
  if (opts.dryRun) return report({ created, updated: resolved.length - created });

  await ctx.db.transaction().execute(async (trx) => {
    for (const p of resolved) {
      const externalId = p.key.replace('\u0000', '|');
      const values = {
        source: 'import',
        externalId,
        acronym: p.acronym,
        title: p.title,
        summary: p.summary,
        keywords: p.keywords,
        projectType: p.projectType,
        status: p.status,
        startDate: p.startDate,
        endDate: p.endDate,
        labelledOn: p.labelledOn,
        totalBudgetEur: p.partners.reduce((s, x) => s + (x.budgetEur ?? 0), 0),
        publicFundingEur: p.partners.reduce((s, x) => s + (x.fundingGrantedEur ?? 0), 0),
        ...p.outcomes,
        searchText: projectSearchText(p.acronym, p.title),
      };
      let id = existing.get(externalId);
      if (id != null) {
        await trx
          .updateTable('projects')
          .set({ ...values, updatedAt: new Date() })
          .where('id', '=', id)
          .execute();
        await trx.deleteFrom('projectPartners').where('projectId', '=', id).execute();
        await trx.deleteFrom('projectNetworks').where('projectId', '=', id).execute();
      } else {
        id = (await trx.insertInto('projects').values(values).returning('id').executeTakeFirstOrThrow()).id;
        await trx
          .insertInto('projectTransitions')
          .values({
            projectId: id,
            fromStatus: null,
            toStatus: p.status,
            userId: ctx.actor.userId,
            note: 'import',
          })
          .execute();
      }
      if (p.networkIds.length)
        await trx
          .insertInto('projectNetworks')
          .values(p.networkIds.map((networkId) => ({ projectId: id!, networkId })))
          .execute();
      await trx
        .insertInto('projectPartners')
        .values(
          p.partners.map((x) => ({
            projectId: id!,
            organisationId: x.organisationId,
            role: x.role,
            budgetEur: x.budgetEur,
            fundingRequestedEur: x.fundingRequestedEur,
            fundingGrantedEur: x.fundingGrantedEur,
          })),
        )
        .execute();
    }
    await audit(trx, ctx.actor, 'import:projects', 'project', null, { projects: resolved.length, created });
  });
  return report({ written: true, created, updated: resolved.length - created });
}
