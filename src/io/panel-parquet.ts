import { open } from 'node:fs/promises';
import {
  type AsyncBuffer,
  type FileMetaData,
  parquetMetadataAsync,
  parquetRead,
  parquetSchema,
} from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { type ErrorDetail, ValidationError } from '../domain/errors.ts';

/**
 * Parquet panel files (hyparquet, pure JS), handed to the CSV readers as rows of text cells so
 * the same header aliases, number checks and error reports apply. A file is read one row group at
 * a time, only the columns asked for; a file on disk is read by byte ranges, so it is never held
 * whole. Types: int32/int64 (BigInt beyond ±2^53 refused), float/double, decimals (hyparquet
 * scales them), UTF-8 strings, dates (as dd/mm/yyyy); nulls are empty cells. Snappy pages are
 * read by hyparquet itself; gzip, zstd, brotli, LZ4 by `hyparquet-compressors` (pyarrow and
 * DuckDB write snappy by default, polars zstd).
 *
 * Rows are numbered from 1 (the first data row): a Parquet file has no header row.
 */

/** Whether bytes start with the Parquet magic `PAR1`. */
export function isParquet(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31;
}

/** Bytes in memory as hyparquet's AsyncBuffer (no copy when they are a whole ArrayBuffer). */
export function bufferOfBytes(bytes: Uint8Array): AsyncBuffer {
  return {
    byteLength: bytes.byteLength,
    slice: (start, end) => {
      const s = bytes.subarray(start, end ?? bytes.byteLength);
      return s.buffer.slice(s.byteOffset, s.byteOffset + s.byteLength) as ArrayBuffer;
    },
  };
}

