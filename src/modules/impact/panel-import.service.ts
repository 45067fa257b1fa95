import type { ErrorDetail } from '../../domain/errors.ts';
import { PolarisError } from '../../domain/errors.ts';
import type { Ctx } from '../context.ts';
import { referenceLookup } from '../reference/reference-lists.service.ts';
import { authorizeImpact } from './impact.policy.ts';
import * as repo from './panel.repository.ts';
import { binaryCopyBatches } from './panel-copy-binary.ts';
import { checkDuplicates, summarise } from './panel-import-checks.ts';
import { nameKey, type PanelSource, readPanelSource } from './panel-import-read.ts';
import { installSnapshot, loadSnapshot, type PanelSnapshot, storedSnapshot } from './panel-snapshot.ts';
import { buildSnapshot, mergeSnapshots } from './panel-snapshot-build.ts';

export type { PanelSource } from './panel-import-read.ts';

/**
 * `polaris import panel <file>` and `POST /api/v1/impact/panel/import`: a firm-year panel (CSV,
 * XLSX or Parquet) read in one streaming pass into typed columns (panel-import-read.ts), checked, then
 * written in one transaction by binary COPY — all of it or nothing. The report names row, column,
 * value and reason for every problem (the first `MAX_DETAILS`; `errorCount` counts them all).
 * Enterprise numbers the registry does not know are reported as a warning and kept: the panel
 * covers regional industry, not only members. A firm-year already stored is replaced by the
 * file's (the latest import wins).
 *
 * The columns read are sorted once into the columnar snapshot (panel-snapshot-build.ts): the COPY
 * writes the rows from it (in key order, so the primary key builds from sorted input), and after
 * the commit it becomes the panel's snapshot — merged with the stored one when the panel had rows
 * — and its file is written, so no request has to read 2 M rows back out of the database.
 */

export interface PanelImportOptions {
  dryRun?: boolean;
  fileName?: string;
  /** where the data comes from (BNB, ONSS, …), kept with the import */
  source?: string;
  /** called every 50,000 rows and at each phase's end; `done`/`total` in bytes (read) or rows (write) */
  onProgress?: (phase: 'read' | 'write', done: number, total: number) => void | Promise<void>;
  /** the last accepted year (default: this year + 1) */
  maxYear?: number;
}

export interface PanelImportReport {
  ok: boolean;
  written: boolean;
  dryRun: boolean;
  format?: 'csv' | 'xlsx' | 'parquet';
  encoding?: string;
  delimiter?: string;
  rows: number;
  valid: number;
  firms: number;
  years: { from: number; to: number } | null;
  /** stored firm-years the file replaced */
  replaced: number;
  importId: number | null;
  errorCount: number;
  errors: ErrorDetail[];
  warnings: ErrorDetail[];
  /** enterprise numbers not in the registry: kept, listed here (first 50) */
  unknownEnterprises: { count: number; sample: { enterpriseNumber: string; row: number }[] };
  unknownColumns: string[];
  durationMs: number;
  /** milliseconds: reading and checking the file, writing the table, the snapshot after the commit */
  phases: { read: number; write: number; snapshot: number };
}

/** Details kept in the report; a million bad rows are counted, not all listed. */
export const MAX_DETAILS = 1000;

/** A file of at least 1/REBUILD_SHARE of the stored rows rebuilds the key (panel.repository). */
const REBUILD_SHARE = 5;

