import { ValidationError } from '../../domain/errors.ts';
import { allocateCell, type CellInfluence, type InfluenceStore } from './attgt-influence.ts';
import type { PreparedPanel } from './attgt-preprocess.ts';
import { drdidPanel, regDidPanel, stdIpwDidPanel, type TwoPeriodPanel } from './drdid.ts';
import { fitLogitFused } from './drdid-logit.ts';
import { cholesky } from './linalg.ts';
import type { LogitFit } from './logit.ts';

/**
 * The loop over (g, t) cells of `did::compute.att_gt` (did 2.1.2) for balanced panels:
 *
 * - cells run by group, then by period: t = 2…T with a varying base period, t = 1…T with a
 *   universal one;
 * - base period: the period before t for pre-treatment cells with a varying base; otherwise
 *   g − δ − 1 (the last period p with p + δ < g). A universal base's own cell is 0 by definition;
 * - sample: the group's units plus the comparison units — never treated, or not yet treated:
 *   never treated or first treated after max(t, base) + δ, other than g;
 * - the 2×2 estimator runs on Δy = y_t − y_base with covariates read at the earlier of the two
 *   periods (`panel2cs2` keeps the first period's row; that is the base period except for a
 *   universal base's earlier pre-treatment cells);
 * - a cell is NA, as in `did`, when an unweighted logit of the group on the covariates predicts
 *   some unit at ≥ 0.999 (dr, ipw) or when the comparison units' X'X is singular (dr, reg);
 * - ψ is rescaled by n/n₁ (all units over the cell's units), as `did` does.
 */

export interface CellEstimate {
  group: number;
  time: number;
  basePeriod: number;
  post: boolean;
  /** NaN when the cell is NA. */
  att: number;
  treated: number;
  comparison: number;
  note?: string;
}

export interface CellOptions {
  control: 'never' | 'notyet';
  method: 'dr' | 'ipw' | 'reg';
  anticipation: number;
  basePeriod: 'varying' | 'universal';
  /** Allocate ψ on shared memory (for bootstrap workers). */
  shared?: boolean;
  /** Estimate only these cells (a worker's share); the others come back as null/undefined. */
  select?: (cellIndex: number) => boolean;
  onCell?: () => void;
}

/** What the cell loop reads of a prepared panel (all of it can sit on shared memory). */
export type CellPanel = Pick<
  PreparedPanel,
  'periods' | 'groups' | 'n' | 'classes' | 'weights' | 'hasWeights' | 'yByPeriod' | 'covByPeriod'
>;

/** Number of cells `estimateCells` produces. */
export function cellCount(prep: CellPanel, basePeriod: 'varying' | 'universal'): number {
  return prep.groups.length * (prep.periods.length - (basePeriod === 'varying' ? 1 : 0));
}

