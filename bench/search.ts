import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { normaliseName, stripAccents } from '../src/domain/text.ts';
import { setCacheEnabled } from '../src/modules/cache.ts';
import { rng, SUFFIXES } from '../src/modules/demo/demo.generator.ts';
import { DEMO_NETWORKS } from '../src/modules/demo/demo.networks.ts';
import { pick } from '../src/modules/demo/demo.projects.ts';
import { buildApp } from '../src/server/app.ts';

/**
 * Search under load (issue 6): 100,000 organisations with French descriptions and keywords and
 * 30,000 projects (seeded, deterministic), on PostgreSQL (a temporary database, dropped after)
 * and on PGlite (a temporary folder). autocannon on /api/v1/search with rotating realistic
 * queries (stems, accents, plurals, typos, filters, pages) and on /api/v1/search/autocomplete
 * (prefixes and typos), every path distinct, with the answer cache off (every request runs its
 * SQL), as the public sees them: first one client, one request at a time (latency without
 * queueing), then concurrent clients. The machine's load average is reported with each run.
 * Targets on PostgreSQL: search p95 < 30 ms, autocomplete p95 < 15 ms.
 *
 *   node --import tsx bench/search.ts   (BENCH_SKIP_PGLITE=1, BENCH_SKIP_PG=1, BENCH_ORGS, BENCH_PROJECTS,
 *   BENCH_SECONDS, BENCH_CACHE=1)
 */

const ORGS = Number(process.env.BENCH_ORGS ?? 100_000);
const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 30_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const GENERIC = [
  'solutions',
  'innovation',
  'recherche',
  'développement',
  'production',
  'services',
  'conception',
  'ingénierie',
  'conseil',
  'fabrication',
  'essais',
  'formation',
  'maintenance',
  'qualité',
  'numérique',
  'prototypes',
  'industrialisation',
  'laboratoire',
];
const DOMAIN_WORDS: Record<string, string[]> = {
  biowin: [
    'biotechnologie',
    'médicaments',
    'thérapie cellulaire',
    'diagnostic',
    'vaccins',
    'dispositifs médicaux',
    'anticorps',
    'essais cliniques',
  ],
  greenwin: [
    'chimie verte',
    'matériaux composites',
    'recyclage',
    'plastiques biosourcés',
    'économie circulaire',
    'polymères',
    'catalyse',
    'matériau recyclé',
  ],
  'logistics-in-wallonia': [
    'logistique',
    'transport',
    'entreposage',
    'chaîne d’approvisionnement',
    'fret ferroviaire',
    'distribution',
    'intermodal',
  ],
  mecatech: [
    'mécanique',
    'usinage',
    'robotique',
    'capteurs',
    'fabrication additive',
    'métallurgie',
    'automatisation',
    'soudage',
  ],
  skywin: [
    'aéronautique',
    'spatial',
    'satellites',
    'moteurs d’avion',
    'matériaux composites',
    'drones',
    'avionique',
  ],
  wagralim: [
    'agroalimentaire',
    'élevage',
    'produits laitiers',
    'boulangerie',
    'emballages alimentaires',
    'nutrition',
    'céréales',
  ],
  tweed: [
    'énergie renouvelable',
    'éolien',
    'photovoltaïque',
    'efficacité énergétique',
    'hydrogène',
    'stockage d’énergie',
  ],
  h2o: ['eau', 'traitement des eaux', 'assainissement', 'irrigation', 'eaux usées'],
  infopole: [
    'logiciel',
    'intelligence artificielle',
    'cybersécurité',
    'données',
    'cloud',
    'applications web',
  ],
  'eco-construction': ['écoconstruction', 'isolation', 'bois', 'bâtiment passif', 'rénovation énergétique'],
  'cap-construction': [
    'construction durable',
    'béton',
    'chantier',
    'génie civil',
    'matériaux de construction',
  ],
  'auto-mobilite': ['véhicules électriques', 'mobilité', 'batteries', 'recharge', 'équipementiers'],
  'nutrition-sante': ['nutrition', 'compléments alimentaires', 'santé', 'alimentation fonctionnelle'],
};
const KINDS = [
  'enterprise',
  'enterprise',
  'enterprise',
  'enterprise',
  'enterprise',
  'enterprise',
  'university',
  'research_centre',
  'university_college',
  'association',
];
const SIZES = ['micro', 'micro', 'small', 'small', 'medium', 'large'];
const PROVINCES = ['25000', '50000', '60000', '80000', '90000'];
const SECTIONS: Record<string, string> = {
  '0': 'A',
  '1': 'C',
  '2': 'C',
  '3': 'C',
  '4': 'G',
  '5': 'H',
  '6': 'J',
  '7': 'M',
  '8': 'N',
  '9': 'S',
};
const TEMPLATES = [
  (a: string, b: string, g: string) =>
    `Spécialiste de ${a} et de ${b}, nous assurons la ${g} pour l’industrie wallonne.`,
  (a: string, b: string, g: string) =>
    `Entreprise active en ${a} : ${g}, ${b} et accompagnement de projets européens.`,
  (a: string, b: string, g: string) =>
    `Notre équipe combine ${a}, ${b} et ${g} au service de clients en Belgique et à l’export.`,
];

