import { parseEnterpriseNumber } from './enterprise-number.ts';
import type { ErrorDetail } from './errors.ts';
import { naceSection, parseNaceCode } from './nace.ts';
import { ORGANISATION_KINDS, type OrganisationKind, provinceOfMunicipality } from './organisation.ts';
import { type SizeClass, sizeClass } from './size-class.ts';
import { normaliseName, stripAccents } from './text.ts';

/**
 * Validation of one organisation, shared by the API and the importers (pure: the reference
 * lists it checks against are passed in).
 */

export interface OrganisationInput {
  name: string;
  kind: string;
  enterpriseNumber?: string | null;
  legalForm?: string | null;
  headcount?: number | null;
  turnoverEur?: number | null;
  balanceSheetEur?: number | null;
  naceCodes?: string[];
  address?: string | null;
  postcode?: string | null;
  municipalityNis?: string | null;
  website?: string | null;
  description?: string | null;
  keywords?: string[];
}

export interface OrganisationRecord {
  name: string;
  nameKey: string;
  searchText: string;
  kind: OrganisationKind;
  enterpriseNumber: string | null;
  legalForm: string | null;
  headcount: number | null;
  turnoverEur: number | null;
  balanceSheetEur: number | null;
  sizeClass: SizeClass | null;
  naceCodes: string[];
  naceSections: string[];
  address: string | null;
  postcode: string | null;
  municipalityNis: string | null;
  provinceNis: string | null;
  website: string | null;
  description: string | null;
  keywords: string[];
}

/** Reference lists; `null` when that list has not been imported (then only syntax is checked). */
export interface ReferenceLookup {
  naceCodes: ReadonlySet<string> | null;
  municipalities: ReadonlyMap<string, { provinceNis: string | null }> | null;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: ErrorDetail[] };

const blank = (s: string | null | undefined): s is null | undefined => s == null || s.trim() === '';
const clean = (s: string | null | undefined): string | null => (blank(s) ? null : s.trim());

/**
 * The text the name search (`q`) matches, through a trigram index: the name, lower case, without
 * accents. Enterprise numbers are searched on their own column (a btree range), which keeps the
 * trigram index half the size and its bulk build twice as fast.
 */
export function searchTextOf(name: string): string {
  return stripAccents(name).toLowerCase();
}

/** Module-level (not a closure per call): validation runs once per imported row. */
function addError(errors: ErrorDetail[], path: string, message: string, value?: unknown): void {
  errors.push(
    value !== undefined && value !== null ? { path, message, value: String(value) } : { path, message },
  );
}

export function validateOrganisation(
  input: OrganisationInput,
  ref: ReferenceLookup,
): Validated<OrganisationRecord> {
  const errors: ErrorDetail[] = [];

  const name = clean(input.name);
  if (!name) addError(errors, 'name', 'a name is required');
  else if (name.length > 300)
    addError(errors, 'name', 'the name is longer than 300 characters', name.slice(0, 40));

  const kind = (input.kind ?? '').trim();
  if (!(ORGANISATION_KINDS as readonly string[]).includes(kind)) {
    addError(
      errors,
      'kind',
      `unknown kind "${kind}"; expected one of ${ORGANISATION_KINDS.join(', ')}`,
      kind,
    );
  }

  let enterpriseNumber: string | null = null;
  if (!blank(input.enterpriseNumber)) {
    const p = parseEnterpriseNumber(input.enterpriseNumber);
    if (p.ok) enterpriseNumber = p.value;
    else addError(errors, 'enterpriseNumber', p.reason, input.enterpriseNumber);
  }

  for (const [field, v] of [
    ['headcount', input.headcount],
    ['turnoverEur', input.turnoverEur],
    ['balanceSheetEur', input.balanceSheetEur],
  ] as const) {
    if (v == null) continue;
    if (!Number.isFinite(v) || v < 0) addError(errors, field, `must be a number ≥ 0, not ${v}`, v);
    else if (field === 'headcount' && !Number.isInteger(v))
      addError(errors, field, `a headcount is a whole number, not ${v}`, v);
    else if (field === 'headcount' && v > 1_000_000)
      addError(errors, field, `${v} persons is not plausible`, v);
  }

  const naceCodes: string[] = [];
  for (const raw of input.naceCodes ?? []) {
    const p = parseNaceCode(raw);
    if (!p.ok) {
      addError(errors, 'naceCodes', p.reason, raw);
      continue;
    }
    if (ref.naceCodes && !ref.naceCodes.has(p.value)) {
      addError(errors, 'naceCodes', `"${raw}" is not a NACE-BEL 2008 code`, raw);
      continue;
    }
    if (!naceCodes.includes(p.value)) naceCodes.push(p.value);
  }

  let municipalityNis: string | null = clean(input.municipalityNis);
  let provinceNis: string | null = null;
  if (municipalityNis) {
    if (!/^\d{5}$/.test(municipalityNis)) {
      addError(
        errors,
        'municipalityNis',
        `"${municipalityNis}" is not a NIS code (5 digits, e.g. 62063 for Liège)`,
        municipalityNis,
      );
      municipalityNis = null;
    } else if (ref.municipalities) {
      const m = ref.municipalities.get(municipalityNis);
      if (!m)
        addError(
          errors,
          'municipalityNis',
          `no municipality has NIS code ${municipalityNis}`,
          municipalityNis,
        );
      else provinceNis = m.provinceNis;
    } else {
      provinceNis = provinceOfMunicipality(municipalityNis);
    }
  }

  const postcode = clean(input.postcode);
  if (postcode && !/^\d{4}$/.test(postcode))
    addError(errors, 'postcode', `"${postcode}" is not a Belgian postcode (4 digits)`, postcode);

  let website = clean(input.website);
  if (website) {
    if (!/^https?:\/\//i.test(website)) website = `https://${website}`;
    try {
      new URL(website);
    } catch {
      addError(errors, 'website', `"${input.website}" is not a web address`, input.website);
    }
  }

  if (errors.length > 0 || !name) return { ok: false, errors };
  const headcount = input.headcount ?? null;
  const turnoverEur = input.turnoverEur ?? null;
  const balanceSheetEur = input.balanceSheetEur ?? null;
  const keywords = [...new Set((input.keywords ?? []).map((k) => k.trim()).filter((k) => k !== ''))];
  return {
    ok: true,
    value: {
      name,
      nameKey: normaliseName(name),
      searchText: searchTextOf(name),
      kind: kind as OrganisationKind,
      enterpriseNumber,
      legalForm: clean(input.legalForm),
      headcount,
      turnoverEur,
      balanceSheetEur,
      sizeClass: kind === 'enterprise' ? sizeClass({ headcount, turnoverEur, balanceSheetEur }) : null,
      naceCodes,
      naceSections: [...new Set(naceCodes.map((c) => naceSection(c)).filter((s): s is string => s != null))],
      address: clean(input.address),
      postcode,
      municipalityNis,
      provinceNis,
      website,
      description: clean(input.description),
      keywords,
    },
  };
}
