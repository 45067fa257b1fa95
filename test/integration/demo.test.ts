import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseEnterpriseNumber } from '../../src/domain/enterprise-number.ts';
import { SYSTEM } from '../../src/modules/auth/actor.ts';
import { DEMO_ACCOUNTS, type DemoSummary, isEmpty, loadDemo } from '../../src/modules/demo/demo.service.ts';
import { projectEligibility } from '../../src/modules/projects/project-write.service.ts';
import { useTestApp } from '../helpers/app.ts';

describe('loadDemo into a database', () => {
  const t = useTestApp();
  let summary: DemoSummary;
  const log: string[] = [];

  beforeAll(async () => {
    expect(await isEmpty(t.handle.db)).toBe(true);
    summary = await loadDemo(t.handle.db, { log: (s) => log.push(s) });
  }, 120_000);

  it('loads the reference lists and the whole data set, and says so', async () => {
    expect(await isEmpty(t.handle.db)).toBe(false);
    expect(summary).toMatchObject({
      networks: 13,
      organisations: 1200,
      accounts: DEMO_ACCOUNTS.map((a) => a.email),
    });
    const counts = await sql<Record<string, number>>`
      SELECT (SELECT count(*)::int FROM networks) AS networks,
             (SELECT count(*)::int FROM organisations) AS organisations,
             (SELECT count(*)::int FROM organisations WHERE generated) AS generated,
             (SELECT count(*)::int FROM memberships) AS memberships,
             (SELECT count(*)::int FROM people) AS people,
             (SELECT count(*)::int FROM nace_codes) AS nace,
             (SELECT count(*)::int FROM municipalities) AS municipalities,
             (SELECT count(*)::int FROM boundaries) AS boundaries`.execute(t.handle.db);
    expect(counts.rows[0]).toEqual({
      networks: 13,
      organisations: 1200,
      generated: 1200,
      memberships: summary.memberships,
      people: summary.people,
      nace: 1939,
      municipalities: 581,
      boundaries: 5 + 262,
    });
    expect(log.join('\n')).toMatch(/demo: 13 networks, 1200 organisations/);
  });

  it('stores valid data: every enterprise number passes mod-97, every municipality and NACE code exists', async () => {
    const orgs = await t.handle.db
      .selectFrom('organisations')
      .select(['enterpriseNumber', 'kind', 'sizeClass'])
      .execute();
    for (const o of orgs)
      if (o.enterpriseNumber) expect(parseEnterpriseNumber(o.enterpriseNumber).ok).toBe(true);
    const orphans = await sql<{ muni: number; nace: number }>`
      SELECT (SELECT count(*)::int FROM organisations o WHERE o.municipality_nis IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM municipalities m WHERE m.nis = o.municipality_nis)) AS muni,
             (SELECT count(*)::int FROM organisations o, unnest(o.nace_codes) c
                WHERE NOT EXISTS (SELECT 1 FROM nace_codes n WHERE n.code = c)) AS nace`.execute(t.handle.db);
    expect(orphans.rows[0]).toEqual({ muni: 0, nace: 0 });
  });

  it('is served by the API: the 13 networks with members, all 5 provinces, the SME share', async () => {
    const { items } = (await t.app.inject({ url: '/api/v1/networks' })).json();
    expect(items).toHaveLength(13);
    expect(
      items
        .filter((n: { kind: string }) => n.kind === 'pole')
        .map((n: { slug: string }) => n.slug)
        .sort(),
    ).toEqual(['biowin', 'greenwin', 'logistics-in-wallonia', 'mecatech', 'skywin', 'wagralim']);
    expect(items.every((n: { memberCount: number }) => n.memberCount > 0)).toBe(true);
    for (const province of ['20002', '50000', '60000', '80000', '90000']) {
      const p = (await t.app.inject({ url: `/api/v1/organisations?province=${province}&pageSize=1` })).json();
      expect(p.total, province).toBeGreaterThan(0);
    }
    const stats = (await t.app.inject({ url: '/api/v1/stats?asOf=2023-12-31' })).json();
    expect(stats.smeShare).toBeGreaterThan(0.85);
    expect(stats.smeShare).toBeLessThan(0.95);
    expect(stats.enterprises / stats.members).toBeGreaterThan(0.8);
  });

  it('creates the demo accounts: the Skywin manager may edit Skywin members', async () => {
    const account = DEMO_ACCOUNTS.find((a) => a.manages.includes('skywin'))!;
    const cookie = await t.login(account.email, account.password);
    const me = (await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).json();
    expect(me.role).toBe('network_manager');
    const member = (await t.app.inject({ url: '/api/v1/organisations?network=skywin&pageSize=1' })).json()
      .items[0];
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/organisations/${member.id}`,
      payload: { description: 'Modifié par l’équipe Skywin' },
      headers: { cookie },
    });
    expect(res.statusCode).toBe(200);
  });

  it('generates ~300 labelled projects, ~700 M EUR of public funding, with consortia that follow the Walloon rules', async () => {
    const res = (await t.app.inject({ url: '/api/v1/projects?status=labelled&pageSize=5' })).json();
    expect(res.total).toBe(summary.labelled);
    expect(res.total).toBeGreaterThan(270);
    expect(res.total).toBeLessThan(340);
    for (const p of res.items) {
      expect(p.partners.length).toBeGreaterThanOrEqual(3);
      expect(p.publicFundingEur).toBeCloseTo(
        p.partners.reduce((s: number, x: { fundingGrantedEur: number }) => s + x.fundingGrantedEur, 0),
        0,
      );
    }
    const f = await sql<{ funding: number; bad: number; coordinators: number; labelled: number }>`
      WITH c AS (
        SELECT p.id,
          count(*) FILTER (WHERE o.kind = 'enterprise') AS ent,
          count(*) FILTER (WHERE o.kind = 'enterprise' AND o.size_class IN ('micro', 'small', 'medium')) AS sme,
          count(*) FILTER (WHERE o.kind IN ('university', 'research_centre', 'university_college')) AS acad,
          count(*) FILTER (WHERE pp.role = 'coordinator' AND o.kind = 'enterprise') AS coord
        FROM projects p JOIN project_partners pp ON pp.project_id = p.id JOIN organisations o ON o.id = pp.organisation_id
        WHERE p.labelled_on IS NOT NULL GROUP BY p.id)
      SELECT (SELECT sum(public_funding_eur)::float8 FROM projects WHERE labelled_on IS NOT NULL) AS funding,
             (SELECT count(*)::int FROM c WHERE ent < 2 OR sme < 1 OR acad < 1) AS bad,
             (SELECT count(*)::int FROM c WHERE coord = 1) AS coordinators,
             (SELECT count(*)::int FROM c) AS labelled`.execute(t.handle.db);
    const row = f.rows[0]!;
    expect(row.funding).toBeGreaterThan(690e6);
    expect(row.funding).toBeLessThan(730e6);
    expect(row.bad).toBe(0);
    expect(row.coordinators).toBe(row.labelled);
    // closed projects report fewer jobs than they promised (the gap Polaris must show)
    const outcomes = (await t.app.inject({ url: '/api/v1/projects/outcomes' })).json().items;
    expect(outcomes.length).toBe(6);
    for (const o of outcomes) expect(o.actualJobs).toBeLessThan(o.promisedJobs);
    // drafts and rejected projects exist but are not public
    const all = await sql<{ s: string }>`SELECT DISTINCT status AS s FROM projects ORDER BY 1`.execute(
      t.handle.db,
    );
    expect(all.rows.map((r) => r.s)).toEqual(
      expect.arrayContaining(['draft', 'rejected', 'ineligible', 'running', 'closed']),
    );
    const pub = (await t.app.inject({ url: '/api/v1/projects?status=draft,rejected,ineligible' })).json();
    expect(pub.total).toBe(0);
  });

  it('labels only R&D consortia that pass their call’s Walloon rules (checked by the engine)', async () => {
    const ids = await t.handle.db
      .selectFrom('projects')
      .select('id')
      .where('labelledOn', 'is not', null)
      .where('projectType', '=', 'rd')
      .execute();
    expect(ids.length).toBeGreaterThan(200);
    const failures: string[] = [];
    for (const { id } of ids) {
      const r = await projectEligibility({ db: t.handle.db, actor: SYSTEM }, id);
      if (!r.eligible)
        failures.push(
          `${id}: ${r.results
            .filter((x) => !x.passed)
            .map((x) => x.message.en)
            .join('; ')}`,
        );
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(failures).toHaveLength(0);
    // and the ineligible ones fail them
    const inel = await t.handle.db
      .selectFrom('projects')
      .select('id')
      .where('status', '=', 'ineligible')
      .where('projectType', '=', 'rd')
      .limit(10)
      .execute();
    for (const { id } of inel)
      expect(
        (await projectEligibility({ db: t.handle.db, actor: SYSTEM }, id)).eligible,
        `project ${id}`,
      ).toBe(false);
  });

  it('runs a review: the call under evaluation has an optimal assignment, the demo expert has projects to score, the consortium its draft', async () => {
    expect(summary.reviewers).toBeGreaterThan(40);
    const expert = DEMO_ACCOUNTS.find((a) => a.email.startsWith('expert@'))!;
    const mine = (
      await t.app.inject({
        url: '/api/v1/reviews/mine',
        headers: { cookie: await t.login(expert.email, expert.password) },
      })
    ).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((i: { submittedAt: string | null }) => i.submittedAt === null)).toBe(true);
    const admin = DEMO_ACCOUNTS.find((a) => a.admin)!;
    const cookie = await t.login(admin.email, admin.password);
    const calls = (await t.app.inject({ url: '/api/v1/calls' })).json().items;
    const evaluated = calls.find((c: { title: string }) => c.title.includes('en évaluation'));
    const board = (
      await t.app.inject({ url: `/api/v1/calls/${evaluated.id}/review?stage=1`, headers: { cookie } })
    ).json();
    expect(board.projects.length).toBeGreaterThan(10);
    expect(board.progress.assigned).toBe(board.progress.needed);
    expect(board.evaluation.valid).toBe(true);
    expect(board.progress.submitted).toBeGreaterThan(0);
    const consortium = DEMO_ACCOUNTS.find((a) => a.email.startsWith('consortium@'))!;
    const drafts = (
      await t.app.inject({
        url: '/api/v1/projects?status=draft',
        headers: { cookie: await t.login(consortium.email, consortium.password) },
      })
    ).json();
    expect(drafts.total).toBeGreaterThan(0);
  });
});
