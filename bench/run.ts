import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { SYSTEM } from '../src/modules/auth/actor.ts';
import { setCacheEnabled } from '../src/modules/cache.ts';
import { DEMO_NETWORKS } from '../src/modules/demo/demo.networks.ts';
import { importOrganisations } from '../src/modules/imports/imports.service.ts';
import { importMunicipalities, importNace } from '../src/modules/reference/reference.service.ts';
import { bulkInsertMemberships } from '../src/modules/registry/organisations.repository.ts';
import { buildApp } from '../src/server/app.ts';
import { extraMemberships, memberListCsv } from './generate.ts';

/**
 * `npm run bench`: 100,000 organisations and 300,000 memberships, then
 *  1. import of a 100,000-row CSV member list (rows/s; target ≥ 20,000 rows/s on PGlite);
 *  2. GET /api/v1/organisations with a network + text filter under 50 concurrent connections
 *     (autocannon, 10 s) on PGlite and PostgreSQL (req/s, p50, p99; target p99 < 50 ms on PostgreSQL).
 * Env: BENCH_ROWS (100000), BENCH_SECONDS (10), BENCH_PG_URL (postgres://postgres@127.0.0.1:5432/postgres), BENCH_SKIP_PG=1.
 */

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REF = resolve(
  process.env.POLARIS_REFERENCE_DIR ?? join(process.cwd(), '..', 'shared', 'data', 'reference'),
);

interface Result {
  database: string;
  importRows: number;
  importSeconds: number;
  importRowsPerSecond: number;
  organisations: number;
  memberships: number;
  http: HttpResult[];
}

