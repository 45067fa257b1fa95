import { connectedComponents } from './components.ts';
import { fromEdgeArrays } from './csr.ts';
import { density } from './degree.ts';
import type { EdgeInput } from './types.ts';

export interface YearlyEdge extends EdgeInput {
  readonly year: number;
}

export interface EvolutionPoint {
  year: number;
  nodes: number;
  edges: number;
  /** Ties of this year's graph never seen in an earlier year. */
  newTies: number;
  density: number;
  components: number;
  largestComponent: number;
}

export interface EvolutionOptions {
  /** Each year's graph holds every tie up to that year (default false: ties of that year only). */
  cumulative?: boolean;
}

/**
 * Network evolution year by year: for each year present in the edges (ascending), size, density and
 * largest component of that year's collaboration graph, and how many of its ties are new.
 */
export function evolution(edges: Iterable<YearlyEdge>, opts: EvolutionOptions = {}): EvolutionPoint[] {
  const byYear = new Map<number, YearlyEdge[]>();
  for (const e of edges) {
    if (!Number.isInteger(e.year)) throw new RangeError(`year "${e.year}" is not an integer`);
    let list = byYear.get(e.year);
    if (!list) {
      list = [];
      byYear.set(e.year, list);
    }
    list.push(e);
  }
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const everSeen = new Set<string>();
  const sources: string[] = [];
  const targets: string[] = [];
  const out: EvolutionPoint[] = [];
  for (const year of years) {
    if (!opts.cumulative) {
      sources.length = 0;
      targets.length = 0;
    }
    let newTies = 0;
    const thisYear = new Set<string>();
    for (const e of byYear.get(year)!) {
      if (e.source === e.target) continue;
      const key = e.source < e.target ? `${e.source}\u0000${e.target}` : `${e.target}\u0000${e.source}`;
      if (!thisYear.has(key)) {
        thisYear.add(key);
        if (!everSeen.has(key)) newTies++;
      }
      sources.push(e.source);
      targets.push(e.target);
    }
    for (const key of thisYear) everSeen.add(key);
    const g = fromEdgeArrays(sources, targets);
    const comps = connectedComponents(g);
    out.push({
      year,
      nodes: g.n,
      edges: g.m,
      newTies,
      density: density(g),
      components: comps.count,
      largestComponent: comps.largest < 0 ? 0 : comps.sizes[comps.largest]!,
    });
  }
  return out;
}
