import type { FastifyReply } from 'fastify';
import { type Column, toCsv, toXlsx } from '../io/table-export.ts';

/** Send a list as CSV or XLSX with a download name. */
export async function sendTable<T>(
  reply: FastifyReply,
  rows: AsyncIterable<T> | Iterable<T>,
  columns: Column<T>[],
  format: 'csv' | 'xlsx',
  base: string,
) {
  const stamp = new Date().toISOString().slice(0, 10);
  if (format === 'xlsx') {
    const buf = await toXlsx(rows, columns, base);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${base}-${stamp}.xlsx"`)
      .send(buf);
  }
  let csv = '';
  for await (const part of toCsv(rows, columns)) csv += part;
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${base}-${stamp}.csv"`)
    .send(csv);
}
