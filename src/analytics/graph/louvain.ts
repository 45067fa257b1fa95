import { modularity } from './modularity.ts';
import { mulberry32, range, shuffle } from './random.ts';
import type { CsrGraph } from './types.ts';

export interface LouvainOptions {
  weighted?: boolean;
  /** γ in Q = Σ_c [L_c/m − γ (D_c/2m)²]; above 1 gives smaller communities. Default 1. */
  resolution?: number;
  /** Seed of the node visiting order; same seed, same partition. Default 1. */
  seed?: number;
  /** A level must raise modularity by more than this to be kept (networkx's default 1e-7). */
  threshold?: number;
  /**
   * Independent runs (seeds derived from `seed`), the best modularity kept. Default 4: one run's
   * result varies with the visiting order by about ±0.3 % of Q (0.6078–0.6149 over 20 seeds on the
   * CORDIS Belgian projection), best-of-4 removes most of that at 4× the (small) cost.
   */
  restarts?: number;
}

export interface LouvainResult {
  /** Community per node, numbered 0.. in order of each community's lowest node index. */
  communities: Int32Array;
  count: number;
  modularity: number;
  /** Number of aggregation levels performed. */
  levels: number;
}

/** A weighted graph with self-loops, the shape of every Louvain level. */
interface Level {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  /** Self-loop weight per node (the edges folded inside it). */
  loops: Float64Array;
}

/**
 * Louvain community detection (Blondel et al. 2008, J. Stat. Mech. P10008), multi-level: local
 * moves in a seeded random order until no node moves, then each community becomes a node, and so
 * on while modularity rises. After the last level the nodes of the original graph get one more round
 * of local moves against the final communities (the refinement of Rotta & Noack 2011, ACM JEA 16),
 * which recovers moves the coarse levels could not make; the whole is repeated from the refined
 * communities while modularity still rises (iterated Louvain). Deterministic for a given seed.
 */
export function louvain(g: CsrGraph, opts: LouvainOptions = {}): LouvainResult {
  const restarts = Math.max(1, Math.floor(opts.restarts ?? 4));
  const seed = opts.seed ?? 1;
  let best: LouvainResult | undefined;
  for (let r = 0; r < restarts; r++) {
    // distinct, reproducible streams: the seed plus r times the golden-ratio increment
    const result = louvainRun(g, opts, (seed + Math.imul(r, 0x9e3779b9)) >>> 0);
    if (!best || result.modularity > best.modularity) best = result;
  }
  return best!;
}

function louvainRun(g: CsrGraph, opts: LouvainOptions, seed: number): LouvainResult {
  const gamma = opts.resolution ?? 1;
  const threshold = opts.threshold ?? 1e-7;
  // a sweep raising modularity by less than this ends a local-moving phase (long tails of tiny moves)
  const sweepGain = 1e-6;
  const random = mulberry32(seed);
  const weighted = opts.weighted ?? false;
  const base: Level = {
    n: g.n,
    offsets: g.offsets,
    targets: g.targets,
    weights: weighted ? g.weights : new Float64Array(g.targets.length).fill(1),
    loops: new Float64Array(g.n),
  };
  let twoM = 0;
  for (let p = 0; p < base.weights.length; p++) twoM += base.weights[p]!;
  if (twoM === 0) {
    return { communities: range(g.n), count: g.n, modularity: Number.NaN, levels: 0 };
  }
  let membership = range(g.n); // original node → community
  let q = levelModularity(base, membership, twoM, gamma);
  let levels = 0;
  // Rounds: multi-level Louvain from the current communities, then refinement on the original
  // nodes; a new round starts from the refined communities, while modularity still rises.
  for (let round = 0; round < 20; round++) {
    const start = compact(membership);
    const trial = start.relabel;
    let level = round === 0 ? base : aggregate(base, trial, start.count);
    let levelQ = levelModularity(base, trial, twoM, gamma);
    for (;;) {
      const comm = range(level.n);
      if (!localMoves(level, comm, twoM, gamma, random, sweepGain)) break;
      const { relabel, count } = compact(comm);
      const next = levelModularity(level, relabel, twoM, gamma);
      if (next - levelQ <= threshold) break;
      levelQ = next;
      for (let v = 0; v < g.n; v++) trial[v] = relabel[trial[v]!]!;
      level = aggregate(level, relabel, count);
      levels++;
      if (count === 1) break;
    }
    // refinement on the original nodes, starting from the communities found
    localMoves(base, trial, twoM, gamma, random, sweepGain);
    const refined = levelModularity(base, trial, twoM, gamma);
    if (refined - q <= threshold) break;
    q = refined;
    membership = trial;
  }
  const { relabel, count } = compact(membership);
  return {
    communities: relabel,
    count,
    modularity: modularity(g, relabel, { weighted, resolution: gamma }),
    levels,
  };
}

/**
 * Moves nodes to the neighbouring community with the best modularity gain until a sweep moves
 * nothing. `comm` is updated in place; returns whether anything moved.
 */
