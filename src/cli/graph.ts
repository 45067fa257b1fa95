import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import {
  computeReport,
  computeReportParallel,
  fromEdges,
  projectBipartite,
} from '../analytics/graph/index.ts';
import type { CsrGraph, EdgeInput, GraphReport, NodeMetrics } from '../analytics/graph/types.ts';
import { PolarisError } from '../domain/errors.ts';
import { readEdgeList, readTwoModeList, type SheetInfo } from '../io/edge-list.ts';
import {
  type CsvDialect,
  type GraphExport,
  toEdgesCsv,
  toGexf,
  toGraphml,
  toNodesCsv,
} from '../io/graph-export.ts';

/**
 * `polaris graph metrics`: the analyst's network tool. Reads an edge list or a two-mode list from a
 * file, computes the metrics report (src/analytics/graph) and prints it, as text or as the
 * GraphReport JSON, or writes the graph with every node metric as GEXF, GraphML or CSV. Standalone:
 * it never opens the Polaris database, so it runs beside a running server on any file.
 */

export const GRAPH_FORMATS = ['gexf', 'graphml', 'csv-nodes', 'csv-edges'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export interface GraphMetricsOptions {
  edges?: string;
  bipartite?: string;
  source?: string;
  target?: string;
  weight?: string;
  left?: string;
  right?: string;
  weighted?: boolean;
  json?: boolean;
  format?: GraphFormat;
  out?: string;
  excel?: boolean;
  seed?: string;
  resolution?: string;
  threads?: string;
}

export interface Output {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const PROCESS_OUTPUT: Output = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
};

/** From this many edges the report runs its shortest-path passes on worker threads (unless --threads 1). */
export const PARALLEL_FROM_EDGES = 10_000;

/** Thrown for a bad command line: printed as is, exit code 1. */
class UsageError extends Error {}

export interface LoadedGraph {
  graph: CsrGraph;
  /** what was read, for the summary */
  input: SheetInfo & { file: string; kind: 'edges' | 'bipartite'; note: string };
}

function readInput(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (e as Error).message}`,
    );
  }
}

/** Check the command line; returns the problems, empty when it is fine. */
export function checkOptions(o: GraphMetricsOptions): string[] {
  const problems: string[] = [];
  if (!o.edges && !o.bipartite) problems.push('give the input: --edges FILE or --bipartite FILE');
  if (o.edges && o.bipartite) problems.push('give --edges or --bipartite, not both');
  if (o.bipartite && (!o.left || !o.right))
    problems.push('--bipartite needs --left COL (the side to project onto) and --right COL');
  if (o.edges && (o.left || o.right)) problems.push('--left/--right go with --bipartite, not --edges');
  if (o.bipartite && (o.source || o.target || o.weight))
    problems.push('--source/--target/--weight go with --edges, not --bipartite');
  if (o.json && o.format && !o.out)
    problems.push('--json and --format both write to standard output: add --out FILE for the --format file');
  if (o.excel && !o.format?.startsWith('csv'))
    problems.push('--excel goes with --format csv-nodes or csv-edges');
  if (o.seed !== undefined && !/^\d+$/.test(o.seed))
    problems.push(`--seed "${o.seed}" is not a whole number`);
  if (o.threads !== undefined && !/^[1-9]\d*$/.test(o.threads))
    problems.push(`--threads "${o.threads}" is not a positive whole number`);
  if (o.resolution !== undefined && !(Number(o.resolution) > 0))
    problems.push(`--resolution "${o.resolution}" is not a positive number`);
  return problems;
}

/** Read the file named in the options into a CSR graph (a two-mode list is projected first). */
export async function loadGraph(o: GraphMetricsOptions): Promise<LoadedGraph> {
  if (o.edges) {
    const list = await readEdgeList(readInput(o.edges), {
      source: o.source,
      target: o.target,
      weight: o.weight,
    });
    const notes = [`${list.edges.length} edge row(s)`];
    if (list.repeated) notes.push(`${list.repeated} repeated edge(s) merged, weights summed`);
    notes.push(list.weightColumn ? `weights from "${list.weightColumn}"` : 'no weight column: weight 1');
    return {
      graph: fromEdges(list.edges),
      input: { ...sheetInfo(list), file: o.edges, kind: 'edges', note: notes.join('; ') },
    };
  }
  const file = o.bipartite!;
  const list = await readTwoModeList(readInput(file), { left: o.left!, right: o.right! });
  const left: string[] = [];
  const seen = new Set<string>();
  const rights = new Set<string>();
  for (const p of list.pairs) {
    if (!seen.has(p.left)) {
      seen.add(p.left);
      left.push(p.left);
    }
    rights.add(p.right);
  }
  const edges: EdgeInput[] = projectBipartite(list.pairs);
  // networkx weighted_projected_graph(B, left) keeps every left node, tied or not
  const notes = [
    `${list.pairs.length} affiliation(s) "${o.left}" × "${o.right}"`,
    `${left.length} "${o.left}", ${rights.size} "${o.right}"`,
    `projected onto "${o.left}", weight = shared "${o.right}"`,
  ];
  if (list.repeated) notes.push(`${list.repeated} repeated affiliation(s) counted once`);
  return {
    graph: fromEdges(edges, { nodes: left }),
    input: { ...sheetInfo(list), file, kind: 'bipartite', note: notes.join('; ') },
  };
}

function sheetInfo(s: SheetInfo): SheetInfo {
  return { format: s.format, encoding: s.encoding, delimiter: s.delimiter, rows: s.rows };
}

/** The graph and its node metrics in the exporters' shape (every metric a typed node attribute). */
export function toGraphExport(g: CsrGraph, report: GraphReport): GraphExport {
  const nodes = report.nodes.map(({ id, ...metrics }) => ({ id, attributes: { ...metrics } }));
  const edges: GraphExport['edges'] = [];
  for (let u = 0; u < g.n; u++) {
    for (let p = g.offsets[u]!; p < g.offsets[u + 1]!; p++) {
      const v = g.targets[p]!;
      if (u < v) edges.push({ source: g.ids[u]!, target: g.ids[v]!, weight: g.weights[p]! });
    }
  }
  return { nodes, edges };
}

const byId = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/** The k nodes with the highest value of a metric (ties by id, numeric ids in number order). */
export function topNodes(nodes: readonly NodeMetrics[], metric: keyof NodeMetrics, k = 10): NodeMetrics[] {
  return [...nodes]
    .filter((n) => Number.isFinite(n[metric]))
    .sort((a, b) => (b[metric] as number) - (a[metric] as number) || byId(a.id, b.id))
    .slice(0, k);
}

/** A figure as machines read it: `.` decimals, no grouping, at most 6 decimals. */
export function num(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return Number.isInteger(x) ? String(x) : String(Number(x.toFixed(6)));
}

/** The readable report (French first, English in brackets); numbers stay machine-readable. */
export function formatSummary(report: GraphReport, input: LoadedGraph['input'], weighted: boolean): string[] {
  const g = report.graph;
  const fmt =
    input.format === 'csv'
      ? `CSV ${input.encoding}, délimiteur "${input.delimiter === '\t' ? 'tab' : input.delimiter}"`
      : 'XLSX';
  const lines = [
    `Fichier (file): ${basename(input.file)} — ${fmt}, ${input.rows} ligne(s) (rows); ${input.note}`,
    `Graphe (graph): ${g.nodes} nœuds (nodes), ${g.edges} liens (edges), ${weighted ? 'pondéré (weighted)' : 'non pondéré (unweighted)'}`,
  ];
  const rows: [string, string][] = [
    ['densité (density)', num(g.density)],
    ['composantes (components)', num(g.components)],
    ['plus grande composante (largest component)', num(g.largestComponent)],
    ['diamètre (diameter, largest component)', num(g.diameter)],
    ['chemin moyen (average shortest path)', num(g.averageShortestPath)],
    ['transitivité (transitivity)', num(g.transitivity)],
    ['clustering moyen (average clustering)', num(g.averageClustering)],
    ['assortativité des degrés (degree assortativity)', num(g.degreeAssortativity)],
    ['communautés Louvain (communities)', num(g.communities)],
    ['modularité (modularity)', num(g.modularity)],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  for (const [k, v] of rows) lines.push(`  ${k.padEnd(w)}  ${v}`);
  const table = (title: string, metric: 'betweenness' | 'degree') => {
    const top = topNodes(report.nodes, metric);
    lines.push('', title);
    const idw = Math.max(2, ...top.map((n) => n.id.length));
    top.forEach((n, i) => {
      const other = metric === 'degree' ? `betweenness ${num(n.betweenness)}` : `degree ${n.degree}`;
      lines.push(
        `  ${String(i + 1).padStart(2)}. ${n.id.padEnd(idw)}  ${num(n[metric]).padEnd(10)}  ${other}`,
      );
    });
  };
  table(
    `Top 10 par intermédiarité (betweenness, normalisée${weighted ? ', distance 1/poids' : ''}):`,
    'betweenness',
  );
  table('Top 10 par degré (degree):', 'degree');
  return lines;
}

async function render(format: GraphFormat, data: GraphExport, dialect: CsvDialect, description: string) {
  switch (format) {
    case 'gexf':
      return toGexf(data, { description });
    case 'graphml':
      return toGraphml(data);
    case 'csv-nodes':
      return toNodesCsv(data, dialect);
    case 'csv-edges':
      return toEdgesCsv(data, dialect);
  }
}

function writeOut(file: string, content: string): void {
  try {
    writeFileSync(file, content);
  } catch (e) {
    throw new UsageError(`cannot write ${file}: ${(e as Error).message}`);
  }
}

/** Print a failure on standard error: the message, then each problem with its row, column and value. */
export function printFailure(e: unknown, err: (s: string) => void): void {
  const prefix = 'polaris graph metrics';
  if (e instanceof PolarisError) {
    err(`${prefix}: ${e.message}\n`);
    for (const d of e.details) err(`  ✗ ${d.path}: ${d.message}${d.value ? ` [${d.value}]` : ''}\n`);
  } else err(`${prefix}: ${(e as Error).message}\n`);
}

/** The command: returns the exit code (0, or 1 for any bad input or option). */
export async function graphMetricsCommand(
  o: GraphMetricsOptions,
  io: Output = PROCESS_OUTPUT,
): Promise<number> {
  const problems = checkOptions(o);
  if (problems.length) {
    for (const p of problems) io.stderr(`polaris graph metrics: ${p}\n`);
    io.stderr('Try: polaris graph metrics --help\n');
    return 1;
  }
  try {
    const { graph, input } = await loadGraph(o);
    const weighted = o.weighted === true;
    if (weighted && input.kind === 'edges' && input.note.includes('no weight column'))
      io.stderr(
        'polaris graph metrics: --weighted, but the file has no weight column: every edge weighs 1\n',
      );
    const metricOptions = {
      weighted,
      seed: o.seed === undefined ? undefined : Number(o.seed),
      resolution: o.resolution === undefined ? undefined : Number(o.resolution),
    };
    const threads = o.threads === undefined ? undefined : Number(o.threads);
    // worker threads pay off once the shortest-path passes dominate their start-up (~0.1 s)
    const parallel = threads === undefined ? graph.m >= PARALLEL_FROM_EDGES : threads > 1;
    const report = parallel
      ? await computeReportParallel(graph, { ...metricOptions, threads })
      : computeReport(graph, metricOptions);
    if (o.format) {
      const description = `${basename(input.file)}: ${input.note}; metrics ${weighted ? 'weighted' : 'unweighted'} (Polaris)`;
      const content = await render(
        o.format,
        toGraphExport(graph, report),
        o.excel ? 'excel' : 'plain',
        description,
      );
      if (!o.out) {
        io.stdout(content);
        return 0;
      }
      writeOut(o.out, content);
    }
    const text = o.json
      ? `${JSON.stringify(report, null, 2)}\n`
      : `${formatSummary(report, input, weighted).join('\n')}\n`;
    if (o.out && !o.format) writeOut(o.out, text);
    else io.stdout(text);
    if (o.out) io.stderr(`polaris graph metrics: written to ${o.out}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof PolarisError) && !(e instanceof UsageError)) throw e;
    printFailure(e, io.stderr);
    return 1;
  }
}

