import type { Bilingual, Problem } from './types.ts';

/**
 * Scoring grids of the jury review: weighted criteria, each scored on its own scale. A grid has
 * one stage per review round (stage 1: the pole's selection committee on the pre-proposal;
 * stage 2: the international jury on the full proposal).
 */

export interface GridCriterion {
  id: string;
  label: Bilingual;
  description?: Bilingual;
  /** Share of the total, 0..1; the weights of a stage sum to 1. */
  weight: number;
  scale: { min: number; max: number };
}

export interface GridStage {
  stage: number;
  label: Bilingual;
  criteria: GridCriterion[];
}

export interface EvaluationGrid {
  id: string;
  label: Bilingual;
  stages: GridStage[];
}

export interface CriterionContribution {
  criterion: string;
  score: number;
  weight: number;
  /** weight × score, on the criterion's scale. */
  contribution: number;
}

export type WeightedTotal =
  | {
      ok: true;
      /** Σ weight × score: on the common scale when every criterion shares one (0–10). */
      total: number;
      /** Σ weight × (score − min) / (max − min): 0..1 whatever the scales. */
      normalised: number;
      contributions: CriterionContribution[];
    }
  | { ok: false; problems: Problem[] };

const WEIGHT_TOLERANCE = 1e-9;

/**
 * The weighted total of one reviewer's scores on a stage. Every criterion must be scored, within
 * its scale; a score for an unknown criterion is reported too (a typo would otherwise be ignored).
 */
export function weightedTotal(
  stage: Pick<GridStage, 'criteria'>,
  scores: Readonly<Record<string, number>>,
): WeightedTotal {
  const problems: Problem[] = [];
  const contributions: CriterionContribution[] = [];
  let total = 0;
  let normalised = 0;
  for (const c of stage.criteria) {
    const s = Object.hasOwn(scores, c.id) ? scores[c.id] : undefined;
    if (s === undefined) {
      problems.push({ path: `scores.${c.id}`, message: `missing score for "${c.label.en}"` });
      continue;
    }
    if (typeof s !== 'number' || !Number.isFinite(s) || s < c.scale.min || s > c.scale.max) {
      problems.push({
        path: `scores.${c.id}`,
        message: `score ${String(s)} for "${c.label.en}" is outside the scale ${c.scale.min}–${c.scale.max}`,
      });
      continue;
    }
    const contribution = c.weight * s;
    total += contribution;
    normalised += (c.weight * (s - c.scale.min)) / (c.scale.max - c.scale.min);
    contributions.push({ criterion: c.id, score: s, weight: c.weight, contribution });
  }
  for (const id of Object.keys(scores)) {
    if (!stage.criteria.some((c) => c.id === id))
      problems.push({ path: `scores.${id}`, message: `"${id}" is not a criterion of this grid` });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, total, normalised, contributions };
}

/** Checks a grid's shape: unique criterion ids, scales with min < max, weights summing to 1. */
export function validateGrid(grid: EvaluationGrid): Problem[] {
  const out: Problem[] = [];
  if (!grid.id) out.push({ path: 'id', message: 'must be a non-empty string' });
  if (grid.stages.length === 0) out.push({ path: 'stages', message: 'a grid needs at least one stage' });
  grid.stages.forEach((st, i) => {
    const at = `stages[${i}]`;
    if (grid.stages.findIndex((o) => o.stage === st.stage) !== i)
      out.push({ path: `${at}.stage`, message: `duplicate stage ${st.stage}` });
    if (st.criteria.length === 0)
      out.push({ path: `${at}.criteria`, message: 'a stage needs at least one criterion' });
    let sum = 0;
    st.criteria.forEach((c, j) => {
      const cat = `${at}.criteria[${j}]`;
      if (!c.id) out.push({ path: `${cat}.id`, message: 'must be a non-empty string' });
      else if (st.criteria.findIndex((o) => o.id === c.id) !== j)
        out.push({ path: `${cat}.id`, message: `duplicate criterion id "${c.id}"` });
      if (!Number.isFinite(c.weight) || c.weight < 0)
        out.push({ path: `${cat}.weight`, message: 'must be a number ≥ 0' });
      else sum += c.weight;
      if (!Number.isFinite(c.scale.min) || !Number.isFinite(c.scale.max) || c.scale.min >= c.scale.max)
        out.push({ path: `${cat}.scale`, message: 'needs finite min < max' });
    });
    if (st.criteria.length > 0 && Math.abs(sum - 1) > WEIGHT_TOLERANCE)
      out.push({ path: `${at}.criteria`, message: `weights sum to ${sum}, not 1` });
  });
  return out;
}

/** The stage numbered `n` of a grid, or undefined. */
export function gridStage(grid: EvaluationGrid, n: number): GridStage | undefined {
  return grid.stages.find((s) => s.stage === n);
}
