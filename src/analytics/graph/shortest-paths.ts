import type { CsrGraph } from './types.ts';

/**
 * The single-source shortest-path pass shared by betweenness, closeness, diameter and average
 * shortest path (one BFS or Dijkstra per source, Brandes 2001, J. Math. Sociol. 25(2):163-177).
 * It is written against bare typed arrays so that worker threads can run it on SharedArrayBuffers.
 */
export interface Topology {
  readonly n: number;
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
}

/** Per-node accumulators filled by {@link shortestPathPass}; one slot per node. */
export interface PassResult {
  /** Sum over processed sources s of the Brandes dependency δ_s(v) (each pair counted from both ends). */
  betweenness: Float64Array;
  /** Sum of squared dependencies (for the standard error of sampled betweenness); empty unless asked. */
  betweennessSq: Float64Array;
  /** For each processed source: sum of distances to the nodes it reaches. */
  distanceSum: Float64Array;
  /** For each processed source: number of nodes reached, itself included. */
  reached: Int32Array;
  /** For each processed source: largest finite distance (eccentricity within its component). */
  eccentricity: Float64Array;
}

export interface PassOptions {
  /** Edge lengths aligned with `targets` (Dijkstra); null = every edge has length 1 (BFS). */
  lengths?: Float64Array | null;
  /** Accumulate dependencies (skip them for distance-only passes). Default true. */
  betweenness?: boolean;
  /** Also accumulate squared dependencies. Default false. */
  squares?: boolean;
  /** Relabel hubs-first before the pass (default: when n ≥ 1,000). */
  reorder?: boolean;
}

/**
 * Relative tolerance under which two weighted path lengths count as equal (igraph compares with a
 * tolerance too; networkx compares floats exactly, which splits ties such as 1/3+1/3+1/3 vs 1).
 */
export const LENGTH_EPSILON = 1e-10;

export function emptyPassResult(n: number, squares = false): PassResult {
  return {
    betweenness: new Float64Array(n),
    betweennessSq: new Float64Array(squares ? n : 0),
    distanceSum: new Float64Array(n),
    reached: new Int32Array(n),
    eccentricity: new Float64Array(n),
  };
}

/**
 * Edge lengths for weighted shortest paths: `inverse` (default) makes a strong tie short,
 * length = 1/weight, the usual reading of collaboration intensity (Newman 2001, Phys. Rev. E 64,
 * 016132; Opsahl et al. 2010); `weight` uses the weight itself as a distance. Non-positive weights
 * are rejected: Dijkstra needs positive lengths.
 */
export function edgeLengths(g: CsrGraph, mode: 'inverse' | 'weight' = 'inverse'): Float64Array {
  const out = new Float64Array(g.weights.length);
  for (let p = 0; p < out.length; p++) {
    const w = g.weights[p]!;
    if (!(w > 0)) {
      let u = 0;
      while (g.offsets[u + 1]! <= p) u++;
      const edge = `${g.ids[u]}–${g.ids[g.targets[p]!]}`;
      throw new RangeError(`edge ${edge} has weight ${w}: weighted shortest paths need positive weights`);
    }
    out[p] = mode === 'inverse' ? 1 / w : w;
  }
  return out;
}

/**
 * Runs one pass from each source in `sources` (default: all nodes), adding into `out`. Graphs of
 * 1,000 nodes or more are first relabelled hubs-first (see {@link reorderByDegree}), which keeps
 * the hot entries of the per-node arrays together in cache (≈ 8 % faster on a 10k/50k random graph).
 */
export function shortestPathPass(
  g: Topology,
  sources: Int32Array | null,
  out: PassResult,
  opts: PassOptions = {},
): void {
  const lengths = opts.lengths ?? null;
  const withBc = opts.betweenness ?? true;
  const squares = (opts.squares ?? false) && out.betweennessSq.length === g.n;
  if (g.n < 1000 || opts.reorder === false) {
    runKernel(g, lengths, sources, out, withBc, squares);
    return;
  }
  const r = reorderByDegree(g, lengths);
  const local = emptyPassResult(g.n, squares);
  const localSources = new Int32Array(sources ? sources.length : g.n);
  for (let i = 0; i < localSources.length; i++) localSources[i] = r.rank[sources ? sources[i]! : i]!;
  runKernel(r, r.lengths, localSources, local, withBc, squares);
  addBack(local, out, r.rank);
}

/** Adds a pass computed on relabelled nodes into `out`, in the caller's node order. */
export function addBack(local: PassResult, out: PassResult, rank: Int32Array): void {
  const squares = out.betweennessSq.length === rank.length && local.betweennessSq.length === rank.length;
  for (let v = 0; v < rank.length; v++) {
    const r = rank[v]!;
    out.betweenness[v]! += local.betweenness[r]!;
    if (squares) out.betweennessSq[v]! += local.betweennessSq[r]!;
    out.distanceSum[v]! += local.distanceSum[r]!;
    out.reached[v]! += local.reached[r]!;
    out.eccentricity[v] = Math.max(out.eccentricity[v]!, local.eccentricity[r]!);
  }
}

