import { type ErrorDetail, ValidationError } from '../../domain/errors.ts';
import type { Assignment, AssignmentProblem } from './types.ts';

/** Pair status in `blocked`: why a pair may not be assigned. */
export const FREE = 0;
export const CONFLICT = 1;
export const FORBIDDEN = 2;

/** Beyond this, the affinity range could overflow a double when quantised. */
const MAX_AFFINITY = 1e100;

/** A problem checked and normalised: per-project and per-reviewer arrays, one blocked mask. */
export interface Normalised {
  P: number;
  R: number;
  affinity: Float64Array;
  need: Int32Array;
  load: Int32Array;
  /** FREE, CONFLICT or FORBIDDEN per pair. */
  blocked: Uint8Array;
  fixed: ReadonlyArray<readonly [number, number]>;
  project: (p: number) => string;
  reviewer: (r: number) => string;
}

/**
 * Checks shapes and values; throws a `ValidationError` naming every bad field (a caller bug or a
 * bad upload, not an infeasible review).
 */
export function normalise(pb: AssignmentProblem): Normalised {
  const { projects: P, reviewers: R } = pb;
  const errors: ErrorDetail[] = [];
  if (!Number.isInteger(P) || P < 0) errors.push({ path: 'projects', message: 'must be a whole number ≥ 0' });
  if (!Number.isInteger(R) || R < 0)
    errors.push({ path: 'reviewers', message: 'must be a whole number ≥ 0' });
  if (errors.length > 0) throw new ValidationError('Invalid assignment problem', errors);
  const PR = P * R;
  if (pb.affinity.length !== PR)
    errors.push({
      path: 'affinity',
      message: `must hold projects × reviewers = ${PR} values, has ${pb.affinity.length}`,
    });
  else
    for (let i = 0; i < PR; i++)
      if (!(Math.abs(pb.affinity[i]!) <= MAX_AFFINITY)) {
        errors.push({
          path: 'affinity',
          message: `value for project ${Math.floor(i / R)}, reviewer ${i % R} is not a number within ±1e100`,
        });
        break;
      }
  if (pb.conflicts && pb.conflicts.length !== PR)
    errors.push({ path: 'conflicts', message: `must hold ${PR} values, has ${pb.conflicts.length}` });
  const need = perEntity(pb.perProject, P, 'perProject', errors);
  const load = perEntity(pb.load, R, 'load', errors);
  const checkPair = (list: ReadonlyArray<readonly [number, number]> | undefined, name: string) =>
    list?.forEach(([p, r], i) => {
      if (!Number.isInteger(p) || p < 0 || p >= P || !Number.isInteger(r) || r < 0 || r >= R)
        errors.push({
          path: `${name}[${i}]`,
          message: `pair [${p}, ${r}] is outside ${P} projects × ${R} reviewers`,
        });
    });
  checkPair(pb.fixed, 'fixed');
  checkPair(pb.forbidden, 'forbidden');
  if (errors.length > 0) throw new ValidationError('Invalid assignment problem', errors);

  const blocked = new Uint8Array(PR);
  if (pb.conflicts) for (let i = 0; i < PR; i++) if (pb.conflicts[i]) blocked[i] = CONFLICT;
  for (const [p, r] of pb.forbidden ?? []) if (blocked[p * R + r] === FREE) blocked[p * R + r] = FORBIDDEN;
  const pl = pb.projectLabels;
  const rl = pb.reviewerLabels;
  return {
    P,
    R,
    affinity: pb.affinity,
    need,
    load,
    blocked,
    fixed: pb.fixed ?? [],
    project: (p) => pl?.[p] ?? `project ${p}`,
    reviewer: (r) => rl?.[r] ?? `reviewer ${r}`,
  };
}

function perEntity(v: number | Int32Array, n: number, path: string, errors: ErrorDetail[]): Int32Array {
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 0) errors.push({ path, message: 'must be a whole number ≥ 0' });
    return new Int32Array(n).fill(v);
  }
  if (v.length !== n) errors.push({ path, message: `must hold ${n} values, has ${v.length}` });
  for (let i = 0; i < v.length; i++)
    if (v[i]! < 0) {
      errors.push({ path: `${path}[${i}]`, message: 'must be ≥ 0' });
      break;
    }
  return v;
}

/** Builds the per-project CSR view of a list of pairs. */
export function toAssignment(
  P: number,
  R: number,
  affinity: Float64Array,
  pairP: Int32Array,
  pairR: Int32Array,
  count: number,
): Assignment {
  const offsets = new Int32Array(P + 1);
  const reviewerLoad = new Int32Array(R);
  let totalAffinity = 0;
  for (let i = 0; i < count; i++) {
    offsets[pairP[i]! + 1]!++;
    reviewerLoad[pairR[i]!]!++;
    totalAffinity += affinity[pairP[i]! * R + pairR[i]!]!;
  }
  for (let p = 0; p < P; p++) offsets[p + 1]! += offsets[p]!;
  const fill = offsets.slice(0, P);
  const reviewers = new Int32Array(count);
  for (let i = 0; i < count; i++) reviewers[fill[pairP[i]!]!++] = pairR[i]!;
  for (let p = 0; p < P; p++) reviewers.subarray(offsets[p]!, offsets[p + 1]!).sort();
  return { offsets, reviewers, reviewerLoad, totalAffinity, assigned: count };
}

/** The assignment as [project, reviewer] pairs (for display, or for `evaluateAssignment`). */
export function assignmentPairs(a: Pick<Assignment, 'offsets' | 'reviewers'>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let p = 0; p + 1 < a.offsets.length; p++)
    for (let i = a.offsets[p]!; i < a.offsets[p + 1]!; i++) out.push([p, a.reviewers[i]!]);
  return out;
}

/** `A, B, C and 4 others` / `A, B, C et 4 autres`. */
export function listNames(items: readonly string[], lang: 'fr' | 'en', max = 8): string {
  const shown = items.slice(0, max);
  const rest = items.length - shown.length;
  const and = lang === 'fr' ? 'et' : 'and';
  if (rest > 0)
    return `${shown.join(', ')} ${and} ${rest} ${lang === 'fr' ? (rest > 1 ? 'autres' : 'autre') : rest > 1 ? 'others' : 'other'}`;
  if (shown.length <= 1) return shown[0] ?? '';
  return `${shown.slice(0, -1).join(', ')} ${and} ${shown[shown.length - 1]}`;
}
