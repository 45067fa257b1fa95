import { topK } from '../../analytics/matchmaking/score.ts';
import { cosineAll, rowVector, sharedTerms } from '../../analytics/matchmaking/tfidf.ts';
import type { Db } from '../../db/database.ts';
import { type RuleSet, WALLOON_RD_RULES } from '../../domain/eligibility/index.ts';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import { cacheEnabled } from '../cache.ts';
import type { Ctx } from '../context.ts';
import { dataVersion } from '../opendata/opendata.repository.ts';
import * as repo from './matchmaking.repository.ts';
import { buildModel, type Model, SOURCE_NAMES } from './profiles.ts';
import { networkReason, type Reason, sameKindReason, textReason } from './reasons.ts';
import { type Recommendation, recommend } from './recommend.ts';

/**
 * Partner matchmaking: competence profiles, partner recommendation for a project idea, and
 * "organisations like this one". Profiles and recommendations read only public project data and
 * are the same for every caller (see matchmaking.repository.ts), so the routes need no
 * permission beyond the API's.
 *
 * The in-memory model (profiles + collaboration graph) is cached per data version: one model per
 * database handle, rebuilt when the version moves (any write to the registry or the projects
 * bumps it), concurrent requests sharing one build.
 */

const models = new WeakMap<Db, { version: number; model: Promise<Model> }>();

export async function modelFor(db: Db): Promise<Model> {
  const version = await dataVersion(db);
  const hit = models.get(db);
  if (hit && hit.version === version && cacheEnabled()) return hit.model;
  const model = buildModel(db, version);
  models.set(db, { version, model });
  model.catch(() => models.delete(db));
  return model;
}

export interface PartnerRequest {
  text?: string;
  keywords?: string[];
  networks?: string[];
  kinds?: string[];
  consortium?: number[];
  callId?: number;
  noveltyWeight?: number;
  limit?: number;
}

export async function recommendPartners(ctx: Ctx, req: PartnerRequest) {
  const m = await modelFor(ctx.db);
  const c = m.corpus;
  const consortium: number[] = [];
  const unknown: { path: string; message: string }[] = [];
  (req.consortium ?? []).forEach((id, k) => {
    const i = c.index.get(id);
    if (i === undefined)
      unknown.push({ path: `consortium.${k}`, message: `no organisation has the id ${id}` });
    else if (!consortium.includes(i)) consortium.push(i);
  });
  let slugs = req.networks ?? [];
  let rules: RuleSet | null = null;
  if (req.callId != null) {
    const call = await repo.callRules(ctx.db, req.callId);
    if (!call) throw new NotFoundError(`Call ${req.callId}`);
    rules = call.rules as RuleSet;
    if (!req.networks) slugs = call.networks;
  } else if (consortium.length > 0) {
    // no call named: the default Walloon R&D rules say what a consortium must have
    rules = WALLOON_RD_RULES;
  }
  const networks: number[] = [];
  slugs.forEach((s, k) => {
    const i = c.networkSlugs.indexOf(s);
    if (i < 0) unknown.push({ path: `networks.${k}`, message: `no network has the slug "${s}"` });
    else networks.push(i);
  });
  if (unknown.length) throw new ValidationError('Unknown organisation or network in the request', unknown);
  // without networks named, the consortium's own networks make the "same network" signal
  if (!req.networks && req.callId == null)
    for (const i of consortium) for (const x of c.networks[i]!) if (!networks.includes(x)) networks.push(x);
  const text = [req.text ?? '', ...(req.keywords ?? [])].join(' ; ');
  const out = recommend(m, {
    text,
    consortium,
    networks,
    kinds: req.kinds ?? [],
    rules,
    noveltyWeight: req.noveltyWeight ?? 0.1,
    limit: req.limit ?? 10,
  });
  return { items: out.items satisfies Recommendation[], weights: out.weights, dataVersion: m.version };
}

