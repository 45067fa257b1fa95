import { parentPort, workerData } from 'node:worker_threads';
import { emptyPassResult, runKernel } from './shortest-paths.ts';

/** What `betweennessParallel` hands each worker: the CSR arrays on shared memory and its sources. */
export interface PassTask {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  lengths: Float64Array | null;
  sources: Int32Array;
  betweenness: boolean;
}

const task = workerData as PassTask & { entry?: string };
const out = emptyPassResult(task.n);
runKernel(task, task.lengths, task.sources, out, task.betweenness, false);
parentPort?.postMessage(out, [
  out.betweenness.buffer as ArrayBuffer,
  out.distanceSum.buffer as ArrayBuffer,
  out.reached.buffer as ArrayBuffer,
  out.eccentricity.buffer as ArrayBuffer,
]);
