export { degreeAssortativity } from './assortativity.ts';
export {
  type BetweennessOptions,
  betweenness,
  betweennessSampled,
  betweennessScale,
  type SampledBetweenness,
  type SampledBetweennessOptions,
} from './betweenness.ts';
export {
  betweennessParallel,
  type ParallelOptions,
  shortestPathPassParallel,
} from './betweenness-parallel.ts';
export { averageClustering, clustering, transitivity, triangles } from './clustering.ts';
export { type Components, connectedComponents, largestComponentNodes } from './components.ts';
export { constraint } from './constraint.ts';
export {
  type CsrOptions,
  type EdgeArrayOptions,
  egoNetwork,
  fromEdgeArrays,
  fromEdges,
  nodeIndex,
  type ProjectedEdge,
  projectBipartite,
  subgraph,
} from './csr.ts';
export { degree, density, strength } from './degree.ts';
export {
  closeness,
  type DistanceOptions,
  type DistanceSummary,
  distancePass,
  distanceSummary,
} from './distances.ts';
export { ConvergenceError, type EigenvectorOptions, eigenvectorCentrality } from './eigenvector.ts';
export { type EvolutionOptions, type EvolutionPoint, evolution, type YearlyEdge } from './evolution.ts';
export { crossGroupTies, type GroupMixing } from './group-mixing.ts';
export { coreNumbers } from './k-core.ts';
export { type LouvainOptions, type LouvainResult, louvain } from './louvain.ts';
export { type ModularityOptions, modularity } from './modularity.ts';
export { type PageRankOptions, pagerank } from './pagerank.ts';
export { assembleReport, computeReport } from './report.ts';
export { computeReportParallel } from './report-parallel.ts';
export { edgeLengths, type PassOptions, type PassResult, shortestPathPass } from './shortest-paths.ts';
export type * from './types.ts';
