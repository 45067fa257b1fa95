import type { CsrGraph } from './types.ts';

/** Number of distinct neighbours of each node. */
export function degree(g: CsrGraph): Int32Array {
  const out = new Int32Array(g.n);
  for (let v = 0; v < g.n; v++) out[v] = g.offsets[v + 1]! - g.offsets[v]!;
  return out;
}

/** Sum of edge weights at each node (networkx `degree(weight='weight')` without self-loops). */
export function strength(g: CsrGraph): Float64Array {
  const out = new Float64Array(g.n);
  for (let v = 0; v < g.n; v++) {
    let s = 0;
    for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) s += g.weights[p]!;
    out[v] = s;
  }
  return out;
}

/** networkx `density` for an undirected graph: 2m / (n(n−1)), 0 when n ≤ 1. */
export function density(g: CsrGraph): number {
  return g.n > 1 ? (2 * g.m) / (g.n * (g.n - 1)) : 0;
}
