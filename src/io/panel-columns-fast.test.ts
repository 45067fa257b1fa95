import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeEnterpriseNumber } from '../domain/enterprise-number.ts';
import type { ErrorDetail } from '../domain/errors.ts';
import { parseNaceCode } from '../domain/nace.ts';
import { enterpriseParser, mapPanelHeaders, type NumberLocale, readPanelRow } from './panel-columns.ts';
import { type FastLane, plainText, readPlainLines } from './panel-columns-fast.ts';
import { generalDecimal, plainDecimal } from './panel-numbers.ts';
import { PanelRowsBuilder } from './panel-rows.ts';

/**
 * The fast lane takes a row only if the general reader (readPanelRow and the same NACE and
 * municipality rules) takes it too, with the very same values — checked on random rows mixing
 * every spelling the files use, good and bad.
 */

const HEADERS = [
  'bce',
  'année',
  'ETP',
  'Valeur ajoutée (k€)',
  "Chiffre d'affaires",
  'NACE',
  'Commune',
  'Cohorte',
];
const NACE_LIST = new Set(['25620', '10711', '2562']);
const NIS = new Set(['62063', '92094']);
const NAMES = new Map([['liege', '62063']]);
const MAX_YEAR = 2026;

function lane(out: PanelRowsBuilder, locale: NumberLocale): FastLane {
  const { map } = mapPanelHeaders(HEADERS);
  return {
    map,
    locale,
    maxYear: MAX_YEAR,
    nace: (raw) => {
      const p = parseNaceCode(raw);
      return p.ok && (/^[A-U]$/.test(p.value) || NACE_LIST.has(p.value)) ? out.naceCode(p.value) : null;
    },
    municipality: (raw) => {
      const nis = /^\d{5}$/.test(raw) ? (NIS.has(raw) ? raw : null) : (NAMES.get(raw.toLowerCase()) ?? null);
      return nis ? out.muniCode(nis) : null;
    },
  };
}

/** The general reader's answer for one row: the values it would store, or null. */
function general(cells: string[], locale: NumberLocale) {
  const { map } = mapPanelHeaders(HEADERS);
  const errors: ErrorDetail[] = [];
  const r = readPanelRow(cells, 2, map, locale, errors, {
    maxYear: MAX_YEAR,
    enterprise: enterpriseParser(),
  });
  if (!r || errors.length) return null;
  if (r.naceCode && !/^[A-U]$/.test(r.naceCode) && !NACE_LIST.has(r.naceCode)) return null;
  let muni: string | null = null;
  if (r.municipality) {
    muni = /^\d{5}$/.test(r.municipality)
      ? NIS.has(r.municipality)
        ? r.municipality
        : null
      : (NAMES.get(r.municipality.toLowerCase()) ?? null);
    if (!muni) return null;
  }
  const nan = (v: number | null) => v ?? Number.NaN;
  return [
    Number(r.enterpriseNumber),
    r.year,
    nan(r.fte),
    nan(r.valueAdded),
    nan(r.turnover),
    Number.NaN,
    r.naceCode,
    muni,
    r.treatmentYear ?? 0,
  ];
}

function fast(cells: string[], locale: NumberLocale, delimiter: string) {
  const out = new PanelRowsBuilder(4);
  let slow = 0;
  const r = readPlainLines(cells.join(delimiter), delimiter, 2, lane(out, locale), out, () => slow++);
  expect(r).toEqual({ records: 1, rows: 1 });
  if (slow) return null;
  expect(out.rows).toBe(1);
  return [
    out.enterprise[0],
    out.year[0],
    out.fte[0],
    out.valueAdded[0],
    out.turnover[0],
    out.exports[0],
    out.nace[0]! < 0 ? null : out.naceDict[out.nace[0]!],
    out.muni[0]! < 0 ? null : out.muniDict[out.muni[0]!],
    out.treatment[0],
  ];
}

const en = makeEnterpriseNumber(12_345_678);
/** mostly the spellings files use, sometimes an odd or wrong one */
const mix = (good: fc.Arbitrary<string>, odd: fc.Arbitrary<string>) =>
  fc.oneof({ arbitrary: good, weight: 5 }, { arbitrary: odd, weight: 1 });