const EXAMPLES = `
Examples:
  polaris graph metrics --edges partners.csv
  polaris graph metrics --edges partners.csv --source org_a --target org_b --weight projects --weighted --json
  polaris graph metrics --bipartite participations.csv --left pic --right rcn --format gexf --out network.gexf
  polaris graph metrics --edges partners.csv --format csv-nodes --excel --out metrics.csv

Input: CSV (comma, semicolon or tab; UTF-8 or Windows-1252) or XLSX, with a header row. One bad row
rejects the file: every problem is listed with its row, column and value, and the exit code is 1.
--bipartite projects a two-mode list (one --left–--right tie per row, e.g. organisation–project)
onto the --left side: two left nodes are linked when they share a right node, weight = number shared
(networkx bipartite.weighted_projected_graph; left nodes without a partner stay, isolated).
Metrics follow networkx conventions (betweenness normalised, closeness Wasserman–Faust, Louvain
seeded). --json prints exactly { graph: {...}, nodes: [...] }. The database is never opened.`;

type Wrap = <A extends unknown[]>(
  fn: (...args: A) => Promise<number | undefined>,
) => (...args: A) => Promise<void>;

/** The `graph` command group, for src/cli/main.ts (`wrap` turns the returned number into the exit code). */
export function graphCommand(wrap: Wrap): Command {
  const graph = new Command('graph').description('network analysis of edge lists (standalone: no database)');
  graph
    .command('metrics')
    .description(
      'centralities, communities and graph figures of an edge list or a projected two-mode list; summary, JSON, GEXF, GraphML or CSV',
    )
    .option('--edges <file>', 'undirected edge list (columns source,target[,weight])')
    .option('--bipartite <file>', 'two-mode list to project onto --left (needs --left and --right)')
    .option('--source <col>', 'edge list: column of the first end (default "source")')
    .option('--target <col>', 'edge list: column of the second end (default "target")')
    .option('--weight <col>', 'edge list: column of the weight (default "weight" when present)')
    .option('--left <col>', 'two-mode list: column of the nodes to keep (e.g. organisation)')
    .option('--right <col>', 'two-mode list: column of what they share (e.g. project)')
    .option('--weighted', 'use weights: strength, betweenness/closeness on distance 1/weight, Louvain')
    .option('--json', 'print the report as JSON: { graph, nodes }')
    .addOption(
      new Option('--format <format>', 'write the graph with every node metric as attributes').choices(
        GRAPH_FORMATS,
      ),
    )
    .option('--out <file>', 'write to this file (the --format file, else the report)')
    .option('--excel', 'CSV for Belgian Excel (BOM, ";", decimal comma) instead of plain comma CSV')
    .option('--seed <n>', 'Louvain seed (default 1)')
    .option('--resolution <r>', 'Louvain resolution (default 1)')
    .option(
      '--threads <n>',
      `worker threads for betweenness/closeness (default: all cores from ${PARALLEL_FROM_EDGES.toLocaleString('en')} edges, else 1)`,
    )
    .addHelpText('after', EXAMPLES)
    .action(wrap((o: GraphMetricsOptions) => graphMetricsCommand(o)));
  return graph;
}
