import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { degreeAssortativity } from './assortativity.ts';
import { averageClustering, clustering, transitivity } from './clustering.ts';
import { connectedComponents, largestComponentNodes } from './components.ts';
import { constraint } from './constraint.ts';
import { fromEdgeArrays, fromEdges } from './csr.ts';
import { degree, density, strength } from './degree.ts';
import { eigenvectorCentrality } from './eigenvector.ts';
import { evolution } from './evolution.ts';
import { crossGroupTies } from './group-mixing.ts';
import { coreNumbers } from './k-core.ts';
import { louvain } from './louvain.ts';
import { modularity } from './modularity.ts';
import { pagerank } from './pagerank.ts';
import { computeReport } from './report.ts';
import { computeReportParallel } from './report-parallel.ts';

const graph = (pairs: string[], nodes?: string[]) =>
  fromEdges(
    pairs.map((p) => {
      const [source, target, weight] = p.split('-');
      return { source: source!, target: target!, weight: weight ? Number(weight) : 1 };
    }),
    { nodes },
  );

const triangle = graph(['a-b', 'b-c', 'c-a']);
const star = graph(['c-1', 'c-2', 'c-3']);
const path = graph(['a-b', 'b-c', 'c-d']);
const empty = graph([]);

describe('degree, strength, density', () => {
  it('counts', () => {
    const g = graph(['a-b-2', 'a-c-3'], ['a', 'b', 'c', 'z']);
    expect(Array.from(degree(g))).toEqual([2, 1, 1, 0]);
    expect(Array.from(strength(g))).toEqual([5, 2, 3, 0]);
    expect(density(g)).toBeCloseTo(2 / 6, 12);
    expect(density(empty)).toBe(0);
    expect(density(graph([], ['x']))).toBe(0);
  });
});

describe('clustering', () => {
  it('triangle, star, path', () => {
    expect(Array.from(clustering(triangle))).toEqual([1, 1, 1]);
    expect(transitivity(triangle)).toBe(1);
    expect(Array.from(clustering(star))).toEqual([0, 0, 0, 0]);
    expect(transitivity(star)).toBe(0);
    // a "paw": triangle a-b-c plus c-d → c: 1 triangle over 3 pairs
    const paw = graph(['a-b', 'b-c', 'c-a', 'c-d']);
    expect(clustering(paw)[2]).toBeCloseTo(1 / 3, 12);
    expect(averageClustering(paw)).toBeCloseTo((1 + 1 + 1 / 3 + 0) / 4, 12);
    expect(transitivity(paw)).toBeCloseTo(3 / 5, 12);
    expect(averageClustering(empty)).toBe(0);
  });
});

describe('components and cores', () => {
  it('labels components, finds the largest', () => {
    const g = graph(['a-b', 'x-y', 'y-z'], ['a', 'b', 'x', 'y', 'z', 'q']);
    const c = connectedComponents(g);
    expect(c.count).toBe(3);
    expect(Array.from(c.labels)).toEqual([0, 0, 1, 1, 1, 2]);
    expect(Array.from(c.sizes)).toEqual([2, 3, 1]);
    expect(c.largest).toBe(1);
    expect(Array.from(largestComponentNodes(g, c))).toEqual([2, 3, 4]);
    expect(connectedComponents(empty).largest).toBe(-1);
  });
  it('core numbers: a triangle with a tail and an isolated node', () => {
    const g = graph(['a-b', 'b-c', 'c-a', 'c-d'], ['a', 'b', 'c', 'd', 'e']);
    expect(Array.from(coreNumbers(g))).toEqual([2, 2, 2, 1, 0]);
  });
  it('every node of a k-core has at least k neighbours in it (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: 20 }), fc.nat({ max: 20 })), { maxLength: 80 }),
        (edges) => {
          const g = fromEdgeArrays(
            Int32Array.from(edges.map((e) => e[0])),
            Int32Array.from(edges.map((e) => e[1])),
            undefined,
            { n: 21 },
          );
          const core = coreNumbers(g);
          for (let v = 0; v < g.n; v++) {
            let inside = 0;
            for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++)
              if (core[g.targets[p]!]! >= core[v]!) inside++;
            expect(inside).toBeGreaterThanOrEqual(core[v]!);
          }
        },
      ),
    );
  });
});

