import {
  type CsrGraph,
  computeReportParallel,
  crossGroupTies,
  egoNetwork,
  evolution,
  fromEdges,
  type GraphReport,
  nodeIndex,
  projectBipartite,
  strength,
  type YearlyEdge,
} from '../../analytics/graph/index.ts';
import { todayIso } from '../../domain/dates.ts';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import type { ExportNode, GraphExport } from '../../io/graph-export.ts';
import { cacheEnabled, cacheFor } from '../cache.ts';
import type { Ctx } from '../context.ts';
import { projectScope } from '../projects/projects.policy.ts';
import type { ProjectScope } from '../projects/projects.repository.ts';
import { findNetworkBySlug } from '../registry/networks.repository.ts';
import * as repo from './network.repository.ts';

/**
 * The collaboration network: organisations tied by the projects they share (the projection of the
 * organisation × project two-mode graph), its metrics (src/analytics/graph), communities, brokers,
 * the share of ties crossing networks, its evolution, ego networks and the network of networks.
 * Shortest-path passes run on worker threads; answers are cached per data version.
 */

export interface CollaborationQuery {
  from?: number;
  to?: number;
  network?: string;
  type?: string;
  source?: string;
  /** edge weight: shared projects (default) or shared public funding (M EUR) */
  weight?: 'projects' | 'funding';
  /** weighted shortest paths, eigenvector, PageRank and Louvain */
  weighted?: boolean;
}

export interface CollaborationNode {
  id: string;
  label: string;
  kind: string | null;
  /** first network the organisation belongs to today (colour) */
  network: string | null;
  networks: string[];
  province: string | null;
  sizeClass: string | null;
  external: boolean;
  projects: number;
  degree: number;
  strength: number;
  betweenness: number;
  closeness: number;
  eigenvector: number;
  pagerank: number;
  clustering: number;
  community: number;
  coreNumber: number;
  constraint: number;
  /** share of its ties that reach organisations of another network */
  crossNetworkShare: number | null;
}

export interface Community {
  id: number;
  size: number;
  byKind: Record<string, number>;
  byNetwork: Record<string, number>;
  /** the most connected members */
  top: { id: string; label: string; degree: number }[];
}

export interface CollaborationGraph {
  filters: CollaborationQuery;
  graph: GraphReport['graph'] & {
    projects: number;
    crossNetworkShare: number | null;
    crossNetworkTies: number;
  };
  nodes: CollaborationNode[];
  edges: { source: string; target: string; weight: number }[];
  communities: Community[];
}

function scopeKey(s: ProjectScope): string {
  if (s.all) return 'all';
  return `n${(s.networkIds ?? []).join('.')}|o${(s.organisationIds ?? []).join('.')}`;
}

async function cached<T>(ctx: Ctx, key: string, compute: () => Promise<T>): Promise<T> {
  if (!cacheEnabled()) return compute();
  return cacheFor(ctx.db).get(ctx.db, `network:${scopeKey(projectScope(ctx.actor))}:${key}`, compute);
}

async function toFilter(ctx: Ctx, q: CollaborationQuery): Promise<repo.CollaborationFilter> {
  const f: repo.CollaborationFilter = { from: q.from, to: q.to, type: q.type, source: q.source };
  if (q.from != null && q.to != null && q.to < q.from)
    throw new ValidationError('The period ends before it starts', [
      { path: 'to', message: `"to" (${q.to}) is before "from" (${q.from})` },
    ]);
  if (q.network) {
    const n = await findNetworkBySlug(ctx.db, q.network);
    if (!n)
      throw new ValidationError(`Unknown network "${q.network}"`, [
        { path: 'network', message: `no network has the slug "${q.network}"` },
      ]);
    f.networkId = n.id;
  }
  return f;
}

interface Built {
  g: CsrGraph;
  projects: number;
  projectsPerNode: Map<string, number>;
  kinds: Map<string, string>;
}