export async function importPanel(
  ctx: Ctx,
  source: PanelSource,
  opts: PanelImportOptions = {},
): Promise<PanelImportReport> {
  authorizeImpact(ctx.actor, 'panel:import');
  const t0 = performance.now();
  const report: PanelImportReport = {
    ok: false,
    written: false,
    dryRun: opts.dryRun === true,
    rows: 0,
    valid: 0,
    firms: 0,
    years: null,
    replaced: 0,
    importId: null,
    errorCount: 0,
    errors: [],
    warnings: [],
    unknownEnterprises: { count: 0, sample: [] },
    unknownColumns: [],
    durationMs: 0,
    phases: { read: 0, write: 0, snapshot: 0 },
  };
  const done = () => {
    report.durationMs = Math.round(performance.now() - t0);
    return report;
  };
  const size = 'bytes' in source ? source.bytes.length : source.size;
  if (size === 0) {
    report.errorCount = 1;
    report.errors.push({ path: 'file', message: 'the file is empty' });
    return done();
  }
  const ref = await referenceLookup(ctx);
  const munis = await ctx.db.selectFrom('municipalities').select(['nis', 'nameFr', 'nameNl']).execute();
  const muniByName = new Map<string, string>();
  for (const m of munis) for (const n of [m.nameFr, m.nameNl]) if (n) muniByName.set(nameKey(n), m.nis);

  let cols: Awaited<ReturnType<typeof readPanelSource>>;
  try {
    cols = await readPanelSource(source, report, {
      maxYear: opts.maxYear ?? new Date().getFullYear() + 1,
      naceCodes: ref.naceCodes,
      muniNis: ref.municipalities,
      muniByName,
      onProgress: opts.onProgress,
      size,
      maxDetails: MAX_DETAILS,
    });
  } catch (e) {
    if (!(e instanceof PolarisError)) throw e;
    const details = e.details.length ? e.details : [{ path: 'file', message: e.message }];
    report.errors.push(...details.map((d) => ({ ...d, message: `${e.message}: ${d.message}` })));
    report.errorCount = report.errors.length;
    return done();
  }
  if (report.rows === 0 && report.errorCount === 0) {
    report.errorCount = 1;
    report.errors.push({ path: 'file', message: 'the file has a header row but no data rows' });
  }
  report.valid = cols.rows - checkDuplicates(cols, report, MAX_DETAILS);
  summarise(cols, report, await repo.registryEnterpriseNumbers(ctx.db), MAX_DETAILS);
  report.phases.read = Math.round(performance.now() - t0);
  if (report.errorCount > 0 || report.dryRun) {
    report.ok = report.errorCount === 0;
    return done();
  }

  const tw = performance.now();
  // the file's rows in key order: what the COPY writes, and the snapshot (or its part) afterwards
  const incoming = buildSnapshot(cols, 0, '');
  const written = await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.lockPanelState(trx);
    const importId = await repo.insertPanelImport(trx, {
      fileName: opts.fileName ?? null,
      source: opts.source ?? null,
      rows: incoming.rows,
      firms: report.firms,
      firstYear: report.years?.from ?? null,
      lastYear: report.years?.to ?? null,
      unknownEnterprises: report.unknownEnterprises.count,
      createdBy: ctx.actor.userId,
    });
    report.importId = importId;
    const batches = progressing(binaryCopyBatches(incoming, importId), incoming.rows, opts.onProgress);
    const empty = await repo.panelIsEmpty(trx);
    let stored: PanelSnapshot | null = null;
    if (empty) await repo.loadIntoEmpty(trx, batches);
    else {
      // the snapshot of the state locked above, from memory or its file (no query: on PGlite the
      // transaction holds the connection); its size decides how the key is kept
      stored = await storedSnapshot(ctx.db, before);
      const storedRows = stored?.rows ?? (await repo.countFirmYears(trx));
      const rebuildKey = incoming.rows * REBUILD_SHARE >= storedRows;
      report.replaced = await repo.loadReplacing(trx, batches, { rebuildKey });
      await repo.setReplaced(trx, importId, report.replaced);
    }
    return { stored, empty, after: await repo.panelState(trx) };
  });
  await opts.onProgress?.('write', incoming.rows, incoming.rows);
  report.phases.write = Math.round(performance.now() - tw);
  report.written = true;
  report.ok = true;

  const ts = performance.now();
  await installAfterImport(ctx, incoming, written);
  report.phases.snapshot = Math.round(performance.now() - ts);
  return done();
}

/** Count the rows of each COPY batch as the driver takes it. */
function* progressing(
  batches: Iterable<Iterable<Uint8Array>>,
  total: number,
  onProgress: PanelImportOptions['onProgress'],
): Generator<Iterable<Uint8Array>> {
  let done = 0;
  for (const b of batches) {
    yield b;
    done = Math.min(total, done + 500_000);
    void onProgress?.('write', done, total);
  }
}

/**
 * The panel's snapshot after the commit: the file's rows alone when the panel was empty, else the
 * stored snapshot of the state the import started from, merged with them — or, when that was not
 * at hand (no cache folder, first import since an upgrade), the table read back.
 */
async function installAfterImport(
  ctx: Ctx,
  incoming: PanelSnapshot,
  w: { stored: PanelSnapshot | null; empty: boolean; after: { version: number; stamp: string } },
): Promise<void> {
  let snap: PanelSnapshot;
  if (w.empty) snap = { ...incoming, version: w.after.version, stamp: w.after.stamp };
  else if (w.stored)
    snap = buildSnapshot(mergeSnapshots(w.stored, incoming).rows, w.after.version, w.after.stamp);
  else {
    snap = await loadSnapshot(ctx.db);
    if (snap.stamp !== w.after.stamp) return; // written again since: the next request reads it
  }
  snap.timing = { ...snap.timing, source: 'import' };
  installSnapshot(ctx.db, snap);
}
