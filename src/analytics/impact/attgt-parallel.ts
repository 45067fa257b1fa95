import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { assemble, attGt, bootstrapProgressUnits, resolveAttGtOptions } from './attgt.ts';
import type { AttGtJob } from './attgt.worker.ts';
import { bootstrapTask, drawsFromSubsetSums, splitBlocks } from './attgt-bootstrap.ts';
import { type CellEstimate, type CellPanel, cellCount } from './attgt-cells.ts';
import type { CellInfluence, InfluenceStore } from './attgt-influence.ts';
import { preparePanel } from './attgt-preprocess.ts';
import type { AttGtOptions, AttGtReport } from './attgt-types.ts';
import type { BalancedPanel } from './types.ts';

/**
 * `attGt` on worker threads: the prepared columns go to shared memory once; whole groups of cells
 * are dealt to the workers (a group's cells share propensity fits; each worker writes its ψ on
 * shared memory), then the bootstrap blocks are split into equal shares of work and the workers'
 * subset sums are added. The same workers serve both phases. Same numbers as
 * `attGt` (the bootstrap draws are seeded per block, so they do not depend on the split; sums
 * differ only by the order of additions). Falls back to the calling thread if workers fail to
 * start, unless `fallback: 'throw'`.
 */
export interface ParallelAttGtOptions extends AttGtOptions {
  /** Worker threads (default: available cores); 1 runs `attGt` inline. */
  threads?: number;
  fallback?: 'inline' | 'throw';
}

export async function attGtParallel(
  panel: BalancedPanel,
  options: ParallelAttGtOptions,
): Promise<AttGtReport> {
  const o = resolveAttGtOptions(options);
  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
  if (threads === 1) return attGt(panel, options);
  const prep = preparePanel(panel, { control: o.control, anticipation: o.anticipation, shared: true });
  const cellPanel: CellPanel = {
    periods: prep.periods,
    groups: prep.groups,
    n: prep.n,
    classes: prep.classes,
    weights: prep.weights,
    hasWeights: prep.hasWeights,
    yByPeriod: prep.yByPeriod,
    covByPeriod: prep.covByPeriod,
  };
  const total = cellCount(prep, o.basePeriod) + (o.bootstrap > 0 ? bootstrapProgressUnits(prep) : 0);
  let done = 0;
  const tick = (units: number) => {
    done += units;
    o.onProgress?.(Math.min(done, total), total);
  };
  const pool = startWorkers(threads);
  try {
    const cellsPerGroup = o.basePeriod === 'varying' ? prep.periods.length - 1 : prep.periods.length;
    const parts = await Promise.all(
      pool.map((worker, thread) =>
        runJob<{ cells: CellEstimate[]; influence: (CellInfluence | null)[] }>(
          worker,
          {
            kind: 'cells',
            panel: cellPanel,
            options: {
              control: o.control,
              method: o.method,
              anticipation: o.anticipation,
              basePeriod: o.basePeriod,
            },
            thread,
            threads,
            cellsPerGroup,
          },
          () => tick(1),
        ),
      ),
    );
    const owner = (k: number) => parts[Math.floor(k / cellsPerGroup) % threads]!;
    const cells = parts[0]!.cells.map((_, k) => owner(k).cells[k]!);
    const groupClass = Int32Array.from(prep.groups, (g) => prep.classes.findIndex((c) => c.cohort === g));
    const store: InfluenceStore = {
      n: prep.n,
      classes: prep.classes,
      cells: cells.map((_, k) => owner(k).influence[k] ?? null),
      weights: prep.weights,
      groupClass,
    };
    let draws: Float64Array | null = null;
    if (o.bootstrap > 0) {
      const task = bootstrapTask(store, o.bootstrap, o.seed, o.multiplier);
      const shares = splitBlocks(task, threads);
      const sums = await Promise.all(
        shares.map((ranges, t) =>
          runJob<{ sums: Float64Array }>(pool[t]!, { kind: 'bootstrap', task, ranges }, () => tick(1)),
        ),
      );
      const sum = new Float64Array(sums[0]!.sums.length);
      for (const part of sums) for (let i = 0; i < sum.length; i++) sum[i]! += part.sums[i]!;
      draws = drawsFromSubsetSums(task, sum);
    }
    if (done < total) o.onProgress?.(total, total);
    return assemble({ prep, cells, store }, draws, o);
  } catch (e) {
    if (options.fallback === 'throw') throw e;
    return attGt(panel, options);
  } finally {
    for (const w of pool) void w.terminate();
  }
}

/** From source (.ts under tsx or vitest) through graph's tsx bootstrap; from built .js directly. */
function startWorkers(threads: number): Worker[] {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './attgt.worker.ts' : './attgt.worker.js', import.meta.url);
  return Array.from({ length: threads }, () =>
    fromSource
      ? new Worker(new URL('../graph/worker-bootstrap.mjs', import.meta.url), {
          workerData: { entry: entry.href },
        })
      : new Worker(entry),
  );
}

/** Send one job to a worker and wait for its answer (progress messages on the way). */
function runJob<T>(worker: Worker, job: AttGtJob, onProgress: () => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: { type: 'progress' } | ({ type: 'done' } & T)) => {
      if (m.type === 'progress') onProgress();
      else {
        cleanup();
        resolve(m as T);
      }
    };
    const onError = (e: Error) => {
      cleanup();
      reject(e);
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`attgt worker exited with code ${code}`));
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(job);
  });
}
