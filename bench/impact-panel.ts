import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { makeEnterpriseNumber } from '../src/domain/enterprise-number.ts';
import { SYSTEM } from '../src/modules/auth/actor.ts';
import { impactSeries } from '../src/modules/impact/descriptive.service.ts';
import { balancedPanel } from '../src/modules/impact/panel-balanced.ts';
import { importPanel } from '../src/modules/impact/panel-import.service.ts';
import { loadSnapshot, panelSnapshot, setPanelCacheDir } from '../src/modules/impact/panel-snapshot.ts';
import { panelCacheDir } from '../src/modules/impact/panel-snapshot-file.ts';
import { firmAttributes, treatmentCohorts } from '../src/modules/impact/treatment.service.ts';

/**
 * `npm run bench:impact-panel`: a generated firm-year panel of BENCH_FIRMS (100,000) firms ×
 * BENCH_YEARS (20) years — 2 M rows, a 110 MB semicolon CSV in Belgian format — imported by the
 * same service as `polaris import panel` (streamed from the file, checked, binary COPY in one
 * transaction, snapshot built and its file written) into PGlite (a temporary data folder) and
 * PostgreSQL (a temporary database, dropped after). Then, on each:
 * - restart: the database handle closed and opened again, the first snapshot (from its file) and
 *   the first series answer on the new handle;
 * - the fallback when the file is missing: COPY out → typed columns (median of 3);
 * - the descriptive series (members vs rest) by each breakdown, with the snapshot and the
 *   treatment and population arrays warm: three outcomes, so three answers computed (the answer
 *   cache is per query) — the first (which also builds the breakdown's per-firm cells) and the median;
 * - the estimators' input (balanced wide panel, size and sector covariates, 2006–2025);
 * - RSS, heap and array buffers; CPU time next to wall time, and the load average (shared machine).
 * Targets: PGlite import ≤ 45 s, parse ≥ 150k rows/s; snapshot ready ≤ 3 s after a restart;
 * one breakdown ≤ 100 ms warm.
 * Env: BENCH_FIRMS, BENCH_YEARS, BENCH_PG_URL, BENCH_SKIP_PG=1, BENCH_SKIP_PGLITE=1.
 * Writes bench/out/impact-panel.json.
 */

const FIRMS = Number(process.env.BENCH_FIRMS ?? 100_000);
const YEARS = Number(process.env.BENCH_YEARS ?? 20);
const FIRST = 2006;
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CODES = ['10711', '20160', '21201', '22290', '23510', '24100', '25110', '28291', '30300', '62010'];
const MUNIS = ['62063', '92094', '52011', '25072', '85009', '57081', '63079'];

const mb = () => Math.round(process.memoryUsage().rss / 2 ** 20);
const heapMb = () => Math.round(process.memoryUsage().heapUsed / 2 ** 20);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = () => +loadavg()[0]!.toFixed(2);

/** The bytes of a snapshot's typed arrays (the enterprise strings aside). */
function snapshotBytes(s: Awaited<ReturnType<typeof panelSnapshot>>): number {
  return Object.values(s).reduce<number>((n, v) => n + (ArrayBuffer.isView(v) ? v.byteLength : 0), 0);
}

/** Wall and CPU milliseconds of `f`. */
async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await f();
  const c = process.cpuUsage(c0);
  return { value, ms: Math.round(performance.now() - t0), cpuMs: Math.round((c.user + c.system) / 1000) };
}

/** Write the panel CSV (deterministic), in chunks. */
async function writePanel(file: string): Promise<number> {
  const out = createWriteStream(file);
  out.write("Numéro d'entreprise;Année;ETP;Valeur ajoutée;Chiffre d'affaires;Exportations;NACE;Commune\n");
  let seed = 12345;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let f = 0; f < FIRMS; f++) {
    const en = makeEnterpriseNumber(10_000_000 + f);
    const base = 2 + rnd() * 200;
    const growth = (rnd() - 0.5) * 0.06;
    const code = CODES[f % CODES.length]!;
    const muni = MUNIS[f % MUNIS.length]!;
    let chunk = '';
    for (let y = 0; y < YEARS; y++) {
      const fte = base * Math.exp(growth * y + 0.03 * (rnd() - 0.5));
      const va = Math.round(fte * 85_000);
      chunk += `${en};${FIRST + y};${fte.toFixed(1).replace('.', ',')};${va};${va * 3};${Math.round(va * 0.8)};${code};${muni}\n`;
    }
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(r));
  return FIRMS * YEARS;
}

