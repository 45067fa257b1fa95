import { describe, expect, it } from 'vitest';
import type { Rule, RuleSet } from '../api/calls.ts';
import { parseNumber } from '../i18n/format.ts';
import { brusselsDateTime } from './call-dates.ts';
import { ruleFieldOfPath, toEditRule, toRuleSet } from './rules-editor-state.ts';
import { emptySubmission, submissionFieldOfPath, toProjectBody } from './submission-form-state.ts';

const msg = { required: 'req', invalidNumber: 'num', invalidInteger: 'int', invalidRate: 'rate' };

describe('call dates', () => {
  it('shows a deadline in Brussels time whatever the time zone (summer and winter)', () => {
    expect(brusselsDateTime('fr', '2027-03-31T10:00:00.000Z')).toEqual({ date: '31/03/2027', time: '12:00' });
    expect(brusselsDateTime('de', '2027-01-27T10:00:00.000Z')).toEqual({ date: '27.01.2027', time: '11:00' });
  });
});

describe('the rules editor', () => {
  const rules: Rule[] = [
    { id: 'enterprises', kind: 'min_partners_of_kinds', params: { kinds: ['enterprise'], min: 2 } },
    {
      id: 'rates',
      kind: 'funding_rate_caps',
      params: { caps: [{ kinds: ['enterprise'], maxRate: 0.5 }], otherwise: 0.5 },
    },
    { id: 'duration', kind: 'duration_months', params: { min: 24, max: 48 } },
  ];
  const base: RuleSet = { id: 'x', label: { fr: 'x', en: 'x' }, rules };
  const edit = rules.map((r) => toEditRule(r, String));

  it('types rates in per cent and sends shares; a blank optional bound is dropped', () => {
    expect(edit[1]?.text).toEqual({ 'caps.0.maxRate': '50', otherwise: '50' });
    const changed = edit.map((e, i) =>
      i === 1
        ? { ...e, text: { ...e.text, 'caps.0.maxRate': '65' } }
        : i === 2
          ? { ...e, text: { min: '12', max: '' } }
          : e,
    );
    const { ruleSet, errors } = toRuleSet(base, changed, parseNumber, msg);
    expect(errors).toEqual({});
    expect(ruleSet.rules[1]).toMatchObject({ params: { caps: [{ maxRate: 0.65 }], otherwise: 0.5 } });
    expect(ruleSet.rules[2]?.params).toEqual({ min: 12 });
  });

  it('says which field is wrong before sending', () => {
    const bad = edit.map((e, i) => (i === 0 ? { ...e, text: { min: '1,5' } } : e));
    expect(toRuleSet(base, bad, parseNumber, msg).errors).toEqual({ 'rules-0-min': ['int'] });
  });

  it('maps the server paths to the fields, or to the nearest one', () => {
    const known = new Set([
      'rules-0-min',
      'rules-0-kinds',
      'rules-0-remove',
      'rules-1-caps-0-maxRate',
      'rules-1-remove',
    ]);
    expect(ruleFieldOfPath('rules.rules[0].params.min', known)).toBe('rules-0-min');
    expect(ruleFieldOfPath('rules.rules[1].params.caps[0].maxRate', known)).toBe('rules-1-caps-0-maxRate');
    expect(ruleFieldOfPath('rules.rules[0].params.kinds[2]', known)).toBe('rules-0-kinds');
    expect(ruleFieldOfPath('rules.rules[1].id', known)).toBe('rules-1-remove');
    expect(ruleFieldOfPath('grid.stages', known)).toBeNull();
  });
});

describe('the submission form', () => {
  it('maps the server paths to the controls', () => {
    expect(submissionFieldOfPath('acronym')).toBe('sub-acronym');
    expect(submissionFieldOfPath('partners[2].fundingRequestedEur')).toBe('partner-2-funding');
    expect(submissionFieldOfPath('partners.0.budgetEur')).toBe('partner-0-budget');
    expect(submissionFieldOfPath('partners')).toBe('partners');
    expect(submissionFieldOfPath('promised.jobs')).toBe('sub-promised-jobs');
    expect(submissionFieldOfPath('callId')).toBeNull();
  });

  it('asks for one coordinator and readable amounts', () => {
    const f = {
      ...emptySubmission(),
      acronym: 'A',
      title: 'T',
      networks: ['skywin'],
      partners: [
        {
          organisationId: 1,
          name: 'A',
          kind: 'enterprise',
          sizeClass: null,
          role: 'partner' as const,
          budget: '1.000',
          funding: '2.000',
        },
      ],
    };
    const { errors, body } = toProjectBody(f, parseNumber, {
      required: 'req',
      invalidNumber: 'num',
      invalidInteger: 'int',
      networkRequired: 'net',
      oneCoordinator: 'one',
      noPartner: 'none',
      fundingAboveBudget: 'above',
    });
    expect(errors).toEqual({ partners: ['one'], 'partner-0-funding': ['above'] });
    expect(body.partners[0]).toEqual({
      organisationId: 1,
      role: 'partner',
      budgetEur: 1000,
      fundingRequestedEur: 2000,
    });
  });
});
