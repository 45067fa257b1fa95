import { formatEnterpriseNumber, parseEnterpriseNumber } from '../../domain/enterprise-number.ts';
import { ValidationError } from '../../domain/errors.ts';
import type { Ctx } from '../context.ts';
import { authorizeImpact, canImpact } from './impact.policy.ts';
import * as repo from './panel.repository.ts';
import { type PanelSnapshot, panelSnapshot } from './panel-snapshot.ts';
import { panelMemo, registryMemo, treatmentCohorts } from './treatment.service.ts';

/**
 * What the panel holds (public: counts only) and, for managers and admins, its firm-level rows.
 * The summary reads the columnar snapshot, so it costs a loop, not a table scan.
 */

export interface PanelSummary {
  rows: number;
  firms: number;
  years: { from: number; to: number } | null;
  /** panel firms the registry knows (by enterprise number) */
  inRegistry: number;
  /** panel firms that were ever members of a network */
  members: number;
  /** per year: firms with a row, and with an FTE value */
  coverage: { year: number; firms: number; withFte: number; withValueAdded: number }[];
  dataVersion: number;
  panelVersion: number;
  /** the latest imports (managers and admins only; [] otherwise) */
  imports: {
    id: number;
    fileName: string | null;
    source: string | null;
    rows: number;
    firms: number;
    createdAt: string;
  }[];
}

export async function panelSummary(ctx: Ctx): Promise<PanelSummary> {
  const snap = await panelSnapshot(ctx.db);
  // Counted once per snapshot (coverage) and per registry data version (registry matches), not
  // per request: the loop runs over every panel row and the registry read over every organisation.
  const { inRegistry, members } = await registryMemo(ctx, snap, 'summary:registry', async () => {
    const known = await repo.registryEnterpriseNumbers(ctx.db);
    const cohort = await treatmentCohorts(ctx, snap, { kind: 'any' });
    let inRegistry = 0;
    let members = 0;
    snap.enterprise.forEach((en, f) => {
      if (known.has(en)) inRegistry++;
      if (cohort[f]! > 0) members++;
    });
    return { inRegistry, members };
  });
  const coverage = panelMemo(snap, 'summary:coverage', () => yearCoverage(snap));
  const imports = canImpact(ctx.actor, 'panel:rows') ? await repo.recentImports(ctx.db) : [];
  return {
    rows: snap.rows,
    firms: snap.enterprise.length,
    years: snap.rows ? { from: snap.minYear, to: snap.maxYear } : null,
    inRegistry,
    members,
    coverage,
    dataVersion: await repo.dataVersion(ctx.db),
    panelVersion: snap.version,
    imports: imports.map((i) => ({
      id: i.id,
      fileName: i.fileName,
      source: i.source,
      rows: i.rows,
      firms: i.firms,
      createdAt: new Date(i.createdAt).toISOString(),
    })),
  };
}

/** Per year: firms with a row, with an FTE value, with a value added (shared: do not modify). */
function yearCoverage(snap: PanelSnapshot): PanelSummary['coverage'] {
  const T = snap.rows ? snap.maxYear - snap.minYear + 1 : 0;
  const firms = new Int32Array(T);
  const fte = new Int32Array(T);
  const va = new Int32Array(T);
  for (let i = 0; i < snap.rows; i++) {
    const t = snap.year[i]! - snap.minYear;
    firms[t]!++;
    if (!Number.isNaN(snap.fte[i]!)) fte[t]!++;
    if (!Number.isNaN(snap.valueAdded[i]!)) va[t]!++;
  }
  return Array.from({ length: T }, (_, t) => ({
    year: snap.minYear + t,
    firms: firms[t]!,
    withFte: fte[t]!,
    withValueAdded: va[t]!,
  }));
}

/** Firm-level rows: never public (managers and admins). */
export async function panelRows(
  ctx: Ctx,
  q: { enterpriseNumber?: string; year?: number; limit: number; offset: number },
) {
  authorizeImpact(ctx.actor, 'panel:rows');
  let en: string | undefined;
  if (q.enterpriseNumber) {
    const p = parseEnterpriseNumber(q.enterpriseNumber);
    if (!p.ok)
      throw new ValidationError('Invalid enterprise number', [
        { path: 'enterpriseNumber', value: q.enterpriseNumber, message: p.reason },
      ]);
    en = p.value;
  }
  const rows = await repo.listFirmYears(ctx.db, { ...q, enterpriseNumber: en });
  return {
    items: rows.map((r) => ({ ...r, enterpriseNumberDisplay: formatEnterpriseNumber(r.enterpriseNumber) })),
  };
}
