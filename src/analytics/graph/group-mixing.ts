import type { CsrGraph } from './types.ts';

export interface GroupMixing {
  /** Ties whose two ends both have a group. */
  ties: number;
  /** Of those, ties joining two different groups. */
  crossing: number;
  /** crossing / ties (NaN without ties). */
  share: number;
  /** Same on edge weights. */
  weight: number;
  crossingWeight: number;
  weightedShare: number;
  /** Ties left out because an end has no group. */
  unassigned: number;
  /** Per node: share of its ties (to grouped nodes) that cross groups; NaN when it has none or no group. */
  nodeShare: Float64Array;
}

/**
 * Share of ties that cross groups (e.g. sector, province, pole), given a group per node index
 * (`undefined`/`null` = unknown). The complement of the within-group share behind Krackhardt &
 * Stern's (1988) E-I index: E-I = 2·share − 1.
 */
export function crossGroupTies(
  g: CsrGraph,
  groups: ArrayLike<string | number | null | undefined>,
): GroupMixing {
  if (groups.length !== g.n) throw new RangeError(`expected ${g.n} group labels, got ${groups.length}`);
  let ties = 0;
  let crossing = 0;
  let weight = 0;
  let crossingWeight = 0;
  let unassigned = 0;
  const nodeShare = new Float64Array(g.n).fill(Number.NaN);
  for (let u = 0; u < g.n; u++) {
    const gu = groups[u];
    let own = 0;
    let ownCrossing = 0;
    for (let p = g.offsets[u]!; p < g.offsets[u + 1]!; p++) {
      const v = g.targets[p]!;
      const gv = groups[v];
      if (gu == null || gv == null) {
        if (v > u) unassigned++;
        continue;
      }
      own++;
      const cross = gu !== gv;
      if (cross) ownCrossing++;
      if (v > u) {
        ties++;
        weight += g.weights[p]!;
        if (cross) {
          crossing++;
          crossingWeight += g.weights[p]!;
        }
      }
    }
    if (own > 0) nodeShare[u] = ownCrossing / own;
  }
  return {
    ties,
    crossing,
    share: ties > 0 ? crossing / ties : Number.NaN,
    weight,
    crossingWeight,
    weightedShare: weight > 0 ? crossingWeight / weight : Number.NaN,
    unassigned,
    nodeShare,
  };
}
