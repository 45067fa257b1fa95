import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  averageClustering,
  betweenness,
  closeness,
  clustering,
  computeReport,
  constraint,
  coreNumbers,
  degree,
  degreeAssortativity,
  density,
  distanceSummary,
  eigenvectorCentrality,
  fromEdgeArrays,
  louvain,
  modularity,
  pagerank,
  projectBipartite,
  transitivity,
} from './index.ts';

/**
 * Published / networkx reference values in ../shared/data/validation/networks (see SOURCE.txt there):
 * Zachary's karate club and the Davis Southern Women two-mode network. Tolerance 1e-6 throughout
 * (the reference CSV carries 10 decimals).
 */
const DIR = resolve(process.cwd(), '..', 'shared', 'data', 'validation', 'networks');
const TOL = 1e-6;

function csv(name: string): Record<string, string>[] {
  const [header, ...rows] = readFileSync(resolve(DIR, name), 'utf8').trim().split(/\r?\n/);
  const cols = header!.split(',');
  return rows.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(cols.map((c, i) => [c, cells[i]!]));
  });
}

const edges = csv('karate_edges.csv');
const nodes = csv('karate_nodes_reference_metrics.csv');
const graphRef = JSON.parse(readFileSync(resolve(DIR, 'karate_graph_reference.json'), 'utf8')) as Record<
  string,
  number
>;
const ids = nodes.map((r) => r.node0!);
const karate = fromEdgeArrays(
  edges.map((e) => e.source!),
  edges.map((e) => e.target!),
  edges.map((e) => Number(e.weight)),
  { nodes: ids },
);

function expectColumn(actual: ArrayLike<number>, column: string) {
  expect(actual.length).toBe(nodes.length);
  nodes.forEach((row, v) => {
    expect(Math.abs(actual[v]! - Number(row[column])), `${column} of node ${v}`).toBeLessThan(TOL);
  });
}

describe('karate club against networkx 3.6.1 (unweighted)', () => {
  it('has the reference shape', () => {
    expect(karate.n).toBe(graphRef.nodes);
    expect(karate.m).toBe(graphRef.edges);
    expectColumn(degree(karate), 'degree');
  });
  it('node metrics', () => {
    expectColumn(betweenness(karate), 'betweenness_norm');
    expectColumn(closeness(karate), 'closeness');
    expectColumn(eigenvectorCentrality(karate), 'eigenvector');
    expectColumn(pagerank(karate), 'pagerank_unweighted_0.85');
    expectColumn(clustering(karate), 'clustering');
  });
  it('graph metrics', () => {
    expect(density(karate)).toBeCloseTo(graphRef.density!, 9);
    expect(transitivity(karate)).toBeCloseTo(graphRef.transitivity!, 9);
    expect(averageClustering(karate)).toBeCloseTo(graphRef.avg_clustering!, 9);
    const d = distanceSummary(karate);
    expect(d.diameter).toBe(graphRef.diameter);
    expect(d.averageShortestPath).toBeCloseTo(graphRef.avg_shortest_path!, 9);
    expect(degreeAssortativity(karate)).toBeCloseTo(graphRef.degree_assortativity!, 9);
  });
  it('modularity of the club split and Louvain', () => {
    const club = nodes.map((r) => (r.club === 'Mr. Hi' ? 0 : 1));
    expect(modularity(karate, club)).toBeCloseTo(0.3582347140039448, 12);
    for (const seed of [1, 2, 3, 42, 198]) {
      const result = louvain(karate, { seed });
      expect(result.modularity).toBeGreaterThanOrEqual(0.41);
      expect(result.modularity).toBeCloseTo(modularity(karate, result.communities), 12);
    }
    // the published optimum (Brandes et al. 2008): 0.4198 with 4 communities
    expect(louvain(karate, { seed: 1 }).modularity).toBeCloseTo(graphRef.louvain_seed198_Q!, 9);
  });
  it('computeReport carries the same figures', () => {
    const report = computeReport(karate, { seed: 1 });
    expect(report.graph.diameter).toBe(5);
    expect(report.graph.components).toBe(1);
    expect(report.graph.largestComponent).toBe(34);
    expect(report.graph.modularity).toBeGreaterThanOrEqual(0.41);
    expectColumn(
      report.nodes.map((n) => n.betweenness),
      'betweenness_norm',
    );
    expectColumn(
      report.nodes.map((n) => n.pagerank),
      'pagerank_unweighted_0.85',
    );
    expect(report.nodes.map((n) => n.id)).toEqual(ids);
  });
});

