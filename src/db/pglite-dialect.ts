import type { PGlite, Transaction as PGliteTx } from '@electric-sql/pglite';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';
import { copyToken, storeCopyOutput, takeCopyInput } from './copy.ts';

/**
 * A Kysely dialect over one PGlite instance.
 *
 * PGlite is a single connection. `kysely-pglite` let a query outside a transaction see that
 * transaction's uncommitted rows (../shared/STACK.md), so this dialect serialises access: a
 * connection is a turn in a FIFO queue, and a transaction holds the turn until it commits or
 * rolls back. Every other query waits.
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly pglite: PGlite) {}
  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pglite);
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
}

class Mutex {
  #tail: Promise<void> = Promise.resolve();
  lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => {
      release = r;
    });
    const prev = this.#tail;
    this.#tail = prev.then(() => next);
    return prev.then(() => release);
  }
}

// COPY data travels beside the SQL (see copy.ts); re-exported for the existing callers.
export { registerCopyBlob } from './copy.ts';

class PGliteConnection implements DatabaseConnection {
  release: (() => void) | null = null;
  constructor(readonly pglite: PGlite | PGliteTx) {}
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const token = copyToken(compiled.sql);
    const blob = token ? takeCopyInput(token) : undefined;
    const res = await this.pglite.query<R>(
      compiled.sql,
      compiled.parameters as unknown[],
      blob ? { blob } : undefined,
    );
    if (token && res.blob) storeCopyOutput(token, new Uint8Array(await res.blob.arrayBuffer()));
    return {
      rows: res.rows,
      numAffectedRows: res.affectedRows != null ? BigInt(res.affectedRows) : undefined,
    };
  }
  // biome-ignore lint/correctness/useYield: streaming is not supported by PGlite; Kysely requires the method.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not support streaming queries');
  }
}

class PGliteDriver implements Driver {
  readonly #mutex = new Mutex();
  constructor(private readonly pglite: PGlite) {}
  async init(): Promise<void> {
    await this.pglite.waitReady;
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#mutex.lock();
    const conn = new PGliteConnection(this.pglite);
    conn.release = release;
    return conn;
  }
  async beginTransaction(conn: DatabaseConnection): Promise<void> {
    await (conn as PGliteConnection).pglite.exec('BEGIN');
  }
  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await (conn as PGliteConnection).pglite.exec('COMMIT');
  }
  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await (conn as PGliteConnection).pglite.exec('ROLLBACK');
  }
  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    const c = conn as PGliteConnection;
    c.release?.();
    c.release = null;
  }
  async destroy(): Promise<void> {
    // The owner of the PGlite instance closes it (see createDatabase).
  }
}
