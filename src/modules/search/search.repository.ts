import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { type ProjectScope, visible } from '../projects/projects.repository.ts';

/**
 * One search over organisations, projects and people (migration 2026-11-28T1200-search): the
 * matching rows of the three tables as one set of hits, then the page, its titles and snippets,
 * the total and every facet from that set, in one statement (one round trip).
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
  /** also match names and titles by trigram similarity (the typo fallback) */
  trigram: boolean;
  filter: SearchFilter;
  projects: ProjectScope;
  people: PeopleScope;
  /** ISO day for current memberships */
  day: string;
  limit: number;
  offset: number;
}

export interface SearchHitRow {
  type: SearchType;
  id: number;
  title: string;
  snippet: string;
  score: number;
}

export interface SearchResultRows {
  total: number;
  items: SearchHitRow[];
  facets: Record<'type' | 'network' | 'kind' | 'province' | 'naceSection' | 'size', Record<string, number>>;
}

// ts_headline options: short fragments around the matches, our own mark (escaped in the service)
const HEADLINE =
  'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "';

/**
 * Score: an exact name (or acronym, or full name) match first (+10), then ts_rank_cd with
 * normalisation 32 (rank / (rank + 1), in [0, 1): cover density over the weighted document) plus
 * half the word similarity of the query to the name (typo tolerance; the only term for a hit
 * found by trigrams alone).
 */
function scoreOf(
  vector: RawBuilder<unknown>,
  name: RawBuilder<unknown>,
  exact: Expression<SqlBool>,
  tsq: RawBuilder<unknown>,
  n: string,
) {
  return sql<number>`(CASE WHEN ${exact} THEN 10 ELSE 0 END + ts_rank_cd(${vector}, ${tsq}, 32)
    + 0.5 * word_similarity(${n}::text, ${name}))::float8`;
}

function matchOf(
  vector: RawBuilder<unknown>,
  name: RawBuilder<unknown>,
  tsq: RawBuilder<unknown>,
  req: SearchRequest,
) {
  const n = req.normalised;
  const fts = sql<SqlBool>`${vector} @@ ${tsq}`;
  if (!req.trigram) return fts;
  // `%` (similarity ≥ 0.3: "skiwin" ~ "skywin") or `<%` (word similarity ≥ 0.6: "aerotec" in
  // "aerotech sa"); both use the trigram GIN index, with the default thresholds
  return sql<SqlBool>`(${fts} OR ${name} % ${n}::text OR ${n}::text <% ${name})`;
}

const orgFilterSet = (f: SearchFilter) =>
  f.kind != null || f.provinceNis != null || f.naceSection != null || f.size != null;

/** Conditions on an organisation `o` (for organisations, and for people through theirs). */
function organisationConditions(f: SearchFilter, day: string): RawBuilder<unknown>[] {
  const c: RawBuilder<unknown>[] = [];
  if (f.kind != null) c.push(sql`o.kind = ${f.kind}`);
  if (f.provinceNis != null) c.push(sql`o.province_nis = ${f.provinceNis}`);
  if (f.naceSection != null) c.push(sql`${f.naceSection}::text = ANY(o.nace_sections)`);
  if (f.size != null) c.push(sql`o.size_class = ${f.size}`);
  if (f.networkId != null)
    c.push(sql`EXISTS (SELECT 1 FROM memberships m WHERE m.organisation_id = o.id AND m.network_id = ${f.networkId}::int
      AND m.joined_on <= ${day}::date AND (m.left_on IS NULL OR m.left_on >= ${day}::date))`);
  return c;
}

const and = (conds: RawBuilder<unknown>[]) =>
  conds.length ? sql`AND ${sql.join(conds, sql` AND `)}` : sql``;

function organisationHits(req: SearchRequest, tsq: RawBuilder<unknown>) {
  const vector = sql`o.search_vector`;
  const name = sql`o.search_text`;
  const score = scoreOf(vector, name, sql<SqlBool>`o.search_text = ${req.normalised}`, tsq, req.normalised);
  return sql`SELECT 'organisation'::text AS type, o.id, ${score} AS score, o.kind, o.province_nis AS province,
      o.nace_sections AS nace, o.size_class AS size, o.id AS org_id
    FROM organisations o
    WHERE ${matchOf(vector, name, tsq, req)} ${and(organisationConditions(req.filter, req.day))}`;
}

function projectHits(db: Db, req: SearchRequest, tsq: RawBuilder<unknown>) {
  const vector = sql`p.search_vector`;
  const name = sql`p.search_name`;
  const exact = sql<SqlBool>`(p.search_name = ${req.normalised} OR public.polaris_unaccent(lower(p.acronym)) = ${req.normalised})`;
  // the projects module's visibility scope (a Kysely expression on `projects as p`)
  return db
    .selectFrom('projects as p')
    .select([
      sql<string>`'project'::text`.as('type'),
      'p.id',
      scoreOf(vector, name, exact, tsq, req.normalised).as('score'),
      sql`NULL::text`.as('kind'),
      sql`NULL::text`.as('province'),
      sql`NULL::text[]`.as('nace'),
      sql`NULL::text`.as('size'),
      sql`NULL::int`.as('org_id'),
    ])
    .where(visible(req.projects))
    .$if(req.filter.networkId != null, (qb) =>
      qb.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('projectNetworks as pn')
            .select(sql`1`.as('one'))
            .whereRef('pn.projectId', '=', 'p.id')
            .where('pn.networkId', '=', req.filter.networkId!),
        ),
      ),
    )
    .where(matchOf(vector, name, tsq, req));
}

