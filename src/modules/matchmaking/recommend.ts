import { proximity, proximityScratch } from '../../analytics/matchmaking/proximity.ts';
import {
  type Breakdown,
  breakdownOf,
  COMPONENTS,
  PROXIMITY_PARTS,
  partsOf,
  type Signals,
  scalesOf,
  scoreAll,
  topK,
  type Weights,
  weightsFor,
} from '../../analytics/matchmaking/score.ts';
import { cosineAll, queryVector, sharedTerms } from '../../analytics/matchmaking/tfidf.ts';
import type { RuleSet } from '../../domain/eligibility/index.ts';
import { complementarity } from './complementarity.ts';
import type { Model } from './profiles.ts';
import {
  complementarityReason,
  neighboursReason,
  networkReason,
  noveltyReason,
  partnersReason,
  type Reason,
  textReason,
  trackRecordReason,
} from './reasons.ts';

/** What the recommender needs, resolved to indices (the service validates ids and slugs). */
export interface RecommendQuery {
  text: string;
  /** organisation indices of the current consortium */
  consortium: number[];
  /** network indices of the idea (same-network signal; labelling networks for the rules) */
  networks: number[];
  /** wanted kinds (empty: any) */
  kinds: string[];
  rules: RuleSet | null;
  noveltyWeight: number;
  limit: number;
}

export interface Recommendation {
  organisationId: number;
  name: string;
  kind: string;
  sizeClass: string | null;
  networks: string[];
  score: number;
  breakdown: Breakdown;
  reasons: Reason[];
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
const EPS = 1e-6;

/**
 * Ranks every organisation for an idea and explains the best `limit`. A component whose weight
 * is 0 (novelty when noveltyWeight = 0) is reported 0: it takes no part in the score.
 */
export function recommend(m: Model, q: RecommendQuery): { items: Recommendation[]; weights: Weights } {
  const c = m.corpus;
  const n = c.ids.length;
  const candidate = new Uint8Array(n).fill(1);
  if (q.kinds.length) for (let i = 0; i < n; i++) if (!q.kinds.includes(c.kinds[i]!)) candidate[i] = 0;
  for (const i of q.consortium) candidate[i] = 0;

  const qv = queryVector(m.profiles, c.vocabulary.lookupText(q.text));
  const text = qv.terms.length ? cosineAll(m.profiles, qv, new Float32Array(n)) : null;
  const prox = q.consortium.length ? proximity(m.collaboration, q.consortium, proximityScratch(n)) : null;
  const ideaNetworks = new Set(q.networks);
  let same: Uint8Array | null = null;
  if (ideaNetworks.size) {
    same = new Uint8Array(n);
    for (let i = 0; i < n; i++) for (const x of c.networks[i]!) if (ideaNetworks.has(x)) same[i] = 1;
  }
  const comp =
    q.rules && (q.consortium.length > 0 || q.networks.length > 0)
      ? complementarity(c, q.rules, q.consortium, q.networks, candidate)
      : null;
  const signals: Signals = {
    n,
    text,
    complementarity: comp?.values ?? null,
    proximity: prox,
    sameNetwork: same,
    projects: m.collaboration.projects,
    candidate,
  };
  const weights = weightsFor(q.noveltyWeight);
  const scores = scoreAll(signals, weights);
  const scales = scalesOf(signals);
  // listed only when something relates the organisation to the idea (text, rules or network):
  // track record and novelty order the candidates, they never qualify one on their own
  for (let i = 0; i < n; i++) {
    if (scores[i] === -Infinity) continue;
    const related =
      (text !== null && text[i]! > 0) ||
      (comp !== null && comp.values[i]! > 0) ||
      (prox !== null && (prox.shared[i]! > 0 || prox.allocation[i]! > 0)) ||
      (same !== null && same[i] === 1);
    if (!related) scores[i] = -Infinity;
  }
  const consortiumSet = new Set(q.consortium);
  const items: Recommendation[] = [];
  for (const i of topK(scores, q.limit)) {
    const parts = partsOf(signals, scales, i);
    const b = breakdownOf(parts);
    // a component too small to show (below 1e-6 of the score) is reported 0, with no reason
    for (const k of COMPONENTS) b[k] = weights[k] * b[k] >= EPS ? round(b[k]) : 0;
    const reasons: Reason[] = [];
    if (b.text > 0 && text) {
      const shared = sharedTerms(m.profiles, qv, i, 3, (t) => c.vocabulary.terms[t]!);
      const words = shared.map((s) => c.vocabulary.surfaces[s.term]!);
      const fromProjects = shared.every((s) => s.sources === 1 << 4);
      reasons.push(textReason(words, fromProjects, weights.text * b.text));
    }
    if (b.complementarity > 0 && comp)
      reasons.push(
        complementarityReason(
          c.kinds[i]!,
          c.sizeClasses[i]!,
          comp.fixes(i),
          weights.complementarity * b.complementarity,
        ),
      );
    if (parts.partners > 0 && b.proximity > 0) {
      const g = m.collaboration.graph;
      const names: string[] = [];
      for (let e = g.offsets[i]!; e < g.offsets[i + 1]!; e++)
        if (consortiumSet.has(g.targets[e]!)) names.push(c.names[g.targets[e]!]!);
      reasons.push(partnersReason(names, weights.proximity * PROXIMITY_PARTS.partners * parts.partners));
    }
    if (parts.neighbours > 0 && b.proximity > 0) {
      reasons.push(
        neighboursReason(
          intermediaries(m, i, consortiumSet),
          weights.proximity * PROXIMITY_PARTS.neighbours * parts.neighbours,
        ),
      );
    }
    if (parts.network > 0 && b.proximity > 0) {
      const names = [...c.networks[i]!].filter((x) => ideaNetworks.has(x)).map((x) => c.networkNames[x]!);
      reasons.push(networkReason(names, weights.proximity * PROXIMITY_PARTS.network * parts.network));
    }
    const projects = m.collaboration.projects[i]!;
    if (b.trackRecord > 0) reasons.push(trackRecordReason(projects, weights.trackRecord * b.trackRecord));
    if (b.novelty > 0) reasons.push(noveltyReason(projects, weights.novelty * b.novelty));
    for (const r of reasons) r.weight = round(r.weight);
    reasons.splice(0, reasons.length, ...reasons.filter((r) => r.weight > 0));
    reasons.sort((x, y) => y.weight - x.weight);
    items.push({
      organisationId: c.ids[i]!,
      name: c.names[i]!,
      kind: c.kinds[i]!,
      sizeClass: c.sizeClasses[i]!,
      networks: [...c.networks[i]!].map((x) => c.networkSlugs[x]!).sort(),
      score: round(scores[i]!),
      breakdown: b,
      reasons,
    });
  }
  return { items, weights };
}

/**
 * The partners of the consortium's partners through whom organisation `i` is close: its
 * neighbours that are neighbours of a consortium member, by tie weight, at most two.
 */
function intermediaries(m: Model, i: number, consortium: ReadonlySet<number>): string[] {
  const g = m.collaboration.graph;
  const found: { z: number; w: number }[] = [];
  for (let e = g.offsets[i]!; e < g.offsets[i + 1]!; e++) {
    const z = g.targets[e]!;
    if (consortium.has(z)) continue;
    for (let f = g.offsets[z]!; f < g.offsets[z + 1]!; f++)
      if (consortium.has(g.targets[f]!)) {
        found.push({ z, w: g.weights[e]! });
        break;
      }
  }
  found.sort((a, b) => b.w - a.w || a.z - b.z);
  return found.slice(0, 2).map((x) => m.corpus.names[x.z]!);
}
