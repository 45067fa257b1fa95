import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { WALLOON_RD_GRID, WALLOON_RD_RULES } from '../src/domain/eligibility/index.ts';
import { parseCordisParticipations } from '../src/io/cordis-participations.ts';
import { readSheet } from '../src/io/spreadsheet.ts';
import { loadDemo } from '../src/modules/demo/demo.service.ts';
import { evaluateCordis } from '../src/modules/matchmaking/evaluation-cordis.ts';
import { evaluateStored } from '../src/modules/matchmaking/evaluation-stored.ts';
import { buildModel } from '../src/modules/matchmaking/profiles.ts';
import { buildApp } from '../src/server/app.ts';

/**
 * `node --import tsx bench/matchmaking.ts`: partner recommendation at scale, on PGlite (a
 * temporary folder) and PostgreSQL (a temporary database polaris_bench_mm, dropped after).
 *  1. generates BENCH_ORGS (100,000) organisations and BENCH_PROJECTS (30,000) labelled projects
 *     in set-based SQL, seeded by formulas (no random()): 200 communities of topic words, each
 *     project 3–6 partners, 80 % from its community;
 *  2. the model build (queries + tokenising + TF-IDF + collaboration graph), median of 3;
 *  3. POST /api/v1/matchmaking/partners through the app (app.inject: validation, data-version
 *     read, scoring, reasons, serialisation), BENCH_REQUESTS (200) varied requests — text,
 *     consortium of 2–4, a call with the Walloon rules, kinds — p50/p95 (target < 200 ms);
 *  4. the offline evaluation tables: the demo data set (stored projects) and the CORDIS file.
 * Env: BENCH_PG_URL, BENCH_SKIP_PG=1, BENCH_SKIP_PGLITE=1, BENCH_SKIP_EVAL=1.
 * Writes bench/out/matchmaking.json.
 */

const ORGS = Number(process.env.BENCH_ORGS ?? 100_000);
const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 30_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CORDIS = join(
  process.cwd(),
  '..',
  'shared',
  'data',
  'validation',
  'cordis-h2020-be',
  'h2020_BE_participations.csv',
);
const COMMUNITIES = 200;

const WORDS = `matériaux composites drones capteurs hydrogène batteries recyclage biopolymères fermentation
enzymes vaccins anticorps imagerie diagnostic robotique usinage fabrication additive impression métallique
logistique entreposage transport multimodal chaîne froid emballage agroalimentaire fromagerie céréales
protéines végétales microalgues biomasse méthanisation photovoltaïque éolien réseaux intelligents
cybersécurité intelligence artificielle vision industrielle jumeau numérique simulation aérodynamique
moteurs turbines satellites antennes radar optique lasers photonique semi-conducteurs électronique
embarquée textiles techniques bâtiment isolation béton bois construction eau potable épuration
membranes catalyse chimie verte solvants peintures revêtements corrosion tribologie soudage
maintenance prédictive acoustique vibrations cryogénie quantique thérapie cellulaire génomique
bioinformatique nutrition santé animale vétérinaire phytopharmacie semences irrigation drainage`
  .split(/\s+/)
  .filter(Boolean);

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
const ms = (x: number) => Math.round(x * 10) / 10;

