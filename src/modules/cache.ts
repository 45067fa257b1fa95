import type { Db } from '../db/database.ts';

/**
 * Answers cached per data version (see migration 2026-11-28T0600-data-version): each call reads
 * the current version (one primary-key lookup) and reuses an answer computed at that version.
 * A write anywhere in the registry bumps the version, so a cached answer is never stale.
 * Least-recently-used eviction; per process.
 */
export class VersionedCache {
  readonly #entries = new Map<string, unknown>();
  constructor(private readonly max = 1000) {}

  async get<T>(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
    const { version } = await db
      .selectFrom('dataVersion')
      .select('version')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    const k = `${version}\u0000${key}`;
    if (this.#entries.has(k)) {
      const v = this.#entries.get(k) as T;
      this.#entries.delete(k);
      this.#entries.set(k, v);
      return v;
    }
    const v = await compute();
    this.#entries.set(k, v);
    if (this.#entries.size > this.max) this.#entries.delete(this.#entries.keys().next().value as string);
    return v;
  }

  clear(): void {
    this.#entries.clear();
  }
}

/** One cache per database handle (tests build many apps in one process). */
const caches = new WeakMap<Db, VersionedCache>();
export function cacheFor(db: Db): VersionedCache {
  let c = caches.get(db);
  if (!c) {
    c = new VersionedCache();
    caches.set(db, c);
  }
  return c;
}

let enabled = process.env.POLARIS_CACHE !== '0';

/** POLARIS_CACHE=0 (or setCacheEnabled(false)) turns caching off: benchmarks of the uncached path. */
export function cacheEnabled(): boolean {
  return enabled;
}

export function setCacheEnabled(on: boolean): void {
  enabled = on;
}