describe('assortativity', () => {
  it('a star is perfectly disassortative; a regular graph has none (NaN, as networkx)', () => {
    expect(degreeAssortativity(star)).toBeCloseTo(-1, 12);
    expect(degreeAssortativity(triangle)).toBeNaN();
    expect(degreeAssortativity(empty)).toBeNaN();
  });
});

describe('eigenvector and PageRank', () => {
  it('a star: the centre leads, leaves tie; PageRank sums to 1', () => {
    const ev = eigenvectorCentrality(star);
    expect(ev[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(ev[1]).toBeCloseTo(ev[2]!, 12);
    const pr = pagerank(graph(['a-b', 'b-c'], ['a', 'b', 'c', 'iso']));
    expect(pr.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    expect(pr[1]!).toBeGreaterThan(pr[0]!);
    expect(eigenvectorCentrality(empty)).toHaveLength(0);
    expect(pagerank(empty)).toHaveLength(0);
  });
});

describe('modularity and Louvain', () => {
  // two 4-cliques joined by one edge
  const cliques = graph([
    ...['a-b', 'a-c', 'a-d', 'b-c', 'b-d', 'c-d'],
    ...['e-f', 'e-g', 'e-h', 'f-g', 'f-h', 'g-h'],
    'd-e',
  ]);
  it('modularity: labels or sets give the same value; NaN without edges', () => {
    const labels = [0, 0, 0, 0, 1, 1, 1, 1];
    // L_c = 6 of m = 13, D_c = 13: 2·(6/13 − 1/4)
    const q = 2 * (6 / 13 - 0.25);
    expect(modularity(cliques, labels)).toBeCloseTo(q, 12);
    expect(
      modularity(cliques, [
        [0, 1, 2, 3],
        [4, 5, 6, 7],
      ]),
    ).toBeCloseTo(q, 12);
    expect(modularity(cliques, [0, 0, 0, 0, 0, 0, 0, 0])).toBeCloseTo(0, 12);
    expect(() => modularity(cliques, [[0, 1]])).toThrow(/cover/);
    expect(modularity(graph([], ['x']), [0])).toBeNaN();
  });
  it('Louvain finds the two cliques, deterministically', () => {
    const result = louvain(cliques, { seed: 3 });
    expect(Array.from(result.communities)).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    expect(result.count).toBe(2);
    expect(louvain(cliques, { seed: 3 })).toEqual(result);
    // a high resolution splits more
    expect(louvain(cliques, { resolution: 10 }).count).toBeGreaterThan(2);
  });
  it('Louvain with weights follows the strong ties', () => {
    // a square a-b-c-d-a whose a-b and c-d ties are strong
    const square = graph(['a-b-10', 'b-c-1', 'c-d-10', 'd-a-1']);
    const weighted = louvain(square, { weighted: true });
    expect(Array.from(weighted.communities)).toEqual([0, 0, 1, 1]);
    expect(weighted.modularity).toBeCloseTo(modularity(square, weighted.communities, { weighted: true }), 12);
  });
  it('edgeless graphs: every node alone', () => {
    const result = louvain(graph([], ['x', 'y']));
    expect(Array.from(result.communities)).toEqual([0, 1]);
    expect(result.modularity).toBeNaN();
  });
});

describe('constraint', () => {
  it('star and triangle by hand', () => {
    // centre: 3 · (1/3)² = 1/3; leaf: (1)² = 1
    expect(Array.from(constraint(star)).map((x) => Number(x.toFixed(12)))).toEqual(
      [1 / 3, 1, 1, 1].map((x) => Number(x.toFixed(12))),
    );
    // triangle: 2 · (1/2 + 1/2·1/2)² = 9/8
    for (const c of constraint(triangle)) expect(c).toBeCloseTo(9 / 8, 12);
    expect(constraint(graph([], ['x']))[0]).toBeNaN();
  });
});

describe('crossGroupTies', () => {
  it('shares of ties across groups, weighted and per node', () => {
    const g = graph(['a-b-1', 'b-c-3', 'c-d-1', 'd-x-1']);
    const mix = crossGroupTies(g, ['s1', 's1', 's2', 's2', undefined]);
    expect(mix.ties).toBe(3);
    expect(mix.crossing).toBe(1);
    expect(mix.share).toBeCloseTo(1 / 3, 12);
    expect(mix.weightedShare).toBeCloseTo(3 / 5, 12);
    expect(mix.unassigned).toBe(1);
    expect(Array.from(mix.nodeShare.slice(0, 4))).toEqual([0, 0.5, 0.5, 0]);
    expect(mix.nodeShare[4]).toBeNaN();
    expect(() => crossGroupTies(g, ['a'])).toThrow(/expected 5/);
  });
});

describe('evolution', () => {
  it('per year: size, new ties, density, largest component', () => {
    const points = evolution([
      { year: 2021, source: 'a', target: 'b' },
      { year: 2020, source: 'a', target: 'b' },
      { year: 2021, source: 'c', target: 'd' },
      { year: 2021, source: 'b', target: 'a' },
      { year: 2022, source: 'd', target: 'c' },
      { year: 2022, source: 'd', target: 'e' },
    ]);
    expect(
      points.map((p) => [p.year, p.nodes, p.edges, p.newTies, p.components, p.largestComponent]),
    ).toEqual([
      [2020, 2, 1, 1, 1, 2],
      [2021, 4, 2, 1, 2, 2],
      [2022, 3, 2, 1, 1, 3],
    ]);
    expect(points[0]!.density).toBe(1);
    const cumulative = evolution(
      [
        { year: 1, source: 'a', target: 'b' },
        { year: 2, source: 'c', target: 'b' },
      ],
      { cumulative: true },
    );
    expect(cumulative.map((p) => p.edges)).toEqual([1, 2]);
    expect(cumulative[1]!.largestComponent).toBe(3);
  });
});

describe('computeReport edge cases', () => {
  it('empty graph', () => {
    const r = computeReport(empty);
    expect(r.nodes).toEqual([]);
    expect(r.graph).toMatchObject({ nodes: 0, edges: 0, components: 0, largestComponent: 0, diameter: 0 });
  });
  it('isolated node and a pair; JSON-serialisable', () => {
    const r = computeReport(graph(['a-b-2'], ['a', 'b', 'z']), { weighted: true });
    expect(r.graph.components).toBe(2);
    expect(r.graph.largestComponent).toBe(2);
    expect(r.graph.diameter).toBe(1);
    expect(r.nodes[2]).toMatchObject({ id: 'z', degree: 0, strength: 0, betweenness: 0, closeness: 0 });
    expect(r.nodes[2]!.constraint).toBeNaN();
    expect(r.nodes[0]!.strength).toBe(2);
    expect(() => JSON.stringify(r)).not.toThrow();
  });
  it('weighted report: weighted betweenness, hop-count diameter', () => {
    const g = graph(['a-c-1', 'a-b-4', 'b-c-4']);
    const r = computeReport(g, { weighted: true });
    expect(r.nodes.map((n) => n.betweenness)).toEqual([0, 0, 1]);
    expect(r.graph.diameter).toBe(1);
    expect(r.graph.averageShortestPath).toBe(1);
  });
  it('the parallel report equals the single-thread one', async () => {
    const g = path;
    expect(await computeReportParallel(g, { threads: 2 })).toEqual(computeReport(g));
  });
});
