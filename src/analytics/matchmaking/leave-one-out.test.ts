import { describe, expect, it } from 'vitest';
import { leaveOneOut } from './leave-one-out.ts';
import type { RankPosition } from './metrics.ts';
import { weightsFor } from './score.ts';

describe('time-respecting leave-one-out', () => {
  // t=0: {3,4} twice (two-partner projects: history only). t=1: {0,1,2}. t=2: {0,1,2} again.
  const projects = [
    { members: Int32Array.from([3, 4]), time: 0 },
    { members: Int32Array.from([3, 4]), time: 0 },
    { members: Int32Array.from([0, 1, 2]), time: 1 },
    { members: Int32Array.from([0, 1, 2]), time: 2 },
  ];
  const queries: { project: number; hidden: number; recommender: RankPosition; popularity: RankPosition }[] =
    [];
  const r = leaveOneOut({ n: 7, projects, weights: weightsFor(0), onQuery: (q) => queries.push(q) });

  it('evaluates each partner of the projects with ≥ 3 partners, on the history before them only', () => {
    expect(r.projects).toBe(2);
    expect(r.queries).toBe(6);
    // at t=1 nobody of 0, 1, 2 has an earlier project
    expect(r.coldStart).toBe(3);
    expect(r.methods.text).toBeNull();
  });

  it('finds a partner who worked with both others first; popularity puts the busy pair 3, 4 ahead', () => {
    const q = queries.find((x) => x.project === 3 && x.hidden === 2)!;
    expect(q.recommender).toEqual({ greater: 0, ties: 0 });
    // candidates 2..6: 3 and 4 have two projects, 2 one
    expect(q.popularity).toEqual({ greater: 2, ties: 0 });
  });

  it('falls back on track record when the graph knows nothing (cold start)', () => {
    const q = queries.find((x) => x.project === 2 && x.hidden === 0)!;
    // candidates 0, 3, 4, 5, 6: 3 and 4 have a track record, 0 ties with 5 and 6 at zero
    expect(q.recommender).toEqual({ greater: 2, ties: 2 });
  });
});
