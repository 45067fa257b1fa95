/**
 * The collaboration graph as sigma.js draws it: a graphology graph with positions, colours and
 * sizes. The layout is deterministic: communities start on a circle, members around their centre
 * with a seeded jitter, then a fixed number of ForceAtlas2 iterations (Jacomy et al. 2014).
 */

import { UndirectedGraph } from 'graphology';
import fa2 from 'graphology-layout-forceatlas2';
import type { Collaboration, GraphNode } from '../api/network-types.ts';
import type { ColourMode, SizeMetric } from './graph-query.ts';

export interface NodeAttributes {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  node: GraphNode;
}

export interface EdgeAttributes {
  weight: number;
  size: number;
}

export type CollaborationGraph = UndirectedGraph<NodeAttributes, EdgeAttributes>;

// The package is CommonJS with ES-module typings: TypeScript (NodeNext) sees the module object,
// the bundler hands over module.exports (the layout function itself).
const forceAtlas2 = ('default' in fa2 ? fa2.default : fa2) as typeof fa2.default;

/** Colour-blind-aware categorical colours (Okabe–Ito first, then Tol's muted scheme). */
export const PALETTE = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#332288',
  '#882255',
  '#44aa99',
  '#999933',
  '#aa4499',
  '#117733',
];
export const OTHER_COLOUR = '#9ca3af';

/** Seeded PRNG (mulberry32), so the picture is the same on every load. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** ForceAtlas2 iterations: enough for a few thousand nodes to settle, bounded for big graphs. */
function iterations(order: number): number {
  if (order <= 500) return 300;
  if (order <= 2000) return 150;
  return 60;
}

/** Build the graph and lay it out (synchronously: a few hundred ms for the Walloon network). */
export function buildGraph(data: Collaboration): CollaborationGraph {
  const graph: CollaborationGraph = new UndirectedGraph();
  const communities = Math.max(1, data.graph.communities);
  const rand = random(20_06);
  const sorted = [...data.nodes].sort((a, b) => a.id.localeCompare(b.id));
  for (const n of sorted) {
    const angle = (2 * Math.PI * (n.community % communities)) / communities;
    const r = 10 * Math.sqrt(rand());
    const theta = 2 * Math.PI * rand();
    graph.addNode(n.id, {
      x: 100 * Math.cos(angle) + r * Math.cos(theta),
      y: 100 * Math.sin(angle) + r * Math.sin(theta),
      size: 4,
      color: OTHER_COLOUR,
      label: n.label,
      node: n,
    });
  }
  for (const e of data.edges) {
    if (graph.hasNode(e.source) && graph.hasNode(e.target) && !graph.hasEdge(e.source, e.target))
      graph.addEdge(e.source, e.target, {
        weight: e.weight,
        size: Math.min(4, 0.5 + Math.log2(1 + e.weight) / 2),
      });
  }
  if (graph.order > 1) {
    const settings = forceAtlas2.inferSettings(graph);
    forceAtlas2.assign(graph, {
      iterations: iterations(graph.order),
      settings: { ...settings, linLogMode: false, edgeWeightInfluence: 0.5 },
      getEdgeWeight: 'weight',
    });
  }
  return graph;
}

/** The category a node falls in for a colour mode ('' when it has none). */
export function categoryOf(n: GraphNode, mode: ColourMode): string {
  if (mode === 'community') return String(n.community);
  if (mode === 'network') return n.network ?? '';
  return n.kind;
}

export interface LegendEntry {
  key: string;
  colour: string;
  count: number;
}

/**
 * Colours for a mode: the twelve largest categories get a palette colour (largest first, ties by
 * key), the rest and "none" share the grey. The legend lists every category with its count.
 */
export function legendFor(nodes: GraphNode[], mode: ColourMode): LegendEntry[] {
  const counts = new Map<string, number>();
  for (const n of nodes) {
    const k = categoryOf(n, mode);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const keys = [...counts.keys()].sort(
    (a, b) =>
      Number(a === '') - Number(b === '') ||
      (counts.get(b) ?? 0) - (counts.get(a) ?? 0) ||
      a.localeCompare(b),
  );
  let next = 0;
  return keys.map((key) => ({
    key,
    count: counts.get(key) ?? 0,
    colour: key !== '' && next < PALETTE.length ? PALETTE[next++]! : OTHER_COLOUR,
  }));
}

/** Paint the nodes for a colour mode and size them by a centrality (area grows with the value). */
export function paint(
  graph: CollaborationGraph,
  legend: LegendEntry[],
  mode: ColourMode,
  metric: SizeMetric,
) {
  const colours = new Map(legend.map((l) => [l.key, l.colour]));
  let max = 0;
  graph.forEachNode((_, a) => {
    max = Math.max(max, a.node[metric]);
  });
  graph.updateEachNodeAttributes((_, a) => ({
    ...a,
    color: colours.get(categoryOf(a.node, mode)) ?? OTHER_COLOUR,
    size: 3 + 14 * Math.sqrt(max > 0 ? a.node[metric] / max : 0),
  }));
}

/** The nodes within `depth` ties of `center` (breadth-first). */
export function neighbourhood(graph: CollaborationGraph, center: string, depth: number): Set<string> {
  const seen = new Set<string>([center]);
  let frontier = [center];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const v of frontier)
      graph.forEachNeighbor(v, (w) => {
        if (!seen.has(w)) {
          seen.add(w);
          next.push(w);
        }
      });
    frontier = next;
  }
  return seen;
}
