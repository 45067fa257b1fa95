import { FACET_NAMES, type FacetName, SEARCH_TYPES, type SearchType } from '../api/search-types.ts';
import { PAGE_SIZES } from './organisation-query.ts';

/** The API parameter of each facet (the NACE section facet filters as `nace`). */
export const FACET_PARAM: Record<FacetName, string> = {
  network: 'network',
  kind: 'kind',
  province: 'province',
  naceSection: 'nace',
  size: 'size',
};

export interface SearchPageQuery {
  q: string;
  type: SearchType | null;
  /** facet filters by API parameter (network, kind, province, nace, size) */
  filters: Record<string, string>;
  page: number;
  pageSize: number;
}

/** Read the search page's URL: `q`, `type`, the facet filters, `page`, `pageSize`. */
export function readSearchQuery(sp: URLSearchParams): SearchPageQuery {
  const type = sp.get('type');
  const filters: Record<string, string> = {};
  for (const f of FACET_NAMES) {
    const v = sp.get(FACET_PARAM[f])?.trim();
    if (v) filters[FACET_PARAM[f]] = v;
  }
  const page = Math.max(1, Math.min(500, Number(sp.get('page')) || 1));
  const size = Number(sp.get('pageSize'));
  return {
    q: sp.get('q')?.trim() ?? '',
    type: (SEARCH_TYPES as readonly string[]).includes(type ?? '') ? (type as SearchType) : null,
    filters,
    page,
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : 25,
  };
}

/** The GET /search path for a page query, or null when there is nothing to search for. */
export function searchApiPath(q: SearchPageQuery): string | null {
  if (q.q === '') return null;
  const p = new URLSearchParams({ q: q.q });
  if (q.type) p.set('type', q.type);
  for (const [k, v] of Object.entries(q.filters)) p.set(k, v);
  p.set('page', String(q.page));
  p.set('pageSize', String(q.pageSize));
  return `/search?${p.toString()}`;
}

/** Where a result or a suggestion leads in the web app (null: no page of its own). */
export function resultPath(type: string, id: number): string | null {
  if (type === 'organisation') return `/organisations/${id}`;
  if (type === 'project') return `/projets/${id}`;
  return null;
}
