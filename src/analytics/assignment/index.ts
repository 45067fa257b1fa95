/** Optimal reviewer assignment for the jury review (pure, typed arrays). */
export { assignReviewers } from './assign.ts';
export { evaluateAssignment } from './evaluate.ts';
export { greedyAssignment } from './greedy.ts';
export {
  type FlowNetwork,
  type FlowNetworkBuilder,
  flowNetwork,
  flowOn,
  minCostFlow,
} from './min-cost-flow.ts';
export { assignmentPairs } from './problem.ts';
export type * from './types.ts';