function localMoves(
  lv: Level,
  comm: Int32Array,
  twoM: number,
  gamma: number,
  random: () => number,
  minGain: number,
): boolean {
  const n = lv.n;
  const { offsets, targets, weights, loops } = lv;
  const k = new Float64Array(n); // node degree, loops counted twice
  const tot = new Float64Array(n); // community degree
  for (let v = 0; v < n; v++) {
    let s = 2 * loops[v]!;
    for (let p = offsets[v]!; p < offsets[v + 1]!; p++) s += weights[p]!;
    k[v] = s;
    tot[comm[v]!]! += s;
  }
  const toComm = new Float64Array(n); // weight from the current node to each community
  const seen = new Int32Array(n); // communities touched for the current node
  const order = shuffle(range(n), random);
  const scale = gamma / twoM;
  let movedAny = false;
  for (let sweep = 0; sweep < 1000; sweep++) {
    let moves = 0;
    let gained = 0; // Σ (gain of the chosen community − gain of staying), in edge-weight units
    for (let i = 0; i < n; i++) {
      const v = order[i]!;
      const own = comm[v]!;
      let nSeen = 0;
      for (let p = offsets[v]!; p < offsets[v + 1]!; p++) {
        const c = comm[targets[p]!]!;
        if (toComm[c] === 0) seen[nSeen++] = c;
        toComm[c]! += weights[p]!;
      }
      const kv = k[v]!;
      tot[own]! -= kv;
      let best = own;
      const stayGain = toComm[own]! - scale * kv * tot[own]!;
      let bestGain = stayGain;
      for (let j = 0; j < nSeen; j++) {
        const c = seen[j]!;
        const gain = toComm[c]! - scale * kv * tot[c]!;
        if (gain > bestGain) {
          bestGain = gain;
          best = c;
        }
        toComm[c] = 0;
      }
      toComm[own] = 0;
      tot[best]! += kv;
      if (best !== own) {
        comm[v] = best;
        moves++;
        gained += bestGain - stayGain;
      }
    }
    if (moves === 0) break;
    movedAny = true;
    // ΔQ of the sweep = 2·gained/2m
    if ((2 * gained) / twoM < minGain) break;
  }
  return movedAny;
}

/** Renumbers labels 0.. in order of first appearance by node index. */
function compact(comm: Int32Array): { relabel: Int32Array; count: number } {
  const map = new Int32Array(comm.length).fill(-1);
  const relabel = new Int32Array(comm.length);
  let count = 0;
  for (let v = 0; v < comm.length; v++) {
    const c = comm[v]!;
    if (map[c] === -1) map[c] = count++;
    relabel[v] = map[c]!;
  }
  return { relabel, count };
}

function levelModularity(lv: Level, comm: Int32Array, twoM: number, gamma: number): number {
  const inside = new Float64Array(lv.n);
  const deg = new Float64Array(lv.n);
  for (let v = 0; v < lv.n; v++) {
    const c = comm[v]!;
    inside[c]! += 2 * lv.loops[v]!;
    deg[c]! += 2 * lv.loops[v]!;
    for (let p = lv.offsets[v]!; p < lv.offsets[v + 1]!; p++) {
      const w = lv.weights[p]!;
      deg[c]! += w;
      if (comm[lv.targets[p]!] === c) inside[c]! += w;
    }
  }
  let q = 0;
  for (let c = 0; c < lv.n; c++) {
    const d = deg[c]! / twoM;
    q += inside[c]! / twoM - gamma * d * d;
  }
  return q;
}

/** Folds each community into one node: inner edges become its self-loop, outer ones are summed. */
function aggregate(lv: Level, comm: Int32Array, count: number): Level {
  // members of each community, bucketed
  const start = new Int32Array(count + 1);
  for (let v = 0; v < lv.n; v++) start[comm[v]! + 1]!++;
  for (let c = 0; c < count; c++) start[c + 1]! += start[c]!;
  const members = new Int32Array(lv.n);
  const fill = start.slice(0, count);
  for (let v = 0; v < lv.n; v++) members[fill[comm[v]!]!++] = v;

  const loops = new Float64Array(count);
  const acc = new Float64Array(count);
  const seen = new Int32Array(count);
  const offsets = new Int32Array(count + 1);
  const tg: number[] = [];
  const wt: number[] = [];
  for (let c = 0; c < count; c++) {
    let nSeen = 0;
    let loop = 0;
    for (let i = start[c]!; i < start[c + 1]!; i++) {
      const v = members[i]!;
      loop += lv.loops[v]!;
      for (let p = lv.offsets[v]!; p < lv.offsets[v + 1]!; p++) {
        const d = comm[lv.targets[p]!]!;
        const w = lv.weights[p]!;
        if (d === c) {
          loop += w / 2; // an inner edge is met from both ends
          continue;
        }
        if (acc[d] === 0) seen[nSeen++] = d;
        acc[d]! += w;
      }
    }
    loops[c] = loop;
    for (let j = 0; j < nSeen; j++) {
      const d = seen[j]!;
      tg.push(d);
      wt.push(acc[d]!);
      acc[d] = 0;
    }
    offsets[c + 1] = tg.length;
  }
  return { n: count, offsets, targets: Int32Array.from(tg), weights: Float64Array.from(wt), loops };
}
