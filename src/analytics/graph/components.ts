import type { CsrGraph } from './types.ts';

export interface Components {
  count: number;
  /** Component label per node, 0-based, numbered by the lowest node index they contain. */
  labels: Int32Array;
  /** Size of each component, indexed by label. */
  sizes: Int32Array;
  /** Label of the largest component (the first one on ties), -1 for an empty graph. */
  largest: number;
}

/** Connected components by breadth-first search, O(n + m). */
export function connectedComponents(g: CsrGraph): Components {
  const n = g.n;
  const labels = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const sizes: number[] = [];
  for (let s = 0; s < n; s++) {
    if (labels[s] !== -1) continue;
    const label = sizes.length;
    labels[s] = label;
    queue[0] = s;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const v = queue[head++]!;
      for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
        const w = g.targets[p]!;
        if (labels[w] === -1) {
          labels[w] = label;
          queue[tail++] = w;
        }
      }
    }
    sizes.push(tail);
  }
  let largest = -1;
  for (let c = 0; c < sizes.length; c++) if (largest < 0 || sizes[c]! > sizes[largest]!) largest = c;
  return { count: sizes.length, labels, sizes: Int32Array.from(sizes), largest };
}

/** Node indices of the largest connected component, ascending. */
export function largestComponentNodes(g: CsrGraph, comps = connectedComponents(g)): Int32Array {
  const out = new Int32Array(comps.largest < 0 ? 0 : comps.sizes[comps.largest]!);
  let k = 0;
  for (let v = 0; v < g.n; v++) if (comps.labels[v] === comps.largest) out[k++] = v;
  return out;
}