/** Load the seeded organisations and projects (exported for scratch query plans in bench/tmp/). */
export async function load(h: DatabaseHandle): Promise<{ orgs: number; projects: number; seconds: number }> {
  const t0 = performance.now();
  const db = h.db;
  const r = rng(42);
  const nets = await db
    .insertInto('networks')
    .values(
      DEMO_NETWORKS.map((n) => ({
        slug: n.slug,
        kind: n.kind,
        name: n.name,
        acronym: n.acronym ?? null,
        domain: n.domain,
      })),
    )
    .returning(['id', 'slug'])
    .execute();
  const BATCH = 5000;
  for (let start = 0; start < ORGS; start += BATCH) {
    const cols: Record<string, unknown[]> = {
      name: [],
      nameKey: [],
      searchText: [],
      kind: [],
      size: [],
      nace: [],
      section: [],
      province: [],
      description: [],
      keywords: [],
      net: [],
    };
    for (let i = start; i < Math.min(ORGS, start + BATCH); i++) {
      const ni = Math.floor(r() * DEMO_NETWORKS.length);
      const net = DEMO_NETWORKS[ni]!;
      const words = DOMAIN_WORDS[net.slug] ?? GENERIC;
      const name = `${pick(r, net.stems)}${pick(r, SUFFIXES).toLowerCase()} ${i} ${pick(r, ['SA', 'SRL', 'SC', 'ASBL'])}`;
      const nace = pick(r, net.nace);
      cols.name!.push(name);
      cols.nameKey!.push(normaliseName(name));
      cols.searchText!.push(stripAccents(name).toLowerCase());
      cols.kind!.push(pick(r, KINDS));
      cols.size!.push(pick(r, SIZES));
      cols.nace!.push(nace);
      cols.section!.push(SECTIONS[nace[0]!] ?? 'C');
      cols.province!.push(pick(r, PROVINCES));
      cols.description!.push(pick(r, TEMPLATES)(pick(r, words), pick(r, words), pick(r, GENERIC)));
      cols.keywords!.push(`${pick(r, words)}|${pick(r, words)}|${pick(r, GENERIC)}`);
      cols.net!.push(nets[ni]!.id);
    }
    await sql`
      WITH ins AS (
        INSERT INTO organisations (name, name_key, search_text, kind, size_class, nace_codes, nace_sections, province_nis, description, keywords)
        SELECT name, name_key, search_text, kind, size_class, ARRAY[nace], ARRAY[section], province_nis, description,
          string_to_array(keywords, '|')
        FROM unnest(${cols.name}::text[], ${cols.nameKey}::text[], ${cols.searchText}::text[], ${cols.kind}::text[],
          ${cols.size}::text[], ${cols.nace}::text[], ${cols.section}::text[], ${cols.province}::text[],
          ${cols.description}::text[], ${cols.keywords}::text[])
          AS t(name, name_key, search_text, kind, size_class, nace, section, province_nis, description, keywords)
        RETURNING id
      )
      SELECT 1`.execute(db);
  }
  // one current membership each, in a network chosen by id (not by domain: facets only need a spread)
  const netIds = nets.map((n) => n.id);
  await sql`INSERT INTO memberships (organisation_id, network_id, joined_on)
    SELECT o.id, (${netIds}::int[])[1 + o.id % ${netIds.length}], date '2008-01-01' + (o.id % 5000) FROM organisations o`.execute(
    db,
  );
  for (let start = 0; start < PROJECTS; start += BATCH) {
    const cols: Record<string, unknown[]> = {
      acronym: [],
      title: [],
      summary: [],
      keywords: [],
      status: [],
      labelled: [],
      net: [],
    };
    for (let i = start; i < Math.min(PROJECTS, start + BATCH); i++) {
      const ni = Math.floor(r() * DEMO_NETWORKS.length);
      const words = DOMAIN_WORDS[DEMO_NETWORKS[ni]!.slug] ?? GENERIC;
      const a = pick(r, words);
      const b = pick(r, words);
      const roll = r();
      cols.acronym!.push(
        `${stripAccents(a)
          .replace(/[^A-Za-z]/g, '')
          .slice(0, 5)
          .toUpperCase()}${i}`,
      );
      cols.title!.push(
        `${pick(r, ['Nouveaux', 'Procédés innovants en', 'Plateforme de', 'Démonstrateur de'])} ${a} pour ${b}`,
      );
      cols.summary!.push(
        `Le projet développe ${a} et ${b} ; ${pick(r, GENERIC)} et ${pick(r, GENERIC)} avec des partenaires wallons.`,
      );
      cols.keywords!.push(`${a}|${b}`);
      cols.status!.push(roll < 0.7 ? 'running' : roll < 0.85 ? 'draft' : 'stage1');
      cols.labelled!.push(roll < 0.7 ? `${2007 + (i % 18)}-06-01` : null);
      cols.net!.push(nets[ni]!.id);
    }
    await sql`
      WITH ins AS (
        INSERT INTO projects (acronym, title, summary, keywords, project_type, status, labelled_on, search_text)
        SELECT a, t, s, string_to_array(k, '|'), 'rd', st, l, lower(a || ' ' || t)
        FROM unnest(${cols.acronym}::text[], ${cols.title}::text[], ${cols.summary}::text[], ${cols.keywords}::text[],
          ${cols.status}::text[], ${cols.labelled}::date[], ${cols.net}::int[]) AS x(a, t, s, k, st, l, n)
        RETURNING id, acronym
      )
      INSERT INTO project_networks (project_id, network_id)
      SELECT ins.id, x.n FROM ins JOIN unnest(${cols.acronym}::text[], ${cols.net}::int[]) AS x(a, n) ON x.a = ins.acronym`.execute(
      db,
    );
  }
  await sql`ANALYZE`.execute(db);
  return { orgs: ORGS, projects: PROJECTS, seconds: (performance.now() - t0) / 1000 };
}

