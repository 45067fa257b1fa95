import { describe, expect, it } from 'vitest';
import { apiParams, formatNace, NACE_PATTERN, readQuery, withParams } from './organisation-query.ts';

describe('organisation filters in the URL', () => {
  it('reads filters, sort and paging, ignoring unknown or invalid values', () => {
    const q = readQuery(
      new URLSearchParams('kind=university&q=%20lab%20&sort=-headcount&page=3&pageSize=50&x=1'),
    );
    expect(q).toEqual({
      filters: { kind: 'university', q: 'lab' },
      sort: '-headcount',
      page: 3,
      pageSize: 50,
    });
    const bad = readQuery(new URLSearchParams('sort=evil&page=-2&pageSize=9999'));
    expect(bad).toMatchObject({ sort: 'name', page: 1, pageSize: 25 });
  });

  it('pins the network on a network page', () => {
    const q = readQuery(new URLSearchParams('network=biowin&size=micro'), 'skywin');
    expect(q.filters).toEqual({ network: 'skywin', size: 'micro' });
  });

  it('builds the API query with and without paging', () => {
    const q = readQuery(new URLSearchParams('province=60000&page=2'), 'skywin');
    expect(apiParams(q, true).toString()).toBe('network=skywin&province=60000&sort=name&page=2&pageSize=25');
    expect(apiParams(q, false).toString()).toBe('network=skywin&province=60000&sort=name');
  });

  it('changes parameters, dropping empty ones', () => {
    const next = withParams(new URLSearchParams('kind=university&page=4'), {
      kind: '',
      page: null,
      size: 'small',
    });
    expect(next.toString()).toBe('size=small');
  });

  it('accepts the NACE filters the API accepts', () => {
    for (const ok of ['C', 'c', '25', '25.62', '25620']) expect(NACE_PATTERN.test(ok)).toBe(true);
    for (const bad of ['CC', '2', 'X1', '1234567']) expect(NACE_PATTERN.test(bad)).toBe(false);
    expect(formatNace('25620')).toBe('25.620');
    expect(formatNace('C')).toBe('C');
  });
});
