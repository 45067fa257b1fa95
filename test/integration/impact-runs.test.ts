import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/analytics/graph/random.ts';
import { makeEnterpriseNumber } from '../../src/domain/enterprise-number.ts';
import { SYSTEM } from '../../src/modules/auth/actor.ts';
import { runAttGt } from '../../src/modules/impact/impact-runs.estimate.ts';
import { buildRunPanel } from '../../src/modules/impact/impact-runs.panel.ts';
import { ImpactRunner, INTERRUPTED } from '../../src/modules/impact/impact-runs.runner.ts';
import { runParameters } from '../../src/modules/impact/impact-runs.schemas.ts';
import type { RunView } from '../../src/modules/impact/impact-runs.service.ts';
import { useTestApp } from '../helpers/app.ts';
import { makeNetwork, makeOrganisation, makeUser } from '../helpers/factories.ts';

/**
 * Impact runs through the API, on a generated firm-year panel with a known effect: every firm
 * treated in year g has log FTE 0.10 higher from g on, nothing else differs between cohorts
 * (cohorts drawn at random), so every ATT(g,t) after treatment is 0.10 and before it 0.
 * Lifecycle (queued → running → done, progress written), the result equal to a direct call of
 * the estimator on the same snapshot, reuse, errors naming the field, access and the
 * suppression of small cells, exports, the start-up sweep of interrupted runs.
 */

const EFFECT = 0.1;
const YEARS = [2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016];
/** cohort sizes by first treated year (0 = never); 2016 is deliberately below the confidentiality threshold */
const COHORTS: [number, number][] = [
  [2011, 50],
  [2013, 50],
  [2015, 40],
  [2016, 2],
  [0, 98],
];

