import { LQ_DEFAULTS, locationQuotients } from '../../analytics/location-quotient.ts';
import { todayIso } from '../../domain/dates.ts';
import { PROVINCE_NAMES } from '../../domain/indicators/labels.ts';
import { cacheEnabled, cacheFor } from '../cache.ts';
import type { Ctx } from '../context.ts';
import * as repo from './maps.repository.ts';
import { networkIdOf } from './maps.service.ts';

/**
 * Specialisation of the provinces: location quotients of jobs by sector (NACE division or
 * section) and province (src/analytics/location-quotient.ts). Jobs are the organisations' current
 * headcount; the population is the members on 31 December of `year` (today for the current year),
 * of one network or of any, or every organisation in the registry; the reference region is the
 * Walloon provinces (or every province loaded).
 */

export interface SpecialisationQuery {
  level: 'division' | 'section';
  population: 'members' | 'all';
  network?: string;
  year?: number;
  reference: 'wallonia' | 'all';
  minJobs?: number;
  minEstablishments?: number;
}

export interface SpecialisationRow {
  sector: string;
  sectorLabel: string;
  area: string;
  areaName: string;
  jobs: number;
  establishments: number;
  lq: number | null;
  strong: boolean;
}

export async function specialisation(ctx: Ctx, q: SpecialisationQuery) {
  const today = todayIso();
  const year = q.year ?? Number(today.slice(0, 4));
  const day = year >= Number(today.slice(0, 4)) ? today : `${year}-12-31`;
  const networkId = await networkIdOf(ctx, q.network);
  const minJobs = q.minJobs ?? LQ_DEFAULTS.minJobs;
  const minEstablishments = q.minEstablishments ?? LQ_DEFAULTS.minEstablishments;
  const compute = async () => {
    const cells = await repo.specialisationCells(ctx.db, {
      level: q.level,
      population: q.population,
      day,
      networkId,
      walloonOnly: q.reference === 'wallonia',
    });
    const sectors = [...new Set(cells.map((c) => c.sector))].sort();
    const areas = [...new Set(cells.map((c) => c.area))].sort();
    const si = new Map(sectors.map((s, i) => [s, i]));
    const ai = new Map(areas.map((a, i) => [a, i]));
    const r = locationQuotients(
      {
        sector: Int32Array.from(cells, (c) => si.get(c.sector)!),
        area: Int32Array.from(cells, (c) => ai.get(c.area)!),
        jobs: Float64Array.from(cells, (c) => c.jobs),
        establishments: Float64Array.from(cells, (c) => c.establishments),
        nSectors: sectors.length,
        nAreas: areas.length,
      },
      { minJobs, minEstablishments },
    );
    const labels = new Map((await repo.naceLabels(ctx.db, sectors)).map((l) => [l.code, l.labelFr]));
    const items: SpecialisationRow[] = [];
    for (let s = 0; s < sectors.length; s++)
      for (let a = 0; a < areas.length; a++) {
        const c = s * areas.length + a;
        if (r.establishments[c] === 0) continue;
        const lq = r.lq[c]!;
        items.push({
          sector: sectors[s]!,
          sectorLabel: labels.get(sectors[s]!) ?? sectors[s]!,
          area: areas[a]!,
          areaName: PROVINCE_NAMES[areas[a]!] ?? areas[a]!,
          jobs: r.jobs[c]!,
          establishments: r.establishments[c]!,
          lq: Number.isFinite(lq) ? lq : null,
          strong: r.strong[c] === 1,
        });
      }
    return {
      level: q.level,
      population: q.population,
      network: q.network ?? null,
      year,
      reference: q.reference,
      minJobs,
      minEstablishments,
      threshold: r.threshold,
      totalJobs: r.totalJobs,
      items,
    };
  };
  if (!cacheEnabled()) return compute();
  return cacheFor(ctx.db).get(
    ctx.db,
    `specialisation:${JSON.stringify([q.level, q.population, networkId, day, q.reference, minJobs, minEstablishments])}`,
    compute,
  );
}