function indexOf(m: Model, id: number): number {
  const i = m.corpus.index.get(id);
  if (i === undefined) throw new NotFoundError(`Organisation ${id}`);
  return i;
}

/** An organisation's competence profile: its heaviest terms, with the sources they come from. */
export async function organisationProfile(ctx: Ctx, id: number, limit = 20) {
  const m = await modelFor(ctx.db);
  const i = indexOf(m, id);
  const p = m.profiles;
  const entries: { term: string; weight: number; sources: string[] }[] = [];
  for (let e = p.offsets[i]!; e < p.offsets[i + 1]!; e++) {
    const bits = p.sources[e]!;
    entries.push({
      term: m.corpus.vocabulary.surfaces[p.terms[e]!]!,
      weight: Math.round(p.weights[e]! * 1e6) / 1e6,
      sources: SOURCE_NAMES.filter((_, b) => bits & (1 << b)),
    });
  }
  entries.sort((a, b) => b.weight - a.weight || a.term.localeCompare(b.term));
  return {
    organisationId: id,
    name: m.corpus.names[i]!,
    projects: m.collaboration.projects[i]!,
    terms: entries.slice(0, limit),
    dataVersion: m.version,
  };
}

/** Weights of "organisations like this one": profile cosine, same kind, a shared network. */
export const SIMILAR_WEIGHTS = { text: 0.8, kind: 0.1, network: 0.1 } as const;

export async function similarOrganisations(ctx: Ctx, id: number, limit = 10) {
  const m = await modelFor(ctx.db);
  const c = m.corpus;
  const i = indexOf(m, id);
  const n = c.ids.length;
  const q = rowVector(m.profiles, i);
  const cos = cosineAll(m.profiles, q, new Float32Array(n));
  const mine = new Set(c.networks[i]!);
  const kindOf = (j: number) => (c.kinds[j] === c.kinds[i] ? 1 : 0);
  const networkOf = (j: number) => {
    for (const x of c.networks[j]!) if (mine.has(x)) return 1;
    return 0;
  };
  const scores = new Float64Array(n).fill(-Infinity);
  for (let j = 0; j < n; j++) {
    if (j === i || cos[j]! <= 0) continue; // alike means a shared competence first
    scores[j] =
      SIMILAR_WEIGHTS.text * cos[j]! +
      SIMILAR_WEIGHTS.kind * kindOf(j) +
      SIMILAR_WEIGHTS.network * networkOf(j);
  }
  const scored = Array.from(topK(scores, limit), (j) => ({
    j,
    score: scores[j]!,
    text: cos[j]!,
    kind: kindOf(j),
    network: networkOf(j),
  }));
  const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
  return {
    organisationId: id,
    items: scored.map((s) => {
      const reasons: Reason[] = [];
      const shared = sharedTerms(m.profiles, q, s.j, 3, (t) => c.vocabulary.terms[t]!);
      reasons.push(
        textReason(
          shared.map((x) => c.vocabulary.surfaces[x.term]!),
          false,
          r6(SIMILAR_WEIGHTS.text * s.text),
        ),
      );
      if (s.kind) reasons.push(sameKindReason(c.kinds[s.j]!, SIMILAR_WEIGHTS.kind));
      if (s.network) {
        const names = [...c.networks[s.j]!].filter((x) => mine.has(x)).map((x) => c.networkNames[x]!);
        reasons.push(networkReason(names, SIMILAR_WEIGHTS.network));
      }
      return {
        organisationId: c.ids[s.j]!,
        name: c.names[s.j]!,
        kind: c.kinds[s.j]!,
        sizeClass: c.sizeClasses[s.j]!,
        networks: [...c.networks[s.j]!].map((x) => c.networkSlugs[x]!).sort(),
        score: r6(s.score),
        breakdown: { text: r6(s.text), kind: s.kind, network: s.network },
        reasons,
      };
    }),
    dataVersion: m.version,
  };
}
