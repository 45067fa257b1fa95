import { lengthsFor } from './betweenness.ts';
import { type Components, connectedComponents } from './components.ts';
import { emptyPassResult, type PassResult, shortestPathPass } from './shortest-paths.ts';
import type { CsrGraph } from './types.ts';

export interface DistanceOptions {
  /** Weighted distances (1/weight, or the weight with `distance: 'weight'`); default hop counts. */
  weighted?: boolean;
  distance?: 'inverse' | 'weight';
}

/**
 * networkx `closeness_centrality(G, wf_improved=True)`: (r−1)/Σd scaled by (r−1)/(n−1), where r is
 * the number of nodes reachable from v (itself included) — Wasserman & Faust (1994) eq. 5.6 for
 * disconnected graphs. 0 for isolated nodes. Takes a finished shortest-path pass when one is at hand.
 */
export function closeness(g: CsrGraph, opts: DistanceOptions = {}, pass?: PassResult): Float64Array {
  const res = pass ?? distancePass(g, opts);
  return closenessFromPass(g.n, res);
}

export function closenessFromPass(n: number, pass: PassResult): Float64Array {
  const out = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    const total = pass.distanceSum[v]!;
    const r = pass.reached[v]! - 1;
    if (total > 0 && n > 1) out[v] = (r / total) * (r / (n - 1));
  }
  return out;
}

/** All-sources distances only (no dependencies): sums, reach and eccentricities. */
export function distancePass(g: CsrGraph, opts: DistanceOptions = {}): PassResult {
  const out = emptyPassResult(g.n);
  shortestPathPass(g, null, out, { lengths: lengthsFor(g, opts), betweenness: false });
  return out;
}

export interface DistanceSummary {
  /** Largest eccentricity within the largest component (networkx `diameter` on that component). */
  diameter: number;
  /** Mean distance over ordered pairs of the largest component (networkx `average_shortest_path_length`). */
  averageShortestPath: number;
  /** Size of the component measured. */
  nodes: number;
}

/**
 * Diameter and average shortest path of the largest connected component, from a pass over every
 * source (any pass that covered those sources: a betweenness pass gives them for free). 0 for a
 * component of one node.
 */
export function distanceSummary(
  g: CsrGraph,
  opts: DistanceOptions = {},
  pass?: PassResult,
  comps: Components = connectedComponents(g),
): DistanceSummary {
  const res = pass ?? distancePass(g, opts);
  if (comps.largest < 0) return { diameter: 0, averageShortestPath: 0, nodes: 0 };
  const size = comps.sizes[comps.largest]!;
  let diameter = 0;
  let total = 0;
  for (let v = 0; v < g.n; v++) {
    if (comps.labels[v] !== comps.largest) continue;
    total += res.distanceSum[v]!;
    if (res.eccentricity[v]! > diameter) diameter = res.eccentricity[v]!;
  }
  return { diameter, averageShortestPath: size > 1 ? total / (size * (size - 1)) : 0, nodes: size };
}