export function estimateCells(
  prep: CellPanel,
  options: CellOptions,
): { cells: CellEstimate[]; store: InfluenceStore } {
  const { periods, classes, n, yByPeriod, covByPeriod } = prep;
  const { anticipation, control, method } = options;
  const T = periods.length;
  const tfac = options.basePeriod === 'varying' ? 1 : 0;
  const covs = covByPeriod;
  const k = 1 + covs.length;
  const classOf = new Map(classes.map((c, h) => [c.cohort, h]));
  const groupClass = Int32Array.from(prep.groups, (g) => classOf.get(g)!);
  const neverClass = classOf.get(0);

  let maxSample = 0;
  for (const c of classes) maxSample += c.end - c.start;
  const X = new Float64Array(maxSample * k);
  const D = new Float64Array(maxSample);
  const dy = new Float64Array(maxSample);
  const w = new Float64Array(maxSample);

  const cells: CellEstimate[] = [];
  const store: InfluenceStore = { n, classes, cells: [], weights: prep.weights, groupClass };

  /** Do the covariates of the covered classes take the same values at periods p and q? */
  const sameCovariates = (covered: number[], p: number, q: number) => {
    if (p === q) return true;
    for (const col of covs)
      for (const h of covered)
        for (let u = classes[h]!.start; u < classes[h]!.end; u++)
          if (col[p * n + u] !== col[q * n + u]) return false;
    return true;
  };

  for (const [gi, g] of prep.groups.entries()) {
    const gClass = groupClass[gi]!;
    // Propensity fits of this group's cells, by sample (classes) and covariate period: a cell whose
    // sample and covariate values equal an earlier cell's has the very same logit (time-invariant
    // covariates), so the fit is reused — bit for bit what fitting again would give.
    const fits = new Map<string, { covPeriod: number; logits: CellLogits }[]>();
    let base = -1;
    for (let p = 0; p < T; p++) if (periods[p]! + anticipation < g) base = p;
    for (let ti = 0; ti < T - tfac; ti++) {
      const cur = ti + tfac;
      let pre = tfac === 1 ? ti : base;
      // not-yet-treated comparisons are judged at max(t, base) + δ (before `pre` moves to g − δ − 1)
      const horizon = periods[Math.max(ti, pre) + tfac]! + anticipation;
      const post = g <= periods[cur]!;
      if (post) pre = base;
      const covered: number[] = [];
      classes.forEach((c, h) => {
        const comparison =
          h === neverClass ||
          (control === 'notyet' && c.cohort > horizon && c.cohort !== g && c.cohort !== 0);
        if (h === gClass || comparison) covered.push(h);
      });
      let treated = 0;
      for (const h of covered) if (h === gClass) treated += classes[h]!.end - classes[h]!.start;
      let n1 = 0;
      for (const h of covered) n1 += classes[h]!.end - classes[h]!.start;
      const cell: CellEstimate = {
        group: g,
        time: periods[cur]!,
        basePeriod: periods[pre]!,
        post,
        att: Number.NaN,
        treated,
        comparison: n1 - treated,
      };
      cells.push(cell);
      if (options.select && !options.select(cells.length - 1)) {
        store.cells.push(null);
        continue;
      }
      if (tfac === 0 && pre === cur) {
        // universal base period: the reference cell is 0 by construction (ψ = 0)
        cell.att = 0;
        store.cells.push(allocateCell(classes, [], false));
        options.onCell?.();
        continue;
      }
      // gather the cell's two-period data, class by class (internal order)
      const covPeriod = Math.min(cur, pre);
      // period-major columns in internal order: each class is a contiguous run of every column
      const yCur = cur * n;
      const yPre = pre * n;
      const xAt = covPeriod * n;
      let r = 0;
      for (const h of covered) {
        const isTreated = h === gClass ? 1 : 0;
        for (let u = classes[h]!.start; u < classes[h]!.end; u++, r++) {
          dy[r] = yByPeriod[yCur + u]! - yByPeriod[yPre + u]!;
          D[r] = isTreated;
          w[r] = prep.weights[u]!;
          X[r * k] = 1;
          for (let j = 0; j < covs.length; j++) X[r * k + 1 + j] = covs[j]![xAt + u]!;
        }
      }
      const data: TwoPeriodPanel = {
        n: n1,
        k,
        X: X.subarray(0, n1 * k),
        D: D.subarray(0, n1),
        dy: dy.subarray(0, n1),
        ...(prep.hasWeights ? { weights: w.subarray(0, n1) } : {}),
      };
      const key = covered.join(',');
      const logits = (): CellLogits => {
        const known = fits.get(key) ?? [];
        const hit = known.find((f) => sameCovariates(covered, f.covPeriod, covPeriod));
        if (hit) return hit.logits;
        const preliminary = fitLogitFused(data.X, n1, k, data.D);
        const fitted = {
          preliminary,
          weighted: data.weights ? fitLogitFused(data.X, n1, k, data.D, data.weights) : preliminary,
        };
        fits.set(key, [...known, { covPeriod, logits: fitted }]);
        return fitted;
      };
      const influence = allocateCell(classes, covered, options.shared ?? false);
      const { att, note } = estimateCell(data, method, influence, logits);
      if (Number.isFinite(att)) {
        cell.att = att;
        const scale = n / n1;
        const v = influence.values;
        for (let i = 0; i < v.length; i++) v[i]! *= scale;
        store.cells.push(influence);
      } else {
        cell.note = note ?? 'the estimate is not finite';
        store.cells.push(null);
      }
      options.onCell?.();
    }
  }
  return { cells, store };
}

/** The unweighted logit of `did`'s overlap check and the (weighted) one of the estimator. */
interface CellLogits {
  preliminary: LogitFit;
  weighted: LogitFit;
}

/** One cell: `did`'s feasibility checks, then the DRDID estimator; ψ goes to `influence.values`. */
function estimateCell(
  data: TwoPeriodPanel,
  method: 'dr' | 'ipw' | 'reg',
  influence: CellInfluence,
  logits: () => CellLogits,
): { att: number; note?: string } {
  const { n, k, X, D } = data;
  try {
    let pscore: LogitFit | undefined;
    if (method !== 'reg') {
      // did: glm(G ~ -1 + covariates, binomial) without weights; max fitted ≥ 0.999 → NA
      const fits = logits();
      let max = 0;
      for (let i = 0; i < n; i++) max = Math.max(max, fits.preliminary.fitted[i]!);
      if (max >= 0.999)
        return { att: Number.NaN, note: 'overlap condition violated (a propensity score ≥ 0.999)' };
      pscore = fits.weighted;
    }
    if (method !== 'ipw' && data.weights) {
      // did: rcond(X_c'X_c) < ε → NA; here a Cholesky pivot test (linalg.ts). Without weights
      // the estimator's own regression factors this very matrix and fails the same way.
      const A = new Float64Array(k * k);
      for (let i = 0; i < n; i++) {
        if (D[i] !== 0) continue;
        for (let a = 0; a < k; a++)
          for (let c = 0; c < k; c++) A[a * k + c]! += X[i * k + a]! * X[i * k + c]!;
      }
      cholesky(A, k);
    }
    const out = influence.values;
    const est =
      method === 'dr'
        ? drdidPanel(data, { ...(pscore ? { pscore } : {}), out })
        : method === 'ipw'
          ? stdIpwDidPanel(data, { ...(pscore ? { pscore } : {}), out })
          : regDidPanel(data, { out });
    return { att: est.att };
  } catch (e) {
    if (e instanceof ValidationError)
      return { att: Number.NaN, note: `not enough comparison units to run the regression (${e.message})` };
    throw e;
  }
}
