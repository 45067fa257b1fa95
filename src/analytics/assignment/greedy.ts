import { FREE, normalise, toAssignment } from './problem.ts';
import type { Assignment, AssignmentProblem } from './types.ts';

/**
 * Baseline: fixed pairs, then the eligible pairs by decreasing affinity, each taken while its
 * project needs a reviewer and its reviewer has room. What a person sorting a spreadsheet would
 * do; it can leave places empty that the optimal assignment fills, and loses affinity. Used to
 * show what the optimisation gains (bench/assignment.ts) and as a lower bound in tests.
 */
export function greedyAssignment(problem: AssignmentProblem): Assignment {
  const pb = normalise(problem);
  const { P, R, affinity, blocked } = pb;
  const needLeft = Int32Array.from(pb.need);
  const loadLeft = Int32Array.from(pb.load);
  const taken = new Uint8Array(P * R);
  let total = 0;
  for (let i = 0; i < needLeft.length; i++) total += needLeft[i]!;
  const pairP = new Int32Array(total);
  const pairR = new Int32Array(total);
  let count = 0;
  const take = (p: number, r: number) => {
    taken[p * R + r] = 1;
    needLeft[p]!--;
    loadLeft[r]!--;
    pairP[count] = p;
    pairR[count] = r;
    count++;
  };
  for (const [p, r] of pb.fixed) {
    const i = p * R + r;
    if (!taken[i] && blocked[i] === FREE && needLeft[p]! > 0 && loadLeft[r]! > 0) take(p, r);
  }
  let n = 0;
  const order = new Int32Array(P * R);
  for (let i = 0; i < P * R; i++) if (blocked[i] === FREE && !taken[i]) order[n++] = i;
  const idx = order.subarray(0, n);
  // sort pair indices by affinity descending, index ascending on ties (deterministic)
  const sorted = Array.from(idx).sort((a, b) => affinity[b]! - affinity[a]! || a - b);
  for (const i of sorted) {
    const p = Math.floor(i / R);
    const r = i % R;
    if (needLeft[p]! > 0 && loadLeft[r]! > 0) take(p, r);
  }
  return toAssignment(P, R, affinity, pairP, pairR, count);
}
