import { fromEdgeArrays } from '../graph/csr.ts';
import type { CsrGraph } from '../graph/types.ts';

/**
 * Network proximity of every organisation to a consortium, on the collaboration graph (the
 * organisation projection of the organisation × project two-mode graph, tie weight = shared
 * projects):
 *
 * - `shared[o]`: how many consortium members `o` has worked with (distinct partners);
 * - `ties[o]`: the projects `o` shared with them (sum of tie weights);
 * - `allocation[o]`: resource allocation through common neighbours (Zhou, Lü & Zhang, "Predicting
 *   missing links via local information", Eur. Phys. J. B 71, 2009), weighted and summed over the
 *   consortium: Σ_c Σ_z (w_cz / s_c) · (w_zo / s_z). Each member sends one unit of resource, split
 *   over its partners by shared projects; each partner outside the consortium passes it on split
 *   the same way (a path through another member is a direct tie, already in `shared`). A hub
 *   (a university that works with everyone) dilutes what passes through it, which is what makes
 *   RA beat raw common-neighbour counts on collaboration graphs (Lü & Zhou, Physica A 390, 2011).
 */

export interface Collaboration {
  graph: CsrGraph;
  /** sum of tie weights per organisation */
  strength: Float64Array;
  /** projects per organisation (track record) */
  projects: Int32Array;
}

/**
 * The collaboration graph of `n` organisations from project member lists (organisation indices;
 * duplicates within a project are ignored).
 */
export function collaborationOf(n: number, projects: readonly ArrayLike<number>[]): Collaboration {
  let pairs = 0;
  for (const p of projects) pairs += (p.length * (p.length - 1)) / 2;
  const src = new Int32Array(pairs);
  const dst = new Int32Array(pairs);
  const counts = new Int32Array(n);
  let k = 0;
  for (const p of projects) {
    const members = [...new Set(Array.from(p))];
    for (const m of members) counts[m]!++;
    for (let i = 0; i < members.length; i++)
      for (let j = i + 1; j < members.length; j++) {
        src[k] = members[i]!;
        dst[k] = members[j]!;
        k++;
      }
  }
  const graph = fromEdgeArrays(src.subarray(0, k), dst.subarray(0, k), undefined, { n });
  const strength = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    let s = 0;
    for (let e = graph.offsets[v]!; e < graph.offsets[v + 1]!; e++) s += graph.weights[e]!;
    strength[v] = s;
  }
  return { graph, strength, projects: counts };
}

export interface ProximityScratch {
  shared: Float32Array;
  ties: Float32Array;
  allocation: Float32Array;
}

export function proximityScratch(n: number): ProximityScratch {
  return { shared: new Float32Array(n), ties: new Float32Array(n), allocation: new Float32Array(n) };
}

/**
 * Fills `out` for the consortium `members` (organisation indices). Cost: the two-hop
 * neighbourhood of the consortium, Σ_c Σ_{z ∈ N(c)} deg(z) — not the graph size.
 */
export function proximity(
  c: Collaboration,
  members: ArrayLike<number>,
  out: ProximityScratch,
): ProximityScratch {
  const { offsets, targets, weights } = c.graph;
  out.shared.fill(0);
  out.ties.fill(0);
  out.allocation.fill(0);
  const consortium = new Set<number>();
  for (let i = 0; i < members.length; i++) if (members[i]! < c.graph.n) consortium.add(members[i]!);
  for (const m of consortium) {
    const sm = c.strength[m]!;
    if (sm === 0) continue;
    for (let e = offsets[m]!; e < offsets[m + 1]!; e++) {
      const z = targets[e]!;
      const w = weights[e]!;
      out.shared[z]! += 1;
      out.ties[z]! += w;
      // a path through another member is a direct tie, counted in `shared`
      if (consortium.has(z)) continue;
      const pass = w / sm / c.strength[z]!;
      for (let f = offsets[z]!; f < offsets[z + 1]!; f++) out.allocation[targets[f]!]! += pass * weights[f]!;
    }
  }
  return out;
}
