import type { Db } from '../../db/database.ts';
import { copyPanelOut, panelState } from './panel.repository.ts';
import { buildSnapshot, parsePanelCopyRows } from './panel-snapshot-build.ts';
import { readSnapshotFile, writeSnapshotFile } from './panel-snapshot-file.ts';

/**
 * The firm-year panel as typed columns, so estimators and series loop over arrays and never wait
 * on row objects (pulling 2 M rows as objects costs ~12 s on PGlite, ../shared/STACK.md).
 *
 * Where it comes from, fastest first:
 * 1. memory: one snapshot per database handle, kept while the panel's stamp stays the same (only
 *    firm-year writes renew it, so registry edits do not rebuild it);
 * 2. the import that just wrote the panel builds it from the columns it parsed (`installSnapshot`);
 * 3. a binary file in the database's cache folder (`setPanelCacheDir`), written by 2 or 4 — a
 *    restarted server reads it back in one `readFile` (panel-snapshot-file.ts);
 * 4. the table: `COPY (SELECT …) TO` parsed byte by byte, in a repeatable-read transaction with
 *    the stamp, then written to the file.
 *
 * Rows are sorted by enterprise number then year (panel-snapshot-build.ts), the same whichever
 * path built them; `firm` indexes `enterprise` (sorted), `firmStart` gives each firm's rows;
 * `nace` and `muni` index their sorted dictionaries (-1 = empty); numbers are NaN when empty.
 * The arrays may be views on one shared buffer (a loaded file): read them, never transfer or
 * modify them.
 */
export interface PanelSnapshot {
  /** panel version this snapshot was read at */
  version: number;
  /** the panel's stamp at that version (migration 2026-11-28T1600) */
  stamp: string;
  rows: number;
  firm: Int32Array;
  year: Int32Array;
  fte: Float64Array;
  valueAdded: Float64Array;
  turnover: Float64Array;
  exports: Float64Array;
  nace: Int32Array;
  muni: Int32Array;
  /** per row: the file's treatment year, 0 = none (kept so a later import can be merged in) */
  rowTreatment: Int16Array;
  /** per firm f: its rows are firmStart[f] … firmStart[f + 1] − 1 (length firms + 1) */
  firmStart: Int32Array;
  /** firm index → enterprise number (ten digits), ascending */
  enterprise: string[];
  naceDict: string[];
  muniDict: string[];
  /** per firm: the earliest treatment year of the file's custom column, 0 = none */
  treatmentColumn: Int32Array;
  minYear: number;
  maxYear: number;
  /** how this snapshot was obtained; milliseconds in all, and of the COPY out and the parse */
  timing: { source: 'import' | 'file' | 'copy'; ms: number; copy: number; parse: number };
}

export type Outcome = 'fte' | 'valueAdded' | 'turnover' | 'exports';

const cache = new WeakMap<Db, { stamp: string; snapshot: Promise<PanelSnapshot> }>();
const cacheDirs = new WeakMap<Db, string>();

/**
 * Where this database handle keeps its snapshot file (a PGlite data folder's `polaris-cache`, or a
 * cache folder per PostgreSQL database; see `panelCacheDir`). Without one, snapshots live in
 * memory only (tests, benchmarks).
 */
export function setPanelCacheDir(db: Db, dir: string | null): void {
  if (dir) cacheDirs.set(db, dir);
  else cacheDirs.delete(db);
}

/** The cache folder of a database handle, if any. */
export function panelCacheDirOf(db: Db): string | null {
  return cacheDirs.get(db) ?? null;
}

/** The snapshot at the current panel state. */
export async function panelSnapshot(db: Db): Promise<PanelSnapshot> {
  const state = await panelState(db);
  const hit = cache.get(db);
  if (hit && hit.stamp === state.stamp) return hit.snapshot;
  const snapshot = obtain(db, state);
  remember(db, state.stamp, snapshot);
  return snapshot;
}

function remember(db: Db, stamp: string, snapshot: Promise<PanelSnapshot>): void {
  cache.set(db, { stamp, snapshot });
  snapshot.catch(() => {
    if (cache.get(db)?.snapshot === snapshot) cache.delete(db);
  });
}

async function obtain(db: Db, state: { version: number; stamp: string }): Promise<PanelSnapshot> {
  const t0 = performance.now();
  const dir = panelCacheDirOf(db);
  if (dir) {
    const s = await readSnapshotFile(dir, state.version, state.stamp).catch((e: Error) => {
      process.emitWarning(`panel snapshot file unreadable (${e.message}); rebuilding it from the table`);
      return null;
    });
    if (s) {
      s.timing.ms = Math.round(performance.now() - t0);
      return s;
    }
  }
  const s = await loadSnapshot(db);
  if (dir) saveFile(dir, s);
  s.timing.ms = Math.round(performance.now() - t0);
  return s;
}

function saveFile(dir: string, s: PanelSnapshot): void {
  try {
    writeSnapshotFile(dir, s);
  } catch (e) {
    // a cache: the next start rebuilds it from the table
    process.emitWarning(`panel snapshot not written to ${dir}: ${(e as Error).message}`);
  }
}

/**
 * Make `s` the snapshot of this database handle (the import that just wrote the panel built it
 * from its own columns) and write its file.
 */
export function installSnapshot(db: Db, s: PanelSnapshot): void {
  remember(db, s.stamp, Promise.resolve(s));
  const dir = panelCacheDirOf(db);
  if (dir) saveFile(dir, s);
}

/** The snapshot of the stamp given, if this handle holds it in memory or its cache folder has it. */
export async function storedSnapshot(
  db: Db,
  state: { version: number; stamp: string },
): Promise<PanelSnapshot | null> {
  const hit = cache.get(db);
  if (hit && hit.stamp === state.stamp) return hit.snapshot.catch(() => null);
  const dir = panelCacheDirOf(db);
  return dir ? readSnapshotFile(dir, state.version, state.stamp).catch(() => null) : null;
}

/** Read the table now (no cache): COPY out with the panel state, then parse and sort. */
export async function loadSnapshot(db: Db): Promise<PanelSnapshot> {
  const t0 = performance.now();
  const { bytes, version, stamp } = await copyPanelOut(db);
  const t1 = performance.now();
  const s = buildSnapshot(parsePanelCopyRows(bytes), version, stamp);
  const ms = performance.now() - t0;
  s.timing = {
    source: 'copy',
    ms: Math.round(ms),
    copy: Math.round(t1 - t0),
    parse: Math.round(ms - (t1 - t0)),
  };
  return s;
}

/** The outcome column of a snapshot. */
export function outcomeColumn(s: PanelSnapshot, outcome: Outcome): Float64Array {
  return s[outcome];
}
