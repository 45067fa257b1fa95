import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProjectedEdge } from '../../src/analytics/graph/index.ts';
import { computeReport, fromEdges, projectBipartite } from '../../src/analytics/graph/index.ts';
import type { CsrGraph, GraphReport, NodeMetrics } from '../../src/analytics/graph/types.ts';
import { readTwoModeList, type TwoModeList } from '../../src/io/edge-list.ts';

/**
 * The organisation–organisation network of Belgian Horizon 2020 partners (CORDIS, 7,022
 * participations; ../shared/data/validation/cordis-h2020-be/SOURCE.txt), read with Polaris's own
 * two-mode reader, projected and measured by the graph engine, against networkx 2.8
 * (test/fixtures/cordis-be-projection/reference.json, made by scripts/cordis_projection_reference.py:
 * the command is in the file). Counts exact; degree, strength and betweenness (normalised,
 * unweighted, exact) to 1e-6; ties at the 10th place compared as sets.
 */

const SOURCE = resolve(
  process.cwd(),
  '..',
  'shared',
  'data',
  'validation',
  'cordis-h2020-be',
  'h2020_BE_participations.csv',
);
const FIXTURE = resolve(process.cwd(), 'test', 'fixtures', 'cordis-be-projection', 'reference.json');
const TOL = 1e-6;

interface Top {
  top: { id: string; value: number }[];
  cutValue: number;
  tiedAtCut: string[];
}
interface Reference {
  participations: number;
  projects: number;
  organisations: number;
  projectsWithTwoOrMore: number;
  nodes: number;
  edges: number;
  totalWeight: number;
  maxWeight: number;
  density: number;
  components: number;
  largestComponent: number;
  degree: Top;
  strength: Top;
  betweenness: Top;
}

const ref = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Reference;

/**
 * Our top k against networkx's: the k values agree rank by rank; the nodes strictly above the cut
 * are the same; the nodes at the cut are among networkx's tied nodes (any of them may take the place).
 */
function expectSameTop(nodes: readonly NodeMetrics[], metric: 'degree' | 'strength' | 'betweenness', r: Top) {
  const k = r.top.length;
  const ours = [...nodes].sort((a, b) => b[metric] - a[metric]).slice(0, k);
  ours.forEach((n, i) => {
    expect(Math.abs(n[metric] - r.top[i]!.value), `${metric} rank ${i + 1}`).toBeLessThan(TOL);
  });
  const above = (xs: { id: string; v: number }[]) =>
    xs
      .filter((x) => x.v > r.cutValue + TOL)
      .map((x) => x.id)
      .sort();
  expect(above(ours.map((n) => ({ id: n.id, v: n[metric] })))).toEqual(
    above(r.top.map((t) => ({ id: t.id, v: t.value }))),
  );
  for (const n of ours.filter((x) => Math.abs(x[metric] - r.cutValue) <= TOL))
    expect(r.tiedAtCut, `${metric}: ${n.id} tied at the cut`).toContain(n.id);
  // each of networkx's top nodes has the same value here
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const t of r.top)
    expect(Math.abs(byId.get(t.id)![metric] - t.value), `${metric} of ${t.id}`).toBeLessThan(TOL);
}

describe('CORDIS H2020 Belgian partners: organisation projection against networkx', () => {
  let list: TwoModeList;
  let partners: Map<string, Set<string>>;
  let kept: TwoModeList['pairs'];
  let edges: ProjectedEdge[];
  let g: CsrGraph;
  let report: GraphReport;
  /** weighted (weight = shared projects): strength is the weighted degree only in this mode */
  let weighted: GraphReport;

  beforeAll(async () => {
    list = await readTwoModeList(readFileSync(SOURCE), { left: 'pic', right: 'rcn' });
    partners = new Map();
    for (const p of list.pairs) {
      let s = partners.get(p.right);
      if (!s) {
        s = new Set();
        partners.set(p.right, s);
      }
      s.add(p.left);
    }
    // the projection keeps the projects with 2+ distinct Belgian partners
    kept = list.pairs.filter((p) => partners.get(p.right)!.size >= 2);
    edges = projectBipartite(kept);
    g = fromEdges(edges);
    report = computeReport(g, { weighted: false });
    weighted = computeReport(g, { weighted: true });
  });

  it('reads the participation file as organisation (pic) × project (rcn) pairs', () => {
    expect(list.rows).toBe(ref.participations);
    expect(list.pairs).toHaveLength(ref.participations);
    expect(list.repeated).toBe(0);
    expect(partners.size).toBe(ref.projects);
    expect(new Set(list.pairs.map((p) => p.left)).size).toBe(ref.organisations);
    expect(new Set(kept.map((p) => p.right)).size).toBe(ref.projectsWithTwoOrMore);
  });

  it('projects to networkx’s edges and weights (shared projects)', () => {
    expect(edges).toHaveLength(ref.edges);
    expect(edges.reduce((s, e) => s + e.weight, 0)).toBe(ref.totalWeight);
    expect(Math.max(...edges.map((e) => e.weight))).toBe(ref.maxWeight);
    expect(g.n).toBe(ref.nodes);
    expect(g.m).toBe(ref.edges);
  });

  it('has networkx’s node and edge counts, density and components', () => {
    expect(report.graph).toMatchObject({
      nodes: ref.nodes,
      edges: ref.edges,
      components: ref.components,
      largestComponent: ref.largestComponent,
    });
    expect(Math.abs(report.graph.density - ref.density)).toBeLessThan(1e-12);
  });

  it('has networkx’s top 10 by degree and by strength (shared projects)', () => {
    expectSameTop(report.nodes, 'degree', ref.degree);
    expectSameTop(weighted.nodes, 'strength', ref.strength);
  });

  it('has networkx’s top 10 by betweenness (normalised, unweighted)', () => {
    expectSameTop(report.nodes, 'betweenness', ref.betweenness);
  });
});