/** The organisation–organisation projection of the visible projects. */
async function buildGraph(ctx: Ctx, q: CollaborationQuery): Promise<Built> {
  const f = await toFilter(ctx, q);
  const rows = await repo.participations(ctx.db, projectScope(ctx.actor), f);
  const nodes: string[] = [];
  const projectsPerNode = new Map<string, number>();
  const kinds = new Map<string, string>();
  for (const r of rows) {
    const c = projectsPerNode.get(r.node);
    if (c === undefined) nodes.push(r.node);
    projectsPerNode.set(r.node, (c ?? 0) + 1);
    if (r.externalKind && r.node.startsWith('pic:')) kinds.set(r.node, r.externalKind);
  }
  let edges: { source: string; target: string; weight: number }[];
  if (q.weight === 'funding') {
    // weight = public funding (M EUR) of the projects two organisations share
    const byProject = new Map<number, { nodes: string[]; funding: number }>();
    for (const r of rows) {
      const p = byProject.get(r.projectId);
      if (p) p.nodes.push(r.node);
      else byProject.set(r.projectId, { nodes: [r.node], funding: r.publicFundingEur / 1e6 });
    }
    edges = [];
    for (const p of byProject.values())
      for (let i = 0; i < p.nodes.length; i++)
        for (let j = i + 1; j < p.nodes.length; j++)
          edges.push({ source: p.nodes[i]!, target: p.nodes[j]!, weight: p.funding });
  } else {
    edges = projectBipartite(rows.map((r) => ({ left: r.node, right: String(r.projectId) })));
  }
  const g = fromEdges(edges, { nodes });
  return { g, projects: new Set(rows.map((r) => r.projectId)).size, projectsPerNode, kinds };
}

function edgeList(g: CsrGraph) {
  const edges: { source: string; target: string; weight: number }[] = [];
  for (let v = 0; v < g.n; v++)
    for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++) {
      const w = g.targets[e]!;
      if (v < w) edges.push({ source: g.ids[v]!, target: g.ids[w]!, weight: g.weights[e]! });
    }
  return edges;
}

async function describe(
  ctx: Ctx,
  b: Built,
  report: GraphReport,
  q: CollaborationQuery,
): Promise<CollaborationGraph> {
  const { g } = b;
  const orgIds = g.ids.filter((id) => !id.startsWith('pic:')).map(Number);
  const facts = new Map(
    (await repo.organisationFacts(ctx.db, orgIds, todayIso())).map((o) => [String(o.id), o]),
  );
  const groups = g.ids.map((id) => facts.get(id)?.networks[0] ?? null);
  const mixing = crossGroupTies(g, groups);
  // strength is always the sum of tie weights (shared projects or funding), weighted metrics or not
  const str = strength(g);
  const nodes: CollaborationNode[] = report.nodes.map((m, v) => {
    const o = facts.get(m.id);
    return {
      ...m,
      strength: str[v]!,
      label: o?.name ?? `PIC ${m.id.slice(4)}`,
      kind: o?.kind ?? b.kinds.get(m.id) ?? null,
      network: o?.networks[0] ?? null,
      networks: o?.networks ?? [],
      province: o?.provinceNis ?? null,
      sizeClass: o?.sizeClass ?? null,
      external: o == null,
      projects: b.projectsPerNode.get(m.id) ?? 0,
      crossNetworkShare: Number.isNaN(mixing.nodeShare[v]!) ? null : mixing.nodeShare[v]!,
    };
  });
  const byCommunity = new Map<number, CollaborationNode[]>();
  for (const n of nodes) {
    const list = byCommunity.get(n.community);
    if (list) list.push(n);
    else byCommunity.set(n.community, [n]);
  }
  const communities: Community[] = [...byCommunity.entries()]
    .map(([id, members]) => {
      const byKind: Record<string, number> = {};
      const byNetwork: Record<string, number> = {};
      for (const m of members) {
        const k = m.kind ?? 'unknown';
        byKind[k] = (byKind[k] ?? 0) + 1;
        const net = m.network ?? 'none';
        byNetwork[net] = (byNetwork[net] ?? 0) + 1;
      }
      const top = [...members]
        .sort((a, b) => b.degree - a.degree || a.label.localeCompare(b.label))
        .slice(0, 5)
        .map((m) => ({ id: m.id, label: m.label, degree: m.degree }));
      return { id, size: members.length, byKind, byNetwork, top };
    })
    .sort((a, b) => b.size - a.size || a.id - b.id);
  return {
    filters: q,
    graph: {
      ...report.graph,
      projects: b.projects,
      crossNetworkShare: Number.isNaN(mixing.share) ? null : mixing.share,
      crossNetworkTies: mixing.crossing,
    },
    nodes,
    edges: edgeList(g),
    communities,
  };
}

function queryKey(q: CollaborationQuery): string {
  return JSON.stringify([q.from, q.to, q.network, q.type, q.source, q.weight, q.weighted]);
}

