import {
  CamelCasePlugin,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/schema.ts';
import { parseSearchQuery } from '../../domain/search-query.ts';
import { type SearchRequest, searchStatement } from './search.repository.ts';

/**
 * The search statement as compiled SQL, kept in a file beside this test so a reviewer sees the
 * query change (STYLE.md, "one query per file, compiled SQL snapshotted"), and the bounds that
 * keep it fast checked one by one.
 */
const db = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
  plugins: [new CamelCasePlugin()],
});

const parsed = parseSearchQuery('matériaux composites');
const request: SearchRequest = {
  groups: parsed.groups,
  normalised: parsed.normalised,
  trigram: false,
  filter: {},
  projects: {},
  people: null,
  day: '2026-11-28',
  limit: 20,
  offset: 0,
  cap: 500,
  window: 50,
};
const TSQ = "( 'material' | 'materiau' ) & 'composit'";

describe('search statement', () => {
  it('matches its SQL file', async () => {
    const c = searchStatement(request, TSQ).compile(db);
    await expect(`${c.sql.trim()}\n`).toMatchFileSnapshot('./__snapshots__/search-statement.sql');
  });

  it('takes the tsquery as a constant, stops each scan at the cap and scores only the window', () => {
    const c = searchStatement(request, TSQ).compile(db);
    // no word-by-word tsquery builder left for the planner to run at each use
    expect(c.sql).not.toContain('polaris_tsquery');
    expect(c.parameters.filter((p) => p === TSQ).length).toBeGreaterThan(3);
    // public: organisations and projects, each scan limited to cap + 1, no people
    const limits = [...c.sql.matchAll(/LIMIT \$(\d+)/g)].map((m) => c.parameters[Number(m[1]) - 1]);
    expect(limits.filter((n) => n === request.cap + 1)).toHaveLength(2);
    expect(c.sql).not.toContain('people pe');
    expect(c.parameters).toContain(request.window);
    // in typo mode the names are matched by word similarity, never by whole-string similarity
    const typo = searchStatement({ ...request, trigram: true }, TSQ).compile(db).sql;
    expect(typo).toContain('<%');
    expect(typo).not.toMatch(/ % \$/);
  });

  it('leaves projects out under an organisation filter and adds people only for a scope', () => {
    const filtered = searchStatement({ ...request, filter: { kind: 'university' } }, TSQ).compile(db).sql;
    expect(filtered).not.toContain('projects p');
    const withPeople = searchStatement({ ...request, people: { all: true } }, TSQ).compile(db).sql;
    expect(withPeople).toContain('people pe');
  });
});
