import { todayIso } from '../../domain/dates.ts';
import { ValidationError } from '../../domain/errors.ts';
import { parseSearchQuery, safeHighlight } from '../../domain/search-query.ts';
import { cacheEnabled, cacheFor } from '../cache.ts';
import type { Ctx } from '../context.ts';
import { projectScope } from '../projects/projects.policy.ts';
import { findNetworkBySlug } from '../registry/networks.repository.ts';
import { peopleScope } from './search.policy.ts';
import * as repo from './search.repository.ts';

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

export interface SearchAnswer {
  items: { type: repo.SearchType; id: number; title: string; snippet: string; score: number }[];
  facets: repo.SearchResultRows['facets'];
  total: number;
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
  };
  let r = await repo.search(ctx.db, request);
  // typo tolerance: full text found nothing or little ("Aérotec" for "Aerotech SA")
  if (!request.trigram && r.total < TRIGRAM_FALLBACK_BELOW && parsed.normalised.length >= 3)
    r = await repo.search(ctx.db, { ...request, trigram: true });
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

/** Suggestions while typing (organisations, visible projects, networks). */
export async function autocomplete(ctx: Ctx, q: { q: string; limit: number }) {
  const normalised = parseSearchQuery(q.q).normalised;
  if (normalised.length < 2) return { items: [] };
  const items = await repo.suggest(ctx.db, { normalised, projects: projectScope(ctx.actor), limit: q.limit });
  return { items };
}
