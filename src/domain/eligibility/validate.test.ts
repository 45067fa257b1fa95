import { describe, expect, it } from 'vitest';
import { validateRuleSet } from './validate.ts';
import { WALLOON_RD_RULES } from './walloon.ts';

const base = { id: 'call-2024', label: { fr: 'Appel', en: 'Call' } };

function paths(input: unknown): string[] {
  return validateRuleSet(input).map((p) => p.path);
}

describe('validateRuleSet', () => {
  it('accepts the Walloon rule set and an empty rule list', () => {
    expect(validateRuleSet(WALLOON_RD_RULES)).toEqual([]);
    expect(validateRuleSet({ ...base, rules: [] })).toEqual([]);
  });

  it('rejects what is not a rule set at all', () => {
    expect(validateRuleSet(null)).toEqual([{ path: '', message: 'a rule set must be an object' }]);
    expect(validateRuleSet([])).toHaveLength(1);
    expect(paths({ ...base, rules: 'x' })).toEqual(['rules']);
    expect(paths({ rules: [] })).toEqual(['id', 'label']);
    expect(paths({ ...base, label: { fr: 'x' }, rules: [] })).toEqual(['label.en']);
  });

  it('reports each malformed rule with its path', () => {
    const problems = validateRuleSet({
      ...base,
      rules: [
        { id: 'a', kind: 'min_smes', params: { min: -1 } },
        { id: 'a', kind: 'min_unicorns', params: {} },
        { id: 'b', kind: 'total_budget', params: { min: 5, max: 2 } },
        {
          id: 'c',
          kind: 'funding_rate_caps',
          params: { caps: [{ kinds: ['firm'], sizeClasses: ['huge'], maxRate: 65 }] },
        },
        { id: 'd', kind: 'partners_in_region', params: { region: 'mars', scope: 'at_least' } },
        { id: 'e', kind: 'labelling_network_membership', params: { scope: 'sometimes' } },
        { id: 'f', kind: 'min_partners_of_kinds', params: { kinds: [], min: 1.5, roles: ['boss'] } },
        { id: 'g', kind: 'duration_months', params: {} },
        { id: '', kind: 'max_partners', params: null },
        'not a rule',
        { id: 'h', kind: 'coordinator_kind', params: { kinds: ['enterprise'] }, label: 'Coordinator' },
      ],
    });
    expect(problems).toEqual([
      { path: 'rules[0].params.min', message: 'must be a whole number ≥ 0' },
      { path: 'rules[1].id', message: 'duplicate rule id "a" (also rules[0])' },
      {
        path: 'rules[1].kind',
        message: expect.stringContaining('unknown rule kind; expected one of min_partners_of_kinds'),
      },
      { path: 'rules[2].params.max', message: 'must be ≥ min (5)' },
      {
        path: 'rules[3].params.caps[0].kinds[0]',
        message: expect.stringContaining('expected one of enterprise'),
      },
      {
        path: 'rules[3].params.caps[0].sizeClasses[0]',
        message: 'expected one of micro, small, medium, large or null',
      },
      { path: 'rules[3].params.caps[0].maxRate', message: 'must be a share between 0 and 1 (0.65 for 65 %)' },
      { path: 'rules[4].params.region', message: 'expected one of wallonia, brussels, flanders, abroad' },
      { path: 'rules[4].params.min', message: 'must be a whole number ≥ 0' },
      {
        path: 'rules[5].params.scope',
        message: 'expected one of all, at_least, max_outside, coordinator, not_required',
      },
      { path: 'rules[6].params.kinds', message: 'must be a non-empty list' },
      { path: 'rules[6].params.min', message: 'must be a whole number ≥ 0' },
      { path: 'rules[6].params.roles[0]', message: 'expected one of coordinator, partner, subcontractor' },
      { path: 'rules[7].params', message: 'give min, max or both' },
      { path: 'rules[8].id', message: 'must be a non-empty string' },
      { path: 'rules[8].params', message: 'must be an object' },
      { path: 'rules[9]', message: 'a rule must be an object' },
      { path: 'rules[10].label', message: 'must be an object { fr, en }' },
    ]);
  });

  it('does not accept not_required as a location scope', () => {
    expect(
      paths({
        ...base,
        rules: [
          { id: 'x', kind: 'partners_in_region', params: { region: 'wallonia', scope: 'not_required' } },
        ],
      }),
    ).toEqual(['rules[0].params.scope']);
  });
});
