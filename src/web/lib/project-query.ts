/** The project filters (/projets) as they live in the URL and go to GET /projects. */

import { PROJECT_SOURCES, PROJECT_STATUSES, PROJECT_TYPES } from '../api/project-types.ts';
import { PAGE_SIZES } from './organisation-query.ts';

export const PROJECT_FILTER_KEYS = ['q', 'status', 'network', 'type', 'year', 'source'] as const;
export type ProjectFilterKey = (typeof PROJECT_FILTER_KEYS)[number];
export type ProjectFilters = Partial<Record<ProjectFilterKey, string>>;

export const PROJECT_SORTS = [
  '-startDate',
  'startDate',
  'acronym',
  '-acronym',
  'funding',
  '-funding',
] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

/** Without a status in the URL, the list shows every labelled project (what the public may see). */
export const DEFAULT_STATUS = 'labelled';

export interface ProjectQuery {
  filters: ProjectFilters;
  sort: ProjectSort;
  page: number;
  pageSize: number;
}

const oneOf = (list: readonly string[]) => (v: string) => list.includes(v);

/** What the API accepts, so a hand-edited URL does not end in a 400. */
const VALID: Record<ProjectFilterKey, (v: string) => boolean> = {
  q: (v) => v.length <= 200,
  status: (v) => v.split(',').every(oneOf(PROJECT_STATUSES)),
  network: (v) => /^[a-z0-9][a-z0-9-]*$/.test(v),
  type: oneOf(PROJECT_TYPES),
  year: (v) => /^(199\d|20\d\d)$/.test(v),
  source: oneOf(PROJECT_SOURCES),
};

export function readProjectQuery(sp: URLSearchParams): ProjectQuery {
  const filters: ProjectFilters = {};
  for (const k of PROJECT_FILTER_KEYS) {
    const v = sp.get(k)?.trim();
    if (v && VALID[k](v)) filters[k] = v;
  }
  const sortParam = sp.get('sort') ?? '';
  const sort = (PROJECT_SORTS as readonly string[]).includes(sortParam)
    ? (sortParam as ProjectSort)
    : '-startDate';
  const page = Math.max(1, Number.parseInt(sp.get('page') ?? '1', 10) || 1);
  const sizeParam = Number.parseInt(sp.get('pageSize') ?? '', 10);
  const pageSize = (PAGE_SIZES as readonly number[]).includes(sizeParam) ? sizeParam : 25;
  return { filters, sort, page, pageSize };
}

/**
 * Query-string pairs for GET /projects (`withPaging`), its export, or the funding totals
 * (`withSort` false: that endpoint refuses a sort).
 */
export function projectApiParams(
  q: ProjectQuery,
  { withPaging = false, withSort = true }: { withPaging?: boolean; withSort?: boolean } = {},
): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of PROJECT_FILTER_KEYS) {
    const v = q.filters[k];
    if (v) p.set(k, v);
  }
  if (!p.has('status')) p.set('status', DEFAULT_STATUS);
  if (withSort) p.set('sort', q.sort);
  if (withPaging) {
    p.set('page', String(q.page));
    p.set('pageSize', String(q.pageSize));
  }
  return p;
}
