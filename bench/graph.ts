import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  betweenness,
  betweennessParallel,
  betweennessSampled,
  type CsrGraph,
  computeReportParallel,
  fromEdgeArrays,
  louvain,
  pagerank,
  projectBipartite,
} from '../src/analytics/graph/index.ts';
import { mulberry32 } from '../src/analytics/graph/random.ts';

/**
 * `node --import tsx bench/graph.ts [--networkx]`: Polaris graph metrics against igraph (and networkx)
 * on (1) a seeded random graph of 10,000 nodes / 50,000 edges, (2) the CORDIS H2020 Belgian
 * organisation co-participation projection, (3) a random 2,000 / 10,000 graph (same mean degree).
 * Each graph goes through a temporary edge-list CSV that bench/graph_reference.py reads too.
 * networkx exact betweenness runs on (2) and (3) only, unless --networkx (≈ 7 minutes on (1)).
 * Targets (issue 4): exact betweenness ≤ igraph on 2 threads and ≤ 2× igraph on one; Louvain < 1 s
 * with modularity ≥ igraph's. Writes bench/out/graph.json.
 * Env: BENCH_GRAPH_PYTHON (/usr/bin/python3), BENCH_GRAPH_REPEAT (5, for the fast metrics),
 * BENCH_GRAPH_ONLY (one graph by name: random-10k, cordis-be, random-2k).
 */

const PYTHON = process.env.BENCH_GRAPH_PYTHON ?? '/usr/bin/python3';
const REPEAT = Number(process.env.BENCH_GRAPH_REPEAT ?? 5);
const NETWORKX_BIG = process.argv.includes('--networkx');
const ONLY = process.env.BENCH_GRAPH_ONLY; // e.g. random-10k: run one graph
const CORDIS = resolve(
  process.cwd(),
  '..',
  'shared',
  'data',
  'validation',
  'cordis-h2020-be',
  'h2020_BE_participations.csv',
);

interface Reference {
  nodes: number;
  edges: number;
  igraph_betweenness_s: number;
  igraph_pagerank_s: number;
  igraph_louvain_s: number;
  igraph_louvain_modularity: number;
  igraph_louvain_communities: number;
  networkx_betweenness_s?: number;
  networkx_vs_igraph_max_abs_diff?: number;
}

interface GraphResult {
  name: string;
  nodes: number;
  edges: number;
  polaris: {
    betweenness1: number;
    betweenness1Cpu: number;
    betweenness2: number;
    sampled: number;
    sampledPivots: number;
    sampledMaxError: number;
    sampledMaxStandardError: number;
    pagerank: number;
    louvain: number;
    louvainModularity: number;
    louvainCommunities: number;
    /** computeReportParallel, 2 threads: every metric of the CLI report. */
    report: number;
  };
  reference: Reference;
  betweennessMaxAbsDiffVsIgraph: number;
  top10Identical: boolean;
}

/** Uniform random simple graph with exactly m edges (seeded). */
function randomEdges(n: number, m: number, seed: number): [Int32Array, Int32Array] {
  const random = mulberry32(seed);
  const seen = new Set<number>();
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  let k = 0;
  while (k < m) {
    const a = Math.floor(random() * n);
    const b = Math.floor(random() * n);
    if (a === b) continue;
    const key = a < b ? a * n + b : b * n + a;
    if (seen.has(key)) continue;
    seen.add(key);
    src[k] = a;
    dst[k] = b;
    k++;
  }
  return [src, dst];
}

function cordisEdges(): { sources: string[]; targets: string[]; weights: number[] } | null {
  if (!existsSync(CORDIS)) return null;
  const [header, ...lines] = readFileSync(CORDIS, 'utf8').trim().split(/\r?\n/);
  const cols = header!.split(',');
  const project = cols.indexOf('rcn');
  const pic = cols.indexOf('pic');
  const pairs = lines.map((line) => {
    const cells = line.split(',');
    return { left: cells[pic]!, right: cells[project]! };
  });
  const projected = projectBipartite(pairs); // projects with a single Belgian partner add no tie
  return {
    sources: projected.map((e) => e.source),
    targets: projected.map((e) => e.target),
    weights: projected.map((e) => e.weight),
  };
}

