import type { CsrGraph } from './types.ts';

/**
 * Burt's constraint (Burt 1992, Structural Holes, eq. 2.4), as networkx `constraint(G, weight)`:
 * c(u) = Σ_{v∈N(u)} (p_uv + Σ_{w∈N(u)∩N(v)} p_uw·p_wv)², with p_uv = w_uv / Σ_x w_ux the share of
 * u's tie weight going to v (1/deg(u) unweighted). NaN for an isolated node, as networkx.
 */
export function constraint(g: CsrGraph, opts: { weighted?: boolean } = {}): Float64Array {
  const n = g.n;
  const off = g.offsets;
  const tg = g.targets;
  const weighted = opts.weighted ?? false;
  const wt = (p: number) => (weighted ? g.weights[p]! : 1);
  const total = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    let s = 0;
    for (let p = off[v]!; p < off[v + 1]!; p++) s += wt(p);
    total[v] = s;
  }
  const share = new Float64Array(n); // p_uw for the current u, valid where mark[w] === u
  const mark = new Int32Array(n).fill(-1);
  const out = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    if (off[u] === off[u + 1] || total[u] === 0) {
      out[u] = Number.NaN;
      continue;
    }
    for (let p = off[u]!; p < off[u + 1]!; p++) {
      const w = tg[p]!;
      mark[w] = u;
      share[w] = wt(p) / total[u]!;
    }
    let c = 0;
    for (let p = off[u]!; p < off[u + 1]!; p++) {
      const v = tg[p]!;
      let indirect = 0;
      for (let q = off[v]!; q < off[v + 1]!; q++) {
        const w = tg[q]!;
        // arc v→w has the weight of w→v; p_wv = w_wv / total[w]
        if (mark[w] === u) indirect += (share[w]! * wt(q)) / total[w]!;
      }
      const local = share[v]! + indirect;
      c += local * local;
    }
    out[u] = c;
  }
  return out;
}
