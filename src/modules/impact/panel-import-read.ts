import type { ErrorDetail } from '../../domain/errors.ts';
import { stripAccents } from '../../domain/text.ts';
import { chunksOf, csvTextChunks, NotUtf8Error, parseCsvRecords } from '../../io/csv-stream.ts';
import {
  enterpriseParser,
  mapPanelHeaders,
  type NumberLocale,
  naceParser,
  type PanelColumnMap,
  readPanelRow,
} from '../../io/panel-columns.ts';
import { type FastLane, plainText, readPlainLines } from '../../io/panel-columns-fast.ts';
import {
  bufferOfBytes,
  bufferOfPath,
  isParquet,
  type ParquetRowsHandler,
  readParquetRows,
} from '../../io/panel-parquet.ts';
import { PanelRowsBuilder } from '../../io/panel-rows.ts';
import { readSheet } from '../../io/spreadsheet.ts';

/**
 * Reading a panel file into typed columns (`PanelRowsBuilder`) with every problem reported by
 * row, column, value and reason. CSV is streamed and decoded chunk by chunk (UTF-8, else again as
 * Windows-1252); quote-free chunks go through the fast lane (panel-columns-fast.ts), which hands
 * any row it does not take whole to the general reader here; XLSX is read whole; Parquet (`PAR1`)
 * row group by row group (panel-parquet.ts, by byte ranges when the source has a `path`), its rows
 * numbered from 1.
 */

/** What the reader fills in the import report. */
export interface ReadReport {
  format?: 'csv' | 'xlsx' | 'parquet';
  encoding?: string;
  delimiter?: string;
  rows: number;
  errorCount: number;
  errors: ErrorDetail[];
  warnings: ErrorDetail[];
  unknownColumns: string[];
}

export interface ReadContext {
  maxYear: number;
  naceCodes: ReadonlySet<string> | null;
  muniNis: ReadonlyMap<string, unknown> | null;
  /** municipality names (accent-free key, see `nameKey`) → NIS code */
  muniByName: Map<string, string>;
  onProgress?: (phase: 'read', done: number, total: number) => void | Promise<void>;
  size: number;
  maxDetails: number;
}

/** A file as bytes (an upload) or as something that can be read (again) as a stream of chunks. */
export type PanelSource =
  | { bytes: Uint8Array }
  | {
      open: () => AsyncIterable<Uint8Array>;
      size: number;
      /** the file on disk, for Parquet's random access */
      path?: string;
    };

