import type { CsrGraph, EdgeInput } from './types.ts';

export interface CsrOptions {
  /**
   * Explicit node list: fixes the node order and lets isolated nodes exist. Nodes met in the edges
   * but missing from the list are appended after it, in order of first appearance.
   */
  nodes?: readonly string[];
}

export interface EdgeArrayOptions extends CsrOptions {
  /** Number of nodes when `sources`/`targets` are node indices (default: largest index + 1). */
  n?: number;
}

/** A left–left edge of a bipartite projection. */
export interface ProjectedEdge {
  source: string;
  target: string;
  /** Number of right-hand nodes the two left nodes share. */
  weight: number;
}

/**
 * Builds a CSR graph from edge objects: parallel edges (in either direction) are merged with their
 * weights summed, self-loops dropped, missing weights count 1, node order = first appearance.
 */
export function fromEdges(edges: Iterable<EdgeInput>, opts: CsrOptions = {}): CsrGraph {
  const sources: string[] = [];
  const targets: string[] = [];
  const weights: number[] = [];
  for (const e of edges) {
    sources.push(e.source);
    targets.push(e.target);
    weights.push(e.weight ?? 1);
  }
  return fromEdgeArrays(sources, targets, weights, opts);
}

/**
 * Builds a CSR graph from parallel columns, the fast path for large edge lists. `sources`/`targets`
 * are either identifiers or 0-based node indices (then `ids` are `opts.nodes` or the indices as strings).
 * Same merging rules as {@link fromEdges}; neighbour lists come out sorted by node index.
 */
export function fromEdgeArrays(
  sources: readonly string[] | Int32Array,
  targets: readonly string[] | Int32Array,
  weights?: ArrayLike<number>,
  opts: EdgeArrayOptions = {},
): CsrGraph {
  const count = sources.length;
  if (targets.length !== count) throw new RangeError('sources and targets must have the same length');
  if (weights && weights.length !== count) throw new RangeError('weights must be aligned with sources');
  let ids: string[];
  let src: Int32Array;
  let dst: Int32Array;
  if (sources instanceof Int32Array && targets instanceof Int32Array) {
    src = sources;
    dst = targets;
    let max = -1;
    for (let i = 0; i < count; i++) {
      const a = src[i]!;
      const b = dst[i]!;
      if (a < 0 || b < 0) throw new RangeError(`negative node index on edge ${i}`);
      if (a > max) max = a;
      if (b > max) max = b;
    }
    const n = Math.max(opts.n ?? 0, opts.nodes?.length ?? 0, max + 1);
    ids = new Array<string>(n);
    for (let v = 0; v < n; v++) ids[v] = opts.nodes?.[v] ?? String(v);
  } else if (!(sources instanceof Int32Array) && !(targets instanceof Int32Array)) {
    const index = new Map<string, number>();
    ids = [];
    for (const id of opts.nodes ?? []) {
      if (!index.has(id)) {
        index.set(id, ids.length);
        ids.push(id);
      }
    }
    const intern = (id: string): number => {
      let i = index.get(id);
      if (i === undefined) {
        i = ids.length;
        index.set(id, i);
        ids.push(id);
      }
      return i;
    };
    src = new Int32Array(count);
    dst = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      src[i] = intern(sources[i]!);
      dst[i] = intern(targets[i]!);
    }
  } else {
    throw new TypeError('sources and targets must both be strings or both be Int32Array');
  }
  return buildCsr(ids, src, dst, weights);
}

