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

/** The header row, then the decoded text of the file cut at record ends. */
export type CsvTextChunk = { headers: string[]; delimiter: string } | { text: string; bytes: number };

/**
 * Yield the header then the text in chunks of complete records (about the source's chunk size),
 * for readers that parse records themselves (the panel's fast lane). The first data record of the
 * first chunk is record 2 (the header is 1); each chunk continues where the last one stopped.
 */
export async function* csvTextChunks(
  source: AsyncIterable<Uint8Array>,
  encoding: 'utf-8' | 'windows-1252',
): AsyncGenerator<CsvTextChunk> {
  const decoder =
    encoding === 'utf-8' ? new TextDecoder('utf-8', { fatal: true }) : new TextDecoder('windows-1252');
  let carry = '';
  let delimiter: string | null = null;
  let bytes = 0;
  let first = true;
  const split = function* (text: string): Generator<CsvTextChunk> {
    if (text === '') return;
    if (delimiter === null) {
      delimiter = detectDelimiter(text.slice(0, text.search(/\r?\n|$/)));
      const end = firstRecordEnd(text);
      const header = parseCsvRecords(text.slice(0, end), delimiter, 1)[0] ?? [''];
      yield { headers: header.map((h) => h.trim()), delimiter };
      text = text.slice(end);
      if (text === '') return;
    }
    yield { text, bytes };
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
    yield* split(all.slice(0, cut));
  }
  let tail: string;
  try {
    tail = decoder.decode();
  } catch {
    throw new NotUtf8Error('not UTF-8');
  }
  yield* split(carry + tail);
}

/**
 * `parseCsv` of a chunk whose first record is spreadsheet row `firstRecord`; a syntax error is a
 * ValidationError naming the file's row.
 */
export function parseCsvRecords(text: string, delimiter: string, firstRecord: number): string[][] {
  try {
    return parseCsv(text, delimiter);
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    const at = firstRecord - 1 + e.record;
    throw new ValidationError('The CSV file cannot be read', [
      { path: `row ${at}`, row: at, message: e.message.replace(/^row \d+/, `row ${at}`) },
    ]);
  }
}

/** Yield the header then batches of rows. `encoding` utf-8 is strict (NotUtf8Error on bad bytes). */
export async function* csvBatches(
  source: AsyncIterable<Uint8Array>,
  encoding: 'utf-8' | 'windows-1252',
): AsyncGenerator<{ headers: string[]; delimiter: string } | CsvBatch> {
  let record = 1; // records read so far (the header is record 1)
  let delimiter = ',';
  for await (const item of csvTextChunks(source, encoding)) {
    if ('headers' in item) {
      delimiter = item.delimiter;
      yield item;
      continue;
    }
    const records = parseCsvRecords(item.text, delimiter, record + 1);
    const rows: CsvBatch['rows'] = [];
    for (const cells of records) {
      record++;
      if (cells.length === 1 && cells[0]!.trim() === '') continue;
      rows.push({ line: record, cells });
    }
    if (rows.length) yield { rows, bytes: item.bytes };
  }
}

/** Index just after the first record's line end outside quotes (the text's length when none). */
function firstRecordEnd(s: string): number {
  let inQuotes = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (!inQuotes && c === 10) return i + 1;
    else if (!inQuotes && c === 13) return s.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  return s.length;
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
