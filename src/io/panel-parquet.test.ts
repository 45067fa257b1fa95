import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../domain/errors.ts';
import { bufferOfBytes, bufferOfPath, isParquet, readParquetRows } from './panel-parquet.ts';

const dir = mkdtempSync(join(tmpdir(), 'polaris-parquet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const gzip = (x: Uint8Array) => new Uint8Array(gzipSync(x));

/** Five rows of every type a panel holds, in row groups of two, gzip pages (hyparquet-compressors). */
function typed(big: bigint = 7_100_123n): Uint8Array {
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'year', data: Int32Array.from([2010, 2011, 2012, 2013, 2014]) },
      { name: 'firm', data: [403_170_701n, null, big, -5n, 0n] },
      { name: 'fte', data: [1.5, null, Number.NaN, 1e-3, 12] },
      { name: 'commune', data: ['Liège', null, '', 'Namur', 'x'] },
      { name: 'va', data: [123.45, -0.05, null, 0, 1] },
      { name: 'ignored', data: ['a', 'b', 'c', 'd', 'e'] },
    ],
    schema: [
      { name: 'root', num_children: 6 },
      { name: 'year', type: 'INT32', repetition_type: 'REQUIRED' },
      { name: 'firm', type: 'INT64', repetition_type: 'OPTIONAL' },
      { name: 'fte', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
      { name: 'commune', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      {
        name: 'va',
        type: 'INT32',
        converted_type: 'DECIMAL',
        scale: 2,
        precision: 9,
        repetition_type: 'OPTIONAL',
      },
      { name: 'ignored', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    ],
    codec: 'GZIP',
    compressors: { GZIP: gzip },
    rowGroupSize: 2,
  });
  return new Uint8Array(buffer);
}

/** Every row as its cells (only the columns asked), with the row numbers given. */
async function rowsOf(file: Parameters<typeof readParquetRows>[0], want: string[]) {
  let headers: string[] = [];
  const rows: { row: number; cells: string[] }[] = [];
  const n = await readParquetRows(file, {
    headers: (h) => {
      headers = h;
      return want.map((w) => h.indexOf(w));
    },
    row: (cells, row) => rows.push({ row, cells: want.map((w) => cells[headers.indexOf(w)]!) }),
  });
  return { n, headers, rows };
}

describe('readParquetRows', () => {
  it('maps int32, int64, double, decimal and UTF-8 columns to text cells; nulls are empty; rows from 1', async () => {
    const bytes = typed();
    expect(isParquet(bytes)).toBe(true);
    const r = await rowsOf(bufferOfBytes(bytes), ['year', 'firm', 'fte', 'commune', 'va']);
    expect(r.n).toBe(5);
    expect(r.headers).toEqual(['year', 'firm', 'fte', 'commune', 'va', 'ignored']);
    expect(r.rows.map((x) => x.row)).toEqual([1, 2, 3, 4, 5]);
    expect(r.rows.map((x) => x.cells)).toEqual([
      ['2010', '403170701', '1.5', 'Liège', '123.45'],
      ['2011', '', '', '', '-0.05'],
      ['2012', '7100123', '', '', ''],
      ['2013', '-5', '0.001', 'Namur', '0'],
      ['2014', '0', '12', 'x', '1'],
    ]);
  });

  it('reads a file on disk by ranges the same as the bytes', async () => {
    const path = join(dir, 'typed.bin'); // recognised by its magic bytes, not the extension
    writeFileSync(path, typed());
    const file = await bufferOfPath(path);
    try {
      const a = await rowsOf(file, ['firm', 'commune']);
      const b = await rowsOf(bufferOfBytes(typed()), ['firm', 'commune']);
      expect(a.rows).toEqual(b.rows);
    } finally {
      await file.close();
    }
  });

  it('reads a large row group in slices (offset index) with every row once, in order', async () => {
    const n = 300_000; // more than two slices of 131,072 rows, in one row group
    const bytes = new Uint8Array(
      parquetWriteBuffer({
        columnData: [
          { name: 'v', data: Float64Array.from({ length: n }, (_, i) => i * 0.5), type: 'DOUBLE' },
          { name: 's', data: Array.from({ length: n }, (_, i) => (i % 7 ? `r${i}` : null)), type: 'STRING' },
        ],
        rowGroupSize: n,
      }),
    );
    let bad = 0;
    let next = 1;
    const total = await readParquetRows(bufferOfBytes(bytes), {
      headers: () => [0, 1],
      sliceRows: 131_072,
      row: (cells, row) => {
        if (row !== next++ || cells[0] !== String((row - 1) * 0.5)) bad++;
        if (cells[1] !== ((row - 1) % 7 ? `r${row - 1}` : '')) bad++;
      },
    });
    expect(total).toBe(n);
    expect(next - 1).toBe(n);
    expect(bad).toBe(0);
  });

  it('refuses an int64 beyond 2^53, naming the row and the column', async () => {
    const ok = await rowsOf(bufferOfBytes(typed(2n ** 53n)), ['firm']);
    expect(ok.rows[2]!.cells).toEqual(['9007199254740992']);
    let err: unknown;
    try {
      await rowsOf(bufferOfBytes(typed(2n ** 53n + 1n)), ['firm']);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).details[0]).toMatchObject({
      row: 3,
      column: 'firm',
      value: '9007199254740993',
    });
  });

  it('is not fooled by a CSV, and reports a truncated file as unreadable', async () => {
    expect(isParquet(new TextEncoder().encode('PAR;year\n1;2\n'))).toBe(false);
    const cut = typed().subarray(0, 60);
    await expect(rowsOf(bufferOfBytes(cut), ['year'])).rejects.toBeInstanceOf(ValidationError);
  });
});
