import { todayIso } from '../../domain/dates.ts';
import { ValidationError } from '../../domain/errors.ts';
import { parseSearchQuery, safeHighlight } from '../../domain/search-query.ts';
import { cacheEnabled, cacheFor } from '../cache.ts';
import type { Ctx } from '../context.ts';
import { projectScope } from '../projects/projects.policy.ts';
import { findNetworkBySlug } from '../registry/networks.repository.ts';
import { peopleScope } from './search.policy.ts';
import * as repo from './search.repository.ts';
import { didYouMean, suggest } from './search-suggest.repository.ts';

export interface SearchQuery {
  q: string;
  type?: repo.SearchType;
  network?: string;
  kind?: string;
  province?: string;
  nace?: string;
  size?: string;
  page: number;
  pageSize: number;
}

/** Below this many full-text hits, names and titles are also matched by trigram similarity. */
export const TRIGRAM_FALLBACK_BELOW = 5;

/**
 * Matches counted per type: total and facets are exact up to here, lower bounds beyond
 * (`totalIsEstimate`). Each counted match costs the statement ~13 µs of PostgreSQL CPU (heap
 * row, pre-score, facets, membership probe); on the 100,000-organisation bench "matériaux
 * composites" took 8.5 ms with nothing counted, 15.5 ms counting 300 a type, 19 ms counting 500,
 * 25 ms counting 1,000: 300 keeps the broadest queries under the 30 ms target for one client.
 */
export const SEARCH_COUNT_CAP = 300;
/** In typo mode each candidate also costs a trigram recheck and a similarity: a lower cap. */
export const TRIGRAM_COUNT_CAP = 200;
/**
 * Candidates (best by the cheap pre-score) that get the full score (~15 µs each): the first two
 * pages of 20, or one of 50. Pages beyond follow the pre-score.
 */
export const RANK_WINDOW = 50;

export interface SearchAnswer {
  items: { type: repo.SearchType; id: number; title: string; snippet: string; score: number }[];
  facets: repo.FacetCounts;
  /** exact when `totalIsEstimate` is false; otherwise at least this many (the count stopped at the cap) */
  total: number;
  /** true when some type had more matches than were counted: total and facets are lower bounds */
  totalIsEstimate: boolean;
  /** a name close to a query that found nothing ("did you mean …?") */
  suggestion?: string;
  page: number;
  pageSize: number;
}

async function run(ctx: Ctx, q: SearchQuery): Promise<SearchAnswer> {
  const parsed = parseSearchQuery(q.q);
  const filter: repo.SearchFilter = {
    type: q.type,
    kind: q.kind,
    provinceNis: q.province,
    naceSection: q.nace?.toUpperCase(),
    size: q.size,
  };
  if (q.network) {
    const n = await findNetworkBySlug(ctx.db, q.network);
    if (!n)
      throw new ValidationError(`Unknown network "${q.network}"`, [
        { path: 'network', message: `no network has the slug "${q.network}"` },
      ]);
    filter.networkId = n.id;
  }
  const request: repo.SearchRequest = {
    groups: parsed.groups,
    normalised: parsed.normalised,
    trigram: parsed.groups.length === 0,
    filter,
    projects: projectScope(ctx.actor),
    people: peopleScope(ctx.actor),
    day: todayIso(),
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
    cap: parsed.groups.length === 0 ? TRIGRAM_COUNT_CAP : SEARCH_COUNT_CAP,
    window: RANK_WINDOW,
  };
  let r = await repo.search(ctx.db, request);
  // typo tolerance: full text found nothing or little ("Aérotec" for "Aerotech SA")
  if (!request.trigram && r.total < TRIGRAM_FALLBACK_BELOW && parsed.normalised.length >= 3)
    r = await repo.search(ctx.db, { ...request, trigram: true, cap: TRIGRAM_COUNT_CAP });
  const suggestion =
    r.total === 0 && parsed.normalised.length >= 3
      ? await didYouMean(ctx.db, parsed.normalised, request.projects)
      : null;
  return {
    items: r.items.map((i) => ({
      type: i.type,
      id: i.id,
      title: i.title,
      snippet: safeHighlight(i.snippet ?? ''),
      score: Math.round(i.score * 10_000) / 10_000,
    })),
    facets: r.facets,
    total: r.total,
    totalIsEstimate: r.capped,
    ...(suggestion != null && suggestion.toLowerCase() !== q.q.trim().toLowerCase() ? { suggestion } : {}),
    page: q.page,
    pageSize: q.pageSize,
  };
}

/**
 * Search organisations, the projects the caller may see and the people the caller may read.
 * Public answers are cached per data version (organisations, projects and memberships bump it);
 * answers with people are not (people are not versioned, and they depend on the caller).
 */
export async function search(ctx: Ctx, q: SearchQuery): Promise<SearchAnswer> {
  const a = ctx.actor;
  const anonymous = !a.isAdmin && a.managerOf.length === 0 && a.memberOf.length === 0;
  if (anonymous && cacheEnabled())
    return cacheFor(ctx.db).get(ctx.db, `search:${JSON.stringify(q)}`, () => run(ctx, q));
  return run(ctx, q);
}

/**
 * Suggestions while typing (organisations, visible projects, networks), cached per data version
 * and project scope (the only thing about the caller they depend on).
 */
export async function autocomplete(ctx: Ctx, q: { q: string; limit: number }) {
  const normalised = parseSearchQuery(q.q).normalised;
  if (normalised.length < 2) return { items: [] };
  const projects = projectScope(ctx.actor);
  const compute = async () => ({ items: await suggest(ctx.db, { normalised, projects, limit: q.limit }) });
  if (!cacheEnabled()) return compute();
  return cacheFor(ctx.db).get(
    ctx.db,
    `autocomplete:${JSON.stringify([normalised, q.limit, projects])}`,
    compute,
  );
}
