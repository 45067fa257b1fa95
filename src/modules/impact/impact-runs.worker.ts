import { parentPort, workerData } from 'node:worker_threads';
import { type EstimateTask, estimate } from './impact-runs.estimate.ts';
import type { WorkerMessage } from './impact-runs.thread.ts';

/** Worker-thread entry: one estimation (`runInWorker`), progress and the result posted back. */
const { task } = workerData as { task: EstimateTask };
const post = (m: WorkerMessage) => parentPort?.postMessage(m);
try {
  const result = estimate(task, (share, message) => post({ type: 'progress', share, message }));
  post({ type: 'result', result });
} catch (e) {
  post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
}