export interface Reordered extends Topology {
  lengths: Float64Array | null;
  /** rank[v] = new index of node v. */
  rank: Int32Array;
}

/** Relabels nodes by decreasing degree (stable), carrying edge lengths along. O(n log n + m). */
export function reorderByDegree(g: Topology, lengths: Float64Array | null): Reordered {
  const n = g.n;
  const off = g.offsets;
  const byDegree = new Int32Array(n);
  for (let v = 0; v < n; v++) byDegree[v] = v;
  byDegree.sort((a, b) => off[b + 1]! - off[b]! - (off[a + 1]! - off[a]!) || a - b);
  const rank = new Int32Array(n);
  for (let i = 0; i < n; i++) rank[byDegree[i]!] = i;
  const offsets = new Int32Array(n + 1);
  const targets = new Int32Array(g.targets.length);
  const newLengths = lengths ? new Float64Array(lengths.length) : null;
  for (let i = 0; i < n; i++) {
    const v = byDegree[i]!;
    let q = offsets[i]!;
    for (let p = off[v]!; p < off[v + 1]!; p++) {
      targets[q] = rank[g.targets[p]!]!;
      if (newLengths) newLengths[q] = lengths![p]!;
      q++;
    }
    offsets[i + 1] = q;
  }
  return { n, offsets, targets, lengths: newLengths, rank };
}

/** The kernels without relabelling (what a worker thread runs on its share of sources). */
export function runKernel(
  g: Topology,
  lengths: Float64Array | null,
  sources: Int32Array | null,
  out: PassResult,
  withBc: boolean,
  squares: boolean,
): void {
  if (lengths) dijkstraPass(g, lengths, sources, out, withBc, squares);
  else bfsPass(g, sources, out, withBc, squares);
}

/**
 * BFS Brandes. The forward pass records, for the i-th node taken from the queue, its successors on
 * shortest paths (contiguous, since its neighbour list is scanned at once): the backward pass then
 * sums over those arcs only, with no distance tests — a third faster than rescanning neighbours.
 * Dependencies are pulled: coef[v] = (1 + δ(v))/σ(v), δ(w) = σ(w)·Σ_{v succ w} coef[v].
 */
function bfsPass(
  g: Topology,
  sources: Int32Array | null,
  out: PassResult,
  withBc: boolean,
  squares: boolean,
): void {
  const n = g.n;
  const off = g.offsets;
  const tg = g.targets;
  const dist = new Int32Array(n).fill(-1);
  const sigma = new Float64Array(n);
  const coef = new Float64Array(n);
  const order = new Int32Array(n); // BFS queue, read backwards as Brandes' stack
  const succ = new Int32Array(withBc ? tg.length : 0);
  const succEnd = new Int32Array(n + 1); // successors of order[i]: succ[succEnd[i] .. succEnd[i+1])
  const bc = out.betweenness;
  const bc2 = out.betweennessSq;
  const count = sources ? sources.length : n;
  for (let si = 0; si < count; si++) {
    const s = sources ? sources[si]! : si;
    dist[s] = 0;
    sigma[s] = 1;
    order[0] = s;
    let head = 0;
    let tail = 1;
    let total = 0;
    if (withBc) {
      let ns = 0;
      while (head < tail) {
        const v = order[head]!;
        const dv = dist[v]! + 1;
        const sv = sigma[v]!;
        const end = off[v + 1]!;
        for (let p = off[v]!; p < end; p++) {
          const w = tg[p]!;
          const dw = dist[w]!;
          if (dw < 0) {
            dist[w] = dv;
            sigma[w] = sv;
            order[tail++] = w;
            succ[ns++] = w;
            total += dv;
          } else if (dw === dv) {
            sigma[w]! += sv;
            succ[ns++] = w;
          }
        }
        succEnd[++head] = ns;
      }
      for (let i = tail - 1; i > 0; i--) {
        const w = order[i]!;
        let sum = 0;
        const end = succEnd[i + 1]!;
        for (let q = succEnd[i]!; q < end; q++) sum += coef[succ[q]!]!;
        const sw = sigma[w]!;
        const d = sw * sum;
        bc[w]! += d;
        if (squares) bc2[w]! += d * d;
        coef[w] = 1 / sw + sum;
      }
    } else {
      while (head < tail) {
        const v = order[head++]!;
        const dv = dist[v]! + 1;
        const end = off[v + 1]!;
        for (let p = off[v]!; p < end; p++) {
          const w = tg[p]!;
          if (dist[w]! < 0) {
            dist[w] = dv;
            order[tail++] = w;
            total += dv;
          }
        }
      }
    }
    out.distanceSum[s]! += total;
    out.reached[s]! += tail;
    out.eccentricity[s] = Math.max(out.eccentricity[s]!, dist[order[tail - 1]!]!);
    for (let i = 0; i < tail; i++) {
      const v = order[i]!;
      dist[v] = -1;
      sigma[v] = 0;
      coef[v] = 0;
    }
  }
}