/** A registry of 20,000 member organisations of one pole (20 % of the panel's firms). */
async function seedRegistry(h: DatabaseHandle) {
  await sql`INSERT INTO networks (slug, kind, name, domain) VALUES ('bench-pole', 'pole', 'Bench pole', 'Bench')`.execute(
    h.db,
  );
  await sql`
    INSERT INTO organisations (name, name_key, search_text, kind, enterprise_number)
    SELECT 'Bench firm ' || n, 'bench firm ' || n, 'bench firm ' || n, 'enterprise',
      lpad((10000000 + n)::text, 8, '0') || lpad((97 - ((10000000 + n) % 97))::text, 2, '0')
    FROM generate_series(0, ${Math.floor(FIRMS / 5) - 1}::int) n`.execute(h.db);
  await sql`
    INSERT INTO memberships (organisation_id, network_id, joined_on)
    SELECT o.id, (SELECT id FROM networks WHERE slug = 'bench-pole'), make_date(2008 + (o.id % 12), 3, 1)
    FROM organisations o`.execute(h.db);
}

function query(
  breakdown: 'sector' | 'size' | 'province' | 'network' | undefined,
  composition: 'balanced' | 'open',
  outcome: 'fte' | 'valueAdded' | 'turnover' = 'fte',
) {
  return {
    outcome,
    treatment: 'any',
    breakdown,
    from: 2008,
    to: 2018,
    composition,
    sectors: ['C'],
    region: 'wallonia' as const,
  };
}

