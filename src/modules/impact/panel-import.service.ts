import { formatEnterpriseNumber } from '../../domain/enterprise-number.ts';
import { type ErrorDetail, PolarisError } from '../../domain/errors.ts';
import { stripAccents } from '../../domain/text.ts';
import { chunksOf, csvBatches, NotUtf8Error } from '../../io/csv-stream.ts';
import {
  enterpriseParser,
  mapPanelHeaders,
  type NumberLocale,
  type PanelColumnMap,
  readPanelRow,
} from '../../io/panel-columns.ts';
import { readSheet } from '../../io/spreadsheet.ts';
import type { Ctx } from '../context.ts';
import { referenceLookup } from '../reference/reference-lists.service.ts';
import { authorizeImpact } from './impact.policy.ts';
import * as repo from './panel.repository.ts';

/**
 * `polaris import panel <file>` and `POST /api/v1/impact/panel/import`: a firm-year panel (CSV or
 * XLSX) read in one streaming pass into columns, checked, then written in one transaction by
 * COPY — all of it or nothing. The report names row, column, value and reason for every problem
 * (the first `MAX_DETAILS`; `errorCount` counts them all). Enterprise numbers the registry does
 * not know are reported as a warning and kept: the panel covers regional industry, not only
 * members. A firm-year already stored is replaced by the file's (the latest import wins).
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
  format?: 'csv' | 'xlsx';
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
  phases: { read: number; write: number };
}

/** Details kept in the report; a million bad rows are counted, not all listed. */
export const MAX_DETAILS = 1000;

/** A file as bytes (an upload) or as something that can be read (again) as a stream of chunks. */
export type PanelSource = { bytes: Uint8Array } | { open: () => AsyncIterable<Uint8Array>; size: number };

/** The checked rows, as columns (NaN = empty). */
interface Columns {
  en: string[];
  year: number[];
  fte: number[];
  valueAdded: number[];
  turnover: number[];
  exports: number[];
  nace: (string | null)[];
  muni: (string | null)[];
  treatment: number[];
  line: number[];
}

const newColumns = (): Columns => ({
  en: [],
  year: [],
  fte: [],
  valueAdded: [],
  turnover: [],
  exports: [],
  nace: [],
  muni: [],
  treatment: [],
  line: [],
});

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
    phases: { read: 0, write: 0 },
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

  let cols: Columns;
  try {
    cols = await readAll(source, report, {
      maxYear: opts.maxYear ?? new Date().getFullYear() + 1,
      naceCodes: ref.naceCodes,
      muniNis: ref.municipalities,
      muniByName,
      onProgress: opts.onProgress,
      size,
    });
  } catch (e) {
    if (!(e instanceof PolarisError)) throw e;
    const details = e.details.length ? e.details : [{ path: 'file', message: e.message }];
    report.errors.push(...details.map((d) => ({ ...d, message: `${e.message}: ${d.message}` })));
    report.errorCount = report.errors.length;
    return done();
  }
  report.phases.read = Math.round(performance.now() - t0);
  if (report.rows === 0 && report.errorCount === 0) {
    report.errorCount = 1;
    report.errors.push({ path: 'file', message: 'the file has a header row but no data rows' });
  }
  report.valid = cols.en.length - checkDuplicates(cols, report);
  summarise(cols, report, await repo.registryEnterpriseNumbers(ctx.db));
  if (report.errorCount > 0 || report.dryRun) {
    report.ok = report.errorCount === 0;
    return done();
  }

  const tw = performance.now();
  await ctx.db.transaction().execute(async (trx) => {
    const importId = await repo.insertPanelImport(trx, {
      fileName: opts.fileName ?? null,
      source: opts.source ?? null,
      rows: cols.en.length,
      firms: report.firms,
      firstYear: report.years?.from ?? null,
      lastYear: report.years?.to ?? null,
      unknownEnterprises: report.unknownEnterprises.count,
      createdBy: ctx.actor.userId,
    });
    report.importId = importId;
    const batches = copyBatches(cols, importId, opts.onProgress);
    if (await repo.panelIsEmpty(trx)) await repo.loadIntoEmpty(trx, batches);
    else {
      report.replaced = await repo.loadReplacing(trx, batches);
      await repo.setReplaced(trx, importId, report.replaced);
    }
  });
  await opts.onProgress?.('write', cols.en.length, cols.en.length);
  report.phases.write = Math.round(performance.now() - tw);
  report.written = true;
  report.ok = true;
  return done();
}

