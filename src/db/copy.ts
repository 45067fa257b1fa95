/**
 * COPY through Kysely on both databases. Kysely hands a connection only SQL text and parameters,
 * so the data of a `COPY … FROM` travels beside the statement, keyed by a token the statement
 * carries in a leading comment, and the output of a `COPY … TO` comes back the same way.
 * Statements are written for PGlite (`FROM '/dev/blob'`, `TO '/dev/blob'`); the PostgreSQL client
 * (`pg-copy-client.ts`) runs them as `FROM STDIN` / `TO STDOUT` through pg-copy-streams.
 * Both drivers run one statement per connection at a time, so a token is used exactly once.
 */

/** What a `COPY … FROM` reads: text, a Blob, or chunks made on demand (a generator). */
export type CopyInput = string | Blob | Iterable<Uint8Array>;

const pendingInputs = new Map<string, CopyInput>();
const outputs = new Map<string, Uint8Array>();
let counter = 0;

const PREFIX = '/* polaris-blob-';

/**
 * Register the input of one COPY statement; returns the SQL comment that names it. A generator of
 * chunks is streamed to PostgreSQL as it is produced (the server parses one chunk while the next
 * is made) and gathered into one Blob for PGlite.
 */
export function registerCopyBlob(input: CopyInput): string {
  const token = `polaris-blob-${++counter}`;
  pendingInputs.set(token, input);
  return `/* ${token} */`;
}

/** A fresh comment for a `COPY … TO '/dev/blob'` statement; read its output with `takeCopyOutput`. */
export function copyOutputTag(): { tag: string; token: string } {
  const token = `polaris-blob-${++counter}`;
  return { tag: `/* ${token} */`, token };
}

/** The token a statement carries, or null. */
export function copyToken(sqlText: string): string | null {
  return sqlText.startsWith(PREFIX) ? sqlText.slice(3, sqlText.indexOf(' */')) : null;
}

/** The input registered for a token (once), as one Blob (PGlite reads its COPY input from a file). */
export function takeCopyInput(token: string): Blob | undefined {
  const b = takeCopySource(token);
  if (b === undefined || b instanceof Blob) return b;
  return new Blob([...b] as BlobPart[]);
}

/** The input registered for a token (once): a Blob, or the chunks as they come (PostgreSQL). */
export function takeCopySource(token: string): Blob | Iterable<Uint8Array> | undefined {
  const b = pendingInputs.get(token);
  pendingInputs.delete(token);
  return typeof b === 'string' ? new Blob([b]) : b;
}

/** Drivers store what a `COPY … TO` produced. */
export function storeCopyOutput(token: string, bytes: Uint8Array): void {
  outputs.set(token, bytes);
}

/** What a `COPY … TO` statement produced (once); an empty array when it produced nothing. */
export function takeCopyOutput(token: string): Uint8Array {
  const b = outputs.get(token);
  outputs.delete(token);
  return b ?? new Uint8Array(0);
}
