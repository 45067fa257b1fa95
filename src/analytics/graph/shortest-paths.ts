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

/** Runs one pass from each source in `sources` (default: all nodes), adding into `out`. */
export function shortestPathPass(
  g: Topology,
  sources: Int32Array | null,
  out: PassResult,
  opts: PassOptions = {},
): void {
  const lengths = opts.lengths ?? null;
  const withBc = opts.betweenness ?? true;
  const squares = (opts.squares ?? false) && out.betweennessSq.length === g.n;
  if (lengths) dijkstraPass(g, lengths, sources, out, withBc, squares);
  else bfsPass(g, sources, out, withBc, squares);
}

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
  const delta = new Float64Array(n);
  const order = new Int32Array(n); // BFS queue, read backwards as Brandes' stack
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
    while (head < tail) {
      const v = order[head++]!;
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
          total += dv;
        } else if (dw === dv) {
          sigma[w]! += sv;
        }
      }
    }
    out.distanceSum[s]! += total;
    out.reached[s]! += tail;
    out.eccentricity[s] = dist[order[tail - 1]!]!;
    if (withBc) {
      for (let i = tail - 1; i > 0; i--) {
        const w = order[i]!;
        const coeff = (1 + delta[w]!) / sigma[w]!;
        const dp = dist[w]! - 1;
        const end = off[w + 1]!;
        for (let p = off[w]!; p < end; p++) {
          const v = tg[p]!;
          if (dist[v] === dp) delta[v]! += sigma[v]! * coeff;
        }
        const d = delta[w]!;
        bc[w]! += d;
        if (squares) bc2[w]! += d * d;
      }
    }
    for (let i = 0; i < tail; i++) {
      const v = order[i]!;
      dist[v] = -1;
      sigma[v] = 0;
      delta[v] = 0;
    }
  }
}

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
          if (Math.abs(dist[w]! + len[p]! - dv) <= tol && dist[w]! < dv) sv += sigma[w]!;
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
    }
    out.distanceSum[s]! += total;
    out.reached[s]! += settled;
    out.eccentricity[s] = dist[order[settled - 1]!]!;
    if (withBc) {
      for (let i = settled - 1; i > 0; i--) {
        const w = order[i]!;
        const coeff = (1 + delta[w]!) / sigma[w]!;
        const dw = dist[w]!;
        const tol = dw * LENGTH_EPSILON;
        const end = off[w + 1]!;
        for (let p = off[w]!; p < end; p++) {
          const v = tg[p]!;
          if (pos[v] === -2 && Math.abs(dist[v]! + len[p]! - dw) <= tol && dist[v]! < dw) {
            delta[v]! += sigma[v]! * coeff;
          }
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
