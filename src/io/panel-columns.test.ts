import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeEnterpriseNumber } from '../domain/enterprise-number.ts';
import type { ErrorDetail } from '../domain/errors.ts';
import {
  enterpriseParser,
  headerScale,
  mapPanelHeaders,
  parseDecimal,
  parseYear,
  readPanelRow,
} from './panel-columns.ts';

describe('panel headers', () => {
  it('maps French, English and Dutch headers, with accents and units', () => {
    const fr = mapPanelHeaders([
      "Numéro d'entreprise",
      'Année',
      'ETP',
      'Valeur ajoutée (k€)',
      "Chiffre d'affaires",
      'Exportations (milliers EUR)',
      'Code NACE',
      'Commune',
      'Cohorte',
      'Remarque',
    ]);
    expect(fr.errors).toEqual([]);
    expect(fr.map.index).toEqual({
      enterpriseNumber: 0,
      year: 1,
      fte: 2,
      valueAdded: 3,
      turnover: 4,
      exports: 5,
      naceCode: 6,
      municipality: 7,
      treatmentYear: 8,
    });
    expect(fr.map.scale).toEqual({ valueAdded: 1000, exports: 1000 });
    expect(fr.map.unknown).toEqual(['Remarque']);
    const nl = mapPanelHeaders(['Ondernemingsnummer', 'Boekjaar', 'VTE', 'Toegevoegde waarde', 'Omzet']);
    expect(nl.errors).toEqual([]);
    expect(Object.keys(nl.map.index).sort()).toEqual([
      'enterpriseNumber',
      'fte',
      'turnover',
      'valueAdded',
      'year',
    ]);
    const en = mapPanelHeaders([
      'enterprise_number',
      'year',
      'fte',
      'value_added',
      'turnover',
      'exports',
      'nace_code',
    ]);
    expect(en.errors).toEqual([]);
  });

  it('names the missing required columns and a column given twice', () => {
    const r = mapPanelHeaders(['nom', 'ETP', 'FTE']);
    const msgs = r.errors.map((e) => e.message).join('\n');
    expect(msgs).toMatch(/enterprise number\) is missing/);
    expect(msgs).toMatch(/\(year\) is missing/);
    expect(msgs).toMatch(/two columns mean fte: "ETP" and "FTE"/);
    expect(mapPanelHeaders(['bce', 'année', 'commune']).errors[0]?.message).toMatch(/no outcome column/);
  });

  it('reads units from headers', () => {
    expect(headerScale('Valeur ajoutée (k€)')).toBe(1000);
    expect(headerScale('VA en milliers d’euros')).toBe(1000);
    expect(headerScale('Omzet (duizend EUR)')).toBe(1000);
    expect(headerScale('Turnover (EUR m)')).toBe(1);
    expect(headerScale('Turnover (M€)')).toBe(1_000_000);
    expect(headerScale('Chiffre d’affaires')).toBe(1);
  });
});

describe('parseDecimal', () => {
  it('reads Belgian, English and spreadsheet spellings', () => {
    const cases: [string, 'be' | 'en' | 'auto', number | null][] = [
      ['1.234,5', 'be', 1234.5],
      ['1 234,5', 'be', 1234.5],
      ['1\u00a0234\u202f567,25', 'be', 1234567.25],
      ['12,5', 'be', 12.5],
      ['12.5', 'be', 12.5],
      ['1.234', 'be', 1234],
      ['1.234', 'auto', 1.234],
      ['1,234.5', 'en', 1234.5],
      ['1,234', 'en', 1234],
      ['1,234,567', 'auto', 1234567],
      ['1.234.567,8', 'auto', 1234567.8],
      ['(1.234)', 'be', -1234],
      ['−12,5', 'be', -12.5],
      ['-3', 'be', -3],
      ['1 500 €', 'be', 1500],
      ['2500 EUR', 'auto', 2500],
      ['', 'be', null],
      ['-', 'be', null],
    ];
    for (const [s, loc, v] of cases) expect(parseDecimal(s, loc), `${s} (${loc})`).toBe(v);
  });

  it('refuses what is not a number', () => {
    for (const s of ['abc', '12a', '1.23.4', '1,2,3.4,5', '€', '12..5', '1.2,3.4'])
      expect(parseDecimal(s, 'be'), s).toBeNaN();
  });

  it('property: a number written the Belgian way reads back', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 99 }), (i, c) => {
        const v = i + (Math.sign(i || 1) * c) / 100;
        const be = v.toLocaleString('fr-BE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
        const en = v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
        expect(parseDecimal(be, 'be')).toBeCloseTo(v, 6);
        expect(parseDecimal(en, 'en')).toBeCloseTo(v, 6);
        expect(parseDecimal(String(v), 'auto')).toBeCloseTo(v, 6);
      }),
    );
  });
});

describe('parseYear', () => {
  it('reads years and period ends', () => {
    expect(parseYear('2017')).toBe(2017);
    expect(parseYear('2017.0')).toBe(2017);
    expect(parseYear('31/12/2017')).toBe(2017);
    expect(parseYear('2017-12-31')).toBe(2017);
    expect(parseYear('')).toBeNull();
    expect(parseYear('17')).toBeNaN();
    expect(parseYear('deux mille')).toBeNaN();
  });
});

describe('readPanelRow', () => {
  const { map } = mapPanelHeaders([
    'bce',
    'année',
    'etp',
    'valeur ajoutée',
    'ca',
    'export',
    'nace',
    'commune',
    'cohorte',
  ]);
  const read = (cells: string[]) => {
    const errors: ErrorDetail[] = [];
    const row = readPanelRow(cells, 7, map, 'be', errors, { maxYear: 2026, enterprise: enterpriseParser() });
    return { row, errors };
  };
  const en = makeEnterpriseNumber(4_123_456);

  it('reads a good row', () => {
    const { row, errors } = read([
      `BE ${en}`,
      '2015',
      '12,5',
      '-30.000',
      '1.250.000',
      '',
      '25.620',
      '62063',
      '2012',
    ]);
    expect(errors).toEqual([]);
    expect(row).toEqual({
      enterpriseNumber: en,
      year: 2015,
      fte: 12.5,
      valueAdded: -30000,
      turnover: 1250000,
      exports: null,
      naceCode: '25620',
      municipality: '62063',
      treatmentYear: 2012,
    });
  });

  it('reports every bad cell with row, column, value and reason', () => {
    const { row, errors } = read(['0123.456.788', '2035', '-3', 'n/a', '5e13', '-1', 'X9', '', 'jamais']);
    expect(row).toBeNull();
    const byCol = Object.fromEntries(errors.map((e) => [e.column, e]));
    expect(byCol.bce?.message).toMatch(/mod-97/);
    expect(byCol.bce?.row).toBe(7);
    expect(byCol.bce?.value).toBe('0123.456.788');
    expect(byCol.année?.message).toMatch(/outside 1950–2026/);
    expect(byCol.etp?.message).toMatch(/FTE employment cannot be negative/);
    expect(byCol['valeur ajoutée']?.message).toMatch(/not a number/);
    expect(byCol.ca?.message).toMatch(/not a number/);
    expect(byCol.export?.message).toMatch(/exports cannot be negative/);
    expect(byCol.nace?.message).toMatch(/not a NACE-BEL code/);
    expect(byCol.cohorte?.message).toMatch(/not a treatment year/);
    expect(read([en, '2015', '250000']).errors[0]?.message).toMatch(/more than any Belgian employer/);
    expect(read([en, '2015', '1', '', '2.000.000.000.000']).errors[0]?.message).toMatch(/absurd/);
  });
});
