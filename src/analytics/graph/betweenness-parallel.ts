import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { betweennessScale, lengthsFor } from './betweenness.ts';
import type { PassTask } from './betweenness.worker.ts';
import {
  addBack,
  emptyPassResult,
  type PassResult,
  reorderByDegree,
  shortestPathPass,
} from './shortest-paths.ts';
import type { CsrGraph } from './types.ts';

export interface ParallelOptions {
  /** Worker threads (default: available cores). 1, or a graph too small to pay for workers, runs inline. */
  threads?: number;
  weighted?: boolean;
  distance?: 'inverse' | 'weight';
  normalized?: boolean;
  /**
   * Below this much work, n·(n + 2m) arc visits, the pass runs on the calling thread: a worker
   * takes ≈ 0.2 s to start from TypeScript source. Default 2e8 (≈ 1 s of single-thread work).
   */
  minWork?: number;
  /** When workers fail to start: compute on the calling thread (default) or reject. */
  fallback?: 'inline' | 'throw';
}

/**
 * Exact betweenness split across worker threads: the CSR arrays go to shared memory once, sources
 * are dealt round-robin (neighbouring indices often have similar costs), each worker returns its
 * partial sums and the main thread adds them. Same result as `betweenness` up to summation order.
 * Falls back to the calling thread if workers cannot start.
 */
export async function betweennessParallel(g: CsrGraph, opts: ParallelOptions = {}): Promise<Float64Array> {
  const pass = await shortestPathPassParallel(g, { ...opts, betweenness: true });
  const scale = betweennessScale(g.n, opts.normalized ?? true);
  const bc = pass.betweenness;
  for (let v = 0; v < g.n; v++) bc[v]! *= scale;
  return bc;
}

/** The all-sources shortest-path pass (see `shortestPathPass`) on worker threads. */
export async function shortestPathPassParallel(
  g: CsrGraph,
  opts: ParallelOptions & { betweenness?: boolean },
): Promise<PassResult> {
  const lengths = lengthsFor(g, opts);
  const withBc = opts.betweenness ?? true;
  const threads = Math.max(1, Math.floor(opts.threads ?? availableParallelism()));
  const inline = () => {
    const out = emptyPassResult(g.n);
    shortestPathPass(g, null, out, { lengths, betweenness: withBc });
    return out;
  };
  if (threads === 1 || g.n * (g.n + g.targets.length) < (opts.minWork ?? 2e8)) return inline();
  // relabel hubs-first once (as the single-thread pass does); round-robin then spreads the hubs
  const r = reorderByDegree(g, lengths);
  const offsets = shared(r.offsets);
  const targets = shared(r.targets);
  const sharedLengths = r.lengths ? shared(r.lengths) : null;
  const tasks: PassTask[] = [];
  for (let t = 0; t < threads; t++) {
    const sources = new Int32Array(Math.ceil((g.n - t) / threads));
    for (let i = 0, s = t; s < g.n; s += threads) sources[i++] = s;
    tasks.push({ n: g.n, offsets, targets, lengths: sharedLengths, sources, betweenness: withBc });
  }
  let parts: PassResult[];
  try {
    parts = await Promise.all(tasks.map(runWorker));
  } catch (e) {
    if (opts.fallback === 'throw') throw e;
    return inline();
  }
  const local = emptyPassResult(g.n);
  for (const part of parts) {
    for (let v = 0; v < g.n; v++) {
      local.betweenness[v]! += part.betweenness[v]!;
      local.distanceSum[v]! += part.distanceSum[v]!;
      local.reached[v]! += part.reached[v]!;
      local.eccentricity[v] = Math.max(local.eccentricity[v]!, part.eccentricity[v]!);
    }
  }
  const out = emptyPassResult(g.n);
  addBack(local, out, r.rank);
  return out;
}

function shared<T extends Int32Array | Float64Array>(a: T): T {
  const buffer = new SharedArrayBuffer(a.byteLength);
  const copy = (a instanceof Int32Array ? new Int32Array(buffer) : new Float64Array(buffer)) as T;
  copy.set(a);
  return copy;
}

/** From source (.ts under tsx or vitest) through the tsx bootstrap; from built .js directly. */
function runWorker(task: PassTask): Promise<PassResult> {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './betweenness.worker.ts' : './betweenness.worker.js', import.meta.url);
  const worker = fromSource
    ? new Worker(new URL('./worker-bootstrap.mjs', import.meta.url), {
        workerData: { ...task, entry: entry.href },
      })
    : new Worker(entry, { workerData: task });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: PassResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`betweenness worker exited with code ${code}`));
    });
  });
}
