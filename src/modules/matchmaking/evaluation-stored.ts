import { type LooProject, type LooResult, leaveOneOut } from '../../analytics/matchmaking/leave-one-out.ts';
import { weightsFor } from '../../analytics/matchmaking/score.ts';
import { cosineAll, queryVector } from '../../analytics/matchmaking/tfidf.ts';
import type { Db } from '../../db/database.ts';
import { WALLOON_RD_RULES } from '../../domain/eligibility/index.ts';
import { complementarity } from './complementarity.ts';
import { loadCorpus, profilesOf } from './profiles.ts';

/**
 * Offline evaluation on the stored public projects (the demo's labelled projects, imported
 * history, EU projects), with every signal of the recommender. Time-respecting leave-one-out
 * (analytics/matchmaking/leave-one-out.ts): a project is placed on its labelling day (start day
 * when it has none); it is ranked against the projects placed strictly before it. Against
 * leakage, the profiles are rebuilt for each round from the organisations' own texts (description,
 * keywords, NACE, networks) and the texts of those earlier projects only — so the held-out
 * project's title, summary and keywords never feed a profile, least of all the hidden partner's.
 * The query is the held-out project's own text (title, summary, keywords), as a proposer would
 * describe the idea. Complementarity uses the default Walloon R&D rules; the same-network signal
 * uses the project's networks and today's memberships (memberships are not replayed in time).
 */
export interface StoredEvaluation extends LooResult {
  organisations: number;
  history: number;
  protocol: string;
}

const DAY = 86_400_000;

export async function evaluateStored(
  db: Db,
  opts: { noveltyWeight?: number; minPartners?: number } = {},
): Promise<StoredEvaluation> {
  const c = await loadCorpus(db);
  const n = c.ids.length;
  const loo: LooProject[] = [];
  const source: number[] = [];
  c.projectDays.forEach((day, p) => {
    if (!day) return;
    loo.push({ members: c.projectMembers[p]!, time: Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY) });
    source.push(p);
  });
  const all = new Uint8Array(n).fill(1);
  const minPartners = opts.minPartners ?? 3;
  const r = leaveOneOut({
    n,
    projects: loo,
    minPartners,
    weights: weightsFor(opts.noveltyWeight ?? 0.1),
    textAt: (history) => {
      const included = new Set(history.map((h) => source[h]!));
      const profiles = profilesOf(c, (p) => included.has(p));
      return (project, out) => {
        const t = c.projectTerms[source[project]!]!;
        const ids = new Int32Array(t.title.length + t.summary.length + t.keywords.length);
        ids.set(t.title, 0);
        ids.set(t.summary, t.title.length);
        ids.set(t.keywords, t.title.length + t.summary.length);
        const q = queryVector(profiles, ids);
        if (q.terms.length === 0) return false;
        cosineAll(profiles, q, out);
        return true;
      };
    },
    complementarity: (consortium, out) => {
      const comp = complementarity(c, WALLOON_RD_RULES, consortium, [], all);
      if (!comp) return false;
      out.set(comp.values);
      return true;
    },
    sameNetwork: (project, out) => {
      const nets = new Set(c.projectNetworks[source[project]!]!);
      if (nets.size === 0) return false;
      out.fill(0);
      for (let i = 0; i < n; i++) for (const x of c.networks[i]!) if (nets.has(x)) out[i] = 1;
      return true;
    },
  });
  return {
    ...r,
    organisations: n,
    history: loo.length,
    protocol: `time-respecting leave-one-out on the stored public projects: projects with ≥ ${minPartners} registry partners, each partner hidden in turn, ranked among all ${n} organisations (minus the consortium) with profiles, graph and track records built from the projects placed strictly before; the query is the project's own text, which no profile contains`,
  };
}
