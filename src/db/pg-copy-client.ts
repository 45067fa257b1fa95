import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { copyToken, storeCopyOutput, takeCopySource } from './copy.ts';

/**
 * A pg client that runs the COPY statements `copy.ts` tags: `FROM '/dev/blob'` becomes
 * `FROM STDIN` fed with the registered data (a generator's chunks streamed as they are made, so the
 * server parses one while the next is built), `TO '/dev/blob'` becomes `TO STDOUT` collected into
 * memory. Everything else is the plain client. Used as the pool's client class (database.ts).
 */
export class CopyingClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query is a many-overload signature; this forwards it unchanged.
  override query(...args: any[]): any {
    const text = args[0];
    const token = typeof text === 'string' ? copyToken(text) : null;
    if (token === null) return (super.query as (...a: unknown[]) => unknown)(...args);
    return this.#copy(text as string, token);
  }

  async #copy(text: string, token: string): Promise<{ command: string; rowCount: number; rows: [] }> {
    if (/FROM\s+'\/dev\/blob'/i.test(text)) {
      const input = takeCopySource(token);
      const stream = (super.query as (q: unknown) => ReturnType<typeof copyFrom>)(
        copyFrom(text.replace(/FROM\s+'\/dev\/blob'/i, 'FROM STDIN')),
      );
      const source =
        input instanceof Blob ? Readable.fromWeb(input.stream() as never) : Readable.from(input ?? []);
      await pipeline(source, stream);
      return { command: 'COPY', rowCount: stream.rowCount, rows: [] };
    }
    const stream = (super.query as (q: unknown) => ReturnType<typeof copyTo>)(
      copyTo(text.replace(/TO\s+'\/dev\/blob'/i, 'TO STDOUT')),
    );
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    storeCopyOutput(token, Buffer.concat(chunks));
    return { command: 'COPY', rowCount: stream.rowCount, rows: [] };
  }
}