const SEARCHES = [
  'matériaux composites',
  'materiau composite',
  'énergie renouvelable',
  'hydrogene',
  'biotechnologie',
  'logistique transport',
  'élevage',
  'recyclage plastiques',
  'intelligence artificielle',
  'capteurs robotique',
  'satellites',
  'Aérotec',
  'Pharmatek',
  'traitement des eaux',
  'cybersécurité',
  'béton durable',
  'fabrication additive',
  'vaccins',
  'drones avionique',
  'emballages alimentaires',
];
const FILTERS = [
  '&page=2',
  '&type=organisation',
  '&type=project&pageSize=10',
  ...PROVINCES.map((p) => `&province=${p}`),
];
/**
 * Distinct request paths (the answer cache is off, and with BENCH_CACHE=1 none repeats within a
 * pass): every query alone, then with one filter or page each, then the original mixed cases.
 */
export const SEARCH_PATHS = [
  ...SEARCHES.map((q) => `/api/v1/search?q=${encodeURIComponent(q)}`),
  ...SEARCHES.map((q, i) => `/api/v1/search?q=${encodeURIComponent(q)}${FILTERS[i % FILTERS.length]}`),
  ...SEARCHES.map((q, i) => `/api/v1/search?q=${encodeURIComponent(q)}${FILTERS[(i + 3) % FILTERS.length]}`),
  `/api/v1/search?q=${encodeURIComponent('matériaux')}&province=60000`,
  `/api/v1/search?q=${encodeURIComponent('énergie')}&network=tweed`,
  `/api/v1/search?q=${encodeURIComponent('logiciel')}&type=organisation&size=small`,
  `/api/v1/search?q=${encodeURIComponent('composites')}&type=project&page=3`,
];
const TYPOS = ['skiwin', 'pharmatek', 'aerotec', 'mecatek', 'greenwinn', 'biowim', 'logisitcs', 'hydrogne'];
/** What people type: 2 to 6 first letters of name stems and domain words, and a few typos. */
const PREFIXES = [
  ...new Set([
    ...DEMO_NETWORKS.flatMap((n) => n.stems.map((s) => stripAccents(s).toLowerCase())).flatMap((s) =>
      [3, 5].map((k) => s.slice(0, k)),
    ),
    ...Object.values(DOMAIN_WORDS)
      .flat()
      .map((w) => stripAccents(w).toLowerCase().slice(0, 4)),
    ...TYPOS,
  ]),
];
export const AUTOCOMPLETE_PATHS = PREFIXES.map(
  (q) => `/api/v1/search/autocomplete?q=${encodeURIComponent(q)}&limit=8`,
);