function nameKey(s: string): string {
  return stripAccents(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

interface ReadContext {
  maxYear: number;
  naceCodes: ReadonlySet<string> | null;
  muniNis: ReadonlyMap<string, unknown> | null;
  muniByName: Map<string, string>;
  onProgress: PanelImportOptions['onProgress'];
  size: number;
}

function pushError(report: PanelImportReport, e: ErrorDetail): void {
  report.errorCount++;
  if (report.errors.length < MAX_DETAILS) report.errors.push(e);
}

/** Read every row into columns; CSV streamed (UTF-8, else again as Windows-1252), XLSX whole. */
async function readAll(source: PanelSource, report: PanelImportReport, rc: ReadContext): Promise<Columns> {
  const bytes = 'bytes' in source ? source.bytes : null;
  if (bytes && bytes.length > 3 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03) {
    const sheet = await readSheet(bytes);
    report.format = 'xlsx';
    const st = startSheet(sheet.headers, report, 'auto');
    if (!st) return newColumns();
    const cols = newColumns();
    consume(sheet.rows, st, cols, report, rc);
    await rc.onProgress?.('read', rc.size, rc.size);
    return cols;
  }
  const open = () => (bytes ? chunksOf(bytes) : (source as { open: () => AsyncIterable<Uint8Array> }).open());
  for (const encoding of ['utf-8', 'windows-1252'] as const) {
    const cols = newColumns();
    report.rows = 0;
    report.errorCount = 0;
    report.errors = [];
    report.warnings = [];
    report.format = 'csv';
    report.encoding = encoding;
    let st: Started | null = null;
    let nextProgress = 0;
    try {
      for await (const item of csvBatches(open(), encoding)) {
        if ('headers' in item) {
          report.delimiter = item.delimiter;
          const locale: NumberLocale = item.delimiter === ';' ? 'be' : item.delimiter === ',' ? 'en' : 'auto';
          st = startSheet(item.headers, report, locale);
          if (!st) return cols;
          continue;
        }
        if (!st) continue;
        consume(item.rows, st, cols, report, rc);
        if (rc.onProgress && report.rows >= nextProgress) {
          nextProgress = report.rows + 50_000;
          await rc.onProgress('read', item.bytes, rc.size);
        }
      }
    } catch (e) {
      if (e instanceof NotUtf8Error && encoding === 'utf-8') continue;
      throw e;
    }
    if (!st) pushError(report, { path: 'file', message: 'the file has no header row' });
    await rc.onProgress?.('read', rc.size, rc.size);
    return cols;
  }
  throw new Error('unreachable');
}

interface Started {
  map: PanelColumnMap;
  locale: NumberLocale;
  enterprise: ReturnType<typeof enterpriseParser>;
}

function startSheet(headers: string[], report: PanelImportReport, locale: NumberLocale): Started | null {
  const { map, errors } = mapPanelHeaders(headers);
  report.unknownColumns = map.unknown;
  if (errors.length) {
    for (const e of errors) pushError(report, e);
    return null;
  }
  return { map, locale, enterprise: enterpriseParser() };
}

function consume(
  rows: { line: number; cells: string[] }[],
  st: Started,
  cols: Columns,
  report: PanelImportReport,
  rc: ReadContext,
): void {
  const errs: ErrorDetail[] = [];
  const muniHeader = st.map.header.municipality ?? 'municipality';
  const naceHeader = st.map.header.naceCode ?? 'nace';
  for (const { line, cells } of rows) {
    report.rows++;
    errs.length = 0;
    const r = readPanelRow(cells, line, st.map, st.locale, errs, {
      maxYear: rc.maxYear,
      enterprise: st.enterprise,
    });
    let muni: string | null = null;
    if (r?.municipality) {
      const m = r.municipality;
      if (/^\d{5}$/.test(m)) {
        if (rc.muniNis && !rc.muniNis.has(m))
          errs.push(detail(line, muniHeader, m, `no Belgian municipality has the NIS code ${m}`));
        else muni = m;
      } else {
        const nis = rc.muniByName.get(nameKey(m));
        if (nis) muni = nis;
        else errs.push(detail(line, muniHeader, m, `no Belgian municipality is called "${m}"`));
      }
    }
    if (r?.naceCode && rc.naceCodes && !/^[A-U]$/.test(r.naceCode) && !rc.naceCodes.has(r.naceCode))
      errs.push(detail(line, naceHeader, r.naceCode, `${r.naceCode} is not in the NACE-BEL 2008 list`));
    if (errs.length) {
      for (const e of errs) pushError(report, e);
      continue;
    }
    if (!r) continue;
    cols.en.push(r.enterpriseNumber);
    cols.year.push(r.year);
    cols.fte.push(r.fte ?? Number.NaN);
    cols.valueAdded.push(r.valueAdded ?? Number.NaN);
    cols.turnover.push(r.turnover ?? Number.NaN);
    cols.exports.push(r.exports ?? Number.NaN);
    cols.nace.push(r.naceCode);
    cols.muni.push(muni);
    cols.treatment.push(r.treatmentYear ?? 0);
    cols.line.push(line);
  }
}

function detail(row: number, column: string, value: string, message: string): ErrorDetail {
  return { path: `row ${row} / column "${column}"`, row, column, value, message };
}

/** Duplicate firm-years: sort numeric keys (fast), then name the rows of the few duplicates. */
function checkDuplicates(cols: Columns, report: PanelImportReport): number {
  const n = cols.en.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = Number(cols.en[i]) * 4096 + cols.year[i]!;
  const sorted = keys.slice().sort();
  const dup = new Set<number>();
  for (let i = 1; i < n; i++) if (sorted[i] === sorted[i - 1]) dup.add(sorted[i]!);
  if (dup.size === 0) return 0;
  let count = 0;
  const first = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    if (!dup.has(k)) continue;
    const f = first.get(k);
    if (f === undefined) first.set(k, cols.line[i]!);
    else {
      count++;
      pushError(report, {
        path: `row ${cols.line[i]} / column "enterprise number, year"`,
        row: cols.line[i],
        column: 'enterprise number, year',
        value: `${formatEnterpriseNumber(cols.en[i]!)} ${cols.year[i]}`,
        message: `duplicate firm-year: the same enterprise and year are on row ${f}`,
      });
    }
  }
  return count;
}

/** Firms, years, unknown enterprises and consistency warnings of the checked rows. */
function summarise(cols: Columns, report: PanelImportReport, known: Set<string>): void {
  const n = cols.en.length;
  const firms = new Map<string, { row: number; treatment: number }>();
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let exportsAbove = 0;
  for (let i = 0; i < n; i++) {
    const en = cols.en[i]!;
    const y = cols.year[i]!;
    if (y < lo) lo = y;
    if (y > hi) hi = y;
    const t = cols.treatment[i]!;
    const f = firms.get(en);
    if (!f) firms.set(en, { row: cols.line[i]!, treatment: t });
    else if (f.treatment !== t && report.warnings.length < MAX_DETAILS)
      report.warnings.push({
        path: `row ${cols.line[i]} / column "treatment"`,
        row: cols.line[i],
        value: String(t || ''),
        message: `the treatment year of ${formatEnterpriseNumber(en)} differs from its row ${f.row}; the earliest is used`,
      });
    if (cols.exports[i]! > cols.turnover[i]! && ++exportsAbove <= 20)
      report.warnings.push({
        path: `row ${cols.line[i]} / column "exports"`,
        row: cols.line[i],
        value: String(cols.exports[i]),
        message: 'exports are larger than turnover (kept; check the sources)',
      });
  }
  if (exportsAbove > 20)
    report.warnings.push({
      path: 'file',
      message: `${exportsAbove} rows in all have exports above turnover`,
    });
  report.firms = firms.size;
  report.years = n > 0 ? { from: lo, to: hi } : null;
  for (const [en, f] of firms) {
    if (known.has(en)) continue;
    report.unknownEnterprises.count++;
    if (report.unknownEnterprises.sample.length < 50)
      report.unknownEnterprises.sample.push({ enterpriseNumber: en, row: f.row });
  }
  if (report.unknownEnterprises.count > 0)
    report.warnings.push({
      path: 'file',
      message: `${report.unknownEnterprises.count} of ${firms.size} enterprise(s) are not in the registry; their rows are kept (the panel covers regional industry, not only members)`,
    });
}

/** COPY text in batches of 200,000 rows (bounded memory), reporting write progress. */
function* copyBatches(
  cols: Columns,
  importId: number,
  onProgress: PanelImportOptions['onProgress'],
): Generator<string> {
  const n = cols.en.length;
  const num = (v: number) => (Number.isNaN(v) ? '\\N' : String(v));
  for (let start = 0; start < n; start += 200_000) {
    const end = Math.min(n, start + 200_000);
    const lines = new Array<string>(end - start);
    for (let i = start; i < end; i++) {
      const t = cols.treatment[i]!;
      lines[i - start] =
        `${cols.en[i]}\t${cols.year[i]}\t${num(cols.fte[i]!)}\t${num(cols.valueAdded[i]!)}\t${num(cols.turnover[i]!)}\t` +
        `${num(cols.exports[i]!)}\t${cols.nace[i] ?? '\\N'}\t${cols.muni[i] ?? '\\N'}\t${t ? t : '\\N'}\t${importId}`;
    }
    yield `${lines.join('\n')}\n`;
    void onProgress?.('write', end, n);
  }
}
