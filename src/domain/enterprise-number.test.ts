import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  enterpriseCheckDigits,
  formatEnterpriseNumber,
  makeEnterpriseNumber,
  parseEnterpriseNumber,
} from './enterprise-number.ts';

/** 0123.456.749: 97 − (01234567 mod 97) = 97 − 48 = 49. */
const VALID = '0123456749';

/** Eight leading digits whose number starts with 0 or 1, as makeEnterpriseNumber takes them. */
const firstEight = fc.integer({ min: 0, max: 19_999_999 });

describe('parseEnterpriseNumber', () => {
  it.each([
    ['0123.456.749', 'dotted official form'],
    ['0123456749', 'ten bare digits'],
    ['BE0123456749', 'VAT form'],
    ['be 0123.456.749', 'VAT form, lower case, spaced and dotted'],
    ['0123 456 749', 'spaces'],
    ['  0123-456-749 ', 'dashes and surrounding blanks'],
    ['123456749', 'old nine-digit VAT form (leading 0 dropped)'],
    ['123.456.749', 'old nine-digit form, dotted'],
  ])('accepts %s (%s) as the canonical ten digits', (input) => {
    expect(parseEnterpriseNumber(input)).toEqual({ ok: true, value: VALID });
  });

  it('computes the check digits as 97 − (first eight digits mod 97)', () => {
    expect(enterpriseCheckDigits('01234567')).toBe('49');
    // 97 mod 97 = 0 → the check is 97, not 00
    expect(enterpriseCheckDigits('00000097')).toBe('97');
    expect(parseEnterpriseNumber('0000009797')).toEqual({ ok: true, value: '0000009797' });
    // 96 mod 97 = 96 → 01, padded to two digits
    expect(enterpriseCheckDigits('00000096')).toBe('01');
  });

  it('says which check digits were expected when the mod-97 check fails', () => {
    const r = parseEnterpriseNumber('0123.456.748');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe('"0123.456.748" fails the mod-97 check: the last two digits should be 49, not 48');
  });

  it('refuses a number that does not start with 0 or 1', () => {
    const head = '21234567';
    const r = parseEnterpriseNumber(head + enterpriseCheckDigits(head));
    expect(r).toEqual({
      ok: false,
      reason: `"${head}${enterpriseCheckDigits(head)}" must start with 0 or 1`,
    });
  });

  it.each([
    ['', 'empty enterprise number'],
    ['   ', 'empty enterprise number'],
    ['01234567490', '"01234567490" has 11 digits; an enterprise number has 10 (0123.456.749)'],
    ['12345', '"12345" has 5 digits'],
    ['0123.456.7AB', 'contains characters other than digits'],
    ['FR0123456749', 'contains characters other than digits'],
  ])('refuses %j', (input, reason) => {
    const r = parseEnterpriseNumber(input);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.reason).toContain(reason);
  });

  it('reads a nine-digit number as the old form, so its check is that of the padded number', () => {
    // 012345674 → 0012345674: 97 − (00123456 mod 97) = 25, not 74
    expect(parseEnterpriseNumber('0123.456.74')).toEqual({
      ok: false,
      reason: '"0123.456.74" fails the mod-97 check: the last two digits should be 25, not 74',
    });
  });
});

describe('formatEnterpriseNumber', () => {
  it('writes the official dotted form', () => {
    expect(formatEnterpriseNumber(VALID)).toBe('0123.456.749');
  });
});

describe('enterprise numbers (properties)', () => {
  it('every makeEnterpriseNumber output parses back to itself, in all three spellings', () => {
    fc.assert(
      fc.property(firstEight, (n) => {
        const en = makeEnterpriseNumber(n);
        expect(en).toMatch(/^[01]\d{9}$/);
        expect(parseEnterpriseNumber(en)).toEqual({ ok: true, value: en });
        expect(parseEnterpriseNumber(formatEnterpriseNumber(en))).toEqual({ ok: true, value: en });
        expect(parseEnterpriseNumber(`BE${en}`)).toEqual({ ok: true, value: en });
      }),
    );
  });

  it('any single-digit change in the last two digits fails the check', () => {
    fc.assert(
      fc.property(firstEight, fc.constantFrom(8, 9), fc.integer({ min: 1, max: 9 }), (n, pos, delta) => {
        const en = makeEnterpriseNumber(n);
        const changed = String((Number(en[pos]) + delta) % 10);
        const wrong = en.slice(0, pos) + changed + en.slice(pos + 1);
        const r = parseEnterpriseNumber(wrong);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.reason).toMatch(/fails the mod-97 check/);
      }),
    );
  });

  it('any single-digit change in the first eight digits fails too (97 is prime)', () => {
    fc.assert(
      fc.property(
        firstEight,
        fc.integer({ min: 0, max: 7 }),
        fc.integer({ min: 1, max: 9 }),
        (n, pos, delta) => {
          const en = makeEnterpriseNumber(n);
          const wrong = en.slice(0, pos) + String((Number(en[pos]) + delta) % 10) + en.slice(pos + 1);
          expect(parseEnterpriseNumber(wrong).ok).toBe(false);
        },
      ),
    );
  });
});
