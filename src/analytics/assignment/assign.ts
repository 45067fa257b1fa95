import { formatNumber } from '../../domain/eligibility/words.ts';
import { flowNetwork, flowOn, minCostFlow, residualReachable } from './min-cost-flow.ts';
import { CONFLICT, FORBIDDEN, FREE, listNames, type Normalised, normalise, toAssignment } from './problem.ts';
import type { AssignmentIssue, AssignmentProblem, AssignmentResult } from './types.ts';

/** Integer cost levels across the affinity range when affinities are not integers (2^30 ≈ 1e-9 relative). */
const LEVELS = 2 ** 30;
/** Integer affinities spanning at most this range are used as they are (exact). */
const EXACT_RANGE = 2 ** 31;

/**
 * The assignment of reviewers to projects that maximises total affinity, subject to: each
 * project gets exactly its number of distinct reviewers, no conflicted or excluded pair, each
 * reviewer within their load limit, manual (fixed) pairs kept.
 *
 * Min-cost flow: source → project (capacity = reviewers still needed) → reviewer (capacity 1
 * per eligible pair, cost = best affinity − affinity) → sink (capacity = load left). Since every
 * unit of flow is one pair, minimising cost at maximum flow maximises affinity. Solved exactly by
 * successive shortest paths (./min-cost-flow.ts) on integer costs: integer affinities are used as
 * they are; others are rounded to 2^-30 of their range (the total is then optimal within
 * assigned × step, see `quantisation`).
 *
 * When the constraints cannot all be met the result has `feasible: false`, the best partial
 * assignment (most pairs, then most affinity) and `issues` explaining why: total capacity below
 * demand, projects with too few eligible reviewers, and — from the minimum cut — a set of
 * projects whose demand exceeds what the reviewers eligible for them can give (Hall's condition).
 */
export function assignReviewers(problem: AssignmentProblem): AssignmentResult {
  const t0 = performance.now();
  const pb = normalise(problem);
  const { P, R, affinity, need, load, blocked } = pb;
  const issues: AssignmentIssue[] = [];

  // manual pairs first: they take their places before the optimisation
  const needLeft = Int32Array.from(need);
  const loadLeft = Int32Array.from(load);
  const isFixed = new Uint8Array(P * R);
  const pairP = new Int32Array(sum(need));
  const pairR = new Int32Array(pairP.length);
  let count = 0;
  for (const [p, r] of pb.fixed) {
    const i = p * R + r;
    if (isFixed[i]) continue;
    const issue = fixedIssue(pb, p, r, needLeft, loadLeft);
    if (issue) {
      issues.push(issue);
      continue;
    }
    isFixed[i] = 1;
    needLeft[p]!--;
    loadLeft[r]!--;
    pairP[count] = p;
    pairR[count] = r;
    count++;
  }

  const q = quantiser(pb, isFixed);
  const S = 0;
  const T = P + R + 1;
  const net = flowNetwork(T + 1, P + R + P * R);
  for (let p = 0; p < P; p++) if (needLeft[p]! > 0) net.addEdge(S, 1 + p, needLeft[p]!, 0);
  const edgePair: number[] = [];
  const ids: number[] = [];
  for (let p = 0; p < P; p++) {
    if (needLeft[p]! <= 0) continue;
    for (let r = 0; r < R; r++) {
      const i = p * R + r;
      if (blocked[i] !== FREE || isFixed[i] || loadLeft[r]! <= 0) continue;
      ids.push(net.addEdge(1 + p, 1 + P + r, 1, q.cost(affinity[i]!)));
      edgePair.push(i);
    }
  }
  for (let r = 0; r < R; r++) if (loadLeft[r]! > 0) net.addEdge(1 + P + r, T, loadLeft[r]!, 0);
  const g = net.build();
  const solved = minCostFlow(g, S, T);
  for (let k = 0; k < ids.length; k++) {
    if (flowOn(g, ids[k]!) !== 1) continue;
    const i = edgePair[k]!;
    pairP[count] = Math.floor(i / R);
    pairR[count] = i % R;
    count++;
  }

  const assignment = toAssignment(P, R, affinity, pairP, pairR, count);
  const demand = sum(need);
  const capacity = sum(load);
  diagnose(pb, demand, capacity, needLeft, loadLeft, isFixed, assignment.offsets, issues, () => {
    const reach = residualReachable(g, S);
    return (node: number) => reach[node] === 1;
  });
  return {
    ...assignment,
    feasible: issues.length === 0,
    demand,
    capacity,
    issues,
    quantisation: { exact: q.exact, step: q.step },
    stats: { augmentations: solved.augmentations, milliseconds: performance.now() - t0 },
  };
}