/** Values printed by Debian networkx 2.8.8 on this machine (weights = Zachary's interaction counts). */
describe('karate club, conventions checked against networkx 2.8', () => {
  it('Burt constraint, unweighted and weighted', () => {
    const c = constraint(karate);
    expect(c[0]).toBeCloseTo(0.155423297647, 9);
    expect(c[1]).toBeCloseTo(0.279535108025, 9);
    expect(c[33]).toBeCloseTo(0.156418685121, 9);
    expect(c[11]).toBeCloseTo(1, 12);
    const w = constraint(karate, { weighted: true });
    expect(w[0]).toBeCloseTo(0.190623489056, 9);
    expect(w[33]).toBeCloseTo(0.186287285632, 9);
  });
  it('core numbers', () => {
    expect(Array.from(coreNumbers(karate))).toEqual([
      4, 4, 4, 4, 3, 3, 3, 4, 4, 2, 3, 1, 2, 4, 2, 2, 2, 2, 2, 3, 2, 2, 2, 3, 3, 3, 2, 3, 3, 3, 4, 3, 4, 4,
    ]);
  });
  it('weighted betweenness and closeness with distance = 1/weight', () => {
    // networkx with exact rational lengths (Fraction(1, w)): with float lengths it compares sums
    // exactly and splits genuine ties such as 1/3 + 1/6 = 1/2 (node 0 then gets 0.394886); the
    // tolerance in shortest-paths.ts finds the exact-arithmetic answer.
    const b = betweenness(karate, { weighted: true });
    for (const [v, x] of [
      [0, 0.39583333333333337],
      [1, 0.06818181818181818],
      [2, 0.33522727272727276],
      [31, 0.08996212121212122],
      [33, 0.32954545454545453],
    ] as const) {
      expect(b[v]).toBeCloseTo(x, 9);
    }
    const c = closeness(karate, { weighted: true });
    expect(c[0]).toBeCloseTo(1.538290788013, 9);
    expect(c[33]).toBeCloseTo(1.610317183688, 9);
  });
  it('weighted PageRank, eigenvector and modularity', () => {
    const pr = pagerank(karate, { weighted: true });
    expect(pr[0]).toBeCloseTo(0.088508073963, 9);
    expect(pr[33]).toBeCloseTo(0.096980418805, 9);
    const ev = eigenvectorCentrality(karate, { weighted: true });
    // eigenvector_centrality_numpy (ARPACK), our default tolerance converges to ~1e-9
    expect(ev[0]).toBeCloseTo(0.31235122775, 8);
    expect(ev[33]).toBeCloseTo(0.36409688197, 8);
    const club = nodes.map((r) => (r.club === 'Mr. Hi' ? 0 : 1));
    expect(modularity(karate, club, { weighted: true })).toBeCloseTo(0.39143756676224206, 12);
  });
});

describe('Davis Southern Women projection (networkx bipartite.weighted_projected_graph)', () => {
  it('matches edge for edge, with weights', () => {
    const pairs = csv('davis_southern_women_affiliations.csv').map((r) => ({
      left: r.woman!,
      right: r.event!,
    }));
    const projected = projectBipartite(pairs);
    const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
    const ours = new Map(projected.map((e) => [key(e.source, e.target), e.weight]));
    const ref = new Map(
      csv('davis_women_projection_reference.csv').map((r) => [
        key(r.woman_a!, r.woman_b!),
        Number(r.shared_events),
      ]),
    );
    expect(ref.size).toBe(139);
    expect(projected.length).toBe(ref.size);
    expect(ours).toEqual(ref);
    // and it is a valid graph input
    const g = fromEdgeArrays(
      projected.map((e) => e.source),
      projected.map((e) => e.target),
      projected.map((e) => e.weight),
    );
    expect(g.n).toBe(18);
    expect(g.m).toBe(139);
  });
});