/** The key municipality names are matched by: no accents, lower case, words. */
export function nameKey(s: string): string {
  return stripAccents(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function pushError(report: ReadReport, e: ErrorDetail, max: number): void {
  report.errorCount++;
  if (report.errors.length < max) report.errors.push(e);
}

/** Read every row into columns. */
export async function readPanelSource(
  source: PanelSource,
  report: ReadReport,
  rc: ReadContext,
): Promise<PanelRowsBuilder> {
  const bytes = 'bytes' in source ? source.bytes : null;
  if (bytes ? isParquet(bytes) : 'path' in source && source.path && (await pathIsParquet(source.path)))
    return readParquetSource(bytes, source, report, rc);
  if (bytes && bytes.length > 3 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03) {
    const sheet = await readSheet(bytes);
    report.format = 'xlsx';
    const out = new PanelRowsBuilder(sheet.rows.length);
    const reader = startSheet(sheet.headers, report, 'auto', rc, out);
    if (!reader) return out;
    for (const r of sheet.rows) {
      report.rows++;
      reader.general(r.cells, r.line);
    }
    await rc.onProgress?.('read', rc.size, rc.size);
    return out;
  }
  const open = () => (bytes ? chunksOf(bytes) : (source as { open: () => AsyncIterable<Uint8Array> }).open());
  for (const encoding of ['utf-8', 'windows-1252'] as const) {
    // about 55 bytes a firm-year in the files seen; the columns double beyond
    const out = new PanelRowsBuilder(Math.min(rc.size / 64, 4_000_000));
    Object.assign(report, { rows: 0, errorCount: 0, errors: [], warnings: [], format: 'csv', encoding });
    let reader: SheetReader | null = null;
    let started = false;
    let record = 1; // records read (the header is record 1)
    let nextProgress = 0;
    try {
      for await (const item of csvTextChunks(open(), encoding)) {
        if ('headers' in item) {
          started = true;
          report.delimiter = item.delimiter;
          const locale: NumberLocale = item.delimiter === ';' ? 'be' : item.delimiter === ',' ? 'en' : 'auto';
          reader = startSheet(item.headers, report, locale, rc, out);
          if (!reader) return out;
          continue;
        }
        if (!reader) continue;
        if (plainText(item.text)) {
          const r = readPlainLines(
            item.text,
            report.delimiter!,
            record + 1,
            reader.lane,
            out,
            reader.general,
          );
          record += r.records;
          report.rows += r.rows;
        } else {
          for (const cells of parseCsvRecords(item.text, report.delimiter!, record + 1)) {
            record++;
            if (cells.length === 1 && cells[0]!.trim() === '') continue;
            report.rows++;
            reader.general(cells, record);
          }
        }
        if (rc.onProgress && report.rows >= nextProgress) {
          nextProgress = report.rows + 50_000;
          await rc.onProgress('read', item.bytes, rc.size);
        }
      }
    } catch (e) {
      if (e instanceof NotUtf8Error && encoding === 'utf-8') continue;
      throw e;
    }
    if (!started) pushError(report, { path: 'file', message: 'the file has no header row' }, rc.maxDetails);
    await rc.onProgress?.('read', rc.size, rc.size);
    return out;
  }
  throw new Error('unreachable');
}

async function pathIsParquet(path: string): Promise<boolean> {
  const file = await bufferOfPath(path);
  try {
    return isParquet(new Uint8Array(await file.slice(0, 4)));
  } finally {
    await file.close();
  }
}

/** Parquet rows through the same checks as CSV rows (numbers are written with a point: 'en'). */
async function readParquetSource(
  bytes: Uint8Array | null,
  source: PanelSource,
  report: ReadReport,
  rc: ReadContext,
): Promise<PanelRowsBuilder> {
  report.format = 'parquet';
  const onDisk = bytes ? null : await bufferOfPath((source as { path: string }).path);
  const file = onDisk ?? bufferOfBytes(bytes!);
  let out = new PanelRowsBuilder(16);
  let reader: SheetReader | null = null;
  try {
    const handler: ParquetRowsHandler = {
      headers: (headers, rows) => {
        out = new PanelRowsBuilder(Math.min(rows, 4_000_000)); // the file says how many rows
        reader = startSheet(headers, report, 'en', rc, out);
        if (!reader) return [];
        // an enterprise number stored as an integer lost its leading zero
        handler.zeroPad = { column: reader.map.index.enterpriseNumber ?? -1, width: 10 };
        return Object.values(reader.map.index) as number[];
      },
      row: (cells, row) => {
        report.rows++;
        reader!.general(cells, row);
      },
      // plain rows as '|'-separated lines through the CSV fast lane (same checks, same values)
      lines: (text, firstRow) => {
        report.rows += readPlainLines(text, '|', firstRow, reader!.lane, out, reader!.general).rows;
      },
      progress: (rows, total) => rc.onProgress?.('read', Math.round((rc.size * rows) / total), rc.size),
    };
    await readParquetRows(file, handler);
  } finally {
    await onDisk?.close();
  }
  await rc.onProgress?.('read', rc.size, rc.size);
  return out;
}

interface SheetReader {
  map: PanelColumnMap;
  lane: FastLane;
  /** the general reader of one row: checks it, appends it or reports its errors */
  general: (cells: string[], line: number) => void;
}

function startSheet(
  headers: string[],
  report: ReadReport,
  locale: NumberLocale,
  rc: ReadContext,
  out: PanelRowsBuilder,
): SheetReader | null {
  const { map, errors } = mapPanelHeaders(headers);
  report.unknownColumns = map.unknown;
  if (errors.length) {
    for (const e of errors) pushError(report, e, rc.maxDetails);
    return null;
  }
  const muniHeader = map.header.municipality ?? 'municipality';
  const naceHeader = map.header.naceCode ?? 'nace';
  const enterprise = enterpriseParser();
  const nace = naceParser();
  const detail = (row: number, column: string, value: string, message: string): ErrorDetail => ({
    path: `row ${row} / column "${column}"`,
    row,
    column,
    value,
    message,
  });
  /** A municipality cell → NIS code, or the reason it is not one. */
  const municipality = (m: string): { nis: string } | { reason: string } => {
    if (/^\d{5}$/.test(m)) {
      if (rc.muniNis && !rc.muniNis.has(m))
        return { reason: `no Belgian municipality has the NIS code ${m}` };
      return { nis: m };
    }
    const nis = rc.muniByName.get(nameKey(m));
    return nis ? { nis } : { reason: `no Belgian municipality is called "${m}"` };
  };
  const naceListed = (code: string) => !rc.naceCodes || /^[A-U]$/.test(code) || rc.naceCodes.has(code);
  const errs: ErrorDetail[] = [];
  const opts = { maxYear: rc.maxYear, enterprise, nace };
  const general = (cells: string[], line: number): void => {
    errs.length = 0;
    const r = readPanelRow(cells, line, map, locale, errs, opts);
    let muni: string | null = null;
    if (r?.municipality) {
      const m = municipality(r.municipality);
      if ('nis' in m) muni = m.nis;
      else errs.push(detail(line, muniHeader, r.municipality, m.reason));
    }
    if (r?.naceCode && !naceListed(r.naceCode))
      errs.push(detail(line, naceHeader, r.naceCode, `${r.naceCode} is not in the NACE-BEL 2008 list`));
    if (errs.length) {
      for (const e of errs) pushError(report, e, rc.maxDetails);
      return;
    }
    if (!r) return;
    out.push(
      Number(r.enterpriseNumber),
      r.year,
      r.fte ?? Number.NaN,
      r.valueAdded ?? Number.NaN,
      r.turnover ?? Number.NaN,
      r.exports ?? Number.NaN,
      out.naceCode(r.naceCode),
      out.muniCode(muni),
      r.treatmentYear ?? 0,
      line,
    );
  };
  const lane: FastLane = {
    map,
    locale,
    maxYear: rc.maxYear,
    nace: (raw) => {
      const p = nace(raw);
      return p.ok && naceListed(p.value) ? out.naceCode(p.value) : null;
    },
    municipality: (raw) => {
      const m = municipality(raw);
      return 'nis' in m ? out.muniCode(m.nis) : null;
    },
  };
  return { map, lane, general };
}
