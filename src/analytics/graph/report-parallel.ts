import { shortestPathPassParallel } from './betweenness-parallel.ts';
import { assembleReport } from './report.ts';
import type { CsrGraph, GraphReport, MetricsOptions } from './types.ts';

/**
 * `computeReport` with the shortest-path passes (the O(nm) part) on worker threads; identical
 * output up to floating-point summation order. `threads` defaults to the available cores.
 */
export async function computeReportParallel(
  g: CsrGraph,
  opts: MetricsOptions & { threads?: number } = {},
): Promise<GraphReport> {
  const pass = await shortestPathPassParallel(g, { threads: opts.threads, weighted: opts.weighted });
  const hops = opts.weighted
    ? await shortestPathPassParallel(g, { threads: opts.threads, betweenness: false })
    : pass;
  return assembleReport(g, opts, pass, hops);
}
