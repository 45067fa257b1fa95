import { describe, expect, it } from 'vitest';
import { parseNumber } from '../i18n/format.ts';
import { emptyForm, fieldOfPath, serverErrors, toInput } from './organisation-form-state.ts';

const MSG = { nameRequired: 'name!', invalidNumber: 'number!', invalidInteger: 'integer!' };

describe('organisation form', () => {
  it('builds the API body: trimmed text, lists split on commas, Belgian amounts', () => {
    const f = {
      ...emptyForm('2026-01-01'),
      name: '  Aero SA ',
      headcount: '12',
      turnoverEur: '1.250.000',
      naceCodes: '25.620, 62.010,',
      keywords: 'aéro; espace',
      membershipNetwork: 'skywin',
    };
    const { input, errors } = toInput(f, parseNumber, MSG, true);
    expect(errors).toEqual({});
    expect(input).toMatchObject({
      name: 'Aero SA',
      headcount: 12,
      turnoverEur: 1_250_000,
      balanceSheetEur: null,
      naceCodes: ['25.620', '62.010'],
      keywords: ['aéro', 'espace'],
      enterpriseNumber: null,
      membership: { network: 'skywin', joinedOn: '2026-01-01' },
    });
  });

  it('catches what the browser can: missing name, numbers that are not', () => {
    const f = { ...emptyForm(''), headcount: '12,5', turnoverEur: 'beaucoup' };
    const { errors } = toInput(f, parseNumber, MSG, false);
    expect(errors).toEqual({ name: ['name!'], headcount: ['integer!'], turnoverEur: ['number!'] });
  });

  it('puts the server’s details next to their fields', () => {
    expect(fieldOfPath('naceCodes.1')).toBe('naceCodes');
    expect(fieldOfPath('membership.network')).toBe('membershipNetwork');
    expect(fieldOfPath('membership.joinedOn')).toBe('membershipJoinedOn');
    expect(fieldOfPath('somethingElse')).toBeNull();
    const s = serverErrors([
      { path: 'enterpriseNumber', message: 'fails the mod-97 check' },
      { path: '', message: 'general' },
    ]);
    expect(s.fields).toEqual({ enterpriseNumber: ['fails the mod-97 check'] });
    expect(s.other).toEqual(['general']);
  });
});
