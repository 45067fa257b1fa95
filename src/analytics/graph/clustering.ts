import type { CsrGraph } from './types.ts';

/** Triangles through each node (each triangle counted once per corner), O(Σ deg²) with a marker array. */
export function triangles(g: CsrGraph): Float64Array {
  const n = g.n;
  const off = g.offsets;
  const tg = g.targets;
  const mark = new Int32Array(n).fill(-1);
  const out = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    const end = off[v + 1]!;
    for (let p = off[v]!; p < end; p++) mark[tg[p]!] = v;
    let count = 0;
    for (let p = off[v]!; p < end; p++) {
      const u = tg[p]!;
      const ue = off[u + 1]!;
      for (let q = off[u]!; q < ue; q++) if (mark[tg[q]!] === v) count++;
    }
    out[v] = count / 2;
  }
  return out;
}

/**
 * Local clustering coefficient, unweighted (networkx `clustering(G)`): 2T(v)/(d(d−1)), 0 when d < 2.
 * Weights are ignored on purpose: the weighted variants (Onnela, Barrat) answer another question.
 */
export function clustering(g: CsrGraph, tri: Float64Array = triangles(g)): Float64Array {
  const out = new Float64Array(g.n);
  for (let v = 0; v < g.n; v++) {
    const d = g.offsets[v + 1]! - g.offsets[v]!;
    if (d > 1) out[v] = (2 * tri[v]!) / (d * (d - 1));
  }
  return out;
}

/** networkx `average_clustering(G)`: mean over all nodes, zeros included; 0 for an empty graph. */
export function averageClustering(g: CsrGraph, local: Float64Array = clustering(g)): number {
  if (g.n === 0) return 0;
  let s = 0;
  for (let v = 0; v < g.n; v++) s += local[v]!;
  return s / g.n;
}

/** networkx `transitivity(G)`: 3 × triangles / connected triples, 0 without triangles. */
export function transitivity(g: CsrGraph, tri: Float64Array = triangles(g)): number {
  let closed = 0;
  let triples = 0;
  for (let v = 0; v < g.n; v++) {
    const d = g.offsets[v + 1]! - g.offsets[v]!;
    closed += tri[v]!;
    triples += (d * (d - 1)) / 2;
  }
  return closed === 0 ? 0 : closed / triples;
}
