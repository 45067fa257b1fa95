import { formatNumber } from '../../domain/eligibility/words.ts';
import { CONFLICT, FORBIDDEN, normalise } from './problem.ts';
import type { AssignmentEvaluation, AssignmentProblem, Violation } from './types.ts';

/**
 * Scores an assignment edited by hand and lists what it breaks, so the UI can say it: pairs
 * outside the problem, duplicates, conflicted or excluded pairs, projects with too few or too
 * many reviewers, reviewers over their load limit, fixed pairs removed. The total counts every
 * in-range pair once (duplicates once), including the invalid ones, so the figure matches what
 * is on screen.
 */
export function evaluateAssignment(
  problem: AssignmentProblem,
  pairs: ReadonlyArray<readonly [number, number]>,
): AssignmentEvaluation {
  const pb = normalise(problem);
  const { P, R, affinity, blocked, need, load } = pb;
  const fr = (what: 'p' | 'r', i: number) =>
    (what === 'p' ? pb.project(i) : pb.reviewer(i))
      .replace(/^project (\d+)$/, 'projet $1')
      .replace(/^reviewer (\d+)$/, 'expert $1');
  const en = (what: 'p' | 'r', i: number) => (what === 'p' ? pb.project(i) : pb.reviewer(i));
  const nf = (n: number) => formatNumber('fr', n);
  const violations: Violation[] = [];
  const seen = new Uint8Array(P * R);
  const projectCount = new Int32Array(P);
  const reviewerLoad = new Int32Array(R);
  let totalAffinity = 0;

  for (const [p, r] of pairs) {
    if (!Number.isInteger(p) || !Number.isInteger(r) || p < 0 || p >= P || r < 0 || r >= R) {
      violations.push({
        kind: 'out_of_range',
        message: {
          fr: `La paire [${p}, ${r}] sort du problème (${nf(P)} projets × ${nf(R)} experts).`,
          en: `Pair [${p}, ${r}] is outside the problem (${P} projects × ${R} reviewers).`,
        },
      });
      continue;
    }
    const i = p * R + r;
    if (seen[i]) {
      violations.push({
        kind: 'duplicate',
        project: p,
        reviewer: r,
        message: {
          fr: `${fr('r', r)} est affecté deux fois à ${fr('p', p)}.`,
          en: `${en('r', r)} is assigned twice to ${en('p', p)}.`,
        },
      });
      continue;
    }
    seen[i] = 1;
    projectCount[p]!++;
    reviewerLoad[r]!++;
    totalAffinity += affinity[i]!;
    if (blocked[i] === CONFLICT)
      violations.push({
        kind: 'conflict',
        project: p,
        reviewer: r,
        message: {
          fr: `${fr('r', r)} est en conflit d'intérêts avec ${fr('p', p)}.`,
          en: `${en('r', r)} has a conflict of interest with ${en('p', p)}.`,
        },
      });
    else if (blocked[i] === FORBIDDEN)
      violations.push({
        kind: 'forbidden',
        project: p,
        reviewer: r,
        message: {
          fr: `${fr('r', r)} est exclu de ${fr('p', p)}.`,
          en: `${en('r', r)} is excluded from ${en('p', p)}.`,
        },
      });
  }
  for (let p = 0; p < P; p++) {
    const got = projectCount[p]!;
    const k = need[p]!;
    if (got === k) continue;
    violations.push({
      kind: got < k ? 'project_short' : 'project_over',
      project: p,
      message: {
        fr: `${fr('p', p)} a ${nf(got)} ${got > 1 ? 'experts' : 'expert'} au lieu de ${nf(k)}.`,
        en: `${en('p', p)} has ${got} ${got === 1 ? 'reviewer' : 'reviewers'} instead of ${k}.`,
      },
    });
  }
  for (let r = 0; r < R; r++) {
    if (reviewerLoad[r]! <= load[r]!) continue;
    violations.push({
      kind: 'reviewer_over_load',
      reviewer: r,
      message: {
        fr: `${fr('r', r)} a ${nf(reviewerLoad[r]!)} projets pour une charge maximale de ${nf(load[r]!)}.`,
        en: `${en('r', r)} has ${reviewerLoad[r]} projects for a load limit of ${load[r]}.`,
      },
    });
  }
  for (const [p, r] of pb.fixed) {
    if (seen[p * R + r]) continue;
    violations.push({
      kind: 'fixed_missing',
      project: p,
      reviewer: r,
      message: {
        fr: `L'affectation manuelle ${fr('p', p)} — ${fr('r', r)} a été retirée.`,
        en: `The manual assignment ${en('p', p)} — ${en('r', r)} was removed.`,
      },
    });
    seen[p * R + r] = 1; // report a fixed pair listed twice once
  }
  return { valid: violations.length === 0, totalAffinity, projectCount, reviewerLoad, violations };
}
