import { parseDate } from '../domain/dates.ts';
import type { ErrorDetail } from '../domain/errors.ts';
import { splitNaceList } from '../domain/nace.ts';
import type { OrganisationKind } from '../domain/organisation.ts';
import type { OrganisationInput } from '../domain/organisation-input.ts';
import { stripAccents } from '../domain/text.ts';

/**
 * How member spreadsheets name their columns, in French, English and Dutch, and how their cells
 * become an OrganisationInput. The headers Polaris exports (organisations.export.ts) are among
 * the aliases, so an export imports back unchanged.
 */

export type ImportField =
  | 'name'
  | 'kind'
  | 'enterpriseNumber'
  | 'legalForm'
  | 'headcount'
  | 'turnoverEur'
  | 'balanceSheetEur'
  | 'naceCodes'
  | 'address'
  | 'postcode'
  | 'municipality'
  | 'website'
  | 'description'
  | 'keywords'
  | 'network'
  | 'joinedOn'
  | 'leftOn';

const ALIASES: Record<ImportField, string[]> = {
  name: [
    'nom',
    'name',
    'denomination',
    'raison sociale',
    'organisation',
    'organization',
    'naam',
    'societe',
    'entreprise',
  ],
  kind: ['type', 'kind', 'categorie', 'category', 'type d organisation', 'type organisation', 'soort'],
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
    'enterprise number',
    'company number',
    'tva',
    'n tva',
    'numero tva',
    'vat',
    'vat number',
    'ondernemingsnummer',
    'btw',
  ],
  legalForm: ['forme juridique', 'legal form', 'rechtsvorm'],
  headcount: [
    'effectif',
    'effectifs',
    'headcount',
    'employees',
    'personnel',
    'staff',
    'emploi',
    'nombre d employes',
    'werknemers',
    'travailleurs',
  ],
  turnoverEur: ['chiffre d affaires', 'ca', 'turnover', 'omzet', 'chiffre d affaires eur'],
  balanceSheetEur: [
    'total du bilan',
    'total bilan',
    'bilan',
    'balance sheet',
    'balance sheet total',
    'balanstotaal',
  ],
  naceCodes: ['nace', 'code nace', 'codes nace', 'nace bel', 'nace codes', 'code activite', 'activite nace'],
  address: ['adresse', 'address', 'rue', 'adres', 'street'],
  postcode: ['code postal', 'cp', 'postcode', 'postal code', 'zip', 'postcode'],
  municipality: [
    'commune',
    'municipality',
    'localite',
    'ville',
    'city',
    'gemeente',
    'code nis',
    'nis',
    'code ins',
    'nis code',
    'commune nis',
  ],
  website: ['site web', 'site internet', 'site', 'website', 'url', 'web'],
  description: ['description', 'activite', 'activites', 'beschrijving'],
  keywords: ['mots cles', 'mot cles', 'keywords', 'tags', 'trefwoorden'],
  network: ['reseau', 'pole', 'cluster', 'network', 'netwerk'],
  joinedOn: [
    'date d adhesion',
    'adhesion',
    'membre depuis',
    'date adhesion',
    'joined on',
    'joined',
    'member since',
    'lid sinds',
  ],
  leftOn: ['date de sortie', 'sortie', 'date de depart', 'left on', 'left', 'member until', 'lid tot'],
};

