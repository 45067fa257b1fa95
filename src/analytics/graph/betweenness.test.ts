import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { betweenness, betweennessSampled } from './betweenness.ts';
import { betweennessParallel, shortestPathPassParallel } from './betweenness-parallel.ts';
import { fromEdgeArrays, fromEdges } from './csr.ts';
import { closeness, distanceSummary } from './distances.ts';
import { mulberry32 } from './random.ts';
import { emptyPassResult, shortestPathPass } from './shortest-paths.ts';
import type { CsrGraph } from './types.ts';

const graph = (pairs: [string, string, number?][], nodes?: string[]) =>
  fromEdges(
    pairs.map(([source, target, weight]) => ({ source, target, weight })),
    { nodes },
  );

function randomGraph(n: number, m: number, seed: number, weights: readonly number[] = [1]): CsrGraph {
  const random = mulberry32(seed);
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const w = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    src[i] = Math.floor(random() * n);
    dst[i] = Math.floor(random() * n);
    w[i] = weights[Math.floor(random() * weights.length)]!;
  }
  return fromEdgeArrays(src, dst, w, { n });
}

/**
 * Brute force: every simple path between every pair, kept when its length equals the shortest;
 * bc(v) = Σ_{s<t} (paths through v)/(paths), normalised by 2/((n−1)(n−2)). Two lengths within a
 * relative 1e-10 are the same length, as the engine decides ties (1/24 + 0.25 + 0.25 and
 * 1/24 + 0.5 differ by one ulp in floating point but are one tie).
 */
function bruteForce(g: CsrGraph, length: (w: number) => number): number[] {
  const n = g.n;
  const bc = new Array<number>(n).fill(0);
  for (let s = 0; s < n; s++) {
    for (let t = s + 1; t < n; t++) {
      const paths: { len: number; inner: number[] }[] = [];
      const onPath = new Array<boolean>(n).fill(false);
      const walk = (v: number, len: number, inner: number[]) => {
        if (v === t) {
          paths.push({ len, inner: [...inner] });
          return;
        }
        onPath[v] = true;
        for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
          const w = g.targets[p]!;
          if (onPath[w]) continue;
          if (w !== t) inner.push(w);
          walk(w, len + length(g.weights[p]!), inner);
          if (w !== t) inner.pop();
        }
        onPath[v] = false;
      };
      walk(s, 0, []);
      if (paths.length === 0) continue;
      const best = Math.min(...paths.map((p) => p.len));
      const shortest = paths.filter((p) => Math.abs(p.len - best) <= 1e-10 * Math.max(1, best));
      for (const p of shortest) for (const v of p.inner) bc[v]! += 1 / shortest.length;
    }
  }
  const scale = n > 2 ? 2 / ((n - 1) * (n - 2)) : 1;
  return bc.map((x) => x * scale);
}

