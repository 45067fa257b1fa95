import { describe, expect, it } from 'vitest';
import { ORGANISATION_COLUMNS } from '../modules/registry/organisations.export.ts';
import {
  columnOf,
  headerKey,
  mapHeaders,
  parseKind,
  parseNumber,
  rowToInput,
} from './organisation-columns.ts';

describe('parseNumber (as Belgians write numbers)', () => {
  it.each<[string, number | null]>([
    ['1.234.567,89', 1_234_567.89],
    ['1 234', 1234],
    ['1\u00a0234\u202f567', 1_234_567],
    ['12,5', 12.5],
    ['1.234', 1234],
    ['12.5', 12.5],
    ['1234567.89', 1_234_567.89],
    ['1,234,567.89', 1_234_567.89],
    ['1.000 €', 1000],
    ['2500000 EUR', 2_500_000],
    ['42', 42],
    ['', null],
    ['   ', null],
  ])('%j → %j', (raw, n) => {
    expect(parseNumber(raw)).toBe(n);
  });

  it.each(['12 k€', 'douze', '1.23.4', '1,2,3', '12..5', '--3'])('%j is not a number', (raw) => {
    expect(parseNumber(raw)).toBe('invalid');
  });
});

describe('mapHeaders', () => {
  it('maps French headers, whatever the case, accents and punctuation', () => {
    const { map, errors } = mapHeaders([
      'Dénomination',
      "N° d'entreprise",
      'Catégorie',
      'Effectifs',
      "Chiffre d'affaires (EUR)",
      'Total du bilan',
      'Code NACE',
      'Adresse',
      'CP',
      'Commune',
      'Site internet',
      "Date d'adhésion",
      'Date de sortie',
      'Pôle',
      'Remarques',
    ]);
    expect(errors).toEqual([]);
    expect(map.index).toEqual({
      name: 0,
      enterpriseNumber: 1,
      kind: 2,
      headcount: 3,
      turnoverEur: 4,
      balanceSheetEur: 5,
      naceCodes: 6,
      address: 7,
      postcode: 8,
      municipality: 9,
      website: 10,
      joinedOn: 11,
      leftOn: 12,
      network: 13,
    });
    expect(map.header.enterpriseNumber).toBe("N° d'entreprise");
    expect(map.unknown).toEqual(['Remarques']);
  });

  it('maps English headers', () => {
    const { map, errors } = mapHeaders([
      'Name',
      'VAT number',
      'Kind',
      'Employees',
      'Turnover',
      'Balance sheet total',
      'NACE codes',
      'Postal code',
      'Municipality',
      'Website',
      'Member since',
      'Member until',
      'Network',
    ]);
    expect(errors).toEqual([]);
    expect(Object.keys(map.index)).toEqual([
      'name',
      'enterpriseNumber',
      'kind',
      'headcount',
      'turnoverEur',
      'balanceSheetEur',
      'naceCodes',
      'postcode',
      'municipality',
      'website',
      'joinedOn',
      'leftOn',
      'network',
    ]);
  });

  it('reports a missing name column, quoting the header row', () => {
    const { errors } = mapHeaders(['BCE', 'Effectif']);
    expect(errors).toEqual([
      {
        path: 'row 1',
        row: 1,
        message: 'the required column "nom" (name) is missing; the header row has: "BCE", "Effectif"',
      },
    ]);
  });

  it('reports two columns that mean the same field', () => {
    const { errors } = mapHeaders(['Nom', 'BCE', 'N° TVA']);
    expect(errors).toEqual([
      {
        path: 'column "N° TVA"',
        column: 'N° TVA',
        row: 1,
        message: 'two columns mean enterpriseNumber: "BCE" and "N° TVA"',
      },
    ]);
  });

  it('maps the header row Polaris exports back without conflict (an export imports back)', () => {
    const headers = ORGANISATION_COLUMNS.map((c) => c.header);
    const { map, errors } = mapHeaders(headers);
    expect(errors).toEqual([]);
    expect(map.header).toMatchObject({
      name: 'Nom',
      enterpriseNumber: "Numéro d'entreprise",
      kind: 'Type',
      headcount: 'Effectif',
      naceCodes: 'Codes NACE',
      postcode: 'Code postal',
      municipality: 'Code NIS',
      website: 'Site web',
    });
    // "(info)" columns are for reading, never imported
    for (const h of headers.filter((x) => x.includes('(info)')))
      expect(Object.values(map.header)).not.toContain(h);
  });

  it('keys headers without accents, case, punctuation or parenthesised notes', () => {
    expect(headerKey("  Numéro d'Entreprise (BCE) ")).toBe('numero d entreprise');
    expect(headerKey('N° TVA')).toBe('n tva');
  });
});

