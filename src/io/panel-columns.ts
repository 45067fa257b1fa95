import { parseEnterpriseNumber } from '../domain/enterprise-number.ts';
import type { ErrorDetail } from '../domain/errors.ts';
import { parseNaceCode } from '../domain/nace.ts';
import { stripAccents } from '../domain/text.ts';
import { type HeaderMap, headerKey, mapHeaderRow } from './organisation-columns.ts';
import { type NumberLocale, parseDecimal, parseYear } from './panel-numbers.ts';

/**
 * The firm-year panel files: how the National Bank's balance-sheet office (Centrale des bilans),
 * social-security (ONSS) extracts and hand-made spreadsheets name their columns, in French,
 * English and Dutch, and how their cells are read in Belgian formats (`1.234,5`, `1 234,5`,
 * `(1.234)`, `12,5 k€`). One row per enterprise and year.
 */

export type PanelField =
  | 'enterpriseNumber'
  | 'year'
  | 'fte'
  | 'valueAdded'
  | 'turnover'
  | 'exports'
  | 'naceCode'
  | 'municipality'
  | 'treatmentYear';

/** The numeric outcome columns (at least one is required). */
export const OUTCOME_FIELDS = ['fte', 'valueAdded', 'turnover', 'exports'] as const;
export type OutcomeField = (typeof OUTCOME_FIELDS)[number];

const ALIASES: Record<PanelField, string[]> = {
  enterpriseNumber: [
    'numero d entreprise',
    'numero entreprise',
    'n entreprise',
    'n d entreprise',
    'no entreprise',
    'bce',
    'n bce',
    'numero bce',
    'kbo',
    'kbo nummer',
    'enterprise number',
    'company number',
    'enterprise',
    'firm',
    'tva',
    'n tva',
    'numero tva',
    'vat',
    'vat number',
    'ondernemingsnummer',
    'btw',
  ],
  year: ['annee', 'exercice', 'exercice comptable', 'year', 'fiscal year', 'jaar', 'boekjaar', 'periode'],
  fte: [
    'etp',
    'emploi',
    'emploi etp',
    'emplois etp',
    'travailleurs etp',
    'effectif etp',
    'personnel etp',
    'nombre moyen de travailleurs en etp',
    '9087',
    'code 9087',
    'fte',
    'employment',
    'employment fte',
    'employees fte',
    'vte',
    'voltijdse equivalenten',
    'werkgelegenheid',
    'tewerkstelling',
  ],
  valueAdded: [
    'valeur ajoutee',
    'valeur ajoutee brute',
    'va',
    'value added',
    'gross value added',
    'toegevoegde waarde',
    'bruto toegevoegde waarde',
  ],
  turnover: ['chiffre d affaires', 'ca', 'code 70', 'turnover', 'sales', 'omzet'],
  exports: ['exportations', 'exportation', 'export', 'exports', 'chiffre d affaires export', 'uitvoer'],
  naceCode: [
    'nace',
    'code nace',
    'nace bel',
    'nacebel',
    'nace code',
    'code activite',
    'activite nace',
    'nace bel 2008',
  ],
  municipality: [
    'commune',
    'code nis',
    'nis',
    'code ins',
    'nis code',
    'commune nis',
    'municipality',
    'localite',
    'gemeente',
    'nis code gemeente',
  ],
  treatmentYear: [
    'annee de traitement',
    'traitement',
    'annee traitement',
    'premiere annee traitee',
    'cohorte',
    'treatment',
    'treatment year',
    'first treated',
    'first treated year',
    'cohort',
    'behandeling',
    'jaar van behandeling',
  ],
};

const BY_ALIAS = new Map<string, PanelField>();
for (const [field, aliases] of Object.entries(ALIASES) as [PanelField, string[]][])
  for (const a of aliases) BY_ALIAS.set(a, field);

/** The unit a header announces for money columns: `(k€)`, `milliers d'euros`, `x 1000` → 1,000; `M€`, `millions` → 10⁶. */
export function headerScale(header: string): number {
  const h = stripAccents(header).toLowerCase();
  if (/k€|\bk ?eur\b|millier|duizend|thousand|x ?1[ .]?000\b/.test(h)) return 1000;
  if (/m€|\bm ?eur\b|million|miljoen/.test(h)) return 1_000_000;
  return 1;
}

