import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { SYSTEM } from '../src/modules/auth/actor.ts';
import { cacheFor } from '../src/modules/cache.ts';
import { loadDemo } from '../src/modules/demo/demo.service.ts';
import { computeIndicatorSet } from '../src/modules/indicators/indicators.service.ts';
import { buildApp } from '../src/server/app.ts';

/**
 * `node --import tsx bench/indicators.ts`: the demo data at 10× (12,000 organisations), on PGlite
 * (a temporary data folder) and PostgreSQL (a temporary database polaris_bench_ind, dropped after):
 *  1. the demo load itself (does the generator scale?);
 *  2. the full indicator recomputation, uncached (target < 5 s), median of 3, and the first
 *     dashboard answer after the cache is cleared;
 *  3. the dashboard endpoints under load: autocannon, 20 connections, 5 s, rotating over the
 *     region's and every network's dashboard and a few series (target p95 < 100 ms on PostgreSQL).
 * Env: BENCH_ORGS (12000), BENCH_SECONDS (5), BENCH_PG_URL, BENCH_SKIP_PG=1, BENCH_SKIP_PGLITE=1.
 * Writes bench/out/indicators.json.
 */

const ORGS = Number(process.env.BENCH_ORGS ?? 12_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PROJECT_FACTOR = Number(process.env.BENCH_PROJECT_FACTOR ?? 10);

/**
 * The demo's project generator does not scale with the organisations (≈ 720 projects, 320
 * labelled, whatever the registry's size: a fixed number of submissions per call round). To reach
 * the 10× target (~7,000 projects) the bench copies every generated project `factor − 1` times,
 * in set-based SQL, with its networks, journal and consortium — each copy's partners moved to
 * other organisations by a fixed permutation of the registry (rank + k·1193 mod N), so the
 * collaboration graph grows too instead of repeating the same ties.
 */
async function scaleProjects(db: DatabaseHandle['db'], factor: number) {
  if (factor <= 1) return;
  await db.transaction().execute(async (trx) => {
    await sql`
      INSERT INTO projects (source, external_id, call_id, acronym, title, summary, keywords, project_type, status,
        start_date, end_date, duration_months, submitted_at, labelled_on, total_budget_eur, public_funding_eur,
        promised_jobs, promised_patents, promised_products, promised_spinoffs,
        actual_jobs, actual_patents, actual_products, actual_spinoffs, search_text, generated)
      SELECT 'import', 'bench:' || p.id || ':' || k, p.call_id, p.acronym || '-' || k, p.title, p.summary, p.keywords,
        p.project_type, p.status, p.start_date, p.end_date, p.duration_months, p.submitted_at, p.labelled_on,
        p.total_budget_eur, p.public_funding_eur, p.promised_jobs, p.promised_patents, p.promised_products,
        p.promised_spinoffs, p.actual_jobs, p.actual_patents, p.actual_products, p.actual_spinoffs, p.search_text, true
      FROM projects p, generate_series(1, ${factor - 1}::int) k
      WHERE p.source = 'regional'`.execute(trx);
    const copies = sql`(SELECT c.id AS copy, split_part(c.external_id, ':', 2)::int AS orig,
        split_part(c.external_id, ':', 3)::int AS k
      FROM projects c WHERE c.external_id LIKE 'bench:%')`;
    await sql`
      INSERT INTO project_networks (project_id, network_id)
      SELECT x.copy, pn.network_id FROM ${copies} x JOIN project_networks pn ON pn.project_id = x.orig`.execute(
      trx,
    );
    await sql`
      INSERT INTO project_transitions (project_id, from_status, to_status, at, note)
      SELECT x.copy, t.from_status, t.to_status, t.at, t.note
      FROM ${copies} x JOIN project_transitions t ON t.project_id = x.orig`.execute(trx);
    await sql`
      WITH ranked AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS r, count(*) OVER () AS n FROM organisations)
      INSERT INTO project_partners (project_id, organisation_id, role, budget_eur, funding_requested_eur, funding_granted_eur)
      SELECT x.copy, moved.id, pp.role, pp.budget_eur, pp.funding_requested_eur, pp.funding_granted_eur
      FROM ${copies} x
      JOIN project_partners pp ON pp.project_id = x.orig
      JOIN ranked o ON o.id = pp.organisation_id
      JOIN ranked moved ON moved.r = (o.r + x.k * 1193) % o.n`.execute(trx);
  });
}

interface Result {
  database: string;
  loadSeconds: number;
  scaleSeconds: number;
  counts: Record<string, number>;
  recomputeMs: number[];
  recomputeMedianMs: number;
  firstDashboardMs: number;
  http?: {
    requests: number;
    reqPerSec: number;
    p50: number;
    p95: number;
    p99: number;
    errors: number;
    non2xx: number;
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : Number.NaN;

async function measure(database: string, h: DatabaseHandle, withLoad: boolean): Promise<Result> {
  try {
    await migrateToLatest(h.db);
    let t = performance.now();
    await loadDemo(h.db, { organisations: ORGS, log: (s) => console.log(`  ${s}`) });
    const loadSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    await scaleProjects(h.db, PROJECT_FACTOR);
    const scaleSeconds = (performance.now() - t) / 1000;
    const c = await sql<Record<string, number>>`
      SELECT (SELECT count(*)::int FROM organisations) AS organisations,
             (SELECT count(*)::int FROM memberships) AS memberships,
             (SELECT count(*)::int FROM projects) AS projects,
             (SELECT count(*)::int FROM projects WHERE labelled_on IS NOT NULL) AS labelled,
             (SELECT count(*)::int FROM project_partners) AS partners`.execute(h.db);
    const counts = c.rows[0]!;
    console.log(
      `${database}: demo ×${ORGS / 1200} loaded in ${loadSeconds.toFixed(1)} s, projects ×${PROJECT_FACTOR} in ${scaleSeconds.toFixed(1)} s`,
      counts,
    );
    if (database === 'postgres') await sql`ANALYZE`.execute(h.db);

    const ctx = { db: h.db, actor: SYSTEM };
    const recomputeMs: number[] = [];
    for (let i = 0; i < 3; i++) {
      t = performance.now();
      await computeIndicatorSet(ctx);
      recomputeMs.push(performance.now() - t);
    }
    console.log(`${database}: full recomputation ${recomputeMs.map((x) => x.toFixed(0)).join(', ')} ms`);

    const app = await buildApp({ handle: h });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    cacheFor(h.db).clear();
    t = performance.now();
    const first = await fetch(`${address}/api/v1/dashboards/region`);
    if (!first.ok) throw new Error(`dashboard: ${first.status}`);
    await first.json();
    const firstDashboardMs = performance.now() - t;

    const result: Result = {
      database,
      loadSeconds,
      scaleSeconds,
      counts,
      recomputeMs,
      recomputeMedianMs: median(recomputeMs),
      firstDashboardMs,
    };
    if (withLoad) {
      const slugs = (await h.db.selectFrom('networks').select('slug').execute()).map((n) => n.slug);
      const paths = [
        '/api/v1/dashboards/region',
        ...slugs.map((s) => `/api/v1/dashboards/networks/${s}`),
        '/api/v1/indicators/values?network=region',
        ...slugs.slice(0, 4).map((s) => `/api/v1/indicators/values?network=${s}`),
        '/api/v1/indicators/MEM_TOTAL?network=region&breakdown=kind',
        '/api/v1/indicators/PRJ_FUNDING_PUBLIC',
      ];
      for (const p of paths) await fetch(`${address}${p}`); // warm: each answer cached once
      const latencies: number[] = [];
      const res = await new Promise<autocannon.Result>((resolve, reject) => {
        const inst = autocannon(
          {
            url: address,
            connections: 20,
            duration: SECONDS,
            requests: paths.map((path) => ({ method: 'GET' as const, path })),
          },
          (err, r) => (err ? reject(err) : resolve(r)),
        );
        inst.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
      });
      latencies.sort((a, b) => a - b);
      result.http = {
        requests: res.requests.total,
        reqPerSec: Math.round(res.requests.average),
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        errors: res.errors,
        non2xx: res.non2xx,
      };
      console.log(`${database}: dashboards under load`, result.http);
    }
    await app.close();
    return result;
  } finally {
    await h.close();
  }
}

async function main() {
  const results: Result[] = [];
  if (process.env.BENCH_SKIP_PGLITE !== '1') {
    const dir = mkdtempSync(join(tmpdir(), 'polaris-bench-ind-'));
    try {
      results.push(await measure('pglite', await openDatabase({ dataDir: dir }), true));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (process.env.BENCH_SKIP_PG !== '1') {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS polaris_bench_ind WITH (FORCE)');
    await admin.query('CREATE DATABASE polaris_bench_ind');
    const u = new URL(PG_URL);
    u.pathname = '/polaris_bench_ind';
    try {
      results.push(await measure('postgres', await openDatabase({ databaseUrl: u.toString() }), true));
    } finally {
      await admin.query('DROP DATABASE IF EXISTS polaris_bench_ind WITH (FORCE)');
      await admin.end();
    }
  }
  const ms = (x: number | undefined) => (x == null ? '–' : x.toFixed(1));
  console.log(
    '\n| database | organisations | memberships | projects (labelled) | demo load s | projects ×10 s | full recomputation ms, median of 3 (target < 5,000) | first dashboard after cache clear ms | dashboards req/s | p50 ms | p95 ms (target < 100 on PostgreSQL) | p99 ms | errors / non-2xx |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results)
    console.log(
      `| ${r.database} | ${r.counts.organisations} | ${r.counts.memberships} | ${r.counts.projects} (${r.counts.labelled}) | ${r.loadSeconds.toFixed(1)} | ${r.scaleSeconds.toFixed(1)} | ${r.recomputeMedianMs.toFixed(0)} (${r.recomputeMs.map((x) => x.toFixed(0)).join(', ')}) | ${r.firstDashboardMs.toFixed(0)} | ${r.http?.reqPerSec ?? '–'} | ${ms(r.http?.p50)} | ${ms(r.http?.p95)} | ${ms(r.http?.p99)} | ${r.http ? `${r.http.errors} / ${r.http.non2xx}` : '–'} |`,
    );
  mkdirSync('bench/out', { recursive: true });
  writeFileSync(
    'bench/out/indicators.json',
    JSON.stringify(
      {
        at: new Date().toISOString(),
        organisations: ORGS,
        projectFactor: PROJECT_FACTOR,
        seconds: SECONDS,
        results,
      },
      null,
      2,
    ),
  );
}

await main();
