import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/errors.ts';
import { assignReviewers } from './assign.ts';
import { evaluateAssignment } from './evaluate.ts';
import { flowNetwork, flowOn, minCostFlow } from './min-cost-flow.ts';
import { assignmentPairs } from './problem.ts';
import { randomInstance, rng } from './test-instances.ts';
import type { AssignmentProblem } from './types.ts';

/**
 * Brute force: the best (most pairs, then most affinity) choice of at most k reviewers per
 * project, by enumerating every subset per project. Small instances only.
 */
function bruteForce(pb: AssignmentProblem): { assigned: number; total: number } {
  const { projects: P, reviewers: R } = pb;
  const k = pb.perProject as number;
  const load = pb.load as Int32Array;
  const options: number[][] = [];
  for (let p = 0; p < P; p++) {
    const opts: number[] = [];
    for (let mask = 0; mask < 1 << R; mask++) {
      let bits = 0;
      let ok = true;
      for (let r = 0; r < R; r++)
        if (mask & (1 << r)) {
          bits++;
          if (pb.conflicts?.[p * R + r]) ok = false;
        }
      if (ok && bits <= k) opts.push(mask);
    }
    options.push(opts);
  }
  let best = { assigned: -1, total: Number.NEGATIVE_INFINITY };
  const used = new Int32Array(R);
  const rec = (p: number, assigned: number, total: number) => {
    if (p === P) {
      if (assigned > best.assigned || (assigned === best.assigned && total > best.total + 1e-12))
        best = { assigned, total };
      return;
    }
    for (const mask of options[p]!) {
      let ok = true;
      let n = 0;
      let t = 0;
      for (let r = 0; r < R; r++)
        if (mask & (1 << r)) {
          if (used[r]! >= load[r]!) ok = false;
          n++;
          t += pb.affinity[p * R + r]!;
        }
      if (!ok) continue;
      for (let r = 0; r < R; r++) if (mask & (1 << r)) used[r]!++;
      rec(p + 1, assigned + n, total + t);
      for (let r = 0; r < R; r++) if (mask & (1 << r)) used[r]!--;
    }
  };
  rec(0, 0, 0);
  return best;
}

describe('minCostFlow', () => {
  it('finds the cheapest way to send the maximum flow', () => {
    // s=0 → 1 → 3 = t and s → 2 → 3, plus 1 → 2; cheapest two units: 0-1-3 (cost 2) and 0-2-3 (cost 5)
    const b = flowNetwork(4);
    const e01 = b.addEdge(0, 1, 2, 1);
    b.addEdge(0, 2, 1, 2);
    const e13 = b.addEdge(1, 3, 1, 1);
    const e12 = b.addEdge(1, 2, 1, 1);
    b.addEdge(2, 3, 2, 3);
    const net = b.build();
    const r = minCostFlow(net, 0, 3);
    expect(r.flow).toBe(3);
    // units: 0-1-3 (2), 0-1-2-3 (5), 0-2-3 (5)
    expect(r.cost).toBe(12);
    expect(flowOn(net, e01)).toBe(2);
    expect(flowOn(net, e13)).toBe(1);
    expect(flowOn(net, e12)).toBe(1);
  });
  it('respects a flow limit', () => {
    const b = flowNetwork(2);
    b.addEdge(0, 1, 5, 2);
    expect(minCostFlow(b.build(), 0, 1, 3)).toMatchObject({ flow: 3, cost: 6 });
  });
});

describe('assignReviewers — optimality against brute force', () => {
  it('matches enumeration on 60 random 4 × 5 instances, k = 2, loads 1–3', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const pb = randomInstance(seed, {
        projects: 4,
        reviewers: 5,
        perProject: 2,
        minLoad: 1,
        maxLoad: 3,
        conflictRate: 0.2,
        integerAffinity: seed % 2 === 0,
      });
      const best = bruteForce(pb);
      const res = assignReviewers(pb);
      expect(res.assigned, `seed ${seed}`).toBe(best.assigned);
      expect(res.totalAffinity, `seed ${seed}`).toBeCloseTo(best.total, 9);
      expect(res.feasible).toBe(best.assigned === 8);
      const ev = evaluateAssignment(pb, assignmentPairs(res));
      expect(ev.violations.filter((v) => v.kind !== 'project_short')).toEqual([]);
      expect(ev.totalAffinity).toBeCloseTo(res.totalAffinity, 12);
    }
  });

  it('matches enumeration with 3 reviewers per project on 4 × 6', () => {
    for (let seed = 100; seed < 110; seed++) {
      const pb = randomInstance(seed, {
        projects: 4,
        reviewers: 6,
        perProject: 3,
        minLoad: 2,
        maxLoad: 4,
        conflictRate: 0.15,
      });
      const best = bruteForce(pb);
      const res = assignReviewers(pb);
      expect(res.assigned).toBe(best.assigned);
      expect(res.totalAffinity).toBeCloseTo(best.total, 9);
    }
  });
});