describe('betweenness on hand-checked graphs', () => {
  it('path a-b-c-d', () => {
    const g = graph([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
    ]);
    // b lies on a–c and a–d: 2 pairs of 3 possible pairs not involving b → 2/3
    expect(Array.from(betweenness(g))).toEqual([0, 2 / 3, 2 / 3, 0]);
    expect(Array.from(betweenness(g, { normalized: false }))).toEqual([0, 2, 2, 0]);
    const d = distanceSummary(g);
    expect(d).toEqual({ diameter: 3, averageShortestPath: 20 / 12, nodes: 4 });
    // closeness of a: 3 / (1 + 2 + 3)
    expect(closeness(g)[0]).toBeCloseTo(0.5, 12);
  });
  it('star: the centre is on every path', () => {
    const g = graph([
      ['c', '1'],
      ['c', '2'],
      ['c', '3'],
      ['c', '4'],
    ]);
    expect(Array.from(betweenness(g))).toEqual([1, 0, 0, 0, 0]);
    expect(closeness(g)[0]).toBe(1);
  });
  it('triangle: nobody brokers', () => {
    const g = graph([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'a'],
    ]);
    expect(Array.from(betweenness(g))).toEqual([0, 0, 0]);
  });
  it('disconnected graph with an isolated node (Wasserman–Faust closeness)', () => {
    const g = graph(
      [
        ['a', 'b'],
        ['b', 'c'],
        ['x', 'y'],
      ],
      ['a', 'b', 'c', 'x', 'y', 'lonely'],
    );
    const bc = betweenness(g);
    // n = 6: b brokers a–c only → 1 / ((n−1)(n−2)/2) = 1/10
    expect(bc[1]).toBeCloseTo(0.1, 12);
    expect(Array.from(bc).filter((x) => x > 0)).toHaveLength(1);
    const c = closeness(g);
    // a reaches 2 nodes at total distance 3: (2/3)·(2/5)
    expect(c[0]).toBeCloseTo((2 / 3) * (2 / 5), 12);
    expect(c[5]).toBe(0);
    expect(distanceSummary(g)).toEqual({ diameter: 2, averageShortestPath: 8 / 6, nodes: 3 });
  });
  it('empty graph and single node', () => {
    const empty = graph([]);
    expect(betweenness(empty)).toHaveLength(0);
    expect(closeness(empty)).toHaveLength(0);
    expect(distanceSummary(empty)).toEqual({ diameter: 0, averageShortestPath: 0, nodes: 0 });
    const one = graph([], ['x']);
    expect(Array.from(betweenness(one))).toEqual([0]);
    expect(Array.from(closeness(one))).toEqual([0]);
  });
  it('weighted: a strong detour beats a weak direct tie (length = 1/weight)', () => {
    // a–c weight 1 (length 1); a–b, b–c weight 4 (length 0.25 each) → the path goes through b
    const g = graph([
      ['a', 'c', 1],
      ['a', 'b', 4],
      ['b', 'c', 4],
    ]);
    expect(Array.from(betweenness(g))).toEqual([0, 0, 0]);
    expect(Array.from(betweenness(g, { weighted: true }))).toEqual([0, 0, 1]);
    expect(Array.from(betweenness(g, { weighted: true, distance: 'weight' }))).toEqual([0, 0, 0]);
  });
});

describe('betweenness against brute force on small random graphs', () => {
  const arbitraryGraph = fc
    .record({
      n: fc.integer({ min: 2, max: 8 }),
      edges: fc.array(fc.tuple(fc.nat({ max: 7 }), fc.nat({ max: 7 }), fc.constantFrom(1, 2, 4, 8)), {
        maxLength: 20,
      }),
    })
    .map(({ n, edges }) => {
      const kept = edges.filter(([a, b]) => a < n && b < n);
      return fromEdgeArrays(
        Int32Array.from(kept.map((e) => e[0])),
        Int32Array.from(kept.map((e) => e[1])),
        kept.map((e) => e[2]),
        { n },
      );
    });
  const close = (a: ArrayLike<number>, b: ArrayLike<number>) =>
    Array.from(a).every((x, i) => Math.abs(x - b[i]!) < 1e-12);

  it('unweighted (BFS)', () => {
    fc.assert(
      fc.property(arbitraryGraph, (g) =>
        close(
          betweenness(g),
          bruteForce(g, () => 1),
        ),
      ),
      { numRuns: 150 },
    );
  });
  it('weighted, length = 1/weight (Dijkstra)', () => {
    fc.assert(
      fc.property(arbitraryGraph, (g) =>
        close(
          betweenness(g, { weighted: true }),
          bruteForce(g, (w) => 1 / w),
        ),
      ),
      { numRuns: 150 },
    );
  });
  it('weighted: a tie that floating point splits by one ulp is one tie (fast-check counterexample)', () => {
    const g = fromEdgeArrays(Int32Array.from([0, 0, 1, 2]), Int32Array.from([2, 4, 2, 4]), [4, 4, 24, 2], {
      n: 5,
    });
    expect(
      close(
        betweenness(g, { weighted: true }),
        bruteForce(g, (w) => 1 / w),
      ),
    ).toBe(true);
  });
  it('weighted, length = weight (Dijkstra with many ties)', () => {
    fc.assert(
      fc.property(arbitraryGraph, (g) =>
        close(
          betweenness(g, { weighted: true, distance: 'weight' }),
          bruteForce(g, (w) => w),
        ),
      ),
      { numRuns: 150 },
    );
  });
  it('Dijkstra with unit lengths equals BFS on a larger graph', () => {
    const merged = randomGraph(400, 1200, 7);
    const g = { ...merged, weights: new Float64Array(merged.weights.length).fill(1) };
    const bfs = betweenness(g);
    const dij = betweenness(g, { weighted: true });
    for (let v = 0; v < g.n; v++) expect(dij[v]).toBeCloseTo(bfs[v]!, 12);
  });
});

