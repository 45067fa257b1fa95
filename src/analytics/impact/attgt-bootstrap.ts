import type { InfluenceStore } from './attgt-influence.ts';
import { Sfc32 } from './attgt-stats.ts';

/**
 * Multiplier bootstrap of the ATT(g,t) influence functions (Callaway & Sant'Anna 2021, §4,
 * Theorem 3; `did::mboot`): draw b multiplies every unit's ψ_i by an i.i.d. weight v_bi with
 * mean 0 and variance 1 and records Σ_i v_bi ψ_i / √n for every column.
 *
 * Cost. B × n × columns multiply–adds done naively (999 × 100,000 × 150 ≈ 1.5·10¹⁰) is far too
 * slow, so this uses two facts:
 * 1. v takes two values (Rademacher ±1 — what `did` draws through BMisc — or Mammen's
 *    (1 ∓ √5)/2), so Σ v ψ = α Σ ψ + β Σ_{u=1} ψ with u a Bernoulli mask: only subset sums are
 *    needed;
 * 2. units of one cohort share the same non-zero columns (their own cohort's cells, the cells
 *    they serve as comparisons in, their group-share column and the constant).
 * Units are taken in blocks of 8 of the same cohort; for each block the 256 subset sums of its 8
 * rows are tabulated once (the "method of Four Russians"), and each draw then adds one table row
 * — picked by 8 random bits — to that cohort's accumulator: (256 + B)·columns additions per 8
 * units instead of 4·B·columns.
 *
 * Random numbers come from a generator seeded by (seed, cohort class, block), so a run gives the
 * same draws whatever the number of threads.
 */

export type MultiplierWeights = 'rademacher' | 'mammen';

export interface BootstrapTask {
  n: number;
  draws: number;
  seed: number;
  multiplier: MultiplierWeights;
  /** Columns: cells, then the group indicators, then the constant. */
  columns: number;
  /** Per class: the columns it is non-zero in and where its values sit. */
  classes: ClassSupport[];
}

export interface ClassSupport {
  start: number;
  end: number;
  /** Column of each support entry. */
  columns: Int32Array;
  /**
   * Source of each entry: the array holding its values and the offset such that unit u's value
   * is source[offset + u]. The constant column reads a shared array of ones.
   */
  sources: Float64Array[];
  offsets: Int32Array;
}

/** Mammen (1993): v = (1 − √5)/2 with probability (√5 + 1)/(2√5), else (1 + √5)/2. */
const MAMMEN_LOW = (1 - Math.sqrt(5)) / 2;
const MAMMEN_HIGH_PROBABILITY = (Math.sqrt(5) - 1) / (2 * Math.sqrt(5));

/** Describe, for each cohort class, the columns it feeds (see `BootstrapTask`). */
export function bootstrapTask(
  store: InfluenceStore,
  draws: number,
  seed: number,
  multiplier: MultiplierWeights,
): BootstrapTask {
  const K = store.cells.length;
  const nG = store.groupClass.length;
  let maxClass = 0;
  for (const c of store.classes) maxClass = Math.max(maxClass, c.end - c.start);
  const ones = new Float64Array(new SharedArrayBuffer(store.n * 8)).fill(1);
  const classes = store.classes.map((cls, h): ClassSupport => {
    const columns: number[] = [];
    const sources: Float64Array[] = [];
    const offsets: number[] = [];
    store.cells.forEach((cell, k) => {
      if (!cell) return;
      const j = cell.classes.indexOf(h);
      if (j < 0) return;
      columns.push(k);
      sources.push(cell.values);
      offsets.push(cell.offsets[j]! - cls.start);
    });
    const g = store.groupClass.indexOf(h);
    if (g >= 0) {
      columns.push(K + g);
      sources.push(store.weights);
      offsets.push(0);
    }
    columns.push(K + nG);
    sources.push(ones);
    offsets.push(0);
    return {
      start: cls.start,
      end: cls.end,
      columns: Int32Array.from(columns),
      sources,
      offsets: Int32Array.from(offsets),
    };
  });
  return { n: store.n, draws, seed, multiplier, columns: K + nG + 1, classes };
}

/** Blocks [from, to) of 8 units of one class: a worker's share of the bootstrap. */
export interface BlockRange {
  classIndex: number;
  from: number;
  to: number;
}

export interface SubsetSumOptions {
  /** Blocks to run (all by default). */
  ranges?: BlockRange[];
  onBlock?: () => void;
  /**
   * The draws' masks of one block (bit j = unit j of the block gets u = 1), for tests: replaces
   * the seeded generator.
   */
  masks?: (classIndex: number, block: number, draws: number, units: number) => Uint8Array;
}

/**
 * Subset sums S[b][col] = Σ_i u_bi ψ_i,col for the blocks of the listed classes (all by
 * default), u_bi the Bernoulli masks of the chosen multiplier; B × columns, row-major by draw.
 */