function peopleHits(req: SearchRequest, tsq: RawBuilder<unknown>) {
  const scope = req.people;
  if (scope == null) return null;
  const vector = sql`pe.search_vector`;
  const name = sql`pe.search_name`;
  const access =
    'all' in scope
      ? sql`true`
      : // people:read — the organisation's members, and managers of a network it belongs or belonged to
        sql`(pe.organisation_id = ANY(${scope.organisationIds}::int[]) OR EXISTS (SELECT 1 FROM memberships am
          WHERE am.organisation_id = pe.organisation_id AND am.network_id = ANY(${scope.networkIds}::int[])))`;
  const score = scoreOf(vector, name, sql<SqlBool>`pe.search_name = ${req.normalised}`, tsq, req.normalised);
  return sql`SELECT 'person'::text AS type, pe.id, ${score} AS score, o.kind, o.province_nis AS province,
      o.nace_sections AS nace, o.size_class AS size, o.id AS org_id
    FROM people pe JOIN organisations o ON o.id = pe.organisation_id
    WHERE ${matchOf(vector, name, tsq, req)} AND ${access} ${and(organisationConditions(req.filter, req.day))}`;
}

type FacetRows = { k: string; n: number }[] | null;
const counts = (rows: FacetRows): Record<string, number> =>
  Object.fromEntries((rows ?? []).map((r) => [String(r.k), Number(r.n)]));

/** Run one search. */
export async function search(db: Db, req: SearchRequest): Promise<SearchResultRows> {
  const tsq = sql`public.polaris_tsquery(${req.groups}::text[])`;
  const branches: (RawBuilder<unknown> | ReturnType<typeof projectHits>)[] = [organisationHits(req, tsq)];
  // projects have no kind, province, sector or size: an organisation filter leaves them out
  if (!orgFilterSet(req.filter)) branches.push(projectHits(db, req, tsq));
  const people = peopleHits(req, tsq);
  if (people) branches.push(people);
  const type = req.filter.type ?? null;
  // facets as [{ k, n }] lists: the CamelCasePlugin would rename keys such as "research_centre"
  const facet = (expr: string, from = 'filtered') =>
    sql.raw(`(SELECT json_agg(json_build_object('k', k, 'n', n)) FROM (SELECT ${expr} AS k, count(*)::int AS n
      FROM ${from} GROUP BY 1) f WHERE k IS NOT NULL)`);
  const r = await sql<{
    total: number;
    items: SearchHitRow[] | null;
    typeFacet: FacetRows;
    networkFacet: FacetRows;
    kindFacet: FacetRows;
    provinceFacet: FacetRows;
    naceFacet: FacetRows;
    sizeFacet: FacetRows;
  }>`
    WITH hits AS MATERIALIZED (${sql.join(branches, sql` UNION ALL `)}),
    filtered AS MATERIALIZED (SELECT * FROM hits WHERE ${type}::text IS NULL OR type = ${type}::text),
    -- the networks of every hit, set-based: current memberships of the (person's) organisation,
    -- the networks of a project
    nets AS (
      SELECT m.network_id FROM filtered f JOIN memberships m ON m.organisation_id = f.org_id
        AND m.joined_on <= ${req.day}::date AND (m.left_on IS NULL OR m.left_on >= ${req.day}::date)
      UNION ALL
      SELECT pn.network_id FROM filtered f JOIN project_networks pn ON f.type = 'project' AND pn.project_id = f.id
    ),
    page AS MATERIALIZED (
      SELECT type, id, score FROM filtered ORDER BY score DESC, type, id LIMIT ${req.limit} OFFSET ${req.offset}
    ),
    items AS (
      SELECT pg.type, pg.id, pg.score, o.name AS title,
        ts_headline('public.polaris_fr'::regconfig, coalesce(nullif(o.description, ''), public.polaris_join(o.keywords)),
          ${tsq}, ${HEADLINE}) AS snippet
      FROM page pg JOIN organisations o ON pg.type = 'organisation' AND o.id = pg.id
      UNION ALL
      SELECT pg.type, pg.id, pg.score, p.acronym || ' — ' || p.title,
        ts_headline('public.polaris_fr'::regconfig, coalesce(nullif(p.summary, ''), public.polaris_join(p.keywords)),
          ${tsq}, ${HEADLINE})
      FROM page pg JOIN projects p ON pg.type = 'project' AND p.id = pg.id
      UNION ALL
      SELECT pg.type, pg.id, pg.score, pe.first_name || ' ' || pe.last_name,
        ts_headline('public.polaris_fr'::regconfig, coalesce(pe.job_title || ' — ', '') || o.name, ${tsq}, ${HEADLINE})
      FROM page pg JOIN people pe ON pg.type = 'person' AND pe.id = pg.id JOIN organisations o ON o.id = pe.organisation_id
    )
    SELECT
      (SELECT count(*)::int FROM filtered) AS total,
      (SELECT json_agg(json_build_object('type', type, 'id', id, 'title', title, 'snippet', snippet, 'score', score)
        ORDER BY score DESC, type, id) FROM items) AS items,
      ${facet('type', 'hits')} AS type_facet,
      ${facet('nw.slug', 'nets JOIN networks nw ON nw.id = nets.network_id')} AS network_facet,
      ${facet('kind')} AS kind_facet,
      ${facet('province')} AS province_facet,
      ${facet('section', 'filtered, unnest(filtered.nace) AS section')} AS nace_facet,
      ${facet('size')} AS size_facet`.execute(db);
  const row = r.rows[0]!;
  return {
    total: Number(row.total),
    items: (row.items ?? []).map((i) => ({ ...i, id: Number(i.id), score: Number(i.score) })),
    facets: {
      type: counts(row.typeFacet),
      network: counts(row.networkFacet),
      kind: counts(row.kindFacet),
      province: counts(row.provinceFacet),
      naceSection: counts(row.naceFacet),
      size: counts(row.sizeFacet),
    },
  };
}