interface Load {
  requests: number;
  reqPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** 1-minute load average of the machine when the run started (other work shares it) */
  loadAverage: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round1 = (x: number) => Math.round(x * 10) / 10;

/** Concurrent clients for SECONDS, cycling through the paths (autocannon). */
export async function hammer(url: string, paths: string[], connections: number): Promise<Load> {
  const loadAverage = round1(loadavg()[0]!);
  const latencies: number[] = [];
  const res = await new Promise<autocannon.Result>((resolve, reject) => {
    const inst = autocannon(
      {
        url,
        connections,
        duration: SECONDS,
        requests: paths.map((path) => ({ method: 'GET' as const, path })),
      },
      (err, r) => (err ? reject(err) : resolve(r)),
    );
    inst.on('response', (_c, _s, _b, ms) => latencies.push(ms));
  });
  latencies.sort((a, b) => a - b);
  return {
    requests: res.requests.total,
    reqPerSec: Math.round(res.requests.average),
    p50: round1(percentile(latencies, 50)),
    p95: round1(percentile(latencies, 95)),
    p99: round1(percentile(latencies, 99)),
    errors: res.errors,
    non2xx: res.non2xx,
    loadAverage,
  };
}

/** One client, one request at a time, each path once: latency without queueing. */
export async function sequential(
  url: string,
  paths: string[],
  log: Record<string, { total: number; ms: number }>,
) {
  const loadAverage = round1(loadavg()[0]!);
  const latencies: number[] = [];
  const t0 = performance.now();
  for (const p of paths) {
    const t = performance.now();
    const res = await fetch(`${url}${p}`);
    const body = (await res.json()) as { total?: number; items: unknown[] };
    const ms = performance.now() - t;
    if (!res.ok) throw new Error(`${p}: ${res.status} ${JSON.stringify(body)}`);
    latencies.push(ms);
    log[decodeURIComponent(p)] = { total: body.total ?? body.items.length, ms: round1(ms) };
  }
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: paths.length,
    reqPerSec: Math.round(paths.length / seconds),
    p50: round1(percentile(latencies, 50)),
    p95: round1(percentile(latencies, 95)),
    p99: round1(percentile(latencies, 99)),
    errors: 0,
    non2xx: 0,
    loadAverage,
  } satisfies Load;
}