describe('impact runs', () => {
  const t = useTestApp();
  let manager = '';
  let member = '';

  async function waitDone(id: number, cookie = manager): Promise<RunView> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/impact/runs/${id}`,
        headers: { cookie },
      });
      expect(res.statusCode).toBe(200);
      const run = res.json() as RunView;
      if (run.status === 'done' || run.status === 'failed') return run;
      if (Date.now() > deadline) throw new Error(`run ${id} still ${run.status}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  function launch(body: unknown, cookie = manager) {
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/impact/runs',
      headers: { cookie },
      payload: body as object,
    });
  }

  beforeAll(async () => {
    const db = t.handle.db;
    const random = mulberry32(20071);
    const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const rows = [];
    let k = 0;
    for (const [g, size] of COHORTS)
      for (let i = 0; i < size; i++, k++) {
        const enterpriseNumber = makeEnterpriseNumber(3_000_000 + k);
        const level = 3 + gauss();
        for (const [p, year] of YEARS.entries())
          rows.push({
            enterpriseNumber,
            year,
            fte: Math.exp(level + 0.02 * p + (g > 0 && year >= g ? EFFECT : 0) + 0.05 * gauss()),
            naceCode: '25.110',
            municipalityNis: '62063',
            treatmentYear: g > 0 ? g : null,
          });
      }
    for (let i = 0; i < rows.length; i += 500)
      await db
        .insertInto('firmYears')
        .values(rows.slice(i, i + 500))
        .execute();
    const net = await makeNetwork(db);
    const m = await makeUser(db, { manages: [net.slug] });
    manager = await t.login(m.email, m.password);
    const org = await makeOrganisation(db);
    const u = await makeUser(db, { memberOf: [org.id] });
    member = await t.login(u.email, u.password);
  });

  it('runs the Callaway–Sant’Anna estimator as a job and answers what a direct call answers', async () => {
    const body = { estimator: 'attgt', treatment: 'column', bootstrap: 199, seed: 7 };
    const res = await launch(body);
    expect(res.statusCode).toBe(202);
    const queued = res.json() as RunView & { reused: boolean };
    expect(queued.reused).toBe(false);
    expect(['queued', 'running']).toContain(queued.status);
    // every default is stored, and the period is the panel's
    expect(queued.parameters).toMatchObject({
      estimator: 'attgt',
      outcome: 'fte',
      log: true,
      control: 'never',
      method: 'dr',
      bootstrap: 199,
      seed: 7,
      alpha: 0.05,
      sectors: ['C'],
      period: { from: 2008, to: 2016 },
    });
    const run = await waitDone(queued.id);
    expect(run.status, run.message ?? '').toBe('done');
    expect(run.progress).toBe(1);
    expect(run.startedAt && run.finishedAt && run.startedAt <= run.finishedAt).toBe(true);
    const r = run.result!;
    expect(r.sample).toMatchObject({ units: 240, treatedUnits: 142, neverTreated: 98, population: 240 });

    // the same estimator called directly on the same snapshot and parameters: the same numbers
    const params = runParameters.parse(run.parameters);
    const built = await buildRunPanel({ db: t.handle.db, actor: SYSTEM }, params);
    const direct = runAttGt(built.panel, params);
    expect(r.overall!.att).toBeCloseTo(direct.aggregates.simple.att, 12);
    expect(r.overall!.se).toBeCloseTo(direct.aggregates.simple.se, 12);
    expect(r.dynamic!.map((e) => [e.key, e.att, e.se, e.bandLower])).toEqual(
      direct.aggregates.dynamic.rows.map((e) => [e.event, e.att, e.se, e.lower]),
    );
    expect(r.cells).toHaveLength(direct.attgt.length);
    expect(r.pretest?.pValue).toBeCloseTo(direct.pretest!.pValue, 12);

    // and it finds the built-in effect: 0.10 after treatment, 0 before (4 standard errors)
    expect(Math.abs(r.overall!.att! - EFFECT)).toBeLessThan(4 * r.overall!.se!);
    // (event −7 rests on the two firms of the 2016 cohort only: too few for its standard error)
    for (const e of r.dynamic!.filter((x) => x.treated >= 10)) {
      const truth = e.key! >= 0 ? EFFECT : 0;
      expect(Math.abs(e.att! - truth), `event ${e.key}`).toBeLessThan(4 * e.se!);
      // the simultaneous band is at least as wide as the pointwise interval
      expect(e.bandUpper! - e.bandLower!).toBeGreaterThanOrEqual(e.upper! - e.lower! - 1e-12);
    }
    // the naive comparison is there, on the same firms
    expect(r.naive?.difference.treated).toBe(142);
  });

  it('reuses a stored run for identical parameters on the same data version, and only then', async () => {
    const body = { estimator: 'did', treatment: 'column', method: 'ipw' };
    const first = await launch(body);
    expect(first.statusCode).toBe(202);
    const done = await waitDone(first.json().id);
    expect(done.status, done.message ?? '').toBe('done');
    // did ignores method, bootstrap and seed: the same run, answered at once
    const again = await launch({
      estimator: 'did',
      treatment: 'column',
      method: 'reg',
      seed: 99,
      sectors: ['C', 'C'],
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: done.id, reused: true, status: 'done' });
    expect(again.json().result.overall.att).toBe(done.result!.overall!.att);
    // another alpha is another run
    const other = await launch({ ...body, alpha: 0.1 });
    expect(other.statusCode).toBe(202);
    expect(other.json().id).not.toBe(done.id);
    await waitDone(other.json().id);
    // two identical launches at once make one run
    const twin = { estimator: 'twfe', treatment: 'column', alpha: 0.2 };
    const [a, b] = await Promise.all([launch(twin), launch(twin)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual(expect.arrayContaining([202]));
    expect(a.json().id).toBe(b.json().id);
    await waitDone(a.json().id);
    // a change to the panel moves the data version: the same parameters run again
    await t.handle.db
      .insertInto('firmYears')
      .values({ enterpriseNumber: makeEnterpriseNumber(8_999_999), year: 2016, fte: 3, naceCode: '25.110' })
      .execute();
    const after = await launch(body);
    expect(after.statusCode).toBe(202);
    expect(after.json().id).not.toBe(done.id);
    expect(after.json().dataVersion).toBeGreaterThan(done.dataVersion);
    const rerun = await waitDone(after.json().id);
    // the regression DiD of a constant 0.10 effect, first year against last
    expect(Math.abs(rerun.result!.overall!.att! - EFFECT)).toBeLessThan(4 * rerun.result!.overall!.se!);
  });

  it('estimates the two-way fixed-effects regression and its event study', async () => {
    const res = await launch({ estimator: 'twfe', treatment: 'column' });
    const run = await waitDone(res.json().id);
    expect(run.status, run.message ?? '').toBe('done');
    const r = run.result!;
    expect(Math.abs(r.overall!.att! - EFFECT)).toBeLessThan(4 * r.overall!.se!);
    const ref = r.dynamic!.find((e) => e.key === -1)!;
    expect(ref).toMatchObject({ att: 0, reference: true });
    for (const e of r.dynamic!.filter((x) => !x.reference && x.att !== null)) {
      const truth = e.key! >= 0 ? EFFECT : 0;
      expect(Math.abs(e.att! - truth), `event ${e.key}`).toBeLessThan(5 * e.se!);
    }
  });

  it('matches members to never-treated firms and reports the balance before and after', async () => {
    const res = await launch({
      estimator: 'matching',
      treatment: 'column',
      covariates: ['size'],
      matching: { method: 'mahalanobis', neighbours: 2 },
    });
    const run = await waitDone(res.json().id);
    expect(run.status, run.message ?? '').toBe('done');
    const r = run.result!;
    expect(r.matched).toMatchObject({ treated: 142, unmatched: 0, method: 'mahalanobis' });
    expect(Math.abs(r.overall!.att! - EFFECT)).toBeLessThan(4 * r.overall!.se!);
    const names = r.balance!.map((b) => b.variable);
    expect(names[0]).toBe('outcome (first year)');
    // two nearest neighbours on the first-year outcome leave a small standardised difference
    const base = r.balance![0]!;
    expect(Math.abs(base.smdAfter!)).toBeLessThan(0.1);
    // the treated mean is the mean first-year log FTE of the 142 treated firms, computed in SQL
    const { m } = await t.handle.db
      .selectFrom('firmYears')
      .select(sql<number>`avg(ln(fte))`.as('m'))
      .where('year', '=', 2008)
      .where('treatmentYear', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(base.meanTreated).toBeCloseTo(Number(m), 10);
  });

  it('refuses bad parameters with a 400 naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ estimator: 'psm' }, 'estimator'],
      [{ estimator: 'attgt', control: 'later' }, 'control'],
      [{ estimator: 'attgt', bootstrap: -1 }, 'bootstrap'],
      [{ estimator: 'attgt', period: { from: 2012, to: 2010 } }, 'period.to'],
      [{ estimator: 'attgt', period: { from: 2001, to: 2010 } }, 'period.from'],
      [{ estimator: 'attgt', treatment: 'network:no-such-network' }, 'treatment'],
      [{ estimator: 'attgt', treatment: 'members' }, 'treatment'],
      [{ estimator: 'attgt', sectors: ['manufacturing'] }, 'sectors.0'],
      [{ estimator: 'matching', covariates: ['age'] }, 'covariates.0'],
      [{ estimator: 'matching', matching: { neighbours: 0 } }, 'matching.neighbours'],
      [{ estimator: 'attgt', extra: 1 }, ''],
    ];
    for (const [body, path] of cases) {
      const res = await launch(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const paths = (res.json().details as { path: string }[]).map((d) => d.path);
      if (path) expect(paths, JSON.stringify(body)).toContain(path);
    }
  });

  it('lets managers and admins launch, and shows small cells to them only', async () => {
    expect((await launch({ estimator: 'twfe' }, '')).statusCode).toBe(401);
    expect((await launch({ estimator: 'twfe' }, member)).statusCode).toBe(403);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/impact/runs?status=done' });
    expect(list.statusCode).toBe(200);
    const attgt = (list.json().items as RunView[]).find((r) => r.kind === 'attgt')!;
    expect(attgt.result).toBeNull();
    expect(attgt).not.toHaveProperty('createdBy');

    const pub = (
      await t.app.inject({ method: 'GET', url: `/api/v1/impact/runs/${attgt.id}` })
    ).json() as RunView;
    const full = (await waitDone(attgt.id)) as RunView;
    expect(full.confidentiality).toMatchObject({ minFirms: 3, applied: false, suppressed: 0 });
    expect(full.createdBy).toEqual(expect.any(Number));
    // the 2016 cohort has 2 firms: its group row, its cells and event −7 (which only it reaches,
    // 2009 against 2008) are hidden from the public
    const g2016 = pub.result!.group!.find((g) => g.key === 2016)!;
    expect(g2016).toMatchObject({ treated: 2, att: null, se: null, suppressed: true });
    expect(full.result!.group!.find((g) => g.key === 2016)!.att).toEqual(expect.any(Number));
    const cells2016 = pub.result!.cells!.filter((c) => c.group === 2016);
    expect(cells2016.length).toBeGreaterThan(0);
    expect(cells2016.every((c) => c.suppressed && c.att === null)).toBe(true);
    expect(pub.result!.dynamic!.filter((e) => e.suppressed).map((e) => [e.key, e.treated])).toEqual([
      [-7, 2],
    ]);
    expect(pub.confidentiality.applied).toBe(true);
    expect(pub.confidentiality.suppressed).toBe(2 + cells2016.length);
    // the rest is public and identical
    expect(pub.result!.overall).toEqual(full.result!.overall);
    expect(pub.result!.calendar).toEqual(full.result!.calendar);
    expect(pub.result!.dynamic!.filter((e) => e.key !== -7)).toEqual(
      full.result!.dynamic!.filter((e) => e.key !== -7),
    );
  });

  it('exports every table of a run as CSV and XLSX, traced to the run and its data version', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/impact/runs?status=done&limit=100' });
    const id = (list.json().items as RunView[]).find((r) => r.kind === 'attgt')!.id;
    const run = (await waitDone(id)) as RunView;
    const csvLines = async (cookie: string) => {
      const csv = await t.app.inject({
        method: 'GET',
        url: `/api/v1/impact/runs/${id}/export?table=dynamic&format=csv`,
        headers: { cookie },
      });
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      return csv.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n')
        .map((l) => l.split(';'));
    };
    const lines = await csvLines(manager);
    expect(lines[0]!.slice(0, 4)).toEqual([
      'Analyse',
      'Version des données',
      'Années depuis le traitement',
      'ATT',
    ]);
    expect(lines).toHaveLength(1 + run.result!.dynamic!.length);
    run.result!.dynamic!.forEach((e, i) => {
      const line = lines[i + 1]!;
      expect(line.slice(0, 3)).toEqual([String(id), String(run.dataVersion), String(e.key)]);
      // decimal comma, every digit kept
      expect(Number(line[3]!.replace(',', '.'))).toBe(e.att);
      expect(Number(line[4]!.replace(',', '.'))).toBe(e.se);
    });
    // the public file leaves the suppressed estimate empty, as the public answer does
    const pubLines = await csvLines('');
    const minus7 = pubLines.find((l) => l[2] === '-7')!;
    expect(minus7.slice(3, 9)).toEqual(['', '', '', '', '', '']);
    expect(minus7.at(-1)).toBe('oui');

    const xlsx = await t.app.inject({
      method: 'GET',
      url: `/api/v1/impact/runs/${id}/export?table=attgt&format=xlsx`,
    });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(1 + run.result!.cells!.length);
    // a table the run does not have
    const none = await t.app.inject({ method: 'GET', url: `/api/v1/impact/runs/${id}/export?table=balance` });
    expect(none.statusCode).toBe(404);
  });

  it('writes progress to the row while a run works, and fails runs a stopped server left running', async () => {
    const db = t.handle.db;
    let release = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { id } = await db
      .insertInto('impactRuns')
      .values({ kind: 'twfe', parameters: '{}', parametersKey: 'test-progress', dataVersion: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const runner = new ImpactRunner(
      db,
      async (_run, progress) => {
        progress(0.42, 'halfway');
        await gate;
        return { result: { ok: true }, dataVersion: 1 };
      },
      { progressEveryMs: 0 },
    );
    runner.wake();
    await expect
      .poll(
        async () =>
          await db
            .selectFrom('impactRuns')
            .select(['status', 'progress', 'message'])
            .where('id', '=', id)
            .executeTakeFirstOrThrow(),
      )
      .toEqual({ status: 'running', progress: 0.42, message: 'halfway' });
    release();
    await runner.idle();
    const done = await db
      .selectFrom('impactRuns')
      .select(['status', 'progress'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(done).toEqual({ status: 'done', progress: 1 });

    // a row left running by a previous process
    await db.updateTable('impactRuns').set({ status: 'running' }).where('id', '=', id).execute();
    const swept = await new ImpactRunner(db, async () => ({ result: {}, dataVersion: 1 })).start();
    expect(swept).toBe(1);
    const row = await db
      .selectFrom('impactRuns')
      .select(['status', 'message'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'failed', message: INTERRUPTED });
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/impact/runs/${id}` });
    expect(res.json()).toMatchObject({ status: 'failed', message: INTERRUPTED });
  });
});
