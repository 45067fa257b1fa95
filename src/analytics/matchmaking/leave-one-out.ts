import { positionOf, type RankingSummary, type RankPosition, summarise } from './metrics.ts';
import { collaborationOf, proximity, proximityScratch } from './proximity.ts';
import { type Signals, scoreAll, type Weights } from './score.ts';

/**
 * Leave-one-out evaluation of partner recommendation on real consortia, time-respecting:
 * projects are visited in time order; a project is evaluated against the history of the projects
 * that started strictly before it (collaboration graph, track records, and — through the
 * `textAt` hook — text profiles), so neither the held-out project nor anything after it can leak
 * into a ranking. For each project with at least `minPartners` members, each member in turn is
 * hidden, the others form the consortium, and every method ranks all organisations except the
 * consortium; the hidden member's rank is recorded (ties broken in expectation, see metrics.ts).
 *
 * Methods: `recommender` (the full score: text, complementarity, proximity, track record,
 * novelty), `popularity` (most projects so far), `text` (profile cosine only).
 */

export interface LooProject {
  /** organisation indices of the partners */
  members: Int32Array;
  /** start (days, or any increasing number); equal times form one round */
  time: number;
}

export interface LooInput {
  /** organisations (indices 0..n−1) */
  n: number;
  projects: readonly LooProject[];
  minPartners?: number;
  weights: Weights;
  /**
   * Called once per round with the projects before it; returns the scorer of a project's text
   * against the profiles of that time (fills `out`, returns false when the project has no text),
   * or null when the data has no text.
   */
  textAt?: (history: readonly number[]) => ((project: number, out: Float32Array) => boolean) | null;
  /** share of the unmet rules each organisation would meet, for a consortium (false: none) */
  complementarity?: (consortium: readonly number[], out: Float32Array) => boolean;
  /** 1 for the organisations in the project's networks (false: no networks) */
  sameNetwork?: (project: number, out: Uint8Array) => boolean;
  /** each ranking, as it is made (diagnostics, tests) */
  onQuery?: (q: {
    project: number;
    hidden: number;
    recommender: RankPosition;
    popularity: RankPosition;
  }) => void;
}

export interface LooResult {
  /** projects evaluated (≥ minPartners members) */
  projects: number;
  /** rankings (one per hidden member) */
  queries: number;
  /** queries whose hidden member had no earlier project (no graph signal can find it) */
  coldStart: number;
  methods: { recommender: RankingSummary; popularity: RankingSummary; text: RankingSummary | null };
}

export function leaveOneOut(input: LooInput): LooResult {
  const { n, projects, weights } = input;
  const minPartners = input.minPartners ?? 3;
  const order = projects.map((_, i) => i).sort((a, b) => projects[a]!.time - projects[b]!.time || a - b);
  const rec: RankPosition[] = [];
  const pop: RankPosition[] = [];
  const txt: RankPosition[] = [];
  let hasText = false;
  let evaluated = 0;
  let coldStart = 0;
  const history: number[] = [];
  const scratch = proximityScratch(n);
  const text = new Float32Array(n);
  const comp = new Float32Array(n);
  const same = new Uint8Array(n);
  const candidate = new Uint8Array(n);
  const scores = new Float64Array(n);
  const popScores = new Float64Array(n);
  for (let g = 0; g < order.length; ) {
    const time = projects[order[g]!]!.time;
    let end = g;
    while (end < order.length && projects[order[end]!]!.time === time) end++;
    const collab = collaborationOf(
      n,
      history.map((h) => projects[h]!.members),
    );
    for (let i = 0; i < n; i++) popScores[i] = collab.projects[i]!;
    const textScorer = input.textAt ? input.textAt(history) : null;
    for (let k = g; k < end; k++) {
      const pi = order[k]!;
      const members = [...new Set(projects[pi]!.members)];
      if (members.length < minPartners) continue;
      evaluated++;
      const withText = textScorer ? textScorer(pi, text) : false;
      if (withText) hasText = true;
      const withNetworks = input.sameNetwork ? input.sameNetwork(pi, same) : false;
      for (const hidden of members) {
        const consortium = members.filter((m) => m !== hidden);
        candidate.fill(1);
        for (const m of consortium) candidate[m] = 0;
        proximity(collab, consortium, scratch);
        const withComp = input.complementarity ? input.complementarity(consortium, comp) : false;
        const signals: Signals = {
          n,
          text: withText ? text : null,
          complementarity: withComp ? comp : null,
          proximity: scratch,
          sameNetwork: withNetworks ? same : null,
          projects: collab.projects,
          candidate,
        };
        scoreAll(signals, weights, scores);
        const r = positionOf(scores, candidate, hidden);
        const p = positionOf(popScores, candidate, hidden);
        rec.push(r);
        pop.push(p);
        input.onQuery?.({ project: pi, hidden, recommender: r, popularity: p });
        if (textScorer) txt.push(positionOf(withText ? text : new Float32Array(n), candidate, hidden));
        if (collab.projects[hidden] === 0) coldStart++;
      }
    }
    for (let k = g; k < end; k++) history.push(order[k]!);
    g = end;
  }
  return {
    projects: evaluated,
    queries: rec.length,
    coldStart,
    methods: {
      recommender: summarise(rec),
      popularity: summarise(pop),
      text: hasText ? summarise(txt) : null,
    },
  };
}
