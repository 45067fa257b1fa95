import { describe, expect, it } from 'vitest';
import { membershipApiParams, readMembershipQuery, yearOptions } from './membership-query.ts';

describe('membership-history filters in the URL', () => {
  it('reads the filters and paging, dropping what the API would refuse', () => {
    const q = readMembershipQuery(
      new URLSearchParams('network=skywin&joinedYear=2019&leftYear=20x0&asOf=31/12/2017&page=2&pageSize=50'),
    );
    expect(q).toEqual({ filters: { network: 'skywin', joinedYear: '2019' }, page: 2, pageSize: 50 });
    expect(readMembershipQuery(new URLSearchParams('network=Sky%20win&page=0&pageSize=7'))).toEqual({
      filters: {},
      page: 1,
      pageSize: 25,
    });
  });

  it('builds the list query with paging and the export query without', () => {
    const q = readMembershipQuery(new URLSearchParams('leftYear=2020&network=biowin&asOf=2020-12-31'));
    expect(membershipApiParams(q, true).toString()).toBe(
      'network=biowin&leftYear=2020&asOf=2020-12-31&page=1&pageSize=25',
    );
    expect(membershipApiParams(q, false).toString()).toBe('network=biowin&leftYear=2020&asOf=2020-12-31');
  });

  it('offers the years newest first, keeping a chosen year outside the range', () => {
    const years = yearOptions(2026, ['1998', undefined]);
    expect(years[0]).toBe(2026);
    expect(years.at(-1)).toBe(1998);
    expect(years).toContain(2000);
    expect(new Set(years).size).toBe(years.length);
  });
});
