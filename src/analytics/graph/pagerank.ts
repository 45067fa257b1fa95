import { ConvergenceError } from './eigenvector.ts';
import type { CsrGraph } from './types.ts';

export interface PageRankOptions {
  /** Damping factor, default 0.85. */
  alpha?: number;
  /** Use edge weights as transition weights (networkx's default `weight='weight'`). Default false. */
  weighted?: boolean;
  /** Stop when Σ|x − x_prev| < n·tol. Default 1e-6, networkx's own, see below. */
  tol?: number;
  maxIter?: number;
}

/**
 * PageRank as networkx `pagerank` (Page et al. 1999): uniform start and teleport, dangling nodes
 * (isolated here) spread uniformly, the same update and the same stopping test, so the values
 * match networkx's to rounding. networkx's default tol (1e-6) stops before full convergence: on the
 * karate club the converged vector differs from networkx's output by up to 4.5e-6. Pass a smaller
 * `tol` for the fixed point. Throws {@link ConvergenceError} after `maxIter` (default 100, as networkx).
 */
export function pagerank(g: CsrGraph, opts: PageRankOptions = {}): Float64Array {
  const n = g.n;
  const alpha = opts.alpha ?? 0.85;
  const tol = opts.tol ?? 1e-6;
  const maxIter = opts.maxIter ?? 100;
  const weighted = opts.weighted ?? false;
  let x = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  if (n === 0) return x;
  // out-weight of each node; the transition u → v has probability w_uv / out[u]
  const out = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    let s = 0;
    for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) s += weighted ? g.weights[p]! : 1;
    out[v] = s;
  }
  const share = new Float64Array(n);
  for (let iter = 0; iter < maxIter; iter++) {
    let dangling = 0;
    for (let u = 0; u < n; u++) {
      if (out[u] === 0) {
        dangling += x[u]!;
        share[u] = 0;
      } else {
        share[u] = x[u]! / out[u]!;
      }
    }
    const base = alpha * (dangling / n) + (1 - alpha) / n;
    let change = 0;
    for (let v = 0; v < n; v++) {
      let s = 0;
      for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
        s += share[g.targets[p]!]! * (weighted ? g.weights[p]! : 1);
      }
      const value = alpha * s + base;
      next[v] = value;
      change += Math.abs(value - x[v]!);
    }
    [x, next] = [next, x];
    if (change < n * tol) return x;
  }
  throw new ConvergenceError('PageRank', maxIter);
}
