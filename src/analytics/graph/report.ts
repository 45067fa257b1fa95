import { degreeAssortativity } from './assortativity.ts';
import { betweennessScale, lengthsFor } from './betweenness.ts';
import { averageClustering, clustering, transitivity, triangles } from './clustering.ts';
import { connectedComponents } from './components.ts';
import { constraint } from './constraint.ts';
import { degree, density, strength } from './degree.ts';
import { closenessFromPass, distancePass, distanceSummary } from './distances.ts';
import { ConvergenceError, eigenvectorCentrality } from './eigenvector.ts';
import { coreNumbers } from './k-core.ts';
import { louvain } from './louvain.ts';
import { pagerank } from './pagerank.ts';
import { emptyPassResult, type PassResult, shortestPathPass } from './shortest-paths.ts';
import type { CsrGraph, GraphReport, MetricsOptions, NodeMetrics } from './types.ts';

/**
 * Every metric of the CLI/API report, single thread. With `weighted`, strength, betweenness and
 * closeness (edge length 1/weight), eigenvector, PageRank, Louvain and constraint use the weights;
 * clustering, transitivity, k-cores, assortativity, diameter and average shortest path (hop counts)
 * never do. The shortest-path pass is shared: unweighted, one BFS per node gives betweenness,
 * closeness, diameter and average path length together.
 */
export function computeReport(g: CsrGraph, opts: MetricsOptions = {}): GraphReport {
  const pass = emptyPassResult(g.n);
  shortestPathPass(g, null, pass, { lengths: lengthsFor(g, opts) });
  const hops = opts.weighted ? distancePass(g) : pass;
  return assembleReport(g, opts, pass, hops);
}

/**
 * Assembles the report from finished shortest-path passes: `pass` with dependencies (weighted when
 * asked), `hops` with hop-count distances (the same object when unweighted).
 */
export function assembleReport(
  g: CsrGraph,
  opts: MetricsOptions,
  pass: PassResult,
  hops: PassResult,
): GraphReport {
  const weighted = opts.weighted ?? false;
  const n = g.n;
  const comps = connectedComponents(g);
  const deg = degree(g);
  const str = strength(g);
  const scale = betweennessScale(n, true);
  const close = closenessFromPass(n, pass);
  const eig = safe(() => eigenvectorCentrality(g, { weighted, maxIter: 10_000 }), n);
  const pr = safe(() => pagerank(g, { weighted, maxIter: 10_000 }), n);
  const tri = triangles(g);
  const local = clustering(g, tri);
  const communities = louvain(g, { weighted, seed: opts.seed ?? 1, resolution: opts.resolution ?? 1 });
  const cores = coreNumbers(g);
  const cons = constraint(g, { weighted });
  const dist = distanceSummary(g, {}, hops, comps);
  const nodes: NodeMetrics[] = new Array(n);
  for (let v = 0; v < n; v++) {
    nodes[v] = {
      id: g.ids[v]!,
      degree: deg[v]!,
      strength: weighted ? str[v]! : deg[v]!,
      betweenness: pass.betweenness[v]! * scale,
      closeness: close[v]!,
      eigenvector: eig[v]!,
      pagerank: pr[v]!,
      clustering: local[v]!,
      community: communities.communities[v]!,
      coreNumber: cores[v]!,
      constraint: cons[v]!,
    };
  }
  return {
    graph: {
      nodes: n,
      edges: g.m,
      density: density(g),
      components: comps.count,
      largestComponent: comps.largest < 0 ? 0 : comps.sizes[comps.largest]!,
      modularity: communities.modularity,
      communities: communities.count,
      transitivity: transitivity(g, tri),
      averageClustering: averageClustering(g, local),
      diameter: dist.diameter,
      averageShortestPath: dist.averageShortestPath,
      degreeAssortativity: degreeAssortativity(g),
    },
    nodes,
  };
}

/** A centrality that does not converge is reported as NaN rather than failing the whole report. */
function safe(f: () => Float64Array, n: number): Float64Array {
  try {
    return f();
  } catch (e) {
    if (e instanceof ConvergenceError) return new Float64Array(n).fill(Number.NaN);
    throw e;
  }
}