export function subsetSums(task: BootstrapTask, options: SubsetSumOptions = {}): Float64Array {
  const ranges = options.ranges ?? allBlocks(task);
  const B = task.draws;
  const out = new Float64Array(B * task.columns);
  const mammenThreshold = Math.floor(MAMMEN_HIGH_PROBABILITY * 4294967296);
  for (const { classIndex: h, from, to } of ranges) {
    const cls = task.classes[h]!;
    const L = cls.columns.length;
    const acc = new Float64Array(B * L);
    const rows = new Float64Array(8 * L);
    const table = new Float64Array(256 * L);
    const masks = new Uint8Array(B);
    for (let block = from; block < to; block++) {
      const u0 = cls.start + 8 * block;
      const r = Math.min(8, cls.end - u0);
      for (let j = 0; j < r; j++)
        for (let s = 0; s < L; s++) rows[j * L + s] = cls.sources[s]![cls.offsets[s]! + u0 + j]!;
      // table[m] = Σ_{bits j of m} rows[j], each from table[m without its lowest bit]
      const size = 1 << r;
      for (let m = 1; m < size; m++) {
        const low = m & -m;
        const bit = 31 - Math.clz32(low);
        const prev = (m ^ low) * L;
        const to = m * L;
        const row = bit * L;
        for (let s = 0; s < L; s++) table[to + s] = table[prev + s]! + rows[row + s]!;
      }
      if (options.masks) masks.set(options.masks(h, block, B, r));
      else
        fillMasks(
          masks,
          new Sfc32(task.seed, h, block),
          r,
          task.multiplier === 'mammen' ? mammenThreshold : -1,
        );
      for (let b = 0; b < B; b++) {
        const m = masks[b]!;
        if (m === 0) continue;
        const from = m * L;
        const to = b * L;
        for (let s = 0; s < L; s++) acc[to + s]! += table[from + s]!;
      }
      options.onBlock?.();
    }
    for (let b = 0; b < B; b++)
      for (let s = 0; s < L; s++) out[b * task.columns + cls.columns[s]!]! += acc[b * L + s]!;
  }
  return out;
}

/**
 * B masks of r bits: uniform bits (Rademacher), or bits that are 1 with Mammen's probability of
 * the high value (threshold on a 32-bit uniform integer).
 */
function fillMasks(masks: Uint8Array, rng: Sfc32, r: number, threshold: number): void {
  const B = masks.length;
  if (threshold < 0) {
    const keep = (1 << r) - 1;
    for (let b = 0; b < B; b += 4) {
      const x = rng.next();
      masks[b] = x & keep;
      if (b + 1 < B) masks[b + 1] = (x >>> 8) & keep;
      if (b + 2 < B) masks[b + 2] = (x >>> 16) & keep;
      if (b + 3 < B) masks[b + 3] = (x >>> 24) & keep;
    }
    return;
  }
  for (let b = 0; b < B; b++) {
    let m = 0;
    for (let j = 0; j < r; j++) if (rng.next() < threshold) m |= 1 << j;
    masks[b] = m;
  }
}

/** Every block of every class. */
export function allBlocks(task: BootstrapTask): BlockRange[] {
  return task.classes.map((c, h) => ({ classIndex: h, from: 0, to: Math.ceil((c.end - c.start) / 8) }));
}

/** Split the blocks into `parts` contiguous shares of (nearly) equal work (blocks × columns). */
export function splitBlocks(task: BootstrapTask, parts: number): BlockRange[][] {
  const all = allBlocks(task);
  let total = 0;
  for (const r of all) total += (r.to - r.from) * task.classes[r.classIndex]!.columns.length;
  const partOf = (workBefore: number) => Math.min(parts - 1, Math.floor((workBefore * parts) / total));
  const shares: BlockRange[][] = Array.from({ length: parts }, () => []);
  let done = 0;
  for (const r of all) {
    const cost = task.classes[r.classIndex]!.columns.length;
    let start = r.from;
    let current = partOf(done);
    for (let b = r.from; b < r.to; b++) {
      const p = partOf(done + (b - r.from) * cost);
      if (p !== current) {
        if (b > start) shares[current]!.push({ classIndex: r.classIndex, from: start, to: b });
        start = b;
        current = p;
      }
    }
    if (r.to > start) shares[current]!.push({ classIndex: r.classIndex, from: start, to: r.to });
    done += (r.to - r.from) * cost;
  }
  return shares;
}

/**
 * Turn subset sums into bootstrap draws of √n · mean(v ψ) = Σ v ψ / √n (`did`'s `bres`):
 * Rademacher v = 2u − 1, Mammen v = k₁ + √5·u.
 */
export function drawsFromSubsetSums(task: BootstrapTask, sums: Float64Array): Float64Array {
  const C = task.columns;
  const colSum = new Float64Array(C);
  for (const cls of task.classes)
    cls.columns.forEach((col, s) => {
      const src = cls.sources[s]!;
      const o = cls.offsets[s]!;
      let t = 0;
      for (let u = cls.start; u < cls.end; u++) t += src[o + u]!;
      colSum[col]! += t;
    });
  const [alpha, beta] = task.multiplier === 'rademacher' ? [-1, 2] : [MAMMEN_LOW, Math.sqrt(5)];
  const scale = 1 / Math.sqrt(task.n);
  const out = new Float64Array(sums.length);
  for (let b = 0; b < task.draws; b++)
    for (let c = 0; c < C; c++) out[b * C + c] = (alpha * colSum[c]! + beta * sums[b * C + c]!) * scale;
  return out;
}
