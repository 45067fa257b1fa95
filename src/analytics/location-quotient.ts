/**
 * Location quotients and "strong" specialisations, as the cluster-mapping projects compute them
 * (US Cluster Mapping, Delgado, Porter & Stern 2016; European Cluster Observatory):
 *
 *   LQ(s, a) = (E(s, a) / E(·, a)) ÷ (E(s, R) / E(·, R))
 *
 * with E the jobs, s a sector, a an area and R the reference region (every area given). LQ > 1: the
 * sector weighs more in the area's jobs than in the region's.
 *
 * A cell is a candidate when LQ ≥ 1, jobs ≥ `minJobs` and establishments ≥ `minEstablishments`
 * (a high quotient on a handful of jobs or one firm says nothing); the strong cells are the top
 * quartile of the candidates by LQ: every candidate whose LQ is at least the ⌈n/4⌉-th highest
 * candidate LQ (ties at the border kept).
 *
 * Pure, on typed arrays; no I/O.
 */

export interface LqInput {
  /** sector index of each row (0 … nSectors−1) */
  sector: Int32Array;
  /** area index of each row (0 … nAreas−1) */
  area: Int32Array;
  /** jobs (headcount) of each row */
  jobs: Float64Array;
  /** establishments each row stands for (default 1 per row: one row per establishment) */
  establishments?: Float64Array;
  nSectors: number;
  nAreas: number;
}

export interface LqOptions {
  /** least jobs in a cell for it to be strong (default 50) */
  minJobs?: number;
  /** least establishments in a cell for it to be strong (default 3) */
  minEstablishments?: number;
}

export const LQ_DEFAULTS = { minJobs: 50, minEstablishments: 3 } as const;

export interface LqResult {
  nSectors: number;
  nAreas: number;
  /** cell (s, a) at index s·nAreas + a */
  jobs: Float64Array;
  establishments: Float64Array;
  /** NaN when the area or the sector has no jobs at all */
  lq: Float64Array;
  strong: Uint8Array;
  /** the LQ a candidate needs to be strong (null without candidates) */
  threshold: number | null;
  /** the region's jobs per sector and per area, and in all */
  sectorJobs: Float64Array;
  areaJobs: Float64Array;
  totalJobs: number;
}

/** Location quotients of every sector × area cell, with the strong flag. */
export function locationQuotients(input: LqInput, opts: LqOptions = {}): LqResult {
  const { sector, area, jobs, nSectors, nAreas } = input;
  const n = sector.length;
  if (area.length !== n || jobs.length !== n)
    throw new RangeError('sector, area and jobs must have the same length');
  if (input.establishments && input.establishments.length !== n)
    throw new RangeError('establishments must be aligned with sector');
  const minJobs = opts.minJobs ?? LQ_DEFAULTS.minJobs;
  const minEst = opts.minEstablishments ?? LQ_DEFAULTS.minEstablishments;
  const cells = nSectors * nAreas;
  const cellJobs = new Float64Array(cells);
  const cellEst = new Float64Array(cells);
  const sectorJobs = new Float64Array(nSectors);
  const areaJobs = new Float64Array(nAreas);
  let totalJobs = 0;
  for (let i = 0; i < n; i++) {
    const s = sector[i]!;
    const a = area[i]!;
    if (s < 0 || s >= nSectors || a < 0 || a >= nAreas)
      throw new RangeError(`row ${i}: sector or area out of range`);
    const j = jobs[i]!;
    if (!(j >= 0)) throw new RangeError(`row ${i}: jobs must be a non-negative number`);
    const c = s * nAreas + a;
    cellJobs[c]! += j;
    cellEst[c]! += input.establishments ? input.establishments[i]! : 1;
    sectorJobs[s]! += j;
    areaJobs[a]! += j;
    totalJobs += j;
  }
  const lq = new Float64Array(cells);
  const candidates: number[] = [];
  for (let s = 0; s < nSectors; s++)
    for (let a = 0; a < nAreas; a++) {
      const c = s * nAreas + a;
      const v =
        areaJobs[a]! > 0 && sectorJobs[s]! > 0
          ? cellJobs[c]! / areaJobs[a]! / (sectorJobs[s]! / totalJobs)
          : Number.NaN;
      lq[c] = v;
      if (v >= 1 && cellJobs[c]! >= minJobs && cellEst[c]! >= minEst) candidates.push(v);
    }
  const strong = new Uint8Array(cells);
  let threshold: number | null = null;
  if (candidates.length > 0) {
    candidates.sort((x, y) => y - x);
    threshold = candidates[Math.ceil(candidates.length / 4) - 1]!;
    for (let c = 0; c < cells; c++)
      if (lq[c]! >= threshold && lq[c]! >= 1 && cellJobs[c]! >= minJobs && cellEst[c]! >= minEst)
        strong[c] = 1;
  }
  return {
    nSectors,
    nAreas,
    jobs: cellJobs,
    establishments: cellEst,
    lq,
    strong,
    threshold,
    sectorJobs,
    areaJobs,
    totalJobs,
  };
}
