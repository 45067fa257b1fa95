import { type Kysely, sql } from 'kysely';

/**
 * Search speed (issue 6, latency targets): bound the GIN "pending lists" of the indexes that
 * search reads.
 *
 * A GIN index with `fastupdate` on (the default) appends new entries to an unsorted pending list
 * and merges it into the index only when the list outgrows `gin_pending_list_limit` (4 MB by
 * default) or when VACUUM runs; every search scans the whole pending list meanwhile (PostgreSQL
 * manual, "GIN Fast Update Technique"). After a load of 100,000 organisations the lists held up
 * to 480 pages: the full-text index scan for "matériaux composites" took 10 ms instead of 2.5 ms,
 * and a trigram name scan 8 ms instead of 0.6 ms (PostgreSQL 15, EXPLAIN ANALYZE). PGlite has no
 * autovacuum, so there a list is only merged when it is full.
 *
 * A 256 kB limit keeps the scan of the list short while inserts stay batched: updating 10,000
 * organisation vectors took 2.1 s with it, 1.9 s with the default and 2.6 s with `fastupdate`
 * off. What is already pending is merged now (`gin_clean_pending_list`, PostgreSQL ≥ 9.6).
 * The bulk organisation load recreates its two indexes with the same limit.
 *
 * Planning: pg_trgm's `<%` estimates its selectivity (matchingsel, PostgreSQL ≥ 14) by computing
 * the word similarity of the query with every histogram bound of the column when the histogram
 * has at least 100 entries: 200 long project titles cost 1–3 ms of planning per search in typo
 * mode. With a statistics target of 50 the histogram is shorter than that and the default
 * selectivity is used (these name columns are only ever searched, never grouped or joined on).
 */
export const SEARCH_GIN_INDEXES = [
  'organisations_search_vector_idx',
  'organisations_search_trgm_idx',
  'projects_search_vector_idx',
  'projects_search_name_trgm_idx',
  'projects_search_trgm_idx',
  'people_search_vector_idx',
  'people_search_name_trgm_idx',
] as const;

/** Name columns of the search migration that the typo fallback compares with `<%`. */
const TRIGRAM_NAME_COLUMNS = [
  ['projects', 'search_name'],
  ['people', 'search_name'],
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const name of SEARCH_GIN_INDEXES) {
    await sql.raw(`ALTER INDEX ${name} SET (gin_pending_list_limit = 256)`).execute(db);
    await sql`SELECT gin_clean_pending_list(${name}::regclass)`.execute(db);
  }
  for (const [table, column] of TRIGRAM_NAME_COLUMNS)
    await sql.raw(`ALTER TABLE ${table} ALTER COLUMN ${column} SET STATISTICS 50`).execute(db);
  await sql`ANALYZE projects, people`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [table, column] of TRIGRAM_NAME_COLUMNS)
    await sql.raw(`ALTER TABLE ${table} ALTER COLUMN ${column} SET STATISTICS -1`).execute(db);
  for (const name of SEARCH_GIN_INDEXES)
    await sql.raw(`ALTER INDEX ${name} RESET (gin_pending_list_limit)`).execute(db);
}
