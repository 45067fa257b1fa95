import { closeSync, createReadStream, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { SYSTEM } from '../modules/auth/actor.ts';
import { importPanel, type PanelImportReport } from '../modules/impact/panel-import.service.ts';
import { type ImportReport, importOrganisations } from '../modules/imports/imports.service.ts';
import { importCordis } from '../modules/projects/cordis.service.ts';
import { importProjects } from '../modules/projects/project-import.service.ts';
import {
  importBoundaries,
  importMunicipalities,
  importNace,
} from '../modules/reference/reference.service.ts';
import { refreshOrganisationSearch } from '../modules/registry/organisations.repository.ts';
import { openForCommand } from './database.ts';
import { progressBar } from './progress.ts';

function readInput(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new Error(
      `Cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
    );
  }
}

export function printImportReport(r: ImportReport, out: (s: string) => void): void {
  const fmt =
    r.format === 'csv'
      ? `CSV (${r.encoding}, delimiter "${r.delimiter === '\t' ? 'tab' : r.delimiter}")`
      : (r.format ?? '?').toUpperCase();
  out(`${fmt}: ${r.rows} row(s), ${r.valid} valid.`);
  for (const e of r.errors.slice(0, 200))
    out(`  ✗ ${e.path}: ${e.message}${e.value !== undefined ? ` [${e.value}]` : ''}`);
  if (r.errors.length > 200) out(`  … and ${r.errors.length - 200} more problem(s)`);
  for (const w of r.warnings.slice(0, 50)) out(`  ! ${w.path}: ${w.message}`);
  if (r.unknownColumns.length) out(`  (columns ignored: ${r.unknownColumns.join(', ')})`);
  if (r.dryRun) out(`Dry run: would create ${r.created}, update ${r.matched}; nothing written.`);
  else if (r.written)
    out(
      `Written: ${r.created} created, ${r.matched} matched and updated, ${r.membershipsAdded} membership(s) added, ${r.membershipsClosed} closed (${r.durationMs} ms).`,
    );
  else
    out(
      `Rejected: ${r.errors.length} problem(s); nothing was written. Fix the file, or use --keep-valid to import only the valid rows.`,
    );
}

export async function importOrganisationsCommand(
  file: string,
  opts: { network?: string; dryRun?: boolean; keepValid?: boolean; json?: boolean },
): Promise<number> {
  const bytes = readInput(file);
  const handle = await openForCommand('import');
  try {
    const bar = progressBar('import');
    const report = await importOrganisations({ db: handle.db, actor: SYSTEM }, bytes, {
      network: opts.network,
      dryRun: opts.dryRun,
      keepValid: opts.keepValid,
      embedded: handle.kind === 'pglite',
      onProgress: (_phase, done, total) => bar.update(done, total),
    });
    bar.done();
    if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else printImportReport(report, (s) => process.stdout.write(`${s}\n`));
    if (report.written) {
      // a bulk load defers the full-text vectors to after its transaction
      const t0 = performance.now();
      const n = await refreshOrganisationSearch(handle.db);
      if (n && !opts.json)
        process.stdout.write(
          `Full-text search: ${n} organisation(s) indexed (${Math.round(performance.now() - t0)} ms).\n`,
        );
    }
    return report.ok ? 0 : 1;
  } finally {
    await handle.close();
  }
}

export async function importReferenceCommand(
  kind: 'nace' | 'municipalities' | 'boundaries',
  file: string,
  opts: { level?: 'province' | 'municipality' | 'arrondissement' },
): Promise<number> {
  const bytes = readInput(file);
  const handle = await openForCommand('import');
  try {
    const ctx = { db: handle.db, actor: SYSTEM };
    const r =
      kind === 'nace'
        ? await importNace(ctx, bytes)
        : kind === 'municipalities'
          ? await importMunicipalities(ctx, bytes)
          : await importBoundaries(ctx, bytes, opts.level);
    process.stdout.write(
      `${kind}: ${r.imported} imported${r.skipped ? `, ${r.skipped} skipped (explanatory items)` : ''} from ${r.rows} row(s).\n`,
    );
    return 0;
  } finally {
    await handle.close();
  }
}

export async function importCordisCommand(
  file: string,
  opts: { dryRun?: boolean; programme?: string; json?: boolean },
): Promise<number> {
  const bytes = readInput(file);
  const handle = await openForCommand('import');
  try {
    const r = await importCordis({ db: handle.db, actor: SYSTEM }, bytes, opts);
    if (opts.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    else
      process.stdout.write(
        `CORDIS: ${r.rows} participation(s), ${r.projects} project(s), ${r.organisations} organisation(s) (${r.linkedToRegistry} in the registry). ${
          r.dryRun
            ? 'Dry run: nothing written.'
            : `Written: ${r.created} created, ${r.updated} updated (${r.durationMs} ms).`
        }\n`,
      );
    return 0;
  } finally {
    await handle.close();
  }
}

export async function importProjectsCommand(
  file: string,
  opts: { dryRun?: boolean; json?: boolean },
): Promise<number> {
  const bytes = readInput(file);
  const handle = await openForCommand('import');
  try {
    const r = await importProjects({ db: handle.db, actor: SYSTEM }, bytes, opts);
    if (opts.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    else {
      const out = (s: string) => process.stdout.write(`${s}\n`);
      out(
        `${(r.format ?? '?').toUpperCase()}: ${r.rows} row(s), ${r.projects} project(s), ${r.partners} partner line(s).`,
      );
      for (const e of r.errors.slice(0, 200))
        out(`  ✗ ${e.path}: ${e.message}${e.value !== undefined ? ` [${e.value}]` : ''}`);
      if (r.unknownColumns.length) out(`  (columns ignored: ${r.unknownColumns.join(', ')})`);
      if (!r.ok) out(`Rejected: ${r.errors.length} problem(s); nothing was written.`);
      else if (r.dryRun) out(`Dry run: would create ${r.created}, update ${r.updated}; nothing written.`);
      else out(`Written: ${r.created} created, ${r.updated} updated (${r.durationMs} ms).`);
    }
    return r.ok ? 0 : 1;
  } finally {
    await handle.close();
  }
}

/** Print a panel import report (CLI). */
export function printPanelReport(r: PanelImportReport, out: (s: string) => void): void {
  const fmt =
    r.format === 'csv'
      ? `CSV (${r.encoding}, delimiter "${r.delimiter === '\t' ? 'tab' : r.delimiter}")`
      : (r.format ?? '?').toUpperCase();
  const years = r.years ? `, ${r.years.from}–${r.years.to}` : '';
  out(
    `${fmt}: ${r.rows.toLocaleString('en')} row(s), ${r.valid.toLocaleString('en')} valid, ${r.firms.toLocaleString('en')} firm(s)${years}.`,
  );
  for (const e of r.errors.slice(0, 200))
    out(`  ✗ ${e.path}: ${e.message}${e.value !== undefined ? ` [${e.value}]` : ''}`);
  if (r.errorCount > 200) out(`  … and ${(r.errorCount - 200).toLocaleString('en')} more problem(s)`);
  for (const w of r.warnings.slice(0, 30)) out(`  ! ${w.path}: ${w.message}`);
  if (r.unknownEnterprises.count > 0)
    out(
      `  enterprises not in the registry (kept): ${r.unknownEnterprises.sample
        .slice(0, 10)
        .map((u) => `${u.enterpriseNumber} (row ${u.row})`)
        .join(', ')}${r.unknownEnterprises.count > 10 ? ', …' : ''}`,
    );
  if (r.unknownColumns.length) out(`  (columns ignored: ${r.unknownColumns.join(', ')})`);
  if (r.dryRun && r.ok) out('Dry run: the file is valid; nothing written.');
  else if (r.written)
    out(
      `Written: import #${r.importId}, ${r.valid.toLocaleString('en')} firm-year(s), ${r.replaced.toLocaleString('en')} replaced (${r.durationMs} ms: read ${r.phases.read}, write ${r.phases.write}).`,
    );
  else out(`Rejected: ${r.errorCount.toLocaleString('en')} problem(s); nothing was written.`);
}

/** `polaris import panel <file>`: the firm-year panel, streamed from the file; all-or-nothing. */
export async function importPanelCommand(
  file: string,
  opts: { dryRun?: boolean; json?: boolean; source?: string },
): Promise<number> {
  let size: number;
  let head: Buffer;
  try {
    size = statSync(file).size;
    const fd = openSync(file, 'r');
    head = Buffer.alloc(4);
    readSync(fd, head, 0, 4, 0);
    closeSync(fd);
  } catch (e) {
    throw new Error(
      `Cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
    );
  }
  // XLSX is a zip read whole (at most ~1 M rows); CSV is streamed; Parquet read by ranges (path)
  const source =
    head[0] === 0x50 && head[1] === 0x4b
      ? { bytes: readInput(file) }
      : { open: () => createReadStream(file, { highWaterMark: 4 << 20 }), size, path: file };
  const handle = await openForCommand('import');
  try {
    const bar = progressBar('panel');
    let phase = '';
    const report = await importPanel({ db: handle.db, actor: SYSTEM }, source, {
      dryRun: opts.dryRun,
      fileName: basename(file),
      source: opts.source,
      onProgress: (p, done, total) => {
        if (p !== phase) {
          if (phase) bar.done();
          phase = p;
        }
        bar.update(done, total);
      },
    });
    bar.done();
    if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else printPanelReport(report, (s) => process.stdout.write(`${s}\n`));
    return report.ok ? 0 : 1;
  } finally {
    await handle.close();
  }
}