interface HttpResult {
  url: string;
  requests: number;
  reqPerSec: number;
  p50: number;
  p90: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function prepare(h: DatabaseHandle, csv: Buffer) {
  await migrateToLatest(h.db);
  const ctx = { db: h.db, actor: SYSTEM };
  await importNace(ctx, readFileSync(join(REF, 'nacebel', 'nace2008.csv')));
  await importMunicipalities(
    ctx,
    readFileSync(join(REF, 'be-municipalities', 'belgian_municipalities_2020.csv')),
  );
  for (const n of DEMO_NETWORKS) {
    await h.db
      .insertInto('networks')
      .values({ slug: n.slug, kind: n.kind, name: n.name, acronym: n.acronym, domain: n.domain })
      .execute();
  }
  const t0 = performance.now();
  const report = await importOrganisations(ctx, csv, { embedded: h.kind === 'pglite' });
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    `  import phases (ms): read ${report.phases.read}, validate ${report.phases.validate}, write ${report.phases.write}`,
  );
  if (!report.ok || report.created !== ROWS)
    throw new Error(`import failed: ${JSON.stringify(report.errors.slice(0, 5))}`);
  // 2 more periods per organisation: 300,000 memberships for 100,000 organisations
  const first = await h.db.selectFrom('memberships').select(['organisationId', 'networkId']).execute();
  const nets = (await h.db.selectFrom('networks').select('id').execute()).map((n) => n.id);
  await h.db.transaction().execute((trx) => bulkInsertMemberships(trx, extraMemberships(first, nets, 2)));
  await sql`ANALYZE`.execute(h.db);
  const count = async (t: 'organisations' | 'memberships') =>
    Number((await h.db.selectFrom(t).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);
  return { seconds, organisations: await count('organisations'), memberships: await count('memberships') };
}

/** Network + text filter queries, rotated so the load is not one repeated request. */
const TERMS = ['aero', 'bio', 'tech', 'log', 'meca', 'agri', 'data', 'eco'];
const URLS = DEMO_NETWORKS.flatMap((n) =>
  TERMS.map((t) => `/api/v1/organisations?network=${n.slug}&q=${t}&pageSize=25`),
);

async function load(h: DatabaseHandle, cached: boolean) {
  setCacheEnabled(cached);
  const app = await buildApp({ handle: h });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  // warm-up: every URL once (fills the cache when it is on)
  for (const u of URLS) await fetch(`${address}${u}`);
  // Each connection walks the 104 queries in turn. The load generator shares the process and the
  // machine's 2 cores with the server (a worker thread measured worse: more contention).
  const res = await autocannon({
    url: address,
    connections: 50,
    duration: SECONDS,
    requests: URLS.map((path) => ({ method: 'GET' as const, path })),
  });
  await app.close();
  return {
    url: `${URLS.length} rotating network + text queries${cached ? ' (answer cache on)' : ' (answer cache off)'}`,
    requests: res.requests.total,
    reqPerSec: Math.round(res.requests.average),
    p50: res.latency.p50,
    p90: res.latency.p90,
    p99: res.latency.p99,
    errors: res.errors,
    non2xx: res.non2xx,
  };
}

/** Import, then load-test, on one database; closes it. */
async function measure(database: string, h: DatabaseHandle, csv: Buffer): Promise<Result> {
  try {
    const p = await prepare(h, csv);
    console.log(
      `${database}: imported ${ROWS} rows in ${p.seconds.toFixed(2)} s (${Math.round(ROWS / p.seconds)} rows/s); ${p.organisations} organisations, ${p.memberships} memberships`,
    );
    const http = [await load(h, false), await load(h, true)];
    for (const x of http)
      console.log(`${database}, ${x.url}: ${x.reqPerSec} req/s, p50 ${x.p50} ms, p99 ${x.p99} ms`);
    const importRowsPerSecond = Math.round(ROWS / p.seconds);
    return {
      database,
      importRows: ROWS,
      importSeconds: p.seconds,
      importRowsPerSecond,
      organisations: p.organisations,
      memberships: p.memberships,
      http,
    };
  } finally {
    await h.close();
  }
}

async function main() {
  const munis = readFileSync(join(REF, 'be-municipalities', 'belgian_municipalities_2020.csv'), 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.split(',')[0]!)
    .filter((nis) => /^(25|5|6|8|9)\d+$/.test(nis));
  const csv = Buffer.from(memberListCsv(ROWS, munis), 'utf8');
  console.log(`generated a ${ROWS.toLocaleString('en')}-row CSV (${(csv.length / 1e6).toFixed(1)} MB)`);
  const results: Result[] = [];

  // PGlite, in a data folder as `npm start` uses it
  const dir = mkdtempSync(join(tmpdir(), 'polaris-bench-'));
  try {
    results.push(await measure('pglite', await openDatabase({ dataDir: dir }), csv));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  if (process.env.BENCH_SKIP_PG !== '1') {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS polaris_bench WITH (FORCE)');
    await admin.query('CREATE DATABASE polaris_bench');
    const u = new URL(PG_URL);
    u.pathname = '/polaris_bench';
    try {
      results.push(await measure('postgres', await openDatabase({ databaseUrl: u.toString() }), csv));
    } finally {
      await admin.query('DROP DATABASE IF EXISTS polaris_bench WITH (FORCE)');
      await admin.end();
    }
  }

  console.log(
    '\n| database | import rows/s (target ≥ 20,000 on PGlite) | answer cache | GET organisations req/s | p50 ms | p99 ms (target < 50 on PostgreSQL) | errors / non-2xx |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const r of results)
    for (const x of r.http)
      console.log(
        `| ${r.database} | ${r.importRowsPerSecond.toLocaleString('en')} | ${x.url.includes('cache on') ? 'on' : 'off'} | ${x.reqPerSec.toLocaleString('en')} | ${x.p50} | ${x.p99} | ${x.errors} / ${x.non2xx} |`,
      );
  mkdirSync('bench/out', { recursive: true });
  writeFileSync(
    'bench/out/results.json',
    JSON.stringify({ at: new Date().toISOString(), rows: ROWS, seconds: SECONDS, results }, null, 2),
  );
}

await main();
