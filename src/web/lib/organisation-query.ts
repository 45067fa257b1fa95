/** The organisation filters as they live in the URL query string and go to the API. */

export const FILTER_KEYS = ['network', 'q', 'kind', 'province', 'size', 'nace', 'asOf'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

export const SORTS = ['name', '-name', 'headcount', '-headcount'] as const;
export type Sort = (typeof SORTS)[number];
export const PAGE_SIZES = [25, 50, 100] as const;

export interface OrganisationQuery {
  filters: Filters;
  sort: Sort;
  page: number;
  pageSize: number;
}

/** Same rule as the API: a NACE section letter or a code prefix of 2 to 6 digits (dots allowed). */
export const NACE_PATTERN = /^([A-Ua-u]|[0-9.]{2,6})$/;

export function readQuery(sp: URLSearchParams, fixedNetwork?: string): OrganisationQuery {
  const filters: Filters = {};
  for (const k of FILTER_KEYS) {
    const v = sp.get(k)?.trim();
    if (v) filters[k] = v;
  }
  if (fixedNetwork) filters.network = fixedNetwork;
  const sortParam = sp.get('sort');
  const sort = (SORTS as readonly string[]).includes(sortParam ?? '') ? (sortParam as Sort) : 'name';
  const page = Math.max(1, Number.parseInt(sp.get('page') ?? '1', 10) || 1);
  const sizeParam = Number.parseInt(sp.get('pageSize') ?? '', 10);
  const pageSize = (PAGE_SIZES as readonly number[]).includes(sizeParam) ? sizeParam : 25;
  return { filters, sort, page, pageSize };
}

/** Query-string pairs for the API (list or export). */
export function apiParams(q: OrganisationQuery, withPaging: boolean): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = q.filters[k];
    if (v) p.set(k, v);
  }
  p.set('sort', q.sort);
  if (withPaging) {
    p.set('page', String(q.page));
    p.set('pageSize', String(q.pageSize));
  }
  return p;
}

/** A copy of the URL params with `changes` applied (empty values removed). */
export function withParams(
  sp: URLSearchParams,
  changes: Record<string, string | null | undefined>,
): URLSearchParams {
  const next = new URLSearchParams(sp);
  for (const [k, v] of Object.entries(changes)) {
    if (v == null || v === '') next.delete(k);
    else next.set(k, v);
  }
  return next;
}

/** 25620 → 25.620 (the NACE-BEL way of writing a code). */
export function formatNace(code: string): string {
  return /^\d{3,}$/.test(code) ? `${code.slice(0, 2)}.${code.slice(2)}` : code;
}
