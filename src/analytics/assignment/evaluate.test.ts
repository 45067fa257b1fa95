import { describe, expect, it } from 'vitest';
import { assignReviewers } from './assign.ts';
import { evaluateAssignment } from './evaluate.ts';
import { greedyAssignment } from './greedy.ts';
import { assignmentPairs } from './problem.ts';
import { juryInstance } from './test-instances.ts';
import type { AssignmentProblem } from './types.ts';

const problem: AssignmentProblem = {
  projects: 2,
  reviewers: 3,
  affinity: new Float64Array([3, 2, 1, 1, 2, 3]),
  conflicts: new Uint8Array([0, 0, 1, 0, 0, 0]),
  perProject: 2,
  load: new Int32Array([1, 2, 2]),
  forbidden: [[1, 0]],
  fixed: [[1, 2]],
  reviewerLabels: ['Dr Dupont', 'Pr Janssens', 'Dr Weber'],
};

describe('evaluateAssignment', () => {
  it('accepts a valid assignment and totals its affinity', () => {
    const ev = evaluateAssignment(problem, [
      [0, 0],
      [0, 1],
      [1, 1],
      [1, 2],
    ]);
    expect(ev.valid).toBe(true);
    expect(ev.totalAffinity).toBe(10);
    expect(Array.from(ev.projectCount)).toEqual([2, 2]);
    expect(Array.from(ev.reviewerLoad)).toEqual([1, 2, 1]);
  });

  it('lists every broken constraint in both languages', () => {
    const ev = evaluateAssignment(problem, [
      [0, 0],
      [0, 2],
      [0, 2],
      [1, 0],
      [7, 0],
    ]);
    expect(ev.valid).toBe(false);
    expect(ev.violations.map((v) => v.kind)).toEqual([
      'conflict',
      'duplicate',
      'forbidden',
      'out_of_range',
      'project_short',
      'reviewer_over_load',
      'fixed_missing',
    ]);
    const byKind = Object.fromEntries(ev.violations.map((v) => [v.kind, v.message]));
    expect(byKind.conflict!.en).toBe('Dr Weber has a conflict of interest with project 0.');
    expect(byKind.conflict!.fr).toBe("Dr Weber est en conflit d'intérêts avec projet 0.");
    expect(byKind.duplicate!.en).toBe('Dr Weber is assigned twice to project 0.');
    expect(byKind.forbidden!.en).toBe('Dr Dupont is excluded from project 1.');
    expect(byKind.out_of_range!.en).toBe('Pair [7, 0] is outside the problem (2 projects × 3 reviewers).');
    expect(byKind.project_short!.en).toBe('project 1 has 1 reviewer instead of 2.');
    expect(byKind.project_short!.fr).toBe('projet 1 a 1 expert au lieu de 2.');
    expect(byKind.reviewer_over_load!.en).toBe('Dr Dupont has 2 projects for a load limit of 1.');
    expect(byKind.fixed_missing!.en).toBe('The manual assignment project 1 — Dr Weber was removed.');
    // duplicates and out-of-range pairs are not counted
    expect(ev.totalAffinity).toBe(3 + 1 + 1);
  });

  it('reports a project with too many reviewers', () => {
    const ev = evaluateAssignment({ ...problem, fixed: [] }, [
      [1, 0],
      [1, 1],
      [1, 2],
      [0, 0],
      [0, 1],
    ]);
    expect(ev.violations.map((v) => v.kind)).toContain('project_over');
  });

  it('agrees with the solver and the greedy baseline on a jury-sized instance', () => {
    const pb = juryInstance(11, 60, 25, 3);
    const best = assignReviewers(pb);
    expect(best.feasible).toBe(true);
    const ev = evaluateAssignment(pb, assignmentPairs(best));
    expect(ev.valid).toBe(true);
    expect(ev.totalAffinity).toBeCloseTo(best.totalAffinity, 9);
    const g = greedyAssignment(pb);
    const gev = evaluateAssignment(pb, assignmentPairs(g));
    expect(gev.violations.filter((v) => v.kind !== 'project_short')).toEqual([]);
    expect(best.totalAffinity).toBeGreaterThanOrEqual(gev.totalAffinity - 1e-9);
  });
});
