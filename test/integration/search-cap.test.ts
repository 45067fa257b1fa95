import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { RANK_WINDOW, SEARCH_COUNT_CAP } from '../../src/modules/search/search.service.ts';
import { useTestApp } from '../helpers/app.ts';

/**
 * Past SEARCH_COUNT_CAP matches of a type, total and facets stop counting (lower bounds, flagged);
 * the ranking still puts an exact name first, wherever it lies, and pages past the fully scored
 * window neither repeat nor skip a hit.
 */
describe('search API beyond the count cap', () => {
  const t = useTestApp();
  const over = SEARCH_COUNT_CAP + 40;
  let exactId = 0;

  beforeAll(async () => {
    const db = t.handle.db;
    // one statement: `over` organisations whose descriptions mention "zircone", every fifth in
    // province 60000 (fewer than the cap), then one named exactly "Zircone" (the last row)
    await sql`INSERT INTO organisations (name, name_key, search_text, kind, province_nis, description)
      SELECT 'Filler ' || i, 'filler ' || i, 'filler ' || i, 'enterprise',
        CASE WHEN i % 5 = 0 THEN '60000' ELSE '50000' END, 'Céramiques techniques en zircone, lot ' || i
      FROM generate_series(1, ${over}::int) AS i`.execute(db);
    const row = await sql<{
      id: number;
    }>`INSERT INTO organisations (name, name_key, search_text, kind, description)
      VALUES ('Zircone', 'zircone', 'zircone', 'enterprise', 'Poudres céramiques.') RETURNING id`.execute(db);
    exactId = row.rows[0]!.id;
  });

  async function search(query: string) {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/search?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      items: { type: string; id: number; title: string; score: number }[];
      facets: Record<string, Record<string, number>>;
      total: number;
      totalIsEstimate: boolean;
    };
  }

  it('caps total and facets and flags them, and counts a narrower query exactly', async () => {
    const direct = await sql<{ n: number }>`SELECT count(*)::int AS n FROM organisations
      WHERE search_vector @@ public.polaris_tsquery(${['zircone']}::text[])`.execute(t.handle.db);
    expect(direct.rows[0]!.n).toBe(over + 1);
    const all = await search('q=zircone');
    expect(all.totalIsEstimate).toBe(true);
    expect(all.total).toBe(SEARCH_COUNT_CAP);
    expect(all.facets.type!.organisation).toBe(SEARCH_COUNT_CAP);
    // every facet count is a lower bound of the true count
    expect(all.facets.province!['60000']).toBeLessThanOrEqual(Math.floor(over / 5));
    const narrow = await search('q=zircone&province=60000');
    expect(narrow.totalIsEstimate).toBe(false);
    expect(narrow.total).toBe(Math.floor(over / 5));
  });

  it('ranks an exact name first even past the cap', async () => {
    const r = await search('q=zircone');
    expect(r.items[0]).toMatchObject({ type: 'organisation', id: exactId, title: 'Zircone' });
    expect(r.items[0]!.score).toBeGreaterThan(10);
  });

  it('pages through and past the fully scored window without repeats', async () => {
    const pageSize = 20;
    const pages = Math.ceil(RANK_WINDOW / pageSize) + 2;
    const seen: number[] = [];
    for (let page = 1; page <= pages; page++) {
      const r = await search(`q=zircone&pageSize=${pageSize}&page=${page}`);
      expect(r.items).toHaveLength(pageSize);
      seen.push(...r.items.map((i) => i.id));
    }
    expect(seen.length).toBeGreaterThan(RANK_WINDOW);
    expect(new Set(seen).size).toBe(seen.length);
    // the same hits as one big page
    const big = await search(`q=zircone&pageSize=100`);
    const bigger = await search(`q=zircone&pageSize=100&page=2`);
    expect([...big.items, ...bigger.items].map((i) => i.id).slice(0, seen.length)).toEqual(seen);
  });
});
