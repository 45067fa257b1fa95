import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { egoNetwork, fromEdgeArrays, fromEdges, projectBipartite, subgraph } from './csr.ts';
import type { CsrGraph } from './types.ts';

const neighbours = (g: CsrGraph, id: string) => {
  const v = g.ids.indexOf(id);
  const out: [string, number][] = [];
  for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) out.push([g.ids[g.targets[p]!]!, g.weights[p]!]);
  return out;
};

describe('fromEdges', () => {
  it('merges parallel edges in both directions, sums weights, drops self-loops', () => {
    const g = fromEdges([
      { source: 'b', target: 'a', weight: 2 },
      { source: 'a', target: 'b', weight: 3 },
      { source: 'a', target: 'a', weight: 9 },
      { source: 'a', target: 'c' },
    ]);
    expect(g.ids).toEqual(['b', 'a', 'c']);
    expect(g.n).toBe(3);
    expect(g.m).toBe(2);
    expect(neighbours(g, 'a')).toEqual([
      ['b', 5],
      ['c', 1],
    ]);
    expect(neighbours(g, 'b')).toEqual([['a', 5]]);
  });
  it('keeps the explicit node order and isolated nodes, appends unknown ones', () => {
    const g = fromEdges([{ source: 'x', target: 'new' }], { nodes: ['lonely', 'x'] });
    expect(g.ids).toEqual(['lonely', 'x', 'new']);
    expect(Array.from(g.offsets)).toEqual([0, 0, 1, 2]);
  });
  it('accepts node indices', () => {
    const g = fromEdgeArrays(Int32Array.of(0, 2), Int32Array.of(2, 1), undefined, { n: 5 });
    expect(g.ids).toEqual(['0', '1', '2', '3', '4']);
    expect(g.m).toBe(2);
    expect(() => fromEdgeArrays(['a'], ['b', 'c'])).toThrow(/same length/);
    expect(() => fromEdgeArrays(['a'], ['b'], [Number.NaN])).toThrow(/non-finite/);
  });
  it('builds a valid CSR for any edge list (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: 15 }), fc.nat({ max: 15 }), fc.integer({ min: 1, max: 5 }))),
        (edges) => {
          const g = fromEdgeArrays(
            edges.map((e) => `n${e[0]}`),
            edges.map((e) => `n${e[1]}`),
            edges.map((e) => e[2]),
          );
          const expected = new Map<string, number>();
          for (const [a, b, w] of edges) {
            if (a === b) continue;
            const [x, y] = [`n${a}`, `n${b}`];
            const key = x < y ? `${x}|${y}` : `${y}|${x}`;
            expected.set(key, (expected.get(key) ?? 0) + w);
          }
          expect(g.m).toBe(expected.size);
          expect(g.targets.length).toBe(2 * g.m);
          for (let v = 0; v < g.n; v++) {
            for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
              const u = g.targets[p]!;
              if (p > g.offsets[v]!) expect(u).toBeGreaterThan(g.targets[p - 1]!); // sorted, no duplicates
              expect(u).not.toBe(v);
              const a = g.ids[v]!;
              const b = g.ids[u]!;
              expect(g.weights[p]).toBe(expected.get(a < b ? `${a}|${b}` : `${b}|${a}`));
            }
          }
        },
      ),
    );
  });
});

describe('projectBipartite', () => {
  it('weights ties by shared right nodes and ignores repeated pairs', () => {
    const edges = projectBipartite([
      { left: 'A', right: 'p1' },
      { left: 'B', right: 'p1' },
      { left: 'A', right: 'p1' },
      { left: 'A', right: 'p2' },
      { left: 'B', right: 'p2' },
      { left: 'C', right: 'p2' },
      { left: 'D', right: 'p3' },
    ]);
    expect(edges).toEqual([
      { source: 'A', target: 'B', weight: 2 },
      { source: 'A', target: 'C', weight: 1 },
      { source: 'B', target: 'C', weight: 1 },
    ]);
  });
});

describe('subgraph and egoNetwork', () => {
  // a - b - c - d, b - e, c - e
  const g = fromEdges(
    [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['b', 'e'],
      ['c', 'e', 3],
    ].map(([source, target, weight]) => ({
      source: String(source),
      target: String(target),
      weight: Number(weight ?? 1),
    })),
  );
  it('induces the edges among the chosen nodes', () => {
    const s = subgraph(g, ['e', 'c', 'd']);
    expect(s.ids).toEqual(['e', 'c', 'd']);
    expect(s.m).toBe(2);
    expect(neighbours(s, 'c')).toEqual([
      ['e', 3],
      ['d', 1],
    ]);
    expect(() => subgraph(g, ['zz'])).toThrow(/no node "zz"/);
  });
  it('ego network at depth 1 and 2', () => {
    const one = egoNetwork(g, 'a', 1);
    expect(one.ids).toEqual(['a', 'b']);
    const two = egoNetwork(g, 'a', 2);
    expect([...two.ids].sort()).toEqual(['a', 'b', 'c', 'e']);
    expect(two.ids[0]).toBe('a');
    expect(two.m).toBe(4); // a-b, b-c, b-e, c-e
    expect(egoNetwork(g, 'd', 1).m).toBe(1);
  });
});
