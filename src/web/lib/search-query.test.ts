import { describe, expect, it } from 'vitest';
import { readSearchQuery, searchApiPath } from './search-query.ts';

describe('the search page query', () => {
  it('reads the URL and builds the API path', () => {
    const q = readSearchQuery(new URLSearchParams('q=aéronautique&type=organisation&nace=C&page=2&bogus=1'));
    expect(q).toEqual({
      q: 'aéronautique',
      type: 'organisation',
      filters: { nace: 'C' },
      page: 2,
      pageSize: 25,
    });
    expect(searchApiPath(q)).toBe('/search?q=a%C3%A9ronautique&type=organisation&nace=C&page=2&pageSize=25');
  });

  it('searches nothing without a query and ignores an unknown type', () => {
    const q = readSearchQuery(new URLSearchParams('type=network'));
    expect(q.type).toBeNull();
    expect(searchApiPath(q)).toBeNull();
  });
});
