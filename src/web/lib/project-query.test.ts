import { describe, expect, it } from 'vitest';
import { projectApiParams, readProjectQuery } from './project-query.ts';

describe('the project query', () => {
  it('asks for labelled projects, newest first, when the URL says nothing', () => {
    const q = readProjectQuery(new URLSearchParams(''));
    expect(q).toEqual({ filters: {}, sort: '-startDate', page: 1, pageSize: 25 });
    expect(projectApiParams(q, { withPaging: true }).toString()).toBe(
      'status=labelled&sort=-startDate&page=1&pageSize=25',
    );
  });

  it('keeps valid filters and drops what the API would refuse', () => {
    const q = readProjectQuery(
      new URLSearchParams('q=vaccin&status=running,closed&network=biowin&type=space&year=15&sort=-funding'),
    );
    expect(q.filters).toEqual({ q: 'vaccin', status: 'running,closed', network: 'biowin' });
    expect(q.sort).toBe('-funding');
    expect(readProjectQuery(new URLSearchParams('status=lost&sort=name')).sort).toBe('-startDate');
    expect(readProjectQuery(new URLSearchParams('status=lost')).filters).toEqual({});
  });

  it('sends no sort to the funding totals', () => {
    const q = readProjectQuery(new URLSearchParams('year=2019'));
    expect(projectApiParams(q, { withSort: false }).toString()).toBe('year=2019&status=labelled');
  });
});