/** Counting-sort assembly: O(n + m), no per-edge objects. */
function buildCsr(
  ids: readonly string[],
  src: Int32Array,
  dst: Int32Array,
  weights: ArrayLike<number> | undefined,
): CsrGraph {
  const n = ids.length;
  const count = src.length;
  // Pass 1: bucket both directions by target, so that pass 2 (bucket by source, stable) leaves
  // every neighbour list sorted by target index, and duplicates adjacent.
  const deg = new Int32Array(n + 1);
  let arcs = 0;
  for (let i = 0; i < count; i++) {
    const a = src[i]!;
    const b = dst[i]!;
    if (a === b) continue;
    deg[a]!++;
    deg[b]!++;
    arcs += 2;
  }
  const offsets = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) offsets[v + 1] = offsets[v]! + deg[v]!;
  const byTarget = new Int32Array(arcs); // arc → edge index * 2 + direction
  const fill = offsets.slice(0, n);
  for (let i = 0; i < count; i++) {
    const a = src[i]!;
    const b = dst[i]!;
    if (a === b) continue;
    byTarget[fill[b]!++] = 2 * i; // arc a→b, target b
    byTarget[fill[a]!++] = 2 * i + 1; // arc b→a, target a
  }
  const rawTargets = new Int32Array(arcs);
  const rawWeights = new Float64Array(arcs);
  fill.set(offsets.subarray(0, n));
  for (let k = 0; k < arcs; k++) {
    const code = byTarget[k]!;
    const i = code >> 1;
    const forward = (code & 1) === 0;
    const from = forward ? src[i]! : dst[i]!;
    const to = forward ? dst[i]! : src[i]!;
    const w = weights ? Number(weights[i]) : 1;
    if (!Number.isFinite(w)) throw new RangeError(`edge ${i} has a non-finite weight`);
    const p = fill[from]!++;
    rawTargets[p] = to;
    rawWeights[p] = w;
  }
  // Merge duplicates (adjacent after the two stable passes).
  const outOffsets = new Int32Array(n + 1);
  let write = 0;
  for (let v = 0; v < n; v++) {
    const end = offsets[v + 1]!;
    let last = -1;
    for (let p = offsets[v]!; p < end; p++) {
      const t = rawTargets[p]!;
      if (t === last) {
        rawWeights[write - 1]! += rawWeights[p]!;
      } else {
        rawTargets[write] = t;
        rawWeights[write] = rawWeights[p]!;
        write++;
        last = t;
      }
    }
    outOffsets[v + 1] = write;
  }
  return {
    n,
    m: write / 2,
    ids,
    offsets: outOffsets,
    targets: rawTargets.slice(0, write),
    weights: rawWeights.slice(0, write),
  };
}

/**
 * Left–left projection of a two-mode list (organisation × project), as networkx
 * `bipartite.weighted_projected_graph`: two left nodes are tied when they share at least one right
 * node, weight = number of distinct right nodes shared. Repeated pairs count once. Edges are listed
 * by first appearance of the left nodes.
 */