function sum(a: Int32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}

function pairLabel(pb: Normalised, p: number, r: number, lang: 'fr' | 'en'): string {
  return `${label(pb, 'p', p, lang)} — ${label(pb, 'r', r, lang)}`;
}

function label(pb: Normalised, what: 'p' | 'r', i: number, lang: 'fr' | 'en'): string {
  const name = what === 'p' ? pb.project(i) : pb.reviewer(i);
  if (lang === 'en') return name;
  return name.replace(/^project (\d+)$/, 'projet $1').replace(/^reviewer (\d+)$/, 'expert $1');
}

function fixedIssue(
  pb: Normalised,
  p: number,
  r: number,
  needLeft: Int32Array,
  loadLeft: Int32Array,
): AssignmentIssue | null {
  const fr = `Affectation manuelle écartée (${pairLabel(pb, p, r, 'fr')})`;
  const en = `Manual assignment dropped (${pairLabel(pb, p, r, 'en')})`;
  const b = pb.blocked[p * pb.R + r];
  if (b === CONFLICT || b === FORBIDDEN)
    return {
      kind: 'fixed_not_allowed',
      project: p,
      reviewer: r,
      message:
        b === CONFLICT
          ? { fr: `${fr} : conflit d'intérêts.`, en: `${en}: conflict of interest.` }
          : { fr: `${fr} : paire exclue.`, en: `${en}: the pair is excluded.` },
    };
  if (needLeft[p]! <= 0)
    return {
      kind: 'fixed_over_project',
      project: p,
      reviewer: r,
      message: {
        fr: `${fr} : le projet a déjà ses ${pb.need[p]} experts par affectation manuelle.`,
        en: `${en}: the project already has its ${pb.need[p]} reviewers from manual assignments.`,
      },
    };
  if (loadLeft[r]! <= 0)
    return {
      kind: 'fixed_over_load',
      project: p,
      reviewer: r,
      message: {
        fr: `${fr} : l'expert atteint déjà sa charge maximale (${pb.load[r]}) par affectations manuelles.`,
        en: `${en}: the reviewer already reaches their load limit (${pb.load[r]}) with manual assignments.`,
      },
    };
  return null;
}

/** Integer costs from affinities: exact for integers, else 2^30 levels over the range. */
function quantiser(pb: Normalised, isFixed: Uint8Array) {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let integers = true;
  for (let i = 0; i < pb.affinity.length; i++) {
    if (pb.blocked[i] !== FREE || isFixed[i]) continue;
    const a = pb.affinity[i]!;
    if (a < lo) lo = a;
    if (a > hi) hi = a;
    if (integers && !Number.isInteger(a)) integers = false;
  }
  if (!(hi > lo)) return { exact: true, step: 1, cost: (_a: number) => 0 };
  if (integers && hi - lo <= EXACT_RANGE) return { exact: true, step: 1, cost: (a: number) => hi - a };
  // a range too small to split in LEVELS (denormals) falls back to the smallest double
  const step = Math.max((hi - lo) / LEVELS, Number.MIN_VALUE);
  return { exact: false, step, cost: (a: number) => Math.round((hi - a) / step) };
}