/**
 * Dijkstra Brandes with an indexed binary heap on typed arrays. When a node is settled its
 * predecessors are exactly its settled neighbours w with dist[w] + len = dist[v] (within
 * LENGTH_EPSILON); they are recorded contiguously, so σ is summed at settle time and the backward
 * pass pushes dependencies along the recorded arcs without re-testing distances.
 */
function dijkstraPass(
  g: Topology,
  len: Float64Array,
  sources: Int32Array | null,
  out: PassResult,
  withBc: boolean,
  squares: boolean,
): void {
  const n = g.n;
  const off = g.offsets;
  const tg = g.targets;
  const dist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const sigma = new Float64Array(n);
  const delta = new Float64Array(n);
  const order = new Int32Array(n); // settled order = Brandes' stack
  const pred = new Int32Array(withBc ? tg.length : 0);
  const predEnd = new Int32Array(n + 1); // predecessors of order[i]: pred[predEnd[i] .. predEnd[i+1])
  // Indexed binary min-heap keyed by dist: heap[] holds nodes, pos[v] = slot, -1 unseen, -2 settled.
  const heap = new Int32Array(n);
  const pos = new Int32Array(n).fill(-1);
  const bc = out.betweenness;
  const bc2 = out.betweennessSq;
  const count = sources ? sources.length : n;
  for (let si = 0; si < count; si++) {
    const s = sources ? sources[si]! : si;
    dist[s] = 0;
    heap[0] = s;
    pos[s] = 0;
    let size = 1;
    let settled = 0;
    let np = 0;
    let total = 0;
    while (size > 0) {
      // pop the minimum
      const v: number = heap[0]!;
      size--;
      if (size > 0) {
        const last = heap[size]!;
        const key = dist[last]!;
        let i = 0;
        for (;;) {
          let c = 2 * i + 1;
          if (c >= size) break;
          if (c + 1 < size && dist[heap[c + 1]!]! < dist[heap[c]!]!) c++;
          const hc = heap[c]!;
          if (dist[hc]! >= key) break;
          heap[i] = hc;
          pos[hc] = i;
          i = c;
        }
        heap[i] = last;
        pos[last] = i;
      }
      pos[v] = -2;
      order[settled++] = v;
      const dv = dist[v]!;
      total += dv;
      const tol = dv * LENGTH_EPSILON;
      let sv = v === s ? 1 : 0;
      const end = off[v + 1]!;
      for (let p: number = off[v]!; p < end; p++) {
        const w = tg[p]!;
        const pw = pos[w]!;
        if (pw === -2) {
          // w settled: it precedes v on a shortest path when dist[w] + len = dist[v]
          if (withBc && dist[w]! < dv && Math.abs(dist[w]! + len[p]! - dv) <= tol) {
            sv += sigma[w]!;
            pred[np++] = w;
          }
          continue;
        }
        const nd = dv + len[p]!;
        let i: number;
        if (pw === -1) {
          i = size++;
        } else if (nd < dist[w]!) {
          i = pw;
        } else {
          continue;
        }
        dist[w] = nd;
        // sift up
        while (i > 0) {
          const parent = (i - 1) >> 1;
          const hp = heap[parent]!;
          if (dist[hp]! <= nd) break;
          heap[i] = hp;
          pos[hp] = i;
          i = parent;
        }
        heap[i] = w;
        pos[w] = i;
      }
      sigma[v] = sv;
      predEnd[settled] = np;
    }
    out.distanceSum[s]! += total;
    out.reached[s]! += settled;
    out.eccentricity[s] = Math.max(out.eccentricity[s]!, dist[order[settled - 1]!]!);
    if (withBc) {
      for (let i = settled - 1; i > 0; i--) {
        const w = order[i]!;
        const coeff = (1 + delta[w]!) / sigma[w]!;
        const end = predEnd[i + 1]!;
        for (let q = predEnd[i]!; q < end; q++) {
          const v = pred[q]!;
          delta[v]! += sigma[v]! * coeff;
        }
        const d = delta[w]!;
        bc[w]! += d;
        if (squares) bc2[w]! += d * d;
      }
    }
    for (let i = 0; i < settled; i++) {
      const v = order[i]!;
      dist[v] = Number.POSITIVE_INFINITY;
      sigma[v] = 0;
      delta[v] = 0;
      pos[v] = -1;
    }
  }
}
