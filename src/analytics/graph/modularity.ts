import type { CsrGraph } from './types.ts';

export interface ModularityOptions {
  weighted?: boolean;
  resolution?: number;
}

/**
 * Newman–Girvan modularity, networkx `modularity(G, communities, weight, resolution)`:
 * Q = Σ_c [ L_c/m − γ (D_c / 2m)² ], L_c = weight inside community c, D_c = its total degree.
 * `communities` is a community label per node (any non-negative integers) or a list of node-index
 * sets. NaN for a graph without edges (networkx divides by zero).
 */
export function modularity(
  g: CsrGraph,
  communities: ArrayLike<number> | readonly (readonly number[])[],
  opts: ModularityOptions = {},
): number {
  const labels = toLabels(g.n, communities);
  const weighted = opts.weighted ?? false;
  const gamma = opts.resolution ?? 1;
  let maxLabel = -1;
  for (let v = 0; v < g.n; v++) if (labels[v]! > maxLabel) maxLabel = labels[v]!;
  const inside = new Float64Array(maxLabel + 1);
  const degrees = new Float64Array(maxLabel + 1);
  let twoM = 0;
  for (let v = 0; v < g.n; v++) {
    const c = labels[v]!;
    for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
      const w = weighted ? g.weights[p]! : 1;
      twoM += w;
      degrees[c]! += w;
      if (labels[g.targets[p]!] === c) inside[c]! += w; // each inside edge seen twice
    }
  }
  if (twoM === 0) return Number.NaN;
  let q = 0;
  for (let c = 0; c <= maxLabel; c++) {
    const d = degrees[c]! / twoM;
    q += inside[c]! / twoM - gamma * d * d;
  }
  return q;
}

function toLabels(n: number, communities: ArrayLike<number> | readonly (readonly number[])[]): Int32Array {
  const first = communities.length > 0 ? (communities as ArrayLike<unknown>)[0] : undefined;
  if (Array.isArray(first) || (communities.length === 0 && n > 0 && Array.isArray(communities))) {
    const labels = new Int32Array(n).fill(-1);
    (communities as readonly (readonly number[])[]).forEach((set, c) => {
      for (const v of set) {
        if (labels[v] !== -1) throw new RangeError(`node ${v} is in two communities`);
        labels[v] = c;
      }
    });
    if (labels.includes(-1)) throw new RangeError('the communities do not cover every node');
    return labels;
  }
  const labels = Int32Array.from(communities as ArrayLike<number>);
  if (labels.length !== n) throw new RangeError(`expected ${n} community labels, got ${labels.length}`);
  if (labels.some((c) => c < 0)) throw new RangeError('community labels must be non-negative');
  return labels;
}