export function headerKey(h: string): string {
  return stripAccents(h)
    .toLowerCase()
    .replace(/[°º]/g, '')
    .replace(/\(.*?\)/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const BY_ALIAS = new Map<string, ImportField>();
for (const [field, aliases] of Object.entries(ALIASES) as [ImportField, string[]][]) {
  for (const a of aliases) if (!BY_ALIAS.has(a)) BY_ALIAS.set(a, field);
}

/** Where each field of an import sits in the file's header row. */
export interface HeaderMap<F extends string> {
  /** field → column index */
  index: Partial<Record<F, number>>;
  /** field → header as written in the file (for error reports) */
  header: Partial<Record<F, string>>;
  /** non-empty headers that mean nothing to the importer */
  unknown: string[];
}

export type ColumnMap = HeaderMap<ImportField>;

/**
 * Map a header row to fields (`fieldOf` reads one header, usually through an alias table keyed by
 * `headerKey`); two columns meaning the same field are an error naming both, at row 1. Shared by
 * the member-list and the firm-year panel importers.
 */
export function mapHeaderRow<F extends string>(
  headers: string[],
  fieldOf: (header: string) => F | undefined,
): { map: HeaderMap<F>; errors: ErrorDetail[] } {
  const map: HeaderMap<F> = { index: {}, header: {}, unknown: [] };
  const errors: ErrorDetail[] = [];
  headers.forEach((h, i) => {
    const field = fieldOf(h);
    if (!field) {
      if (h.trim() !== '') map.unknown.push(h);
      return;
    }
    if (map.index[field] !== undefined) {
      errors.push({
        path: `column "${h}"`,
        column: h,
        row: 1,
        message: `two columns mean ${field}: "${map.header[field]}" and "${h}"`,
      });
      return;
    }
    map.index[field] = i;
    map.header[field] = h;
  });
  return { map, errors };
}

export function mapHeaders(headers: string[]): { map: ColumnMap; errors: ErrorDetail[] } {
  // "(info)" columns of a Polaris export (locality, province, networks, id) are for reading only.
  const { map, errors } = mapHeaderRow(headers, (h) =>
    /\(info\)\s*$/i.test(h) ? undefined : BY_ALIAS.get(headerKey(h)),
  );
  if (map.index.name === undefined) {
    errors.push({
      path: 'row 1',
      row: 1,
      message: `the required column "nom" (name) is missing; the header row has: ${headers.map((h) => `"${h}"`).join(', ') || 'nothing'}`,
    });
  }
  return { map, errors };
}

const KIND_WORDS: Record<string, OrganisationKind> = {
  enterprise: 'enterprise',
  entreprise: 'enterprise',
  societe: 'enterprise',
  company: 'enterprise',
  bedrijf: 'enterprise',
  onderneming: 'enterprise',
  pme: 'enterprise',
  sme: 'enterprise',
  kmo: 'enterprise',
  'grande entreprise': 'enterprise',
  industrie: 'enterprise',
  university: 'university',
  universite: 'university',
  universiteit: 'university',
  univ: 'university',
  university_college: 'university_college',
  'university college': 'university_college',
  'haute ecole': 'university_college',
  hogeschool: 'university_college',
  he: 'university_college',
  research_centre: 'research_centre',
  'research centre': 'research_centre',
  'research center': 'research_centre',
  'centre de recherche': 'research_centre',
  'centre de recherche agree': 'research_centre',
  onderzoekscentrum: 'research_centre',
  laboratoire: 'research_centre',
  training_operator: 'training_operator',
  'training operator': 'training_operator',
  'operateur de formation': 'training_operator',
  'centre de formation': 'training_operator',
  formation: 'training_operator',
  opleidingscentrum: 'training_operator',
  public_body: 'public_body',
  'public body': 'public_body',
  'organisme public': 'public_body',
  'pouvoir public': 'public_body',
  administration: 'public_body',
  overheid: 'public_body',
  association: 'association',
  asbl: 'association',
  vzw: 'association',
  federation: 'association',
  vereniging: 'association',
  other: 'other',
  autre: 'other',
  ander: 'other',
  divers: 'other',
};

const kindCache = new Map<string, string>();

/** A kind as written in a spreadsheet ("Université", "PME", "asbl") → the Polaris kind (memoised: a column repeats a few values). */
export function parseKind(raw: string): string {
  let kind = kindCache.get(raw);
  if (kind === undefined) {
    const k = headerKey(raw);
    kind = KIND_WORDS[k] ?? KIND_WORDS[k.replace(/ /g, '_')] ?? raw.trim();
    if (kindCache.size < 1000) kindCache.set(raw, kind);
  }
  return kind;
}

/** Numbers as Belgians write them: `1.234.567,89`, `1 234 567`, `1234567.89`, `12 k€` is not accepted. */
const PLAIN_INTEGER = /^\d{1,15}$/;

export function parseNumber(raw: string): number | null | 'invalid' {
  if (PLAIN_INTEGER.test(raw)) return Number(raw); // the common case, first
  let s = raw
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/€|eur$/i, '');
  if (s === '') return null;
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) s = s.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d+,\d+$/.test(s)) s = s.replace(',', '.');
  else if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return 'invalid';
  return Number(s);
}

