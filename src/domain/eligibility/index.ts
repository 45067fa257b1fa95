/** Eligibility of a consortium to a call, and the jury's scoring grid (pure, no I/O). */
export { DEFAULT_RULE_LABELS, evaluate } from './evaluate.ts';
export {
  type CriterionContribution,
  type EvaluationGrid,
  type GridCriterion,
  type GridStage,
  gridStage,
  validateGrid,
  type WeightedTotal,
  weightedTotal,
} from './grid.ts';
export { isSme } from './partners.ts';
export * from './types.ts';
export { validateRuleSet } from './validate.ts';
export { WALLOON_RD_GRID, WALLOON_RD_RULES } from './walloon.ts';
export { formatEur, formatNumber, formatPercent } from './words.ts';
