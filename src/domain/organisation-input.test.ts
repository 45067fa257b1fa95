import { describe, expect, it } from 'vitest';
import { type ReferenceLookup, searchTextOf, validateOrganisation } from './organisation-input.ts';

const NO_REF: ReferenceLookup = { naceCodes: null, municipalities: null };
const REF: ReferenceLookup = {
  naceCodes: new Set(['62', '62010', '72190', '2562']),
  municipalities: new Map([['62063', { provinceNis: '60000' }]]),
};

describe('validateOrganisation', () => {
  it('normalises a valid enterprise into the stored record', () => {
    const v = validateOrganisation(
      {
        name: '  Liège Software SA ',
        kind: 'enterprise',
        enterpriseNumber: 'BE 0123.456.749',
        headcount: 30,
        turnoverEur: 12_000_000,
        balanceSheetEur: 9_000_000,
        naceCodes: ['62.010', '62010', '25.62'],
        municipalityNis: '62063',
        website: 'www.liege-software.be',
        keywords: [' aéro ', '', 'aéro', 'spatial'],
      },
      REF,
    );
    expect(v).toEqual({
      ok: true,
      value: expect.objectContaining({
        name: 'Liège Software SA',
        nameKey: 'liege software',
        searchText: 'liege software sa',
        enterpriseNumber: '0123456749',
        sizeClass: 'small',
        naceCodes: ['62010', '2562'],
        naceSections: ['J', 'C'],
        municipalityNis: '62063',
        provinceNis: '60000',
        website: 'https://www.liege-software.be',
        keywords: ['aéro', 'spatial'],
      }),
    });
  });

  it('gives a size class to enterprises only', () => {
    const v = validateOrganisation({ name: 'ULiège', kind: 'university', headcount: 5000 }, NO_REF);
    expect(v.ok && v.value.sizeClass).toBeNull();
  });

  it('names every wrong field, with its value', () => {
    const v = validateOrganisation(
      {
        name: ' ',
        kind: 'company',
        enterpriseNumber: '0123.456.748',
        headcount: 2.5,
        turnoverEur: -1,
        naceCodes: ['99.999', 'x'],
        municipalityNis: '99999',
        postcode: '40000',
      },
      REF,
    );
    expect(v.ok).toBe(false);
    const errors = v.ok ? [] : v.errors;
    expect(errors.map((e) => e.path)).toEqual([
      'name',
      'kind',
      'enterpriseNumber',
      'headcount',
      'turnoverEur',
      'naceCodes',
      'naceCodes',
      'municipalityNis',
      'postcode',
    ]);
    expect(errors.find((e) => e.path === 'enterpriseNumber')).toMatchObject({
      value: '0123.456.748',
      message: expect.stringMatching(/should be 49, not 48/),
    });
    expect(errors.find((e) => e.value === '99.999')?.message).toBe('"99.999" is not a NACE-BEL 2008 code');
    expect(errors.find((e) => e.path === 'municipalityNis')?.message).toBe(
      'no municipality has NIS code 99999',
    );
  });

  it('checks only NACE syntax and derives the province from the NIS code when no list is imported', () => {
    const v = validateOrganisation(
      { name: 'X', kind: 'enterprise', naceCodes: ['99.999'], municipalityNis: '25072' },
      NO_REF,
    );
    expect(v.ok && v.value.naceCodes).toEqual(['99999']);
    expect(v.ok && v.value.provinceNis).toBe('20002');
  });
});

describe('searchTextOf', () => {
  it('is the accent-free lower-case name (enterprise numbers are searched on their own column)', () => {
    expect(searchTextOf('Héliopôle SA')).toBe('heliopole sa');
    expect(searchTextOf('ÉCOLE Supérieure')).toBe('ecole superieure');
  });
});
