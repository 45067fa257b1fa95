import { ForbiddenError, UnauthenticatedError } from '../../domain/errors.ts';
import type { Actor } from '../auth/actor.ts';
import { CONFIDENTIALITY, canImpact } from './impact.policy.ts';
import type { BalanceRow, EffectRow, RunResult } from './impact-runs.types.ts';

/**
 * Who may do what with impact runs (tested in test/integration/impact-runs.test.ts).
 *
 * - anyone: list runs and read their aggregated results and exports — an estimate resting on
 *   fewer than `CONFIDENTIALITY.minFirms` treated or comparison firms is suppressed (its numbers
 *   null), as the descriptive series are (impact.policy.ts). The dominance rule does not apply
 *   to an estimate: an ATT is a difference of averaged changes, not a total one firm can dominate;
 * - network managers and admins: launch runs (Polaris has no evaluator role; an evaluator works
 *   with a manager's or an admin's account), read results unsuppressed and who launched a run.
 */

export type RunAction = 'run:launch' | 'run:unsuppressed';

export function canRun(actor: Actor, action: RunAction): boolean {
  switch (action) {
    case 'run:launch':
      return actor.isAdmin || actor.managerOf.length > 0;
    case 'run:unsuppressed':
      return canImpact(actor, 'series:unsuppressed');
  }
}

/** Throw 401 for anonymous, 403 for a logged-in actor without the right. */
export function authorizeRun(actor: Actor, action: RunAction): void {
  if (canRun(actor, action)) return;
  if (actor.userId == null && !actor.isAdmin) throw new UnauthenticatedError();
  throw new ForbiddenError('Only network managers and administrators may launch impact runs');
}

const min = CONFIDENTIALITY.minFirms;

function hideRow<T extends EffectRow>(r: T, counter: { n: number }): T {
  if (r.reference || (r.treated >= min && r.comparison >= min)) return r;
  counter.n++;
  return {
    ...r,
    att: null,
    se: null,
    lower: null,
    upper: null,
    bandLower: null,
    bandUpper: null,
    suppressed: true,
  };
}

function hideBalance(
  rows: BalanceRow[],
  matched: RunResult['matched'],
  counter: { n: number },
): BalanceRow[] {
  if (!matched || (matched.treated >= min && matched.controls >= min)) return rows;
  counter.n += rows.length;
  return rows.map((b) => ({
    variable: b.variable,
    meanTreated: null,
    meanControlBefore: null,
    meanControlAfter: null,
    smdBefore: null,
    smdAfter: null,
    suppressed: true,
  }));
}

/**
 * A result as a reader without `run:unsuppressed` may see it, and how many numbers were hidden.
 * Cohort sizes stay (a count of firms discloses no firm's figures).
 */
export function publicResult(r: RunResult): { result: RunResult; suppressed: number } {
  const c = { n: 0 };
  const rows = (list: EffectRow[] | undefined) => list?.map((x) => hideRow(x, c));
  const overall = r.overall ? hideRow(r.overall, c) : null;
  const naiveDiff = r.naive ? hideRow(r.naive.difference, c) : null;
  const out: RunResult = {
    ...r,
    overall,
    cells: r.cells?.map((x) => hideRow(x, c)),
    group: rows(r.group),
    dynamic: rows(r.dynamic),
    calendar: rows(r.calendar),
    naive:
      r.naive && naiveDiff?.suppressed
        ? { treatedChange: null, controlChange: null, difference: naiveDiff }
        : r.naive,
    regression: overall?.suppressed ? undefined : r.regression,
    balance: r.balance ? hideBalance(r.balance, r.matched, c) : undefined,
  };
  if (r.descriptive?.suppressed) {
    c.n++;
    out.descriptive = { ...r.descriptive, membersGrowth: null, restGrowth: null, headline: null };
  }
  return { result: out, suppressed: c.n };
}
