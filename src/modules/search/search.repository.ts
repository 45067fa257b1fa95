import { type Expression, expressionBuilder, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database, ProjectsTable } from '../../db/schema.ts';
import { type ProjectScope, visible } from '../projects/projects.repository.ts';

/**
 * One search over organisations, projects and people (migrations 2026-11-28T1200-search and
 * T1400-search-speed), in one statement, with every step bounded so that a broad query costs
 * about what a narrow one does:
 *
 * 1. per type, the first `cap` matches of the GIN index (no ordering: the scan stops there), each
 *    with a cheap pre-score (`ts_rank`, well under a microsecond a row; an exact name flag);
 * 2. total and facets are counted over those rows: exact while no type reaches the cap,
 *    lower bounds ("1 000+") beyond it (`capped`);
 * 3. the best `window` rows by pre-score get the full score (cover density, name similarity),
 *    about 10 µs a row, and the page is cut from them; pages past the window follow the
 *    pre-score, so every page comes from one order and none repeats or skips a hit;
 * 4. titles, snippets (`ts_headline`, ~50 µs a row) and scores for the page rows only.
 *
 * Measured on 100,000 organisations (PostgreSQL 15): ranking every match of "matériaux
 * composites" (6,891 organisations) with ts_rank_cd took 160 ms, counting them 6 ms.
 */

