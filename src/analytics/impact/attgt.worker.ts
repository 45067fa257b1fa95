import { parentPort } from 'node:worker_threads';
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
      /** Cells per group (they come group by group). */
      cellsPerGroup: number;
    }
  | { kind: 'bootstrap'; task: BootstrapTask; ranges: BlockRange[] };

const progress = () => parentPort?.postMessage({ type: 'progress' });

/** One worker serves both phases of a run (one job per message), so TypeScript loads once. */
parentPort?.on('message', (job: AttGtJob) => {
  if (job.kind === 'cells') {
    const T = job.cellsPerGroup;
    const { cells, store } = estimateCells(job.panel, {
      ...job.options,
      shared: true,
      // whole groups per worker: a group's cells share their propensity fits
      select: (k) => Math.floor(k / T) % job.threads === job.thread,
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
});
