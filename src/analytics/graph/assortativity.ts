import type { CsrGraph } from './types.ts';

/**
 * networkx `degree_assortativity_coefficient(G)` (Newman 2002, Phys. Rev. Lett. 89, 208701): Pearson
 * correlation of the degrees at the two ends of an edge, every edge read in both directions.
 * NaN when every edge joins nodes of the same degree (networkx divides by zero as well).
 */
export function degreeAssortativity(g: CsrGraph): number {
  let sx = 0;
  let sxx = 0;
  let sxy = 0;
  const arcs = g.targets.length;
  if (arcs === 0) return Number.NaN;
  for (let v = 0; v < g.n; v++) {
    const dv = g.offsets[v + 1]! - g.offsets[v]!;
    for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
      const u = g.targets[p]!;
      const du = g.offsets[u + 1]! - g.offsets[u]!;
      sx += dv;
      sxx += dv * dv;
      sxy += dv * du;
    }
  }
  const mean = sx / arcs;
  const variance = sxx / arcs - mean * mean;
  if (!(variance > 1e-12 * mean * mean)) return Number.NaN;
  return (sxy / arcs - mean * mean) / variance;
}
