import { beforeAll, describe, expect, it } from 'vitest';
import { WALLOON_RD_GRID, WALLOON_RD_RULES } from '../../src/domain/eligibility/index.ts';
import { useTestApp } from '../helpers/app.ts';
import { makeMembership, makeNetwork, makeOrganisation, makeUser } from '../helpers/factories.ts';

/**
 * Jury review over HTTP: conflicts of each kind, the optimal assignment and its infeasible case,
 * what each role may read (a conflicted reviewer never sees the project; a conflicted manager
 * does not see who reviewed it; the public never sees scores), scores, ranking with ties, decisions.
 */
describe('jury review', () => {
  const t = useTestApp();
  const o: Record<string, number> = {};
  const rv: Record<string, number> = {};
  const cookie: Record<string, string> = {};
  const p: Record<string, number> = {};
  let callId: number;

  const req = async (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    who: string | null,
    payload?: unknown,
  ) =>
    t.app.inject({
      method,
      url,
      ...(payload !== undefined ? { payload: payload as object } : {}),
      headers: who ? { cookie: cookie[who]! } : {},
    });

  beforeAll(async () => {
    const db = t.handle.db;
    const net = await makeNetwork(db);
    for (const [k, kind, size] of [
      ['A', 'enterprise', 'large'],
      ['B', 'enterprise', 'small'],
      ['U', 'university', null],
      ['C', 'enterprise', 'medium'],
      ['D', 'enterprise', 'micro'],
      ['R', 'research_centre', null],
      ['X', 'enterprise', 'large'],
      ['Z', 'university', null],
      ['Z2', 'university', null],
    ] as const) {
      o[k] = (await makeOrganisation(db, { name: `Org ${k}`, kind, sizeClass: size })).id;
      await makeMembership(db, o[k]!, net.id, '2015-01-01');
    }
    const { id } = await db
      .insertInto('calls')
      .values({
        title: 'Appel test',
        projectType: 'rd',
        opensAt: new Date(Date.now() - 90 * 86_400_000),
        closesAt: new Date(Date.now() - 30 * 86_400_000),
        rules: JSON.stringify(WALLOON_RD_RULES),
        grid: JSON.stringify(WALLOON_RD_GRID),
        reviewersPerProject: 2,
        reviewerLoad: 2,
        conflictYears: 3,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    callId = id;
    await db.insertInto('callNetworks').values({ callId, networkId: net.id }).execute();
    const project = async (
      key: string,
      title: string,
      partners: string[],
      status = 'stage1',
      start: string | null = null,
    ) => {
      const { id } = await db
        .insertInto('projects')
        .values({
          callId: status === 'closed' ? null : callId,
          acronym: key,
          title,
          keywords: title.split(' '),
          projectType: 'rd',
          status,
          startDate: start,
          labelledOn: status === 'closed' ? start : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.insertInto('projectNetworks').values({ projectId: id, networkId: net.id }).execute();
      await db
        .insertInto('projectPartners')
        .values(
          partners.map((k, i) => ({
            projectId: id,
            organisationId: o[k]!,
            role: i === 0 ? 'coordinator' : 'partner',
            budgetEur: 100_000,
          })),
        )
        .execute();
      p[key] = id;
    };
    await project('P1', 'matériaux composites recyclables aéronautique', ['A', 'B', 'U']);
    await project('P2', 'protéines végétales fermentation alimentaire', ['C', 'D', 'R']);
    // X worked with B two years ago (conflict window 3 years); Z with C eight years ago (outside it)
    const twoYearsAgo = new Date(Date.now() - 2 * 365 * 86_400_000).toISOString().slice(0, 10);
    await project('OLD1', 'ancien projet', ['X', 'B'], 'closed', twoYearsAgo);
    await project('OLD2', 'très ancien projet', ['Z', 'C'], 'closed', '2015-01-01');

    const users: Record<string, { email: string; password: string; id: number }> = {
      admin: await makeUser(db, { admin: true }),
      manager: await makeUser(db, { manages: [net.slug] }),
      conflictedManager: await makeUser(db, { manages: [net.slug], memberOf: [o.A!] }),
      memberA: await makeUser(db, { memberOf: [o.A!] }),
    };
    for (const [k, org, expertise, affiliation] of [
      ['r1', 'Z', ['composites', 'aéronautique', 'matériaux'], null],
      ['r2', 'X', ['composites', 'recyclage'], null], // collaboration conflict with P1 (via B)
      ['r3', 'Z', ['aéronautique'], 'A'], // was at A until last year: partner conflict with P1
      ['r4', 'Z2', ['fermentation', 'protéines'], null], // declares a conflict with P2
      ['r5', 'Z2', ['alimentaire', 'végétales'], null],
      ['r6', 'Z', ['composites', 'fermentation'], null],
    ] as const) {
      users[k] = await makeUser(db);
      const { id } = await db
        .insertInto('reviewers')
        .values({
          name: `Expert ${k}`,
          userId: users[k]!.id,
          organisationId: o[org]!,
          expertise: [...expertise],
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      rv[k] = id;
      if (affiliation)
        await db
          .insertInto('reviewerAffiliations')
          .values({
            reviewerId: id,
            organisationId: o[affiliation]!,
            fromDate: '2010-01-01',
            toDate: twoYearsAgo,
          })
          .execute();
    }
    for (const [k, u] of Object.entries(users)) cookie[k] = await t.login(u.email, u.password);
    const declared = await req('POST', '/api/v1/reviews/conflicts', 'r4', {
      projectId: p.P2,
      reason: 'Ancien employeur du coordinateur',
    });
    expect(declared.statusCode).toBe(201);
  });

  it('finds each kind of conflict, with its reason', async () => {
    const b = (await req('GET', `/api/v1/calls/${callId}/review?stage=1`, 'manager')).json();
    const reasons = (pid: number, rid: number) =>
      b.conflicts
        .find((c: { projectId: number; reviewerId: number }) => c.projectId === pid && c.reviewerId === rid)
        ?.reasons.map((r: { kind: string }) => r.kind);
    expect(reasons(p.P1!, rv.r2!)).toEqual(['collaboration']);
    expect(reasons(p.P1!, rv.r3!)).toEqual(['partner']);
    expect(reasons(p.P2!, rv.r4!)).toEqual(['declared']);
    expect(reasons(p.P2!, rv.r1!)).toBeUndefined(); // Z worked with C, but 8 years ago
    expect(b.conflicts).toHaveLength(3);
  });

  it('assigns optimally without any conflicted pair, and reviewers see only their projects', async () => {
    const res = await req('POST', `/api/v1/calls/${callId}/review/solve?stage=1`, 'manager');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ feasible: true, assigned: 4, issues: [] });
    const b = (await req('GET', `/api/v1/calls/${callId}/review?stage=1`, 'manager')).json();
    const pairs = b.projects.flatMap((x: { id: number; assignments: { reviewerId: number }[] }) =>
      x.assignments.map((a) => `${x.id}:${a.reviewerId}`),
    );
    for (const bad of [`${p.P1}:${rv.r2}`, `${p.P1}:${rv.r3}`, `${p.P2}:${rv.r4}`])
      expect(pairs).not.toContain(bad);
    // best affinities: P1 ← r1 (composites, aéronautique, matériaux) and r6; P2 ← r5 and r6
    expect(pairs.sort()).toEqual(
      [`${p.P1}:${rv.r1}`, `${p.P1}:${rv.r6}`, `${p.P2}:${rv.r5}`, `${p.P2}:${rv.r6}`].sort(),
    );
    expect(b.evaluation.valid).toBe(true);
    // an assigned reviewer reads the proposal; a conflicted one gets 404 as if it did not exist
    const asR1 = await req('GET', `/api/v1/projects/${p.P1}`, 'r1');
    expect(asR1.statusCode).toBe(200);
    expect(asR1.json().partners[0]).toHaveProperty('budgetEur', 100_000);
    expect(asR1.json().transitions).toBeNull();
    for (const who of ['r2', 'r3'])
      expect((await req('GET', `/api/v1/projects/${p.P1}`, who)).statusCode).toBe(404);
    expect((await req('GET', `/api/v1/projects/${p.P2}`, 'r4')).statusCode).toBe(404);
    const mine = (await req('GET', '/api/v1/reviews/mine', 'r6')).json();
    expect(mine.items.map((i: { acronym: string }) => i.acronym).sort()).toEqual(['P1', 'P2']);
    expect(JSON.stringify(mine)).not.toMatch(/Expert r1|Expert r5/);
    expect(mine.items[0].criteria.length).toBe(WALLOON_RD_GRID.stages[0]!.criteria.length);
  });

  it('hides the reviewers of a project from a manager whose organisation is a partner', async () => {
    const b = (await req('GET', `/api/v1/calls/${callId}/review?stage=1`, 'conflictedManager')).json();
    const p1 = b.projects.find((x: { id: number }) => x.id === p.P1);
    expect(p1.reviewersHidden).toBe(true);
    expect(
      p1.assignments.every(
        (a: { reviewerId: number | null; reviewer: string | null }) =>
          a.reviewerId === null && a.reviewer === null,
      ),
    ).toBe(true);
    expect(b.conflicts.some((c: { projectId: number }) => c.projectId === p.P1)).toBe(false);
    const p2 = b.projects.find((x: { id: number }) => x.id === p.P2);
    expect(p2.assignments.map((a: { reviewer: string }) => a.reviewer).sort()).toEqual([
      'Expert r5',
      'Expert r6',
    ]);
    const ranking = (
      await req('GET', `/api/v1/calls/${callId}/review/ranking?stage=1`, 'conflictedManager')
    ).json();
    expect(JSON.stringify(ranking)).not.toMatch(/Expert/);
  });

  it('refuses a conflicted manual assignment, and says when the constraints cannot be met', async () => {
    const bad = await req('POST', `/api/v1/calls/${callId}/review/assignments`, 'manager', {
      projectId: p.P1,
      reviewerId: rv.r3,
      stage: 1,
    });
    expect(bad.statusCode).toBe(409);
    expect(bad.json().error).toMatch(/partner of the project/);
    // a third reviewer by hand on a 2-reviewer project: stored, and the evaluation says what it breaks
    const extra = await req('POST', `/api/v1/calls/${callId}/review/assignments`, 'manager', {
      projectId: p.P1,
      reviewerId: rv.r5,
      stage: 1,
    });
    expect(extra.statusCode, extra.body).toBe(201);
    expect(extra.json().valid).toBe(false);
    expect(extra.json().violations.map((v: { kind: string }) => v.kind)).toContain('project_over');
    const removed = await req(
      'DELETE',
      `/api/v1/calls/${callId}/review/assignments/${extra.json().id}`,
      'manager',
    );
    expect(removed.statusCode).toBe(200);
    await t.handle.db.updateTable('calls').set({ reviewersPerProject: 5 }).where('id', '=', callId).execute();
    const res = (await req('POST', `/api/v1/calls/${callId}/review/solve?stage=1`, 'manager')).json();
    expect(res.feasible).toBe(false);
    expect(res.issues.map((i: { kind: string }) => i.kind)).toEqual(
      expect.arrayContaining(['project_short', 'unfilled']),
    );
    expect(res.issues.find((i: { kind: string }) => i.kind === 'project_short').message.en).toMatch(
      /P1 has only 4 eligible reviewers for 5 places/,
    );
    await t.handle.db.updateTable('calls').set({ reviewersPerProject: 2 }).where('id', '=', callId).execute();
    expect(
      (await req('POST', `/api/v1/calls/${callId}/review/solve?stage=1`, 'manager')).json().feasible,
    ).toBe(true);
  });

  const full = (x: number) => Object.fromEntries(WALLOON_RD_GRID.stages[0]!.criteria.map((c) => [c.id, x]));

  it('scores on the grid, ranks with explicit ties, and never shows scores to the public', async () => {
    const mine = async (who: string) =>
      (await req('GET', '/api/v1/reviews/mine', who)).json().items as { id: number; projectId: number }[];
    const r1 = (await mine('r1'))[0]!;
    const partial = await req('PUT', `/api/v1/reviews/${r1.id}`, 'r1', {
      scores: { [WALLOON_RD_GRID.stages[0]!.criteria[0]!.id]: 8 },
      submit: true,
    });
    expect(partial.statusCode).toBe(400);
    expect(partial.json().details.length).toBeGreaterThan(0);
    const outOfScale = await req('PUT', `/api/v1/reviews/${r1.id}`, 'r1', { scores: full(11) });
    expect(outOfScale.statusCode).toBe(400);
    // someone else's review: 404
    expect((await req('PUT', `/api/v1/reviews/${r1.id}`, 'r5', { scores: full(5) })).statusCode).toBe(404);
    const ok = await req('PUT', `/api/v1/reviews/${r1.id}`, 'r1', {
      scores: full(8),
      comment: 'Solide',
      submit: true,
    });
    expect(ok.json()).toMatchObject({ submitted: true });
    expect(ok.json().total).toBeCloseTo(8, 12); // weights sum to 1: a uniform 8 totals 8
    expect((await req('PUT', `/api/v1/reviews/${r1.id}`, 'r1', { scores: full(9) })).statusCode).toBe(409);
    for (const a of await mine('r6'))
      await req('PUT', `/api/v1/reviews/${a.id}`, 'r6', {
        scores: full(a.projectId === p.P1 ? 6 : 7),
        submit: true,
      });
    const r5 = (await mine('r5'))[0]!;
    await req('PUT', `/api/v1/reviews/${r5.id}`, 'r5', { scores: full(7), submit: true });
    const ranking = (await req('GET', `/api/v1/calls/${callId}/review/ranking?stage=1`, 'manager')).json();
    // P1: (8 + 6) / 2 = 7, P2: (7 + 7) / 2 = 7 → tied at rank 1
    expect(
      ranking.items.map((r: { acronym: string; rank: number; tied: boolean; mean: number }) => [
        r.acronym,
        r.rank,
        r.tied,
        r.mean,
      ]),
    ).toEqual([
      ['P1', 1, true, 7],
      ['P2', 1, true, 7],
    ]);
    for (const who of [null, 'memberA', 'r1']) {
      const res = await req('GET', `/api/v1/calls/${callId}/review/ranking?stage=1`, who);
      expect(res.statusCode, String(who)).toBe(who ? 403 : 401);
    }
    const pub = await req('GET', `/api/v1/projects/${p.P1}`, 'memberA');
    expect(JSON.stringify(pub.json())).not.toMatch(/Solide|Expert|"scores"|"reviews"/);
  });

  it('records decisions with their justification and moves the projects', async () => {
    const noWhy = await req('PUT', `/api/v1/projects/${p.P1}/review/1`, 'manager', {
      decision: 'advance',
      justification: '',
    });
    expect(noWhy.statusCode).toBe(400);
    const adv = await req('PUT', `/api/v1/projects/${p.P1}/review/1`, 'manager', {
      decision: 'advance',
      consensus: 'Consortium solide, innovation claire.',
      justification: 'Classé premier ex aequo, meilleure note en innovation.',
    });
    expect(adv.statusCode, adv.body).toBe(200);
    const rej = await req('PUT', `/api/v1/projects/${p.P2}/review/1`, 'manager', {
      decision: 'reject',
      justification: 'Impact économique trop faible.',
    });
    expect(rej.statusCode).toBe(200);
    const status = async (id: number) => (await req('GET', `/api/v1/projects/${id}`, 'admin')).json().status;
    expect(await status(p.P1!)).toBe('stage2');
    expect(await status(p.P2!)).toBe('rejected');
    const ranking = (await req('GET', `/api/v1/calls/${callId}/review/ranking?stage=1`, 'admin')).json();
    // both left stage 1, and stay in its ranking with their decisions
    expect(
      ranking.items.map((r: { acronym: string; decision: string; status: string }) => [
        r.acronym,
        r.decision,
        r.status,
      ]),
    ).toEqual([
      ['P1', 'advance', 'stage2'],
      ['P2', 'reject', 'rejected'],
    ]);
    const journal = (await req('GET', `/api/v1/projects/${p.P2}`, 'admin')).json().transitions;
    expect(journal.at(-1)).toMatchObject({ toStatus: 'rejected', note: 'Impact économique trop faible.' });
  });

  it('keeps the reviewer pool for managers and admins', async () => {
    expect((await req('GET', '/api/v1/reviewers', null)).statusCode).toBe(401);
    expect((await req('GET', '/api/v1/reviewers', 'memberA')).statusCode).toBe(403);
    const list = (await req('GET', '/api/v1/reviewers', 'manager')).json();
    expect(list.items).toHaveLength(6);
    const created = await req('POST', '/api/v1/reviewers', 'admin', {
      name: 'Experte internationale',
      country: 'FR',
      expertise: ['hydrogène'],
      stages: [2],
      affiliations: [{ organisationId: o.X, fromDate: '2018-01-01', toDate: null }],
    });
    expect(created.statusCode).toBe(201);
  });
});