async function generate(db: DatabaseHandle['db']) {
  const words = sql.raw(`ARRAY[${WORDS.map((w) => `'${w}'`).join(',')}]::text[]`);
  const W = WORDS.length;
  const N = sql.raw(String(ORGS));
  const C = sql.raw(String(COMMUNITIES));
  const P = sql.raw(String(PROJECTS));
  // word k of community c: a slice of 8 words per community, overlapping its neighbours
  const word = (c: string, k: number) =>
    sql.raw(`(${words.compile(db).sql})[1 + ((${c}) * 3 + ${k}) % ${W}]`);
  await db.transaction().execute(async (trx) => {
    await sql`INSERT INTO networks (slug, kind, name, domain)
      SELECT 'bench-' || g, 'pole', 'Pôle ' || g, 'Domaine ' || g FROM generate_series(1, 6) g`.execute(trx);
    await sql`
      INSERT INTO organisations (name, name_key, search_text, kind, size_class, province_nis, description, keywords, generated)
      SELECT 'Organisation ' || i, 'organisation ' || i, 'organisation ' || i,
        CASE WHEN i % 20 = 0 THEN 'university' WHEN i % 20 = 1 THEN 'research_centre' ELSE 'enterprise' END,
        CASE WHEN i % 20 IN (0, 1) THEN NULL ELSE (ARRAY['micro','small','medium','large'])[1 + (i * 7) % 4] END,
        (ARRAY['25000','50000','60000','80000','90000'])[1 + i % 5],
        'Spécialiste de ' || ${word('i % 200', 0)} || ' et ' || ${word('i % 200', 1 + 0)} || ', ' ||
          ${word('i % 200', 2)} || ' pour ' || ${word('(i * 7) % 200', 3)},
        ARRAY[${word('i % 200', 4)}, ${word('(i / 200) % 200', 5)}], true
      FROM generate_series(1, ${N}) i`.execute(trx);
    await sql`INSERT INTO memberships (organisation_id, network_id, joined_on)
      SELECT o.id, n.id, date '2010-01-01' + (o.id % 3000)
      FROM organisations o JOIN networks n ON n.slug = 'bench-' || (1 + (o.id % ${C}) % 6)`.execute(trx);
    await sql`
      INSERT INTO projects (acronym, title, summary, keywords, project_type, status, labelled_on, start_date, generated, source, external_id)
      SELECT 'B' || p, initcap(${word('p % 200', 0)}) || ' : ' || ${word('p % 200', 2)} || ' et ' || ${word('p % 200', 6)},
        'Projet collaboratif sur ' || ${word('p % 200', 1)} || ' appliqué à ' || ${word('(p * 13) % 200', 7)},
        ARRAY[${word('p % 200', 3)}], 'rd', 'labelled', date '2008-01-01' + (p * 7 % 5800), date '2008-03-01' + (p * 7 % 5800),
        true, 'regional', 'bench-' || p
      FROM generate_series(1, ${P}) p`.execute(trx);
    // partners: 3–6 per project, 80 % from the project's community (ids ≡ community mod 200)
    await sql`
      INSERT INTO project_partners (project_id, organisation_id, role)
      SELECT DISTINCT ON (x.pid, x.oid) x.pid, x.oid, CASE WHEN x.k = 0 THEN 'coordinator' ELSE 'partner' END
      FROM (
        SELECT pr.id AS pid, k,
          CASE WHEN (pr.id * 31 + k * 17) % 5 = 0
            THEN 1 + ((pr.id::bigint * 2654435761 + k * 40503) % ${N})
            ELSE 1 + ((pr.id % ${C}) + ${C} * ((pr.id::bigint * 7919 + k * 104729) % (${N} / ${C}))) % ${N}
          END::int AS oid
        FROM projects pr, generate_series(0, 2 + (pr.id % 4)) k
        WHERE pr.external_id LIKE 'bench-%') x
      ORDER BY x.pid, x.oid, x.k`.execute(trx);
    await sql`INSERT INTO project_networks (project_id, network_id)
      SELECT pr.id, n.id FROM projects pr JOIN networks n ON n.slug = 'bench-' || (1 + (pr.id % ${C}) % 6)
      WHERE pr.external_id LIKE 'bench-%'`.execute(trx);
    await trx
      .insertInto('calls')
      .values({
        title: 'Appel bench',
        projectType: 'rd',
        opensAt: new Date(Date.now() - 30 * 86_400_000),
        closesAt: new Date(Date.now() + 30 * 86_400_000),
        rules: JSON.stringify(WALLOON_RD_RULES),
        grid: JSON.stringify(WALLOON_RD_GRID),
      })
      .execute();
  });
  await sql`ANALYZE`.execute(db);
}

async function runOn(kind: 'pglite' | 'postgres', h: DatabaseHandle) {
  console.log(
    `\n== ${kind}: ${ORGS.toLocaleString('en')} organisations, ${PROJECTS.toLocaleString('en')} projects`,
  );
  await migrateToLatest(h.db);
  let t = performance.now();
  await generate(h.db);
  const generateMs = performance.now() - t;
  console.log(`  generated in ${ms(generateMs)} ms`);
  const builds: number[] = [];
  let model = await buildModel(h.db, 0);
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    model = await buildModel(h.db, 0);
    builds.push(performance.now() - t);
  }
  const partners = model.collaboration.graph.m;
  console.log(
    `  model build (median of 3): ${ms(pct(builds, 50))} ms — ${model.profiles.terms.length.toLocaleString('en')} profile entries, ${model.corpus.vocabulary.size.toLocaleString('en')} terms, ${partners.toLocaleString('en')} collaboration ties`,
  );
  const { id: callId } = await h.db.selectFrom('calls').select('id').executeTakeFirstOrThrow();
  const app = await buildApp({ handle: h });
  t = performance.now();
  const first = await app.inject({
    method: 'POST',
    url: '/api/v1/matchmaking/partners',
    payload: { text: 'drones' },
  });
  const firstMs = performance.now() - t;
  if (first.statusCode !== 200) throw new Error(first.body);
  const lat: number[] = [];
  let items = 0;
  for (let r = 0; r < REQUESTS; r++) {
    const c = r % COMMUNITIES;
    const body: Record<string, unknown> = {
      text: `${WORDS[(c * 3 + 1) % WORDS.length]} ${WORDS[(c * 3 + 2) % WORDS.length]} ${WORDS[(r * 11) % WORDS.length]}`,
      consortium: Array.from(
        { length: 2 + (r % 3) },
        (_, k) => 1 + ((c + COMMUNITIES * ((r * 37 + k * 101) % (ORGS / COMMUNITIES))) % ORGS),
      ),
      limit: 10,
    };
    if (r % 2 === 0) body.callId = callId;
    if (r % 5 === 0) body.kinds = ['enterprise'];
    if (r % 7 === 0) body.noveltyWeight = 0.6;
    t = performance.now();
    const res = await app.inject({ method: 'POST', url: '/api/v1/matchmaking/partners', payload: body });
    lat.push(performance.now() - t);
    if (res.statusCode !== 200) throw new Error(res.body);
    items += (res.json() as { items: unknown[] }).items.length;
  }
  await app.close();
  const out = {
    organisations: ORGS,
    projects: PROJECTS,
    generateMs: ms(generateMs),
    modelBuildMs: ms(pct(builds, 50)),
    modelBuildRunsMs: builds.map(ms),
    firstRequestMs: ms(firstMs),
    requests: REQUESTS,
    p50Ms: ms(pct(lat, 50)),
    p95Ms: ms(pct(lat, 95)),
    maxMs: ms(Math.max(...lat)),
    meanItems: Math.round((items / REQUESTS) * 10) / 10,
    profileEntries: model.profiles.terms.length,
    terms: model.corpus.vocabulary.size,
    collaborationTies: partners,
  };
  console.log(
    `  first request (builds the model): ${out.firstRequestMs} ms; ${REQUESTS} requests: p50 ${out.p50Ms} ms, p95 ${out.p95Ms} ms, max ${out.maxMs} ms (target < 200 ms)`,
  );
  return out;
}

