import { Worker } from 'node:worker_threads';
import type { EstimateTask } from './impact-runs.estimate.ts';
import type { RunResult } from './impact-runs.types.ts';

/** What the worker sends back (`impact-runs.worker.ts`). */
export type WorkerMessage =
  | { type: 'progress'; share: number; message?: string }
  | { type: 'result'; result: RunResult }
  | { type: 'error'; message: string };

/**
 * Run one estimation on a worker thread so the server keeps answering while a bootstrap of
 * thousands of draws runs. The panel's typed arrays are copied once into the worker (structured
 * clone); progress messages come back as they are posted. `signal` terminates the worker.
 *
 * A worker costs ≈ 0.2 s to start from TypeScript source (tsx); that is paid once per run.
 */
export function runInWorker(
  task: EstimateTask,
  onProgress: (share: number, message?: string) => void,
  signal?: AbortSignal,
): Promise<RunResult> {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './impact-runs.worker.ts' : './impact-runs.worker.js', import.meta.url);
  // the graph module's bootstrap registers tsx inside the worker when running from source
  const worker = fromSource
    ? new Worker(new URL('../../analytics/graph/worker-bootstrap.mjs', import.meta.url), {
        workerData: { task, entry: entry.href },
      })
    : new Worker(entry, { workerData: { task } });
  return new Promise<RunResult>((resolve, reject) => {
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      f();
      void worker.terminate();
    };
    const onAbort = () => settle(() => reject(new Error('cancelled')));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort);
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') onProgress(m.share, m.message);
      else if (m.type === 'result') settle(() => resolve(m.result));
      else settle(() => reject(new Error(m.message)));
    });
    worker.once('error', (e) => settle(() => reject(e)));
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`the estimation worker stopped (exit code ${code}) before answering`))),
    );
  });
}
