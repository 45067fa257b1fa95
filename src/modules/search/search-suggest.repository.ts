import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { ProjectScope } from '../projects/projects.repository.ts';
import { projectVisibility, withIndexScans } from './search.repository.ts';

/**
 * Names while typing (autocomplete) and "did you mean" names when a search finds nothing: the
 * trigram and prefix indexes on organisation names and project titles (migration
 * 2026-11-28T1200-search), every scan bounded by a LIMIT.
 */

export interface SuggestionRow {
  type: 'organisation' | 'project' | 'network';
  id: number;
  label: string;
}

/** Below this length a query is too short for trigrams to mean much: prefixes only. */
export const FUZZY_MIN_LENGTH = 4;
/** Trigram candidates read before the best are picked (each costs a similarity recheck). */
const FUZZY_CANDIDATES = 40;

const networkName = sql`public.polaris_unaccent(lower(nw.name || coalesce(' ' || nw.acronym, '')))`;

/**
 * Suggestions while typing: organisation names, project acronyms and titles, network names.
 * First by prefix (a btree range scan on text_pattern_ops stops after `limit` rows); only when
 * that leaves room and the text has at least FUZZY_MIN_LENGTH characters, by trigram word
 * similarity (typos: "skywinn" → Skywin) among the first FUZZY_CANDIDATES index matches, best
 * first. Networks are few: always compared by similarity.
 */
export async function suggest(
  db: Db,
  req: { normalised: string; projects: ProjectScope; limit: number },
): Promise<SuggestionRow[]> {
  const n = req.normalised;
  const prefix = `${n.replace(/[\\%_]/g, '\\$&')}%`;
  const networks = sql`SELECT 'network'::text AS type, nw.id, nw.name AS label,
      (CASE WHEN ${networkName} LIKE ${prefix} THEN 3 ELSE 1 END + word_similarity(${n}::text, ${networkName}))::float8 AS rank
    FROM networks nw WHERE ${networkName} LIKE ${prefix} OR ${networkName} LIKE ${`% ${prefix}`}
      OR word_similarity(${n}::text, ${networkName}) >= 0.35`;
  const first = await sql<SuggestionRow & { rank: number }>`
    SELECT * FROM (
      (SELECT 'organisation'::text AS type, o.id, o.name AS label, 2::float8 AS rank
        FROM organisations o WHERE o.search_text LIKE ${prefix} LIMIT ${req.limit})
      UNION ALL
      (SELECT 'project'::text, p.id, p.acronym || ' — ' || p.title, 2::float8
        FROM projects p WHERE p.search_name LIKE ${prefix} AND ${projectVisibility(req.projects)} LIMIT ${req.limit})
      UNION ALL
      (${networks})
    ) s ORDER BY rank DESC, length(label), label LIMIT ${req.limit}`.execute(db);
  let rows = first.rows;
  if (rows.length < req.limit && n.length >= FUZZY_MIN_LENGTH) {
    const more = await withIndexScans(db, (trx) =>
      sql<SuggestionRow & { rank: number }>`
      SELECT * FROM (
        (SELECT 'organisation'::text AS type, c.id, c.name AS label, word_similarity(${n}::text, c.search_text)::float8 AS rank
          FROM (SELECT o.id, o.name, o.search_text FROM organisations o WHERE ${n}::text <% o.search_text
            LIMIT ${FUZZY_CANDIDATES}) c)
        UNION ALL
        (SELECT 'project'::text, c.id, c.label, word_similarity(${n}::text, c.search_name)::float8
          FROM (SELECT p.id, p.acronym || ' — ' || p.title AS label, p.search_name FROM projects p
            WHERE ${n}::text <% p.search_name AND ${projectVisibility(req.projects)} LIMIT ${FUZZY_CANDIDATES}) c)
      ) s ORDER BY rank DESC, length(label), label LIMIT ${req.limit}`.execute(trx),
    );
    const seen = new Set(rows.map((r) => `${r.type}:${r.id}`));
    rows = [...rows, ...more.rows.filter((r) => !seen.has(`${r.type}:${r.id}`))].slice(0, req.limit);
  }
  return rows.map(({ rank: _r, ...s }) => ({ ...s, id: Number(s.id) }));
}

/** Word similarity a "did you mean" name needs: looser than the search's own 0.6. */
export const DID_YOU_MEAN_SIMILARITY = 0.4;

/**
 * "Did you mean": the organisation name, visible project acronym or network name closest to a
 * text that found nothing, by trigram word similarity ≥ DID_YOU_MEAN_SIMILARITY, or null. The
 * threshold is set for this transaction only, so the trigram index still answers `<%`.
 */
export async function didYouMean(db: Db, normalised: string, projects: ProjectScope): Promise<string | null> {
  const n = normalised;
  const best = (rows: { label: string; s: number }[]) => rows.sort((a, b) => b.s - a.s)[0]?.label ?? null;
  return withIndexScans(db, async (trx) => {
    await sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(DID_YOU_MEAN_SIMILARITY)}, true)`.execute(
      trx,
    );
    const sim = (col: RawBuilder<unknown>) => sql`word_similarity(${n}::text, ${col})::float8`;
    const r = await sql<{ label: string; s: number }>`
      (SELECT c.label, ${sim(sql`c.name`)} AS s FROM (SELECT o.name AS label, o.search_text AS name FROM organisations o
        WHERE ${n}::text <% o.search_text LIMIT ${FUZZY_CANDIDATES}) c ORDER BY s DESC, c.label LIMIT 1)
      UNION ALL
      (SELECT c.label, ${sim(sql`c.name`)} AS s FROM (SELECT p.acronym AS label, public.polaris_unaccent(lower(p.acronym)) AS name
        FROM projects p WHERE ${n}::text <% p.search_name AND ${projectVisibility(projects)}
        LIMIT ${FUZZY_CANDIDATES}) c ORDER BY s DESC, c.label LIMIT 1)
      UNION ALL
      (SELECT nw.name, ${sim(networkName)} FROM networks nw WHERE ${sim(networkName)} >= ${DID_YOU_MEAN_SIMILARITY}
        ORDER BY 2 DESC, 1 LIMIT 1)`.execute(trx);
    return best(r.rows.filter((x) => Number(x.s) >= DID_YOU_MEAN_SIMILARITY));
  });
}
