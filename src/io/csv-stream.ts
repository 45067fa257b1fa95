import { ValidationError } from '../domain/errors.ts';
import { CsvSyntaxError, parseCsv } from './csv.ts';
import { detectDelimiter } from './spreadsheet.ts';

/**
 * CSV read as a stream of record batches, for files too large to hold as rows (a 2-million-row
 * firm-year panel): bytes are decoded chunk by chunk, each chunk is cut after its last complete
 * record (a line end outside quotes) and parsed with `parseCsv`; the rest waits for the next
 * chunk. Row numbers are the spreadsheet's (header = 1), as `readSheet` gives them.
 */

export interface CsvBatch {
  /** data rows of this batch (blank rows skipped; `line` counts them all) */
  rows: { line: number; cells: string[] }[];
  /** bytes consumed so far */
  bytes: number;
}

/** Thrown when bytes are not valid UTF-8: read again as Windows-1252. */
export class NotUtf8Error extends Error {}

/** Yield the header then batches of rows. `encoding` utf-8 is strict (NotUtf8Error on bad bytes). */
export async function* csvBatches(
  source: AsyncIterable<Uint8Array>,
  encoding: 'utf-8' | 'windows-1252',
): AsyncGenerator<{ headers: string[]; delimiter: string } | CsvBatch> {
  const decoder =
    encoding === 'utf-8' ? new TextDecoder('utf-8', { fatal: true }) : new TextDecoder('windows-1252');
  let carry = '';
  let delimiter: string | null = null;
  let record = 0; // records parsed so far (header included)
  let bytes = 0;
  let first = true;
  const emit = function* (text: string): Generator<{ headers: string[]; delimiter: string } | CsvBatch> {
    if (text === '') return;
    if (delimiter === null) delimiter = detectDelimiter(text.slice(0, text.search(/\r?\n|$/)));
    let records: string[][];
    try {
      records = parseCsv(text, delimiter);
    } catch (e) {
      if (!(e instanceof CsvSyntaxError)) throw e;
      const at = record + e.record;
      throw new ValidationError('The CSV file cannot be read', [
        { path: `row ${at}`, row: at, message: e.message.replace(/^row \d+/, `row ${at}`) },
      ]);
    }
    let k = 0;
    if (record === 0 && records.length > 0) {
      yield { headers: records[0]!.map((h) => h.trim()), delimiter };
      k = 1;
      record = 1;
    }
    const rows: CsvBatch['rows'] = [];
    for (; k < records.length; k++) {
      record++;
      const cells = records[k]!;
      if (cells.length === 1 && cells[0]!.trim() === '') continue;
      rows.push({ line: record, cells });
    }
    if (rows.length) yield { rows, bytes };
  };
  for await (const chunk of source) {
    bytes += chunk.length;
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw new NotUtf8Error('not UTF-8');
    }
    if (first) {
      text = text.replace(/^\uFEFF/, '');
      first = false;
    }
    if (encoding === 'windows-1252') text = fixCp1252(text);
    const all = carry + text;
    const cut = lastRecordEnd(all);
    carry = all.slice(cut);
    yield* emit(all.slice(0, cut));
  }
  let tail: string;
  try {
    tail = decoder.decode();
  } catch {
    throw new NotUtf8Error('not UTF-8');
  }
  yield* emit(carry + tail);
}

/** Index just after the last line end that is outside quotes (0 when there is none). */
function lastRecordEnd(s: string): number {
  if (s.indexOf('"') < 0) return s.lastIndexOf('\n') + 1;
  let inQuotes = false;
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (c === 10 && !inQuotes) last = i + 1;
  }
  return last;
}

/** Windows-1252 bytes 0x80–0x9F that Node decodes as C1 controls (see spreadsheet.ts). */
const CP1252_C1 =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';
function fixCp1252(s: string): string {
  return /[\u0080-\u009F]/.test(s)
    ? s.replace(/[\u0080-\u009F]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]!)
    : s;
}

/** Chunks of an in-memory file (the API's upload), so one reader serves files and uploads. */
export async function* chunksOf(bytes: Uint8Array, size = 4 << 20): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, Math.min(bytes.length, i + size));
}