describe('hubs-first relabelling (graphs of 1,000+ nodes)', () => {
  it('gives the same pass as the plain kernel, weighted or not', () => {
    const g = randomGraph(1500, 4000, 21, [1, 2, 4]);
    for (const lengths of [null, g.weights.map((w) => 1 / w)]) {
      const plain = emptyPassResult(g.n, true);
      shortestPathPass(g, null, plain, { lengths, reorder: false, squares: true });
      const reordered = emptyPassResult(g.n, true);
      shortestPathPass(g, null, reordered, { lengths, squares: true });
      for (let v = 0; v < g.n; v++) {
        expect(reordered.betweenness[v]).toBeCloseTo(plain.betweenness[v]!, 8);
        const sq = plain.betweennessSq[v]!;
        expect(Math.abs(reordered.betweennessSq[v]! - sq)).toBeLessThanOrEqual(1e-9 * Math.max(1, sq));
      }
      expect(reordered.distanceSum).toEqual(plain.distanceSum);
      expect(reordered.reached).toEqual(plain.reached);
      expect(reordered.eccentricity).toEqual(plain.eccentricity);
    }
  });
});

describe('sampled betweenness', () => {
  const g = randomGraph(600, 2400, 3);
  const exact = betweenness(g);
  it('is exact with every node as pivot', () => {
    const s = betweennessSampled(g, { pivots: g.n, seed: 5 });
    for (let v = 0; v < g.n; v++) expect(s.betweenness[v]).toBeCloseTo(exact[v]!, 12);
    expect(s.standardError.every((x) => x === 0)).toBe(true);
  });
  it('stays within its stated error', () => {
    const s = betweennessSampled(g, { pivots: 150, seed: 9 });
    expect(s.pivots).toBe(150);
    let within2se = 0;
    for (let v = 0; v < g.n; v++) {
      const err = Math.abs(s.betweenness[v]! - exact[v]!);
      expect(err).toBeLessThanOrEqual(s.errorBound95);
      if (err <= 2 * s.standardError[v]! + 1e-12) within2se++;
    }
    // the standard error is a normal approximation, optimistic for skewed dependencies (see its doc)
    expect(within2se / g.n).toBeGreaterThan(0.75);
    const more = betweennessSampled(g, { pivots: 400, seed: 9 });
    expect(Math.max(...more.standardError)).toBeLessThan(Math.max(...s.standardError));
    // deterministic for a seed
    expect(betweennessSampled(g, { pivots: 150, seed: 9 }).betweenness).toEqual(s.betweenness);
  });
});

describe('parallel betweenness', () => {
  it('equals the single-thread result, unweighted and weighted, on real worker threads', async () => {
    const g = randomGraph(800, 3000, 11, [1, 2, 3, 5]);
    for (const weighted of [false, true]) {
      const single = betweenness(g, { weighted });
      const parallel = await betweennessParallel(g, { threads: 2, weighted, minWork: 0, fallback: 'throw' });
      for (let v = 0; v < g.n; v++) expect(parallel[v]).toBeCloseTo(single[v]!, 12);
    }
  });
  it('returns the distance sums of the single-thread pass too', async () => {
    const g = randomGraph(300, 500, 13);
    const single = emptyPassResult(g.n);
    shortestPathPass(g, null, single);
    const parallel = await shortestPathPassParallel(g, { threads: 3, minWork: 0, fallback: 'throw' });
    expect(parallel.distanceSum).toEqual(single.distanceSum);
    expect(parallel.reached).toEqual(single.reached);
    expect(parallel.eccentricity).toEqual(single.eccentricity);
  });
  it('runs inline for one thread or small graphs', async () => {
    const g = randomGraph(50, 100, 1);
    expect(await betweennessParallel(g, { threads: 1 })).toEqual(betweenness(g));
    expect(await betweennessParallel(g, { threads: 2 })).toEqual(betweenness(g));
  });
});
