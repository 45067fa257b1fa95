import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { makeEnterpriseNumber } from '../src/domain/enterprise-number.ts';
import { SYSTEM } from '../src/modules/auth/actor.ts';
import { impactSeries } from '../src/modules/impact/descriptive.service.ts';
import { panelVersion } from '../src/modules/impact/panel.repository.ts';
import { importPanel } from '../src/modules/impact/panel-import.service.ts';
import { loadSnapshot } from '../src/modules/impact/panel-snapshot.ts';

/**
 * `npm run bench:impact-panel`: a generated firm-year panel of BENCH_FIRMS (100,000) firms ×
 * BENCH_YEARS (20) years — 2 M rows, a 110 MB semicolon CSV in Belgian format — imported by the
 * same service as `polaris import panel` (streamed from the file, checked, COPY in one
 * transaction) into PGlite (a temporary data folder) and PostgreSQL (a temporary database,
 * dropped after). Then, on each: the columnar snapshot (COPY out → typed columns, median of 3),
 * the descriptive series (members vs rest, one breakdown each, first computation: the snapshot
 * is warm, the answer cache is not) and the process RSS.
 * Targets: import ≤ 60 s on PGlite; snapshot ≤ 3 s; one breakdown ≤ 200 ms.
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
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

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
    if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
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

async function run(kind: 'pglite' | 'postgres', file: string, rows: number) {
  let h: DatabaseHandle;
  let cleanup: () => Promise<void>;
  if (kind === 'pglite') {
    const dir = mkdtempSync(join('bench', 'tmp', 'impact-pglite-'));
    h = await openDatabase({ dataDir: dir });
    cleanup = async () => {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    };
  } else {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS polaris_bench_impact');
    await admin.query('CREATE DATABASE polaris_bench_impact');
    h = await openDatabase({ databaseUrl: PG_URL.replace(/\/[^/]*$/, '/polaris_bench_impact') });
    cleanup = async () => {
      await h.close();
      await admin.query('DROP DATABASE IF EXISTS polaris_bench_impact WITH (FORCE)');
      await admin.end();
    };
  }
  try {
    await migrateToLatest(h.db);
    await seedRegistry(h);
    const ctx = { db: h.db, actor: SYSTEM };
    const size = statSync(file).size;
    const t0 = performance.now();
    const report = await importPanel(
      ctx,
      { open: () => createReadStream(file, { highWaterMark: 4 << 20 }), size },
      {},
    );
    const importS = (performance.now() - t0) / 1000;
    if (!report.ok) throw new Error(`import failed: ${JSON.stringify(report.errors.slice(0, 3))}`);
    const rssAfterImport = mb();
    const version = await panelVersion(h.db);
    const snaps: { total: number; copy: number; parse: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const s0 = performance.now();
      const s = await loadSnapshot(h.db, version);
      snaps.push({ total: performance.now() - s0, ...s.timing });
      if (s.rows !== rows) throw new Error(`snapshot has ${s.rows} rows, expected ${rows}`);
    }
    const series: Record<string, number> = {};
    // warm the snapshot cache once, then time each breakdown's first (uncached) answer
    await impactSeries(ctx, query(undefined, 'open'));
    for (const b of [undefined, 'sector', 'size', 'province', 'network'] as const) {
      const s0 = performance.now();
      await impactSeries(ctx, query(b, 'balanced'));
      series[b ?? 'none'] = Math.round(performance.now() - s0);
    }
    const result = {
      kind,
      rows,
      importSeconds: +importS.toFixed(1),
      rowsPerSecond: Math.round(rows / importS),
      phases: report.phases,
      snapshotMs: Math.round(median(snaps.map((s) => s.total))),
      snapshotCopyMs: Math.round(median(snaps.map((s) => s.copy))),
      snapshotParseMs: Math.round(median(snaps.map((s) => s.parse))),
      seriesMs: series,
      rssMbAfterImport: rssAfterImport,
      rssMb: mb(),
    };
    console.log(JSON.stringify(result));
    return result;
  } finally {
    await cleanup();
  }
}

function query(
  breakdown: 'sector' | 'size' | 'province' | 'network' | undefined,
  composition: 'balanced' | 'open',
) {
  return {
    outcome: 'fte' as const,
    treatment: 'any',
    breakdown,
    from: 2008,
    to: 2018,
    composition,
    sectors: ['C'],
    region: 'wallonia' as const,
  };
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
