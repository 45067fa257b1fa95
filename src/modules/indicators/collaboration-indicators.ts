import { crossGroupTies, density, fromEdgeArrays } from '../../analytics/graph/index.ts';

/**
 * Collaboration-graph indicators per scope and year, on the arrays the repository returns:
 * the cumulative organisation projection of the labelled projects started up to each year
 * (every participant a node, isolated ones included, as /network/collaboration builds it), its
 * density, its share of ties crossing networks (main network of each organisation on the year's
 * stock date, src/analytics/graph crossGroupTies), and the ties first seen that year.
 */

export interface Participation {
  project: number;
  year: number | null;
  node: string;
  networks: number[] | null;
}

export interface Period {
  organisationId: number;
  networkId: number;
  joinedOn: string;
  leftOn: string | null;
  slug: string;
}

export interface GraphSeries {
  density: (number | null)[];
  crossShare: (number | null)[];
  newTies: number[];
  nodes: number[];
  ties: number[];
}

/** Main network of each organisation on `day`: its oldest current membership (slug order on ties). */
export function mainNetworks(periods: readonly Period[], day: string): Map<string, number> {
  const out = new Map<string, number>();
  // periods come sorted by organisation, joined_on, slug: the first current one wins
  for (const p of periods) {
    const key = String(p.organisationId);
    if (out.has(key)) continue;
    if (p.joinedOn <= day && (p.leftOn == null || p.leftOn >= day)) out.set(key, p.networkId);
  }
  return out;
}

/**
 * Graph series for each scope (0 = every labelled project, else the projects of that network),
 * years `from`…`to` (stock days given per year).
 */
export function collaborationSeries(
  rows: readonly Participation[],
  periods: readonly Period[],
  scopeIds: readonly number[],
  years: readonly number[],
  stockDays: readonly string[],
): Map<number, GraphSeries> {
  // projects: participants and year, with networks
  const projects = new Map<number, { year: number; nodes: string[]; networks: number[] }>();
  for (const r of rows) {
    if (r.year == null) continue;
    let p = projects.get(r.project);
    if (!p) {
      p = { year: r.year, nodes: [], networks: r.networks ?? [] };
      projects.set(r.project, p);
    }
    p.nodes.push(r.node);
  }
  const groupsPerYear = stockDays.map((d) => mainNetworks(periods, d));
  const out = new Map<number, GraphSeries>();
  for (const scope of scopeIds) {
    const list = [...projects.values()]
      .filter((p) => scope === 0 || p.networks.includes(scope))
      .sort((a, b) => a.year - b.year);
    // number nodes by first year, ties sorted by first year: the graph of year y is a prefix
    const nodeIndex = new Map<string, number>();
    const nodeIds: string[] = [];
    const tieFirst = new Map<string, number>();
    const src: number[] = [];
    const dst: number[] = [];
    const tieYear: number[] = [];
    const nodesUpTo: number[] = [];
    for (const p of list) {
      for (const n of p.nodes)
        if (!nodeIndex.has(n)) {
          nodeIndex.set(n, nodeIds.length);
          nodeIds.push(n);
        }
      for (let i = 0; i < p.nodes.length; i++)
        for (let j = i + 1; j < p.nodes.length; j++) {
          let a = nodeIndex.get(p.nodes[i]!)!;
          let b = nodeIndex.get(p.nodes[j]!)!;
          if (a === b) continue;
          if (a > b) [a, b] = [b, a];
          const key = `${a},${b}`;
          if (tieFirst.has(key)) continue;
          tieFirst.set(key, p.year);
          src.push(a);
          dst.push(b);
          tieYear.push(p.year);
        }
      nodesUpTo.push(nodeIds.length);
    }
    const srcA = Int32Array.from(src);
    const dstA = Int32Array.from(dst);
    const s: GraphSeries = { density: [], crossShare: [], newTies: [], nodes: [], ties: [] };
    let pi = 0;
    let nNodes = 0;
    let ti = 0;
    years.forEach((y, yi) => {
      while (pi < list.length && list[pi]!.year <= y) nNodes = nodesUpTo[pi++]!;
      const before = ti;
      while (ti < tieYear.length && tieYear[ti]! <= y) ti++;
      let fresh = 0;
      for (let k = before; k < ti; k++) if (tieYear[k] === y) fresh++;
      s.newTies.push(fresh);
      s.nodes.push(nNodes);
      s.ties.push(ti);
      if (nNodes === 0) {
        s.density.push(null);
        s.crossShare.push(null);
        return;
      }
      const g = fromEdgeArrays(srcA.subarray(0, ti), dstA.subarray(0, ti), undefined, { n: nNodes });
      s.density.push(nNodes > 1 ? density(g) : null);
      const groups = groupsPerYear[yi]!;
      const labels: (number | null)[] = new Array(nNodes);
      for (let v = 0; v < nNodes; v++) labels[v] = groups.get(nodeIds[v]!) ?? null;
      const mix = crossGroupTies(g, labels);
      s.crossShare.push(mix.ties > 0 ? mix.share : null);
    });
    out.set(scope, s);
  }
  return out;
}
