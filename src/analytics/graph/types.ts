/**
 * The graph analytics contract (pure: no I/O). An undirected, simple, optionally weighted graph in
 * compressed sparse row form: the neighbours of node `v` are `targets[offsets[v] .. offsets[v+1])`,
 * each undirected edge stored in both directions, no self-loops, parallel edges merged (weights
 * summed). `ids[v]` is the caller's identifier for node `v`.
 */
export interface CsrGraph {
  readonly n: number;
  /** Number of undirected edges (half of `targets.length`). */
  readonly m: number;
  readonly ids: readonly string[];
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  /** Edge weights aligned with `targets` (1 for an unweighted edge list). */
  readonly weights: Float64Array;
}

/** One row of an edge list as read from a file or a database. */
export interface EdgeInput {
  readonly source: string;
  readonly target: string;
  readonly weight?: number;
}

/** Graph-level figures, on networkx's conventions so they can be compared with it directly. */
export interface GraphSummary {
  nodes: number;
  edges: number;
  density: number;
  /** Number of connected components. */
  components: number;
  /** Size of the largest connected component. */
  largestComponent: number;
  /** Modularity of the Louvain partition (unweighted unless weights were asked for). */
  modularity: number;
  communities: number;
  transitivity: number;
  averageClustering: number;
  /** Diameter and average shortest path of the largest connected component. */
  diameter: number;
  averageShortestPath: number;
  degreeAssortativity: number;
}

export interface NodeMetrics {
  id: string;
  degree: number;
  strength: number;
  /** Normalised as networkx `betweenness_centrality(normalized=True)`. */
  betweenness: number;
  /** networkx `closeness_centrality` (Wasserman–Faust scaling in disconnected graphs). */
  closeness: number;
  eigenvector: number;
  pagerank: number;
  clustering: number;
  community: number;
  coreNumber: number;
  /** Burt's constraint (networkx `constraint`); NaN for isolated nodes. */
  constraint: number;
}

/** What `polaris graph metrics --json` prints and the API serves. */
export interface GraphReport {
  graph: GraphSummary;
  nodes: NodeMetrics[];
}

export interface MetricsOptions {
  /** Use edge weights for strength, weighted betweenness/closeness (weight = distance 1/w) and Louvain. Default false. */
  weighted?: boolean;
  /** Seed for Louvain's node order (deterministic results). Default 1. */
  seed?: number;
  /** Louvain resolution. Default 1. */
  resolution?: number;
}
