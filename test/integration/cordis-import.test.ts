import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/modules/auth/actor.ts';
import { importCordis } from '../../src/modules/projects/cordis.service.ts';
import { useTestApp } from '../helpers/app.ts';
import { makeOrganisation, makeUser } from '../helpers/factories.ts';
import { multipartFile } from '../helpers/multipart.ts';

const FILE = resolve(
  process.cwd(),
  '..',
  'shared',
  'data',
  'validation',
  'cordis-h2020-be',
  'h2020_BE_participations.csv',
);

/** Counts computed independently of Polaris's reader (csv-parse), to check the import against. */
function independentCounts(bytes: Buffer) {
  const rows = parse(bytes, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const projects = new Set(rows.map((r) => r.rcn));
  const orgs = new Set(rows.map((r) => r.pic));
  const coordinators = rows.filter((r) => r.role === 'coordinator').length;
  const granted = rows.reduce((s, r) => s + (r.contribution === 'NA' ? 0 : Number(r.contribution)), 0);
  const byKind: Record<string, number> = {};
  for (const r of rows) byKind[r.type!] = (byKind[r.type!] ?? 0) + 1;
  return { rows: rows.length, projects: projects.size, orgs: orgs.size, coordinators, granted, byKind };
}

describe('CORDIS import of the Belgian H2020 participations', () => {
  const t = useTestApp();
  const bytes = readFileSync(FILE);
  const ref = independentCounts(bytes);
  let linkedOrg: number;

  beforeAll(async () => {
    // a registry organisation known by its PIC: its participations link to it
    const o = await makeOrganisation(t.handle.db, { name: 'Université avec PIC' });
    linkedOrg = o.id;
    await t.handle.db.updateTable('organisations').set({ pic: '999902870' }).where('id', '=', o.id).execute();
  });

  it('stores every participation, project and organisation the file holds', async () => {
    expect(ref).toMatchObject({ rows: 7022, projects: 4426, orgs: 1507 });
    const r = await importCordis({ db: t.handle.db, actor: SYSTEM }, bytes);
    expect(r).toMatchObject({
      ok: true,
      rows: ref.rows,
      projects: ref.projects,
      organisations: ref.orgs,
      created: ref.projects,
      updated: 0,
    });
    const c = await sql<Record<string, number>>`
      SELECT (SELECT count(*)::int FROM projects WHERE source = 'cordis') AS projects,
             (SELECT count(*)::int FROM project_partners pp JOIN projects p ON p.id = pp.project_id WHERE p.source = 'cordis') AS partners,
             (SELECT count(DISTINCT coalesce(pp.external_id, o.pic))::int FROM project_partners pp
                LEFT JOIN organisations o ON o.id = pp.organisation_id) AS orgs,
             (SELECT count(*)::int FROM project_partners WHERE role = 'coordinator') AS coordinators,
             (SELECT sum(funding_granted_eur)::float8 FROM project_partners) AS granted`.execute(t.handle.db);
    expect(c.rows[0]).toEqual({
      projects: ref.projects,
      partners: ref.rows,
      orgs: ref.orgs,
      coordinators: ref.coordinators,
      granted: ref.granted,
    });
    const kinds = await sql<{ k: string; n: number }>`
      SELECT coalesce(external_kind, 'x') AS k, count(*)::int AS n FROM project_partners GROUP BY 1 ORDER BY 1`.execute(
      t.handle.db,
    );
    expect(Object.fromEntries(kinds.rows.map((x) => [x.k, x.n]))).toEqual({
      enterprise: ref.byKind.PRC,
      university: ref.byKind.HES,
      research_centre: ref.byKind.REC,
      public_body: ref.byKind.PUB,
      other: ref.byKind.OTH,
    });
  });

  it('links a participant to the registry organisation with the same PIC', async () => {
    const expected = parse(bytes, { columns: true }).filter(
      (r: Record<string, string>) => r.pic === '999902870',
    ).length;
    expect(expected).toBeGreaterThan(0);
    const n = await t.handle.db
      .selectFrom('projectPartners')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('organisationId', '=', linkedOrg)
      .executeTakeFirstOrThrow();
    expect(n.n).toBe(expected);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/projects?organisation=${linkedOrg}&source=cordis&pageSize=1`,
    });
    expect(res.json().total).toBe(expected);
  });

  it('is idempotent: importing again updates the same projects and doubles nothing', async () => {
    const r = await importCordis({ db: t.handle.db, actor: SYSTEM }, bytes);
    expect(r).toMatchObject({ created: 0, updated: ref.projects });
    const n = await sql<{ p: number; pp: number }>`
      SELECT (SELECT count(*)::int FROM projects) AS p, (SELECT count(*)::int FROM project_partners) AS pp`.execute(
      t.handle.db,
    );
    expect(n.rows[0]).toEqual({ p: ref.projects, pp: ref.rows });
  });

  it('rejects a bad file with row, column and reason, and writes nothing', async () => {
    const before = await sql<{
      md5: string;
    }>`SELECT md5(string_agg(p::text, '|' ORDER BY p.id)) AS md5 FROM projects p`.execute(t.handle.db);
    const good = bytes.toString('utf8').split('\n').slice(0, 50);
    const bad = [
      ...good,
      '123,boss,12345,PRC,100,BE,2020-01-01,2022-01-01,1,1,2020,2022,24,eu15,1',
      good[1]!,
    ].join('\n');
    await expect(importCordis({ db: t.handle.db, actor: SYSTEM }, Buffer.from(bad))).rejects.toMatchObject({
      details: expect.arrayContaining([
        expect.objectContaining({ row: 51, column: 'role', value: 'boss' }),
        expect.objectContaining({ row: 51, column: 'pic', value: '12345' }),
        expect.objectContaining({
          row: 52,
          column: 'pic',
          message: expect.stringContaining('already takes part'),
        }),
      ]),
    });
    await expect(
      importCordis(
        { db: t.handle.db, actor: SYSTEM },
        Buffer.from('rcn,role,pic\n1,coordinator,999999999\n'),
      ),
    ).rejects.toThrow(/missing type, contribution, country, start_date, end_date/);
    const after = await sql<{
      md5: string;
    }>`SELECT md5(string_agg(p::text, '|' ORDER BY p.id)) AS md5 FROM projects p`.execute(t.handle.db);
    expect(after.rows[0]).toEqual(before.rows[0]);
  });

  it('through the API: admins only, same report', async () => {
    const manager = await makeUser(t.handle.db, { manages: [] });
    const admin = await makeUser(t.handle.db, { admin: true });
    const small = bytes.toString('utf8').split('\n').slice(0, 11).join('\n');
    const mp = multipartFile(Buffer.from(small), { filename: 'cordis.csv' });
    const anon = await t.app.inject({ method: 'POST', url: '/api/v1/imports/cordis', ...mp });
    expect(anon.statusCode).toBe(401);
    const asManager = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/cordis',
      payload: mp.payload,
      headers: { ...mp.headers, cookie: await t.login(manager.email, manager.password) },
    });
    expect(asManager.statusCode).toBe(403);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/cordis?dryRun=true',
      payload: mp.payload,
      headers: { ...mp.headers, cookie: await t.login(admin.email, admin.password) },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: true, rows: 10, created: 0 });
  });
});
