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
  /** The top-level column names; returns the indices of the columns to read. */
  headers: (headers: string[]) => number[];
  /** One data row: `cells[i]` holds column i as text ('' = null) for the indices asked. */
  row: (cells: string[], row: number) => void;
  /** After each row group, with the rows read so far. */
  progress?: (rows: number, total: number) => void | Promise<void>;
}

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
  const wanted = [...new Set(h.headers(headers))].filter((i) => i >= 0 && i < headers.length);
  const names = wanted.map((i) => headers[i]!);
  if (wanted.length === 0) return 0;
  const total = Number(metadata.num_rows);
  const cells = new Array<string>(headers.length).fill('');
  let groupStart = 0;
  for (const group of metadata.row_groups) {
    const n = Number(group.num_rows);
    const columns = wanted.map(() => new Array<unknown>(n));
    try {
      await parquetRead({
        file,
        metadata,
        columns: names,
        rowStart: groupStart,
        rowEnd: groupStart + n,
        compressors,
        onChunk: (c) => {
          const col = columns[names.indexOf(c.columnName)];
          if (!col) return;
          for (let r = c.rowStart; r < c.rowEnd && r - groupStart < n; r++)
            col[r - groupStart] = c.columnData[r - c.rowStart];
        },
      });
    } catch (e) {
      if (e instanceof ValidationError) throw e;
      throw new ValidationError(`The Parquet file cannot be read: ${(e as Error).message}`, [
        { path: `rows ${groupStart + 1}–${groupStart + n}`, message: (e as Error).message },
      ]);
    }
    for (let r = 0; r < n; r++) {
      const row = groupStart + r + 1;
      for (let k = 0; k < wanted.length; k++) cells[wanted[k]!] = cellText(columns[k]![r], row, names[k]!);
      h.row(cells, row);
    }
    groupStart += n;
    await h.progress?.(groupStart, total);
  }
  return groupStart;
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
