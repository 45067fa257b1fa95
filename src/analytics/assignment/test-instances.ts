import type { AssignmentProblem } from './types.ts';

/** Seeded instances for the assignment tests and bench (no I/O). */

/** mulberry32: a small, fast, seedable PRNG (uniform in [0, 1)). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RandomInstanceOptions {
  projects: number;
  reviewers: number;
  perProject: number;
  /** Load limit drawn uniformly in [minLoad, maxLoad]. */
  minLoad: number;
  maxLoad: number;
  conflictRate: number;
  integerAffinity?: boolean;
}

export function randomInstance(seed: number, o: RandomInstanceOptions): AssignmentProblem {
  const next = rng(seed);
  const PR = o.projects * o.reviewers;
  const affinity = new Float64Array(PR);
  const conflicts = new Uint8Array(PR);
  for (let i = 0; i < PR; i++) {
    affinity[i] = o.integerAffinity ? Math.floor(next() * 10) : next();
    conflicts[i] = next() < o.conflictRate ? 1 : 0;
  }
  const load = new Int32Array(o.reviewers);
  for (let r = 0; r < o.reviewers; r++)
    load[r] = o.minLoad + Math.floor(next() * (o.maxLoad - o.minLoad + 1));
  return {
    projects: o.projects,
    reviewers: o.reviewers,
    affinity,
    conflicts,
    perProject: o.perProject,
    load,
  };
}

/**
 * A jury-sized instance: projects and reviewers carry topic profiles (affinity = cosine of the
 * profiles, like keyword overlap), ~`conflictRate` random conflicts, plus clustered conflicts —
 * reviewers from the same institution as a project's partners are conflicted with it.
 */
export function juryInstance(
  seed: number,
  P: number,
  R: number,
  k: number,
  opts: {
    topics?: number;
    conflictRate?: number;
    institutions?: number;
    minLoad?: number;
    maxLoad?: number;
  } = {},
): AssignmentProblem {
  const next = rng(seed);
  const topics = opts.topics ?? 24;
  const institutions = opts.institutions ?? 30;
  const profile = (n: number) => {
    const m = new Float64Array(n * topics);
    for (let i = 0; i < n; i++) {
      let norm = 0;
      // a few dominant topics per entity
      for (let j = 0; j < 3; j++) m[i * topics + Math.floor(next() * topics)]! += 1 + next();
      for (let t = 0; t < topics; t++) {
        m[i * topics + t]! += next() * 0.2;
        norm += m[i * topics + t]! ** 2;
      }
      norm = Math.sqrt(norm);
      for (let t = 0; t < topics; t++) m[i * topics + t]! /= norm;
    }
    return m;
  };
  const pp = profile(P);
  const rp = profile(R);
  const affinity = new Float64Array(P * R);
  for (let p = 0; p < P; p++)
    for (let r = 0; r < R; r++) {
      let dot = 0;
      for (let t = 0; t < topics; t++) dot += pp[p * topics + t]! * rp[r * topics + t]!;
      affinity[p * R + r] = dot;
    }
  const conflicts = new Uint8Array(P * R);
  const rate = opts.conflictRate ?? 0.05;
  for (let i = 0; i < P * R; i++) if (next() < rate) conflicts[i] = 1;
  // clustered: each reviewer belongs to an institution; each project involves 1–3 institutions
  const home = new Int32Array(R);
  for (let r = 0; r < R; r++) home[r] = Math.floor(next() * institutions);
  for (let p = 0; p < P; p++) {
    const n = 1 + Math.floor(next() * 3);
    for (let j = 0; j < n; j++) {
      const inst = Math.floor(next() * institutions);
      for (let r = 0; r < R; r++) if (home[r] === inst) conflicts[p * R + r] = 1;
    }
  }
  const minLoad = opts.minLoad ?? 9;
  const maxLoad = opts.maxLoad ?? 10;
  const load = new Int32Array(R);
  for (let r = 0; r < R; r++) load[r] = minLoad + Math.floor(next() * (maxLoad - minLoad + 1));
  return { projects: P, reviewers: R, affinity, conflicts, perProject: k, load };
}
