import { describe, expect, it } from 'vitest';
import { type Actor, ANONYMOUS } from '../auth/actor.ts';
import { authorizeRun, canRun, publicResult } from './impact-runs.policy.ts';
import type { EffectRow, RunResult } from './impact-runs.types.ts';

const actor = (over: Partial<Actor>): Actor => ({ ...ANONYMOUS, userId: 7, email: 'x@test', ...over });
const ROLES: [string, Actor][] = [
  ['anonymous', ANONYMOUS],
  ['member', actor({ memberOf: [3] })],
  ['manager', actor({ managerOf: [2] })],
  ['admin', actor({ isAdmin: true })],
];

describe('who may launch runs and see small cells', () => {
  it.each(ROLES)('%s', (role, a) => {
    const staff = role === 'manager' || role === 'admin';
    expect(canRun(a, 'run:launch')).toBe(staff);
    expect(canRun(a, 'run:unsuppressed')).toBe(staff);
    if (staff) expect(() => authorizeRun(a, 'run:launch')).not.toThrow();
    else
      expect(() => authorizeRun(a, 'run:launch')).toThrow(
        role === 'anonymous' ? 'Authentication required' : /managers/,
      );
  });
});

describe('the public view of a result', () => {
  const row = (
    key: number,
    treated: number,
    comparison: number,
    extra: Partial<EffectRow> = {},
  ): EffectRow => ({
    key,
    att: 0.1,
    se: 0.01,
    lower: 0.08,
    upper: 0.12,
    bandLower: 0.07,
    bandUpper: 0.13,
    treated,
    comparison,
    ...extra,
  });
  const result: RunResult = {
    estimator: 'twfe',
    sample: { units: 10, periods: [1, 2], treatedUnits: 5, neverTreated: 5, treatedBefore: 0, cohorts: [] },
    overall: row(0, 5, 5),
    // 3 firms is enough, 2 is not, on either side; the reference period is 0 by construction
    dynamic: [row(-2, 2, 9), row(-1, 0, 9, { reference: true }), row(0, 3, 3), row(1, 3, 2)],
    naive: { treatedChange: 0.2, controlChange: 0.1, difference: row(0, 2, 5) },
    descriptive: {
      membersGrowth: 0.1,
      restGrowth: -0.1,
      headline: null,
      composition: 'balanced',
      suppressed: true,
    },
    warnings: [],
    elapsedMs: 1,
  };

  it('hides the estimates resting on fewer than 3 treated or comparison firms, and counts them', () => {
    const { result: pub, suppressed } = publicResult(result);
    expect(pub.dynamic!.map((r) => [r.key, r.att, r.suppressed ?? false])).toEqual([
      [-2, null, true],
      [-1, 0.1, false],
      [0, 0.1, false],
      [1, null, true],
    ]);
    expect(pub.overall).toEqual(result.overall);
    expect(pub.naive).toMatchObject({ treatedChange: null, controlChange: null, difference: { att: null } });
    expect(pub.descriptive).toMatchObject({ membersGrowth: null, restGrowth: null });
    expect(suppressed).toBe(4);
    // the stored result is left as it was
    expect(result.dynamic![0]!.att).toBe(0.1);
  });
});