describe('assignReviewers — constraints and explanations', () => {
  const flat = (P: number, R: number, f: (p: number, r: number) => number) => {
    const a = new Float64Array(P * R);
    for (let p = 0; p < P; p++) for (let r = 0; r < R; r++) a[p * R + r] = f(p, r);
    return a;
  };

  it('explains a project with too many conflicts', () => {
    const conflicts = new Uint8Array(3 * 4);
    conflicts.fill(1, 4 * 2, 4 * 2 + 2); // project 2 conflicted with reviewers 0 and 1
    const res = assignReviewers({
      projects: 3,
      reviewers: 4,
      affinity: flat(3, 4, (p, r) => p + r),
      conflicts,
      perProject: 3,
      load: 3,
      projectLabels: ['P-A', 'P-B', 'P-17'],
    });
    expect(res.feasible).toBe(false);
    expect(res.assigned).toBe(8);
    const kinds = res.issues.map((i) => i.kind);
    expect(kinds).toEqual(['project_short', 'unfilled']);
    expect(res.issues[0]!.message.en).toBe(
      'P-17 has only 2 eligible reviewers for 3 places (of 4: 2 conflicted).',
    );
    expect(res.issues[0]!.message.fr).toBe(
      "P-17 n'a que 2 experts éligibles pour 3 places (sur 4 : 2 en conflit d'intérêts).",
    );
    expect(res.issues[1]!.message.en).toBe('P-17 gets 2 of its 3 reviewers.');
    expect(res.issues[1]!.message.fr).toBe('P-17 reçoit 2 de ses 3 experts.');
  });

  it('explains a capacity below demand and still assigns the best partial set', () => {
    const res = assignReviewers({
      projects: 4,
      reviewers: 3,
      affinity: flat(4, 3, (p, r) => (p === 3 ? 10 : 1) + r),
      perProject: 2,
      load: new Int32Array([2, 2, 1]),
    });
    expect(res.feasible).toBe(false);
    expect(res.demand).toBe(8);
    expect(res.capacity).toBe(5);
    expect(res.assigned).toBe(5);
    expect(res.issues[0]).toMatchObject({ kind: 'capacity', demand: 8, capacity: 5 });
    expect(res.issues[0]!.message.en).toBe(
      'The reviewers can take 5 reviews in total (sum of load limits), but the projects need 8: at least 3 places cannot be filled.',
    );
    // the high-affinity project 3 gets its two best reviewers
    expect(Array.from(res.reviewers.subarray(res.offsets[3]!, res.offsets[4]!))).toEqual([1, 2]);
  });

  it('finds the set of projects competing for the same reviewers (Hall witness)', () => {
    // projects 0 and 1 may only use reviewers 0 and 1 (load 1 each): 4 places, 2 reviews available
    const conflicts = new Uint8Array(3 * 4);
    for (const p of [0, 1]) for (const r of [2, 3]) conflicts[p * 4 + r] = 1;
    const res = assignReviewers({
      projects: 3,
      reviewers: 4,
      affinity: flat(3, 4, () => 1),
      conflicts,
      perProject: 2,
      load: new Int32Array([1, 1, 5, 5]),
    });
    expect(res.feasible).toBe(false);
    expect(res.assigned).toBe(4);
    const b = res.issues.find((i) => i.kind === 'bottleneck');
    expect(b).toMatchObject({ projects: [0, 1], needed: 4, available: 2 });
    expect(b!.message.en).toBe(
      'Projects project 0 and project 1 need 4 reviewers in total (besides manual assignments), but the reviewers eligible for them can give at most 2 (once per project, within their load limits): 2 places cannot be filled.',
    );
    expect(b!.message.fr).toContain('Les projets projet 0 et projet 1 demandent 4 experts au total');
  });

  it('keeps fixed pairs even when they cost affinity, and reports those it cannot keep', () => {
    const conflicts = new Uint8Array(2 * 3);
    conflicts[1 * 3 + 2] = 1;
    const res = assignReviewers({
      projects: 2,
      reviewers: 3,
      affinity: flat(2, 3, (_p, r) => (r === 0 ? 0 : 5)),
      conflicts,
      perProject: 1,
      load: 2,
      fixed: [
        [0, 0],
        [0, 0],
        [1, 2],
      ],
    });
    const pairs = assignmentPairs(res);
    expect(pairs).toContainEqual([0, 0]);
    expect(pairs).toHaveLength(2);
    expect(res.issues.map((i) => i.kind)).toEqual(['fixed_not_allowed']);
    expect(res.issues[0]!.message.en).toBe(
      'Manual assignment dropped (project 1 — reviewer 2): conflict of interest.',
    );
    expect(res.feasible).toBe(false);
  });

  it('reports fixed pairs beyond a project’s need or a reviewer’s load', () => {
    const res = assignReviewers({
      projects: 3,
      reviewers: 2,
      affinity: new Float64Array(6),
      perProject: 1,
      load: new Int32Array([1, 3]),
      fixed: [
        [0, 0],
        [0, 1],
        [1, 0],
      ],
    });
    expect(res.issues.map((i) => i.kind)).toEqual(['fixed_over_project', 'fixed_over_load']);
    expect(res.assigned).toBe(3);
  });

  it('never assigns forbidden pairs', () => {
    const res = assignReviewers({
      projects: 1,
      reviewers: 3,
      affinity: new Float64Array([9, 1, 1]),
      perProject: 1,
      load: 1,
      forbidden: [[0, 0]],
    });
    expect(assignmentPairs(res)).toEqual([[0, 1]]);
    expect(res.feasible).toBe(true);
  });

  it('handles per-project needs, zero loads and empty problems', () => {
    const res = assignReviewers({
      projects: 3,
      reviewers: 3,
      affinity: flat(3, 3, (p, r) => p * r),
      perProject: new Int32Array([0, 1, 2]),
      load: new Int32Array([0, 2, 2]),
    });
    expect(res.feasible).toBe(true);
    expect(assignmentPairs(res)).toEqual([
      [1, 2],
      [2, 1],
      [2, 2],
    ]);
    const empty = assignReviewers({
      projects: 0,
      reviewers: 0,
      affinity: new Float64Array(0),
      perProject: 3,
      load: 1,
    });
    expect(empty).toMatchObject({ feasible: true, assigned: 0, totalAffinity: 0 });
  });

  it('is exact for integer affinities and reports the rounding step otherwise', () => {
    const ints = randomInstance(7, {
      projects: 6,
      reviewers: 6,
      perProject: 2,
      minLoad: 2,
      maxLoad: 3,
      conflictRate: 0,
      integerAffinity: true,
    });
    expect(assignReviewers(ints).quantisation).toEqual({ exact: true, step: 1 });
    const floats = randomInstance(7, {
      projects: 6,
      reviewers: 6,
      perProject: 2,
      minLoad: 2,
      maxLoad: 3,
      conflictRate: 0,
    });
    const q = assignReviewers(floats).quantisation;
    expect(q.exact).toBe(false);
    expect(q.step).toBeLessThan(1e-9);
  });

  it('rejects malformed input with the offending fields', () => {
    const bad = () =>
      assignReviewers({
        projects: 2,
        reviewers: 2,
        affinity: new Float64Array(3),
        perProject: -1,
        load: new Int32Array(1),
        fixed: [[5, 0]],
      });
    expect(bad).toThrow(ValidationError);
    try {
      bad();
    } catch (e) {
      expect((e as ValidationError).details.map((d) => d.path)).toEqual([
        'affinity',
        'perProject',
        'load',
        'fixed[0]',
      ]);
    }
    expect(() =>
      assignReviewers({
        projects: 1,
        reviewers: 1,
        affinity: new Float64Array([Number.NaN]),
        perProject: 1,
        load: 1,
      }),
    ).toThrow(/Invalid assignment problem/);
  });

  it('is deterministic', () => {
    const next = rng(3);
    const pb = randomInstance(Math.floor(next() * 1e6), {
      projects: 30,
      reviewers: 12,
      perProject: 3,
      minLoad: 7,
      maxLoad: 9,
      conflictRate: 0.1,
    });
    expect(assignmentPairs(assignReviewers(pb))).toEqual(assignmentPairs(assignReviewers(pb)));
  });
});