export interface PanelColumnMap extends HeaderMap<PanelField> {
  /** field → multiplier announced by the header (money in thousands, …) */
  scale: Partial<Record<OutcomeField, number>>;
}

/** Map the header row to fields; required: enterprise number, year and at least one outcome. */
export function mapPanelHeaders(headers: string[]): { map: PanelColumnMap; errors: ErrorDetail[] } {
  const row = mapHeaderRow(headers, (h) => BY_ALIAS.get(headerKey(h)));
  const map: PanelColumnMap = { ...row.map, scale: {} };
  const errors = row.errors;
  for (const field of ['valueAdded', 'turnover', 'exports'] as const) {
    const h = map.header[field];
    const s = h === undefined ? 1 : headerScale(h);
    if (s !== 1) map.scale[field] = s;
  }
  const names = headers.map((h) => `"${h}"`).join(', ') || 'nothing';
  if (map.index.enterpriseNumber === undefined)
    errors.push({
      path: 'row 1',
      row: 1,
      message: `the required column "numéro d'entreprise" (enterprise number) is missing; the header row has: ${names}`,
    });
  if (map.index.year === undefined)
    errors.push({
      path: 'row 1',
      row: 1,
      message: `the required column "année" (year) is missing; the header row has: ${names}`,
    });
  if (!OUTCOME_FIELDS.some((f) => map.index[f] !== undefined))
    errors.push({
      path: 'row 1',
      row: 1,
      message: `no outcome column: give at least one of "ETP" (FTE employment), "valeur ajoutée", "chiffre d'affaires", "exportations"; the header row has: ${names}`,
    });
  return { map, errors };
}

export { type NumberLocale, parseDecimal, parseYear } from './panel-numbers.ts';

/** Bounds past which a value is taken for a typo or a unit mistake, not a firm. */
export const ABSURD = {
  /** the largest Belgian employers have a few tens of thousands of FTE */
  fte: 200_000,
  /** EUR: 1,000 billion, above any Belgian company's turnover */
  money: 1e12,
  minYear: 1950,
};

/** One checked row of a panel file. */
export interface PanelRow {
  enterpriseNumber: string;
  year: number;
  fte: number | null;
  valueAdded: number | null;
  turnover: number | null;
  exports: number | null;
  naceCode: string | null;
  /** a 5-digit NIS code, or the name as written (matched against the municipality list later) */
  municipality: string | null;
  treatmentYear: number | null;
}

/** Options of `readPanelRow`: the last accepted year and memoised parsers (a panel repeats values). */
export interface PanelRowOptions {
  maxYear: number;
  enterprise: (raw: string) => ReturnType<typeof parseEnterpriseNumber>;
  nace?: (raw: string) => ReturnType<typeof parseNaceCode>;
}

function cellOf(cells: string[], map: PanelColumnMap, f: PanelField): string {
  const i = map.index[f];
  return i === undefined ? '' : (cells[i] ?? '').trim();
}

function failOf(
  errors: ErrorDetail[],
  map: PanelColumnMap,
  line: number,
  f: PanelField,
  value: string,
  message: string,
): void {
  const column = map.header[f] ?? f;
  errors.push({ path: `row ${line} / column "${column}"`, row: line, column, value, message });
}

