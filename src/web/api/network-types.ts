/**
 * Shapes of the collaboration-network API (/api/v1/network/…), as the OpenAPI description gives
 * them. Node ids are organisation ids as strings, or `pic:<PIC>` for EU partners outside the registry.
 */

import type { NetworkKind, OrganisationKind, SizeClass } from './types.ts';

export interface GraphSummary {
  nodes: number;
  edges: number;
  density: number;
  components: number;
  largestComponent: number;
  modularity: number | null;
  communities: number;
  transitivity: number;
  averageClustering: number;
  diameter: number | null;
  averageShortestPath: number | null;
  degreeAssortativity: number | null;
  projects: number;
  crossNetworkShare: number | null;
  crossNetworkTies: number;
}

export interface GraphNode {
  id: string;
  label: string;
  kind: OrganisationKind | string;
  /** the organisation's main network (slug), null outside the networks */
  network: string | null;
  networks: string[];
  province: string | null;
  sizeClass: SizeClass | null;
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
  /** Burt's constraint: low for brokers spanning structural holes; null for isolates */
  constraint: number | null;
  crossNetworkShare: number | null;
}

export interface GraphEdge {
  source: string;
  target: string;
  weight: number;
}

export interface Community {
  id: number;
  size: number;
  byKind: Record<string, number>;
  byNetwork: Record<string, number>;
  top: { id: string; label: string; degree: number }[];
}

/** GET /network/collaboration */
export interface Collaboration {
  filters: Record<string, unknown>;
  graph: GraphSummary;
  nodes: GraphNode[];
  edges: GraphEdge[];
  communities: Community[];
}

export interface EvolutionPoint {
  year: number;
  nodes: number;
  edges: number;
  newTies: number;
  density: number;
  components: number;
  largestComponent: number;
}

/** GET /network/collaboration/evolution */
export interface Evolution {
  cumulative: boolean;
  items: EvolutionPoint[];
}

/** GET /network/organisations/:id/ego */
export interface EgoNetwork {
  center: string;
  depth: number;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** GET /network/networks: the poles and clusters, linked by shared members and joint projects. */
export interface NetworksGraph {
  asOf: string;
  nodes: {
    slug: string;
    name: string;
    kind: NetworkKind;
    acronym: string | null;
    members: number;
    labelledProjects: number;
  }[];
  edges: { source: string; target: string; sharedMembers: number; jointProjects: number }[];
}
