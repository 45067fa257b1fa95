import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GraphReport } from '../../src/analytics/graph/types.ts';
import { findAll, parseXml } from '../helpers/xml.ts';

/**
 * `polaris graph metrics` run as a user runs it (node bin/polaris.mjs, a child process, no database)
 * on the reference networks beside the project (../shared/data/validation/networks, SOURCE.txt):
 * Zachary's karate club against networkx's node metrics (tolerance 1e-6), and the Davis Southern
 * Women two-mode list against networkx's bipartite.weighted_projected_graph (exact).
 */

const NETWORKS = resolve(process.cwd(), '..', 'shared', 'data', 'validation', 'networks');
const KARATE = join(NETWORKS, 'karate_edges.csv');
const DAVIS = join(NETWORKS, 'davis_southern_women_affiliations.csv');
const TOL = 1e-6;

const tmp = mkdtempSync(join(tmpdir(), 'polaris-graph-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function polaris(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['bin/polaris.mjs', ...args],
      // no DATABASE_URL: the command must not need (or open) a database
      { cwd: process.cwd(), env: { ...process.env, DATABASE_URL: '' }, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

/** A small CSV reader for the reference files (plain comma CSV, no quoted commas in them). */
function readCsv(file: string): Record<string, string>[] {
  const [head, ...rows] = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const cols = head!.split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [cols[i]!, v])));
}

