import type { BalancedPanel } from '../../analytics/impact/types.ts';
import { ConflictError, ValidationError } from '../../domain/errors.ts';
import type { Ctx } from '../context.ts';
import type { RunParameters } from './impact-runs.schemas.ts';
import { type BalancedResult, balancedPanel } from './panel-balanced.ts';
import { type PanelSnapshot, panelSnapshot } from './panel-snapshot.ts';
import { firmAttributes, parseTreatment, sectorMatcher, treatmentCohorts } from './treatment.service.ts';

/**
 * The balanced panel a run estimates on: the population's firms (sectors, region —
 * treatment.service.ts) with their first treated year, through `balancedPanel`
 * (panel-balanced.ts: outcome every year, size and sector covariates, common support).
 * Enterprise numbers never leave this function.
 */

export interface RunPanel {
  panel: BalancedPanel;
  /** firms of the population */
  population: number;
  /** population firms left out (panel-balanced.ts) */
  dropped: BalancedResult['dropped'];
  /** reference and dummy divisions of the sector covariate */
  sectors: BalancedResult['sectors'];
  panelVersion: number;
}

/** The period of the run: the one asked, checked against the panel, or the panel's whole span. */
export function runPeriod(
  snap: PanelSnapshot,
  period: RunParameters['period'],
): { from: number; to: number } {
  if (snap.rows === 0)
    throw new ConflictError('No firm-year panel has been imported yet', [
      { path: 'panel', message: 'import a firm-year panel (POST /api/v1/impact/panel/import) first' },
    ]);
  if (!period) return { from: snap.minYear, to: snap.maxYear };
  const details = [];
  if (period.from < snap.minYear || period.from >= snap.maxYear)
    details.push({
      path: 'period.from',
      value: String(period.from),
      message: `the panel covers ${snap.minYear}–${snap.maxYear}`,
    });
  if (period.to > snap.maxYear || period.to <= snap.minYear)
    details.push({
      path: 'period.to',
      value: String(period.to),
      message: `the panel covers ${snap.minYear}–${snap.maxYear}`,
    });
  if (details.length) throw new ValidationError('The period is outside the panel', details);
  return period;
}

/** Check what the schema cannot: the treatment's network exists, the sectors parse. */
export function checkPopulation(params: Pick<RunParameters, 'treatment' | 'sectors'>): void {
  parseTreatment(params.treatment);
  sectorMatcher(params.sectors);
}

export async function buildRunPanel(ctx: Ctx, params: RunParameters): Promise<RunPanel> {
  const snap = await panelSnapshot(ctx.db);
  const { from, to } = runPeriod(snap, params.period);
  const cohort = await treatmentCohorts(ctx, snap, parseTreatment(params.treatment));
  const attrs = await firmAttributes(ctx, snap, from, {
    sectors: params.sectors,
    region: params.region,
    provinces: params.provinces.length ? params.provinces : undefined,
  });
  const b = balancedPanel(snap, {
    outcome: params.outcome,
    log: params.log,
    from,
    to,
    cohort,
    include: attrs.inPopulation,
    covariates: params.covariates,
    nace: attrs.nace,
  });
  let population = 0;
  for (const x of attrs.inPopulation) population += x;
  // enterprise numbers stay here: the estimation and its stored result never see them
  const { labels: _labels, ...panel } = b.panel;
  return { panel, population, dropped: b.dropped, sectors: b.sectors, panelVersion: snap.version };
}
