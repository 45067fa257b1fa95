import type { ColumnSource } from 'hyparquet-writer';
import { parquetWriteBuffer } from 'hyparquet-writer';

/**
 * Parquet test files written with hyparquet-writer (snappy pages, its default, as pandas/pyarrow
 * write them). `csvAsParquet` turns a plain delimited text (no quotes) into the equivalent Parquet
 * file: a column is DOUBLE when every non-empty cell is a plain number, else a UTF-8 string; empty
 * cells are nulls; `types` forces a column's type (INT32, INT64 as BigInt, STRING).
 */
export function csvAsParquet(
  text: string,
  opts: {
    delimiter?: string;
    rowGroupSize?: number;
    types?: Record<string, 'INT32' | 'INT64' | 'STRING'>;
  } = {},
): Uint8Array {
  const d = opts.delimiter ?? ',';
  const [head, ...lines] = text.trim().split(/\r?\n/);
  const names = head!.split(d);
  const rows = lines.map((l) => l.split(d));
  const plain = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
  const columns: ColumnSource[] = names.map((name, c) => {
    const cells = rows.map((r) => r[c] ?? '');
    const type = opts.types?.[name] ?? (cells.every((x) => x === '' || plain.test(x)) ? 'DOUBLE' : 'STRING');
    const data =
      type === 'STRING'
        ? cells.map((x) => (x === '' ? null : x))
        : type === 'INT64'
          ? cells.map((x) => (x === '' ? null : BigInt(x)))
          : cells.map((x) => (x === '' ? null : Number(x)));
    return { name, type, data, nullable: true };
  });
  return new Uint8Array(parquetWriteBuffer({ columnData: columns, rowGroupSize: opts.rowGroupSize }));
}