/** Read the cells of one row; problems are pushed to `errors` with row, column, value and reason. */
export function readPanelRow(
  cells: string[],
  line: number,
  map: PanelColumnMap,
  locale: NumberLocale,
  errors: ErrorDetail[],
  opts: PanelRowOptions,
): PanelRow | null {
  const enRaw = cellOf(cells, map, 'enterpriseNumber');
  const en = opts.enterprise(enRaw);
  if (!en.ok) failOf(errors, map, line, 'enterpriseNumber', enRaw, en.reason);
  const yearRaw = cellOf(cells, map, 'year');
  const year = parseYear(yearRaw);
  if (year === null) failOf(errors, map, line, 'year', yearRaw, 'the year is missing');
  else if (Number.isNaN(year))
    failOf(errors, map, line, 'year', yearRaw, `"${yearRaw}" is not a year (2017 or 31/12/2017)`);
  else if (year < ABSURD.minYear || year > opts.maxYear)
    failOf(
      errors,
      map,
      line,
      'year',
      yearRaw,
      `the year ${year} is outside ${ABSURD.minYear}–${opts.maxYear}`,
    );
  let fte: number | null = null;
  let valueAdded: number | null = null;
  let turnover: number | null = null;
  let exports: number | null = null;
  for (const f of OUTCOME_FIELDS) {
    if (map.index[f] === undefined) continue;
    const raw = cellOf(cells, map, f);
    const v = parseDecimal(raw, locale);
    if (v === null) continue;
    if (Number.isNaN(v)) {
      failOf(errors, map, line, f, raw, `"${raw}" is not a number`);
      continue;
    }
    const scaled = v * (map.scale[f] ?? 1);
    if (f !== 'valueAdded' && scaled < 0) failOf(errors, map, line, f, raw, `${LABEL[f]} cannot be negative`);
    else if (f === 'fte' && scaled > ABSURD.fte)
      failOf(
        errors,
        map,
        line,
        f,
        raw,
        `${scaled} FTE is more than any Belgian employer (${ABSURD.fte.toLocaleString('en')})`,
      );
    else if (f !== 'fte' && Math.abs(scaled) > ABSURD.money)
      failOf(
        errors,
        map,
        line,
        f,
        raw,
        `${LABEL[f]} of ${scaled.toExponential(2)} EUR is absurd (check the unit)`,
      );
    else if (f === 'fte') fte = scaled;
    else if (f === 'valueAdded') valueAdded = scaled;
    else if (f === 'turnover') turnover = scaled;
    else exports = scaled;
  }
  let naceCode: string | null = null;
  const naceRaw = cellOf(cells, map, 'naceCode');
  if (naceRaw !== '') {
    const p = (opts.nace ?? parseNaceCode)(naceRaw);
    if (p.ok) naceCode = p.value;
    else failOf(errors, map, line, 'naceCode', naceRaw, p.reason);
  }
  const muni = cellOf(cells, map, 'municipality');
  let treatmentYear: number | null = null;
  const trRaw = cellOf(cells, map, 'treatmentYear');
  if (trRaw !== '' && trRaw !== '0') {
    const t = parseYear(trRaw);
    if (t === null || Number.isNaN(t) || t < ABSURD.minYear || t > 2100)
      failOf(
        errors,
        map,
        line,
        'treatmentYear',
        trRaw,
        `"${trRaw}" is not a treatment year (a year, or empty for never treated)`,
      );
    else treatmentYear = t;
  }
  // the caller skips a row with errors; the rest of it is still checked (municipality, NACE list)
  if (!en.ok || year === null || Number.isNaN(year)) return null;
  return {
    enterpriseNumber: en.value,
    year,
    fte,
    valueAdded,
    turnover,
    exports,
    naceCode,
    municipality: muni === '' ? null : muni,
    treatmentYear,
  };
}

const LABEL: Record<OutcomeField, string> = {
  fte: 'FTE employment',
  valueAdded: 'value added',
  turnover: 'turnover',
  exports: 'exports',
};

/** Memoised enterprise-number parsing: a panel repeats each number once a year. */
export function enterpriseParser(): (raw: string) => ReturnType<typeof parseEnterpriseNumber> {
  const memo = new Map<string, ReturnType<typeof parseEnterpriseNumber>>();
  return (raw) => {
    let r = memo.get(raw);
    if (r === undefined) {
      r = parseEnterpriseNumber(raw);
      if (memo.size < 1_000_000) memo.set(raw, r);
    }
    return r;
  };
}

/** Memoised NACE parsing (a panel repeats a firm's code every year). */
export function naceParser(): (raw: string) => ReturnType<typeof parseNaceCode> {
  const memo = new Map<string, ReturnType<typeof parseNaceCode>>();
  return (raw) => {
    let r = memo.get(raw);
    if (r === undefined) {
      r = parseNaceCode(raw);
      if (memo.size < 100_000) memo.set(raw, r);
    }
    return r;
  };
}
