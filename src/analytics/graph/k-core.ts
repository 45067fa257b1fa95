import type { CsrGraph } from './types.ts';

/**
 * Core number of each node (networkx `core_number`), Batagelj & Zaversnik (2003, arXiv cs/0310049)
 * O(n + m) bucket algorithm: nodes sorted by degree in bins, peeled in order of current degree.
 */
export function coreNumbers(g: CsrGraph): Int32Array {
  const n = g.n;
  const deg = new Int32Array(n);
  let maxDeg = 0;
  for (let v = 0; v < n; v++) {
    const d = g.offsets[v + 1]! - g.offsets[v]!;
    deg[v] = d;
    if (d > maxDeg) maxDeg = d;
  }
  const bin = new Int32Array(maxDeg + 1);
  for (let v = 0; v < n; v++) bin[deg[v]!]!++;
  let start = 0;
  for (let d = 0; d <= maxDeg; d++) {
    const num = bin[d]!;
    bin[d] = start;
    start += num;
  }
  const pos = new Int32Array(n);
  const vert = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    pos[v] = bin[deg[v]!]!;
    vert[pos[v]!] = v;
    bin[deg[v]!]!++;
  }
  for (let d = maxDeg; d > 0; d--) bin[d] = bin[d - 1]!;
  bin[0] = 0;
  for (let i = 0; i < n; i++) {
    const v = vert[i]!;
    for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
      const u = g.targets[p]!;
      if (deg[u]! > deg[v]!) {
        const du = deg[u]!;
        const pu = pos[u]!;
        const pw = bin[du]!;
        const w = vert[pw]!;
        if (u !== w) {
          pos[u] = pw;
          vert[pu] = w;
          pos[w] = pu;
          vert[pw] = u;
        }
        bin[du]!++;
        deg[u] = du - 1;
      }
    }
  }
  return deg;
}
