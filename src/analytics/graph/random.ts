/** Small seeded PRNG (mulberry32, public domain): deterministic results across runs and threads. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** In-place Fisher–Yates shuffle of the first `k` slots (a uniform k-sample when k < length). */
export function shuffle(values: Int32Array, random: () => number, k = values.length): Int32Array {
  const n = values.length;
  for (let i = 0; i < Math.min(k, n - 1); i++) {
    const j = i + Math.floor(random() * (n - i));
    const t = values[i]!;
    values[i] = values[j]!;
    values[j] = t;
  }
  return values;
}

/** 0, 1, …, n-1. */
export function range(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