describe('parseKind', () => {
  it.each([
    ['Entreprise', 'enterprise'],
    ['PME', 'enterprise'],
    ['Université', 'university'],
    ['Haute École', 'university_college'],
    ['university_college', 'university_college'],
    ['Centre de recherche agréé', 'research_centre'],
    ['Opérateur de formation', 'training_operator'],
    ['ASBL', 'association'],
    ['Pouvoir public', 'public_body'],
    ['Autre', 'other'],
    [' Fondation ', 'Fondation'],
  ])('%j → %j', (raw, kind) => {
    expect(parseKind(raw)).toBe(kind);
  });
});

describe('rowToInput', () => {
  const { map } = mapHeaders([
    'Nom',
    'BCE',
    'Type',
    'Effectif',
    'CA',
    'NACE',
    'Commune',
    'Adhésion',
    'Sortie',
    'Pôle',
  ]);

  it('turns cells into an organisation input and membership fields', () => {
    const row = rowToInput(
      [
        'Héliopôle SA',
        '0123.456.749',
        'PME',
        '1 234',
        '1.234.567,89',
        '62.010; 72.190',
        'Liège',
        '31/12/2017',
        '',
        'Skywin',
      ],
      7,
      map,
      'enterprise',
    );
    expect(row).toMatchObject({
      line: 7,
      input: {
        name: 'Héliopôle SA',
        kind: 'enterprise',
        enterpriseNumber: '0123.456.749',
        headcount: 1234,
        turnoverEur: 1_234_567.89,
        naceCodes: ['62.010', '72.190'],
        municipalityNis: null,
      },
      municipalityName: 'Liège',
      network: 'Skywin',
      joinedOn: '2017-12-31',
      leftOn: null,
      errors: [],
    });
  });

  it('takes a five-digit municipality as a NIS code and uses the default kind without a kind cell', () => {
    const row = rowToInput(['X', '', '', '', '', '', '62063', '', '', ''], 2, map, 'research_centre');
    expect(row.input.municipalityNis).toBe('62063');
    expect(row.municipalityName).toBeNull();
    expect(row.input.kind).toBe('research_centre');
  });

  it('names row, column and value of a bad number or date', () => {
    const row = rowToInput(['X', '', '', 'beaucoup', '', '', '', '29/02/2019', '', ''], 12, map, null);
    expect(row.errors).toEqual([
      {
        path: 'row 12 / column "Effectif"',
        row: 12,
        column: 'Effectif',
        value: 'beaucoup',
        message: '"beaucoup" is not a number',
      },
      {
        path: 'row 12 / column "Adhésion"',
        row: 12,
        column: 'Adhésion',
        value: '29/02/2019',
        message: '"29/02/2019" is not a valid calendar date',
      },
    ]);
  });

  it('finds the file column of a validation field', () => {
    expect(columnOf(map, 'municipalityNis')).toBe('Commune');
    expect(columnOf(map, 'enterpriseNumber')).toBe('BCE');
    expect(columnOf(map, 'website')).toBeUndefined();
  });
});
