import ExcelJS from 'exceljs';

/**
 * Any list as CSV or XLSX. CSV is written as Belgian Excel reads it: UTF-8 with a byte-order mark,
 * `;` between fields, decimal comma, CRLF line ends — double-click opens it right in fr-BE Excel.
 */

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
  /** XLSX column width in characters */
  width?: number;
}

function csvCell(v: string | number | boolean | null | undefined): string {
  if (v == null) return '';
  const s = typeof v === 'number' ? String(v).replace('.', ',') : String(v);
  return /[";\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export async function* toCsv<T>(
  rows: AsyncIterable<T> | Iterable<T>,
  columns: Column<T>[],
): AsyncGenerator<string> {
  yield `\uFEFF${columns.map((c) => csvCell(c.header)).join(';')}\r\n`;
  let buf = '';
  let n = 0;
  for await (const row of rows) {
    buf += `${columns.map((c) => csvCell(c.value(row))).join(';')}\r\n`;
    if (++n % 500 === 0) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

export async function toXlsx<T>(
  rows: AsyncIterable<T> | Iterable<T>,
  columns: Column<T>[],
  sheetName = 'Polaris',
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Polaris';
  const ws = wb.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c, i) => ({
    header: c.header,
    key: String(i),
    width: c.width ?? Math.max(10, c.header.length + 2),
  }));
  ws.getRow(1).font = { bold: true };
  for await (const row of rows) {
    ws.addRow(columns.map((c) => c.value(row) ?? null));
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function collect(gen: AsyncIterable<string>): Promise<string> {
  let s = '';
  for await (const part of gen) s += part;
  return s;
}