const enterprises = mix(
  fc.constantFrom(
    en,
    `BE${en}`,
    `be ${en.slice(0, 4)}.${en.slice(4, 7)}.${en.slice(7)}`,
    en.slice(1),
    makeEnterpriseNumber(99_999_999),
  ),
  fc.constantFrom(`${en.slice(0, 9)}0`, `2${en.slice(1)}`, 'x123', '', ` ${en} `, `${en}0`),
);
const years = mix(
  fc.constantFrom('2017', '2026', '1950', '2000'),
  fc.constantFrom('1949', '2027', '2017.0', '31/12/2017', '20x3', '', ' 2015 '),
);
const numbers = mix(
  fc
    .tuple(
      fc.nat({ max: 9 }),
      fc.nat({ max: 250_000 }),
      fc.nat({ max: 99_999 }),
      fc.constantFrom(',', '.', '', ''),
    )
    .map(([sign, i, f, mark]) => `${sign === 0 ? '-' : ''}${i}${mark ? `${mark}${f}` : ''}`),
  fc.constantFrom(
    ...['', '-', '—', '1.234', '1.234,5', '12.5', '1,234.5', 'abc', '1e5', '300000', '300.000', '-0'],
    ...[' 7 ', '0012', '(12)', '12 €', '1 234,5', '-12,5', ',5', '5,', '123456789012345678'],
  ),
);
const naces = mix(
  fc.constantFrom('25.620', '25620', 'C', '10.711', '25.62', ''),
  fc.constantFrom('c', '99999', 'x', ' 25620 '),
);
const munis = mix(
  fc.constantFrom('62063', '92094', 'Liège', ''),
  fc.constantFrom('liege', '99999', 'Atlantis', '62 063', ' 92094 '),
);
const treatments = mix(fc.constantFrom('', '0', '2012'), fc.constantFrom('1800', 'x', '2012.0', ' 2013 '));

describe('panel fast lane', () => {
  it('takes a row only as the general reader would, with the same values', () => {
    let taken = 0;
    fc.assert(
      fc.property(
        fc.tuple(enterprises, years, numbers, numbers, numbers, naces, munis, treatments),
        fc.constantFrom<[NumberLocale, string]>(['be', ';'], ['en', '\t'], ['auto', '\t']),
        (cells, [locale, delimiter]) => {
          const f = fast(cells, locale, delimiter);
          if (f === null) return;
          taken++;
          const g = general(cells, locale);
          expect(g).not.toBeNull();
          expect(f.length).toBe(g!.length);
          f.forEach((v, k) => {
            expect(
              Object.is(v, g![k]),
              `cell ${k}: ${String(v)} vs ${String(g![k])} in ${cells.join('|')}`,
            ).toBe(true);
          });
        },
      ),
      { numRuns: 5000 },
    );
    expect(taken).toBeGreaterThan(100); // the comparison ran on rows the fast lane took
  });

  it('takes the plain rows of real files, and numbers the spreadsheet rows', () => {
    const out = new PanelRowsBuilder(4);
    const slow: number[] = [];
    const text = [
      `${en};2017;12,5;1.234;2000;25.620;62063;`,
      '',
      `${en};2018;13;-5;2000;25620;92094;2016`,
      `${en.slice(0, 4)}.${en.slice(4, 7)}.${en.slice(7)};2019;14;;;C;;0`,
      `${en};31/12/2020;1;1;1;C;62063;`,
    ].join('\r\n');
    expect(plainText(text)).toBe(true);
    const r = readPlainLines(text, ';', 2, lane(out, 'be'), out, (_cells, line) => slow.push(line));
    expect(r).toEqual({ records: 5, rows: 4 });
    expect(slow).toEqual([6]); // a date as the year: the general reader takes it
    expect([...out.line.slice(0, out.rows)]).toEqual([2, 4, 5]);
    expect([...out.valueAdded.slice(0, out.rows)]).toEqual([1_234_000, -5000, Number.NaN]);
    expect([...out.fte.slice(0, out.rows)]).toEqual([12.5, 13, 14]);
    expect([...out.treatment.slice(0, out.rows)]).toEqual([0, 2016, 0]);
    expect(plainText('a;"b"\n')).toBe(false);
    expect(plainText('a;b\rc;d')).toBe(false);
  });
});

describe('plain numbers', () => {
  it('read as the general reader reads them, or are left to it', () => {
    let compared = 0;
    const cell = fc.oneof(
      fc
        .array(fc.constantFrom('0', '1', '2', '5', '9', '.', ',', '-'), { minLength: 1, maxLength: 14 })
        .map((cs) => cs.join('')),
      fc
        .tuple(fc.nat({ max: 999 }), fc.array(fc.nat({ max: 999 }), { maxLength: 3 }), fc.nat({ max: 9999 }))
        .map(([h, groups, f]) => [
          `${h}${groups.map((g) => `.${String(g).padStart(3, '0')}`).join('')}`,
          `,${f}`,
        ]),
    );
    fc.assert(
      fc.property(
        cell.map((c) => (Array.isArray(c) ? c.join('') : c)),
        fc.constantFrom<NumberLocale>('be', 'en', 'auto'),
        (s, locale) => {
          const plain = plainDecimal(s, 0, s.length, locale);
          if (plain === undefined) return;
          compared++;
          const g = generalDecimal(s, locale);
          expect(Object.is(plain, g), `${s} (${locale}): ${plain} vs ${g}`).toBe(true);
        },
      ),
      { numRuns: 20_000 },
    );
    expect(compared).toBeGreaterThan(2000);
    expect(plainDecimal('1.234.567,5', 0, 11, 'be')).toBe(1_234_567.5);
    expect(plainDecimal('1,234.5', 0, 7, 'en')).toBe(1234.5);
    expect(plainDecimal('12.5', 0, 4, 'be')).toBeUndefined(); // a decimal point in a Belgian file: the general reader decides
  });
});