/** Appends the reasons an assignment is incomplete (nothing when it is complete). */
function diagnose(
  pb: Normalised,
  demand: number,
  capacity: number,
  needLeft: Int32Array,
  loadLeft: Int32Array,
  isFixed: Uint8Array,
  offsets: Int32Array,
  issues: AssignmentIssue[],
  minCut: () => (node: number) => boolean,
): void {
  const { P, R, need, load, blocked } = pb;
  const nf = (n: number) => formatNumber('fr', n);
  const ne = (n: number) => formatNumber('en', n);
  let unfilledTotal = 0;
  for (let p = 0; p < P; p++) unfilledTotal += need[p]! - (offsets[p + 1]! - offsets[p]!);
  if (unfilledTotal === 0) return;

  if (capacity < demand)
    issues.push({
      kind: 'capacity',
      demand,
      capacity,
      message: {
        fr: `Les experts peuvent assurer ${nf(capacity)} évaluations au total (somme des charges maximales), mais les projets en demandent ${nf(demand)} : au moins ${nf(demand - capacity)} places ne peuvent pas être pourvues.`,
        en: `The reviewers can take ${ne(capacity)} reviews in total (sum of load limits), but the projects need ${ne(demand)}: at least ${ne(demand - capacity)} places cannot be filled.`,
      },
    });

  const shortOf = new Int32Array(P);
  for (let p = 0; p < P; p++) {
    let eligible = 0;
    let conflicted = 0;
    let excluded = 0;
    for (let r = 0; r < R; r++) {
      const b = blocked[p * R + r];
      if (b === CONFLICT) conflicted++;
      else if (b === FORBIDDEN) excluded++;
      else if (load[r]! > 0) eligible++;
    }
    if (eligible >= need[p]!) continue;
    shortOf[p] = need[p]! - eligible;
    const why: string[] = [];
    const whyEn: string[] = [];
    if (conflicted > 0) {
      why.push(`${nf(conflicted)} en conflit d'intérêts`);
      whyEn.push(`${ne(conflicted)} conflicted`);
    }
    if (excluded > 0) {
      why.push(`${nf(excluded)} exclus`);
      whyEn.push(`${ne(excluded)} excluded`);
    }
    const noLoad = R - eligible - conflicted - excluded;
    if (noLoad > 0) {
      why.push(`${nf(noLoad)} sans charge disponible`);
      whyEn.push(`${ne(noLoad)} with a zero load limit`);
    }
    const pf = label(pb, 'p', p, 'fr');
    const pe = label(pb, 'p', p, 'en');
    issues.push({
      kind: 'project_short',
      project: p,
      eligible,
      needed: need[p]!,
      message: {
        fr: `${pf} n'a que ${nf(eligible)} ${eligible > 1 ? 'experts éligibles' : 'expert éligible'} pour ${nf(need[p]!)} places (sur ${nf(R)} : ${why.join(', ')}).`,
        en: `${pe} has only ${ne(eligible)} eligible ${eligible === 1 ? 'reviewer' : 'reviewers'} for ${ne(need[p]!)} places (of ${ne(R)}: ${whyEn.join(', ')}).`,
      },
    });
  }

  // Hall witness from the minimum cut: X = projects on the source side
  const reach = minCut();
  const X: number[] = [];
  let needed = 0;
  let shortSum = 0;
  for (let p = 0; p < P; p++)
    if (reach(1 + p)) {
      X.push(p);
      needed += needLeft[p]!;
      shortSum += shortOf[p]!;
    }
  if (X.length > 0 && shortSum < unfilledTotal && !(X.length === P && capacity < demand)) {
    let available = 0;
    for (let r = 0; r < R; r++) {
      if (loadLeft[r]! <= 0) continue;
      let deg = 0;
      for (const p of X) if (blocked[p * R + r] === FREE && !isFixed[p * R + r]) deg++;
      available += Math.min(loadLeft[r]!, deg);
    }
    const namesFr = X.map((p) => label(pb, 'p', p, 'fr'));
    const namesEn = X.map((p) => label(pb, 'p', p, 'en'));
    const many = X.length > 1;
    issues.push({
      kind: 'bottleneck',
      projects: X,
      needed,
      available,
      message: {
        fr: `${many ? 'Les projets' : 'Le projet'} ${listNames(namesFr, 'fr')} ${many ? 'demandent' : 'demande'} ${nf(needed)} experts au total (hors affectations manuelles), mais les experts éligibles pour ${many ? 'eux' : 'lui'} peuvent en fournir au plus ${nf(available)} (une fois par projet, dans la limite de leur charge) : ${nf(needed - available)} ${needed - available > 1 ? 'places ne peuvent' : 'place ne peut'} pas être pourvue${needed - available > 1 ? 's' : ''}.`,
        en: `${many ? 'Projects' : 'Project'} ${listNames(namesEn, 'en')} need${many ? '' : 's'} ${ne(needed)} reviewers in total (besides manual assignments), but the reviewers eligible for ${many ? 'them' : 'it'} can give at most ${ne(available)} (once per project, within their load limits): ${ne(needed - available)} ${needed - available === 1 ? 'place' : 'places'} cannot be filled.`,
      },
    });
  }

  for (let p = 0; p < P; p++) {
    const got = offsets[p + 1]! - offsets[p]!;
    if (got >= need[p]!) continue;
    issues.push({
      kind: 'unfilled',
      project: p,
      assigned: got,
      needed: need[p]!,
      message: {
        fr: `${label(pb, 'p', p, 'fr')} reçoit ${nf(got)} de ses ${nf(need[p]!)} experts.`,
        en: `${label(pb, 'p', p, 'en')} gets ${ne(got)} of its ${ne(need[p]!)} reviewers.`,
      },
    });
  }
}