describe('polaris graph metrics --edges (karate club)', () => {
  it('--json prints the GraphReport, with node metrics equal to networkx to 1e-6', async () => {
    const r = await polaris('graph', 'metrics', '--edges', KARATE, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as GraphReport;
    expect(Object.keys(report).sort()).toEqual(['graph', 'nodes']);
    expect(report.nodes).toHaveLength(34);
    const byId = new Map(report.nodes.map((n) => [n.id, n]));
    const reference = readCsv(join(NETWORKS, 'karate_nodes_reference_metrics.csv'));
    expect(reference).toHaveLength(34);
    for (const ref of reference) {
      const n = byId.get(ref.node0!);
      expect(n, `node ${ref.node0}`).toBeDefined();
      expect(n!.degree).toBe(Number(ref.degree));
      expect(Math.abs(n!.betweenness - Number(ref.betweenness_norm)), `betweenness ${n!.id}`).toBeLessThan(
        TOL,
      );
      expect(Math.abs(n!.closeness - Number(ref.closeness)), `closeness ${n!.id}`).toBeLessThan(TOL);
      expect(Math.abs(n!.eigenvector - Number(ref.eigenvector)), `eigenvector ${n!.id}`).toBeLessThan(TOL);
      expect(
        Math.abs(n!.pagerank - Number(ref['pagerank_unweighted_0.85'])),
        `pagerank ${n!.id}`,
      ).toBeLessThan(TOL);
      expect(Math.abs(n!.clustering - Number(ref.clustering)), `clustering ${n!.id}`).toBeLessThan(TOL);
    }
    const g = JSON.parse(readFileSync(join(NETWORKS, 'karate_graph_reference.json'), 'utf8'));
    expect(report.graph).toMatchObject({
      nodes: 34,
      edges: 78,
      components: 1,
      largestComponent: 34,
      diameter: 5,
    });
    expect(report.graph.density).toBeCloseTo(g.density, 9);
    expect(report.graph.transitivity).toBeCloseTo(g.transitivity, 9);
    expect(report.graph.averageClustering).toBeCloseTo(g.avg_clustering, 9);
    expect(report.graph.averageShortestPath).toBeCloseTo(g.avg_shortest_path, 9);
    expect(report.graph.degreeAssortativity).toBeCloseTo(g.degree_assortativity, 9);
    // Louvain depends on the node order and seed; the published optimum (0.4198) bounds it
    expect(report.graph.modularity).toBeGreaterThan(0.38);
    expect(report.graph.modularity).toBeLessThan(0.4198 + 1e-4);
  });

  it('--threads 2 (worker threads) gives the same report as one thread', async () => {
    const [one, two] = await Promise.all([
      polaris('graph', 'metrics', '--edges', KARATE, '--json', '--threads', '1'),
      polaris('graph', 'metrics', '--edges', KARATE, '--json', '--threads', '2'),
    ]);
    expect(two.code).toBe(0);
    const a = JSON.parse(one.stdout) as GraphReport;
    const b = JSON.parse(two.stdout) as GraphReport;
    expect(b.graph).toEqual(a.graph);
    b.nodes.forEach((n, i) => {
      expect(n.id).toBe(a.nodes[i]!.id);
      expect(Math.abs(n.betweenness - a.nodes[i]!.betweenness)).toBeLessThan(1e-12);
      expect(Math.abs(n.closeness - a.nodes[i]!.closeness)).toBeLessThan(1e-12);
    });
  });

  it('prints a readable summary: graph figures, then the top 10 by betweenness and by degree', async () => {
    const r = await polaris('graph', 'metrics', '--edges', KARATE);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(
      /^Fichier \(file\): karate_edges\.csv — CSV utf-8, délimiteur ",", 78 ligne\(s\)/,
    );
    expect(lines[1]).toBe('Graphe (graph): 34 nœuds (nodes), 78 liens (edges), non pondéré (unweighted)');
    expect(r.stdout).toMatch(/densité \(density\)\s+0\.139037\n/);
    const b = lines.indexOf('Top 10 par intermédiarité (betweenness, normalisée):');
    expect(lines.slice(b + 1, b + 3).map((l) => l.trim().split(/\s+/).slice(0, 3))).toEqual([
      ['1.', '0', '0.437635'],
      ['2.', '33', '0.304075'],
    ]);
    const d = lines.indexOf('Top 10 par degré (degree):');
    expect(lines.slice(d + 1, d + 3).map((l) => l.trim().split(/\s+/).slice(0, 3))).toEqual([
      ['1.', '33', '17'],
      ['2.', '0', '16'],
    ]);
  });

  it('--format gexf writes well-formed GEXF 1.3 with every metric as a typed node attribute', async () => {
    const out = join(tmp, 'karate.gexf');
    const r = await polaris(
      'graph',
      'metrics',
      '--edges',
      KARATE,
      '--weighted',
      '--format',
      'gexf',
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`written to ${out}`);
    expect(r.stdout).toContain('pondéré (weighted)');
    const doc = parseXml(readFileSync(out, 'utf8'));
    expect(doc.attributes.xmlns).toBe('http://gexf.net/1.3');
    expect(findAll(doc, 'graph')[0]!.attributes.defaultedgetype).toBe('undirected');
    const types = Object.fromEntries(
      findAll(doc, 'attribute').map((a) => [a.attributes.title, a.attributes.type]),
    );
    expect(types).toMatchObject({
      degree: 'integer',
      strength: 'integer',
      betweenness: 'double',
      closeness: 'double',
      pagerank: 'double',
      community: 'integer',
      coreNumber: 'integer',
    });
    expect(findAll(doc, 'node')).toHaveLength(34);
    const edges = findAll(doc, 'edge');
    expect(edges).toHaveLength(78);
    // karate_edges.csv row 2: 0,1,4
    expect(
      edges.find((e) => e.attributes.source === '0' && e.attributes.target === '1')!.attributes.weight,
    ).toBe('4');
  });

  it('--format graphml to standard output is well-formed', async () => {
    const r = await polaris('graph', 'metrics', '--edges', KARATE, '--format', 'graphml');
    expect(r.code).toBe(0);
    const doc = parseXml(r.stdout);
    expect(findAll(doc, 'node')).toHaveLength(34);
    expect(findAll(doc, 'edge')).toHaveLength(78);
  });
});

describe('polaris graph metrics --bipartite (Davis Southern Women)', () => {
  it('projects women × events exactly as networkx weighted_projected_graph', async () => {
    const r = await polaris(
      'graph',
      'metrics',
      '--bipartite',
      DAVIS,
      '--left',
      'woman',
      '--right',
      'event',
      '--format',
      'csv-edges',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
    const got = new Map(
      r.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => {
          const [a, b, w] = l.split(',');
          return [key(a!, b!), Number(w)] as const;
        }),
    );
    const reference = readCsv(join(NETWORKS, 'davis_women_projection_reference.csv'));
    expect(reference).toHaveLength(139);
    expect(got.size).toBe(139);
    for (const e of reference)
      expect(got.get(key(e.woman_a!, e.woman_b!)), `${e.woman_a} – ${e.woman_b}`).toBe(
        Number(e.shared_events),
      );
  });

  it('--weighted --json: 18 women, 139 ties, strength = shared events', async () => {
    const r = await polaris(
      'graph',
      'metrics',
      '--bipartite',
      DAVIS,
      '--left',
      'woman',
      '--right',
      'event',
      '--weighted',
      '--json',
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as GraphReport;
    expect(report.graph).toMatchObject({ nodes: 18, edges: 139, components: 1 });
    const strength = new Map<string, number>();
    for (const e of readCsv(join(NETWORKS, 'davis_women_projection_reference.csv'))) {
      for (const w of [e.woman_a!, e.woman_b!])
        strength.set(w, (strength.get(w) ?? 0) + Number(e.shared_events));
    }
    for (const n of report.nodes) expect(n.strength, n.id).toBe(strength.get(n.id));
  });
});

describe('polaris graph metrics: bad input', () => {
  it('rejects a bad file with exit code 1 and names each bad row, column and value', async () => {
    const file = join(tmp, 'bad.csv');
    writeFileSync(file, 'source;target;poids\nA;B;1\nA;;2\nB;C;beaucoup\nC;D;-1\n');
    const r = await polaris('graph', 'metrics', '--edges', file, '--weight', 'poids');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'polaris graph metrics: The edge list cannot be read: 3 of 4 row(s) have problems',
    );
    expect(r.stderr).toContain('✗ row 3 / column "target": the target node id is empty');
    expect(r.stderr).toContain('✗ row 4 / column "poids": "beaucoup" is not a number [beaucoup]');
    expect(r.stderr).toContain('✗ row 5 / column "poids": the weight -1 is negative');
  });

  it('names a missing column, a missing file and a bad command line', async () => {
    const missing = await polaris(
      'graph',
      'metrics',
      '--bipartite',
      DAVIS,
      '--left',
      'organisation',
      '--right',
      'event',
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      'the left (--left) column "organisation" is missing; the header row has: "woman", "event"',
    );
    const nofile = await polaris('graph', 'metrics', '--edges', join(tmp, 'nope.csv'));
    expect(nofile.code).toBe(1);
    expect(nofile.stderr).toContain('cannot read');
    expect(nofile.stderr).toContain('no such file');
    const usage = await polaris('graph', 'metrics', '--bipartite', DAVIS);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain('--bipartite needs --left COL');
  });

  it('--help explains the inputs and the outputs', async () => {
    const r = await polaris('graph', 'metrics', '--help');
    expect(r.code).toBe(0);
    for (const s of [
      '--edges <file>',
      '--bipartite <file>',
      '--left <col>',
      '--json',
      'gexf',
      'graphml',
      'never opened',
    ])
      expect(r.stdout).toContain(s);
  });
});