function writeCsv(path: string, g: CsrGraph): void {
  const rows = ['source,target,weight'];
  for (let v = 0; v < g.n; v++) {
    for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
      const u = g.targets[p]!;
      if (u > v) rows.push(`${g.ids[v]},${g.ids[u]},${g.weights[p]}`);
    }
  }
  writeFileSync(path, `${rows.join('\n')}\n`);
}

function seconds<T>(f: () => T): [number, T] {
  const t = performance.now();
  const value = f();
  return [(performance.now() - t) / 1000, value];
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function top10(values: ArrayLike<number>, ids: readonly string[]): string[] {
  return Array.from(values, (x, i) => [x, i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .slice(0, 10)
    .map(([, i]) => ids[i]!);
}

async function measure(
  name: string,
  g: CsrGraph,
  dir: string,
  withNetworkx: boolean,
): Promise<GraphResult | null> {
  if (ONLY && ONLY !== name) return null;
  console.error(`\n${name}: ${g.n} nodes, ${g.m} edges (load average ${loadavg()[0]!.toFixed(2)})`);
  const csv = join(dir, `${name}.csv`);
  const valuesPath = join(dir, `${name}.igraph-betweenness.json`);
  writeCsv(csv, g);

  const cpu0 = process.cpuUsage();
  const [bc1Time, exact] = seconds(() => betweenness(g));
  const bc1Cpu = process.cpuUsage(cpu0).user / 1e6;
  console.error(`  Polaris betweenness, 1 thread: ${bc1Time.toFixed(2)} s (CPU ${bc1Cpu.toFixed(2)} s)`);
  const t2 = performance.now();
  const parallel = await betweennessParallel(g, { threads: 2 });
  const bc2Time = (performance.now() - t2) / 1000;
  console.error(`  Polaris betweenness, 2 threads: ${bc2Time.toFixed(2)} s`);
  let parallelDiff = 0;
  for (let v = 0; v < g.n; v++) parallelDiff = Math.max(parallelDiff, Math.abs(parallel[v]! - exact[v]!));
  if (parallelDiff > 1e-12)
    throw new Error(`parallel and single-thread betweenness differ by ${parallelDiff}`);

  const pivots = Math.min(g.n, 256);
  const [sampledTime, sampled] = seconds(() => betweennessSampled(g, { pivots, seed: 1 }));
  let sampledMaxError = 0;
  for (let v = 0; v < g.n; v++) {
    sampledMaxError = Math.max(sampledMaxError, Math.abs(sampled.betweenness[v]! - exact[v]!));
  }
  const prTimes: number[] = [];
  const lvTimes: number[] = [];
  for (let r = 0; r < REPEAT; r++) {
    prTimes.push(seconds(() => pagerank(g))[0]);
    lvTimes.push(seconds(() => louvain(g, { seed: 1 }))[0]);
  }
  const seed1 = louvain(g, { seed: 1 }); // one seed's modularity, not the best of several
  const tr = performance.now();
  await computeReportParallel(g, { threads: 2 });
  const reportTime = (performance.now() - tr) / 1000;

  console.error(`  reference (${PYTHON} bench/graph_reference.py)…`);
  const args = ['bench/graph_reference.py', csv, '--values', valuesPath, '--n', String(g.n)];
  if (withNetworkx) args.push('--networkx');
  const reference = JSON.parse(
    execFileSync(PYTHON, args, { encoding: 'utf8', maxBuffer: 1 << 26 }),
  ) as Reference;
  const igraphBc = JSON.parse(readFileSync(valuesPath, 'utf8')) as Record<string, number>;
  let diff = 0;
  const igraphValues = new Float64Array(g.n);
  g.ids.forEach((id, v) => {
    igraphValues[v] = igraphBc[id] ?? 0;
    diff = Math.max(diff, Math.abs(igraphValues[v]! - exact[v]!));
  });
  const same = top10(exact, g.ids).join() === top10(igraphValues, g.ids).join();
  return {
    name,
    nodes: g.n,
    edges: g.m,
    polaris: {
      betweenness1: bc1Time,
      betweenness1Cpu: bc1Cpu,
      betweenness2: bc2Time,
      sampled: sampledTime,
      sampledPivots: pivots,
      sampledMaxError,
      sampledMaxStandardError: Math.max(...sampled.standardError),
      pagerank: median(prTimes),
      louvain: median(lvTimes),
      louvainModularity: seed1.modularity,
      louvainCommunities: seed1.count,
      report: reportTime,
    },
    reference,
    betweennessMaxAbsDiffVsIgraph: diff,
    top10Identical: same,
  };
}

function table(results: GraphResult[]): string {
  const rows: string[][] = [['graph', 'measure', 'Polaris', 'igraph', 'Polaris/igraph', 'networkx']];
  const f = (x: number) => (x < 0.1 ? x.toFixed(4) : x < 10 ? x.toFixed(3) : x.toFixed(1));
  for (const r of results) {
    const p = r.polaris;
    const ref = r.reference;
    const nx = ref.networkx_betweenness_s === undefined ? '—' : `${f(ref.networkx_betweenness_s)} s`;
    const label = `${r.name} (${r.nodes}/${r.edges})`;
    rows.push([
      label,
      'betweenness, 1 thread',
      `${f(p.betweenness1)} s`,
      `${f(ref.igraph_betweenness_s)} s`,
      (p.betweenness1 / ref.igraph_betweenness_s).toFixed(2),
      nx,
    ]);
    rows.push([
      '',
      'betweenness, 2 threads',
      `${f(p.betweenness2)} s`,
      '',
      (p.betweenness2 / ref.igraph_betweenness_s).toFixed(2),
      '',
    ]);
    rows.push(['', `sampled betweenness k=${p.sampledPivots}`, `${f(p.sampled)} s`, '', '', '']);
    rows.push([
      '',
      'PageRank',
      `${f(p.pagerank)} s`,
      `${f(ref.igraph_pagerank_s)} s`,
      (p.pagerank / ref.igraph_pagerank_s).toFixed(2),
      '',
    ]);
    rows.push([
      '',
      'Louvain',
      `${f(p.louvain)} s`,
      `${f(ref.igraph_louvain_s)} s`,
      (p.louvain / ref.igraph_louvain_s).toFixed(2),
      '',
    ]);
    rows.push([
      '',
      'Louvain modularity',
      p.louvainModularity.toFixed(4),
      ref.igraph_louvain_modularity.toFixed(4),
      '',
      '',
    ]);
    rows.push(['', 'full report (all metrics), 2 threads', `${f(p.report)} s`, '', '', '']);
    rows.push([
      '',
      'max |Δ betweenness| vs igraph',
      r.betweennessMaxAbsDiffVsIgraph.toExponential(1),
      '',
      r.top10Identical ? 'top-10 same' : 'top-10 DIFFERENT',
      '',
    ]);
    rows.push([
      '',
      `sampled: max error / max SE`,
      `${p.sampledMaxError.toExponential(1)} / ${p.sampledMaxStandardError.toExponential(1)}`,
      '',
      '',
      '',
    ]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  return rows.map((row) => row.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')).join('\n');
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'polaris-graph-bench-'));
  const all: (GraphResult | null)[] = [];
  const results = () => all.filter((r): r is GraphResult => r !== null);
  try {
    const [src, dst] = randomEdges(10_000, 50_000, 42);
    all.push(
      await measure('random-10k', fromEdgeArrays(src, dst, undefined, { n: 10_000 }), dir, NETWORKX_BIG),
    );
    const cordis = cordisEdges();
    if (cordis) {
      const g = fromEdgeArrays(cordis.sources, cordis.targets, cordis.weights);
      all.push(await measure('cordis-be', g, dir, true));
    }
    const [s2, d2] = randomEdges(2_000, 10_000, 7);
    all.push(await measure('random-2k', fromEdgeArrays(s2, d2, undefined, { n: 2_000 }), dir, true));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const out = resolve(process.cwd(), 'bench', 'out');
  mkdirSync(out, { recursive: true });
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    loadavg: loadavg(),
    results: results(),
  };
  writeFileSync(join(out, 'graph.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(
    `\n${table(results())}\n\nload average at the end: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  console.log(`written: ${join(out, 'graph.json')}`);
}

await main();
