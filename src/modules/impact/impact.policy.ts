import { ForbiddenError, UnauthenticatedError } from '../../domain/errors.ts';
import type { Actor } from '../auth/actor.ts';

/**
 * Who may do what with the firm-year panel (tested as a matrix in impact-panel.test.ts).
 *
 * - anyone: the panel summary and aggregated series — cells that aggregate fewer than
 *   `CONFIDENTIALITY.minFirms` firms, or where one firm makes more than `dominance` of the
 *   total, are suppressed (statistical confidentiality, see below);
 * - network managers and admins: import the panel, read firm-level rows, read series unsuppressed
 *   (for steering work; they are bound by the data providers' terms);
 * - firm-level rows are never public.
 */

export type ImpactAction = 'panel:import' | 'panel:rows' | 'series:read' | 'series:unsuppressed';

export function canImpact(actor: Actor, action: ImpactAction): boolean {
  if (actor.isAdmin) return true;
  switch (action) {
    case 'series:read':
      return true;
    case 'panel:import':
    case 'panel:rows':
    case 'series:unsuppressed':
      return actor.managerOf.length > 0;
  }
}

/** Throw 401 for anonymous, 403 for a logged-in actor without the right. */
export function authorizeImpact(actor: Actor, action: ImpactAction): void {
  if (canImpact(actor, action)) return;
  if (actor.userId == null) throw new UnauthenticatedError();
  throw new ForbiddenError(`You are not allowed to ${action.replace(':', ' ')}`);
}

/**
 * Statistical confidentiality of published aggregates. Belgian official statistics (Statbel,
 * law of 4 July 1962 and Regulation (EC) 223/2009) suppress a cell that rests on too few units or
 * that one unit dominates; Eurostat's usual rules are a threshold of 3 units and a (1, 85 %)
 * dominance rule. Polaris applies both to every published cell (a year's total of a group, and
 * the growth built from two such totals).
 */
export const CONFIDENTIALITY = { minFirms: 3, dominance: 0.85 } as const;
