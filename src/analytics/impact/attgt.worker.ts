import { parentPort, workerData } from 'node:worker_threads';
import { type BlockRange, type BootstrapTask, subsetSums } from './attgt-bootstrap.ts';
import { type CellOptions, type CellPanel, estimateCells } from './attgt-cells.ts';

/** A share of `attGtParallel`'s work: some cells, or some bootstrap blocks (arrays on shared memory). */
export type AttGtJob =
  | {
      kind: 'cells';
      panel: CellPanel;
      options: Omit<CellOptions, 'select' | 'onCell' | 'shared'>;
      thread: number;
      threads: number;
    }
  | { kind: 'bootstrap'; task: BootstrapTask; ranges: BlockRange[] };

const job = workerData as AttGtJob & { entry?: string };
const progress = () => parentPort?.postMessage({ type: 'progress' });

if (job.kind === 'cells') {
  const { cells, store } = estimateCells(job.panel, {
    ...job.options,
    shared: true,
    select: (k) => k % job.threads === job.thread,
    onCell: progress,
  });
  // ψ sits on shared memory: only the small class/offset arrays are copied back
  parentPort?.postMessage({ type: 'done', cells, influence: store.cells });
} else {
  let blocks = 0;
  const sums = subsetSums(job.task, {
    ranges: job.ranges,
    onBlock: () => {
      if (++blocks % 256 === 0) progress();
    },
  });
  parentPort?.postMessage({ type: 'done', sums, blocks }, [sums.buffer as ArrayBuffer]);
}
