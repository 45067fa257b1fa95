import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignReviewers } from './assign.ts';
import { evaluateAssignment } from './evaluate.ts';
import { greedyAssignment } from './greedy.ts';
import { assignmentPairs } from './problem.ts';
import type { AssignmentProblem } from './types.ts';

/** Property tests (fast-check) of the optimal assignment on random small instances. */

const problemArb: fc.Arbitrary<AssignmentProblem> = fc
  .record({
    P: fc.integer({ min: 1, max: 9 }),
    R: fc.integer({ min: 1, max: 8 }),
    k: fc.integer({ min: 1, max: 3 }),
  })
  .chain(({ P, R, k }) =>
    fc.record({
      projects: fc.constant(P),
      reviewers: fc.constant(R),
      perProject: fc.oneof(
        fc.constant(k),
        fc.array(fc.nat(3), { minLength: P, maxLength: P }).map((a) => Int32Array.from(a)),
      ),
      affinity: fc
        .array(fc.oneof(fc.nat(5), fc.double({ min: -1, max: 1, noNaN: true })), {
          minLength: P * R,
          maxLength: P * R,
        })
        .map((a) => Float64Array.from(a)),
      conflicts: fc
        .array(fc.integer({ min: 0, max: 9 }), { minLength: P * R, maxLength: P * R })
        .map((a) => Uint8Array.from(a, (x) => (x < 2 ? 1 : 0))),
      load: fc
        .array(fc.integer({ min: 0, max: 4 }), { minLength: R, maxLength: R })
        .map((a) => Int32Array.from(a)),
      fixed: fc.array(fc.tuple(fc.nat(P - 1), fc.nat(R - 1)), { maxLength: 3 }),
    }),
  );

describe('assignReviewers properties', () => {
  it('always satisfies the constraints; feasible means complete; the only gap is unfilled places', () => {
    fc.assert(
      fc.property(problemArb, (pb) => {
        const res = assignReviewers(pb);
        const ev = evaluateAssignment({ ...pb, fixed: [] }, assignmentPairs(res));
        // no conflicted, duplicate, over-load or over-filled pair, ever
        expect(ev.violations.filter((v) => v.kind !== 'project_short')).toEqual([]);
        expect(ev.totalAffinity).toBeCloseTo(res.totalAffinity, 9);
        if (res.feasible) {
          expect(ev.valid).toBe(true);
          expect(res.assigned).toBe(res.demand);
          expect(res.issues).toEqual([]);
        } else expect(res.issues.length).toBeGreaterThan(0);
        // every manual pair that was not reported as dropped is kept
        const dropped = new Set(
          res.issues.flatMap((i) =>
            'reviewer' in i && i.kind.startsWith('fixed') ? [`${i.project}:${i.reviewer}`] : [],
          ),
        );
        const kept = new Set(assignmentPairs(res).map(([p, r]) => `${p}:${r}`));
        for (const [p, r] of pb.fixed ?? [])
          if (!dropped.has(`${p}:${r}`)) expect(kept.has(`${p}:${r}`)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never uses a conflicted pair', () => {
    fc.assert(
      fc.property(problemArb, (pb) => {
        const res = assignReviewers(pb);
        for (const [p, r] of assignmentPairs(res)) expect(pb.conflicts![p * pb.reviewers + r]).toBe(0);
      }),
    );
  });

  it('assigns at least as many pairs as greedy, and at least its affinity when both are complete', () => {
    fc.assert(
      fc.property(problemArb, (pb) => {
        const noFixed = { ...pb, fixed: [] };
        const res = assignReviewers(noFixed);
        const g = greedyAssignment(noFixed);
        expect(res.assigned).toBeGreaterThanOrEqual(g.assigned);
        if (g.assigned === res.assigned && res.feasible)
          expect(res.totalAffinity).toBeGreaterThanOrEqual(g.totalAffinity - 1e-6);
      }),
      { numRuns: 300 },
    );
  });

  it('when infeasible, the explanation accounts for every empty place', () => {
    fc.assert(
      fc.property(problemArb, (pb) => {
        const noFixed = { ...pb, fixed: [] };
        const res = assignReviewers(noFixed);
        const empty = res.demand - res.assigned;
        const unfilled = res.issues.filter((i) => i.kind === 'unfilled');
        expect(unfilled.reduce((s, i) => s + (i.kind === 'unfilled' ? i.needed - i.assigned : 0), 0)).toBe(
          empty,
        );
        const b = res.issues.find((i) => i.kind === 'bottleneck');
        if (b && b.kind === 'bottleneck') expect(b.needed - b.available).toBe(empty);
        if (empty > 0)
          expect(
            res.issues.some(
              (i) => i.kind === 'capacity' || i.kind === 'project_short' || i.kind === 'bottleneck',
            ),
          ).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