async function run(kind: 'pglite' | 'postgres', file: string, rows: number) {
  let open: () => Promise<DatabaseHandle>;
  let cleanup: () => Promise<void>;
  if (kind === 'pglite') {
    const dir = mkdtempSync(join('bench', 'tmp', 'impact-pglite-'));
    open = async () => {
      const h = await openDatabase({ dataDir: dir });
      setPanelCacheDir(h.db, panelCacheDir({ dataDir: dir }));
      return h;
    };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS polaris_bench_impact WITH (FORCE)');
    await admin.query('CREATE DATABASE polaris_bench_impact');
    const url = PG_URL.replace(/\/[^/]*$/, '/polaris_bench_impact');
    const cacheRoot = mkdtempSync(join('bench', 'tmp', 'impact-pg-cache-'));
    open = async () => {
      const h = await openDatabase({ databaseUrl: url });
      setPanelCacheDir(h.db, panelCacheDir({ root: cacheRoot, databaseUrl: url }));
      return h;
    };
    cleanup = async () => {
      await admin.query('DROP DATABASE IF EXISTS polaris_bench_impact WITH (FORCE)');
      await admin.end();
      rmSync(cacheRoot, { recursive: true, force: true });
    };
  }
  let h = await open();
  try {
    await migrateToLatest(h.db);
    await seedRegistry(h);
    const size = statSync(file).size;
    const loadImport = load();
    const imp = await timed(() =>
      importPanel(
        { db: h.db, actor: SYSTEM },
        { open: () => createReadStream(file, { highWaterMark: 4 << 20 }), size },
        {},
      ),
    );
    const report = imp.value;
    if (!report.ok) throw new Error(`import failed: ${JSON.stringify(report.errors.slice(0, 3))}`);
    const rssAfterImport = mb();

    // restart: a new handle on the same database; the first snapshot and the first answer
    await h.close();
    const reopen = await timed(open);
    h = reopen.value;
    const loadRestart = load();
    const first = await timed(() => panelSnapshot(h.db));
    if (first.value.rows !== rows) throw new Error(`snapshot has ${first.value.rows} rows, expected ${rows}`);
    const firstSeries = await timed(() =>
      impactSeries({ db: h.db, actor: SYSTEM }, query(undefined, 'open')),
    );
    const rssAfterRestart = mb();

    // the fallback without a file: COPY out and parse
    const copies: { ms: number; copy: number; parse: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const s = await timed(() => loadSnapshot(h.db));
      copies.push({ ms: s.ms, copy: s.value.timing.copy, parse: s.value.timing.parse });
    }

    const ctx = { db: h.db, actor: SYSTEM };
    const loadSeries = load();
    const series: Record<string, { first: number; ms: number; cpuMs: number }> = {};
    for (const b of [undefined, 'sector', 'size', 'province', 'network'] as const) {
      // three outcomes: three answers to compute, on the same per-firm arrays
      const runs = [];
      for (const outcome of ['fte', 'valueAdded', 'turnover'] as const)
        runs.push(await timed(() => impactSeries(ctx, query(b, 'balanced', outcome))));
      series[b ?? 'none'] = {
        first: runs[0]!.ms,
        ms: median(runs.map((r) => r.ms)),
        cpuMs: median(runs.map((r) => r.cpuMs)),
      };
    }
    // the estimators' input: the balanced wide panel with size and sector covariates (warm arrays)
    const estimatorInput = await timed(async () => {
      const snap = await panelSnapshot(h.db);
      const cohort = await treatmentCohorts(ctx, snap, { kind: 'any' });
      const attrs = await firmAttributes(ctx, snap, FIRST, { sectors: ['C'], region: 'wallonia' });
      return balancedPanel(snap, {
        outcome: 'fte',
        log: true,
        from: FIRST,
        to: FIRST + YEARS - 1,
        cohort,
        include: attrs.inPopulation,
        covariates: ['size', 'sector'],
        nace: attrs.nace,
      }).panel.units;
    });
    const result = {
      kind,
      rows,
      import: {
        seconds: +(imp.ms / 1000).toFixed(1),
        cpuSeconds: +(imp.cpuMs / 1000).toFixed(1),
        phases: report.phases,
        readRowsPerSecond: Math.round(rows / (report.phases.read / 1000)),
        loadAverage: loadImport,
      },
      restart: {
        reopenMs: reopen.ms,
        snapshotMs: first.ms,
        snapshotSource: first.value.timing.source,
        firstSeriesMs: firstSeries.ms,
        loadAverage: loadRestart,
      },
      copyFallback: {
        ms: median(copies.map((c) => c.ms)),
        copyMs: median(copies.map((c) => c.copy)),
        parseMs: median(copies.map((c) => c.parse)),
      },
      seriesWarm: { ...series, loadAverage: loadSeries },
      balancedPanel: { ms: estimatorInput.ms, units: estimatorInput.value },
      memory: {
        rssMbAfterImport: rssAfterImport,
        rssMbAfterRestart: rssAfterRestart,
        rssMb: mb(),
        heapMb: heapMb(),
        arrayBuffersMb: Math.round(process.memoryUsage().arrayBuffers / 2 ** 20),
        snapshotMb: Math.round(snapshotBytes(first.value) / 2 ** 20),
      },
    };
    console.log(JSON.stringify(result));
    return result;
  } finally {
    await h.close();
    await cleanup();
  }
}

mkdirSync(join('bench', 'tmp'), { recursive: true });
mkdirSync(join('bench', 'out'), { recursive: true });
const file = join('bench', 'tmp', 'impact-panel.csv');
const g0 = performance.now();
const rows = await writePanel(file);
console.log(
  `generated ${rows.toLocaleString('en')} firm-years (${Math.round(statSync(file).size / 2 ** 20)} MB) in ${Math.round(performance.now() - g0)} ms`,
);
const results = [];
try {
  if (process.env.BENCH_SKIP_PGLITE !== '1') results.push(await run('pglite', file, rows));
  if (process.env.BENCH_SKIP_PG !== '1') results.push(await run('postgres', file, rows));
} finally {
  rmSync(file, { force: true });
}
writeFileSync(join('bench', 'out', 'impact-panel.json'), `${JSON.stringify(results, null, 2)}\n`);