export function projectBipartite(pairs: Iterable<{ left: string; right: string }>): ProjectedEdge[] {
  const leftIndex = new Map<string, number>();
  const leftIds: string[] = [];
  const rightIndex = new Map<string, number>();
  const members: number[][] = [];
  const seen = new Set<string>();
  for (const { left, right } of pairs) {
    const key = `${left}\u0000${right}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let l = leftIndex.get(left);
    if (l === undefined) {
      l = leftIds.length;
      leftIndex.set(left, l);
      leftIds.push(left);
    }
    let r = rightIndex.get(right);
    if (r === undefined) {
      r = members.length;
      rightIndex.set(right, r);
      members.push([]);
    }
    members[r]!.push(l);
  }
  // Left → right incidence in CSR, then a scatter count per left node.
  const nl = leftIds.length;
  const deg = new Int32Array(nl + 1);
  for (const list of members) for (const l of list) deg[l + 1]!++;
  for (let l = 0; l < nl; l++) deg[l + 1]! += deg[l]!;
  const rights = new Int32Array(deg[nl]!);
  const fill = deg.slice(0, nl);
  members.forEach((list, r) => {
    for (const l of list) rights[fill[l]!++] = r;
  });
  const shared = new Int32Array(nl);
  const touched = new Int32Array(nl);
  const out: ProjectedEdge[] = [];
  for (let u = 0; u < nl; u++) {
    let nt = 0;
    for (let p = deg[u]!; p < deg[u + 1]!; p++) {
      for (const v of members[rights[p]!]!) {
        if (v <= u) continue;
        if (shared[v] === 0) touched[nt++] = v;
        shared[v]!++;
      }
    }
    touched.subarray(0, nt).sort();
    for (let i = 0; i < nt; i++) {
      const v = touched[i]!;
      out.push({ source: leftIds[u]!, target: leftIds[v]!, weight: shared[v]! });
      shared[v] = 0;
    }
  }
  return out;
}

/** Resolves a node given by identifier or index; throws a readable error when it is unknown. */
export function nodeIndex(g: CsrGraph, node: string | number): number {
  if (typeof node === 'number') {
    if (!Number.isInteger(node) || node < 0 || node >= g.n)
      throw new RangeError(`no node with index ${node}`);
    return node;
  }
  const i = g.ids.indexOf(node);
  if (i < 0) throw new RangeError(`no node "${node}" in the graph`);
  return i;
}

/**
 * Induced subgraph on the given nodes (identifiers or indices), in the order given; edges keep their
 * weights. Unknown nodes throw.
 */
export function subgraph(g: CsrGraph, nodes: Iterable<string | number>): CsrGraph {
  const byId = new Map<string, number>();
  g.ids.forEach((id, i) => {
    if (!byId.has(id)) byId.set(id, i);
  });
  const local = new Int32Array(g.n).fill(-1);
  const keep: number[] = [];
  for (const node of nodes) {
    const v = typeof node === 'number' ? nodeIndex(g, node) : byId.get(node);
    if (v === undefined) throw new RangeError(`no node "${String(node)}" in the graph`);
    if (local[v] !== -1) continue;
    local[v] = keep.length;
    keep.push(v);
  }
  return induced(g, keep, local);
}

/**
 * Ego network: the node, its neighbours (depth 1) and their neighbours (depth 2), with every edge
 * among them (networkx `ego_graph(G, n, radius)`). Nodes are in breadth-first order, ego first.
 */
export function egoNetwork(g: CsrGraph, node: string | number, depth: 1 | 2 = 1): CsrGraph {
  const ego = nodeIndex(g, node);
  const local = new Int32Array(g.n).fill(-1);
  const keep: number[] = [ego];
  local[ego] = 0;
  let frontierStart = 0;
  for (let level = 0; level < depth; level++) {
    const frontierEnd = keep.length;
    for (let i = frontierStart; i < frontierEnd; i++) {
      const v = keep[i]!;
      for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
        const w = g.targets[p]!;
        if (local[w] !== -1) continue;
        local[w] = keep.length;
        keep.push(w);
      }
    }
    frontierStart = frontierEnd;
  }
  return induced(g, keep, local);
}

function induced(g: CsrGraph, keep: readonly number[], local: Int32Array): CsrGraph {
  const n = keep.length;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const v = keep[i]!;
    let d = 0;
    for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) if (local[g.targets[p]!] !== -1) d++;
    offsets[i + 1] = offsets[i]! + d;
  }
  const targets = new Int32Array(offsets[n]!);
  const weights = new Float64Array(offsets[n]!);
  for (let i = 0; i < n; i++) {
    const v = keep[i]!;
    let q = offsets[i]!;
    for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
      const w = local[g.targets[p]!]!;
      if (w === -1) continue;
      targets[q] = w;
      weights[q] = g.weights[p]!;
      q++;
    }
    // keep the "sorted neighbour list" invariant of fromEdgeArrays
    sortRow(targets, weights, offsets[i]!, q);
  }
  return { n, m: targets.length / 2, ids: keep.map((v) => g.ids[v]!), offsets, targets, weights };
}

function sortRow(targets: Int32Array, weights: Float64Array, start: number, end: number): void {
  if (end - start > 32) {
    const order = Array.from({ length: end - start }, (_, i) => start + i);
    order.sort((a, b) => targets[a]! - targets[b]!);
    const t = order.map((p) => targets[p]!);
    const w = order.map((p) => weights[p]!);
    targets.set(t, start);
    weights.set(w, start);
    return;
  }
  for (let i = start + 1; i < end; i++) {
    const t = targets[i]!;
    const w = weights[i]!;
    let j = i - 1;
    while (j >= start && targets[j]! > t) {
      targets[j + 1] = targets[j]!;
      weights[j + 1] = weights[j]!;
      j--;
    }
    targets[j + 1] = t;
    weights[j + 1] = w;
  }
}