export interface SuggestionRow {
  type: 'organisation' | 'project' | 'network';
  id: number;
  label: string;
}

/**
 * Suggestions while typing: organisation names, project acronyms and titles, network names.
 * First by prefix (a btree range scan on text_pattern_ops stops after `limit` rows); only when
 * that leaves room, by trigram word similarity (typos: "skiwin" → Skywin), best first. Networks
 * are few: always compared by similarity.
 */
export async function suggest(
  db: Db,
  req: { normalised: string; projects: ProjectScope; limit: number },
): Promise<SuggestionRow[]> {
  const n = req.normalised;
  const prefix = `${n.replace(/[\\%_]/g, '\\$&')}%`;
  const nName = sql`public.polaris_unaccent(lower(nw.name || coalesce(' ' || nw.acronym, '')))`;
  const networks = sql`SELECT 'network'::text AS type, nw.id, nw.name AS label,
      (CASE WHEN ${nName} LIKE ${prefix} THEN 3 ELSE 1 END + word_similarity(${n}::text, ${nName}))::float8 AS rank
    FROM networks nw WHERE ${nName} LIKE ${prefix} OR ${nName} LIKE ${`% ${prefix}`} OR word_similarity(${n}::text, ${nName}) >= 0.35`;
  const visibleProjects = (match: RawBuilder<unknown>) =>
    db.selectFrom('projects as p').select('p.id').where(visible(req.projects)).where(sql<SqlBool>`${match}`);
  const first = await sql<SuggestionRow & { rank: number }>`
    SELECT * FROM (
      (SELECT 'organisation'::text AS type, o.id, o.name AS label, 2::float8 AS rank
        FROM organisations o WHERE o.search_text LIKE ${prefix} LIMIT ${req.limit})
      UNION ALL
      (SELECT 'project'::text, p.id, p.acronym || ' — ' || p.title, 2::float8
        FROM projects p WHERE p.id IN (${visibleProjects(sql`p.search_name LIKE ${prefix}`)}) LIMIT ${req.limit})
      UNION ALL
      (${networks})
    ) s ORDER BY rank DESC, length(label), label LIMIT ${req.limit}`.execute(db);
  let rows = first.rows;
  if (rows.length < req.limit) {
    const fuzzy = (col: RawBuilder<unknown>) => sql<SqlBool>`(${n}::text <% ${col} OR ${col} % ${n}::text)`;
    const more = await sql<SuggestionRow & { rank: number }>`
      SELECT * FROM (
        (SELECT 'organisation'::text AS type, o.id, o.name AS label, word_similarity(${n}::text, o.search_text)::float8 AS rank
          FROM organisations o WHERE ${fuzzy(sql`o.search_text`)} ORDER BY 4 DESC, o.id LIMIT ${req.limit})
        UNION ALL
        (SELECT 'project'::text, p.id, p.acronym || ' — ' || p.title, word_similarity(${n}::text, p.search_name)::float8
          FROM projects p WHERE p.id IN (${visibleProjects(fuzzy(sql`p.search_name`))}) ORDER BY 4 DESC, p.id LIMIT ${req.limit})
      ) s ORDER BY rank DESC, label LIMIT ${req.limit}`.execute(db);
    const seen = new Set(rows.map((r) => `${r.type}:${r.id}`));
    rows = [...rows, ...more.rows.filter((r) => !seen.has(`${r.type}:${r.id}`))].slice(0, req.limit);
  }
  return rows.map(({ rank: _r, ...s }) => ({ ...s, id: Number(s.id) }));
}
