import ExcelJS from 'exceljs';
import { ValidationError } from '../domain/errors.ts';
import { CsvSyntaxError, parseCsv } from './csv.ts';

/**
 * Reads the spreadsheets pole teams keep: CSV with `,` or `;` or tab, in UTF-8 (with or without
 * BOM) or Windows-1252 / Latin-1 as Belgian Excel writes them, and XLSX (first sheet).
 * Everything comes back as text; the row number is the spreadsheet's own (header = row 1).
 */

export interface Sheet {
  format: 'csv' | 'xlsx';
  encoding?: 'utf-8' | 'windows-1252';
  delimiter?: string;
  headers: string[];
  /** data rows; `line` is the 1-based row number in the file as a spreadsheet shows it */
  rows: { line: number; cells: string[] }[];
}

const isZip = (b: Uint8Array) =>
  b.length > 3 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/**
 * Windows-1252 bytes 0x80–0x9F (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ), where it differs
 * from Latin-1. Node 20's TextDecoder('windows-1252') decodes these bytes as Latin-1 C1 controls
 * (nodejs/node#56542), so they are mapped here; 0x81, 0x8D, 0x8F, 0x90 and 0x9D are unassigned.
 */
const CP1252_C1 =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/** UTF-8 when the bytes are valid UTF-8, else Windows-1252 (a superset of Latin-1's printable range). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    const text = new TextDecoder('windows-1252')
      .decode(bytes)
      .replace(/[\u0080-\u009F]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]!);
    return { text, encoding: 'windows-1252' };
  }
}

export function detectDelimiter(headerLine: string): string {
  const counts = [';', ',', '\t'].map((d) => [d, headerLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

function readCsv(bytes: Uint8Array): Sheet {
  const { text, encoding } = decodeText(bytes);
  if (text.trim() === '')
    throw new ValidationError('The file is empty', [{ path: 'file', message: 'no header row and no data' }]);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = detectDelimiter(firstLine);
  let records: string[][];
  try {
    records = parseCsv(text, delimiter);
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    throw new ValidationError('The CSV file cannot be read', [
      { path: `row ${e.record}`, row: e.record, message: e.message },
    ]);
  }
  const [head, ...body] = records;
  const rows = body
    .map((cells, i) => ({ line: i + 2, cells }))
    .filter((r) => r.cells.some((c) => c.trim() !== ''));
  return { format: 'csv', encoding, delimiter, headers: (head ?? []).map((h) => h.trim()), rows };
}

function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('hyperlink' in v) return String(v.hyperlink);
    return '';
  }
  return String(v);
}

async function readXlsx(bytes: Uint8Array): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (e) {
    throw new ValidationError('The XLSX file cannot be read', [
      { path: 'file', message: (e as Error).message },
    ]);
  }
  const ws = wb.worksheets[0];
  if (!ws || ws.rowCount === 0)
    throw new ValidationError('The file is empty', [
      { path: 'file', message: 'the first sheet has no rows' },
    ]);
  const headers: string[] = [];
  const rows: Sheet['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    const values = row.values as ExcelJS.CellValue[];
    for (let c = 1; c < values.length; c++) cells.push(cellText(values[c] ?? null).trim());
    if (headers.length === 0) headers.push(...cells);
    else if (cells.some((c) => c !== '')) rows.push({ line: rowNumber, cells });
  });
  return { format: 'xlsx', headers, rows };
}

export async function readSheet(bytes: Uint8Array): Promise<Sheet> {
  if (bytes.length === 0)
    throw new ValidationError('The file is empty', [{ path: 'file', message: 'the file has 0 bytes' }]);
  return isZip(bytes) ? readXlsx(bytes) : readCsv(bytes);
}
