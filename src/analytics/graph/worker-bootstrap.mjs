// Starts a TypeScript worker when Polaris runs from source (tsx, vitest). Node 20 does not apply
// `execArgv: ['--import', 'tsx']` to a worker's entry module, so the worker registers tsx's loader
// itself, then imports the real entry given in workerData.entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
