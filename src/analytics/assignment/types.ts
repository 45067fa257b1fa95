import type { Bilingual } from '../../domain/eligibility/types.ts';

/**
 * Reviewer assignment for a jury review (pure, typed arrays). Projects and reviewers are
 * numbered 0..P-1 and 0..R-1; P×R matrices are row-major: entry (p, r) is at p * R + r.
 */
export interface AssignmentProblem {
  projects: number;
  reviewers: number;
  /** Affinity of each pair (e.g. expertise keyword overlap); higher is better; finite, within ±1e100. */
  affinity: Float64Array;
  /** 1 = conflict of interest: the pair is never assigned. */
  conflicts?: Uint8Array;
  /** Reviewers each project needs: one number for all, or one per project. */
  perProject: number | Int32Array;
  /** Most projects a reviewer may take: one number for all, or one per reviewer. */
  load: number | Int32Array;
  /** Pairs [project, reviewer] decided by hand: kept as they are. */
  fixed?: ReadonlyArray<readonly [number, number]>;
  /** Pairs [project, reviewer] excluded by hand (besides conflicts). */
  forbidden?: ReadonlyArray<readonly [number, number]>;
  /** Names used in messages (default `project 17` / `reviewer 4`, 0-based). */
  projectLabels?: readonly string[];
  reviewerLabels?: readonly string[];
}

/** Why an assignment cannot meet every constraint. */
export type AssignmentIssue =
  | { kind: 'capacity'; demand: number; capacity: number; message: Bilingual }
  | { kind: 'project_short'; project: number; eligible: number; needed: number; message: Bilingual }
  | {
      kind: 'bottleneck';
      /** A set of projects whose demand exceeds what the reviewers eligible for them can give. */
      projects: number[];
      needed: number;
      available: number;
      message: Bilingual;
    }
  | { kind: 'unfilled'; project: number; assigned: number; needed: number; message: Bilingual }
  | {
      kind: 'fixed_not_allowed' | 'fixed_over_project' | 'fixed_over_load';
      project: number;
      reviewer: number;
      message: Bilingual;
    };

export interface Assignment {
  /** Reviewers of project p: reviewers[offsets[p] .. offsets[p+1]), ascending. */
  offsets: Int32Array;
  reviewers: Int32Array;
  /** Number of projects each reviewer got. */
  reviewerLoad: Int32Array;
  /** Sum of the affinities of the assigned pairs (fixed pairs included). */
  totalAffinity: number;
  /** Number of assigned pairs. */
  assigned: number;
}

export interface AssignmentResult extends Assignment {
  /** True when every project has its reviewers and every manual choice could be kept. */
  feasible: boolean;
  /** Σ reviewers needed. */
  demand: number;
  /** Σ reviewer load limits. */
  capacity: number;
  /** Empty when feasible; otherwise what is broken, most general first. */
  issues: AssignmentIssue[];
  /**
   * Affinities are turned into integer costs for an exact solver. `exact`: they were integers
   * already; otherwise they are rounded to `step` and the total is optimal within
   * assigned × step of the true optimum.
   */
  quantisation: { exact: boolean; step: number };
  stats: { augmentations: number; milliseconds: number };
}

export type ViolationKind =
  | 'out_of_range'
  | 'duplicate'
  | 'conflict'
  | 'forbidden'
  | 'project_short'
  | 'project_over'
  | 'reviewer_over_load'
  | 'fixed_missing';

export interface Violation {
  kind: ViolationKind;
  project?: number;
  reviewer?: number;
  message: Bilingual;
}

export interface AssignmentEvaluation {
  valid: boolean;
  totalAffinity: number;
  /** Reviewers per project and projects per reviewer, as assigned (valid pairs only). */
  projectCount: Int32Array;
  reviewerLoad: Int32Array;
  violations: Violation[];
}