function table(name: string, r: { methods: Record<string, { hit10: number; mrr: number } | null> }) {
  console.log(`\n  ${name}`);
  console.log(`  ${'method'.padEnd(12)} ${'hit@10'.padStart(7)} ${'MRR'.padStart(7)}`);
  for (const [m, v] of Object.entries(r.methods))
    console.log(
      `  ${m.padEnd(12)} ${v ? v.hit10.toFixed(3).padStart(7) : '    n/a'} ${v ? v.mrr.toFixed(3).padStart(7) : '    n/a'}`,
    );
}

async function evaluation() {
  console.log('\n== offline evaluation (leave-one-out, each partner hidden in turn, time-respecting)');
  const dir = mkdtempSync(join(tmpdir(), 'polaris-bench-mm-demo-'));
  const h = await openDatabase({ dataDir: dir });
  try {
    await migrateToLatest(h.db);
    await loadDemo(h.db, { log: () => {} });
    const demo = await evaluateStored(h.db);
    const cordis = evaluateCordis(parseCordisParticipations(await readSheet(readFileSync(CORDIS))).projects);
    table(
      `demo (${demo.projects} projects, ${demo.queries} hidden partners, ${demo.organisations} organisations)`,
      demo,
    );
    table(
      `CORDIS H2020 Belgium (${cordis.projects} projects, ${cordis.queries} hidden partners, ${cordis.organisations} PICs; no text)`,
      cordis,
    );
    const pick = (r: typeof demo) =>
      Object.fromEntries(
        Object.entries(r.methods).map(([k, v]) => [
          k,
          v ? { hit10: v.hit10, mrr: v.mrr, meanRank: v.meanRank } : null,
        ]),
      );
    return {
      demo: {
        projects: demo.projects,
        queries: demo.queries,
        coldStart: demo.coldStart,
        methods: pick(demo),
        protocol: demo.protocol,
      },
      cordis: {
        projects: cordis.projects,
        queries: cordis.queries,
        coldStart: cordis.coldStart,
        methods: pick(cordis),
        protocol: cordis.protocol,
      },
    };
  } finally {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const results: Record<string, unknown> = { date: new Date().toISOString() };
if (process.env.BENCH_SKIP_PGLITE !== '1') {
  const dir = mkdtempSync(join(tmpdir(), 'polaris-bench-mm-'));
  const h = await openDatabase({ dataDir: dir });
  try {
    results.pglite = await runOn('pglite', h);
  } finally {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
if (process.env.BENCH_SKIP_PG !== '1') {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS polaris_bench_mm WITH (FORCE)');
  await admin.query('CREATE DATABASE polaris_bench_mm');
  const url = new URL(PG_URL);
  url.pathname = '/polaris_bench_mm';
  const h = await openDatabase({ databaseUrl: url.toString() });
  try {
    results.postgres = await runOn('postgres', h);
  } finally {
    await h.close();
    await admin.query('DROP DATABASE IF EXISTS polaris_bench_mm WITH (FORCE)');
    await admin.end();
  }
}
if (process.env.BENCH_SKIP_EVAL !== '1') results.evaluation = await evaluation();
mkdirSync(join(process.cwd(), 'bench', 'out'), { recursive: true });
writeFileSync(
  join(process.cwd(), 'bench', 'out', 'matchmaking.json'),
  `${JSON.stringify(results, null, 2)}\n`,
);
console.log('\nwritten bench/out/matchmaking.json');