export interface ImportRow {
  line: number;
  input: OrganisationInput;
  /** a municipality written as a name, to resolve against the reference list */
  municipalityName: string | null;
  network: string | null;
  joinedOn: string | null;
  leftOn: string | null;
  errors: ErrorDetail[];
}

// Module-level helpers rather than per-row closures: rowToInput runs once per imported row.
function cellOf(cells: string[], map: ColumnMap, f: ImportField): string {
  const i = map.index[f];
  return i === undefined ? '' : (cells[i] ?? '').trim();
}

function cellError(
  errors: ErrorDetail[],
  line: number,
  map: ColumnMap,
  f: ImportField,
  value: string,
  message: string,
): void {
  errors.push({
    path: `row ${line} / column "${map.header[f]}"`,
    row: line,
    column: map.header[f],
    value,
    message,
  });
}

function numberCell(
  cells: string[],
  line: number,
  map: ColumnMap,
  f: ImportField,
  errors: ErrorDetail[],
): number | null {
  const raw = cellOf(cells, map, f);
  if (raw === '') return null;
  const n = parseNumber(raw);
  if (n === 'invalid') {
    cellError(errors, line, map, f, raw, `"${raw}" is not a number`);
    return null;
  }
  return n;
}

function dateCell(
  cells: string[],
  line: number,
  map: ColumnMap,
  f: ImportField,
  errors: ErrorDetail[],
): string | null {
  const raw = cellOf(cells, map, f);
  if (raw === '') return null;
  const d = parseDate(raw);
  if (!d.ok) {
    cellError(errors, line, map, f, raw, d.reason);
    return null;
  }
  return d.value;
}

const NIS = /^\d{5}$/;
const LIST_SEPARATORS = /[;,|]/;

export function rowToInput(
  cells: string[],
  line: number,
  map: ColumnMap,
  defaultKind: string | null,
): ImportRow {
  const errors: ErrorDetail[] = [];
  const rawKind = cellOf(cells, map, 'kind');
  const muni = cellOf(cells, map, 'municipality');
  const isNis = NIS.test(muni);
  const rawKeywords = cellOf(cells, map, 'keywords');
  const keywords: string[] = [];
  if (rawKeywords !== '') {
    for (const k of rawKeywords.split(LIST_SEPARATORS)) {
      const t = k.trim();
      if (t !== '') keywords.push(t);
    }
  }
  const rawNace = cellOf(cells, map, 'naceCodes');
  const input: OrganisationInput = {
    name: cellOf(cells, map, 'name'),
    kind: rawKind ? parseKind(rawKind) : (defaultKind ?? ''),
    enterpriseNumber: cellOf(cells, map, 'enterpriseNumber') || null,
    legalForm: cellOf(cells, map, 'legalForm') || null,
    headcount: numberCell(cells, line, map, 'headcount', errors),
    turnoverEur: numberCell(cells, line, map, 'turnoverEur', errors),
    balanceSheetEur: numberCell(cells, line, map, 'balanceSheetEur', errors),
    naceCodes: rawNace === '' ? [] : splitNaceList(rawNace),
    address: cellOf(cells, map, 'address') || null,
    postcode: cellOf(cells, map, 'postcode') || null,
    municipalityNis: isNis ? muni : null,
    website: cellOf(cells, map, 'website') || null,
    description: cellOf(cells, map, 'description') || null,
    keywords,
  };
  return {
    line,
    input,
    municipalityName: !isNis && muni !== '' ? muni : null,
    network: cellOf(cells, map, 'network') || null,
    joinedOn: dateCell(cells, line, map, 'joinedOn', errors),
    leftOn: dateCell(cells, line, map, 'leftOn', errors),
    errors,
  };
}

/** Field name → the file's header, to name the column of a validation error. */
export function columnOf(map: ColumnMap, field: string): string | undefined {
  const f = field === 'municipalityNis' ? 'municipality' : field;
  return map.header[f as ImportField];
}