async function measure(database: 'pglite' | 'postgres', h: DatabaseHandle) {
  try {
    await migrateToLatest(h.db);
    const loaded = await load(h);
    console.log(
      `${database}: loaded ${loaded.orgs} organisations, ${loaded.projects} projects in ${loaded.seconds.toFixed(1)} s`,
    );
    // BENCH_CACHE=1: the answer caches on (repeated queries served from memory); off by default,
    // so every request below runs its SQL
    setCacheEnabled(process.env.BENCH_CACHE === '1');
    const app = await buildApp({ handle: h });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const single: Record<string, { total: number; ms: number }> = {};
    // a first pass warms the buffers and the text search dictionaries of the connections
    await sequential(address, [...SEARCH_PATHS, ...AUTOCOMPLETE_PATHS], {});
    const searchOne = await sequential(address, SEARCH_PATHS, single);
    const autocompleteOne = await sequential(address, AUTOCOMPLETE_PATHS, single);
    console.log(`${database}: 1 client`, { search: searchOne, autocomplete: autocompleteOne });
    // PGlite is one connection (queued): fewer clients measure it without queueing inflation
    const connections = database === 'postgres' ? 10 : 4;
    const search = await hammer(address, SEARCH_PATHS, connections);
    console.log(`${database}: search`, search);
    const autocomplete = await hammer(address, AUTOCOMPLETE_PATHS, connections);
    console.log(`${database}: autocomplete`, autocomplete);
    await app.close();
    return { database, connections, loaded, single, searchOne, autocompleteOne, search, autocomplete };
  } finally {
    setCacheEnabled(true);
    await h.close();
  }
}

async function main() {
  const results = [];
  if (process.env.BENCH_SKIP_PG !== '1') {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS polaris_bench_search WITH (FORCE)');
    await admin.query('CREATE DATABASE polaris_bench_search');
    const u = new URL(PG_URL);
    u.pathname = '/polaris_bench_search';
    try {
      results.push(await measure('postgres', await openDatabase({ databaseUrl: u.toString() })));
    } finally {
      await admin.query('DROP DATABASE IF EXISTS polaris_bench_search WITH (FORCE)');
      await admin.end();
    }
  }
  if (process.env.BENCH_SKIP_PGLITE !== '1') {
    const dir = mkdtempSync(join(tmpdir(), 'polaris-bench-search-'));
    try {
      results.push(await measure('pglite', await openDatabase({ dataDir: dir })));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(
    `\n${SEARCH_PATHS.length} distinct search paths, ${AUTOCOMPLETE_PATHS.length} distinct autocomplete paths, answer cache ${process.env.BENCH_CACHE === '1' ? 'on' : 'off'}`,
  );
  console.log(
    '| database | endpoint | clients | req/s | p50 ms | p95 ms | p99 ms | errors / non-2xx | load avg |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of results)
    for (const [name, clients, l] of [
      ['search', 1, r.searchOne],
      ['autocomplete', 1, r.autocompleteOne],
      ['search', r.connections, r.search],
      ['autocomplete', r.connections, r.autocomplete],
    ] as const)
      console.log(
        `| ${r.database} | ${name} | ${clients} | ${l.reqPerSec} | ${l.p50} | ${l.p95} | ${l.p99} | ${l.errors} / ${l.non2xx} | ${l.loadAverage} |`,
      );
  mkdirSync('bench/out', { recursive: true });
  writeFileSync(
    'bench/out/search.json',
    `${JSON.stringify({ at: new Date().toISOString(), organisations: ORGS, projects: PROJECTS, seconds: SECONDS, results }, null, 2)}\n`,
  );
}

// run only as a script (scratch files import `load`)
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
