import type { ProximityScratch } from './proximity.ts';

/**
 * The partner score: a weighted sum of five components, each in 0..1, so a recommendation can be
 * taken apart and every part explained. Pure; all signals are typed arrays indexed by
 * organisation.
 */

export const COMPONENTS = ['text', 'complementarity', 'proximity', 'trackRecord', 'novelty'] as const;
export type Component = (typeof COMPONENTS)[number];
export type Breakdown = Record<Component, number>;
export type Weights = Record<Component, number>;

/**
 * Default weights. Text relevance leads (the idea is what a partner must serve); proximity
 * second (partners who already work together deliver — and it is the strongest signal of the
 * offline evaluation); complementarity lifts what the call's rules still need. The novelty weight
 * ν moves weight from track record to novelty: ν = 0 favours proven partners, ν = 1 favours
 * organisations with few projects ("not only the usual suspects").
 */
export function weightsFor(noveltyWeight: number): Weights {
  const nu = Math.min(1, Math.max(0, noveltyWeight));
  return {
    text: 0.35,
    complementarity: 0.2,
    proximity: 0.3,
    trackRecord: 0.15 * (1 - nu),
    novelty: 0.3 * nu,
  };
}

/**
 * Proximity's parts, combined with these weights (they sum to 1): worked with the consortium's
 * members, reachable through common partners (resource allocation), member of the same network.
 */
export const PROXIMITY_PARTS = { partners: 0.45, neighbours: 0.4, network: 0.15 } as const;
export type ProximityPart = keyof typeof PROXIMITY_PARTS;

/** Novelty falls linearly from 1 (no project yet) to 0 at this many past projects. */
export const NOVELTY_HORIZON = 5;

export interface Signals {
  n: number;
  /** cosine of the idea with each profile, or null without text */
  text: Float32Array | null;
  /** share of the call's unmet rules the organisation would meet, 0..1 */
  complementarity: Float32Array | null;
  /** proximity to the consortium, or null without consortium */
  proximity: ProximityScratch | null;
  /** 1 when the organisation belongs to one of the idea's networks */
  sameNetwork: Uint8Array | null;
  /** past (public) projects per organisation */
  projects: Int32Array;
  /** 1 when the organisation may be recommended (kind wanted, not a current partner) */
  candidate: Uint8Array;
}

/** Normalisers computed once over the candidates. */
export interface Scales {
  allocation: number;
  /** ln(1 + most projects of any organisation) */
  logProjects: number;
}

export function scalesOf(s: Signals): Scales {
  let allocation = 0;
  let projects = 0;
  const a = s.proximity?.allocation;
  for (let i = 0; i < s.n; i++) {
    if (s.projects[i]! > projects) projects = s.projects[i]!;
    if (a && s.candidate[i] && a[i]! > allocation) allocation = a[i]!;
  }
  return { allocation, logProjects: Math.log1p(projects) };
}

export interface Parts {
  text: number;
  complementarity: number;
  partners: number;
  neighbours: number;
  network: number;
  trackRecord: number;
  novelty: number;
}

/** The 0..1 parts of organisation `i`. */
export function partsOf(s: Signals, sc: Scales, i: number): Parts {
  const shared = s.proximity ? s.proximity.shared[i]! : 0;
  const alloc = s.proximity ? s.proximity.allocation[i]! : 0;
  const p = s.projects[i]!;
  return {
    text: s.text ? s.text[i]! : 0,
    complementarity: s.complementarity ? s.complementarity[i]! : 0,
    // 1 partner → 0.5, 2 → 0.75, 3 → 0.875: each further shared partner adds less
    partners: shared > 0 ? 1 - 0.5 ** shared : 0,
    neighbours: sc.allocation > 0 ? Math.sqrt(alloc / sc.allocation) : 0,
    network: s.sameNetwork ? s.sameNetwork[i]! : 0,
    trackRecord: sc.logProjects > 0 ? Math.log1p(p) / sc.logProjects : 0,
    novelty: p < NOVELTY_HORIZON ? 1 - p / NOVELTY_HORIZON : 0,
  };
}

export function breakdownOf(p: Parts): Breakdown {
  return {
    text: p.text,
    complementarity: p.complementarity,
    proximity:
      PROXIMITY_PARTS.partners * p.partners +
      PROXIMITY_PARTS.neighbours * p.neighbours +
      PROXIMITY_PARTS.network * p.network,
    trackRecord: p.trackRecord,
    novelty: p.novelty,
  };
}

export function scoreOf(b: Breakdown, w: Weights): number {
  return (
    w.text * b.text +
    w.complementarity * b.complementarity +
    w.proximity * b.proximity +
    w.trackRecord * b.trackRecord +
    w.novelty * b.novelty
  );
}

/**
 * The score of every organisation (−∞ for non-candidates): `partsOf` → `breakdownOf` →
 * `scoreOf` inlined, with no allocation per organisation (this loop runs over the whole registry
 * on every request).
 */
export function scoreAll(s: Signals, w: Weights, out: Float64Array = new Float64Array(s.n)): Float64Array {
  const sc = scalesOf(s);
  const { text, complementarity: comp, proximity: prox, sameNetwork: same, projects, candidate } = s;
  const wProx = w.proximity;
  const invAlloc = sc.allocation > 0 ? 1 / sc.allocation : 0;
  const invLog = sc.logProjects > 0 ? 1 / sc.logProjects : 0;
  for (let i = 0; i < s.n; i++) {
    if (!candidate[i]) {
      out[i] = -Infinity;
      continue;
    }
    let v = 0;
    if (text) v += w.text * text[i]!;
    if (comp) v += w.complementarity * comp[i]!;
    if (prox) {
      const shared = prox.shared[i]!;
      if (shared > 0) v += wProx * PROXIMITY_PARTS.partners * (1 - 0.5 ** shared);
      const a = prox.allocation[i]!;
      if (a > 0) v += wProx * PROXIMITY_PARTS.neighbours * Math.sqrt(a * invAlloc);
    }
    if (same?.[i]) v += wProx * PROXIMITY_PARTS.network;
    const p = projects[i]!;
    if (p > 0) v += w.trackRecord * Math.log1p(p) * invLog;
    if (p < NOVELTY_HORIZON) v += w.novelty * (1 - p / NOVELTY_HORIZON);
    out[i] = v;
  }
  return out;
}

/** Indices of the `k` best scores (ties by index), best first; −∞ never returned. */
export function topK(scores: Float64Array, k: number): Int32Array {
  const heap: number[] = [];
  const worse = (a: number, b: number) => scores[a]! < scores[b]! || (scores[a] === scores[b] && a > b);
  for (let i = 0; i < scores.length; i++) {
    if (scores[i] === -Infinity) continue;
    if (heap.length < k) {
      heap.push(i);
      let c = heap.length - 1;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!worse(heap[c]!, heap[p]!)) break;
        [heap[c], heap[p]] = [heap[p]!, heap[c]!];
        c = p;
      }
    } else if (k > 0 && worse(heap[0]!, i)) {
      heap[0] = i;
      let c = 0;
      for (;;) {
        const l = 2 * c + 1;
        const r = l + 1;
        let m = c;
        if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
        if (m === c) break;
        [heap[c], heap[m]] = [heap[m]!, heap[c]!];
        c = m;
      }
    }
  }
  return Int32Array.from(heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0)));
}
