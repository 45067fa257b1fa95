import type { Db } from '../../db/database.ts';
import {
  claimRun,
  failInterrupted,
  failRun,
  findRun,
  finishRun,
  oldestQueued,
  type RunRow,
  setDataVersion,
  setProgress,
} from './impact-runs.repository.ts';

/** What the runner asks of the service for one run. */
export type ExecuteRun = (
  run: RunRow,
  progress: (share: number, message?: string) => void,
  signal: AbortSignal,
) => Promise<{ result: unknown; dataVersion: number; message?: string | null }>;

export const INTERRUPTED = 'interrupted: the server stopped while the run was in progress; launch it again';

/**
 * The in-process job runner of impact runs. The queue is the `impact_runs` table itself (oldest
 * queued first), so a run launched on any request is picked up by the one runner of this process;
 * runs go one at a time (the estimator itself runs on a worker thread, see `runInWorker`, so the
 * server keeps answering). Progress is written to the row at most every `progressEveryMs`.
 *
 * Why in-process and not pg-boss: one server process owns the database today (PGlite is single
 * process, `src/db/lock.ts`), runs take seconds, and a table plus a loop is all the state there is.
 * With several app servers on one PostgreSQL, the same table becomes pg-boss's payload and the
 * start-up sweep (which assumes it is the only runner) goes away (DESIGN.md, "Storage and scale").
 */
export class ImpactRunner {
  readonly #db: Db;
  readonly #execute: ExecuteRun;
  readonly #progressEveryMs: number;
  #busy: Promise<void> | null = null;
  #again = false;
  #stopped = false;
  #current: AbortController | null = null;

  constructor(db: Db, execute: ExecuteRun, opts: { progressEveryMs?: number } = {}) {
    this.#db = db;
    this.#execute = execute;
    this.#progressEveryMs = opts.progressEveryMs ?? 250;
  }

  /** At start-up: runs left `running` by a stopped process are marked failed; queued ones start. */
  async start(): Promise<number> {
    const swept = await failInterrupted(this.#db, INTERRUPTED);
    this.wake();
    return swept;
  }

  /** Look at the queue now (after a launch). Never throws; a run's failure is written to its row. */
  wake(): void {
    if (this.#stopped) return;
    if (this.#busy) {
      this.#again = true;
      return;
    }
    this.#busy = this.#drain()
      .catch((e: unknown) => {
        // the database went away (app closing): nothing left to record it in
        if (!this.#stopped) process.emitWarning(`impact runner: ${String(e)}`);
      })
      .finally(() => {
        this.#busy = null;
        if (this.#again) {
          this.#again = false;
          this.wake();
        }
      });
  }

  /** Resolves when the queue is empty and nothing runs (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#busy) await this.#busy;
  }

  /** Stop taking runs; the one in progress is cancelled and marked failed. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#current?.abort();
    await this.idle();
  }

  async #drain(): Promise<void> {
    for (;;) {
      if (this.#stopped) return;
      const id = await oldestQueued(this.#db);
      if (id === undefined) return;
      if (!(await claimRun(this.#db, id))) continue;
      await this.#runOne(id);
    }
  }

  async #runOne(id: number): Promise<void> {
    const db = this.#db;
    const run = await findRun(db, id, false);
    if (!run) return;
    const ctrl = new AbortController();
    this.#current = ctrl;
    // progress writes are chained (never two at once) and spaced out
    let writes: Promise<void> = Promise.resolve();
    let lastAt = 0;
    let lastShare = 0;
    const progress = (share: number, message?: string) => {
      const now = Date.now();
      if (now - lastAt < this.#progressEveryMs && message === undefined) return;
      if (share - lastShare < 0.005 && message === undefined) return;
      lastAt = now;
      lastShare = share;
      writes = writes.then(() => setProgress(db, id, share, message)).catch(() => {});
    };
    try {
      const out = await this.#execute(run, progress, ctrl.signal);
      await writes;
      if (out.dataVersion !== run.dataVersion) await setDataVersion(db, id, out.dataVersion);
      await finishRun(db, id, out.result, out.message ?? null);
    } catch (e) {
      await writes;
      const message = ctrl.signal.aborted ? INTERRUPTED : e instanceof Error ? e.message : String(e);
      await failRun(db, id, message);
    } finally {
      this.#current = null;
    }
  }
}