/** A file on disk as an AsyncBuffer read by ranges; `close` when done. */
export async function bufferOfPath(path: string): Promise<AsyncBuffer & { close: () => Promise<void> }> {
  const fh = await open(path, 'r');
  const { size } = await fh.stat();
  return {
    byteLength: size,
    slice: async (start, end = size) => {
      const out = new Uint8Array(end - start);
      let done = 0;
      while (done < out.length) {
        const { bytesRead } = await fh.read(out, done, out.length - done, start + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return out.buffer;
    },
    close: () => fh.close(),
  };
}

export interface ParquetRowsHandler {
  /** The top-level column names (and the file's row count); returns the indices of the columns to read. */
  headers: (headers: string[], rows: number) => number[];
  /** One data row: `cells[i]` holds column i as text ('' = null) for the indices asked. */
  row: (cells: string[], row: number) => void;
  /**
   * When given, rows whose cells hold no `|`, quote or line break are handed over as text instead
   * (lines of `|`-separated cells up to the last column asked, `rows` of them from row
   * `firstRow`), so a reader can send them through its CSV fast lane; the others go to `row`,
   * in file order.
   */
  lines?: (text: string, firstRow: number, rows: number) => void;
  /** A column of integers printed left-padded with zeros to `width` digits (enterprise numbers). */
  zeroPad?: { column: number; width: number };
  /** Rows decoded at once at most, when the file has an offset index (default 1,048,576). */
  sliceRows?: number;
  /** After each row group, with the rows read so far. */
  progress?: (rows: number, total: number) => void | Promise<void>;
}

/** Rows handed to `lines` at once (a few MB of text). */
const LINES_BLOCK = 65_536;
const NOT_PLAIN = /[|"\r\n]/;

/** Read a Parquet file row group by row group into text cells; returns the rows read. */
export async function readParquetRows(file: AsyncBuffer, h: ParquetRowsHandler): Promise<number> {
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (e) {
    throw new ValidationError(`Not a readable Parquet file: ${(e as Error).message}`, [
      { path: 'file', message: (e as Error).message },
    ]);
  }
  const headers = parquetSchema(metadata).children.map((c) => c.element.name);
  const total = Number(metadata.num_rows);
  const wanted = [...new Set(h.headers(headers, total))].filter((i) => i >= 0 && i < headers.length);
  const names = wanted.map((i) => headers[i]!);
  if (wanted.length === 0) return 0;
  const width = Math.max(...wanted) + 1;
  const cells = new Array<string>(width).fill('');
  const pad = h.zeroPad ? wanted.indexOf(h.zeroPad.column) : -1;
  let groupStart = 0;
  for (const [rangeStart, n, byIndex] of rowRanges(metadata, names, h.sliceRows ?? SLICE)) {
    groupStart = rangeStart;
    const columns = await readRange(file, metadata, names, groupStart, n, byIndex);
    let text = '';
    let first = 0;
    let count = 0;
    const flush = () => {
      if (count > 0) h.lines!(text, first, count);
      text = '';
      count = 0;
    };
    for (let r = 0; r < n; r++) {
      const row = groupStart + r + 1;
      let plain = h.lines !== undefined;
      for (let k = 0; k < wanted.length; k++) {
        const v = columns[k]![r];
        let t = cellText(v, row, names[k]!);
        if (typeof v === 'string') plain &&= !NOT_PLAIN.test(v);
        else if (k === pad && /^\d+$/.test(t)) t = t.padStart(h.zeroPad!.width, '0');
        cells[wanted[k]!] = t;
      }
      if (!plain) {
        flush();
        h.row(cells, row);
        continue;
      }
      if (count === 0) first = row;
      text += `${cells.join('|')}\n`;
      if (++count === LINES_BLOCK) flush();
    }
    flush();
    groupStart += n;
    await h.progress?.(groupStart, total);
  }
  return groupStart;
}

/**
 * Rows decoded at once at most. pyarrow writes row groups of up to 1 Mi rows, older writers one
 * group for the whole file: a larger group is read in slices when every column asked has an
 * offset index (hyparquet then decodes only those pages), else whole. Decoded columns are
 * compacted at once (`compact`), so 2 M rows in groups of 1 Mi peak at ~420 MB RSS.
 */
const SLICE = 1_048_576;

/** The row ranges to decode one after the other: row groups, or slices of those over `slice` rows. */
function rowRanges(
  metadata: FileMetaData,
  names: string[],
  slice: number,
): [start: number, rows: number, byIndex: boolean][] {
  const out: [number, number, boolean][] = [];
  let start = 0;
  for (const group of metadata.row_groups) {
    const n = Number(group.num_rows);
    const indexed = group.columns.every(
      (c) =>
        !names.includes(c.meta_data?.path_in_schema[0] ?? '') ||
        (c.offset_index_offset && c.offset_index_length),
    );
    const step = indexed && n > slice ? slice : n;
    for (let s = 0; s < n; s += step) out.push([start + s, Math.min(step, n - s), step < n]);
    start += n;
  }
  return out;
}

/**
 * The columns of rows `start` … `start + n − 1`, decoded one column at a time and each made
 * compact at once: hyparquet hands nullable columns over as arrays of boxed values (~30 bytes a
 * value), so numeric ones become Float64Arrays (null → NaN) before the next column is decoded.
 */
async function readRange(
  file: AsyncBuffer,
  metadata: FileMetaData,
  names: string[],
  start: number,
  n: number,
  useOffsetIndex: boolean,
): Promise<ArrayLike<unknown>[]> {
  const columns: ArrayLike<unknown>[] = [];
  for (const name of names) {
    let raw: ArrayLike<unknown> = [];
    try {
      await parquetRead({
        file,
        metadata,
        columns: [name],
        rowStart: start,
        rowEnd: start + n,
        useOffsetIndex,
        compressors,
        onChunk: (c) => {
          if (c.rowStart === start && c.rowEnd === start + n) {
            raw = c.columnData;
            return;
          }
          let col = raw as unknown[];
          if (!Array.isArray(col) || col.length !== n) {
            col = new Array<unknown>(n);
            raw = col;
          }
          const to = Math.min(c.rowEnd, start + n);
          for (let r = Math.max(c.rowStart, start); r < to; r++)
            col[r - start] = c.columnData[r - c.rowStart];
        },
      });
    } catch (e) {
      throw new ValidationError(`The Parquet file cannot be read: ${(e as Error).message}`, [
        {
          path: `rows ${start + 1}–${start + n} / column "${name}"`,
          column: name,
          message: (e as Error).message,
        },
      ]);
    }
    columns.push(compact(raw, start, name));
  }
  return columns;
}

/** A column of numbers (int64 within ±2^53) as a Float64Array, null → NaN; any other column as is. */
function compact(raw: ArrayLike<unknown>, start: number, column: string): ArrayLike<unknown> {
  if (raw instanceof Float64Array) return raw;
  const out = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i];
    if (typeof v === 'number') out[i] = v;
    else if (v === null || v === undefined) out[i] = Number.NaN;
    else if (typeof v === 'bigint') {
      if (v > MAX_EXACT || v < -MAX_EXACT) throw tooBig(v, start + i + 1, column);
      out[i] = Number(v);
    } else return raw;
  }
  return out;
}

const MAX_EXACT = 2n ** 53n;

/** One Parquet value as the text a CSV cell would hold. */
function cellText(v: unknown, row: number, column: string): string {
  if (v === null || v === undefined) return '';
  switch (typeof v) {
    case 'number':
      return Number.isNaN(v) ? '' : String(v); // ±Infinity stays text, refused as not a number
    case 'string':
      return v;
    case 'bigint':
      if (v > MAX_EXACT || v < -MAX_EXACT) throw tooBig(v, row, column);
      return String(v);
    case 'boolean':
      return v ? '1' : '0';
  }
  if (v instanceof Date) {
    const d = (x: number) => String(x).padStart(2, '0');
    return `${d(v.getUTCDate())}/${d(v.getUTCMonth() + 1)}/${v.getUTCFullYear()}`;
  }
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? String(x) : x));
}

function tooBig(v: bigint, row: number, column: string): ValidationError {
  const detail: ErrorDetail = {
    path: `row ${row} / column "${column}"`,
    row,
    column,
    value: String(v),
    message: 'an integer beyond ±2^53 cannot be held exactly as a number',
  };
  return new ValidationError(
    `Row ${row}, column "${column}": the integer ${v} is beyond ±2^53 and cannot be read exactly`,
    [detail],
  );
}