export async function collaborationGraph(ctx: Ctx, q: CollaborationQuery): Promise<CollaborationGraph> {
  return cached(ctx, `collab:${queryKey(q)}`, async () => {
    const b = await buildGraph(ctx, q);
    const report = await computeReportParallel(b.g, { weighted: q.weighted ?? false });
    return describe(ctx, b, report, q);
  });
}

/** One organisation's ego network (depth 1 or 2) in the collaboration graph. */
export async function egoGraph(ctx: Ctx, organisationId: string, depth: 1 | 2, q: CollaborationQuery) {
  const full = await collaborationGraph(ctx, q);
  const g = fromEdges(full.edges, { nodes: full.nodes.map((n) => n.id) });
  let idx: number;
  try {
    idx = nodeIndex(g, organisationId);
  } catch {
    idx = -1;
  }
  if (idx < 0) throw new NotFoundError(`Organisation ${organisationId} in the collaboration network`);
  const ego = egoNetwork(g, idx, depth);
  const keep = new Set(ego.ids);
  return {
    center: organisationId,
    depth,
    nodes: full.nodes.filter((n) => keep.has(n.id)),
    edges: edgeList(ego),
  };
}

/** Year by year: organisations, ties, new ties, density, largest component. */
export async function collaborationEvolution(ctx: Ctx, q: CollaborationQuery & { cumulative?: boolean }) {
  return cached(ctx, `evolution:${queryKey(q)}:${q.cumulative ?? false}`, async () => {
    const f = await toFilter(ctx, q);
    const rows = await repo.participations(ctx.db, projectScope(ctx.actor), f);
    const byProject = new Map<number, { nodes: string[]; year: number | null }>();
    for (const r of rows) {
      const p = byProject.get(r.projectId);
      if (p) p.nodes.push(r.node);
      else byProject.set(r.projectId, { nodes: [r.node], year: r.year });
    }
    const edges: YearlyEdge[] = [];
    for (const p of byProject.values()) {
      if (p.year == null) continue;
      for (let i = 0; i < p.nodes.length; i++)
        for (let j = i + 1; j < p.nodes.length; j++)
          edges.push({ source: p.nodes[i]!, target: p.nodes[j]!, year: p.year });
    }
    return {
      cumulative: q.cumulative ?? false,
      items: evolution(edges, { cumulative: q.cumulative ?? false }),
    };
  });
}

/** The 13 poles and clusters tied by shared members (today, or on `asOf`) and by joint projects. */
export async function networkOfNetworks(ctx: Ctx, asOf?: string) {
  const day = asOf ?? todayIso();
  return cached(ctx, `networks:${day}`, async () => {
    const [nodes, shared, joint] = await Promise.all([
      repo.networksWithCounts(ctx.db, day),
      repo.sharedMembers(ctx.db, day),
      repo.crossNetworkProjects(ctx.db, projectScope(ctx.actor)),
    ]);
    const edges = new Map<
      string,
      { source: string; target: string; sharedMembers: number; jointProjects: number }
    >();
    for (const s of shared)
      edges.set(`${s.a}|${s.b}`, { source: s.a, target: s.b, sharedMembers: s.n, jointProjects: 0 });
    for (const j of joint) {
      const k = `${j.a}|${j.b}`;
      const e = edges.get(k) ?? { source: j.a, target: j.b, sharedMembers: 0, jointProjects: 0 };
      e.jointProjects = j.n;
      edges.set(k, e);
    }
    return { asOf: day, nodes, edges: [...edges.values()] };
  });
}

/** The collaboration graph as Gephi and spreadsheets read it. */
export async function collaborationExport(ctx: Ctx, q: CollaborationQuery): Promise<GraphExport> {
  const c = await collaborationGraph(ctx, q);
  const nodes: ExportNode[] = c.nodes.map((n) => ({
    id: n.id,
    label: n.label,
    attributes: {
      kind: n.kind,
      network: n.network,
      networks: n.networks.join(' '),
      province: n.province,
      sizeClass: n.sizeClass,
      external: n.external,
      projects: n.projects,
      community: n.community,
      degree: n.degree,
      strength: n.strength,
      betweenness: n.betweenness,
      closeness: n.closeness,
      eigenvector: n.eigenvector,
      pagerank: n.pagerank,
      clustering: n.clustering,
      coreNumber: n.coreNumber,
      constraint: n.constraint,
    },
  }));
  return { nodes, edges: c.edges };
}