export const SEARCH_TYPES = ['organisation', 'project', 'person'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/** Whose people the caller may read (registry.policy.ts `people:read`), or null: none. */
export type PeopleScope = { all: true } | { networkIds: number[]; organisationIds: number[] } | null;

export interface SearchFilter {
  type?: SearchType;
  networkId?: number;
  kind?: string;
  provinceNis?: string;
  /** a NACE section letter */
  naceSection?: string;
  size?: string;
}

export interface SearchRequest {
  /** word groups for public.polaris_tsquery */
  groups: string[];
  /** normalised text for trigram similarity and exact-name matches */
  normalised: string;
  /** also match names and titles by trigram word similarity (the typo fallback) */
  trigram: boolean;
  filter: SearchFilter;
  projects: ProjectScope;
  people: PeopleScope;
  /** ISO day for current memberships */
  day: string;
  limit: number;
  offset: number;
  /** matches counted per type (total and facets are exact below it) */
  cap: number;
  /** candidates that get the full score */
  window: number;
}

export interface SearchHitRow {
  type: SearchType;
  id: number;
  title: string;
  snippet: string;
  score: number;
}

export type FacetCounts = Record<
  'type' | 'network' | 'kind' | 'province' | 'naceSection' | 'size',
  Record<string, number>
>;

export interface SearchResultRows {
  total: number;
  /** true when a type had more than `cap` matches: total and facets are then lower bounds */
  capped: boolean;
  items: SearchHitRow[];
  facets: FacetCounts;
}

// ts_headline options: short fragments around the matches, our own mark (escaped in the service)
const HEADLINE =
  'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "';

type Sql = RawBuilder<unknown>;

/** How one type is searched: its table alias, vector, name, exact-name test and extra conditions. */
interface Branch {
  type: SearchType;
  /** `FROM …` with the alias the expressions use */
  from: Sql;
  vector: Sql;
  name: Sql;
  exact: Expression<SqlBool>;
  /** the part of `exact` an index answers (the lookup of exact names past the cap) */
  exactIndexed: Expression<SqlBool>;
  /** access and filters, ANDed */
  where: Sql[];
  /** kind, province, nace, size, org_id of the row (NULLs for projects) */
  facetColumns: Sql;
}

/**
 * The full score: an exact name (or acronym, or full name) first (+10), then ts_rank_cd with
 * normalisation 32 (rank / (rank + 1), in [0, 1): cover density over the weighted document) plus
 * half the word similarity of the query to the name (typo tolerance; the only term for a hit
 * found by trigrams alone).
 */
function fullScore(b: Branch, tsq: Sql, n: string) {
  return sql<number>`(CASE WHEN ${b.exact} THEN 10 ELSE 0 END + ts_rank_cd(${b.vector}, ${tsq}, 32)
    + 0.5 * word_similarity(${n}::text, ${b.name}))::float8`;
}

/**
 * The pre-score that picks the candidates for the full score: ts_rank (weights A/B/C make a name
 * or title match outrank a description match), plus the name similarity in typo mode, where a
 * hit may match no word at all.
 */
function preScore(b: Branch, tsq: Sql, req: SearchRequest) {
  const sim = req.trigram ? sql` + word_similarity(${req.normalised}::text, ${b.name})` : sql``;
  return sql<number>`(ts_rank(${b.vector}, ${tsq})${sim})::float8`;
}

function matchOf(b: Branch, tsq: Sql, req: SearchRequest) {
  const fts = sql<SqlBool>`${b.vector} @@ ${tsq}`;
  if (!req.trigram) return fts;
  // `<%`: word similarity ≥ 0.6 (the default threshold), "aerotec" in "aerotech sa", "condros"
  // in "ferme du condroz"; through the trigram GIN index. Whole-string similarity (`%`) is left
  // out: its index test lets most names sharing a common trigram through to a costly recheck
  // (1,651 rechecks for 82 hits of "aerotec" on 100,000 names).
  return sql<SqlBool>`(${fts} OR ${req.normalised}::text <% ${b.name})`;
}

const orgFilterSet = (f: SearchFilter) =>
  f.kind != null || f.provinceNis != null || f.naceSection != null || f.size != null;

/** Conditions on an organisation `o` (for organisations, and for people through theirs). */
function organisationConditions(f: SearchFilter, day: string): Sql[] {
  const c: Sql[] = [];
  if (f.kind != null) c.push(sql`o.kind = ${f.kind}`);
  if (f.provinceNis != null) c.push(sql`o.province_nis = ${f.provinceNis}`);
  if (f.naceSection != null) c.push(sql`${f.naceSection}::text = ANY(o.nace_sections)`);
  if (f.size != null) c.push(sql`o.size_class = ${f.size}`);
  if (f.networkId != null)
    c.push(sql`EXISTS (SELECT 1 FROM memberships m WHERE m.organisation_id = o.id AND m.network_id = ${f.networkId}::int
      AND m.joined_on <= ${day}::date AND (m.left_on IS NULL OR m.left_on >= ${day}::date))`);
  return c;
}

const ORG_FACETS = sql`o.kind, o.province_nis AS province, o.nace_sections AS nace, o.size_class AS size, o.id AS org_id`;

function organisationBranch(req: SearchRequest): Branch {
  return {
    type: 'organisation',
    from: sql`organisations o`,
    vector: sql`o.search_vector`,
    name: sql`o.search_text`,
    exact: sql<SqlBool>`o.search_text = ${req.normalised}`,
    exactIndexed: sql<SqlBool>`o.search_text = ${req.normalised}`,
    where: organisationConditions(req.filter, req.day),
    facetColumns: ORG_FACETS,
  };
}

/** The projects module's visibility rule as a condition on `projects p`. */
export function projectVisibility(scope: ProjectScope): Expression<SqlBool> {
  return visible(scope)(expressionBuilder<Database & { p: ProjectsTable }, 'p'>());
}

function projectBranch(req: SearchRequest): Branch | null {
  // projects have no kind, province, sector or size: an organisation filter leaves them out
  if (orgFilterSet(req.filter)) return null;
  const where: Sql[] = [sql`${projectVisibility(req.projects)}`];
  const acronymPrefix = `${req.normalised.replace(/[\\%_]/g, '\\$&')} %`;
  if (req.filter.networkId != null)
    where.push(
      sql`EXISTS (SELECT 1 FROM project_networks pn WHERE pn.project_id = p.id AND pn.network_id = ${req.filter.networkId}::int)`,
    );
  return {
    type: 'project',
    from: sql`projects p`,
    vector: sql`p.search_vector`,
    name: sql`p.search_name`,
    // the acronym alone: the name starts with it and a space (search_name is "acronym title")
    exact: sql<SqlBool>`(p.search_name = ${req.normalised}
      OR (p.search_name LIKE ${acronymPrefix} AND length(p.acronym) = ${req.normalised.length}))`,
    exactIndexed: sql<SqlBool>`(p.search_name = ${req.normalised} OR p.search_name LIKE ${acronymPrefix})`,
    where,
    facetColumns: sql`NULL::text AS kind, NULL::text AS province, NULL::text[] AS nace, NULL::text AS size, NULL::int AS org_id`,
  };
}

function peopleBranch(req: SearchRequest): Branch | null {
  const scope = req.people;
  if (scope == null) return null;
  const access =
    'all' in scope
      ? sql`true`
      : // people:read — the organisation's members, and managers of a network it belongs or belonged to
        sql`(pe.organisation_id = ANY(${scope.organisationIds}::int[]) OR EXISTS (SELECT 1 FROM memberships am
          WHERE am.organisation_id = pe.organisation_id AND am.network_id = ANY(${scope.networkIds}::int[])))`;
  return {
    type: 'person',
    from: sql`people pe JOIN organisations o ON o.id = pe.organisation_id`,
    vector: sql`pe.search_vector`,
    name: sql`pe.search_name`,
    exact: sql<SqlBool>`pe.search_name = ${req.normalised}`,
    exactIndexed: sql<SqlBool>`pe.search_name = ${req.normalised}`,
    where: [access, ...organisationConditions(req.filter, req.day)],
    facetColumns: ORG_FACETS,
  };
}

const and = (conds: Sql[]) => (conds.length ? sql`AND ${sql.join(conds, sql` AND `)}` : sql``);
const alias = (b: Branch) => sql.raw(b.type === 'organisation' ? 'o' : b.type === 'project' ? 'p' : 'pe');

/**
 * A branch's counted matches: the first cap + 1 in index order (the extra row only tells that the
 * cap was reached), numbered. Exact names are looked up on their own (a btree probe) so an exact
 * name past the cap still reaches the candidates (an exact name is a hit even when its words are
 * all stop words).
 */
function branchHits(b: Branch, tsq: Sql, req: SearchRequest) {
  const a = alias(b);
  const cols = sql`${b.type}::text AS type, ${a}.id, (${b.exact}) AS exact, ${preScore(b, tsq, req)} AS pre, ${b.facetColumns}`;
  const where = sql`${matchOf(b, tsq, req)} ${and(b.where)}`;
  return sql`(SELECT *, row_number() OVER () AS rn FROM (SELECT ${cols} FROM ${b.from} WHERE ${where} LIMIT ${req.cap + 1}) x)
    UNION ALL
    (SELECT ${cols}, ${req.cap + 2}::bigint FROM ${b.from} WHERE ${b.exactIndexed} ${and(b.where)} LIMIT 5)`;
}

/** The page rows of one type with their title, snippet and full score. */
function branchItems(b: Branch, tsq: Sql, n: string) {
  const a = alias(b);
  const title =
    b.type === 'organisation'
      ? sql`o.name`
      : b.type === 'project'
        ? sql`p.acronym || ' — ' || p.title`
        : sql`pe.first_name || ' ' || pe.last_name`;
  const text =
    b.type === 'organisation'
      ? sql`coalesce(nullif(o.description, ''), public.polaris_join(o.keywords))`
      : b.type === 'project'
        ? sql`coalesce(nullif(p.summary, ''), public.polaris_join(p.keywords))`
        : sql`coalesce(pe.job_title || ' — ', '') || o.name`;
  return sql`SELECT pg.pos, pg.type, pg.id, ${fullScore(b, tsq, n)} AS score, ${title} AS title,
      ts_headline('public.polaris_fr'::regconfig, ${text}, ${tsq}, ${HEADLINE}) AS snippet
    FROM page pg JOIN ${b.from} ON pg.type = ${b.type}::text AND ${a}.id = pg.id`;
}

/** The full score of the window's rows of one type. */
function branchWindow(b: Branch, tsq: Sql, req: SearchRequest) {
  const a = alias(b);
  return sql`SELECT w.type, w.id, w.prerank, ${fullScore(b, tsq, req.normalised)} AS score
    FROM ordered w JOIN ${b.from} ON w.type = ${b.type}::text AND ${a}.id = w.id WHERE w.prerank <= ${req.window}`;
}

type FacetRows = { f: string; k: string; n: number }[] | null;

interface SearchRow {
  total: number;
  capped: boolean;
  items: SearchHitRow[] | null;
  facets: FacetRows;
}

/**
 * The search statement for a tsquery given as text (what `polaris_tsquery` returned): a constant
 * cast, so planning does not run the word-by-word tsquery builder at each of its uses.
 */
export function searchStatement(req: SearchRequest, tsqText: string) {
  const tsq = sql`${tsqText}::tsquery`;
  const branches = [organisationBranch(req), projectBranch(req), peopleBranch(req)].filter(
    (b): b is Branch => b != null,
  );
  const type = req.filter.type ?? null;
  const n = req.normalised;
  // facets as one [{ f, k, n }] list (JSON keys: the CamelCasePlugin would rename "research_centre")
  return sql<SearchRow>`
    WITH hits AS MATERIALIZED (${sql.join(
      branches.map((b) => branchHits(b, tsq, req)),
      sql` UNION ALL `,
    )}),
    -- the counted set (an exact match found past the cap is a candidate, not counted)
    all_counted AS (SELECT * FROM hits WHERE rn <= ${req.cap}),
    counted AS MATERIALIZED (SELECT * FROM all_counted WHERE ${type}::text IS NULL OR type = ${type}::text),
    -- the candidates in pre-score order, as deep as the page needs (an exact name past the cap
    -- once, even when its own lookup found it again)
    ordered AS MATERIALIZED (
      SELECT h.type, h.id, row_number() OVER (ORDER BY h.exact DESC, h.pre DESC, h.id, h.type COLLATE "C") AS prerank
      FROM hits h
      WHERE (h.rn <= ${req.cap} OR (h.exact AND (h.rn = ${req.cap + 1} OR NOT EXISTS (
          SELECT 1 FROM hits d WHERE d.type = h.type AND d.id = h.id AND d.rn <= ${req.cap + 1}))))
        AND (${type}::text IS NULL OR h.type = ${type}::text)
      ORDER BY h.exact DESC, h.pre DESC, h.id, h.type COLLATE "C" LIMIT ${Math.max(req.window, req.offset + req.limit)}
    ),
    scored AS (${sql.join(
      branches.map((b) => branchWindow(b, tsq, req)),
      sql` UNION ALL `,
    )}),
    page AS MATERIALIZED (
      SELECT row_number() OVER (ORDER BY tier, score DESC, prerank) AS pos, type, id FROM (
        SELECT type, id, 0 AS tier, score, prerank FROM scored
        UNION ALL
        SELECT type, id, 1, NULL::float8, prerank FROM ordered WHERE prerank > ${req.window}
      ) t ORDER BY tier, score DESC, prerank LIMIT ${req.limit} OFFSET ${req.offset}
    ),
    items AS (${sql.join(
      branches.map((b) => branchItems(b, tsq, n)),
      sql` UNION ALL `,
    )}),
    facets AS (
      SELECT 'type' AS f, type AS k, count(*)::int AS n FROM all_counted GROUP BY type
      UNION ALL
      -- GROUPING(...) has a 0 bit for the column its grouping set keeps
      SELECT CASE GROUPING(kind, province, size) WHEN 3 THEN 'kind' WHEN 5 THEN 'province' ELSE 'size' END,
        coalesce(kind, province, size), count(*)::int
      FROM counted GROUP BY GROUPING SETS ((kind), (province), (size))
      UNION ALL
      SELECT 'naceSection', section, count(*)::int FROM counted, unnest(counted.nace) AS section GROUP BY section
      UNION ALL
      -- networks: current memberships of the (person's) organisation, the networks of a project
      SELECT 'network', nw.slug, count(*)::int FROM (
        SELECT m.network_id FROM counted f JOIN memberships m ON m.organisation_id = f.org_id
          AND m.joined_on <= ${req.day}::date AND (m.left_on IS NULL OR m.left_on >= ${req.day}::date)
        UNION ALL
        SELECT pn.network_id FROM counted f JOIN project_networks pn ON f.type = 'project' AND pn.project_id = f.id
      ) x JOIN networks nw ON nw.id = x.network_id GROUP BY nw.slug
    )
    SELECT
      (SELECT count(*)::int FROM counted) AS total,
      EXISTS (SELECT 1 FROM hits WHERE rn = ${req.cap + 1}
        AND (${type}::text IS NULL OR type = ${type}::text)) AS capped,
      (SELECT json_agg(json_build_object('type', type, 'id', id, 'title', title, 'snippet', snippet, 'score', score)
        ORDER BY pos) FROM items) AS items,
      (SELECT json_agg(json_build_object('f', f, 'k', k, 'n', n)) FROM facets WHERE k IS NOT NULL) AS facets`;
}

const FACET_NAMES = ['type', 'network', 'kind', 'province', 'naceSection', 'size'] as const;

/**
 * Run `fn` in a transaction whose statements use the search indexes. The planner prices a `@@` or
 * `<%` test at one operator, so under a LIMIT it prefers a sequential scan that tests row after
 * row (20 ms for the first 1,001 organisations matching "logiciel", 49 ms for 40 project titles
 * like "hydrogne") over the GIN bitmap (2–3 ms, 1 ms): sequential scans are off for this
 * transaction only. So is JIT compilation (PostgreSQL ≥ 11 built with LLVM): the search
 * statement's inflated CTE estimates crossed jit_above_cost, and compiling took 130 ms of 170.
 */
export async function withIndexScans<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT ${INDEX_SCANS_ONLY}`.execute(trx);
    return fn(trx);
  });
}

const INDEX_SCANS_ONLY = sql`set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)`;

/** Run one search (as withIndexScans, with the settings and the tsquery in one round trip). */
export async function search(db: Db, req: SearchRequest): Promise<SearchResultRows> {
  const r = await db.transaction().execute(async (trx) => {
    const q = await sql<{ tsq: string }>`SELECT ${INDEX_SCANS_ONLY},
      public.polaris_tsquery(${req.groups}::text[])::text AS tsq`.execute(trx);
    return searchStatement(req, q.rows[0]!.tsq).execute(trx);
  });
  const row = r.rows[0]!;
  return {
    total: Number(row.total),
    capped: row.capped === true,
    items: (row.items ?? []).map((i) => ({ ...i, id: Number(i.id), score: Number(i.score) })),
    facets: Object.fromEntries(
      FACET_NAMES.map((f) => [
        f,
        Object.fromEntries(
          (row.facets ?? []).filter((x) => x.f === f).map((x) => [String(x.k), Number(x.n)]),
        ),
      ]),
    ) as FacetCounts,
  };
}
