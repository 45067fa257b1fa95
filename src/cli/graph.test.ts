import { describe, expect, it } from 'vitest';
import { fromEdges } from '../analytics/graph/index.ts';
import type { GraphReport, NodeMetrics } from '../analytics/graph/types.ts';
import { ValidationError } from '../domain/errors.ts';
import { checkOptions, formatSummary, num, printFailure, toGraphExport, topNodes } from './graph.ts';

const metrics = (id: string, degree: number, betweenness: number): NodeMetrics => ({
  id,
  degree,
  strength: degree,
  betweenness,
  closeness: 0.5,
  eigenvector: 0.1,
  pagerank: 0.25,
  clustering: 0,
  community: 0,
  coreNumber: 1,
  constraint: Number.NaN,
});

const report: GraphReport = {
  graph: {
    nodes: 4,
    edges: 3,
    density: 0.5,
    components: 1,
    largestComponent: 4,
    modularity: 0,
    communities: 1,
    transitivity: 0,
    averageClustering: 0,
    diameter: 2,
    averageShortestPath: 1.5,
    degreeAssortativity: -1,
  },
  nodes: [metrics('10', 1, 0), metrics('2', 3, 2 / 3), metrics('1', 1, 0), metrics('x', 1, 0)],
};

describe('checkOptions', () => {
  it.each([
    [{}, /--edges FILE or --bipartite FILE/],
    [{ edges: 'a', bipartite: 'b' }, /not both/],
    [{ bipartite: 'b', left: 'pic' }, /--left COL .* and --right COL/],
    [{ edges: 'a', left: 'x' }, /go with --bipartite/],
    [{ bipartite: 'b', left: 'l', right: 'r', weight: 'w' }, /go with --edges/],
    [{ edges: 'a', json: true, format: 'gexf' as const }, /add --out FILE/],
    [{ edges: 'a', excel: true }, /--excel goes with/],
    [{ edges: 'a', seed: '1.5' }, /--seed/],
    [{ edges: 'a', resolution: '-1' }, /--resolution/],
    [{ edges: 'a', threads: '0' }, /--threads/],
  ])('refuses %j', (o, problem) => expect(checkOptions(o).join('\n')).toMatch(problem));

  it('accepts the documented combinations', () => {
    expect(checkOptions({ edges: 'a', weighted: true, json: true })).toEqual([]);
    expect(
      checkOptions({ bipartite: 'b', left: 'l', right: 'r', format: 'gexf', out: 'x', json: true }),
    ).toEqual([]);
    expect(
      checkOptions({ edges: 'a', format: 'csv-nodes', excel: true, seed: '3', resolution: '0.8' }),
    ).toEqual([]);
  });
});

describe('the readable summary', () => {
  it('ranks by value, then by id in number order, and keeps numbers machine-readable', () => {
    expect(topNodes(report.nodes, 'degree', 3).map((n) => n.id)).toEqual(['2', '1', '10']);
    expect(num(2 / 3)).toBe('0.666667');
    expect(num(16)).toBe('16');
    const lines = formatSummary(
      report,
      {
        file: '/tmp/star.csv',
        kind: 'edges',
        format: 'csv',
        encoding: 'utf-8',
        delimiter: ';',
        rows: 3,
        note: '3 edge row(s)',
      },
      false,
    );
    expect(lines[0]).toBe(
      'Fichier (file): star.csv — CSV utf-8, délimiteur ";", 3 ligne(s) (rows); 3 edge row(s)',
    );
    expect(lines[1]).toBe('Graphe (graph): 4 nœuds (nodes), 3 liens (edges), non pondéré (unweighted)');
    expect(lines).toContain('  diamètre (diameter, largest component)           2');
    const top = lines.indexOf('Top 10 par intermédiarité (betweenness, normalisée):');
    expect(lines[top + 1]).toBe('   1. 2   0.666667    degree 3');
  });
});

describe('toGraphExport', () => {
  it('lists each undirected edge once with its weight, and every metric as a node attribute', () => {
    const g = fromEdges([
      { source: 'a', target: 'b', weight: 2 },
      { source: 'b', target: 'c' },
      { source: 'b', target: 'a', weight: 1 },
    ]);
    const r: GraphReport = {
      graph: report.graph,
      nodes: ['a', 'b', 'c'].map((id) => metrics(id, 1, 0)),
    };
    const data = toGraphExport(g, r);
    expect(data.edges).toEqual([
      { source: 'a', target: 'b', weight: 3 },
      { source: 'b', target: 'c', weight: 1 },
    ]);
    expect(data.nodes[0]).toEqual({
      id: 'a',
      attributes: {
        degree: 1,
        strength: 1,
        betweenness: 0,
        closeness: 0.5,
        eigenvector: 0.1,
        pagerank: 0.25,
        clustering: 0,
        community: 0,
        coreNumber: 1,
        constraint: Number.NaN,
      },
    });
  });
});

describe('printFailure', () => {
  it('names each problem with row, column and value', () => {
    const out: string[] = [];
    printFailure(
      new ValidationError('The edge list cannot be read', [
        {
          path: 'row 4 / column "weight"',
          row: 4,
          column: 'weight',
          value: 'abc',
          message: '"abc" is not a number',
        },
      ]),
      (s) => out.push(s),
    );
    expect(out).toEqual([
      'polaris graph metrics: The edge list cannot be read\n',
      '  ✗ row 4 / column "weight": "abc" is not a number [abc]\n',
    ]);
  });
});
