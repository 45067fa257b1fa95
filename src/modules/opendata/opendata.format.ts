import type { Cell, Field } from './opendata.datasets.ts';

/**
 * Machine-readable encodings of the open files (unlike the Belgian-Excel exports of the UI):
 * CSV per RFC 4180 — UTF-8 without byte-order mark, comma separator, CRLF line ends, a header row,
 * `"` quoting only where needed, `.` decimals; lists inside a cell joined by `;`; booleans `true` /
 * `false`; empty cell for null. JSON — one object with the rows in `items`, same field names.
 */

function csvText(v: Cell): string {
  if (v == null) return '';
  if (Array.isArray(v)) return v.join(';');
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return String(v);
}

/** One RFC 4180 field. */
export function csvField(v: Cell): string {
  const s = csvText(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvHeader<T>(fields: Field<T>[]): string {
  return `${fields.map((f) => csvField(f.name)).join(',')}\r\n`;
}

export function csvRow<T>(fields: Field<T>[], row: T): string {
  return `${fields.map((f) => csvField(f.value(row))).join(',')}\r\n`;
}

export function jsonObject<T>(fields: Field<T>[], row: T): string {
  const o: Record<string, Cell> = {};
  for (const f of fields) {
    const v = f.value(row);
    o[f.name] = typeof v === 'number' && !Number.isFinite(v) ? null : v;
  }
  return JSON.stringify(o);
}
