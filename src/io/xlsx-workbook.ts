import ExcelJS from 'exceljs';

/**
 * A workbook of several tables, one sheet each: bold frozen header row, auto-filter, column widths
 * and number formats. Number formats are Excel codes (`#,##0`, `0.0%`, `dd/mm/yyyy`): Excel writes
 * them with the reader's separators, so a Belgian Excel shows `1 234 567,5` and `31/12/2023`.
 */

export type XlsxValue = string | number | boolean | Date | null | undefined;

export interface SheetColumn<T> {
  header: string;
  value: (row: T) => XlsxValue;
  /** width in characters */
  width?: number;
  /** Excel number format of the column's cells, or per row */
  numFmt?: string | ((row: T) => string | undefined);
}

export interface SheetSpec<T> {
  name: string;
  columns: SheetColumn<T>[];
  rows: Iterable<T>;
}

/** A sheet with its row type erased, so sheets of different rows go in one workbook. */
export interface AnySheet {
  write(wb: ExcelJS.Workbook): void;
}

/** Belgian-friendly number formats. */
export const NUM_FMT = {
  integer: '#,##0',
  decimal: '#,##0.00',
  eur: '#,##0 "€"',
  percent: '0.0%',
  /** signed change */
  signedInteger: '+#,##0;-#,##0;0',
  signedEur: '+#,##0 "€";-#,##0 "€";0 "€"',
  signedPercent: '+0.0%;-0.0%;0.0%',
  date: 'dd/mm/yyyy',
} as const;

/** `YYYY-MM-DD` as an Excel date (UTC midnight, so no time-zone shift); null stays empty. */
export function excelDate(iso: string | null | undefined): Date | null {
  return iso ? new Date(`${iso.slice(0, 10)}T00:00:00Z`) : null;
}

/** Sheet names: at most 31 characters, none of `[]:*?/\`. */
function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
}

export function sheet<T>(spec: SheetSpec<T>): AnySheet {
  return {
    write(wb) {
      const ws = wb.addWorksheet(sheetName(spec.name), { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = spec.columns.map((c, i) => ({
        header: c.header,
        key: String(i),
        width: c.width ?? Math.max(10, c.header.length + 2),
        ...(typeof c.numFmt === 'string' ? { style: { numFmt: c.numFmt } } : {}),
      }));
      ws.getRow(1).font = { bold: true };
      for (const row of spec.rows) {
        const r = ws.addRow(spec.columns.map((c) => c.value(row) ?? null));
        spec.columns.forEach((c, i) => {
          if (typeof c.numFmt === 'function') {
            const fmt = c.numFmt(row);
            if (fmt) r.getCell(i + 1).numFmt = fmt;
          }
        });
      }
      if (spec.columns.length > 0)
        ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };
    },
  };
}

export async function toWorkbook(sheets: AnySheet[], meta: { title?: string } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Polaris';
  if (meta.title) wb.title = meta.title;
  for (const s of sheets) s.write(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
