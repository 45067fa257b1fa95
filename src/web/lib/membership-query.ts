/** The membership-history filters (/adhesions) as they live in the URL and go to GET /memberships. */

import { PAGE_SIZES } from './organisation-query.ts';

export const MEMBERSHIP_FILTER_KEYS = ['network', 'joinedYear', 'leftYear', 'asOf'] as const;
export type MembershipFilterKey = (typeof MEMBERSHIP_FILTER_KEYS)[number];
export type MembershipFilters = Partial<Record<MembershipFilterKey, string>>;

export interface MembershipQuery {
  filters: MembershipFilters;
  page: number;
  pageSize: number;
}

/** The first year offered in the year filters (the oldest clusters date from the early 2000s). */
export const FIRST_YEAR = 2000;

/** What the API accepts, so a hand-edited URL does not end in a 400. */
const VALID: Record<MembershipFilterKey, RegExp> = {
  network: /^[a-z0-9][a-z0-9-]*$/,
  joinedYear: /^(19|2[01])\d\d$/,
  leftYear: /^(19|2[01])\d\d$/,
  asOf: /^\d{4}-\d{2}-\d{2}$/,
};

export function readMembershipQuery(sp: URLSearchParams): MembershipQuery {
  const filters: MembershipFilters = {};
  for (const k of MEMBERSHIP_FILTER_KEYS) {
    const v = sp.get(k)?.trim();
    if (v && VALID[k].test(v)) filters[k] = v;
  }
  const page = Math.max(1, Number.parseInt(sp.get('page') ?? '1', 10) || 1);
  const sizeParam = Number.parseInt(sp.get('pageSize') ?? '', 10);
  const pageSize = (PAGE_SIZES as readonly number[]).includes(sizeParam) ? sizeParam : 25;
  return { filters, page, pageSize };
}

/** Query-string pairs for GET /memberships (the list, or with `format` the export). */
export function membershipApiParams(q: MembershipQuery, withPaging: boolean): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of MEMBERSHIP_FILTER_KEYS) {
    const v = q.filters[k];
    if (v) p.set(k, v);
  }
  if (withPaging) {
    p.set('page', String(q.page));
    p.set('pageSize', String(q.pageSize));
  }
  return p;
}

/** The years offered, newest first: `FIRST_YEAR` to `thisYear`, plus a chosen year outside that range. */
export function yearOptions(thisYear: number, chosen: (string | undefined)[] = []): number[] {
  const years = new Set<number>();
  for (let y = thisYear; y >= FIRST_YEAR; y--) years.add(y);
  for (const c of chosen) if (c) years.add(Number(c));
  return [...years].sort((a, b) => b - a);
}
