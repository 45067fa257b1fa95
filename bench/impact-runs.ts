import { mkdirSync, writeFileSync } from 'node:fs';
import { createPGlite, databaseOnPGlite } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { makeEnterpriseNumber } from '../src/domain/enterprise-number.ts';
import { SYSTEM } from '../src/modules/auth/actor.ts';
import { createUser } from '../src/modules/auth/auth.service.ts';
import { estimate } from '../src/modules/impact/impact-runs.estimate.ts';
import { buildRunPanel } from '../src/modules/impact/impact-runs.panel.ts';
import { runParameters } from '../src/modules/impact/impact-runs.schemas.ts';
import { copyFirmYears } from '../src/modules/impact/panel.repository.ts';
import { buildApp } from '../src/server/app.ts';

/**
 * `node --import tsx bench/impact-runs.ts`: an impact run as a job, on an embedded database with
 * a generated panel of BENCH_FIRMS (20,000) firms × 11 years (2007–2017; 30 % first treated in
 * 2009–2016, log FTE +0.05 from then on). Measures:
 *  1. the API's latency (GET /api/v1/impact/runs, every 50 ms) before and while a Callaway–
 *     Sant'Anna run (doubly robust, size covariate, BENCH_DRAWS = 999 bootstrap draws) works —
 *     the estimation is on a worker thread, so the server must keep answering;
 *  2. the run's own time (queued → done) and how often its progress moved;
 *  3. the same estimation called inline: how long the event loop would be blocked without the worker;
 *  4. a second identical launch: the stored result is reused.
 * Writes bench/out/impact-runs.json.
 */

const FIRMS = Number(process.env.BENCH_FIRMS ?? 20_000);
const DRAWS = Number(process.env.BENCH_DRAWS ?? 999);
const YEARS = Array.from({ length: 11 }, (_, i) => 2007 + i);

function quantile(v: number[], q: number): number {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
}

function panelText(): string {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const lines: string[] = [];
  for (let f = 0; f < FIRMS; f++) {
    const en = makeEnterpriseNumber(4_000_000 + f);
    const g = random() < 0.3 ? 2009 + Math.floor(random() * 8) : 0;
    const level = 2.5 + 1.2 * gauss();
    YEARS.forEach((y, p) => {
      const fte = Math.exp(level + 0.01 * p + (g && y >= g ? 0.05 : 0) + 0.05 * gauss());
      lines.push(`${en}\t${y}\t${fte.toFixed(3)}\t\\N\t\\N\t\\N\t25110\t62063\t${g || '\\N'}\t\\N`);
    });
  }
  return `${lines.join('\n')}\n`;
}

async function main() {
  const pglite = createPGlite();
  await pglite.waitReady;
  const handle = databaseOnPGlite(pglite);
  const db = handle.db;
  await migrateToLatest(db);
  let t = performance.now();
  await copyFirmYears(db, 'firm_years', panelText());
  const loadMs = performance.now() - t;
  await createUser(db, { email: 'bench@polaris.test', password: 'bench-password-1', admin: true });
  const app = await buildApp({ handle });
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: 'bench@polaris.test', password: 'bench-password-1' },
  });
  const cookie = `polaris_session=${login.cookies.find((c) => c.name === 'polaris_session')?.value}`;
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
  const sample = async (until: () => Promise<boolean>, minMs: number) => {
    const out: number[] = [];
    const start = performance.now();
    for (;;) {
      const t0 = performance.now();
      await get('/api/v1/impact/runs?limit=5');
      out.push(performance.now() - t0);
      if (performance.now() - start > minMs && (await until())) return out;
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  await get('/api/v1/impact/runs?limit=5'); // warm the route
  const idle = await sample(async () => true, 2000);

  const body = {
    estimator: 'attgt',
    treatment: 'column',
    covariates: ['size'],
    bootstrap: DRAWS,
    period: { from: 2007, to: 2017 },
  };
  t = performance.now();
  const launched = await app.inject({
    method: 'POST',
    url: '/api/v1/impact/runs',
    headers: { cookie },
    payload: body,
  });
  const launchMs = performance.now() - t;
  const id = launched.json().id as number;
  const progress = new Set<number>();
  let status = 'queued';
  const busy = await sample(async () => {
    const r = (await get(`/api/v1/impact/runs/${id}`)).json();
    progress.add(r.progress);
    status = r.status;
    return status === 'done' || status === 'failed';
  }, 0);
  const run = (await get(`/api/v1/impact/runs/${id}`)).json();
  const runMs = new Date(run.finishedAt).getTime() - new Date(run.createdAt).getTime();
  const computeMs = run.result?.elapsedMs;

  // the same estimation on the calling thread: what the event loop would wait without the worker
  const params = runParameters.parse(run.parameters);
  const built = await buildRunPanel({ db, actor: SYSTEM }, params);
  t = performance.now();
  const inline = estimate({ params, panel: built.panel }, () => {});
  const inlineMs = performance.now() - t;

  t = performance.now();
  const again = await app.inject({
    method: 'POST',
    url: '/api/v1/impact/runs',
    headers: { cookie },
    payload: body,
  });
  const reuseMs = performance.now() - t;

  const out = {
    firms: FIRMS,
    firmYears: FIRMS * YEARS.length,
    unitsEstimated: run.result?.sample.units,
    bootstrapDraws: DRAWS,
    panelLoadMs: Math.round(loadMs),
    launchAnswerMs: Math.round(launchMs),
    status,
    runQueuedToDoneMs: runMs,
    estimationOnWorkerMs: computeMs,
    estimationInlineMs: Math.round(inlineMs),
    sameAtt: inline.overall?.att === run.result?.overall?.att,
    progressValuesSeen: progress.size,
    apiLatencyIdleMs: { p50: quantile(idle, 0.5), p99: quantile(idle, 0.99), max: Math.max(...idle) },
    apiLatencyDuringRunMs: {
      p50: quantile(busy, 0.5),
      p99: quantile(busy, 0.99),
      max: Math.max(...busy),
      n: busy.length,
    },
    reuse: { status: again.statusCode, sameId: again.json().id === id, answerMs: Math.round(reuseMs) },
  };
  for (const k of ['apiLatencyIdleMs', 'apiLatencyDuringRunMs'] as const)
    for (const q of ['p50', 'p99', 'max'] as const) out[k][q] = Math.round(out[k][q] * 10) / 10;
  console.log(JSON.stringify(out, null, 2));
  mkdirSync(new URL('./out/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./out/impact-runs.json', import.meta.url), `${JSON.stringify(out, null, 2)}\n`);
  await app.close();
  await handle.close();
}

await main();
