import { describe, expect, it } from 'vitest';
import { canTransition, isLabelledStatus, PROJECT_STATUSES, type ProjectStatus } from './project.ts';

/** The lifecycle of the issue, written out move by move (independent of TRANSITIONS). */
const LEGAL = new Set([
  'draft→submitted',
  'draft→abandoned',
  'submitted→eligible',
  'submitted→ineligible',
  'submitted→abandoned',
  'ineligible→submitted',
  'ineligible→abandoned',
  'eligible→stage1',
  'eligible→abandoned',
  'stage1→stage2',
  'stage1→rejected',
  'stage1→abandoned',
  'stage2→labelled',
  'stage2→rejected',
  'stage2→abandoned',
  'labelled→funded',
  'labelled→abandoned',
  'funded→running',
  'funded→abandoned',
  'running→closed',
  'running→abandoned',
]);

describe('project lifecycle', () => {
  it('allows exactly the legal moves, every other pair is refused', () => {
    let legal = 0;
    for (const from of PROJECT_STATUSES)
      for (const to of PROJECT_STATUSES) {
        const key = `${from}→${to}`;
        expect(canTransition(from, to), key).toBe(LEGAL.has(key));
        if (LEGAL.has(key)) legal++;
      }
    expect(legal).toBe(LEGAL.size);
  });

  it('has terminal states and no way back to draft', () => {
    for (const end of ['rejected', 'closed', 'abandoned'] as ProjectStatus[])
      expect(PROJECT_STATUSES.some((to) => canTransition(end, to))).toBe(false);
    expect(PROJECT_STATUSES.some((from) => canTransition(from, 'draft'))).toBe(false);
  });

  it('counts as labelled only what the Government labelled', () => {
    expect(PROJECT_STATUSES.filter(isLabelledStatus)).toEqual(['labelled', 'funded', 'running', 'closed']);
  });
});
